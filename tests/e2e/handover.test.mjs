// The clinical will as the therapist and the people she named meet it, by keyboard: Home
// reminds her; she sets up 2 of 3 shares with a successor and instructions, checks her
// answers, picks a folder, and sees the shares once (the pack and a share sheet are
// rendered to look at). Locked, the executor opens the vault "contact only" with two shares
// typed word by word (a mistyped word is named by its line and position as soon as the
// share is left) and sees and saves the contact sheet; then the successor takes the vault
// over with two shares and a new password, lands on the continuity checklist and ticks an
// item. The CLI then finds the old password refused, the new one working and the tick kept.
// A year on, Home asks for the yearly review; re-issuing says first that the old shares stop
// working and that older backups still open with them; a share pasted whole reads, one
// alone is too few, and a share of the set before is named as such.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import {
  assertAccessible,
  CLI,
  cliCreateVault,
  cliDemoVault,
  cliJson,
  daysAgo,
  freshDir,
  navigate,
  NEW_PASSWORD,
  nextPick,
  PASSWORD,
  press,
  screenshot,
  scrollTo,
  SHOTS,
  startApp,
  tabTo,
  tabType,
  ukDate,
  unlock,
  unlockOnDay,
  waitFor,
  waitForText,
  WORK,
} from "./helpers.mjs";

/** A share's text file as the fields of a printed share sheet. */
function shareFields(text) {
  const value = (key) => text.split("\n").find((l) => l.startsWith(`${key}: `))?.slice(key.length + 2).trim() ?? "";
  const [number, count] = value("Share").split(" of ");
  const lines = text
    .split("\n")
    .map((l) => /^(\d)\s+(.*)$/.exec(l.trim()))
    .filter(Boolean)
    .map((m) => m[2].trim());
  assert.equal(lines.length, 6, "a share has six lines of words");
  return { vault: value("Vault"), set: value("Set"), number, count, needed: value("Needed"), lines };
}

/** Types a share into the screen's `entry`-th share (1-based), as read off its sheet. */
async function typeShare(browser, entry, share) {
  const id = (part) => `share-${entry}-${part}`;
  for (const part of ["vault", "set", "number", "count", "needed"]) await tabType(browser, id(part), share[part]);
  for (const [i, line] of share.lines.entries()) await tabType(browser, id(`line-${i + 1}`), line);
}

/** A share's whole text into its text box, a line at a time (WebDriver's send-keys drops
 * the line breaks of a multi-line text, so each is an Enter, as when typed). */
async function typeWhole(browser, id, text) {
  const box = await waitFor(browser, `#${id}`);
  for (const line of text.split("\n")) {
    if (line !== "") await box.addValue(line);
    await browser.keys(["Enter"]);
  }
}

/** The CLI with a given password: its exit code and output. */
function cli(dir, password, ...args) {
  const run = spawnSync(CLI, ["--vault", dir, "--json", "--password-stdin", ...args], { input: `${password}\n` });
  return { status: run.status, out: run.stdout.toString(), err: run.stderr.toString() };
}

const pdfText = (pdf) => execFileSync("pdftotext", ["-layout", pdf, "-"]).toString();

