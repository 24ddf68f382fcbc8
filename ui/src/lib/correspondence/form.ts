// The "Log correspondence" form. A new entry starts from `emptyCorrespondenceForm()` and
// the form goes back to it after each entry is logged.
import { todayParts, type DateParts } from "../format";

export interface CorrespondenceForm {
  on: DateParts;
  kind: string;
  direction: string;
  counterpart: string;
  name: string;
  summary: string;
}

export function emptyCorrespondenceForm(now: Date = new Date()): CorrespondenceForm {
  return { on: todayParts(now), kind: "phone-call", direction: "in", counterpart: "parent", name: "", summary: "" };
}

/** Core field → the input its problem sits beside. */
export const CORRESPONDENCE_FIELD_IDS: Record<string, string> = {
  summary: "corr-summary",
  on: "corr-on-day",
  attachment: "corr-files",
  kind: "corr-kind",
};
