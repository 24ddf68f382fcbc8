// The "Link a professional" form: someone from the directory, or someone new to it. The
// form starts from `emptyLinkForm()` and goes back to it after each link.
import type { Professional } from "../generated/Professional";

/** The choice that means "add someone new to the directory". */
export const NEW_PROFESSIONAL = "new";

export interface LinkForm {
  choice: string;
  person: Omit<Professional, "id">;
}

export function emptyLinkForm(): LinkForm {
  return { choice: NEW_PROFESSIONAL, person: { name: "", role: "salt", organisation: "", phone: "", email: "" } };
}

/** Core field → the input its problem sits beside. */
export const PROFESSIONAL_FIELD_IDS: Record<string, string> = {
  name: "pro-name",
  role: "pro-role",
  email: "pro-email",
  phone: "pro-phone",
};
