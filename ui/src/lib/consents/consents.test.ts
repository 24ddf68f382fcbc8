import { describe, expect, it } from "vitest";
import type { Consent } from "../generated/Consent";
import type { ConsentForm as ConsentFields } from "../generated/ConsentForm";
import { consentErrors, recordConsent, recordWithdrawal } from "./api";
import { dueText, givenByText, howText, purposeText, replacedText, stateText } from "./display";
import { offeredPurposes, consentRequest, emptyConsentForm, givenByChoices, isOptionalPurpose, withdrawalAffects } from "./form";

const consent = (over: Partial<Consent>): Consent => ({
  id: 1, client: "JQ-0001", initials: "JQ", episode: 1, purpose: "online-contact", customPurpose: "",
  givenBy: "Parent Moonpenny", givenByRole: "parental-responsibility", competence: "", how: "written", written: true,
  given: "01/12/2025", told: "", toldFile: null, state: "current", reviewOn: "01/12/2026", refreshOn: "01/12/2027",
  reviewed: [], withdrawal: null, replacedBy: null, platforms: "", failurePlan: "", plan: "", ...over,
});

describe("the consent form", () => {
  it("starts empty on today, and offers the client then each person with parental responsibility", () => {
    expect(emptyConsentForm(new Date(2026, 10, 20))).toEqual({
      purpose: "", customPurpose: "", givenBy: "", competence: "", how: "", on: { day: "20", month: "11", year: "2026" }, told: "",
      platforms: "", failurePlan: "", plan: "",
    });
    expect(givenByChoices([{ name: "Parent Moonpenny" }, { name: " " }])).toEqual([
      ["", "Choose who gave it"], ["client", "The client"], ["Parent Moonpenny", "Parent Moonpenny (parental responsibility)"],
    ]);
  });
  it("sends the competence judgement only with the client's own consent, the custom purpose only with another purpose", () => {
    const form = { ...emptyConsentForm(new Date(2026, 10, 20)), purpose: "therapy", customPurpose: "x", givenBy: "Parent A", competence: "y", how: "written" };
    expect(consentRequest(form)).toEqual({ purpose: "therapy", customPurpose: "", givenBy: "Parent A", competence: "", how: "written", on: "20/11/2026", told: "", platforms: "", failurePlan: "", plan: "" });
    const online = { ...form, purpose: "online-contact", platforms: "Zoom", failurePlan: "Phone", plan: "hidden" };
    expect(consentRequest(online)).toMatchObject({ platforms: "Zoom", failurePlan: "Phone", plan: "" });
    expect(consentRequest({ ...online, purpose: "recording" })).toMatchObject({ platforms: "", failurePlan: "", plan: "hidden" });
    expect(offeredPurposes([["therapy", "Therapy"], ["recording", "Recording"]], false)).toEqual([["therapy", "Therapy"]]);
    expect(consentRequest({ ...form, purpose: "other", givenBy: "client" })).toMatchObject({ customPurpose: "x", competence: "y" });
  });
  it("knows the separate opt-ins and what a withdrawal affects from the core's catalogue", () => {
    expect(["training", "funding", "publicity"].every(isOptionalPurpose)).toBe(true);
    expect(isOptionalPurpose("therapy")).toBe(false);
    expect(withdrawalAffects("online-contact")).toBe("No more online or phone sessions or messages with the child on this consent.");
    expect(withdrawalAffects("unknown")).toBe("");
  });
});

describe("consent words", () => {
  it("says the state in words", () => {
    expect(stateText(consent({}))).toEqual({ words: "Current", tone: "ok" });
    expect(stateText(consent({ state: "review-due", reviewOn: "30/11/2026" })).words).toBe("Review due since 30/11/2026");
    expect(stateText(consent({ state: "expired", refreshOn: "30/11/2026" })).words).toBe("Expired on 30/11/2026: record it again");
    expect(stateText(consent({ state: "withdrawn", withdrawal: { on: "02/12/2026", by: "Parent Moonpenny", affects: "" } })).words)
      .toBe("Withdrawn on 02/12/2026 by Parent Moonpenny");
    expect(dueText(consent({ state: "expired", refreshOn: "30/11/2026" }))).toBe("expired on 30/11/2026");
    expect(dueText(consent({ state: "review-due", reviewOn: "30/11/2026" }))).toBe("review due since 30/11/2026");
  });
  it("names the purpose, who gave it, how, and what replaced it", () => {
    expect(purposeText(consent({}))).toBe("Online or phone contact");
    expect(purposeText(consent({ purpose: "other", customPurpose: "School newsletter" }))).toBe("School newsletter");
    expect(givenByText(consent({}))).toBe("Parent Moonpenny (parental responsibility)");
    expect(givenByText(consent({ givenByRole: "client", givenBy: "the client" }))).toBe("The client");
    expect(howText(consent({ how: "verbal", written: false }))).toBe("Verbal (does not count where written consent is needed)");
    expect(replacedText(consent({ replacedBy: 2 }), [consent({ id: 2, given: "03/12/2027" })])).toBe("Replaced by the consent given on 03/12/2027");
    expect(replacedText(consent({}), [])).toBe("");
  });
});

describe("consent calls", () => {
  it("records with the chosen form and says what it recorded", async () => {
    let sent: [ConsentFields, number | null] | null = null;
    const api = {
      addConsent: async (_code: string, c: ConsentFields, upload: number | null) => ((sent = [c, upload]), consent({ given: c.on })),
    };
    const form = { ...emptyConsentForm(new Date(2026, 10, 20)), purpose: "online-contact", givenBy: "Parent Moonpenny", how: "written" };
    const { message } = await recordConsent(api, "JQ-0001", form, { uploadId: 7, fileName: "form.pdf", size: 10 });
    expect(sent).toEqual([{ ...consentRequest(form) }, 7]);
    expect(message).toBe("Consent for online or phone contact recorded, given on 20/11/2026. Current; review by 01/12/2026, refresh by 01/12/2027.");
  });
  it("words a withdrawal with what it affects, and places the gate's problems", async () => {
    const affects = "No more online or phone sessions or messages with the child on this consent.";
    const api = {
      withdrawConsent: async () => consent({ state: "withdrawn", withdrawal: { on: "02/12/2026", by: "Parent Moonpenny", affects } }),
    };
    const { message } = await recordWithdrawal(api, 1, { on: { day: "2", month: "12", year: "2026" }, by: "Parent Moonpenny" });
    expect(message).toBe(`Consent for online or phone contact withdrawn on 02/12/2026 by Parent Moonpenny. What it affects: ${affects}`);
    expect(consentErrors({ code: "INVALID_INPUT", message: "Say who gave the consent.", field: "givenBy", problems: [] }))
      .toEqual([{ id: "consent-given-by", message: "Say who gave the consent." }]);
  });
});
