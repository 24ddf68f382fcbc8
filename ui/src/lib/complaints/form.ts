// The complaints register's forms: a complaint received, a stage it reached, its closing.
// What was typed goes to the core, which checks it (dates, the order of stages).
import type { ComplaintForm as ComplaintFields } from "../generated/ComplaintForm";
import { joinParts, todayParts, type DateParts } from "../format";

export interface ComplaintForm {
  client: string;
  received: DateParts;
  from: string;
  how: string;
  summary: string;
}

export interface StageForm {
  stage: string;
  on: DateParts;
}

export interface CloseForm {
  on: DateParts;
  outcome: string;
  response: string;
}

export function emptyComplaintForm(now: Date = new Date()): ComplaintForm {
  return { client: "", received: todayParts(now), from: "", how: "", summary: "" };
}

export function emptyStageForm(now: Date = new Date()): StageForm {
  return { stage: "therapist", on: todayParts(now) };
}

export function emptyCloseForm(now: Date = new Date()): CloseForm {
  return { on: todayParts(now), outcome: "", response: "" };
}

export function complaintRequest(form: ComplaintForm): ComplaintFields {
  return { client: form.client.trim(), received: joinParts(form.received), from: form.from, how: form.how, summary: form.summary };
}

/** Core field → the input its problem sits beside, for each form. */
export const COMPLAINT_FIELD_IDS: Record<string, string> = {
  code: "complaint-client",
  received: "complaint-received-day",
  from: "complaint-from",
  how: "complaint-how",
  summary: "complaint-summary",
};

export function stageFieldIds(id: number): Record<string, string> {
  return { stage: `complaint-${id}-stage`, on: `complaint-${id}-stage-on-day` };
}

export function closeFieldIds(id: number): Record<string, string> {
  return { on: `complaint-${id}-closed-day`, outcome: `complaint-${id}-outcome`, response: `complaint-${id}-response` };
}
