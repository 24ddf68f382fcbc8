// Words for the safeguarding log: when, the referral made, what a follow-up follows, and
// what the identifier check found that was kept with a reason.
import type { SafeguardingEntry } from "../generated/SafeguardingEntry";

/** "12/11/2026 at 15:20", or the date alone. */
export function whenText(e: Pick<SafeguardingEntry, "on" | "time">): string {
  return e.time ? `${e.on} at ${e.time}` : e.on;
}

/** "Referred to the children's services front door on 12/11/2026, reference MASH-1234". */
export function referralText(e: Pick<SafeguardingEntry, "referredTo" | "referredOn" | "reference">): string {
  if (!e.referredTo && !e.referredOn && !e.reference) return "";
  const to = e.referredTo ? ` to ${e.referredTo}` : "";
  const on = e.referredOn ? ` on ${e.referredOn}` : "";
  const ref = e.reference ? `, reference ${e.reference}` : "";
  return `Referred${to}${on}${ref}`;
}

/** The entries that follow up `id`, oldest first. */
export function followUpsOf<T extends Pick<SafeguardingEntry, "follows">>(entries: T[], id: number): T[] {
  return entries.filter((e) => e.follows === id).reverse();
}

/** "“Jo”, kept because the child's exact words matter here". */
export function keptText(k: Pick<SafeguardingEntry["kept"][number], "text" | "reason">): string {
  return `“${k.text}”, kept because ${k.reason}`;
}

/** The record's header tag when the client has entries. */
export const LOG_TAG = "Safeguarding log";
