// The correspondence log's calls. Attachments are chosen in the native picker and saved
// into the vault (pending) by the shell first; the entry then claims them in its own
// audited transaction.
import type { CorrespondenceEntry } from "../generated/CorrespondenceEntry";
import { fieldErrorsFor, toFolioError, type FieldError } from "../errors";
import { joinParts } from "../format";
import type { FolioApi } from "../ipc";
import { asksOutsideReason, CORRESPONDENCE_FIELD_IDS, type CorrespondenceForm } from "./form";
import type { PendingUpload } from "../generated/PendingUpload";
import { attachmentCount } from "./display";

export function listCorrespondence(api: Pick<FolioApi, "listCorrespondence">, code: string): Promise<CorrespondenceEntry[]> {
  return api.listCorrespondence(code);
}

/** Logs the entry with the files already chosen and saved into the vault (pending). */
export async function logCorrespondence(
  api: Pick<FolioApi, "addCorrespondence">,
  code: string,
  form: CorrespondenceForm,
  attachments: PendingUpload[],
): Promise<{ added: CorrespondenceEntry; message: string }> {
  const entry = {
    on: joinParts(form.on),
    kind: form.kind,
    direction: form.direction,
    counterpart: form.counterpart,
    counterpartName: form.name,
    summary: form.summary,
    outsideReason: asksOutsideReason(form) ? form.outsideReason : "",
    kept: form.kept,
  };
  const added = await api.addCorrespondence(code, entry, attachments.map((a) => a.uploadId));
  const notes = [...added.warnings, ...added.reminders].join(" ");
  return { added, message: `Logged on ${added.on}${attachmentCount(added)}.${notes ? ` ${notes}` : ""}` };
}

/** Opens the file picker and saves the chosen files into the vault; `progress` gets a
 * sentence as each piece arrives. */
export async function chooseAttachments(
  api: Pick<FolioApi, "attachFiles" | "onUploadProgress">,
  progress: (sentence: string, percent: number) => void = () => undefined,
): Promise<PendingUpload[]> {
  const stop = await api.onUploadProgress((p) => {
    const percent = Math.round((p.sent / Math.max(p.total, 1)) * 100);
    progress(`Saving ${p.fileName} into the vault: ${percent}%`, percent);
  });
  try {
    return await api.attachFiles();
  } finally {
    stop();
  }
}

export function correspondenceErrors(e: unknown): FieldError[] {
  return fieldErrorsFor(toFolioError(e), CORRESPONDENCE_FIELD_IDS, "corr-summary");
}
