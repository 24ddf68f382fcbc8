// Photos and recordings: adding one through the picker with progress, and their problems
// placed beside the right inputs.
import type { Media } from "../generated/Media";
import { fieldErrorsFor, toFolioError, type FieldError } from "../errors";
import type { FolioApi } from "../ipc";
import { MEDIA_FIELD_IDS, mediaRequest, type MediaAddForm } from "./form";
import { sizeText } from "./display";

/** Checks the consent, opens the picker and adds the chosen file; `progress` gets a
 * sentence as each piece arrives. Null (and no message) if the therapist cancelled. */
export async function addMedia(
  api: Pick<FolioApi, "addMedia" | "onUploadProgress">,
  code: string,
  form: MediaAddForm,
  progress: (sentence: string, percent: number) => void = () => undefined,
): Promise<{ added: Media; message: string } | null> {
  const stop = await api.onUploadProgress((p) => {
    const percent = Math.round((p.sent / Math.max(p.total, 1)) * 100);
    progress(`Saving the file into the vault: ${percent}%`, percent);
  });
  try {
    const added = await api.addMedia(code, mediaRequest(form));
    if (!added) return null;
    const what =
      added.kind === "photo"
        ? `Photo added${added.artwork ? ` to ${added.artwork}` : ""} (${sizeText(added.size)}), with its location and camera details removed.`
        : `Recording added (${sizeText(added.size)}), encrypted in the vault.`;
    return { added, message: what };
  } finally {
    stop();
  }
}

export const mediaErrors = (e: unknown): FieldError[] => fieldErrorsFor(toFolioError(e), MEDIA_FIELD_IDS, "media-choose");
