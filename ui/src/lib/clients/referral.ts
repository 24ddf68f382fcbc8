import type { Contact } from "../generated/Contact";
import type { ReferralForm } from "../generated/ReferralForm";
import type { ClientSummary } from "../generated/ClientSummary";
import { toFolioError, type FieldError } from "../errors";
import { joinParts, kebab, type DateParts } from "../format";
import type { FolioApi } from "../ipc";

export function emptyContact(): Contact {
  return { name: "", relationship: "", phone: "", email: "", address: "" };
}

export function emptyReferral(): ReferralForm {
  return {
    givenName: "", familyName: "", preferredName: "", pronouns: "",
    dateOfBirth: "", dateOfBirthUnknown: false,
    address: "", postcode: "", phone: "", email: "", ethnicity: "",
    parentalResponsibility: [], settingName: "", settingIsSchool: false, settingContact: emptyContact(), courtOrders: "",
    referralDate: "", referrer: "", referrerName: "", heardAbout: "",
    gpName: "", gpSurgery: "", otherProfessionals: "", difficulty: "", currentTreatment: "", pastTreatment: "",
    senAreas: "", communicationMethods: "", diagnoses: "", allergies: "", medication: "",
    safeguardingConcern: false, safeguardingInvolvement: "", behaviourRisk: "",
    modality: "", funding: "", initials: "",
  };
}

/** The input id for a referral field the core names, so errors sit beside their input. */
export function referralFieldId(field: string): string {
  switch (field) {
    case "dateOfBirth":
    case "referralDate":
      return `ref-${kebab(field)}-day`;
    case "parentalResponsibility":
      return "ref-pr-0-name";
    case "settingContact":
      return "ref-setting-contact-name";
    default:
      return `ref-${kebab(field)}`;
  }
}

/** Adds the referral, or saves the changes to `existing`'s. Dates come as three fields each. */
export function saveReferral(
  api: Pick<FolioApi, "addReferral" | "updateReferral">,
  existing: { code: string } | null,
  form: ReferralForm,
  dateOfBirth: DateParts,
  referralDate: DateParts,
): Promise<ClientSummary> {
  const sent = { ...form, dateOfBirth: joinParts(dateOfBirth), referralDate: joinParts(referralDate) };
  return existing ? api.updateReferral(existing.code, sent) : api.addReferral(sent);
}

/** Every problem of a rejected referral, each beside its input. */
export function referralErrors(e: unknown): FieldError[] {
  const err = toFolioError(e);
  return err.problems.length
    ? err.problems.map((p) => ({ id: referralFieldId(p.field), message: p.message }))
    : [{ id: "ref-given-name", message: err.message }];
}
