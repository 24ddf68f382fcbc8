import { describe, expect, it } from "vitest";
import type { RightsRequest } from "../generated/RightsRequest";
import { changeErrors, recordChange } from "./api";
import { aboutText, deadlineText, extensionText, fromText, identityText } from "./display";
import { emptyCloseForm, emptyExtensionForm, emptyIdentityForm, emptyRequestForm, requestFields } from "./form";

const request = (over: Partial<RightsRequest>): RightsRequest => ({
  id: 3, client: "JQ-0001", initials: "JQ", kind: "access", madeBy: "parent", from: "KQ (mother)", received: "30/11/2026",
  summary: "x", identity: null, extensions: [], due: "30/12/2026", dueBecause: "one calendar month from 30/11/2026, the day it was received",
  extendBy: "30/12/2026", daysLeft: 30, countdown: "30 days left", dueSoon: false, closed: null, outcome: null, note: "", state: "open", ...over,
});

describe("the request register", () => {
  it("sends what was typed, with the date joined", () => {
    const form = { ...emptyRequestForm(new Date(2026, 10, 30)), client: " JQ-0001 ", summary: "A copy" };
    expect(requestFields(form)).toEqual({ client: "JQ-0001", kind: "access", madeBy: "client", from: "", received: "30/11/2026", summary: "A copy" });
  });
  it("words who, the deadline and the checks", () => {
    expect(aboutText(request({}))).toBe("JQ-0001 (JQ)");
    expect(aboutText(request({ client: null, initials: null }))).toBe("Someone with no record here");
    expect(fromText(request({}))).toBe("KQ (mother): a parent or carer, for a child");
    expect(deadlineText(request({}))).toBe("Answer by 30/12/2026 · 30 days left");
    expect(deadlineText(request({ closed: "02/12/2026", outcome: "done" }))).toBe("Closed 02/12/2026: Answered in full");
    expect(identityText(request({}))).toBe("Not yet confirmed");
    expect(identityText(request({ identity: { on: "01/12/2026", how: "Passport seen", waited: true } }))).toBe(
      "Confirmed 01/12/2026: Passport seen (the month runs from this day)",
    );
    expect(extensionText({ months: 2, reason: "Complex.", toldOn: "05/12/2026" })).toBe("Extended by 2 months, told 05/12/2026: Complex.");
  });
  it("sends each change to its own command and places its problem beside the right input", async () => {
    const calls: string[] = [];
    const api = {
      checkRequestIdentity: async (id: number, f: unknown) => (calls.push(`identity ${id} ${JSON.stringify(f)}`), request({})),
      extendRequest: async (id: number, f: unknown) => (calls.push(`extend ${id} ${JSON.stringify(f)}`), request({ due: "01/03/2027" })),
      closeRequest: async (id: number, f: unknown) => (calls.push(`close ${id} ${JSON.stringify(f)}`), request({ closed: "30/11/2026" })),
      addRequest: async () => request({}),
    };
    const now = new Date(2026, 10, 30);
    const forms = { identity: emptyIdentityForm(now), extend: emptyExtensionForm(now), close: emptyCloseForm(now) };
    expect(await recordChange(api, 3, "extend", forms)).toBe("Extension recorded. The new deadline is 01/03/2027.");
    expect(calls[0]).toBe('extend 3 {"months":"2","reason":"","toldOn":"30/11/2026"}');
    await recordChange(api, 3, "close", forms);
    expect(calls[1]).toBe('close 3 {"on":"30/11/2026","outcome":"done","note":""}');
    const error = { code: "INVALID_INPUT", message: "Tell them within the first month.", field: "toldOn" };
    expect(changeErrors(error, 3, "extend")).toEqual([{ id: "request-3-told-on-day", message: "Tell them within the first month." }]);
  });
});
