// Words for the disclosure register: to whom, on what basis and why, and who was told.
import type { Consent } from "../generated/Consent";
import type { Disclosure } from "../generated/Disclosure";
import { basisLabel, recipientLabel, toldLabel } from "../labels";
import { purposePhrase } from "../consents/display";

/** "School (Head of year, St Anne's)": the recipient and who exactly. */
export function recipientText(d: Pick<Disclosure, "recipient" | "recipientName">): string {
  return `${recipientLabel(d.recipient)}${d.recipientName ? ` (${d.recipientName})` : ""}`;
}

/** The basis in words, with what it rests on: the consent relied on, or the reason given.
 * "Consent on record: the consent for therapy given on 01/09/2026", "Legal duty: <reason>". */
export function basisText(d: Pick<Disclosure, "basis" | "consent" | "reason">, consents: Pick<Consent, "id" | "purpose" | "customPurpose" | "given">[] = []): string {
  const label = basisLabel(d.basis);
  if (d.basis === "consent") {
    const c = consents.find((o) => o.id === d.consent);
    return c ? `${label}: the consent for ${purposePhrase(c)} given on ${c.given}` : label;
  }
  if (d.basis === "supervision") return `${label} (a standing basis; no reason needed each time)`;
  return d.reason ? `${label}. Reason: ${d.reason}` : label;
}

/** "A parent or carer was told on 03/12/2026", or "Not told". */
export function toldText(d: Pick<Disclosure, "told" | "toldOn">): string {
  return d.told !== "not-told" && d.toldOn ? `${toldLabel(d.told)} on ${d.toldOn}` : toldLabel(d.told);
}
