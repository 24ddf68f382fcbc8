// Choosing a new password (Create and Settings share the NewPassword component). The
// strength verdict comes from the core; only "typed twice the same" is checked here,
// because the core never sees the second copy.
import type { FieldError } from "../errors";

export interface NewPasswordIds {
  password: string;
  confirm: string;
}

/**
 * Problems with a new password and its confirmation, before anything is sent.
 * `isNew` words them for changing a password ("Enter a new password").
 */
export function newPasswordProblems(password: string, confirm: string, ids: NewPasswordIds, isNew = false): FieldError[] {
  const word = isNew ? "new password" : "password";
  if (password === "") return [{ id: ids.password, message: `Enter a ${word}` }];
  if (confirm !== password)
    return [{ id: ids.confirm, message: `The ${word}s do not match. Type the same password twice` }];
  return [];
}
