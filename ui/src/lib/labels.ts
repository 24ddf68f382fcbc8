// Words for every code the core sends or accepts, in one place. Presentation only: the
// rules live in folio-core. Screens never print a code: they call a function from here.
//
// These tables are the UI's own for now; they are to be replaced by the choices
// generated from the core (`lib/generated/choices.ts`), keeping the functions below as
// they are, so no screen changes when that happens.
import type { ClientSortRequest } from "./generated/ClientSortRequest";
import type { ClientState } from "./generated/ClientState";
import type { Modality } from "./generated/Modality";
import type { Mode } from "./generated/Mode";
import type { Outcome } from "./generated/Outcome";

/** A choice as a select shows it: [value sent to the core, words shown]. */
export type Choice = [string, string];

const STATE: Record<ClientState, string> = {
  referred: "Referred",
  waiting_list: "Waiting list",
  assessment: "Assessment",
  in_therapy: "In therapy",
  ended: "Ended",
  declined: "Declined",
  withdrawn: "Withdrawn",
};

const OUTCOME: Record<Outcome, string> = {
  planned: "Planned",
  attended: "Attended",
  cancelled_by_client: "Cancelled by client",
  cancelled_by_therapist: "Cancelled by therapist",
  did_not_attend: "Did not attend",
};

const MODE: Record<Mode, string> = { in_person: "In person", online: "Online", phone: "Phone" };

const MODALITY: Record<Modality, string> = { art: "Art therapy", music: "Music therapy" };

const FUNDING: Record<string, string> = {
  private: "Private",
  school: "School",
  charity: "Charity",
  nhs: "NHS-commissioned",
};

const REFERRER: Record<string, string> = {
  self: "Self",
  parent: "Parent or carer",
  school: "School",
  gp: "GP",
  camhs: "CAMHS",
  social_care: "Social care",
  other: "Other",
};

const ROLE: Record<string, string> = {
  physio: "Physiotherapist",
  ot: "Occupational therapist",
  salt: "Speech and language therapist",
  camhs: "CAMHS clinician",
  social_worker: "Social worker",
  gp: "GP",
  teacher: "Teacher",
  senco: "SENCo",
  psychologist: "Psychologist",
  paediatrician: "Paediatrician",
  other: "Other",
};

const KIND: Record<string, string> = {
  letter: "Letter",
  email: "Email",
  text: "Text message",
  app_message: "App message",
  phone_call: "Phone call",
};

const DIRECTION: Record<string, string> = { in: "Received", out: "Sent" };

const COUNTERPART: Record<string, string> = {
  client: "The client",
  parent: "Parent or carer",
  school: "School or setting",
  professional: "Another professional",
  other: "Someone else",
};

/** The counterpart inside a sentence: "Phone call from parent (Mother)". */
const COUNTERPART_IN_SENTENCE: Record<string, string> = {
  client: "the client",
  parent: "parent",
  school: "school",
  professional: "another professional",
  other: "someone else",
};

const SORT: Record<ClientSortRequest, string> = {
  referralDate: "Newest referral",
  nextSession: "Next session",
  code: "Code",
};

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
 * "social_care" → "Social care", "gpSurgery" → "Gp surgery". */
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

/** "Phone call from parent (Mother)": the words of a correspondence entry's heading. */
export function correspondenceHeading(kind: string, direction: string, counterpart: string, name: string): string {
  const who = has(COUNTERPART_IN_SENTENCE, counterpart)
    ? COUNTERPART_IN_SENTENCE[counterpart]
    : humanise(counterpart).toLowerCase();
  return `${kindLabel(kind)} ${direction === "out" ? "to" : "from"} ${who}${name ? ` (${name})` : ""}`;
}

/** After a change of state: "JQ-0001 is now in therapy (since 16/11/2026)." */
export function stateChangedSentence(code: string, state: string, since: string): string {
  return `${code} is now ${stateLabel(state).toLowerCase()} (since ${since}).`;
}

/** Why the record offers re-referral instead of a change of state. */
export function closedEpisodeSentence(state: string, episode: number): string {
  return `Episode ${episode} is closed (${stateLabel(state)}). Re-referring opens episode ${episode + 1} on the same record.`;
}

/** After a session is added: "Session on 16/11/2026 recorded: did not attend." */
export function sessionRecordedSentence(on: string, outcome: string): string {
  return `Session on ${on} recorded: ${outcomeLabel(outcome).toLowerCase()}.`;
}
