// The correspondence log's calls. Attachments go into the vault in pieces first
// (upload.ts); the entry then claims them in its own transaction.
import type { CorrespondenceEntry } from "../generated/CorrespondenceEntry";
import { fieldErrorsFor, toFolioError, type FieldError } from "../errors";
import { joinParts } from "../format";
import type { FolioApi } from "../ipc";
import { CORRESPONDENCE_FIELD_IDS, type CorrespondenceForm } from "./form";
import { uploadFile, type Uploadable } from "./upload";
import { attachmentCount } from "./display";

export function listCorrespondence(api: Pick<FolioApi, "listCorrespondence">, code: string): Promise<CorrespondenceEntry[]> {
  return api.listCorrespondence(code);
}

/** Sends each file, then logs the entry with them; `progress` gets a sentence per piece. */
export async function logCorrespondence(
  api: Pick<FolioApi, "beginUpload" | "appendUpload" | "addCorrespondence">,
  code: string,
  form: CorrespondenceForm,
  files: Uploadable[],
  progress: (sentence: string) => void = () => undefined,
): Promise<{ added: CorrespondenceEntry; message: string }> {
  const uploads: number[] = [];
  for (const file of files) {
    uploads.push(
      await uploadFile(api, file, (sent, total) =>
        progress(`Saving ${file.name} into the vault: ${Math.round((sent / Math.max(total, 1)) * 100)}%`),
      ),
    );
  }
  const added = await api.addCorrespondence(code, {
    on: joinParts(form.on),
    kind: form.kind,
    direction: form.direction,
    counterpart: form.counterpart,
    counterpartName: form.name,
    summary: form.summary,
  }, uploads);
  return { added, message: `Logged on ${added.on}${attachmentCount(added)}.` };
}

export function correspondenceErrors(e: unknown): FieldError[] {
  return fieldErrorsFor(toFolioError(e), CORRESPONDENCE_FIELD_IDS, "corr-summary");
}
