// Agreements' calls. The signed copy is chosen in the native picker and saved into the
// vault (pending) first; the agreement then claims it in its own audited transaction.
import type { Agreement } from "../generated/Agreement";
import type { PendingUpload } from "../generated/PendingUpload";
import { fieldErrorsFor, toFolioError, type FieldError } from "../errors";
import type { FolioApi } from "../ipc";
import { agreementKindLabel } from "../labels";
import { CURRENT_WORDS } from "./display";
import { AGREEMENT_FIELD_IDS, agreementRequest, type AgreementForm } from "./form";

export function listAgreements(api: Pick<FolioApi, "listAgreements">, code: string): Promise<Agreement[]> {
  return api.listAgreements(code);
}

/** Records the agreement with its signed copy (if chosen); returns it and the confirmation. */
export async function recordAgreement(
  api: Pick<FolioApi, "addAgreement">,
  code: string,
  form: AgreementForm,
  signedCopy: PendingUpload | null,
): Promise<{ added: Agreement; message: string }> {
  const added = await api.addAgreement(code, agreementRequest(form), signedCopy?.uploadId ?? null);
  const copy = added.signedCopy ? " with the signed copy" : "";
  const current = added.current ? ` ${CURRENT_WORDS}.` : "";
  return { added, message: `${agreementKindLabel(added.kind)} signed on ${added.signedOn} recorded${copy}.${current}` };
}

export function agreementErrors(e: unknown): FieldError[] {
  return fieldErrorsFor(toFolioError(e), AGREEMENT_FIELD_IDS, "agreement-kind");
}
