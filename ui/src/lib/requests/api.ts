// The request register's calls, and their problems placed beside the right inputs.
import { fieldErrorsFor, toFolioError, type FieldError } from "../errors";
import type { RightsRequest } from "../generated/RightsRequest";
import type { FolioApi } from "../ipc";
import {
  changeFallback,
  changeFieldIds,
  closeFields,
  extensionFields,
  identityFields,
  REQUEST_FIELD_IDS,
  requestFields,
  type Change,
  type CloseForm,
  type ExtensionForm,
  type IdentityForm,
  type RequestForm,
} from "./form";

type RequestApi = Pick<FolioApi, "addRequest" | "checkRequestIdentity" | "extendRequest" | "closeRequest">;

export async function recordRequest(api: Pick<FolioApi, "addRequest">, form: RequestForm): Promise<string> {
  const added = await api.addRequest(requestFields(form));
  return `Request received on ${added.received} recorded. Answer it by ${added.due} (${added.countdown.toLowerCase()}); it shows on Home until it is closed.`;
}

export interface ChangeForms {
  identity: IdentityForm;
  extend: ExtensionForm;
  close: CloseForm;
}

/** Records one change to request `id`; the confirmation in words. */
export async function recordChange(api: RequestApi, id: number, change: Change, forms: ChangeForms): Promise<string> {
  switch (change) {
    case "identity": {
      const r = await api.checkRequestIdentity(id, identityFields(forms.identity));
      return `Identity check recorded. Answer by ${r.due}.`;
    }
    case "extend": {
      const r = await api.extendRequest(id, extensionFields(forms.extend));
      return `Extension recorded. The new deadline is ${r.due}.`;
    }
    case "close": {
      const r = await api.closeRequest(id, closeFields(forms.close));
      return `Request received on ${r.received} closed on ${r.closed ?? ""}.`;
    }
  }
}

export const requestErrors = (e: unknown): FieldError[] => fieldErrorsFor(toFolioError(e), REQUEST_FIELD_IDS, "request-summary");
export const changeErrors = (e: unknown, id: number, change: Change): FieldError[] =>
  fieldErrorsFor(toFolioError(e), changeFieldIds(id, change), changeFallback(id, change));

export type { RightsRequest };
