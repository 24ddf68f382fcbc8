// The "Record an agreement" form. A new agreement starts from `emptyAgreementForm()` and
// the form goes back to it after each one is recorded.
import type { AgreementForm as AgreementFields } from "../generated/AgreementForm";
import { joinParts, todayParts, type DateParts } from "../format";

export interface AgreementForm {
  kind: string;
  signedOn: DateParts;
  signedBy: string;
  version: string;
}

export function emptyAgreementForm(now: Date = new Date()): AgreementForm {
  return { kind: "", signedOn: todayParts(now), signedBy: "", version: "" };
}

/** The agreement as the core takes it: what was typed, checked there. */
export function agreementRequest(form: AgreementForm): AgreementFields {
  return { kind: form.kind, signedOn: joinParts(form.signedOn), signedBy: form.signedBy, version: form.version };
}

/** Core field → the input its problem sits beside. */
export const AGREEMENT_FIELD_IDS: Record<string, string> = {
  kind: "agreement-kind",
  signedOn: "agreement-signed-on-day",
  signedBy: "agreement-signed-by",
  version: "agreement-version",
  attachment: "agreement-attach",
  code: "agreement-kind",
};
