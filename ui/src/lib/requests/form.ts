// The request register's forms: a request received, the identity check, an extension, the
// closing. What was typed goes to the core, which checks it (dates, the month, the two
// months' extension told within the first).
import type { ExtensionForm as ExtensionFields } from "../generated/ExtensionForm";
import type { IdentityForm as IdentityFields } from "../generated/IdentityForm";
import type { RequestCloseForm } from "../generated/RequestCloseForm";
import type { RequestForm as RequestFields } from "../generated/RequestForm";
import { joinParts, todayParts, type DateParts } from "../format";

export interface RequestForm {
  client: string;
  kind: string;
  madeBy: string;
  from: string;
  received: DateParts;
  summary: string;
}

export interface IdentityForm {
  on: DateParts;
  how: string;
  waited: boolean;
}

export interface ExtensionForm {
  months: string;
  reason: string;
  toldOn: DateParts;
}

export interface CloseForm {
  on: DateParts;
  outcome: string;
  note: string;
}

export type Change = "identity" | "extend" | "close";

export function emptyRequestForm(now: Date = new Date()): RequestForm {
  return { client: "", kind: "access", madeBy: "client", from: "", received: todayParts(now), summary: "" };
}

export const emptyIdentityForm = (now: Date = new Date()): IdentityForm => ({ on: todayParts(now), how: "", waited: false });
export const emptyExtensionForm = (now: Date = new Date()): ExtensionForm => ({ months: "2", reason: "", toldOn: todayParts(now) });
export const emptyCloseForm = (now: Date = new Date()): CloseForm => ({ on: todayParts(now), outcome: "done", note: "" });

export function requestFields(form: RequestForm): RequestFields {
  return {
    client: form.client.trim(),
    kind: form.kind,
    madeBy: form.madeBy,
    from: form.from,
    received: joinParts(form.received),
    summary: form.summary,
  };
}

export const identityFields = (form: IdentityForm): IdentityFields => ({ on: joinParts(form.on), how: form.how, waited: form.waited });
export const extensionFields = (form: ExtensionForm): ExtensionFields => ({ months: form.months, reason: form.reason, toldOn: joinParts(form.toldOn) });
export const closeFields = (form: CloseForm): RequestCloseForm => ({ on: joinParts(form.on), outcome: form.outcome, note: form.note });

/** Core field → the input its problem sits beside. */
export const REQUEST_FIELD_IDS: Record<string, string> = {
  code: "request-client",
  kind: "request-kind",
  madeBy: "request-made-by",
  from: "request-from",
  received: "request-received-day",
  summary: "request-summary",
};

/** The ids of one request's change form, by core field. */
export function changeFieldIds(id: number, change: Change): Record<string, string> {
  const p = `request-${id}`;
  switch (change) {
    case "identity":
      return { on: `${p}-identity-on-day`, how: `${p}-identity-how` };
    case "extend":
      return { months: `${p}-months`, reason: `${p}-reason`, toldOn: `${p}-told-on-day` };
    case "close":
      return { on: `${p}-closed-day`, outcome: `${p}-outcome`, note: `${p}-note` };
  }
}

/** Where a change's problem goes when the core names no field of the form. */
export function changeFallback(id: number, change: Change): string {
  return change === "identity" ? `request-${id}-identity-how` : change === "extend" ? `request-${id}-reason` : `request-${id}-outcome`;
}
