// Taking a backup through the folder picker, with progress.
import type { Backup } from "../generated/Backup";
import type { FolioApi } from "../ipc";
import { percentOf, sizeText } from "./display";

/** Opens the picker and backs up into the folder chosen; `progress` hears the percentage.
 * Null (and no message) if the therapist cancelled. */
export async function takeBackup(
  api: Pick<FolioApi, "takeBackup" | "onBackupProgress">,
  progress: (percent: number) => void = () => undefined,
): Promise<{ backup: Backup; message: string } | null> {
  const stop = await api.onBackupProgress((p) => progress(percentOf(p.done, p.all)));
  try {
    const backup = await api.takeBackup();
    if (!backup) return null;
    return {
      backup,
      message: `Backed up and checked: ${sizeText(backup.bytes)} in ${backup.folder}. Keep the drive somewhere safe, away from the laptop.`,
    };
  } finally {
    stop();
  }
}
