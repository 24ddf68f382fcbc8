// The complaints register's calls, and their problems placed beside the right inputs.
import type { Complaint } from "../generated/Complaint";
import { fieldErrorsFor, toFolioError, type FieldError } from "../errors";
import type { FolioApi } from "../ipc";
import { joinParts } from "../format";
import { complaintStageLabel } from "../labels";
import { closeFieldIds, COMPLAINT_FIELD_IDS, complaintRequest, stageFieldIds, type CloseForm, type ComplaintForm, type StageForm } from "./form";

export async function recordComplaint(api: Pick<FolioApi, "addComplaint">, form: ComplaintForm): Promise<{ added: Complaint; message: string }> {
  const added = await api.addComplaint(complaintRequest(form));
  return { added, message: `Complaint received on ${added.received} recorded. It shows on Home until it is closed.` };
}

export async function recordStage(api: Pick<FolioApi, "addComplaintStage">, id: number, form: StageForm): Promise<string> {
  const c = await api.addComplaintStage(id, form.stage, joinParts(form.on));
  const last = c.stages[c.stages.length - 1];
  return `Stage recorded: ${last ? complaintStageLabel(last.stage) : "the stage"} on ${last?.on ?? ""}.`;
}

export async function closeComplaint(api: Pick<FolioApi, "closeComplaint">, id: number, form: CloseForm): Promise<string> {
  const c = await api.closeComplaint(id, joinParts(form.on), form.outcome, form.response);
  return `Complaint received on ${c.received} closed on ${c.closed ?? ""}.`;
}

export const complaintErrors = (e: unknown): FieldError[] => fieldErrorsFor(toFolioError(e), COMPLAINT_FIELD_IDS, "complaint-summary");
export const stageErrors = (e: unknown, id: number): FieldError[] => fieldErrorsFor(toFolioError(e), stageFieldIds(id), `complaint-${id}-stage`);
export const closeErrors = (e: unknown, id: number): FieldError[] => fieldErrorsFor(toFolioError(e), closeFieldIds(id), `complaint-${id}-outcome`);
