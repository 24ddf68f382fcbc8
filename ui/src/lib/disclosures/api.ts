// The disclosure register's calls. Attachments are chosen in the native picker and saved
// into the vault (pending) first; the disclosure then claims them in its own transaction.
import type { Disclosure } from "../generated/Disclosure";
import type { PendingUpload } from "../generated/PendingUpload";
import type { Professional } from "../generated/Professional";
import { fieldErrorsFor, toFolioError, type FieldError } from "../errors";
import type { FolioApi } from "../ipc";
import { basisLabel } from "../labels";
import { recipientText } from "./display";
import { DISCLOSURE_FIELD_IDS, disclosureRequest, type DisclosureForm } from "./form";

export function listDisclosures(api: Pick<FolioApi, "listDisclosures">, code: string): Promise<Disclosure[]> {
  return api.listDisclosures(code);
}

/** Records the disclosure with the files already chosen; returns it and the confirmation. */
export async function recordDisclosure(
  api: Pick<FolioApi, "addDisclosure">,
  code: string,
  form: DisclosureForm,
  attachments: PendingUpload[],
  professionals: Pick<Professional, "id" | "name">[] = [],
): Promise<{ added: Disclosure; message: string }> {
  const added = await api.addDisclosure(code, disclosureRequest(form, professionals), attachments.map((a) => a.uploadId));
  const files = added.attachments.length ? ` with ${added.attachments.length} attachment(s)` : "";
  return {
    added,
    message: `Disclosure to ${recipientText(added)} on ${added.on} recorded${files}. Basis: ${basisLabel(added.basis).toLowerCase()}.`,
  };
}

export function disclosureErrors(e: unknown): FieldError[] {
  return fieldErrorsFor(toFolioError(e), DISCLOSURE_FIELD_IDS, "disclosure-what");
}
