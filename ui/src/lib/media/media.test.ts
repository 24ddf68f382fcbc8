import { describe, expect, it } from "vitest";
import type { Media } from "../generated/Media";
import { addMedia } from "./api";
import { mediaStanding, mediaTitle, photoAlt, sizeText } from "./display";
import { emptyMediaForm, mediaRequest } from "./form";

function item(over: Partial<Media>): Media {
  return {
    id: 1, client: "JQ-0001", initials: "JQ", episode: 1, kind: "photo", fileName: "p.jpg", mediaType: "image/jpeg",
    size: 820 * 1024, addedOn: "30/11/2026", artwork: "ART-0003", session: null, caption: "", consent: 4, state: "kept",
    review: null, keptReason: null, keptOn: null, destroyedReason: null, destroyedOn: null, ...over,
  };
}

describe("media display", () => {
  it("says what each item is, how big, and where it stands", () => {
    expect(sizeText(820 * 1024)).toBe("820 KB");
    expect(sizeText(200 * 1024 * 1024)).toBe("200.0 MB");
    expect(mediaTitle(item({}))).toBe("Photo of artwork of ART-0003, added 30/11/2026 · 820 KB");
    expect(mediaStanding(item({ review: "the consent of 01/09/2026 was withdrawn on 20/11/2026" }))).toEqual({
      tone: "review",
      words: "To review: the consent of 01/09/2026 was withdrawn on 20/11/2026",
    });
    expect(mediaStanding(item({ state: "destroyed", destroyedOn: "30/11/2026", destroyedReason: "Consent withdrawn" })).words).toBe(
      "Destroyed on 30/11/2026: Consent withdrawn",
    );
    expect(photoAlt(item({ caption: "Blue clay" }))).toBe("Photo of artwork ART-0003: Blue clay");
  });
});

describe("media form", () => {
  it("sends a photo its piece and a recording its session, never the other", () => {
    const photo = { ...emptyMediaForm(), artwork: "ART-0003", session: "9" };
    expect(mediaRequest(photo)).toEqual({ kind: "photo", artwork: "ART-0003", session: null, caption: "" });
    expect(mediaRequest({ ...photo, kind: "audio" })).toEqual({ kind: "audio", artwork: null, session: 9, caption: "" });
  });

  it("reports progress while the file arrives, and nothing when the picker is cancelled", async () => {
    const seen: string[] = [];
    let stopped = 0;
    const api = {
      onUploadProgress: async (handler: (p: { fileName: string; sent: number; total: number }) => void) => {
        handler({ fileName: "x.jpg", sent: 1, total: 4 });
        return () => void stopped++;
      },
      addMedia: async () => item({}),
    };
    const added = await addMedia(api, "JQ-0001", emptyMediaForm(), (s) => seen.push(s));
    expect(added?.message).toBe("Photo added to ART-0003 (820 KB), with its location and camera details removed.");
    expect(seen).toEqual(["Saving the file into the vault: 25%"]);
    expect(await addMedia({ ...api, addMedia: async () => null }, "JQ-0001", emptyMediaForm())).toBeNull();
    expect(stopped).toBe(2);
  });
});
