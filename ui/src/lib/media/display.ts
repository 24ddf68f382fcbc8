// Words for photos and recordings: what each is, how big, and where it stands.
import type { Media } from "../generated/Media";
import { mediaKindLabel } from "../labels";

/** "4.2 MB", "820 KB". */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GB`;
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** "Photo of artwork of ART-0003, added 30/11/2026 · 820 KB". */
export function mediaTitle(m: Media): string {
  const of = m.artwork ? ` of ${m.artwork}` : "";
  return `${mediaKindLabel(m.kind)}${of}, added ${m.addedOn} · ${sizeText(m.size)}`;
}

/** Where it stands, with a tone: kept, to review (its consent lapsed), kept after review, destroyed. */
export function mediaStanding(m: Media): { tone: "kept" | "review" | "done"; words: string } {
  if (m.state === "destroyed") return { tone: "done", words: `Destroyed on ${m.destroyedOn ?? ""}: ${m.destroyedReason ?? ""}` };
  if (m.state === "kept-after-review") return { tone: "kept", words: `Kept after review on ${m.keptOn ?? ""}: ${m.keptReason ?? ""}` };
  if (m.review) return { tone: "review", words: `To review: ${m.review}` };
  return { tone: "kept", words: "Kept, with the consent on file" };
}

/** The alternative text of a photo: what it shows, never who (there is no one in it). */
export function photoAlt(m: Media): string {
  return `Photo of artwork${m.artwork ? ` ${m.artwork}` : ""}${m.caption ? `: ${m.caption}` : ""}`;
}
