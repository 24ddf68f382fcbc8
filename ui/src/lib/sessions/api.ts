// The attendance register's calls: sessions and the attendance summary PDF.
import type { Register } from "../generated/Register";
import type { Session } from "../generated/Session";
import { fieldErrorsFor, toFolioError, type FieldError } from "../errors";
import { joinParts, type DateParts } from "../format";
import type { FolioApi } from "../ipc";
import { sessionRecordedSentence } from "../labels";
import { SESSION_FIELD_IDS, sessionRequest, type SessionForm } from "./form";

/** Every session of the client, with the current episode's counts from the core. */
export function listSessions(api: Pick<FolioApi, "listSessions">, code: string): Promise<Register> {
  return api.listSessions(code);
}

/** Records the session; returns it with the confirmation to show. */
export async function recordSession(
  api: Pick<FolioApi, "addSession">,
  code: string,
  form: SessionForm,
): Promise<{ added: Session; message: string }> {
  const added = await api.addSession(code, sessionRequest(form));
  return { added, message: sessionRecordedSentence(added.on, added.outcome) };
}

export function sessionErrors(e: unknown): FieldError[] {
  return fieldErrorsFor(toFolioError(e), SESSION_FIELD_IDS, "session-on-day");
}

export interface SummaryForm {
  from: DateParts;
  to: DateParts;
  /** Who it is for, printed under "CONFIDENTIAL"; empty: the school or funder. */
  forWhom: string;
}

/** Asks where to save (the native folder picker), saves the attendance summary PDF there,
 * and returns the confirmation naming the file, or what happened when nothing was saved. */
export async function saveAttendanceSummary(
  api: Pick<FolioApi, "saveAttendancePdf">,
  code: string,
  form: SummaryForm,
): Promise<string> {
  const path = await api.saveAttendancePdf(code, joinParts(form.from), joinParts(form.to), form.forWhom);
  return path === null ? "No folder was chosen, so nothing was saved." : `Attendance summary saved to ${path}`;
}

export function summaryErrors(e: unknown): FieldError[] {
  return fieldErrorsFor(toFolioError(e), { from: "att-from-day", to: "att-to-day", forWhom: "att-for" }, "att-submit");
}
