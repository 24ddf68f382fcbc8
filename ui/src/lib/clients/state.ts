// Moving a client between states, and re-referral once an episode is closed.
import type { ClientRecord } from "../generated/ClientRecord";
import type { ClientState } from "../generated/ClientState";
import type { ClientSummary } from "../generated/ClientSummary";
import { fieldErrorsFor, toFolioError, type FieldError } from "../errors";
import { joinParts, todayParts, type DateParts } from "../format";
import type { FolioApi } from "../ipc";
import { stateChangedSentence } from "../labels";

export interface StateForm {
  to: string;
  on: DateParts;
  note: string;
}

/** The form for the next change of state: the first allowed state, today, no note. */
export function emptyStateForm(record: ClientRecord | null): StateForm {
  return { to: record?.nextStates[0] ?? "", on: todayParts(), note: "" };
}

/** The episode is closed when the core allows no further state (RULE IN THE UI: the core
 * knows this as `ClientState::is_closed`; see the report for the field to replace it). */
export function isEpisodeClosed(record: ClientRecord): boolean {
  return record.summary.episodeClosed;
}

/** Changes the state, or re-refers when the episode is closed; returns the confirmation. */
export async function changeState(
  api: Pick<FolioApi, "changeClientState" | "reRefer">,
  record: ClientRecord,
  form: StateForm,
): Promise<{ moved: ClientSummary; message: string }> {
  const code = record.summary.code;
  const on = joinParts(form.on);
  if (isEpisodeClosed(record)) {
    const moved = await api.reRefer(code, on, form.note);
    return { moved, message: `Re-referred: episode ${moved.episode} started ${moved.stateSince}.` };
  }
  const moved = await api.changeClientState(code, form.to as ClientState, on, form.note);
  return { moved, message: stateChangedSentence(moved.code, moved.state, moved.stateSince) };
}

export const STATE_FIELD_IDS: Record<string, string> = { note: "state-note", on: "state-on-day", to: "state-to" };

export function stateErrors(e: unknown): FieldError[] {
  return fieldErrorsFor(toFolioError(e), STATE_FIELD_IDS, "state-to");
}
