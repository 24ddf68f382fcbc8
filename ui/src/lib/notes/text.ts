// A note's text as the core sees it: offsets of identifier hits are Unicode code points
// (the core counts `char`s), while a textarea counts UTF-16 code units. Every conversion
// goes through here.
import type { Hit } from "../generated/Hit";

/** `text` with the code points [start, end) replaced by `replacement`. */
export function replaceSpan(text: string, start: number, end: number, replacement: string): string {
  const points = Array.from(text);
  return points.slice(0, start).join("") + replacement + points.slice(end).join("");
}

/** The code points [start, end) of `text`. */
export function spanOf(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join("");
}

/** The UTF-16 offset (a textarea's selection) of a code-point offset. */
export function codeUnitOffset(text: string, points: number): number {
  return Array.from(text).slice(0, points).join("").length;
}

/** What a hit's replacement leaves: its suggestion (initials, "her school"), or nothing. */
export function replacementFor(hit: Pick<Hit, "suggestion">): string {
  return hit.suggestion ?? "";
}

/** `text` with `hit` replaced and where the caret goes (UTF-16), or null when the text no
 * longer holds the hit where it was found (typed over since the check): check again. */
export function replaceHit(text: string, hit: Hit): { text: string; caret: number } | null {
  if (spanOf(text, hit.start, hit.end) !== hit.text) return null;
  const replacement = replacementFor(hit);
  let next = replaceSpan(text, hit.start, hit.end, replacement);
  let caretPoints = hit.start + Array.from(replacement).length;
  // Removing a word leaves no double space behind.
  if (replacement === "") {
    const points = Array.from(next);
    if (points[hit.start - 1] === " " && (points[hit.start] === " " || points[hit.start] === undefined)) {
      next = replaceSpan(next, hit.start - 1, hit.start, "");
      caretPoints = hit.start - 1;
    }
  }
  return { text: next, caret: codeUnitOffset(next, caretPoints) };
}

/** The words of a replace button: "Replace with ZO", or "Remove" when nothing fits. */
export function replaceLabel(hit: Pick<Hit, "suggestion">): string {
  return hit.suggestion ? `Replace with ${hit.suggestion}` : "Remove";
}

/** "“Zoe” — the client's first name", from the core's "Zoe — the client's first name". */
export function hitWords(text: string, described: string): string {
  const lead = `${text} — `;
  return described.startsWith(lead) ? `“${text}” — ${described.slice(lead.length)}` : described;
}

/** A search snippet with the matched words between `[` and `]`, as parts to render (each
 * part is text, escaped by the template; `mark` parts go in <mark>). */
export function snippetParts(snippet: string): { text: string; mark: boolean }[] {
  const parts: { text: string; mark: boolean }[] = [];
  let rest = snippet;
  while (rest !== "") {
    const open = rest.indexOf("[");
    const close = open < 0 ? -1 : rest.indexOf("]", open + 1);
    if (open < 0 || close < 0) {
      parts.push({ text: rest, mark: false });
      break;
    }
    if (open > 0) parts.push({ text: rest.slice(0, open), mark: false });
    parts.push({ text: rest.slice(open + 1, close), mark: true });
    rest = rest.slice(close + 1);
  }
  return parts;
}