test("the clinical will is set up by keyboard; two typed shares open the contact sheet, then take the vault over", async () => {
  const dir = freshDir("handover");
  cliDemoVault(dir, 10, 2026, "--no-handover");
  const [openRequest] = cliJson(dir, "request", "list", "--open");
  const out = join(mkdtempSync(join(WORK, "handover-files-")), "shares");
  const browser = await startApp(dir);
  try {
    await unlock(browser);
    // Home reminds: no clinical will yet.
    await waitForText(browser, "#handover-home-none", "No clinical will is set up");
    await screenshot(browser, "handover-01-home-reminder");
    await press(browser, "handover-home-open");
    await waitForText(browser, "main h1", "Clinical will");
    await press(browser, "handover-start");
    await waitForText(browser, "main h1", "Set up the handover");
    await tabType(browser, "handover-successor-name", "Joan Whitlock");
    await tabType(browser, "handover-successor-profession", "Art therapist");
    await tabType(browser, "handover-successor-registration", "AS12345");
    await tabType(browser, "handover-successor-contact", "07700 900123");
    for (const [i, name] of ["Priya Shah", "Tomasz Nowak", "Ruth Okafor"].entries()) {
      await tabType(browser, `handover-holder-${i + 1}`, name);
    }
    assert.equal(await browser.execute(() => document.getElementById("handover-threshold")?.value), "2", "2 of 3 by default");
    await tabType(browser, "handover-laptop", "In the locked desk drawer at home; the charger is beside it.");
    await tabType(browser, "handover-backups", "A USB drive in the fire safe.");
    await tabType(browser, "handover-instructions", "The cabinet key is with my sister. Call Oakfield Primary first.");
    await scrollTo(browser, "main h1");
    await screenshot(browser, "handover-02-form");
    await scrollTo(browser, "#handover-holder-1");
    await screenshot(browser, "handover-02-form-holders");
    await assertAccessible(browser, "the handover form");
    await press(browser, "handover-continue");

    await waitForText(browser, "main h1", "Check your answers");
    await waitForText(browser, "#handover-answers", "Share 3: Ruth Okafor");
    const next = await waitForText(browser, "#handover-next", "Any 2 of the 3 shares together open the vault");
    assert.match(next, /shown on screen this once/);
    await screenshot(browser, "handover-03-check");
    await assertAccessible(browser, "checking the handover");
    nextPick(out);
    await press(browser, "handover-confirm");

    await waitForText(browser, "main h1", "The shares, shown this once", 60_000);
    await waitForText(browser, "#handover-only-once", "This is the only time the shares are shown");
    await waitForText(browser, "#handover-done", `The files are saved in ${out}`);
    const files = readdirSync(out).sort();
    assert.deepEqual(files, ["handover-pack.pdf", "share-1.pdf", "share-1.txt", "share-2.pdf", "share-2.txt", "share-3.pdf", "share-3.txt"]);
    const texts = [1, 2, 3].map((n) => readFileSync(join(out, `share-${n}.txt`), "utf8"));
    for (const [i, text] of texts.entries()) {
      const shown = await (await browser.$(`#handover-share-${i + 1}`)).getText();
      assert.equal(shown.trim(), text.trim(), `share ${i + 1} on screen is the share saved`);
    }
    await screenshot(browser, "handover-04-shares-shown-once");
    await scrollTo(browser, "#handover-share-1-title");
    await screenshot(browser, "handover-04-shares-shown-once-share-1");
    await assertAccessible(browser, "the shares shown once");

    // The pack: the letter for the executor, without any share.
    const pack = join(out, "handover-pack.pdf");
    execFileSync("pdftoppm", ["-png", "-r", "60", pack, join(SHOTS, "handover-05-pack")]);
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", join(out, "share-1.pdf"), join(SHOTS, "handover-06-share-sheet")]);
    const letter = pdfText(pack);
    assert.match(letter, /Share 1 of 3: Priya Shah/);
    assert.match(letter, /Joan Whitlock/);
    for (const text of texts) {
      for (const line of shareFields(text).lines) assert.ok(!letter.includes(line), "the pack holds no share's words");
    }
    assert.match(pdfText(join(out, "share-1.pdf")), new RegExp(shareFields(texts[0]).lines[0].split(" ")[0]));

    await press(browser, "handover-hide");
    await waitForText(browser, "main h1", "Clinical will");
    await waitForText(browser, "#handover-review", "Review it by");
    assert.equal(await (await browser.$("#handover-share-1")).isExisting(), false, "the shares are gone from the screen");
    await screenshot(browser, "handover-07-clinical-will");

    // Locked: the executor opens it "contact only" with shares 1 and 3, typed.
    await (await browser.$("#lock-button")).click();
    await waitFor(browser, "#unlock-with-shares", 30_000);
    const status = cliJson(dir, "handover", "status");
    assert.equal(status.threshold, 2);
    assert.deepEqual(status.holders.map((h) => h.name), ["Priya Shah", "Tomasz Nowak", "Ruth Okafor"]);
    const [one, two, three] = texts.map(shareFields);

    // A mistyped word is named by its line and position as soon as the share is left.
    await press(browser, "unlock-with-shares");
    await waitForText(browser, "main h1", "Open with handover shares");
    const typo = { ...one, lines: one.lines.map((l, i) => (i === 1 ? l.split(" ").map((w, j) => (j === 2 ? "zzzz" : w)).join(" ") : l)) };
    await typeShare(browser, 1, typo);
    await tabTo(browser, "share-2-vault");
    const problem = await waitForText(browser, "#share-1-problem", "line 2, word 3 is not one of the share words");
    assert.match(problem, /^First share cannot be read/);
    assert.ok(!problem.includes("zzzz"), "the message never repeats what was typed");
    await scrollTo(browser, "#share-1-line-1");
    await screenshot(browser, "handover-08-mistyped-word");
    await press(browser, "shares-back");
    await waitFor(browser, "#unlock-password");

    await press(browser, "unlock-with-shares");
    await waitForText(browser, "main h1", "Open with handover shares");
    await typeShare(browser, 1, one);
    await tabTo(browser, "share-2-vault");
    await waitForText(browser, "#share-1-ok", "Share 1 of 3 (set 1) reads correctly");
    await typeShare(browser, 2, three);
    await tabTo(browser, "share-2-check");
    await press(browser, "share-2-check");
    await waitForText(browser, "#share-2-ok", "Share 3 of 3 (set 1) reads correctly");
    await scrollTo(browser, "#share-2-line-1");
    await screenshot(browser, "handover-09-shares-typed");
    await assertAccessible(browser, "opening with handover shares");
    await press(browser, "shares-submit");

    await waitForText(browser, "main h1", "Contact sheet", 60_000);
    await waitForText(browser, "#contact-opened", "with shares 1 and 3 of set 1");
    await waitForText(browser, "#contact-instructions", "The cabinet key is with my sister");
    await waitForText(browser, "#contact-successor", "Joan Whitlock (Art therapist; AS12345; 07700 900123)");
    assert.equal(await (await browser.$("#nav-clients")).isExisting(), false, "no vault is open behind the sheet");
    await screenshot(browser, "handover-10-contact-sheet");
    await assertAccessible(browser, "the contact sheet");
    const sheetText = await (await browser.$("main")).getText();
    const printed = mkdtempSync(join(WORK, "contact-sheet-"));
    nextPick(printed);
    await press(browser, "contact-save");
    await waitForText(browser, "#contact-save-status", `Saved to ${join(printed, "Contact sheet.pdf")}`);
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", join(printed, "Contact sheet.pdf"), join(SHOTS, "handover-11-contact-sheet-pdf")]);
    await press(browser, "contact-close");
    await waitFor(browser, "#unlock-password", 30_000);

    // The CLI's contact sheet (the same shares) names the same clients the app showed.
    const sheet = cliJson(dir, "handover", "open", "--share-file", join(out, "share-1.txt"), "--share-file", join(out, "share-3.txt"), "--mode", "contact");
    assert.ok(sheet.clients.length > 0, "the demo practice has clients to tell");
    for (const c of sheet.clients) assert.ok(sheetText.includes(c.name), `${c.code} is on the app's sheet`);
    assert.ok(pdfText(join(printed, "Contact sheet.pdf")).includes(sheet.clients[0].name), "the PDF lists them too");

    // The successor takes it over with shares 2 and 3 and a new password.
    await press(browser, "unlock-with-shares");
    await waitForText(browser, "main h1", "Open with handover shares");
    await tabTo(browser, "mode-contact");
    await browser.keys(["ArrowDown"]);
    await browser.waitUntil(() => browser.execute(() => document.getElementById("mode-takeover")?.checked === true), {
      timeout: 5_000,
      timeoutMsg: "ArrowDown did not choose taking over",
    });
    await waitForText(browser, "#takeover-warning", "Taking over cannot be undone");
    await typeShare(browser, 1, two);
    await typeShare(browser, 2, three);
    await tabType(browser, "takeover-password", NEW_PASSWORD);
    await tabType(browser, "takeover-password-confirm", NEW_PASSWORD);
    await scrollTo(browser, "#takeover-warning");
    await screenshot(browser, "handover-12-takeover");
    await press(browser, "shares-submit");

    await waitForText(browser, "main h1", "Continuity checklist", 60_000);
    await waitForText(browser, "#continuity-taken-over", "You have taken the vault over");
    const item = await browser.execute(() => document.querySelector('input[type="checkbox"][id^="check-client-"]')?.id ?? "");
    assert.ok(item, "a client in therapy is on the checklist");
    // The demo's open access request, with the deadline the register gives it.
    await waitForText(browser, "#continuity-requests-title", "Open rights requests and their deadlines");
    await waitForText(browser, `label[for="check-request-${openRequest.id}"]`, `access request from The client's parent (demo), received ${openRequest.received}: answer it by ${openRequest.due}`);
    const progress = await (await browser.$("#continuity-progress")).getText();
    const total = Number(/of (\d+) done/.exec(progress)?.[1]);
    assert.match(progress, /^0 of \d+ done/);
    await tabTo(browser, item);
    await browser.keys([" "]);
    await waitForText(browser, "#continuity-progress", `1 of ${total} done`);
    await waitForText(browser, `#${item}-done`, "Done on");
    await screenshot(browser, "handover-13-checklist");
    await assertAccessible(browser, "the continuity checklist");

    // The tick is kept: locked and unlocked with the new password, Home leads back to it.
    await (await browser.$("#lock-button")).click();
    await unlock(browser, NEW_PASSWORD);
    await waitForText(browser, "#handover-home-checklist", `Continuity checklist: 1 of ${total} done`);
    await waitForText(browser, "#handover-home-none", "Set up a handover of your own");
    await screenshot(browser, "handover-14-home-after-takeover");
    await press(browser, "handover-home-checklist-open");
    await waitForText(browser, "main h1", "Continuity checklist");
    assert.equal(await browser.execute((id) => document.getElementById(id)?.checked, item), true, "still ticked");
    await navigate(browser, "nav-settings", "Settings");
    await waitForText(browser, "#handover-settings-status", "No handover is set up");
    await (await browser.$("#lock-button")).click();
    await waitFor(browser, "#unlock-password", 30_000);
  } finally {
    await browser.deleteSession();
  }

  // The old password no longer opens the vault (exit 3); the new one does, with the tick kept.
  const old = cli(dir, PASSWORD, "handover", "checklist");
  assert.equal(old.status, 3, `the old password is refused: ${old.err}`);
  const now = cli(dir, NEW_PASSWORD, "handover", "checklist");
  assert.equal(now.status, 0, now.err);
  assert.equal(JSON.parse(now.out).done, 1, "the tick is kept");
  const spent = spawnSync(CLI, ["--vault", dir, "handover", "open", "--share-file", join(out, "share-1.txt"), "--share-file", join(out, "share-2.txt"), "--mode", "contact"]);
  assert.equal(spent.status, 3, "the spent shares open nothing");
});

