import { describe, expect, it } from "vitest";
import type { ClientRecord } from "../generated/ClientRecord";
import { identityLines } from "./identity";
import { emptyClientFilter, filterRequest, isFiltering } from "./list";
import { emptyReferral, referralErrors } from "./referral";
import { changeState, emptyStateForm, isEpisodeClosed, stateErrors } from "./state";

const record = (over: Partial<ClientRecord> = {}): ClientRecord => ({
  summary: {
    id: 1, code: "JQ-0001", initials: "JQ", state: "assessment", stateSince: "09/11/2026", modality: "art",
    settingName: "", safeguarding: false, referralDate: "02/11/2026", episode: 1, episodeClosed: false, nextSession: null,
  },
  referral: { ...emptyReferral(), givenName: "Jessamine", familyName: "Quartermaine", referrer: "social-care", funding: "nhs", modality: "art" },
  episodes: [{ number: 1, startedOn: "02/11/2026", endedOn: null, endReason: "" }],
  history: [],
  professionals: [{ id: 1, name: "Priya Shah", role: "salt", organisation: "", phone: "", email: "" }],
  nextStates: ["in-therapy", "ended"],
  ...over,
});

describe("the client record", () => {
  it("shows identity lines in words, never codes", () => {
    const lines = Object.fromEntries(identityLines(record()));
    expect(lines["Name"]).toBe("Jessamine Quartermaine");
    expect(lines["Referred"]).toBe("Social care");
    expect(lines["Funding"]).toBe("NHS");
    expect(lines["Therapy"]).toBe("Art therapy");
    expect(lines["Linked: Speech and language therapist"]).toBe("Priya Shah");
    expect(lines["Pronouns"]).toBeUndefined();
  });
  it("changes state while the episode is open, re-refers once it is closed", async () => {
    const calls: string[] = [];
    const moved = record().summary;
    const api = {
      changeClientState: async (code: string, to: string, on: string) => (calls.push(`move ${to} ${on}`), { ...moved, state: "in-therapy" as const, stateSince: on }),
      reRefer: async (code: string, on: string) => (calls.push(`re-refer ${on}`), { ...moved, episode: 2, state: "referred" as const, stateSince: on }),
    };
    const form = { ...emptyStateForm(record()), on: { day: "16", month: "11", year: "2026" } };
    expect(form.to).toBe("in-therapy");
    expect((await changeState(api, record(), form)).message).toBe('JQ-0001 moved to "In therapy" on 16/11/2026.');
    const closed = record({ nextStates: [], summary: { ...record().summary, state: "ended", episodeClosed: true } });
    expect(isEpisodeClosed(closed)).toBe(true);
    expect((await changeState(api, closed, form)).message).toBe("Re-referred: episode 2 started 16/11/2026.");
    expect(calls).toEqual(["move in-therapy 16/11/2026", "re-refer 16/11/2026"]);
    expect(stateErrors({ code: "INVALID_INPUT", message: "x", field: "on", problems: [] })[0].id).toBe("state-on-day");
  });
  it("filters the list and places referral problems beside their inputs", () => {
    const f = emptyClientFilter();
    expect(isFiltering(f)).toBe(false);
    expect(filterRequest({ ...f, state: "in-therapy", safeguardingOnly: true })).toEqual({
      state: "in-therapy", modality: "", setting: "", safeguarding: true, search: "", sort: "referral-date",
    });
    const err = { code: "INVALID_INPUT", message: "Two.", field: null, problems: [{ field: "referralDate", message: "Enter a date." }] };
    expect(referralErrors(err)).toEqual([{ id: "ref-referral-date-day", message: "Enter a date." }]);
  });
});
