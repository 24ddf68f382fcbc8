import { describe, expect, it } from "vitest";
import type { SafeguardingEntry } from "../generated/SafeguardingEntry";
import type { SafeguardingForm as SafeguardingFields } from "../generated/SafeguardingForm";
import { logEntry, safeguardingErrors } from "./api";
import { followUpsOf, keptText, referralText, whenText } from "./display";
import { emptySafeguardingForm, followChoices, safeguardingRequest } from "./form";

const entry = (over: Partial<SafeguardingEntry>): SafeguardingEntry => ({
  id: 1, client: "JQ-0001", initials: "JQ", on: "12/11/2026", time: "15:20", involved: "the client (JQ)", account: "JQ said …",
  action: "Spoke to the DSL", referredTo: "", referredOn: null, reference: "", outcome: "", note: null, disclosure: null, follows: null,
  kept: [], ...over,
});

describe("the safeguarding log", () => {
  it("sends what was typed, the follow-up as an id", () => {
    const form = { ...emptySafeguardingForm(new Date(2026, 10, 20)), account: "JQ said", follows: "4" };
    expect(safeguardingRequest(form)).toEqual({
      on: "20/11/2026", time: "", involved: "", account: "JQ said", action: "", referredTo: "", referredOn: "", reference: "",
      outcome: "", note: null, disclosure: null, follows: 4, kept: [],
    });
    expect(safeguardingRequest(emptySafeguardingForm()).follows).toBeNull();
  });
  it("words the time, the referral, follow-ups and what was kept", () => {
    expect(whenText(entry({}))).toBe("12/11/2026 at 15:20");
    expect(whenText(entry({ time: "" }))).toBe("12/11/2026");
    expect(referralText(entry({}))).toBe("");
    expect(referralText(entry({ referredTo: "the front door", referredOn: "12/11/2026", reference: "MASH-1" }))).toBe(
      "Referred to the front door on 12/11/2026, reference MASH-1",
    );
    const list = [entry({ id: 3, follows: 1, on: "20/11/2026" }), entry({ id: 2, follows: 1, on: "14/11/2026" }), entry({})];
    expect(followUpsOf(list, 1).map((e) => e.id)).toEqual([2, 3]);
    expect(followChoices([entry({ account: "" })])).toEqual([["", "None: this is a new concern"], ["1", "Entry of 12/11/2026 at 15:20"]]);
    expect(keptText({ text: "Jo", reason: "her exact words" })).toBe("“Jo”, kept because her exact words");
  });
  it("tells the identifier check's refusal apart and resubmits with the reason", async () => {
    const problem = { field: "account", message: "This names someone: the client's first name. Write initials instead, or keep it with a reason." };
    const refusal = { code: "identifiers-found", message: "This identifies someone in 1 place: the client's first name (in the account). Write initials instead, or keep them with a reason.", field: "account", problems: [problem] };
    expect(safeguardingErrors(refusal)).toEqual({ errors: [{ id: "sg-account", message: problem.message }], identifies: true });
    expect(safeguardingErrors({ ...refusal, code: "INVALID_INPUT", field: "time", problems: [] }).identifies).toBe(false);
    const sent: [SafeguardingFields, string | null][] = [];
    const api = {
      addSafeguardingEntry: async (_c: string, e: SafeguardingFields, keep: string | null) => {
        sent.push([e, keep]);
        return entry({ id: 5, follows: 1, on: "20/11/2026", time: "", kept: keep ? [{ text: "Jo", kind: "given-name", reason: keep }] : [] });
      },
    };
    const form = { ...emptySafeguardingForm(new Date(2026, 10, 20)), outcome: "Closed", follows: "1" };
    const { message } = await logEntry(api, "JQ-0001", form, "her exact words", [entry({})]);
    expect(sent[0][1]).toBe("her exact words");
    expect(message).toBe("Follow-up to the entry of 12/11/2026 at 15:20 logged for 20/11/2026. 1 identifying detail(s) kept with your reason.");
  });
});
