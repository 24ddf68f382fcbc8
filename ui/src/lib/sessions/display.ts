// Small display helpers for the attendance register.
import type { Session } from "../generated/Session";
import { modeLabel } from "../labels";

/** "Online (Video call app)", "In person". */
export function howText(s: Session): string {
  return `${modeLabel(s.mode)}${s.platform ? ` (${s.platform})` : ""}`;
}

export interface EpisodeCounts {
  attended: number;
  dna: number;
  cancelled: number;
  planned: number;
}

/** The counts of one episode's sessions (RULE IN THE UI: see the report for the core field
 * that should carry them). */
export function episodeCounts(sessions: Session[], episode: number): EpisodeCounts {
  const mine = sessions.filter((s) => s.episode === episode);
  const count = (o: Session["outcome"]) => mine.filter((s) => s.outcome === o).length;
  return {
    attended: count("attended"),
    dna: count("did-not-attend"),
    cancelled: count("cancelled-by-client") + count("cancelled-by-therapist"),
    planned: count("planned"),
  };
}

/** "Episode 1: 2 attended, 1 did not attend, 0 cancelled, 0 planned." */
export function countsSentence(episode: number, c: EpisodeCounts): string {
  return `Episode ${episode}: ${c.attended} attended, ${c.dna} did not attend, ${c.cancelled} cancelled, ${c.planned} planned.`;
}
