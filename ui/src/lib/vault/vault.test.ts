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
  it("lists every missing answer of the create screen at once", () => {
    expect(createProblems(" ", "").map((p) => p.id)).toEqual(["create-dir", "create-practice"]);
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
