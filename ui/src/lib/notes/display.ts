// Words for notes: states, dates and times (the core sends RFC 3339 UTC; the therapist
// reads her local time), drafts' ages and the client record's "see note" flag.
import type { NoteSummary } from "../generated/NoteSummary";
import type { NoteVersion } from "../generated/NoteVersion";
import { noteKindLabel } from "../labels";

const two = (n: number) => String(n).padStart(2, "0");

/** An RFC 3339 timestamp as the therapist's local date and time: 20/11/2026 and 10:42. */
export function localDateTime(rfc3339: string): { date: string; time: string } {
  const t = new Date(rfc3339);
  if (Number.isNaN(t.getTime())) return { date: "", time: "" };
  return {
    date: `${two(t.getDate())}/${two(t.getMonth() + 1)}/${t.getFullYear()}`,
    time: `${two(t.getHours())}:${two(t.getMinutes())}`,
  };
}

/** "Saved at 10:42". */
export function savedAtText(rfc3339: string): string {
  return `Saved at ${localDateTime(rfc3339).time}`;
}

/** "Signed by the therapist on 20/11/2026 at 10:42". */
export function signedText(rfc3339: string): string {
  const { date, time } = localDateTime(rfc3339);
  return `Signed by the therapist on ${date} at ${time}`;
}

/** "Draft", "Signed", "Signed, amended 2 times". */
export function stateText(s: Pick<NoteSummary, "state" | "versions">): string {
  if (s.state === "draft") return "Draft";
  const amendments = s.versions - 1;
  if (amendments <= 0) return "Signed";
  return `Signed, amended ${amendments} ${amendments === 1 ? "time" : "times"}`;
}

/** "Session note — ZB-0001 (ZOB)": the client by code and initials, never by name. */
export function noteTitle(s: Pick<NoteSummary, "kind" | "code" | "initials">): string {
  return `${noteKindLabel(s.kind)} — ${s.code} (${s.initials})`;
}

/** "started today", "started 1 day ago", "started 12 days ago". */
export function startedAgo(days: number): string {
  if (days <= 0) return "started today";
  return `started ${days} ${days === 1 ? "day" : "days"} ago`;
}

/** "Original, signed 20/11/2026 at 10:42" or "Amendment 1, 21/11/2026 at 09:05". */
export function versionTitle(v: Pick<NoteVersion, "number" | "createdAt">): string {
  const { date, time } = localDateTime(v.createdAt);
  return v.number === 1 ? `Original, signed ${date} at ${time}` : `Amendment ${v.number - 1}, ${date} at ${time}`;
}

/** The client record's flags: "See note: risk — session note 20/11/2026", one per concern. */
export function seeNoteFlags(notes: NoteSummary[]): { id: number; words: string }[] {
  const flags: { id: number; words: string }[] = [];
  for (const n of notes) {
    const what = `${noteKindLabel(n.kind).toLowerCase()} ${n.on}`;
    if (n.seeRisk) flags.push({ id: n.id, words: `See note: risk — ${what}` });
    if (n.seeSafeguarding) flags.push({ id: n.id, words: `See note: safeguarding — ${what}` });
  }
  return flags;
}
