import { describe, expect, it } from "vitest";
import type { Artwork } from "../generated/Artwork";
import { changeArtwork, recordArtwork } from "./api";
import { byLocation, collectionCounts, collectionSentence, eventText, locationHint, NO_LOCATION, standingText } from "./display";
import { artworkRequest, changeFieldIds, emptyArtworkForm, emptyChangeForm } from "./form";

function piece(over: Partial<Artwork>): Artwork {
  return {
    reference: "ART-0001", client: "JQ-0001", initials: "JQ", episode: 1, session: null, made: "01/10/2026",
    medium: "", size: "", description: "Clay figure", location: "Cabinet A", state: "held", collectBy: null,
    collection: "not-due", history: [], ...over,
  };
}

describe("artwork display", () => {
  it("says how a piece stands against its collection date, or how it left", () => {
    expect(standingText(piece({}))).toEqual({ tone: "held", words: "Held: in therapy" });
    expect(standingText(piece({ collection: "due", collectBy: "28/02/2027" })).words).toBe("Due for collection by 28/02/2027");
    expect(standingText(piece({ collection: "overdue", collectBy: "28/02/2026" })).tone).toBe("overdue");
    const returned = piece({ state: "returned", history: [{ change: "returned", on: "03/12/2026", location: null, detail: "KQ's mother" }] });
    expect(standingText(returned)).toEqual({ tone: "done", words: "Returned on 03/12/2026 to KQ's mother" });
    expect(eventText({ change: "moved", on: "02/10/2026", location: "Store", detail: "" })).toBe("Moved to Store on 02/10/2026");
  });

  it("groups held pieces by location, A to Z with no location last, overdue first", () => {
    const groups = byLocation([
      piece({ reference: "ART-0003", location: "cabinet B" }),
      piece({ reference: "ART-0001", location: "Cabinet A" }),
      piece({ reference: "ART-0002", location: "Cabinet A", collection: "overdue", collectBy: "01/01/2026" }),
      piece({ reference: "ART-0004", location: null }),
      piece({ reference: "ART-0005", state: "disposed" }),
    ]);
    expect(groups.map((g) => g.name)).toEqual(["Cabinet A", "cabinet B", NO_LOCATION]);
    expect(groups[0].items.map((a) => a.reference)).toEqual(["ART-0002", "ART-0001"]);
    expect(groups[0].overdue).toBe(1);
    expect(collectionSentence(collectionCounts([piece({ collection: "due" }), piece({ collection: "due" }), piece({ collection: "overdue" })]))).toBe(
      "2 pieces due for collection, 1 overdue, to be disposed of",
    );
    expect(collectionSentence({ due: 0, overdue: 0 })).toBe("");
    expect(locationHint(["Cabinet A", "Store"], "x")).toBe("One of: Cabinet A; Store. Or a new place.");
    expect(locationHint([], "Cabinet A")).toBe("Where it is, for example “Cabinet A”.");
  });
});

describe("artwork forms", () => {
  it("sends what was typed, the session as a number or none", () => {
    const form = { ...emptyArtworkForm(), description: "Clay", session: "7", made: { day: "1", month: "10", year: "2026" } };
    expect(artworkRequest(form)).toEqual({ description: "Clay", made: "01/10/2026", medium: "", size: "", location: "", session: 7 });
    expect(artworkRequest(emptyArtworkForm()).session).toBeNull();
    expect(changeFieldIds("ART-0002").how).toBe("ART-0002-detail");
  });

  it("calls the one change the therapist chose and says how the piece now stands", async () => {
    const calls: string[] = [];
    const returned = piece({ state: "returned", history: [{ change: "returned", on: "03/12/2026", location: null, detail: "JQ" }] });
    const api = {
      moveArtwork: async () => (calls.push("move"), piece({})),
      returnArtwork: async (_r: string, on: string, to: string) => (calls.push(`return ${on} ${to}`), returned),
      keepArtwork: async () => (calls.push("keep"), piece({})),
      disposeArtwork: async () => (calls.push("dispose"), piece({})),
    };
    const form = { ...emptyChangeForm("return", new Date(2026, 11, 3)), detail: "JQ" };
    expect(await changeArtwork(api, "ART-0001", form)).toBe("ART-0001: Returned on 03/12/2026 to JQ.");
    expect(calls).toEqual(["return 03/12/2026 JQ"]);
    const added = await recordArtwork({ addArtwork: async () => piece({ reference: "ART-0009", location: null }) }, "JQ-0001", emptyArtworkForm());
    expect(added.message).toContain("ART-0009 recorded");
  });
});
