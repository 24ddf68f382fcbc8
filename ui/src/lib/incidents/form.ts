// The incident log's forms: the incident, the report to the ICO, the decision. A moment is
// a date (three fields) and a time (HH:MM), sent as "dd/mm/yyyy HH:MM" in UK time for the
// core to read (it knows the clock changes).
import type { DecisionForm } from "../generated/DecisionForm";
import type { IncidentForm as IncidentFields } from "../generated/IncidentForm";
import type { ReportForm as ReportFields } from "../generated/ReportForm";
import { joinParts, todayParts, type DateParts } from "../format";

export interface IncidentForm {
  awareOn: DateParts;
  awareAt: string;
  summary: string;
  clients: string;
  risk: string;
  actions: string;
  peopleTold: string;
}

export interface ReportForm {
  on: DateParts;
  at: string;
  lateReason: string;
  reference: string;
}

export interface DecideForm {
  /** null until answered. */
  report: boolean | null;
  reason: string;
}

/** "dd/mm/yyyy HH:MM" from the date fields and the time; empty when both are empty. */
export function moment(on: DateParts, at: string): string {
  return [joinParts(on), at.trim()].filter(Boolean).join(" ");
}

export function emptyIncidentForm(now: Date = new Date()): IncidentForm {
  return { awareOn: todayParts(now), awareAt: "", summary: "", clients: "", risk: "", actions: "", peopleTold: "" };
}

export function emptyReportForm(now: Date = new Date()): ReportForm {
  return { on: todayParts(now), at: "", lateReason: "", reference: "" };
}

export const emptyDecideForm = (): DecideForm => ({ report: null, reason: "" });

/** The codes typed, one per comma or space. */
export function clientCodes(typed: string): string[] {
  return typed.split(/[\s,;]+/).map((c) => c.trim()).filter(Boolean);
}

export function incidentRequest(form: IncidentForm): IncidentFields {
  return {
    aware: moment(form.awareOn, form.awareAt),
    summary: form.summary,
    clients: clientCodes(form.clients),
    risk: form.risk,
    actions: form.actions,
    peopleTold: form.peopleTold,
  };
}

export function reportRequest(form: ReportForm): ReportFields {
  return { on: moment(form.on, form.at), lateReason: form.lateReason, reference: form.reference };
}

export function decisionRequest(form: DecideForm): DecisionForm {
  return { report: form.report === null ? "" : form.report ? "yes" : "no", reason: form.reason };
}

export const INCIDENT_FIELD_IDS: Record<string, string> = {
  aware: "incident-aware-day",
  summary: "incident-summary",
  clients: "incident-clients",
  risk: "incident-risk",
  actions: "incident-actions",
  peopleTold: "incident-people-told",
};

export function reportFieldIds(id: number): Record<string, string> {
  return { on: `incident-${id}-reported-day`, lateReason: `incident-${id}-late-reason`, reference: `incident-${id}-reference` };
}

export function decideFieldIds(id: number): Record<string, string> {
  return { report: `incident-${id}-report-yes`, reason: `incident-${id}-reason` };
}
