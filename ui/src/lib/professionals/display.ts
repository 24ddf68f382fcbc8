// Small display helpers for professionals.
import type { Professional } from "../generated/Professional";
import { roleLabel } from "../labels";

/** "Priya Shah, Speech and language therapist, NHS Trust". */
export function professionalLine(p: Professional): string {
  return `${p.name}, ${roleLabel(p.role)}${p.organisation ? `, ${p.organisation}` : ""}`;
}

/** "Priya Shah (Speech and language therapist)", as the directory choice shows them. */
export function directoryChoice(p: Professional): [string, string] {
  return [String(p.id), `${p.name} (${roleLabel(p.role)})`];
}
