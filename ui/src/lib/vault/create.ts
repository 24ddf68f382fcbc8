// The create screen's own checks, so every missing answer is listed at once before the
// core is asked (the core checks the folder and the name again).
import type { FieldError } from "../errors";

/** Core field → the create screen's input. */
export const CREATE_FIELD_IDS: Record<string, string> = {
  dir: "create-dir",
  practiceName: "create-practice",
  password: "create-password",
};

export function createProblems(dir: string, practice: string): FieldError[] {
  const found: FieldError[] = [];
  if (dir.trim() === "") found.push({ id: "create-dir", message: "Enter the folder for the vault" });
  if (practice.trim() === "") found.push({ id: "create-practice", message: "Enter the name of your practice" });
  return found;
}
