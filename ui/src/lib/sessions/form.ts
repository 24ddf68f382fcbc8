// The "Record a session" form. A new session starts from `emptySessionForm()` and the form
// goes back to it after each one is recorded: nothing carries over from the last session.
import type { Mode } from "../generated/Mode";
import type { Outcome } from "../generated/Outcome";
import type { SessionForm as SessionFields } from "../generated/SessionForm";
import { joinParts, todayParts, type DateParts } from "../format";
import { REMOTE_MODES } from "../generated/choices";

export interface SessionForm {
  on: DateParts;
  time: string;
  minutes: string;
  mode: Mode;
  outcome: Outcome;
  platform: string;
  start: boolean | null;
  end: boolean | null;
  nearby: boolean | null;
  /** Why a check was "no"; sent only while one is. */
  checksReason: string;
  /** The parent agreed to a platform their consent does not name: how and when. */
  platformConfirmed: string;
}

export function emptySessionForm(now: Date = new Date()): SessionForm {
  return {
    on: todayParts(now),
    time: "",
    minutes: "50",
    mode: "in-person",
    outcome: "attended",
    platform: "",
    start: null,
    end: null,
    nearby: null,
    checksReason: "",
    platformConfirmed: "",
  };
}

/** Whether a parent or carer check is answered "no": the form then asks for the reason. */
export function checkAnsweredNo(form: Pick<SessionForm, "start" | "end" | "nearby">): boolean {
  return form.start === false || form.end === false || form.nearby === false;
}

/** Whether the form asks for the platform and the parent or carer checks: for the modes
 * the core counts as remote (`Mode::is_remote`, exported in the generated catalogue). */
export function asksRemoteChecks(mode: Mode): boolean {
  return (REMOTE_MODES as readonly string[]).includes(mode);
}

/** The session as the core takes it. The core clears the platform and the checks of an
 * in-person session itself (sessions.rs), so they are sent as typed. */
export function sessionRequest(form: SessionForm): SessionFields {
  return {
    on: joinParts(form.on),
    startTime: form.time,
    minutes: Number.parseInt(form.minutes, 10) || 0,
    mode: form.mode,
    outcome: form.outcome,
    platform: form.platform,
    parentContactedStart: form.start,
    parentContactedEnd: form.end,
    parentNearby: form.nearby,
    // The core takes a reason exactly when a check is "no": one typed before a check was
    // changed back to "yes" is not sent.
    checksReason: checkAnsweredNo(form) ? form.checksReason : "",
    platformConfirmed: form.platformConfirmed,
  };
}

/** Core field → the input its problem sits beside. */
export const SESSION_FIELD_IDS: Record<string, string> = {
  on: "session-on-day",
  startTime: "session-time",
  minutes: "session-minutes",
  outcome: "session-outcome",
  platform: "session-platform",
  parentChecks: "session-parent-start-yes",
  checksReason: "session-checks-reason",
  platformConfirmed: "session-platform-confirmed",
  code: "session-on-day",
  // The consent gate: the message sits beside "How", with a way to the Consents panel.
  consent: "session-mode",
};
