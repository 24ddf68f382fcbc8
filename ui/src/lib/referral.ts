import type { Contact } from "./generated/Contact";
import type { ReferralForm } from "./generated/ReferralForm";
import { kebab } from "./format";

export function emptyContact(): Contact {
  return { name: "", relationship: "", phone: "", email: "", address: "" };
}

export function emptyReferral(): ReferralForm {
  return {
    givenName: "", familyName: "", preferredName: "", pronouns: "",
    dateOfBirth: "", dateOfBirthUnknown: false,
    address: "", postcode: "", phone: "", email: "", ethnicity: "",
    parentalResponsibility: [], settingName: "", settingContact: emptyContact(), courtOrders: "",
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
