// The artwork inventory's calls, and their problems placed beside the right inputs.
import type { Artwork } from "../generated/Artwork";
import { fieldErrorsFor, toFolioError, type FieldError } from "../errors";
import { joinParts } from "../format";
import type { FolioApi } from "../ipc";
import { ARTWORK_FIELD_IDS, artworkRequest, changeFieldIds, type ArtworkAddForm, type ChangeForm } from "./form";
import { standingText } from "./display";

export async function recordArtwork(api: Pick<FolioApi, "addArtwork">, code: string, form: ArtworkAddForm): Promise<{ added: Artwork; message: string }> {
  const added = await api.addArtwork(code, artworkRequest(form));
  const where = added.location ? ` It is kept in ${added.location}.` : " Record where it is kept with Move it.";
  return { added, message: `${added.reference} recorded: write ${added.reference} on its label.${where}` };
}

/** Records one change; the confirmation says how the piece now stands. */
export async function changeArtwork(
  api: Pick<FolioApi, "moveArtwork" | "returnArtwork" | "keepArtwork" | "disposeArtwork">,
  reference: string,
  form: ChangeForm,
): Promise<string> {
  const on = joinParts(form.on);
  const changed =
    form.kind === "move"
      ? await api.moveArtwork(reference, form.detail, on)
      : form.kind === "return"
        ? await api.returnArtwork(reference, on, form.detail)
        : form.kind === "keep"
          ? await api.keepArtwork(reference, on, form.detail)
          : await api.disposeArtwork(reference, on, form.detail);
  const last = changed.history[changed.history.length - 1];
  return `${changed.reference}: ${last && form.kind === "move" ? `now in ${last.location ?? ""}` : standingText(changed).words}.`;
}

export const artworkErrors = (e: unknown): FieldError[] => fieldErrorsFor(toFolioError(e), ARTWORK_FIELD_IDS, "artwork-description");
export const changeErrors = (e: unknown, reference: string): FieldError[] =>
  fieldErrorsFor(toFolioError(e), changeFieldIds(reference), `${reference}-detail`);
