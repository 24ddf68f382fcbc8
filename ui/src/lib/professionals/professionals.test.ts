import { describe, expect, it } from "vitest";
import type { Professional } from "../generated/Professional";
import { linkProfessional, professionalErrors } from "./api";
import { directoryChoice, professionalLine } from "./display";
import { emptyLinkForm } from "./form";

describe("professionals", () => {
  const api = (log: string[]) => ({
    addProfessional: async (p: Professional) => (log.push(`add ${p.name}`), { ...p, id: 4 }),
    linkProfessional: async (code: string, id: number) => void log.push(`link ${code} ${id}`),
  });
  it("adds someone new to the directory, then links them", async () => {
    const log: string[] = [];
    const form = emptyLinkForm();
    form.person.name = "Priya Shah";
    expect(await linkProfessional(api(log), "JQ-0001", form)).toBe("Professional linked to this client.");
    expect(log).toEqual(["add Priya Shah", "link JQ-0001 4"]);
  });
  it("links someone already in the directory without adding them again", async () => {
    const log: string[] = [];
    await linkProfessional(api(log), "JQ-0001", { ...emptyLinkForm(), choice: "7" });
    expect(log).toEqual(["link JQ-0001 7"]);
  });
  it("shows roles in words and places problems beside their input", () => {
    const p = { id: 3, name: "Priya Shah", role: "salt" as const, organisation: "NHS Trust", phone: "", email: "" };
    expect(professionalLine(p)).toBe("Priya Shah, Speech and language therapist, NHS Trust");
    expect(directoryChoice(p)).toEqual(["3", "Priya Shah (Speech and language therapist)"]);
    const err = { code: "INVALID_INPUT", message: "Check the email.", field: "email", problems: [] };
    expect(professionalErrors(err)).toEqual([{ id: "pro-email", message: "Check the email." }]);
  });
});
