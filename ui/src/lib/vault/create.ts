// The create screen: the core checks the folder and the practice name (all problems at
// once, before any password is sent); the screen adds its own password problems beside them.
import { fieldErrorsFor, toFolioError, type FieldError } from "../errors";
import type { FolioApi } from "../ipc";

/** Core field → the create screen's input. */
export const CREATE_FIELD_IDS: Record<string, string> = {
  dir: "create-dir",
  practiceName: "create-practice",
  password: "create-password",
};

/** The core's problems with the folder and practice name, placed beside their inputs. */
export async function createProblems(api: Pick<FolioApi, "checkNewVault">, dir: string, practice: string): Promise<FieldError[]> {
  try {
    await api.checkNewVault(dir, practice);
    return [];
  } catch (e) {
    return fieldErrorsFor(toFolioError(e), CREATE_FIELD_IDS, "create-dir");
  }
}
