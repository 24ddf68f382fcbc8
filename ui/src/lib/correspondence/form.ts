// The "Log correspondence" form. A new entry starts from `emptyCorrespondenceForm()` and
// the form goes back to it after each entry is logged.
import { todayParts, type DateParts } from "../format";
import { REMOTE_CONTACT_KINDS } from "../generated/choices";
import type { KeptIdentifier } from "../generated/KeptIdentifier";

export interface CorrespondenceForm {
  on: DateParts;
  kind: string;
  direction: string;
  counterpart: string;
  name: string;
  summary: string;
  /** Why contact with a child falls on a day without a session (seed 004 §7). */
  outsideReason: string;
  /** What the identifier check found in the summary that is kept, each with its reason. */
  kept: KeptIdentifier[];
}


/** Whether the form asks why contact falls outside an appointment: remote contact with
 * the client. The core decides whether it is needed (a child, no session that day). */
export function asksOutsideReason(form: Pick<CorrespondenceForm, "kind" | "counterpart">): boolean {
  return form.counterpart === "client" && (REMOTE_CONTACT_KINDS as readonly string[]).includes(form.kind);
}

export function emptyCorrespondenceForm(now: Date = new Date()): CorrespondenceForm {
  return {
    on: todayParts(now),
    kind: "phone-call",
    direction: "in",
    counterpart: "parent",
    name: "",
    summary: "",
    outsideReason: "",
    kept: [],
  };
}

/** Core field → the input its problem sits beside. */
export const CORRESPONDENCE_FIELD_IDS: Record<string, string> = {
  summary: "corr-summary",
  on: "corr-on-day",
  attachment: "corr-files",
  kind: "corr-kind",
  outsideReason: "corr-outside-reason",
  // Where the core names the consent the gate asks for.
  consent: "corr-kind",
};
