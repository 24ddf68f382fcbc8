import { describe, expect, it } from "vitest";
import { takeBackup } from "./api";
import { backupLine, heldText, opensWith, percentOf, sizeText } from "./display";

const backup = { id: 1, takenAt: "30/11/2026 14:05", folder: "/media/usb/folio-backup-2026-11-30-1405", handoverSet: 2, bytes: 12_400_000, destroyedSince: 0 };

describe("backups", () => {
  it("words a backup", () => {
    expect(sizeText(12_400_000)).toBe("12.4 MB");
    expect(sizeText(80_000)).toBe("80 KB");
    expect(opensWith(backup)).toBe("your password of that day, or the handover shares of set 2");
    expect(opensWith({ handoverSet: null })).toBe("your password of that day");
    expect(backupLine(backup)).toBe("Backup of 30/11/2026 14:05 in /media/usb/folio-backup-2026-11-30-1405");
    expect([heldText(1), heldText(3)]).toEqual(["still holds the records of 1 client destroyed since", "still holds the records of 3 clients destroyed since"]);
    expect([percentOf(0, 10), percentOf(5, 10), percentOf(10, 10), percentOf(0, 0)]).toEqual([0, 50, 100, 100]);
  });
  it("tells progress while it backs up, and stops listening after", async () => {
    const heard: number[] = [];
    let stopped = false;
    let emit: (p: { done: number; all: number }) => void = () => undefined;
    const api = {
      onBackupProgress: async (handler: typeof emit) => ((emit = handler), () => (stopped = true)),
      takeBackup: async () => (emit({ done: 512, all: 1024 }), emit({ done: 1024, all: 1024 }), backup),
    };
    const taken = await takeBackup(api, (p) => heard.push(p));
    expect(heard).toEqual([50, 100]);
    expect(stopped).toBe(true);
    expect(taken?.message).toBe("Backed up and checked: 12.4 MB in /media/usb/folio-backup-2026-11-30-1405. Keep the drive somewhere safe, away from the laptop.");
    expect(await takeBackup({ ...api, takeBackup: async () => null })).toBeNull();
  });
});
