// Words for every code the core sends or accepts, in one place. Presentation only: the
// rules live in folio-core. Screens never print a code: they call a function from here.
// Every closed list and its labels come from the core's catalogue, generated into
// `generated/choices.ts`; the only table kept here is the referral fields' names.
import { CHOICES, type ChoiceList } from "./generated/choices";

/** A choice as a select shows it: [value sent to the core, words shown]. */
export type Choice = [string, string];

function table(list: ChoiceList): Record<string, string> {
  return Object.fromEntries(CHOICES[list].map((o) => [o.value, o.label]));
}

const STATE = table("clientState");
const OUTCOME = table("outcome");
const MODE = table("mode");
const MODALITY = table("modality");
const FUNDING = table("funding");
const REFERRER = table("referrer");
const ROLE = table("role");
const KIND = table("correspondenceKind");
const DIRECTION = table("direction");
const COUNTERPART = table("counterpart");
const SORT = table("clientSort");
const NOTE_KIND = table("noteKind");
const NOTE_TEMPLATE = table("noteTemplate");
const PURPOSE = table("consentPurpose");
const HOW = table("consentHow");
const CONSENT_STATE = table("consentState");
const AGREEMENT_KIND = table("agreementKind");
const RECIPIENT = table("disclosureRecipient");
const BASIS = table("disclosureBasis");
const TOLD = table("disclosureTold");
const COMPLAINT_HOW = table("complaintHow");
const COMPLAINT_STAGE = table("complaintStage");
const COMPLAINT_STATE = table("complaintState");
const REQUEST_KIND = table("requestKind");
const REQUEST_MADE_BY = table("requestMadeBy");
const REQUEST_OUTCOME = table("requestOutcome");
const REQUEST_STATE = table("requestState");
const INCIDENT_STATE = table("incidentState");
const MEDIA_KIND = table("mediaKind");
const RETENTION_CATEGORY = table("retentionCategory");
const CHECKLIST_GROUP = table("checklistGroup");

/** Referral fields by their core names, as the import screen offers them. */
const FIELD: Record<string, string> = {
  givenName: "First name",
  familyName: "Last name",
  preferredName: "Preferred name",
  pronouns: "Pronouns",
  dateOfBirth: "Date of birth",
  address: "Address",
  postcode: "Postcode",
  phone: "Phone",
  email: "Email",
  ethnicity: "Ethnicity",
  settingName: "School or setting",
  settingIsSchool: "Setting is a school",
  referralDate: "Referral date",
  referrer: "Referred by",
  heardAbout: "How they heard",
  gpName: "GP name",
  gpSurgery: "GP surgery",
  difficulty: "Difficulty",
  modality: "Therapy",
  funding: "Funding",
  initials: "Initials",
};

/** A code the tables do not know yet, made readable rather than shown raw:
 * "social-care" → "Social care", "gpSurgery" → "Gp surgery". */
