// Words for the artwork inventory: where a piece stands, its history, and the inventory
// grouped by location as the therapist walks it.
import type { Artwork } from "../generated/Artwork";
import type { ArtworkEvent } from "../generated/ArtworkEvent";

/** Where items with no recorded location are grouped (the core's NO_LOCATION). */
export const NO_LOCATION = "No location recorded";

/** How a piece stands: a tone for its badge and the words. */
export function standingText(a: Artwork): { tone: "held" | "due" | "overdue" | "done"; words: string } {
  if (a.state === "held") {
    if (a.collection === "overdue") return { tone: "overdue", words: `Overdue since ${a.collectBy ?? ""}: to be disposed of` };
    if (a.collection === "due") return { tone: "due", words: `Due for collection by ${a.collectBy ?? ""}` };
    return { tone: "held", words: "Held: in therapy" };
  }
  const last = a.history[a.history.length - 1];
  return { tone: "done", words: last ? eventText(last) : "No longer held" };
}

/** "Placed in Cabinet A on 01/10/2026", "Returned on 03/12/2026 to KQ's mother". */
export function eventText(e: ArtworkEvent): string {
  switch (e.change) {
    case "placed":
      return `Placed in ${e.location ?? "a location"} on ${e.on}`;
    case "moved":
      return `Moved to ${e.location ?? "a location"} on ${e.on}`;
    case "returned":
      return `Returned on ${e.on} to ${e.detail}`;
    case "kept":
      return `Kept with the client's written consent from ${e.on}: ${e.detail}`;
    case "disposed":
      return `Disposed of confidentially on ${e.on}: ${e.detail}`;
  }
}

/** "Paint and collage · A3", or "" when neither was recorded. */
export function materialText(a: Pick<Artwork, "medium" | "size">): string {
  return [a.medium, a.size].filter((s) => s.trim() !== "").join(" · ");
}

export interface LocationGroup {
  name: string;
  items: Artwork[];
  due: number;
  overdue: number;
}

/** The held pieces by location (A to Z, no location last), overdue first within each. */
export function byLocation(items: Artwork[]): LocationGroup[] {
  const rank = { overdue: 0, due: 1, "not-due": 2 } as const;
  const groups = new Map<string, Artwork[]>();
  for (const a of items.filter((i) => i.state === "held")) {
    const name = a.location ?? NO_LOCATION;
    groups.set(name, [...(groups.get(name) ?? []), a]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === NO_LOCATION ? 1 : b === NO_LOCATION ? -1 : a.localeCompare(b, "en-GB", { sensitivity: "base" })))
    .map(([name, list]) => ({
      name,
      items: [...list].sort((x, y) => rank[x.collection] - rank[y.collection] || x.reference.localeCompare(y.reference)),
      due: list.filter((a) => a.collection === "due").length,
      overdue: list.filter((a) => a.collection === "overdue").length,
    }));
}

/** The counts Home shows: pieces due for collection and overdue. */
export function collectionCounts(items: Artwork[]): { due: number; overdue: number } {
  const held = items.filter((a) => a.state === "held");
  return { due: held.filter((a) => a.collection === "due").length, overdue: held.filter((a) => a.collection === "overdue").length };
}

/** "3 pieces due for collection, 1 overdue" — or "" when nothing is. */
export function collectionSentence(counts: { due: number; overdue: number }): string {
  const parts = [];
  if (counts.due) parts.push(`${counts.due} ${counts.due === 1 ? "piece" : "pieces"} due for collection`);
  if (counts.overdue) parts.push(`${counts.overdue} overdue, to be disposed of`);
  return parts.join(", ");
}

/** The hint of a location field: the places named so far, so the same name is typed again
 * (any case); a new name adds a place. */
export function locationHint(known: string[], example: string): string {
  return known.length ? `One of: ${known.join("; ")}. Or a new place.` : `Where it is, for example “${example}”.`;
}
