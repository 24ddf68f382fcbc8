// Destruction as a therapist meets it, by keyboard: the Retention screen says what is due;
// the review lists codes and counts only and says, before anything happens, that it cannot
// be undone; a wrong password is refused; the right one confirms it for after the grace
// period; the pending destruction is then cancelled, and nothing is destroyed. And a client
// who becomes due (the app opened on a later day, which only the test harness can do) is
// destroyed at the first unlock after the grace period, and its certificate is saved.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import {
  assertAccessible,
  cliDemoVault,
  cliJson,
  freshDir,
  fromUk,
  navigate,
  nextPick,
  PASSWORD,
  press,
  screenshot,
  scrollTo,
  SHOTS,
  startApp,
  tabType,
  TMP,
  unlock,
  ukDate,
  unlockOnDay,
  waitForText,
  WORK,
} from "./helpers.mjs";

test("what is due is reviewed, confirmed with the password for after the grace period, and cancelled", async () => {
  const dir = freshDir("destruction");
  cliDemoVault(dir, 12);
  const preview = cliJson(dir, "destroy", "--due");
  assert.ok(preview.clients.length > 0, "the demo has records due for destruction");
  const codes = preview.clients.map((c) => c.client);

  const browser = await startApp(dir);
  try {
    await unlock(browser);
    await navigate(browser, "nav-retention", "Retention");
    await waitForText(browser, "#destroy-due", `${codes.length} ${codes.length === 1 ? "client's records are" : "clients' records are"} due`);
    await press(browser, "destroy-review");
    const warning = await waitForText(browser, "#destroy-warning", "cannot be brought back");
    assert.match(warning, new RegExp(`after ${preview.graceDays} days, from ${preview.runsOn}`));
    const list = await waitForText(browser, "#destroy-list", codes[0]);
    for (const code of codes) assert.ok(list.includes(code), `${code} is listed`);
    await scrollTo(browser, "#destroy-title");
    await screenshot(browser, "destruction-01-review");
    await assertAccessible(browser, "the destruction review");

    await tabType(browser, "destroy-password", "not the password at all");
    await press(browser, "destroy-confirm");
    await waitForText(browser, "#destroy-errors", "password");
    assert.equal(cliJson(dir, "destroy", "pending").length, 0, "nothing confirmed");
    const waiting = () => cliJson(dir, "destroy", "pending").filter((b) => b.state === "pending");

    await tabType(browser, "destroy-password", PASSWORD);
    await press(browser, "destroy-confirm");
    await waitForText(browser, "#destroy-status", `will be destroyed from ${preview.runsOn}`);
    const pending = waiting();
    assert.equal(pending.length, 1);
    await waitForText(browser, "#destroy-pending", `runs from ${preview.runsOn}`);
    await scrollTo(browser, "#destroy-title");
    await screenshot(browser, "destruction-02-pending");

    await press(browser, `destroy-${pending[0].id}-cancel`);
    await waitForText(browser, "#destroy-status", "Cancelled: nothing of it will be destroyed");
    assert.equal(waiting().length, 0, "nothing waits any more");
    assert.equal(cliJson(dir, "destroy", "pending")[0].state, "cancelled");
    assert.equal(await (await browser.$(`#destroy-${pending[0].id}-cancel`)).isExisting(), false, "a cancelled one is not offered again");
    assert.equal(cliJson(dir, "destroy", "records").length, 0, "nothing was destroyed");
    await screenshot(browser, "destruction-03-cancelled");
  } finally {
    await browser.deleteSession();
  }
});

