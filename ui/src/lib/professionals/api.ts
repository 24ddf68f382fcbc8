// The professionals directory and its links to clients.
import type { Professional } from "../generated/Professional";
import { fieldErrorsFor, toFolioError, type FieldError } from "../errors";
import type { FolioApi } from "../ipc";
import { NEW_PROFESSIONAL, PROFESSIONAL_FIELD_IDS, type LinkForm } from "./form";

export function listProfessionals(api: Pick<FolioApi, "listProfessionals">): Promise<Professional[]> {
  return api.listProfessionals();
}

/** Adds the person to the directory when they are new, then links them to the client
 * (two calls: see the report for the single core command that should replace them). */
export async function linkProfessional(
  api: Pick<FolioApi, "addProfessional" | "linkProfessional">,
  code: string,
  form: LinkForm,
): Promise<string> {
  let id = Number(form.choice);
  if (form.choice === NEW_PROFESSIONAL) {
    const added = await api.addProfessional({ ...form.person });
    id = added.id;
  }
  await api.linkProfessional(code, id);
  return "Professional linked to this client.";
}

export function professionalErrors(e: unknown): FieldError[] {
  return fieldErrorsFor(toFolioError(e), PROFESSIONAL_FIELD_IDS, "pro-choice");
}
