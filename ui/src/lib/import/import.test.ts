import { describe, expect, it } from "vitest";
import { choicesFrom, columnMapping, columnSelectId, importedSentence } from "./api";

describe("import", () => {
  it("turns the screen's choices into the core's mapping and back", () => {
    expect(columnMapping({ "First name": "givenName", Notes: "" })).toEqual([["First name", "givenName"], ["Notes", "-"]]);
    const preview = { columns: [{ column: "DOB", field: "dateOfBirth" }, { column: "x", field: null }], availableFields: [], rows: [], good: 0, bad: 0 };
    expect(choicesFrom(preview)).toEqual({ DOB: "dateOfBirth", x: "" });
    expect(columnSelectId("First name")).toBe("map-First-name");
  });
  it("says what was imported", () => {
    expect(importedSentence({ good: 1, bad: 0 })).toBe("Imported 1 client.");
    expect(importedSentence({ good: 2, bad: 1 })).toBe("Imported 2 clients. 1 row(s) were left out.");
  });
});
