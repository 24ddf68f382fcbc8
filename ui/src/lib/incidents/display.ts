// Words for the incident log. The deadline and the countdown are the core's.
import type { Incident } from "../generated/Incident";

/** "Report to the ICO by 27/10/2026 09:00 — 14 hours left" (open incidents). */
export function deadlineText(i: Pick<Incident, "reportBy" | "countdown">): string {
  return `Report to the ICO by ${i.reportBy} — ${i.countdown}`;
}

/** How the reporting question was settled, in words, or "". */
export function outcomeText(i: Pick<Incident, "state" | "reportedOn" | "reference" | "mustReport" | "decisionReason">): string {
  if (i.state === "reported") return `Reported to the ICO on ${i.reportedOn ?? ""}${i.reference ? `, reference ${i.reference}` : ""}`;
  if (i.state === "not-reported") return `Not reported: ${i.decisionReason}`;
  if (i.mustReport) return `To be reported: ${i.decisionReason}`;
  return "";
}

/** "JQ-0001, AB-0002", or "No client's data". */
export function clientsText(i: Pick<Incident, "clients">): string {
  return i.clients.length ? i.clients.join(", ") : "No client's data";
}
