// The artwork forms: a piece recorded on the client's record, and a change to a held piece
// (moved, returned, kept, disposed of). What was typed goes to the core, which checks it.
import type { ArtworkForm as ArtworkFields } from "../generated/ArtworkForm";
import { joinParts, todayParts, type DateParts } from "../format";

export interface ArtworkAddForm {
  description: string;
  /** Empty: the session's date, or today. */
  made: DateParts;
  medium: string;
  size: string;
  location: string;
  /** A session's id, or "" for none. */
  session: string;
}

/** The four changes a held piece can go through, each with the one thing it asks for. */
export type ChangeKind = "move" | "return" | "keep" | "dispose";

export interface ChangeForm {
  kind: ChangeKind;
  on: DateParts;
  /** Where it is now, who took it, why it is kept, or how it was disposed of. */
  detail: string;
}

export function emptyArtworkForm(): ArtworkAddForm {
  return { description: "", made: { day: "", month: "", year: "" }, medium: "", size: "", location: "", session: "" };
}

export function emptyChangeForm(kind: ChangeKind, now: Date = new Date()): ChangeForm {
  return { kind, on: todayParts(now), detail: "" };
}

export function artworkRequest(form: ArtworkAddForm): ArtworkFields {
  return {
    description: form.description,
    made: joinParts(form.made),
    medium: form.medium,
    size: form.size,
    location: form.location,
    session: form.session === "" ? null : Number(form.session),
  };
}

/** The label and hint of a change's one field, and the button that records it. */
export const CHANGE_WORDS: Record<ChangeKind, { title: string; label: string; hint: string; submit: string }> = {
  move: { title: "Move it", label: "Where it is kept now", hint: "", submit: "Record the move" },
  return: { title: "Returned", label: "Who took it", hint: "The client, or by role and initials: KQ's mother.", submit: "Record it as returned" },
  keep: { title: "Kept with consent", label: "Why it is kept", hint: "Say that the client agreed in writing, and what for.", submit: "Record it as kept" },
  dispose: { title: "Disposed of", label: "How it was disposed of", hint: "For example: shredded; secure disposal at the setting.", submit: "Record the disposal" },
};

/** Core field → the input its problem sits beside. */
export const ARTWORK_FIELD_IDS: Record<string, string> = {
  code: "artwork-description",
  description: "artwork-description",
  made: "artwork-made-day",
  medium: "artwork-medium",
  size: "artwork-size",
  location: "artwork-location",
  session: "artwork-session",
};

/** Ids of a change form's inputs, per piece. */
export function changeFieldIds(reference: string): Record<string, string> {
  const detail = `${reference}-detail`;
  return { on: `${reference}-on-day`, location: detail, to: detail, reason: detail, how: detail, reference: detail };
}
