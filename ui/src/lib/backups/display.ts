// Words for backups.
import type { Backup } from "../generated/Backup";

/** "12.4 MB". */
export function sizeText(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1000))} KB`;
}

/** What opens a backup ("Opens with: …"): the password of its day, and its set's shares. */
export function opensWith(b: Pick<Backup, "handoverSet">): string {
  return b.handoverSet === null
    ? "your password of that day"
    : `your password of that day, or the handover shares of set ${b.handoverSet}`;
}

/** "Backup of 30/11/2026 14:05 in /media/usb/folio-backup-2026-11-30-1405". */
export function backupLine(b: Pick<Backup, "takenAt" | "folder">): string {
  return `Backup of ${b.takenAt} in ${b.folder}`;
}

/** The percentage a progress event has reached (0 to 100). */
export function percentOf(done: number, all: number): number {
  return all <= 0 ? 100 : Math.min(100, Math.round((done / all) * 100));
}

/** "still holds the records of 2 clients destroyed since". */
export function heldText(destroyedSince: number): string {
  return `still holds the records of ${destroyedSince === 1 ? "1 client" : `${destroyedSince} clients`} destroyed since`;
}
