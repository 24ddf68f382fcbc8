import { describe, expect, it } from "vitest";
import type { Checklist } from "../generated/Checklist";
import type { HandoverStatus } from "../generated/HandoverStatus";
import { decodeParts, encodeParts } from "../password";
import { andList, checklistSections, itemId, progressText, reviewText, successorText, thresholdSentence } from "./display";
import { blankFields, fieldsFrom, handoverErrors, handoverRequest } from "./form";
import { blankShare, checkedSentence, isBlank, missingTop, shareFields, shareLabel, shareText, stillNeeded } from "./shares";

const status: HandoverStatus = {
  vault: "7c1e59a2", set: 2, threshold: 2, shares: 3,
  holders: [{ share: 1, name: "Priya Shah" }, { share: 2, name: "Tomasz Nowak" }, { share: 3, name: "Ruth Okafor" }],
  successor: { name: "Joan Whitlock", profession: "Art therapist", registration: "", contact: "07700 900123" },
  setUpOn: "22/11/2026", reviewedOn: null, reviewBy: "22/11/2027", reviewDue: false, laptop: "Desk drawer", backups: "Fire safe", instructions: "Keys with my sister",
};

describe("the handover form", () => {
  it("starts as two of three holders, and a re-issue starts from the handover as it stands", () => {
    expect(blankFields()).toMatchObject({ threshold: "2", holders: ["", "", ""] });
    const again = handoverRequest(fieldsFrom(status));
    expect(again.holders).toEqual(["Priya Shah", "Tomasz Nowak", "Ruth Okafor"]);
    expect(again.successor).toEqual(status.successor);
    expect([again.threshold, again.laptop, again.instructions]).toEqual(["2", "Desk drawer", "Keys with my sister"]);
  });
  it("places the core's problems beside their inputs", () => {
    const problems = [
      { field: "successorName", message: "Name the successor." },
      { field: "holders", message: "Enter the name of holder 2." },
    ];
    expect(handoverErrors({ code: "INVALID_INPUT", message: "", field: "successorName", problems })).toEqual([
      { id: "handover-successor-name", message: "Name the successor." },
      { id: "handover-holder-1", message: "Enter the name of holder 2." },
    ]);
  });
});

describe("a share as entered", () => {
  it("is the share's text, top lines then numbered lines, whether typed or pasted", () => {
    const typed = { ...blankShare(), vault: " 7c1e59a2", set: "1", number: "2", count: "3", needed: "2" };
    typed.lines = typed.lines.map((_, i) => (i === 0 ? " abandon  ability able about above " : "zoo zoo zoo zoo zoo"));
    const text = shareText(typed);
    expect(text.startsWith("Vault: 7c1e59a2\nSet: 1\nShare: 2 of 3\nNeeded: 2\n1  abandon ability able about above\n2  zoo")).toBe(true);
    expect(text.trimEnd().split("\n")).toHaveLength(10);
    expect(shareText({ ...blankShare(), pasting: true, pasted: "FOLIO HANDOVER SHARE\n…" })).toBe("FOLIO HANDOVER SHARE\n…");
  });
  it("asks for the top numbers before sending, and a blank share is left out", () => {
    expect(isBlank(blankShare())).toBe(true);
    const words = { ...blankShare(), lines: ["abandon", "", "", "", "", ""] };
    expect(isBlank(words)).toBe(false);
    expect(missingTop(words)).toMatch(/^Enter the vault, set, share number/);
    expect(missingTop({ ...words, pasting: true })).toBe("");
  });
  it("names the shares in words and says what one tells", () => {
    expect([shareLabel(0), shareLabel(1), shareLabel(10)]).toEqual(["First share", "Second share", "Share 11"]);
    expect(checkedSentence({ number: 2, count: 3, threshold: 2, set: 1 })).toBe(
      "Share 2 of 3 (set 1) reads correctly. Any 2 of the 3 shares together open the vault.",
    );
    expect(stillNeeded(3, 1)).toBe("2 more shares are needed: ask other holders.");
    expect(stillNeeded(2, 2)).toBe("");
  });
});

describe("secrets as raw parts", () => {
  it("go there and back, and a cut reply is refused", () => {
    const body = encodeParts(["word one", "", "pé"]);
    expect(Array.from(body.slice(0, 4))).toEqual([0, 0, 0, 8]);
    const parts = decodeParts(body).map((p) => new TextDecoder().decode(p));
    expect(parts).toEqual(["word one", "", "pé"]);
    expect(() => decodeParts(body.slice(0, body.length - 1))).toThrow();
  });
});

describe("the handover in words", () => {
  it("says how many shares open the vault, who succeeds and when to review", () => {
    expect(thresholdSentence(2, 3)).toBe("Any 2 of the 3 shares together open the vault; fewer reveal nothing.");
    expect(thresholdSentence(1, 1)).toBe("The one share opens the vault on its own.");
    expect(successorText(status.successor)).toBe("Joan Whitlock (Art therapist; 07700 900123)");
    expect(reviewText(status)).toEqual({ text: "Set up on 22/11/2026. Review it by 22/11/2027.", due: false });
    expect(reviewText({ ...status, reviewDue: true }).text).toMatch(/^Review due since 22\/11\/2027: it was set up on 22\/11\/2026\./);
    const reviewed = { ...status, reviewedOn: "20/11/2027", reviewBy: "20/11/2028" };
    expect(reviewText(reviewed).text).toBe("Set up on 22/11/2026, last reviewed on 20/11/2027. Review it by 20/11/2028.");
    expect(reviewText({ ...reviewed, reviewDue: true }).text).toMatch(/^Review due since 20\/11\/2028: it was last reviewed on 20\/11\/2027\./);
    expect(andList(["1", "2", "4"])).toBe("1, 2 and 4");
  });
  it("groups the checklist under the core's headings, in its order", () => {
    const list: Checklist = {
      items: [
        { key: "instructions", group: "instructions", text: "Read them", due: null, tickedOn: null },
        { key: "client:JQ-0001", group: "clients", text: "Tell JQ", due: null, tickedOn: "22/11/2026" },
        { key: "own-handover", group: "own-handover", text: "Set one up", due: null, tickedOn: null },
      ],
      done: 1, total: 3, instructions: "",
    };
    expect(checklistSections(list).map((s) => s.label)).toEqual([
      "The therapist's instructions",
      "Clients in therapy to contact",
      "A handover of your own",
    ]);
    expect(progressText(list)).toBe("1 of 3 done");
    expect(itemId("client:JQ-0001")).toBe("check-client-jq-0001");
  });
});

describe("a share the core refuses at opening", () => {
  it("is pointed at by its place among the shares given, skipping blank entries", () => {
    // Entries 0 and 2 were filled in; entry 1 was left blank, so the core saw two shares.
    const at = shareFields([0, 2]);
    expect(at.entryOf("share-2")).toBe(2);
    expect(at.entryOf("share-1")).toBe(0);
    expect(at.entryOf("share-3")).toBeNull();
    expect(at.entryOf("password")).toBeNull();
    expect(at.entryOf(null)).toBeNull();
    expect(at.ids((i) => `share-${i + 1}-vault`)).toEqual({ "share-1": "share-1-vault", "share-2": "share-3-vault" });
  });
});
