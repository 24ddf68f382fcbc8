// The consent ledger's calls. A form the person was told with is chosen in the native
// picker and saved into the vault (pending) first; the consent then claims it.
import type { Consent } from "../generated/Consent";
import type { PendingUpload } from "../generated/PendingUpload";
import { fieldErrorsFor, toFolioError, type FieldError } from "../errors";
import { joinParts } from "../format";
import type { FolioApi } from "../ipc";
import { purposePhrase, stateText } from "./display";
import { CONSENT_FIELD_IDS, consentRequest, type ConsentForm, type ReviewForm, type WithdrawalForm } from "./form";

export function listConsents(api: Pick<FolioApi, "listConsents">, code: string): Promise<Consent[]> {
  return api.listConsents(code);
}

export function consentsDue(api: Pick<FolioApi, "consentsDue">): Promise<Consent[]> {
  return api.consentsDue("");
}

/** Records the consent with the form chosen (if any); returns it and the confirmation. */
export async function recordConsent(
  api: Pick<FolioApi, "addConsent">,
  code: string,
  form: ConsentForm,
  toldFile: PendingUpload | null,
): Promise<{ added: Consent; message: string }> {
  const added = await api.addConsent(code, consentRequest(form), toldFile?.uploadId ?? null);
  return { added, message: `Consent for ${purposePhrase(added)} recorded, given on ${added.given}. ${stateText(added).words}; review by ${added.reviewOn}, refresh by ${added.refreshOn}.` };
}

export async function recordReview(
  api: Pick<FolioApi, "reviewConsent">,
  id: number,
  form: ReviewForm,
): Promise<{ reviewed: Consent; message: string }> {
  const reviewed = await api.reviewConsent(id, joinParts(form.on), form.note);
  return { reviewed, message: `Review recorded. The next review is due on ${reviewed.reviewOn}.` };
}

export async function recordWithdrawal(
  api: Pick<FolioApi, "withdrawConsent">,
  id: number,
  form: WithdrawalForm,
): Promise<{ withdrawn: Consent; message: string }> {
  const withdrawn = await api.withdrawConsent(id, joinParts(form.on), form.by);
  const w = withdrawn.withdrawal;
  const when = w ? ` on ${w.on} by ${w.by}` : "";
  return {
    withdrawn,
    message: `Consent for ${purposePhrase(withdrawn)} withdrawn${when}. What it affects: ${w?.affects ?? ""}`,
  };
}

export function consentErrors(e: unknown): FieldError[] {
  return fieldErrorsFor(toFolioError(e), CONSENT_FIELD_IDS, "consent-purpose");
}

/** A review's or withdrawal's problems, beside the inputs of the form with `prefix`. */
export function changeErrors(e: unknown, prefix: string): FieldError[] {
  return fieldErrorsFor(toFolioError(e), { on: `${prefix}-on-day`, note: `${prefix}-note`, by: `${prefix}-by` }, `${prefix}-on-day`);
}
