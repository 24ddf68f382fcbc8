// The consent panel's forms: "Record a consent", and each consent's review and withdrawal.
// Each starts from its `empty…` value and goes back to it after saving.
import type { ConsentForm as ConsentFields } from "../generated/ConsentForm";
import { OPTIONAL_PURPOSES, WITHDRAWAL_AFFECTS } from "../generated/choices";
import { joinParts, todayParts, type DateParts } from "../format";

export interface ConsentForm {
  purpose: string;
  customPurpose: string;
  /** "client", or the name of a person with parental responsibility on the referral. */
  givenBy: string;
  competence: string;
  how: string;
  on: DateParts;
  told: string;
  /** Online contact: the platforms agreed with the parent. */
  platforms: string;
  /** Online contact: what happens if the technology fails. */
  failurePlan: string;
  /** Recording: the therapeutic plan it is part of. */
  plan: string;
}

export function emptyConsentForm(now: Date = new Date()): ConsentForm {
  return {
    purpose: "",
    customPurpose: "",
    givenBy: "",
    competence: "",
    how: "",
    on: todayParts(now),
    told: "",
    platforms: "",
    failurePlan: "",
    plan: "",
  };
}

/** The purposes the form offers: all, but recording only where the practice records
 * sessions (seed 001: "We do not record therapy sessions"). */
export function offeredPurposes(choices: [string, string][], recordsSessions: boolean): [string, string][] {
  return recordsSessions ? choices : choices.filter(([value]) => value !== "recording");
}

/** The consent as the core takes it: what was typed, checked there. The competence
 * judgement goes only with the client's own consent, the custom purpose only with "other". */
export function consentRequest(form: ConsentForm): ConsentFields {
  return {
    purpose: form.purpose,
    customPurpose: form.purpose === "other" ? form.customPurpose : "",
    givenBy: form.givenBy,
    competence: form.givenBy === "client" ? form.competence : "",
    how: form.how,
    on: joinParts(form.on),
    told: form.told,
    platforms: form.purpose === "online-contact" ? form.platforms : "",
    failurePlan: form.purpose === "online-contact" ? form.failurePlan : "",
    plan: form.purpose === "recording" ? form.plan : "",
  };
}

/** Seeds 000/001: training, funding and publicity are separate opt-ins. */
export function isOptionalPurpose(purpose: string): boolean {
  return (OPTIONAL_PURPOSES as readonly string[]).includes(purpose);
}

/** What withdrawing a consent for `purpose` affects, in the core's words. */
export function withdrawalAffects(purpose: string): string {
  return Object.prototype.hasOwnProperty.call(WITHDRAWAL_AFFECTS, purpose) ? WITHDRAWAL_AFFECTS[purpose] : "";
}

/** Who may be chosen as giving the consent: the client, then each person with parental
 * responsibility named on the referral. [value sent to the core, words shown]. */
export function givenByChoices(parents: { name: string }[]): [string, string][] {
  const named = parents.map((p) => p.name.trim()).filter((n) => n !== "");
  return [
    ["", "Choose who gave it"],
    ["client", "The client"],
    ...named.map((n): [string, string] => [n, `${n} (parental responsibility)`]),
  ];
}

export interface ReviewForm {
  on: DateParts;
  note: string;
}

export function emptyReviewForm(now: Date = new Date()): ReviewForm {
  return { on: todayParts(now), note: "" };
}

export interface WithdrawalForm {
  on: DateParts;
  by: string;
}

export function emptyWithdrawalForm(now: Date = new Date()): WithdrawalForm {
  return { on: todayParts(now), by: "" };
}

/** Core field → the input its problem sits beside, in "Record a consent". */
export const CONSENT_FIELD_IDS: Record<string, string> = {
  purpose: "consent-purpose",
  customPurpose: "consent-custom",
  givenBy: "consent-given-by",
  competence: "consent-competence",
  how: "consent-how",
  on: "consent-on-day",
  told: "consent-told",
  platforms: "consent-platforms",
  failurePlan: "consent-failure-plan",
  plan: "consent-plan",
  attachment: "consent-attach",
  code: "consent-purpose",
};
