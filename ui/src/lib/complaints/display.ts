// Words for the complaints register.
import type { Complaint } from "../generated/Complaint";
import { complaintHowLabel, complaintStageLabel } from "../labels";

/** "JQ-0001 (JQ)", or the practice when it is about no one client. */
export function aboutText(c: Pick<Complaint, "client" | "initials">): string {
  return c.client ? `${c.client} (${c.initials ?? ""})` : "The practice as a whole";
}

/** "From KQ (mother), by e-mail" — or "" when neither was recorded. */
export function fromText(c: Pick<Complaint, "from" | "how">): string {
  const how = c.how ? complaintHowLabel(c.how).toLowerCase() : "";
  if (c.from && how) return `From ${c.from}, by ${how}`;
  if (c.from) return `From ${c.from}`;
  return how ? `By ${how}` : "";
}

/** "02/10/2026: Therapist". */
export function stageText(s: Complaint["stages"][number]): string {
  return `${s.on}: ${complaintStageLabel(s.stage)}`;
}

/** "Latest stage: Therapist, 02/10/2026", or "No stage recorded yet". */
export function latestStage(c: Pick<Complaint, "stages">): string {
  const last = c.stages[c.stages.length - 1];
  return last ? `Latest stage: ${complaintStageLabel(last.stage)}, ${last.on}` : "No stage recorded yet";
}
