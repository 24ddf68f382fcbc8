import { describe, expect, it } from "vitest";
import type { Incident } from "../generated/Incident";
import { decideErrors, recordDecision } from "./api";
import { clientsText, deadlineText, outcomeText } from "./display";
import { clientCodes, decisionRequest, emptyIncidentForm, incidentRequest, reportRequest, emptyReportForm } from "./form";

const incident = (over: Partial<Incident>): Incident => ({
  id: 1, aware: "24/10/2026 10:00", reportBy: "27/10/2026 09:00", summary: "A letter went astray", clients: [], risk: "",
  actions: "", peopleTold: "", state: "open", mustReport: null, decisionReason: "", reportedOn: null, lateReason: "",
  reference: "", minutesLeft: 840, countdown: "14 hours left", overdue: false, ...over,
});

describe("the incident log", () => {
  it("sends the moment as typed in UK time and the client codes one by one", () => {
    const form = { ...emptyIncidentForm(new Date(2026, 9, 24)), awareAt: "10:00", summary: "x", clients: "JQ-0001, ab-0002;  " };
    expect(incidentRequest(form)).toEqual({ aware: "24/10/2026 10:00", summary: "x", clients: ["JQ-0001", "ab-0002"], risk: "", actions: "", peopleTold: "" });
    expect(clientCodes("")).toEqual([]);
    expect(reportRequest({ ...emptyReportForm(new Date(2026, 9, 27)), at: "" }).on).toBe("27/10/2026");
    expect(decisionRequest({ report: null, reason: "" }).report).toBe("");
    expect(decisionRequest({ report: false, reason: "no risk" })).toEqual({ report: "no", reason: "no risk" });
  });
  it("words the deadline, the outcome and whose data", () => {
    expect(deadlineText(incident({}))).toBe("Report to the ICO by 27/10/2026 09:00 — 14 hours left");
    expect(outcomeText(incident({ state: "reported", reportedOn: "26/10/2026 09:00", reference: "ICO-1" }))).toBe("Reported to the ICO on 26/10/2026 09:00, reference ICO-1");
    expect(outcomeText(incident({ state: "not-reported", mustReport: false, decisionReason: "No risk" }))).toBe("Not reported: No risk");
    expect(outcomeText(incident({}))).toBe("");
    expect(clientsText(incident({}))).toBe("No client's data");
    expect(clientsText(incident({ clients: ["JQ-0001", "AB-0002"] }))).toBe("JQ-0001, AB-0002");
  });
  it("places a refusal beside its input", async () => {
    const refusal = { code: "INVALID_INPUT", message: "Give the reason for the decision.", field: "reason", problems: [] };
    expect(decideErrors(refusal, 4)).toEqual([{ id: "incident-4-reason", message: refusal.message }]);
    const api = { decideIncident: async () => incident({ state: "not-reported" }) };
    expect(await recordDecision(api, 1, { report: false, reason: "x" })).toBe("Decision recorded: not reported to the ICO.");
  });
});
