// Words for agreements: each one in a line, whether it is current, and what the client
// record's top line says about the agreement for this period of therapy.
import type { Agreement } from "../generated/Agreement";
import { THERAPY_AGREEMENTS } from "../generated/choices";
import { agreementKindLabel } from "../labels";

export const CURRENT_WORDS = "Current for this period of therapy";

/** "Signed on 01/09/2026 by Parent Moonpenny · wording v3". */
export function signedText(a: Pick<Agreement, "signedOn" | "signedBy" | "version">): string {
  return `Signed on ${a.signedOn} by ${a.signedBy}${a.version ? ` · wording ${a.version}` : ""}`;
}


export type OnFileTone = "ok" | "warning";

/** The record's top line: the current therapy contract or work agreement on file, or that
 * there is none, in words (the colour beside them is only a second signal). */
export function onFileText(agreements: Pick<Agreement, "kind" | "current" | "signedOn">[]): { words: string; tone: OnFileTone } {
  const current = agreements.find((a) => a.current && (THERAPY_AGREEMENTS as readonly string[]).includes(a.kind));
  if (!current) return { words: "No signed agreement on file for this period of therapy", tone: "warning" };
  return { words: `${agreementKindLabel(current.kind)} signed on ${current.signedOn}: on file for this period of therapy`, tone: "ok" };
}
