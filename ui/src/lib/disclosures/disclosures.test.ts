import { describe, expect, it } from "vitest";
import type { Consent } from "../generated/Consent";
import type { Disclosure } from "../generated/Disclosure";
import type { DisclosureForm as DisclosureFields } from "../generated/DisclosureForm";
import { disclosureErrors, recordDisclosure } from "./api";
import { basisText, recipientText, toldText } from "./display";
import { asksConsent, asksReason, asksToldOn, consentChoices, disclosureRequest, emptyDisclosureForm } from "./form";

const disclosure = (over: Partial<Disclosure>): Disclosure => ({
  id: 1, client: "JQ-0001", initials: "JQ", on: "20/11/2026", recipient: "school", recipientName: "Head of year", professional: null,
  what: "Attendance worries", basis: "legal-duty", consent: null, reason: "Court-ordered report", told: "parent", toldOn: "21/11/2026",
  decidedBy: "the therapist", toldConfidential: false, permittedUse: "", kept: [], attachments: [], ...over,
});

const consent = (over: Partial<Consent>): Consent => ({
  id: 7, client: "JQ-0001", initials: "JQ", episode: 1, purpose: "therapy", customPurpose: "", givenBy: "Parent A",
  givenByRole: "parental-responsibility", competence: "", how: "written", written: true, given: "01/09/2026", told: "", toldFile: null,
  state: "current", reviewOn: "01/09/2027", refreshOn: "01/09/2028", reviewed: [], withdrawal: null, replacedBy: null, platforms: "", failurePlan: "", plan: "", ...over,
});

describe("the disclosure form", () => {
  it("asks for the consent, the reason and the date told only when they apply", () => {
    expect([asksConsent("consent"), asksConsent("legal-duty")]).toEqual([true, false]);
    expect(["", "consent", "supervision"].map(asksReason)).toEqual([false, false, false]);
    expect(["legal-duty", "safeguarding", "court-order", "vital-interests"].every(asksReason)).toBe(true);
    expect(["", "not-told", "client", "parent"].map(asksToldOn)).toEqual([false, false, true, true]);
  });
  it("sends only the parts shown, and the directory entry's name when none is typed", () => {
    const form = {
      ...emptyDisclosureForm(new Date(2026, 10, 20)),
      recipient: "professional", professional: "3", what: "x", basis: "consent", consent: "7", reason: "hidden", told: "not-told",
    };
    expect(disclosureRequest(form, [{ id: 3, name: "Priya Shah" }])).toEqual({
      on: "20/11/2026", recipient: "professional", recipientName: "Priya Shah", professional: 3, what: "x", basis: "consent",
      consent: 7, reason: "", told: "not-told", toldOn: "", decidedBy: "the therapist",
      toldConfidential: false, permittedUse: "", kept: [],
    });
    expect(disclosureRequest({ ...form, basis: "legal-duty", told: "parent" })).toMatchObject({ consent: null, reason: "hidden", toldOn: "20/11/2026" });
  });
  it("offers this client's consents with their state", () => {
    expect(consentChoices([consent({})])).toEqual([["", "Choose the consent"], ["7", "Therapy, given on 01/09/2026 (Current)"]]);
    expect(consentChoices([])).toEqual([["", "No consents on this record"]]);
  });
});

describe("disclosure words", () => {
  it("says the basis with its reason or consent, and who was told", () => {
    expect(recipientText(disclosure({}))).toBe("School (Head of year)");
    expect(basisText(disclosure({}))).toBe("Legal duty. Reason: Court-ordered report");
    expect(basisText(disclosure({ basis: "consent", consent: 7, reason: "" }), [consent({})])).toBe(
      "Consent on record: the consent for therapy given on 01/09/2026",
    );
    expect(basisText(disclosure({ basis: "supervision", reason: "" }))).toBe("Routine clinical supervision (a standing basis; no reason needed each time)");
    expect(toldText(disclosure({}))).toBe("A parent or carer was told on 21/11/2026");
    expect(toldText(disclosure({ told: "not-told", toldOn: null }))).toBe("Not told");
  });
  it("confirms and places the missing reason beside its field", async () => {
    let sent: DisclosureFields | null = null;
    const api = { addDisclosure: async (_c: string, d: DisclosureFields) => ((sent = d), disclosure({})) };
    const form = { ...emptyDisclosureForm(new Date(2026, 10, 20)), recipient: "school", what: "x", basis: "legal-duty", reason: "r", told: "parent" };
    const { message } = await recordDisclosure(api, "JQ-0001", form, []);
    expect(sent).toMatchObject({ basis: "legal-duty", reason: "r" });
    expect(message).toBe("Disclosure to School (Head of year) on 20/11/2026 recorded. Basis: legal duty.");
    const e = { code: "INVALID_INPUT", message: "Sharing without consent on record needs the reason.", field: "reason", problems: [] };
    expect(disclosureErrors(e)).toEqual([{ id: "disclosure-reason", message: "Sharing without consent on record needs the reason." }]);
  });
});