test("a year on, Home asks for a review; re-issuing warns about backups, and old or too few shares are refused", async () => {
  const dir = freshDir("handover-reissue");
  cliCreateVault(dir);
  const first = join(mkdtempSync(join(WORK, "handover-set-1-")), "shares");
  const holders = ["Priya Shah", "Tomasz Nowak", "Ruth Okafor"].flatMap((h) => ["--holder", h]);
  cliJson(dir, "handover", "setup", "--threshold", "2", ...holders, "--successor", "Joan Whitlock", "--out", first);
  // A backup taken under set 1: the re-issue must name it.
  const backup = cliJson(dir, "backup", "take", mkdtempSync(join(WORK, "backup-drive-")));
  const again = join(mkdtempSync(join(WORK, "handover-set-2-")), "shares");
  const reprint = join(mkdtempSync(join(WORK, "handover-reprint-")), "pack");
  const aYearOn = ukDate(daysAgo(-366));
  unlockOnDay(aYearOn);
  const browser = await startApp(dir);
  try {
    await unlock(browser);
    await waitForText(browser, "#handover-home-status", "Review due since");
    await screenshot(browser, "handover-20-review-due");
    await press(browser, "handover-home-open");
    await waitForText(browser, "#handover-review", "Review due since");
    await waitForText(browser, "#handover-summary-instructions", "None written");
    // Reviewed with nothing to change: the same shares, the next review a year on.
    await press(browser, "handover-reviewed");
    await waitForText(browser, "#handover-reviewed-status", `reviewed on ${aYearOn} with nothing to change`);
    await waitForText(browser, "#handover-review", `last reviewed on ${aYearOn}. Review it by`);
    await screenshot(browser, "handover-20b-reviewed");
    const reviewed = cliJson(dir, "handover", "status");
    assert.equal(reviewed.set, 1, "a review with nothing to change issues no new shares");
    assert.equal(reviewed.reviewedOn, aYearOn);
    assert.equal(reviewed.reviewDue, false);
    await press(browser, "handover-reissue");
    await waitForText(browser, "main h1", "Review and re-issue the shares");
    await waitForText(browser, "#handover-reissue-warning", "The shares of set 1 stop opening this vault at once");
    const holder3 = await browser.execute(() => document.getElementById("handover-holder-3")?.value);
    assert.equal(holder3, "Ruth Okafor", "a re-issue starts from the handover as it stands");
    await screenshot(browser, "handover-21-reissue-form");
    await press(browser, "handover-continue");
    await waitForText(browser, "#handover-next-reissue", "Backups taken before today still open with them");
    await waitForText(browser, "#handover-next-backups", `Backup of ${backup.takenAt} in ${backup.folder} (set 1)`);
    await scrollTo(browser, "#handover-next-title");
    await screenshot(browser, "handover-22-reissue-check");
    nextPick(again);
    await press(browser, "handover-confirm");
    await waitForText(browser, "main h1", "The shares, shown this once", 60_000);
    await waitForText(browser, "#handover-backups-note", "1 backup taken before today still opens with the old shares");
    await waitForText(browser, "#handover-earlier-backups", `${backup.folder}: opens with the shares of set 1`);
    await screenshot(browser, "handover-23-reissued");
    await press(browser, "handover-hide");
    await waitForText(browser, "#handover-review", `Set up on ${aYearOn}`);

    nextPick(reprint);
    await press(browser, "handover-print");
    await waitForText(browser, "#handover-print-status", `saved in ${reprint}`);
    assert.deepEqual(readdirSync(reprint), ["handover-pack.pdf"], "a re-print holds the pack alone");

    await (await browser.$("#lock-button")).click();
    await press(browser, "unlock-with-shares");
    await waitForText(browser, "main h1", "Open with handover shares");
    // Pasted whole: a share of the new set reads; one alone is too few.
    await press(browser, "share-1-mode");
    await typeWhole(browser, "share-1-paste", readFileSync(join(again, "share-1.txt"), "utf8"));
    await press(browser, "share-1-check");
    await waitForText(browser, "#share-1-ok", "Share 1 of 3 (set 2) reads correctly");
    await press(browser, "shares-submit");
    await waitForText(browser, "#shares-errors", "Too few shares: 2 of 3 needed; 1 given.");
    // A share of the set before is named as such.
    await press(browser, "share-2-mode");
    await typeWhole(browser, "share-2-paste", readFileSync(join(first, "share-2.txt"), "utf8"));
    await press(browser, "share-2-check");
    await waitForText(browser, "#share-2-problem", "Second share is from an earlier set of shares (set 1), replaced by set 2");
    // Given anyway, the refusal points at that share, not the first.
    await press(browser, "shares-submit");
    await waitFor(browser, '#shares-errors a[href="#share-2-paste"]');
    await scrollTo(browser, "#share-2-paste");
    await screenshot(browser, "handover-24-old-share-refused");
    await assertAccessible(browser, "a share refused");
    await press(browser, "shares-back");
    await waitFor(browser, "#unlock-password");
  } finally {
    unlockOnDay();
    await browser.deleteSession();
  }
  assert.equal(cliJson(dir, "handover", "status").set, 2, "the vault's handover is set 2");
});

