import { describe, expect, it } from "vitest";
import { homeSentence, keptText, recordText } from "./display";

describe("retention display", () => {
  it("names the record and says where it stands", () => {
    expect(recordText({ category: "client-record", item: null })).toBe("Client record");
    expect(recordText({ category: "artwork", item: "ART-0007" })).toBe("Artwork held ART-0007");
    expect(keptText({ state: "kept", dueOn: "10/12/2040" })).toEqual({ tone: "kept", words: "Kept until 10/12/2040" });
    expect(keptText({ state: "due", dueOn: "09/05/2025" }).words).toBe("Due: may be destroyed from 09/05/2025");
    expect(keptText({ state: "on-hold", dueOn: "10/12/2040" }).tone).toBe("hold");
    expect(keptText({ state: "in-therapy", dueOn: null }).words).toBe("In therapy: nothing counts down yet");
  });

  it("puts Home's counts in a sentence", () => {
    expect(homeSentence(3, 1)).toBe("3 records may be destroyed now, 1 record due later this month");
    expect(homeSentence(0, 0)).toBe("");
  });
});
