// Backups as a therapist takes them, by keyboard: Home says none has been taken yet and
// leads to Settings; "Back up now" asks for the folder on the backup drive, shows its
// progress and says where the backup went; the list says what opens it; Home is then
// content; and the backup is a vault of its own that the CLI verifies with the same
// password.
import assert from "node:assert/strict";
import { readdirSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import {
  assertAccessible,
  cliDemoVault,
  cliJson,
  freshDir,
  navigate,
  nextPick,
  press,
  screenshot,
  scrollTo,
  startApp,
  unlock,
  waitFor,
  waitForText,
  WORK,
} from "./helpers.mjs";

test("a backup is taken from Settings into a picked folder, listed, and opens as a vault", async () => {
  const dir = freshDir("backups");
  cliDemoVault(dir, 6);
  const drive = mkdtempSync(join(WORK, "usb-drive-"));
  const browser = await startApp(dir);
  try {
    await unlock(browser);
    await waitForText(browser, "#backup-home-status", "No backup has been taken yet");
    await scrollTo(browser, "#backup-home-title");
    await screenshot(browser, "backups-01-home-none-yet");
    await press(browser, "backup-home-open");
    await waitForText(browser, "main h1", "Settings");
    await waitFor(browser, "#backup-none");

    // Cancelling the picker changes nothing.
    nextPick();
    await press(browser, "backup-now");
    await waitFor(browser, "#backup-none");
    assert.deepEqual(readdirSync(drive), [], "nothing written when cancelled");

    nextPick(drive);
    await press(browser, "backup-now");
    const done = await waitForText(browser, "#backup-done", "Backed up and checked", 60_000);
    const [folder] = readdirSync(drive);
    assert.match(folder ?? "", /^folio-backup-\d{4}-\d\d-\d\d-\d{4}$/);
    assert.ok(done.includes(join(drive, folder)), done);
    await waitForText(browser, "#backup-list", "Opens with: your password of that day, or the handover shares of set 1");
    await waitForText(browser, "#backup-status", "The last backup was taken today");
    await scrollTo(browser, "#backup-settings-title");
    await screenshot(browser, "backups-02-taken-and-listed");
    await assertAccessible(browser, "Settings with a backup taken");

    await navigate(browser, "nav-home", "Demo Practice (fictional)");
    await waitForText(browser, "#backup-home-status", "The last backup was taken today");
  } finally {
    await browser.deleteSession();
  }
  // The backup is a vault: it verifies with the same password, and lists the same clients.
  const backup = join(drive, readdirSync(drive)[0]);
  const report = cliJson(backup, "verify"); // exits non-zero, and throws, on any problem
  assert.deepEqual([report.unreadablePages, report.damagedTables, report.structureProblems], [[], [], []]);
  assert.deepEqual(
    cliJson(backup, "client", "list").map((c) => c.code),
    cliJson(dir, "client", "list").map((c) => c.code),
  );
  assert.equal(cliJson(dir, "backup", "list")[0].folder, backup);
});