test("a re-issue stopped before it was recorded is said so on Home and the clinical will screen, and set up again", async () => {
  const dir = freshDir("handover-interrupted");
  cliCreateVault(dir);
  const holders = ["Priya Shah", "Tomasz Nowak", "Ruth Okafor"].flatMap((h) => ["--holder", h]);
  cliJson(dir, "handover", "setup", "--threshold", "2", ...holders, "--successor", "Joan Whitlock", "--out", join(mkdtempSync(join(WORK, "handover-i1-")), "s"));
  // What a stop between the key file write and the record leaves: the database from before
  // the re-issue beside the key file written by it.
  const db = join(dir, "folio.db");
  const before = readFileSync(db);
  cliJson(dir, "handover", "reissue", "--out", join(mkdtempSync(join(WORK, "handover-i2-")), "s"));
  writeFileSync(db, before);
  const browser = await startApp(dir);
  try {
    await unlock(browser);
    await waitForText(browser, "#handover-home-none", "stopped before it finished");
    await press(browser, "handover-home-open");
    await waitForText(browser, "#handover-interrupted", "Set the handover up again now");
    await screenshot(browser, "handover-30-interrupted");
    await assertAccessible(browser, "an interrupted clinical will");
    await waitFor(browser, "#handover-start");
  } finally {
    await browser.deleteSession();
  }
});
