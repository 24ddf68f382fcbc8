import { describe, expect, it } from "vitest";
import { encodePasswordPair } from "./password";
import { fieldErrorFor, fieldErrorsFor, INTERNAL_MESSAGE, toFolioError } from "./errors";
import { throttle } from "./timing";

describe("encodePasswordPair", () => {
  it("prefixes the current password's byte length, big-endian", () => {
    const body = encodePasswordPair("pé", "new");
    expect(Array.from(body.slice(0, 4))).toEqual([0, 0, 0, 3]);
    expect(new TextDecoder().decode(body.slice(4, 7))).toBe("pé");
    expect(new TextDecoder().decode(body.slice(7))).toBe("new");
  });
});

describe("toFolioError", () => {
  it("keeps a vault open elsewhere as its own code, not an internal error", () => {
    const message = "Folio is open on this vault in another window or command.";
    expect(toFolioError({ code: "VAULT_IN_USE", message, field: null, problems: [] }).code).toBe("VAULT_IN_USE");
  });
  it("keeps a well-formed error from the shell", () => {
    const e = toFolioError({ code: "WRONG_PASSWORD", message: "No.", field: null, problems: [] });
    expect(e).toEqual({ code: "WRONG_PASSWORD", message: "No.", field: null, problems: [] });
  });
  it("turns anything else into INTERNAL with a calm message", () => {
    expect(toFolioError("boom")).toEqual({ code: "INTERNAL", message: INTERNAL_MESSAGE, field: null, problems: [] });
    expect(toFolioError({ code: "MADE_UP", message: "x" }).code).toBe("INTERNAL");
  });
  it("places a field error beside the matching input", () => {
    const err = { code: "INVALID_INPUT" as const, message: "Enter a name.", field: "practiceName", problems: [] };
    expect(fieldErrorFor(err, { practiceName: "create-practice" }, "create-dir")).toEqual({
      id: "create-practice",
      message: "Enter a name.",
    });
    expect(fieldErrorFor({ ...err, field: null }, {}, "create-dir").id).toBe("create-dir");
  });
});

describe("throttle", () => {
  it("lets one call through per window", () => {
    let t = 0;
    let calls = 0;
    const f = throttle(() => calls++, 20_000, () => t);
    f();
    t = 19_999;
    f();
    expect(calls).toBe(1);
    t = 20_000;
    f();
    expect(calls).toBe(2);
  });
});

describe("fieldErrorsFor", () => {
  it("puts every problem of a form beside its own input", () => {
    const err = toFolioError({
      code: "INVALID_INPUT",
      message: "Two problems.",
      field: "givenName",
      problems: [
        { field: "givenName", message: "Enter the client's first name." },
        { field: "dateOfBirth", message: "31/02/2015 is not a real date." },
      ],
    });
    expect(fieldErrorsFor(err, { givenName: "ref-given", dateOfBirth: "ref-dob-day" }, "ref-given")).toEqual([
      { id: "ref-given", message: "Enter the client's first name." },
      { id: "ref-dob-day", message: "31/02/2015 is not a real date." },
    ]);
  });
});

import { dateParts, joinDate, joinParts, kebab, splitDate, todayParts, todayUk } from "./format";

describe("dates on forms", () => {
  it("joins three fields as dd/mm/yyyy and leaves checking to the core", () => {
    expect(joinDate("2", "11", "2026")).toBe("02/11/2026");
    expect(joinDate("", "", "")).toBe("");
    expect(joinDate("31", "2", "2015")).toBe("31/02/2015");
    expect(splitDate("14/03/2015")).toEqual(["14", "03", "2015"]);
    expect(todayUk(new Date(2026, 10, 22))).toBe("22/11/2026");
    expect(kebab("dateOfBirth")).toBe("date-of-birth");
  });
  it("moves between dd/mm/yyyy and the three fields of a DateField", () => {
    expect(dateParts("14/03/2015")).toEqual({ day: "14", month: "03", year: "2015" });
    expect(dateParts("")).toEqual({ day: "", month: "", year: "" });
    expect(todayParts(new Date(2026, 10, 2))).toEqual({ day: "02", month: "11", year: "2026" });
    expect(joinParts({ day: "2", month: "11", year: "2026" })).toBe("02/11/2026");
  });
});

import { explainUnlockError } from "./vault/unlock";

describe("explainUnlockError", () => {
  const err = (code: "WRONG_PASSWORD" | "VAULT_DAMAGED" | "STORAGE", message: string) => ({
    code,
    message,
    field: null,
    problems: [],
  });
  it("tells a wrong password apart from damage", () => {
    expect(explainUnlockError(err("WRONG_PASSWORD", "x"))).toBe(
      "That password does not open this vault. Check Caps Lock and try again.",
    );
  });
  it("always reassures that nothing was changed when the vault is damaged, once", () => {
    expect(explainUnlockError(err("VAULT_DAMAGED", "The key file is damaged."))).toBe(
      "The key file is damaged. Nothing has been changed or deleted. Keep the folder and its backups as they are.",
    );
    const core = "The vault's database is damaged. Nothing has been changed or deleted: keep the folder as it is.";
    expect(explainUnlockError(err("VAULT_DAMAGED", core))).toBe(core);
  });
  it("shows other messages as they are", () => {
    expect(explainUnlockError(err("STORAGE", "The disk is full."))).toBe("The disk is full.");
  });
});
