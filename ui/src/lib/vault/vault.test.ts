import { describe, expect, it } from "vitest";
import { createProblems } from "./create";
import { newPasswordProblems } from "./password";
import { autoLockSentence, changePasswordErrors } from "./settings";

describe("choosing a password", () => {
  const ids = { password: "create-password", confirm: "create-password-confirm" };
  it("asks for a password, then the same one twice", () => {
    expect(newPasswordProblems("", "", ids)).toEqual([{ id: "create-password", message: "Enter a password" }]);
    expect(newPasswordProblems("a", "b", ids)[0].message).toBe("The passwords do not match. Type the same password twice");
    expect(newPasswordProblems("a", "b", ids, true)[0].message).toBe("The new passwords do not match. Type the same password twice");
    expect(newPasswordProblems("a", "a", ids)).toEqual([]);
  });
});

describe("create and settings", () => {
  it("places the core's folder and name problems beside their inputs, all at once", async () => {
    const problems = [
      { field: "dir", message: "Enter the folder for the vault." },
      { field: "practiceName", message: "Enter the name of your practice." },
    ];
    const refuses = { checkNewVault: async () => Promise.reject({ code: "INVALID_INPUT", message: "", field: "dir", problems }) };
    expect(await createProblems(refuses, " ", "")).toEqual([
      { id: "create-dir", message: "Enter the folder for the vault." },
      { id: "create-practice", message: "Enter the name of your practice." },
    ]);
    expect(await createProblems({ checkNewVault: async () => undefined }, "/v", "Hillside")).toEqual([]);
  });
  it("confirms the auto-lock time in words", () => {
    expect(autoLockSentence(1)).toBe("Auto-lock set to 1 minute.");
  });
  it("says plainly when the current password is not right", () => {
    expect(changePasswordErrors({ code: "WRONG_PASSWORD", message: "x", field: null, problems: [] })).toEqual([
      { id: "current-password", message: "Your current password is not right. Try again" },
    ]);
  });
});
