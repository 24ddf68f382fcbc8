// The "Log a safeguarding concern" form. Entries are never changed: a later outcome is a
// new entry that follows up an earlier one.
import type { KeptIdentifier } from "../generated/KeptIdentifier";
import type { SafeguardingEntry } from "../generated/SafeguardingEntry";
import type { SafeguardingForm as SafeguardingFields } from "../generated/SafeguardingForm";
import { joinParts, todayParts, type DateParts } from "../format";
import { whenText } from "./display";

export interface SafeguardingForm {
  on: DateParts;
  time: string;
  involved: string;
  account: string;
  action: string;
  referredTo: string;
  referredOn: DateParts;
  reference: string;
  outcome: string;
  /** The id of the earlier entry this one follows up, or "" for a new concern. */
  follows: string;
  /** What the identifier check found that is kept, each with its reason. */
  kept: KeptIdentifier[];
}

export const ACCOUNT_HINT = "In your words, initials only.";

export function emptySafeguardingForm(now: Date = new Date()): SafeguardingForm {
  return {
    on: todayParts(now),
    time: "",
    involved: "",
    account: "",
    action: "",
    referredTo: "",
    referredOn: { day: "", month: "", year: "" },
    reference: "",
    outcome: "",
    follows: "",
    kept: [],
  };
}

/** The entry as the core takes it: what was typed, checked there. */
export function safeguardingRequest(form: SafeguardingForm): SafeguardingFields {
  return {
    on: joinParts(form.on),
    time: form.time,
    involved: form.involved,
    account: form.account,
    action: form.action,
    referredTo: form.referredTo,
    referredOn: joinParts(form.referredOn),
    reference: form.reference,
    outcome: form.outcome,
    note: null,
    disclosure: null,
    follows: form.follows === "" ? null : Number(form.follows),
    kept: form.kept,
  };
}

/** The earlier entries a new one may follow up, as the select offers them. */
export function followChoices(entries: Pick<SafeguardingEntry, "id" | "on" | "time" | "account" | "follows">[]): [string, string][] {
  return [
    ["", "None: this is a new concern"],
    ...entries.map((e): [string, string] => [String(e.id), `Entry of ${whenText(e)}${e.account ? `: ${clip(e.account)}` : ""}`]),
  ];
}

function clip(text: string, max = 60): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}


/** Core field → the input its problem sits beside. */
export const SAFEGUARDING_FIELD_IDS: Record<string, string> = {
  on: "sg-on-day",
  time: "sg-time",
  involved: "sg-involved",
  account: "sg-account",
  action: "sg-action",
  referredTo: "sg-referred-to",
  referredOn: "sg-referred-on-day",
  reference: "sg-reference",
  outcome: "sg-outcome",
  "safeguarding entry": "sg-follows",
  keepIdentifiers: "sg-keep-reason",
  code: "sg-account",
};
