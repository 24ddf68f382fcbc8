// Settings: the auto-lock time and the wording of a rejected current password.
import { fieldErrorFor, toFolioError, type FieldError } from "../errors";

/** "Auto-lock set to 5 minutes." */
export function autoLockSentence(minutes: number): string {
  return `Auto-lock set to ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

export function autoLockErrors(e: unknown): FieldError[] {
  return [fieldErrorFor(toFolioError(e), { autoLockMinutes: "auto-lock-minutes" }, "auto-lock-minutes")];
}

export function currentPasswordProblem(current: string): FieldError[] {
  return current === "" ? [{ id: "current-password", message: "Enter your current password" }] : [];
}

/** A rejected password change, beside the right input. */
export function changePasswordErrors(e: unknown): FieldError[] {
  const err = toFolioError(e);
  if (err.code === "WRONG_PASSWORD")
    return [{ id: "current-password", message: "Your current password is not right. Try again" }];
  return [fieldErrorFor(err, { currentPassword: "current-password", password: "new-password" }, "new-password")];
}
