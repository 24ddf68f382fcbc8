// The "Record a disclosure" form. Which parts it shows follows the basis and whether the
// client or parent was told; the core checks the rules (seed 002) whatever is sent.
import type { Consent } from "../generated/Consent";
import type { DisclosureForm as DisclosureFields } from "../generated/DisclosureForm";
import type { KeptIdentifier } from "../generated/KeptIdentifier";
import type { Professional } from "../generated/Professional";
import { purposeText, stateText } from "../consents/display";
import { joinParts, todayParts, type DateParts } from "../format";

export interface DisclosureForm {
  on: DateParts;
  recipient: string;
  recipientName: string;
  /** A professionals directory id, or "" for none. */
  professional: string;
  what: string;
  basis: string;
  /** A consent id of this client, or "". */
  consent: string;
  reason: string;
  told: string;
  toldOn: DateParts;
  decidedBy: string;
  /** The recipient was told it is confidential (seed 002). */
  toldConfidential: boolean;
  /** What the recipient may do with it. */
  permittedUse: string;
  /** What the identifier check found that is kept, each with its reason. */
  kept: KeptIdentifier[];
}

export const DECIDED_BY_DEFAULT = "the therapist";

/** Seed 002, shown beside the reason. */
export const REASON_HINT = "Every sharing without consent is recorded with its reasons: what made it necessary, and why it could not wait for consent.";

export function emptyDisclosureForm(now: Date = new Date()): DisclosureForm {
  return {
    on: todayParts(now),
    recipient: "",
    recipientName: "",
    professional: "",
    what: "",
    basis: "",
    consent: "",
    reason: "",
    told: "",
    toldOn: todayParts(now),
    decidedBy: DECIDED_BY_DEFAULT,
    toldConfidential: false,
    permittedUse: "",
    kept: [],
  };
}

/** The consent relied on is asked for with the basis "consent" only. */
export const asksConsent = (basis: string): boolean => basis === "consent";

/** The written reason is asked for with any basis but consent and routine supervision. */
export const asksReason = (basis: string): boolean => basis !== "" && basis !== "consent" && basis !== "supervision";

/** The date told is asked for when the client or a parent was told. */
export const asksToldOn = (told: string): boolean => told !== "" && told !== "not-told";

/** The disclosure as the core takes it: what was typed, without the parts the form hid.
 * With a directory entry chosen and "who exactly" left empty, the entry's name is sent. */
export function disclosureRequest(form: DisclosureForm, professionals: Pick<Professional, "id" | "name">[] = []): DisclosureFields {
  const professional = form.professional === "" ? null : Number(form.professional);
  const chosen = professionals.find((p) => p.id === professional);
  const name = form.recipientName.trim() === "" && chosen ? chosen.name : form.recipientName;
  return {
    on: joinParts(form.on),
    recipient: form.recipient,
    recipientName: name,
    professional,
    what: form.what,
    basis: form.basis,
    consent: asksConsent(form.basis) && form.consent !== "" ? Number(form.consent) : null,
    reason: asksReason(form.basis) ? form.reason : "",
    told: form.told,
    toldOn: asksToldOn(form.told) ? joinParts(form.toldOn) : "",
    decidedBy: form.decidedBy,
    toldConfidential: form.toldConfidential,
    permittedUse: form.permittedUse,
    kept: form.kept,
  };
}

/** This client's consents as the "consent relied on" select offers them. */
export function consentChoices(consents: Consent[]): [string, string][] {
  return [
    ["", consents.length ? "Choose the consent" : "No consents on this record"],
    ...consents.map((c): [string, string] => [String(c.id), `${purposeText(c)}, given on ${c.given} (${stateText(c).words})`]),
  ];
}

/** Core field → the input its problem sits beside. */
export const DISCLOSURE_FIELD_IDS: Record<string, string> = {
  on: "disclosure-on-day",
  recipient: "disclosure-recipient",
  recipientName: "disclosure-recipient-name",
  professional: "disclosure-professional",
  what: "disclosure-what",
  basis: "disclosure-basis",
  consent: "disclosure-consent",
  reason: "disclosure-reason",
  told: "disclosure-told",
  toldOn: "disclosure-told-on-day",
  decidedBy: "disclosure-decided-by",
  permittedUse: "disclosure-permitted-use",
  attachment: "disclosure-files",
  code: "disclosure-recipient",
};
