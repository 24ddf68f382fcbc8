// Small display helpers for the attendance register.
import type { CheckReview } from "../generated/CheckReview";
import type { Register } from "../generated/Register";
import type { Session } from "../generated/Session";
import { modeLabel } from "../labels";

/** "Online (Video call app)", "In person". */
export function howText(s: Session): string {
  return `${modeLabel(s.mode)}${s.platform ? ` (${s.platform})` : ""}`;
}

/** "Episode 1: 2 attended, 1 did not attend, 0 cancelled, 0 planned." (cancelled by
 * either side, counted by the core). */
export function countsSentence(register: Pick<Register, "episode" | "episodeCounts">): string {
  const c = register.episodeCounts;
  const cancelled = c.cancelledByClient + c.cancelledByTherapist;
  return `Episode ${register.episode}: ${c.attended} attended, ${c.didNotAttend} did not attend, ${cancelled} cancelled, ${c.planned} planned.`;
}

/** "Online session on 19/11/2026: the parent or carer was not contacted at the end. Reason: …" */
export function reviewText(r: CheckReview): string {
  const what = r.missed.join("; ");
  return `${modeLabel(r.mode)} session on ${r.on}: ${what}. Reason given: ${r.reason}`;
}
