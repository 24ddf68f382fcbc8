// The handover in words: its status and review date, the contact sheet's lines, the
// continuity checklist by group. Presentation only; the rules are the core's.
import type { Checklist } from "../generated/Checklist";
import type { ChecklistItem } from "../generated/ChecklistItem";
import type { ContactEntry } from "../generated/ContactEntry";
import type { ContactPerson } from "../generated/ContactPerson";
import type { ContactSheet } from "../generated/ContactSheet";
import type { HandoverStatus } from "../generated/HandoverStatus";
import type { Successor } from "../generated/Successor";
import { checklistGroupLabel, checklistGroupOrder, stateLabel } from "../labels";

/** "1", "1 and 3", "1, 2 and 4". */
export function andList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** "Any 2 of the 3 shares together open the vault." */
export function thresholdSentence(k: number, n: number): string {
  if (k === 1) return n === 1 ? "The one share opens the vault on its own." : `Any one of the ${n} shares opens the vault on its own.`;
  return `Any ${k} of the ${n} shares together open the vault; fewer reveal nothing.`;
}

/** "Joan Whitlock (Art therapist; AS12345; 07700 900123)". */
export function successorText(s: Successor): string {
  const details = [s.profession, s.registration, s.contact].filter((d) => d.trim() !== "");
  return details.length ? `${s.name} (${details.join("; ")})` : s.name;
}

/** Setting up or re-issuing stopped before it was recorded (a crash, a pulled plug). */
export const INTERRUPTED_TEXT =
  "Setting up or re-issuing the clinical will stopped before it finished, so no handover is in force: shares made before it no longer open the vault, and any shares it was making must not be handed out. Set the handover up again now.";

/** When the clinical will was set up (and last reviewed) and when to review it, in words and a tone. */
export function reviewText(s: HandoverStatus): { text: string; due: boolean } {
  const since = s.reviewedOn ? `last reviewed on ${s.reviewedOn}` : `set up on ${s.setUpOn}`;
  return s.reviewDue
    ? {
        text: `Review due since ${s.reviewBy}: it was ${since}. Check the holders, the successor and your instructions: if nothing has changed, record the review; otherwise re-issue the shares.`,
        due: true,
      }
    : { text: `Set up on ${s.setUpOn}${s.reviewedOn ? `, last reviewed on ${s.reviewedOn}` : ""}. Review it by ${s.reviewBy}.`, due: false };
}

/** "07700 900123, name@example.org", leaving out what is not known. */
export function reach(phone: string, email: string): string {
  return [phone, email].filter((d) => d.trim() !== "").join(", ");
}

export function personText(p: ContactPerson): string {
  const rel = p.relationship.trim() ? ` (${p.relationship})` : "";
  const how = reach(p.phone, p.email);
  return `${p.name}${rel}${how ? `: ${how}` : ""}`;
}

/** "In therapy; next session 30/11/2026". */
export function contactStanding(c: ContactEntry): string {
  return `${stateLabel(c.state)}${c.nextSession ? `; next session ${c.nextSession}` : ""}`;
}

/** "Opened on 22/11/2026 with shares 1 and 3 of set 1." */
export function openedText(sheet: ContactSheet): string {
  return `Opened on ${sheet.openedOn} with shares ${andList(sheet.shares.map(String))} of set ${sheet.set}.`;
}

export interface ChecklistSection {
  group: string;
  label: string;
  items: ChecklistItem[];
}

/** The items under their groups' headings, in the core's order; empty groups left out. */
export function checklistSections(list: Checklist): ChecklistSection[] {
  return checklistGroupOrder()
    .map((group) => ({ group, label: checklistGroupLabel(group), items: list.items.filter((i) => i.group === group) }))
    .filter((s) => s.items.length > 0);
}

export const progressText = (list: Checklist): string => `${list.done} of ${list.total} done`;

/** An item's id on the screen: its key with anything but letters and digits as hyphens. */
export const itemId = (key: string): string => `check-${key.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
