// The form to add a photo of artwork or a recording of a session. The file itself is chosen
// in the native picker after the core has checked the consent.
import type { MediaForm as MediaFields } from "../generated/MediaForm";

export interface MediaAddForm {
  kind: "photo" | "audio" | "video";
  /** A piece's reference, or "" for none (photos only). */
  artwork: string;
  /** A session's id, or "" for none (recordings only). */
  session: string;
  caption: string;
}

export function emptyMediaForm(): MediaAddForm {
  return { kind: "photo", artwork: "", session: "", caption: "" };
}

/** Only what the kind takes: a photo its piece, a recording its session. */
export function mediaRequest(form: MediaAddForm): MediaFields {
  const photo = form.kind === "photo";
  return {
    kind: form.kind,
    artwork: photo && form.artwork !== "" ? form.artwork : null,
    session: !photo && form.session !== "" ? Number(form.session) : null,
    caption: form.caption,
  };
}

/** Core field → the input its problem sits beside. */
export const MEDIA_FIELD_IDS: Record<string, string> = {
  code: "media-kind",
  kind: "media-kind",
  purpose: "media-kind",
  file: "media-choose",
  attachment: "media-choose",
  artwork: "media-artwork",
  session: "media-session",
  caption: "media-caption",
};
