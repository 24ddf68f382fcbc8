import type { ErrorCode } from "./generated/ErrorCode";
import type { FieldProblem } from "./generated/FieldProblem";
import type { FolioError } from "./generated/FolioError";

// Every code the core has: a new one fails svelte-check here until it is listed (rather
// than being shown as an internal error).
const KNOWN: Record<ErrorCode, true> = {
  WRONG_PASSWORD: true,
  WRONG_SHARES: true,
  VAULT_DAMAGED: true,
  NOT_A_VAULT: true,
  VAULT_EXISTS: true,
  FOLDER_NOT_EMPTY: true,
  NEWER_VAULT: true,
  WEAK_PASSWORD: true,
  INVALID_INPUT: true,
  LOCKED: true,
  VAULT_IN_USE: true,
  READ_ONLY: true,
  STORAGE: true,
  INTERNAL: true,
  "identifiers-found": true,
};
const CODES = Object.keys(KNOWN) as ErrorCode[];

export const INTERNAL_MESSAGE = "Something went wrong inside Folio. Your vault has not been changed.";

/** Anything a command rejects with, as a `FolioError` the screens can branch on. */
export function toFolioError(e: unknown): FolioError {
  if (typeof e === "object" && e !== null) {
    const { code, message, field, problems } = e as Record<string, unknown>;
    if (typeof code === "string" && (CODES as readonly string[]).includes(code) && typeof message === "string") {
      const list = Array.isArray(problems)
        ? problems.filter(
            (p): p is FieldProblem =>
              typeof p === "object" && p !== null && typeof p.field === "string" && typeof p.message === "string",
          )
        : [];
      return { code: code as ErrorCode, message, field: typeof field === "string" ? field : null, problems: list };
    }
  }
  return { code: "INTERNAL", message: INTERNAL_MESSAGE, field: null, problems: [] };
}

export interface FieldError {
  /** The id of the input the message is about. */
  id: string;
  message: string;
}

/** Places a backend error beside the right input of a form, given field → input id. */
export function fieldErrorFor(error: FolioError, ids: Record<string, string>, fallbackId: string): FieldError {
  const id = (error.field && ids[error.field]) || fallbackId;
  return { id, message: error.message };
}

/** Every problem of a form beside its input; problems for fields the form does not show
 * go to `fallbackId`. */
export function fieldErrorsFor(error: FolioError, ids: Record<string, string>, fallbackId: string): FieldError[] {
  if (error.problems.length === 0) return [fieldErrorFor(error, ids, fallbackId)];
  return error.problems.map((p) => ({ id: ids[p.field] ?? fallbackId, message: p.message }));
}
