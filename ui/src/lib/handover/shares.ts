// Handover shares as they are entered on the unlock screen: typed word by word from a
// printed share sheet, or pasted whole from a share's text file. Either way the core reads
// the share's text (its top lines and numbered lines of words) and checks it.
import type { ShareChecked } from "../generated/ShareChecked";
import { SHARE_LINES } from "../generated/choices";

const ORDINALS = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth", "Tenth"];

/** How the screen and the core's messages name the i-th share entered ("First share"). */
export const shareLabel = (i: number): string => (i < ORDINALS.length ? `${ORDINALS[i]} share` : `Share ${i + 1}`);

/**
 * The core names a share it refuses by its place among the shares given (`share-2`: the
 * second given); blank entries are not given, so that place is mapped back to the entry.
 */
export function shareFields(givenEntries: number[]) {
  const entryOf = (field: string | null): number | null => {
    const m = field ? /^share-(\d+)$/.exec(field) : null;
    return m ? (givenEntries[Number(m[1]) - 1] ?? null) : null;
  };
  const ids = (inputOf: (entry: number) => string): Record<string, string> =>
    Object.fromEntries(givenEntries.map((entry, g) => [`share-${g + 1}`, inputOf(entry)]));
  return { entryOf, ids };
}

export interface ShareEntry {
  /** Pasted whole (a share's .txt file) rather than typed into the fields. */
  pasting: boolean;
  pasted: string;
  /** The top of a share sheet: "Vault 7c1e59a2 · Set 1 · Share 2 of 3 · Needed 2". */
  vault: string;
  set: string;
  number: string;
  count: string;
  needed: string;
  /** One per numbered line of words. */
  lines: string[];
}

export function blankShare(): ShareEntry {
  return { pasting: false, pasted: "", vault: "", set: "", number: "", count: "", needed: "", lines: Array(SHARE_LINES).fill("") };
}

export function isBlank(e: ShareEntry): boolean {
  if (e.pasting) return e.pasted.trim() === "";
  return [e.vault, e.set, e.number, e.count, e.needed, ...e.lines].every((v) => v.trim() === "");
}

/** A typed share without its top lines cannot be read: say what to type (before sending). */
export function missingTop(e: ShareEntry): string {
  if (e.pasting) return "";
  const missing = [e.vault, e.set, e.number, e.count, e.needed].some((v) => v.trim() === "");
  return missing
    ? "Enter the vault, set, share number, how many shares there are and how many are needed, as printed at the top of the share."
    : "";
}

/** The share's text as the core reads it (the same as a share's .txt file). */
export function shareText(e: ShareEntry): string {
  if (e.pasting) return e.pasted;
  const top = [`Vault: ${e.vault.trim()}`, `Set: ${e.set.trim()}`, `Share: ${e.number.trim()} of ${e.count.trim()}`, `Needed: ${e.needed.trim()}`];
  const words = e.lines.map((line, i) => `${i + 1}  ${line.trim().split(/\s+/).join(" ")}`);
  return [...top, ...words].join("\n") + "\n";
}

/** "Share 2 of 3 (set 1) reads correctly. Any 2 of the 3 shares together open the vault." */
export function checkedSentence(c: ShareChecked): string {
  const opens =
    c.threshold === 1 ? "It opens the vault on its own." : `Any ${c.threshold} of the ${c.count} shares together open the vault.`;
  return `Share ${c.number} of ${c.count} (set ${c.set}) reads correctly. ${opens}`;
}

/** How many more shares to enter, once one has told how many are needed. */
export function stillNeeded(threshold: number, entered: number): string {
  const more = threshold - entered;
  if (more <= 0) return "";
  return `${more} more ${more === 1 ? "share is" : "shares are"} needed: ask ${more === 1 ? "another holder" : "other holders"}.`;
}
