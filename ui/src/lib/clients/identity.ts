// The identity panel: the only place that shows the client's name (ARCHITECTURE.md).
import type { ClientRecord } from "../generated/ClientRecord";
import { fundingLabel, modalityLabel, referrerLabel, roleLabel } from "../labels";

const joined = (parts: (string | null | undefined)[], sep = ", ") => parts.filter(Boolean).join(sep);

/** The record's identity and referral as [label, value] lines; empty values are left out. */
export function identityLines(record: ClientRecord): [string, string][] {
  const f = record.referral;
  const lines: [string, string][] = [
    ["Name", `${f.givenName} ${f.familyName}`],
    ["Preferred name", f.preferredName],
    ["Pronouns", f.pronouns],
    ["Date of birth", f.dateOfBirthUnknown && !f.dateOfBirth ? "Not known" : f.dateOfBirth],
    ["Address", joined([f.address, f.postcode])],
    ["Phone", f.phone],
    ["Email", f.email],
    ["Ethnicity", f.ethnicity],
    ...f.parentalResponsibility.map(
      (p, i) => [`Parental responsibility ${i + 1}`, joined([p.name, p.relationship, p.phone, p.email])] as [string, string],
    ),
    ["School or care setting", joined([f.settingIsSchool ? `${f.settingName} (a school)` : f.settingName, f.settingContact.name, f.settingContact.phone, f.settingContact.email])],
    ["Court orders", f.courtOrders],
    ["Referred", joined([f.referralDate, f.referrer ? referrerLabel(f.referrer) : "", f.referrerName])],
    ["Heard of the service", f.heardAbout],
    ["GP", joined([f.gpName, f.gpSurgery])],
    ["Other professionals", f.otherProfessionals],
    ...record.professionals.map(
      (p) => [`Linked: ${roleLabel(p.role)}`, joined([p.name, p.organisation, p.phone, p.email])] as [string, string],
    ),
    ["Difficulty", f.difficulty],
    ["Current treatment", f.currentTreatment],
    ["Past treatment", f.pastTreatment],
    ["SEN areas", f.senAreas],
    ["Communication", f.communicationMethods],
    ["Diagnoses", f.diagnoses],
    ["Allergies", f.allergies],
    ["Medication", f.medication],
    ["Safeguarding", joined([f.safeguardingConcern ? "Concern flagged" : "", f.safeguardingInvolvement], ". ")],
    ["Behaviour and risk", f.behaviourRisk],
    ["Therapy", f.modality ? modalityLabel(f.modality) : ""],
    ["Funding", f.funding ? fundingLabel(f.funding) : ""],
  ];
  return lines.filter(([, value]) => value !== "");
}
