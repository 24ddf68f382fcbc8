// Words for the consent ledger: what a consent is for, who gave it and how, and its state
// in words (the colour beside them is only a second signal).
import type { Consent } from "../generated/Consent";
import { howLabel, purposeLabel } from "../labels";

/** "Online or phone contact", or the therapist's own words for "another purpose". */
export function purposeText(c: Pick<Consent, "purpose" | "customPurpose">): string {
  return c.purpose === "other" && c.customPurpose ? c.customPurpose : purposeLabel(c.purpose);
}

/** "The client", or "Parent Moonpenny (parental responsibility)". */
export function givenByText(c: Pick<Consent, "givenBy" | "givenByRole">): string {
  return c.givenByRole === "client" ? "The client" : `${c.givenBy} (parental responsibility)`;
}

/** "Written form", "Verbal (does not count where written consent is needed)". */
export function howText(c: Pick<Consent, "how" | "written">): string {
  return c.written ? howLabel(c.how) : `${howLabel(c.how)} (does not count where written consent is needed)`;
}

export type Tone = "ok" | "due" | "expired" | "withdrawn";

/** The state in words, and the tone its colour comes from: "Current", "Review due since
 * 30/11/2026", "Expired on 30/11/2026: record it again", "Withdrawn on 01/12/2026 by …". */
export function stateText(c: Pick<Consent, "state" | "reviewOn" | "refreshOn" | "withdrawal">): { words: string; tone: Tone } {
  switch (c.state) {
    case "current":
      return { words: "Current", tone: "ok" };
    case "review-due":
      return { words: `Review due since ${c.reviewOn}`, tone: "due" };
    case "expired":
      return { words: `Expired on ${c.refreshOn}: record it again`, tone: "expired" };
    case "withdrawn":
      return c.withdrawal
        ? { words: `Withdrawn on ${c.withdrawal.on} by ${c.withdrawal.by}`, tone: "withdrawn" }
        : { words: "Withdrawn", tone: "withdrawn" };
  }
}

/** On Home's "Consents due": "review due since 30/11/2026" or "expired on 30/11/2026". */
export function dueText(c: Pick<Consent, "state" | "reviewOn" | "refreshOn">): string {
  return c.state === "expired" ? `expired on ${c.refreshOn}` : `review due since ${c.reviewOn}`;
}

/** "Replaced by the consent given on 01/12/2026" when a later one refreshed it. */
export function replacedText(c: Pick<Consent, "replacedBy">, all: Pick<Consent, "id" | "given">[]): string {
  if (c.replacedBy === null) return "";
  const later = all.find((o) => o.id === c.replacedBy);
  return later ? `Replaced by the consent given on ${later.given}` : "Replaced by a later consent";
}

/** The purpose inside a sentence: the label in lower case, the therapist's own words as typed. */
export function purposePhrase(c: Pick<Consent, "purpose" | "customPurpose">): string {
  return c.purpose === "other" && c.customPurpose ? c.customPurpose : purposeLabel(c.purpose).toLowerCase();
}
