// Words for the request register.
import type { RightsRequest } from "../generated/RightsRequest";
import { requestMadeByLabel, requestOutcomeLabel } from "../labels";

/** "JQ-0001 (JQ)", or "Someone with no record here". */
export function aboutText(r: Pick<RightsRequest, "client" | "initials">): string {
  return r.client ? `${r.client} (${r.initials ?? ""})` : "Someone with no record here";
}

/** "KQ (mother), a parent or carer, for a child" or the role alone. */
export function fromText(r: Pick<RightsRequest, "from" | "madeBy">): string {
  const role = requestMadeByLabel(r.madeBy);
  return r.from ? `${r.from}: ${role.charAt(0).toLowerCase()}${role.slice(1)}` : role;
}

/** "Answer by 30/12/2026 · 30 days left", or how it closed. */
export function deadlineText(r: RightsRequest): string {
  if (r.closed) return `Closed ${r.closed}: ${r.outcome ? requestOutcomeLabel(r.outcome) : ""}`;
  return `Answer by ${r.due} · ${r.countdown}`;
}

/** The identity check in words, or what is still to do. */
export function identityText(r: Pick<RightsRequest, "identity" | "closed">): string {
  if (r.identity) {
    const waited = r.identity.waited ? " (the month runs from this day)" : "";
    return `Confirmed ${r.identity.on}: ${r.identity.how}${waited}`;
  }
  return r.closed ? "Not recorded" : "Not yet confirmed";
}

/** "Extended by 2 months, told 20/11/2026: the records span three settings." */
export function extensionText(e: RightsRequest["extensions"][number]): string {
  return `Extended by ${e.months === 1 ? "1 month" : "2 months"}, told ${e.toldOn}: ${e.reason}`;
}
