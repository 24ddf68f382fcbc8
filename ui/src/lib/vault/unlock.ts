import type { FolioError } from "../generated/FolioError";

const REASSURANCE = "Nothing has been changed or deleted. Keep the folder and its backups as they are.";

/** What the unlock screen says when the vault does not open. Branches on `code` only. */
export function explainUnlockError(e: FolioError): string {
  switch (e.code) {
    case "WRONG_PASSWORD":
      return "That password does not open this vault. Check Caps Lock and try again.";
    case "VAULT_DAMAGED":
      // The core's message already reassures; say it once, whatever the wording there.
      return /nothing has been changed or deleted/i.test(e.message) ? e.message : `${e.message} ${REASSURANCE}`;
    default:
      return e.message;
  }
}
