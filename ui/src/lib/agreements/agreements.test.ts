import { describe, expect, it } from "vitest";
import type { Agreement } from "../generated/Agreement";
import type { AgreementForm as AgreementFields } from "../generated/AgreementForm";
import { agreementErrors, recordAgreement } from "./api";
import { onFileText, signedText } from "./display";
import { agreementRequest, emptyAgreementForm } from "./form";

const agreement = (over: Partial<Agreement>): Agreement => ({
  id: 1, client: "JQ-0001", initials: "JQ", kind: "therapy-contract", signedOn: "01/09/2026", signedBy: "Parent Moonpenny",
  version: "v3", signedCopy: null, current: true, ...over,
});

describe("agreements", () => {
  it("starts on today and sends what was typed", () => {
    const form = { ...emptyAgreementForm(new Date(2026, 10, 20)), kind: "therapy-contract", signedBy: "Parent A" };
    expect(agreementRequest(form)).toEqual({ kind: "therapy-contract", signedOn: "20/11/2026", signedBy: "Parent A", version: "" });
  });
  it("says whether a current therapy contract or work agreement is on file", () => {
    expect(onFileText([])).toEqual({ words: "No signed agreement on file for this period of therapy", tone: "warning" });
    expect(onFileText([agreement({ current: false })]).tone).toBe("warning");
    expect(onFileText([agreement({ kind: "confidentiality" })]).tone).toBe("warning");
    expect(onFileText([agreement({})])).toEqual({ words: "Therapy contract signed on 01/09/2026: on file for this period of therapy", tone: "ok" });
    expect(onFileText([agreement({ kind: "work-agreement" })]).words).toMatch(/^Work agreement signed on/);
    expect(signedText(agreement({}))).toBe("Signed on 01/09/2026 by Parent Moonpenny · wording v3");
    expect(signedText(agreement({ version: "" }))).toBe("Signed on 01/09/2026 by Parent Moonpenny");
  });
  it("records with the signed copy's upload and confirms in words", async () => {
    let sent: [AgreementFields, number | null] | null = null;
    const api = {
      addAgreement: async (_code: string, a: AgreementFields, upload: number | null) => {
        sent = [a, upload];
        return agreement({ signedCopy: { id: 4, fileName: "contract.pdf", mediaType: "application/pdf", size: 10, sha256: "" } });
      },
    };
    const form = { ...emptyAgreementForm(new Date(2026, 8, 1)), kind: "therapy-contract", signedBy: "Parent Moonpenny" };
    const { message } = await recordAgreement(api, "JQ-0001", form, { uploadId: 4, fileName: "contract.pdf", size: 10 });
    expect(sent).toEqual([{ kind: "therapy-contract", signedOn: "01/09/2026", signedBy: "Parent Moonpenny", version: "" }, 4]);
    expect(message).toBe("Therapy contract signed on 01/09/2026 recorded with the signed copy. Current for this period of therapy.");
  });
  it("puts a problem beside its field", () => {
    const e = { code: "INVALID_INPUT", message: "Enter the name of who signed.", field: "signedBy", problems: [] };
    expect(agreementErrors(e)).toEqual([{ id: "agreement-signed-by", message: "Enter the name of who signed." }]);
  });
});
