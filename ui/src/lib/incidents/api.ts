// The incident log's calls, and their problems placed beside the right inputs.
import type { Incident } from "../generated/Incident";
import { fieldErrorsFor, toFolioError, type FieldError } from "../errors";
import type { FolioApi } from "../ipc";
import {
  decideFieldIds,
  decisionRequest,
  INCIDENT_FIELD_IDS,
  incidentRequest,
  reportFieldIds,
  reportRequest,
  type DecideForm,
  type IncidentForm,
  type ReportForm,
} from "./form";

export async function recordIncident(api: Pick<FolioApi, "addIncident">, form: IncidentForm): Promise<{ added: Incident; message: string }> {
  const added = await api.addIncident(incidentRequest(form));
  return { added, message: `Incident recorded. If it must be reported, report it to the ICO by ${added.reportBy}.` };
}

export async function recordReport(api: Pick<FolioApi, "reportIncident">, id: number, form: ReportForm): Promise<string> {
  const i = await api.reportIncident(id, reportRequest(form));
  return `Report to the ICO recorded for ${i.reportedOn ?? ""}.`;
}

export async function recordDecision(api: Pick<FolioApi, "decideIncident">, id: number, form: DecideForm): Promise<string> {
  const i = await api.decideIncident(id, decisionRequest(form));
  return i.state === "not-reported" ? "Decision recorded: not reported to the ICO." : "Decision recorded: it must be reported. Record the report when it is made.";
}

export const incidentErrors = (e: unknown): FieldError[] => fieldErrorsFor(toFolioError(e), INCIDENT_FIELD_IDS, "incident-summary");
export const reportErrors = (e: unknown, id: number): FieldError[] => fieldErrorsFor(toFolioError(e), reportFieldIds(id), `incident-${id}-reported-day`);
export const decideErrors = (e: unknown, id: number): FieldError[] => fieldErrorsFor(toFolioError(e), decideFieldIds(id), `incident-${id}-reason`);
