// The correspondence log as a therapist keeps it: a phone call logged by keyboard with a
// scanned letter attached (kept inside the vault), on a long client record, where the
// confirmation must still be seen.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import {
  HOME,
  NATIVE,
  TMP,
  WORK,
  assertAccessible,
  cliDemoVault,
  freshDir,
  longOpenRecord,
  messagePlacement,
  nextPick,
  openClient,
  pick,
  scanFor,
  screenshot,
  scrollToBottomEdge,
  startApp,
  tabTo,
  tabType,
  unlock,
  waitForText,
} from "./helpers.mjs";

test("a phone call with an attachment is logged on a long record, and the confirmation is seen", async () => {
  const dir = freshDir("correspondence");
  cliDemoVault(dir);
  const client = longOpenRecord(dir);
  const browser = await startApp(dir);
  try {
    await unlock(browser);
    await openClient(browser, client.code);
    const page = await browser.execute(() => ({ height: document.documentElement.scrollHeight, viewport: window.innerHeight }));
    assert.ok(page.height > 2 * page.viewport, `${client.code}'s record is a long page (${page.height} px in a ${page.viewport} px window)`);

    // A phone call with an attachment (a scanned consent letter), kept inside the vault.
    const scan = join(WORK, "consent-scan.pdf");
    writeFileSync(scan, Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(300 * 1024, 7)]));
    await pick(browser, "corr-kind", "Phone call");
    await pick(browser, "corr-counterpart", "Parent or carer");
    await tabType(browser, "corr-name", "Mother");
    await tabType(browser, "corr-summary", "Asked to move Thursday's session; agreed Friday");
    // The native file picker (its test seam) chooses the scan; it is saved into the vault
    // at once, with progress, and listed under the button.
    nextPick(scan);
    await tabTo(browser, "corr-attach");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#corr-attachments", "consent-scan.pdf (301 KB)", 30_000);
    // With the button at the foot of the window (scrolled just far enough to see it), the
    // confirmation appears below it, where nothing can be seen without scrolling.
    await tabTo(browser, "corr-submit");
    const room = await scrollToBottomEdge(browser, "#corr-submit");
    assert.ok(room !== null && room < 10, `the button is at the foot of the window (${room} px below it)`);
    await browser.keys(["Enter"]);
    await waitForText(browser, "#client-status", "with 1 attachment(s)", 30_000);

    // The confirmation is where the therapist can see it, and has focus so it is read out.
    const placed = await messagePlacement(browser, "#client-status");
    assert.ok(placed.inView, `the confirmation is inside the window: ${JSON.stringify(placed)}`);
    assert.ok(placed.focused, `the confirmation has focus, so it is read out: ${JSON.stringify(placed)}`);
    assert.ok(placed.live, "the confirmation sits in a status region");
    await screenshot(browser, "correspondence-01-confirmation");

    const log = await waitForText(browser, "#corr-log", "consent-scan.pdf");
    assert.match(log, /Phone call from parent or carer \(Mother\): Asked to move Thursday's session/);
    assert.match(log, /consent-scan\.pdf \(301 KB\)/);
    await (await browser.$("#corr-log")).scrollIntoView();
    await screenshot(browser, "correspondence-02-log");
    await assertAccessible(browser, "the client record with correspondence");
  } finally {
    await browser.deleteSession();
  }
});

/** Runs xdotool on the test's display; returns what it printed. */
const xdotool = (...args) => execFileSync("xdotool", args, { env: process.env }).toString().trim();

test("the real file picker attaches a file and leaves no trace of its name on disk", async () => {
  const dir = freshDir("native-picker");
  cliDemoVault(dir);
  const client = longOpenRecord(dir);
  const letter = join(WORK, "Jo Bloggs letter.txt");
  writeFileSync(letter, "A letter about Jo Bloggs.\n");
  const browser = await startApp(dir);
  try {
    await unlock(browser);
    await openClient(browser, client.code);
    nextPick(NATIVE);
    await tabTo(browser, "corr-attach");
    await browser.keys(["Enter"]);
    // The GTK dialog is a window WebDriver cannot see: find it and type the path into it.
    let dialog = "";
    for (let i = 0; i < 100 && !dialog; i++) {
      try {
        dialog = xdotool("search", "--name", "Attach files").split("\n")[0];
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    assert.ok(dialog, "the native file picker opened");
    // Give GTK a moment to fill the dialog (its places and file list) before typing.
    await new Promise((r) => setTimeout(r, 1500));
    xdotool("windowfocus", "--sync", dialog);
    xdotool("key", "--delay", "100", "ctrl+l");
    await new Promise((r) => setTimeout(r, 300));
    xdotool("type", "--delay", "20", letter);
    await new Promise((r) => setTimeout(r, 500));
    xdotool("key", "Return");
    await waitForText(browser, "#corr-attachments", "Jo Bloggs letter.txt", 30_000);
    await screenshot(browser, "correspondence-03-native-picker-attached");
    const traces = scanFor([HOME, TMP], ["Bloggs"]).found;
    assert.deepEqual(traces, [], "GTK must not record the chosen file (recently-used.xbel) or anything else");
  } finally {
    await browser.deleteSession();
  }
});
