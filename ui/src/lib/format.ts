// Words for the codes the core sends. Presentation only: the rules live in folio-core.
import type { ClientState } from "./generated/ClientState";
import type { Mode } from "./generated/Mode";
import type { Outcome } from "./generated/Outcome";

export const STATE_LABELS: Record<ClientState, string> = {
  referred: "Referred",
  waiting_list: "Waiting list",
  assessment: "Assessment",
  in_therapy: "In therapy",
  ended: "Ended",
  declined: "Declined",
  withdrawn: "Withdrawn",
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  planned: "Planned",
  attended: "Attended",
  cancelled_by_client: "Cancelled by client",
  cancelled_by_therapist: "Cancelled by therapist",
  did_not_attend: "Did not attend",
};

export const MODE_LABELS: Record<Mode, string> = { in_person: "In person", online: "Online", phone: "Phone" };

/** Today as dd/mm/yyyy (the therapist's local date). */
export function todayUk(now: Date = new Date()): string {
  const dd = String(now.getDate()).padStart(2, "0");
  const mm = String(now.getMonth() + 1).padStart(2, "0");
  return `${dd}/${mm}/${now.getFullYear()}`;
}

/** Joins three date fields as dd/mm/yyyy for the core to check; empty when all are empty. */
export function joinDate(day: string, month: string, year: string): string {
  const parts = [day.trim(), month.trim(), year.trim()];
  if (parts.every((p) => p === "")) return "";
  return `${parts[0].padStart(2, "0")}/${parts[1].padStart(2, "0")}/${parts[2]}`;
}

/** Splits dd/mm/yyyy into its three fields. */
export function splitDate(text: string): [string, string, string] {
  const [d = "", m = "", y = ""] = text.split("/");
  return [d, m, y];
}

/** camelCase field name → kebab-case id part. */
export function kebab(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