export function humanise(code: string): string {
  const words = code
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const has = (table: Record<string, string>, value: string) => Object.prototype.hasOwnProperty.call(table, value);

function lookup(table: Record<string, string>, value: string): string {
  return has(table, value) ? table[value] : humanise(value);
}

function choices(table: Record<string, string>): Choice[] {
  return Object.entries(table);
}

export const stateLabel = (value: string): string => lookup(STATE, value);
export const outcomeLabel = (value: string): string => lookup(OUTCOME, value);
export const modeLabel = (value: string): string => lookup(MODE, value);
export const modalityLabel = (value: string): string => lookup(MODALITY, value);
export const fundingLabel = (value: string): string => lookup(FUNDING, value);
export const referrerLabel = (value: string): string => lookup(REFERRER, value);
export const roleLabel = (value: string): string => lookup(ROLE, value);
export const kindLabel = (value: string): string => lookup(KIND, value);
export const directionLabel = (value: string): string => lookup(DIRECTION, value);
export const counterpartLabel = (value: string): string => lookup(COUNTERPART, value);
export const sortLabel = (value: string): string => lookup(SORT, value);
export const fieldLabel = (value: string): string => lookup(FIELD, value);
export const noteKindLabel = (value: string): string => lookup(NOTE_KIND, value);
export const templateLabel = (value: string): string => lookup(NOTE_TEMPLATE, value);
export const purposeLabel = (value: string): string => lookup(PURPOSE, value);
export const howLabel = (value: string): string => lookup(HOW, value);
export const consentStateLabel = (value: string): string => lookup(CONSENT_STATE, value);
export const agreementKindLabel = (value: string): string => lookup(AGREEMENT_KIND, value);
export const recipientLabel = (value: string): string => lookup(RECIPIENT, value);
export const basisLabel = (value: string): string => lookup(BASIS, value);
export const toldLabel = (value: string): string => lookup(TOLD, value);
export const complaintHowLabel = (value: string): string => lookup(COMPLAINT_HOW, value);
export const complaintStageLabel = (value: string): string => lookup(COMPLAINT_STAGE, value);
export const complaintStateLabel = (value: string): string => lookup(COMPLAINT_STATE, value);
export const requestKindLabel = (value: string): string => lookup(REQUEST_KIND, value);
export const requestMadeByLabel = (value: string): string => lookup(REQUEST_MADE_BY, value);
export const requestOutcomeLabel = (value: string): string => lookup(REQUEST_OUTCOME, value);
export const requestStateLabel = (value: string): string => lookup(REQUEST_STATE, value);
export const incidentStateLabel = (value: string): string => lookup(INCIDENT_STATE, value);
export const mediaKindLabel = (value: string): string => lookup(MEDIA_KIND, value);
export const retentionCategoryLabel = (value: string): string => lookup(RETENTION_CATEGORY, value);
export const checklistGroupLabel = (value: string): string => lookup(CHECKLIST_GROUP, value);
/** The checklist's groups in the order the core lists them. */
export const checklistGroupOrder = (): string[] => CHOICES.checklistGroup.map((o) => o.value);

export const stateChoices = (): Choice[] => choices(STATE);
export const outcomeChoices = (): Choice[] => choices(OUTCOME);
export const modeChoices = (): Choice[] => choices(MODE);
export const modalityChoices = (): Choice[] => choices(MODALITY);
export const fundingChoices = (): Choice[] => choices(FUNDING);
export const referrerChoices = (): Choice[] => choices(REFERRER);
export const roleChoices = (): Choice[] => choices(ROLE);
export const kindChoices = (): Choice[] => choices(KIND);
export const directionChoices = (): Choice[] => choices(DIRECTION);
export const counterpartChoices = (): Choice[] => choices(COUNTERPART);
export const sortChoices = (): Choice[] => choices(SORT);
export const noteKindChoices = (): Choice[] => choices(NOTE_KIND);
export const purposeChoices = (): Choice[] => choices(PURPOSE);
export const howChoices = (): Choice[] => choices(HOW);
export const agreementKindChoices = (): Choice[] => choices(AGREEMENT_KIND);
export const recipientChoices = (): Choice[] => choices(RECIPIENT);
export const basisChoices = (): Choice[] => choices(BASIS);
export const toldChoices = (): Choice[] => choices(TOLD);
export const complaintHowChoices = (): Choice[] => choices(COMPLAINT_HOW);
export const complaintStageChoices = (): Choice[] => choices(COMPLAINT_STAGE);
export const requestKindChoices = (): Choice[] => choices(REQUEST_KIND);
export const requestMadeByChoices = (): Choice[] => choices(REQUEST_MADE_BY);
export const requestOutcomeChoices = (): Choice[] => choices(REQUEST_OUTCOME);
export const mediaKindChoices = (): Choice[] => choices(MEDIA_KIND);

/** "Phone call from parent (Mother)": the words of a correspondence entry's heading. */
export function correspondenceHeading(kind: string, direction: string, counterpart: string, name: string): string {
  const who = counterpartLabel(counterpart).toLowerCase();
  return `${kindLabel(kind)} ${direction === "out" ? "to" : "from"} ${who}${name ? ` (${name})` : ""}`;
}

/** After a change of state: 'JQ-0001 moved to "In therapy" on 16/11/2026.' (the state's
 * label as the core words it, never fitted into a sentence: "is now waiting list"). */
export function stateChangedSentence(code: string, state: string, since: string): string {
  return `${code} moved to "${stateLabel(state)}" on ${since}.`;
}

/** Why the record offers re-referral instead of a change of state. */
export function closedEpisodeSentence(state: string, episode: number): string {
  return `Episode ${episode} is closed (${stateLabel(state)}). Re-referring opens episode ${episode + 1} on the same record.`;
}

/** After a session is added: "Session on 16/11/2026 recorded: did not attend." */
export function sessionRecordedSentence(on: string, outcome: string): string {
  return `Session on ${on} recorded: ${outcomeLabel(outcome).toLowerCase()}.`;
}
