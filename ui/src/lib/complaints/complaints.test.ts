import { describe, expect, it } from "vitest";
import type { Complaint } from "../generated/Complaint";
import { complaintErrors, recordStage } from "./api";
import { aboutText, fromText, latestStage } from "./display";
import { complaintRequest, emptyComplaintForm } from "./form";

const complaint = (over: Partial<Complaint>): Complaint => ({
  id: 1, client: "JQ-0001", initials: "JQ", received: "02/10/2026", from: "KQ (mother)", how: "email", summary: "x",
  stages: [], closed: null, response: "", outcome: "", state: "open", ...over,
});

describe("the complaints register", () => {
  it("sends what was typed", () => {
    const form = { ...emptyComplaintForm(new Date(2026, 9, 2)), client: " JQ-0001 ", summary: "Unhappy" };
    expect(complaintRequest(form)).toEqual({ client: "JQ-0001", received: "02/10/2026", from: "", how: "", summary: "Unhappy" });
  });
  it("words who, how and where it has got to", () => {
    expect(aboutText(complaint({}))).toBe("JQ-0001 (JQ)");
    expect(aboutText(complaint({ client: null, initials: null }))).toBe("The practice as a whole");
    expect(fromText(complaint({}))).toBe("From KQ (mother), by e-mail");
    expect(fromText(complaint({ from: "", how: null }))).toBe("");
    expect(latestStage(complaint({}))).toBe("No stage recorded yet");
    expect(latestStage(complaint({ stages: [{ stage: "therapist", on: "02/10/2026" }, { stage: "hcpc", on: "20/10/2026" }] }))).toBe("Latest stage: HCPC, 20/10/2026");
  });
  it("confirms a stage and places refusals beside their inputs", async () => {
    const api = { addComplaintStage: async () => complaint({ stages: [{ stage: "commissioner", on: "20/10/2026" }] }) };
    expect(await recordStage(api, 1, { stage: "commissioner", on: { day: "20", month: "10", year: "2026" } })).toBe(
      "Stage recorded: Commissioning organisation on 20/10/2026.",
    );
    const refusal = { code: "INVALID_INPUT", message: "The date the complaint was received cannot be in the future.", field: "received", problems: [] };
    expect(complaintErrors(refusal)).toEqual([{ id: "complaint-received-day", message: refusal.message }]);
  });
});
