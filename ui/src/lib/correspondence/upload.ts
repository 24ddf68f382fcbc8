import type { FolioApi } from "../ipc";

/** The piece size the core accepts (folio_core::blobs::CHUNK_SIZE). */
export const PIECE = 256 * 1024;

/** A file as the upload needs it: anything with a name, a size and slices (a `File`). */
export interface Uploadable {
  name: string;
  size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/**
 * Sends a file to the vault in pieces, so it is never whole in memory on either side.
 * Calls `progress(sent, total)` after each piece. Returns the upload id to attach.
 */
export async function uploadFile(
  api: Pick<FolioApi, "beginUpload" | "appendUpload">,
  file: Uploadable,
  progress: (sent: number, total: number) => void = () => undefined,
): Promise<number> {
  const id = await api.beginUpload(file.name);
  let sent = 0;
  while (sent < file.size) {
    const end = Math.min(sent + PIECE, file.size);
    const piece = new Uint8Array(await file.slice(sent, end).arrayBuffer());
    await api.appendUpload(id, piece);
    sent = end;
    progress(sent, file.size);
  }
  return id;
}
