// The vault as a therapist meets it: create, lock, a wrong then the right password,
// settings, change password, a damaged vault, and auto-lock.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readdirSync, statSync, writeSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import {
  HOME,
  NEW_PASSWORD,
  PASSWORD,
  TMP,
  axeViolations,
  cliCreateVault,
  freshDir,
  pressEnter,
  scanFor,
  screenshot,
  startApp,
  type,
  waitFor,
  waitForText,
} from "./helpers.mjs";

async function unlock(browser, password) {
  await type(browser, "unlock-password", password);
  await pressEnter(browser);
}

test("create a vault, lock it, unlock with a wrong then the right password, change settings and password", async () => {
  const dir = freshDir("create");
  const browser = await startApp(dir);
  try {
    // Create screen: a folder with no vault yet.
    await waitFor(browser, "#create-practice");
    assert.equal(await (await browser.$("#create-dir")).getValue(), dir);
    await type(browser, "create-practice", "Hillside Art Therapy");
    await type(browser, "create-password", "password1");
    const weak = await waitForText(browser, "#password-strength", "Not accepted");
    assert.match(weak, /Too short/);
    await screenshot(browser, "vault-01-create-weak-password");
    await type(browser, "create-password", PASSWORD);
    await waitForText(browser, "#password-strength", "Accepted");
    await type(browser, "create-password-confirm", "something else entirely");
    await pressEnter(browser);
    await waitForText(browser, ".error-summary", "The passwords do not match");
    await screenshot(browser, "vault-02-create-mismatch");
    await type(browser, "create-password-confirm", PASSWORD);
    await screenshot(browser, "vault-03-create-filled");
    await pressEnter(browser);

    // Home.
    const heading = await waitForText(browser, "#home-heading", "Hillside Art Therapy", 30_000);
    assert.equal(heading, "Hillside Art Therapy");
    assert.ok(existsSync(join(dir, "folio.db")) && existsSync(join(dir, "folio.key")));
    await screenshot(browser, "vault-04-home");
    const violations = await axeViolations(browser);
    assert.deepEqual(violations, [], `accessibility problems on Home: ${JSON.stringify(violations)}`);

    // Lock, then a wrong password.
    await (await browser.$("#lock-button")).click();
    await waitFor(browser, "#unlock-password");
    assert.equal(await (await browser.$("#unlock-dir")).getValue(), dir);
    await unlock(browser, "tangerine piano lighthouse 48");
    const error = await waitForText(browser, "#unlock-error", "does not open this vault");
    assert.match(error, /Wrong password/);
    assert.equal(await (await browser.$("#unlock-password")).getValue(), "", "the wrong password is cleared");
    await screenshot(browser, "vault-05-wrong-password");
    const unlockViolations = await axeViolations(browser);
    assert.deepEqual(unlockViolations, [], `accessibility problems on Unlock: ${JSON.stringify(unlockViolations)}`);

    // The right password.
    await unlock(browser, PASSWORD);
    await waitForText(browser, "#home-heading", "Hillside Art Therapy");

    // Settings: auto-lock time, with a bad value first.
    await (await browser.$("#nav-settings")).click();
    await type(browser, "auto-lock-minutes", "500");
    await (await browser.$("#auto-lock-save")).click();
    await waitForText(browser, ".error-summary", "from 1 to 120");
    await screenshot(browser, "vault-06-settings-bad-minutes");
    await type(browser, "auto-lock-minutes", "5");
    await (await browser.$("#auto-lock-save")).click();
    await waitForText(browser, "#settings-status", "Auto-lock set to 5 minutes");

    // Change password: a wrong current password first.
    await type(browser, "current-password", "not my password at all");
    await type(browser, "new-password", NEW_PASSWORD);
    await type(browser, "new-password-confirm", NEW_PASSWORD);
    await (await browser.$("#change-password-submit")).click();
    await waitForText(browser, ".error-summary", "current password is not right");
    await type(browser, "current-password", PASSWORD);
    await (await browser.$("#change-password-submit")).click();
    await waitForText(browser, "#settings-status", "Password changed", 30_000);
    await screenshot(browser, "vault-07-settings-password-changed");

    // Check the vault: every check passes on a healthy vault.
    await (await browser.$("#verify-vault")).click();
    const report = await waitForText(browser, "#verify-result", "The vault is sound.", 30_000);
    assert.match(report, /audit log's chain of \d+ entries is unbroken/);
    assert.doesNotMatch(report, /Problem:/);
    await (await browser.$("#verify-result")).scrollIntoView();
    await screenshot(browser, "vault-07b-settings-vault-checked");

    // Home shows the new auto-lock time.
    await (await browser.$("#nav-home")).click();
    await waitForText(browser, "#main", "after 5 minutes without use");

    // Lock: the old password no longer opens it, the new one does.
    await (await browser.$("#lock-button")).click();
    await waitFor(browser, "#unlock-password");
    await unlock(browser, PASSWORD);
    await waitForText(browser, "#unlock-error", "does not open this vault");
    await unlock(browser, NEW_PASSWORD);
    await waitForText(browser, "#home-heading", "Hillside Art Therapy");
  } finally {
    await browser.deleteSession();
  }
});

test("a vault open in another Folio is refused plainly, and opens once that one has gone", async () => {
  const dir = freshDir("in-use");
  cliCreateVault(dir);
  // Another Folio holds the vault: `flock` takes the same lock on the folder (--no-fork,
  // so killing it drops the lock, as a crash would).
  const holder = spawn("flock", ["--exclusive", "--no-fork", dir, "sleep", "60"], { stdio: "ignore" });
  for (let i = 0; i < 100 && spawnSync("flock", ["--nonblock", "--exclusive", dir, "true"]).status === 0; i++) {
    await new Promise((r) => setTimeout(r, 20));
  }
  const browser = await startApp(dir);
  try {
    await waitFor(browser, "#unlock-password");
    await unlock(browser, PASSWORD);
    const message = await waitForText(browser, "#unlock-error", "open on this vault in another window or command");
    assert.doesNotMatch(message, /Wrong password|database is locked/i);
    await screenshot(browser, "vault-08a-open-elsewhere");
    holder.kill("SIGKILL");
    await new Promise((r) => holder.once("exit", r));
    await unlock(browser, PASSWORD);
    await waitFor(browser, "#home-heading");
  } finally {
    holder.kill("SIGKILL");
    await browser.deleteSession();
  }
});

test("a damaged vault is reported as damaged and left exactly where it is", async () => {
  const dir = freshDir("damaged");
  cliCreateVault(dir);
  const db = join(dir, "folio.db");
  const size = statSync(db).size;
  const fd = openSync(db, "r+");
  writeSync(fd, Buffer.alloc(100, 0), 0, 100, 100);
  closeSync(fd);
  const browser = await startApp(dir);
  try {
    await waitFor(browser, "#unlock-password");
    await unlock(browser, PASSWORD);
    const message = await waitForText(browser, "#unlock-error", "damaged");
    assert.match(message, /Nothing has been changed or deleted/);
    assert.doesNotMatch(message, /Wrong password/);
    await screenshot(browser, "vault-08-damaged-vault");
    assert.ok(existsSync(db) && existsSync(join(dir, "folio.key")) && existsSync(join(dir, "folio.key.bak")));
    assert.equal(statSync(db).size, size);
  } finally {
    await browser.deleteSession();
  }
});

test("nothing personal reaches the disk outside the vault", () => {
  // The app ran above with HOME and TMPDIR pointing here. No file outside the vault folders
  // may hold the practice names or the passwords typed into the webview (cache, storage,
  // logs). The shipped app's webview is incognito; under automation it cannot be (see
  // main.rs), so this also proves the normal context keeps nothing personal.
  const secrets = ["Hillside Art Therapy", "Riverside Music Therapy", "Quartermaine", "Morwenna", PASSWORD, NEW_PASSWORD];
  assert.deepEqual(scanFor([HOME, TMP], secrets).found, []);
  const storage = [];
  const findStorage = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      if (/^(localstorage|indexeddb|databases)$/i.test(entry.name)) storage.push(join(d, entry.name));
      findStorage(join(d, entry.name));
    }
  };
  findStorage(HOME);
  assert.deepEqual(storage, [], "the UI must not use web storage");
});

test("the vault locks itself after the idle time and the unlock screen returns", async () => {
  const dir = freshDir("autolock");
  cliCreateVault(dir);
  const browser = await startApp(dir);
  try {
    await waitFor(browser, "#unlock-password");
    await unlock(browser, PASSWORD);
    await waitFor(browser, "#home-heading");
    await (await browser.$("#nav-settings")).click();
    await type(browser, "auto-lock-minutes", "1");
    await (await browser.$("#auto-lock-save")).click();
    await waitForText(browser, "#settings-status", "Auto-lock set to 1 minute");
    // No activity from here on: the shell locks after 60 s (checked every 2 s).
    await waitFor(browser, "#unlock-password", 80_000);
    assert.equal(await (await browser.$("#home-heading")).isExisting(), false);
    await screenshot(browser, "vault-09-auto-locked");
  } finally {
    await browser.deleteSession();
  }
});