test("a client who becomes due is destroyed at the first unlock after the grace period, and the certificate is saved", async () => {
  const dir = freshDir("destroyed");
  cliDemoVault(dir, 12);
  // The client whose records all fall due soonest (not yet), and the day they do.
  const entries = cliJson(dir, "retention", "status");
  const byClient = new Map();
  for (const e of entries) byClient.set(e.client, [...(byClient.get(e.client) ?? []), e]);
  const whole = [...byClient]
    .filter(([, es]) => es.every((e) => e.state === "kept" || e.state === "due") && es.some((e) => e.state === "kept"))
    .map(([client, es]) => ({ client, day: es.map((e) => e.dueOn).sort((a, b) => fromUk(b) - fromUk(a))[0] }))
    .sort((a, b) => fromUk(a.day) - fromUk(b.day));
  assert.ok(whole.length > 0, "the demo has a client whose records are kept until a later day");
  const { client: code, day } = whole[0];
  const onThatDay = cliJson(dir, "retention", "status", "--as-of", day).filter((e) => e.client === code);
  assert.ok(onThatDay.every((e) => e.state === "due"), `every record of ${code} is due on ${day}`);

  // A backup taken today, before the destruction: Retention lists it afterwards.
  const backup = cliJson(dir, "backup", "take", mkdtempSync(join(WORK, "backup-drive-")));

  unlockOnDay(day);
  const browser = await startApp(dir);
  try {
    await unlock(browser);
    await navigate(browser, "nav-retention", "Retention");
    await waitForText(browser, "#retention-overdue", code);
    assert.equal(await (await browser.$("#retention-backups")).isExisting(), false, "no backup holds destroyed records yet");
    await press(browser, "destroy-review");
    await waitForText(browser, "#destroy-list", code);
    // Artwork still in the cabinet: the review says to return or dispose of it first.
    const held = cliJson(dir, "retention", "status", "--as-of", day).filter((e) => e.category === "artwork" && e.state === "due");
    if (held.length) {
      const reminder = await waitForText(browser, "#destroy-reminder-0", "still held");
      // Each piece it names is due and held (a piece whose photos must stay waits, unnamed).
      const named = reminder.match(/ART-\d{4}/g) ?? [];
      assert.ok(named.length > 0, "the pieces are named");
      for (const piece of named) assert.ok(held.some((h) => h.item === piece), `${piece} is due and held`);
    }
    await tabType(browser, "destroy-password", PASSWORD);
    await press(browser, "destroy-confirm");
    await waitForText(browser, "#destroy-status", "will be destroyed from");
    const batch = cliJson(dir, "destroy", "pending").find((b) => b.state === "pending");
    assert.ok(batch.clients.some((c) => c.client === code), `${code} is in the confirmed destruction`);
    const pendingGroup = await waitForText(browser, "#retention-destruction-pending", code);
    assert.match(pendingGroup, /Destruction pending/);
    await scrollTo(browser, "#retention-destruction-pending");
    await screenshot(browser, "destruction-04-confirmed-pending");

    // A day before the grace period ends nothing runs; on its last day it does.
    await (await browser.$("#lock-button")).click();
    const dayBefore = new Date(fromUk(batch.runsOn).getTime() - 86_400_000);
    unlockOnDay(ukDate(dayBefore));
    await unlock(browser);
    assert.equal(await (await browser.$("#home-repaired")).isExisting(), false, "nothing ran before the day");
    assert.ok(cliJson(dir, "client", "list").some((c) => c.code === code), `${code} is still there`);
    await (await browser.$("#lock-button")).click();
    unlockOnDay(batch.runsOn);
    await unlock(browser);
    await waitForText(browser, "#home-repaired", "were destroyed");
    await screenshot(browser, "destruction-05-destroyed-at-unlock");

    await navigate(browser, "nav-retention", "Retention");
    await waitForText(browser, "#retention-backups", `Backup of ${backup.takenAt} in ${backup.folder}: still holds the records of`);
    await scrollTo(browser, "#retention-backups-title");
    await screenshot(browser, "destruction-05b-backup-still-holds-them");
    const records = cliJson(dir, "destroy", "records");
    const record = records.find((r) => r.client === code);
    assert.ok(record, `${code} has a destruction record`);
    await waitForText(browser, "#destroy-records", code);
    const overdue = await (await browser.$("#retention-overdue")).getText();
    assert.ok(!overdue.includes(code), `${code} is no longer listed as due`);
    const folder = mkdtempSync(join(TMP, "certificate-"));
    nextPick(folder);
    await press(browser, `certificate-${record.id}`);
    await waitForText(browser, `#certificate-${record.id}-status`, "Certificate saved to");
    await scrollTo(browser, "#destroy-records-title");
    await screenshot(browser, "destruction-06-records");
  } finally {
    unlockOnDay();
    await browser.deleteSession();
  }

  // The certificate: a PDF, rendered to look at; the client is gone from every list.
  const saved = readdirSync(join(TMP)).flatMap((d) => (d.startsWith("certificate-") ? readdirSync(join(TMP, d)).map((f) => join(TMP, d, f)) : []));
  const pdf = saved.find((f) => f.endsWith(".pdf"));
  assert.ok(pdf, "the certificate was saved");
  assert.equal(readFileSync(pdf).subarray(0, 5).toString(), "%PDF-");
  execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", pdf, join(SHOTS, "destruction-07-certificate")]);
  assert.ok(!cliJson(dir, "client", "list").some((c) => c.code === code), `${code} is not listed`);
  assert.ok(!cliJson(dir, "retention", "status").some((e) => e.client === code), `${code} has no retention entries`);
  cliJson(dir, "verify");
});
