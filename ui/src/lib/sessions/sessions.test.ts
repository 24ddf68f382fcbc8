import { describe, expect, it } from "vitest";
import type { Session } from "../generated/Session";
import type { SessionForm } from "../generated/SessionForm";
import { recordSession, saveAttendanceSummary, sessionErrors } from "./api";
import { countsSentence, howText } from "./display";
import { asksRemoteChecks, emptySessionForm, sessionRequest } from "./form";

const session = (over: Partial<Session>): Session => ({
  id: 1, episode: 1, number: null, on: "16/11/2026", startTime: "", minutes: 50, mode: "in-person",
  outcome: "attended", platform: "", parentContactedStart: null, parentContactedEnd: null, parentNearby: null, checksReason: "", platformConfirmed: "", ...over,
});

describe("the session form", () => {
  it("starts empty: today, 50 minutes, in person, attended, no platform, checks unanswered", () => {
    expect(emptySessionForm(new Date(2026, 10, 20))).toEqual({
      on: { day: "20", month: "11", year: "2026" }, time: "", minutes: "50", mode: "in-person", outcome: "attended",
      platform: "", start: null, end: null, nearby: null, checksReason: "", platformConfirmed: "",
    });
  });
  it("sends what was typed; the core clears remote answers of an in-person session", () => {
    const form = { ...emptySessionForm(new Date(2026, 10, 20)), mode: "online" as const, platform: "Video", start: true, end: true, nearby: false };
    expect(sessionRequest(form)).toEqual({
      on: "20/11/2026", startTime: "", minutes: 50, mode: "online", outcome: "attended", platform: "Video",
      parentContactedStart: true, parentContactedEnd: true, parentNearby: false, checksReason: "", platformConfirmed: "",
    });
    // A reason goes with a "no" only: typed, then the check put back to "yes", it is not sent.
    expect(sessionRequest({ ...form, checksReason: "Parent out" }).checksReason).toBe("Parent out");
    expect(sessionRequest({ ...form, nearby: true, checksReason: "Parent out" }).checksReason).toBe("");
    expect(asksRemoteChecks("online")).toBe(true);
    expect(asksRemoteChecks("in-person")).toBe(false);
  });
  it("records through the api and words the confirmation", async () => {
    let sent: SessionForm | null = null;
    const api = {
      addSession: async (code: string, s: SessionForm) => {
        sent = s;
        return session({ on: s.on, outcome: "did-not-attend" });
      },
    };
    const { message } = await recordSession(api, "JQ-0001", emptySessionForm(new Date(2026, 10, 18)));
    expect(sent).not.toBeNull();
    expect(message).toBe("Session on 18/11/2026 recorded: did not attend.");
  });
  it("puts a problem beside its input", () => {
    const err = { code: "INVALID_INPUT", message: "Enter the platform.", field: "platform", problems: [] };
    expect(sessionErrors(err)).toEqual([{ id: "session-platform", message: "Enter the platform." }]);
  });
});

describe("the register", () => {
  it("words the core's counts of the current episode", () => {
    const episodeCounts = {
      planned: 0, attended: 1, cancelledByClient: 1, cancelledByTherapist: 1, didNotAttend: 1, inPerson: 1, online: 0, phone: 0,
    };
    expect(countsSentence({ episode: 1, episodeCounts })).toBe("Episode 1: 1 attended, 1 did not attend, 2 cancelled, 0 planned.");
    expect(howText(session({ mode: "online", platform: "Video call app" }))).toBe("Online (Video call app)");
  });
  it("names the saved summary", async () => {
    const api = { saveAttendancePdf: async (code: string, from: string, to: string, forWhom: string) => `/r/${code} ${from} ${to} ${forWhom}.pdf` };
    const form = { from: { day: "1", month: "11", year: "2026" }, to: { day: "22", month: "11", year: "2026" }, forWhom: "the SENCo" };
    expect(await saveAttendanceSummary(api, "JQ-0001", form)).toBe("Attendance summary saved to /r/JQ-0001 01/11/2026 22/11/2026 the SENCo.pdf");
    const cancelled = { saveAttendancePdf: async () => null };
    expect(await saveAttendanceSummary(cancelled, "JQ-0001", form)).toBe("No folder was chosen, so nothing was saved.");
  });
});
