// The attendance register as a therapist keeps it: three sessions by keyboard (one did not
// attend, one online with the parent or carer checks), the counts, a form that starts
// empty again, the attendance summary PDF; and a confirmation seen on a long record.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import {
  SHOTS,
  WORK,
  assertAccessible,
  cliDemoVault,
  cliJson,
  dateByKeyboard,
  dateParts,
  daysAgo,
  freshDir,
  fromUk,
  longOpenRecord,
  messagePlacement,
  nextPick,
  openClient,
  pick,
  screenshot,
  scrollToBottomEdge,
  selectedText,
  startApp,
  tabTo,
  tabType,
  ukDate,
  unlock,
  waitFor,
  waitForExact,
  waitForText,
} from "./helpers.mjs";

/** Records a session by keyboard; online ones with the platform and every parent check. */
async function recordSession(browser, date, outcome, online = false) {
  await dateByKeyboard(browser, "session-on", dateParts(date));
  await tabType(browser, "session-time", "14:30");
  await pick(browser, "session-outcome", outcome);
  if (online) {
    await pick(browser, "session-mode", "Online");
    await tabType(browser, "session-platform", "Video call app");
    for (const q of ["session-parent-start", "session-parent-end", "session-parent-nearby"]) {
      await tabTo(browser, `${q}-yes`);
      await browser.keys(["Space"]);
    }
    const filled = await sessionForm(browser);
    assert.equal(filled.platform, "Video call app", "the platform shows as typed");
    assert.deepEqual(filled.answers, [true, false, true, false, true, false], "each check shows Yes");
  }
  await tabTo(browser, "session-submit");
  await browser.keys(["Enter"]);
  await waitForText(browser, "#client-status", `${ukDate(date)} recorded`);
}

/** What the session form holds: the start time, and the platform and the yes/no answers
 * when the remote fields show (null when they are hidden). */
async function sessionForm(browser) {
  return browser.execute(() => {
    const value = (id) => document.getElementById(id)?.value ?? null;
    const checked = (id) => document.getElementById(id)?.checked ?? null;
    const questions = ["session-parent-start", "session-parent-end", "session-parent-nearby"];
    return {
      time: value("session-time"),
      platform: value("session-platform"),
      answers: questions.flatMap((q) => [checked(`${q}-yes`), checked(`${q}-no`)]),
    };
  });
}

test("three sessions with one DNA, the counts, a fresh form after an online session, and the attendance PDF", async () => {
  const dir = freshDir("sessions");
  cliDemoVault(dir);
  // A demo child (a parent or carer on the referral) in an open first episode with no
  // sessions yet, so the counts are ours.
  const client = cliJson(dir, "client", "list").find(
    (c) =>
      !c.episodeClosed &&
      c.episode === 1 &&
      cliJson(dir, "client", "show", c.code).referral.parentalResponsibility.length > 0 &&
      cliJson(dir, "session", "list", c.code).length === 0,
  );
  assert.ok(client, "the demo has a child in an open first episode with no sessions");
  const { referral } = cliJson(dir, "client", "show", client.code);
  const episodeStart = fromUk(client.referralDate);
  const dates = [daysAgo(6), daysAgo(4), daysAgo(2)];
  // Seed 004: the online session below needs the parent's written consent, recorded first
  // (on the day of the first session: a consent given at a referral over two years old
  // would have expired).
  cliJson(dir, "consent", "add", client.code, "--purpose", "online-contact", "--how", "written",
    "--given-by", referral.parentalResponsibility[0].name, "--on", ukDate(dates[0]),
    "--platforms", "Video call app, phone", "--if-tech-fails", "I phone the parent and we end the session");
  assert.ok(episodeStart <= dates[0], "the demo's referrals are at least a week old");
  const browser = await startApp(dir);
  try {
    await unlock(browser);
    await openClient(browser, client.code);
    await waitForText(browser, "#attendance-counts", "Episode 1: 0 attended");

    // Three sessions: attended, did not attend, attended online with the parent checks.
    await recordSession(browser, dates[0], "Attended");
    await recordSession(browser, dates[1], "Did not attend");
    await recordSession(browser, dates[2], "Attended", true);
    const counts = await waitForText(browser, "#attendance-counts", "2 attended");
    assert.match(counts, /Episode 1: 2 attended, 1 did not attend, 0 cancelled, 0 planned/);
    const register = await (await browser.$("#sessions-table")).getText();
    assert.match(register, /Did not attend/);
    assert.match(register, /Online \(Video call app\)/);

    // The next session starts from the defaults: nothing of the online one carries over.
    assert.equal(await selectedText(browser, "session-mode"), "In person", "the mode is back to in person");
    assert.equal(await selectedText(browser, "session-outcome"), "Attended", "the outcome is back to its default");
    let form = await sessionForm(browser);
    assert.equal(form.time, "", "the start time is empty");
    assert.equal(form.platform, null, "an in-person session does not ask for a platform");
    await pick(browser, "session-mode", "Online");
    await waitForText(browser, "main", "Parent or carer contacted at the start?");
    form = await sessionForm(browser);
    assert.equal(form.platform, "", "the platform field is empty for the next online session");
    assert.deepEqual(form.answers, [false, false, false, false, false, false], "no parent or carer answer is ticked");
    await (await browser.$("#session-platform")).scrollIntoView({ block: "center" });
    await screenshot(browser, "sessions-01-next-online-form-empty");

    await (await browser.$("#sessions-table")).scrollIntoView();
    await screenshot(browser, "sessions-02-client-register");
    await assertAccessible(browser, "the client record");

    // The attendance summary PDF for the school: saved where asked, rendered and read back.
    const reports = join(WORK, "reports");
    await dateByKeyboard(browser, "att-from", dateParts(episodeStart));
    await dateByKeyboard(browser, "att-to", dateParts(daysAgo(0)));
    // Cancelling the folder picker saves nothing and says so.
    nextPick();
    await tabTo(browser, "att-submit");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#client-status", "No folder was chosen, so nothing was saved.");
    // Who it is for, printed under "CONFIDENTIAL"; then the folder chosen in the native
    // picker (its test seam).
    await tabType(browser, "att-for", "the SENCo (test)");
    nextPick(reports);
    await tabTo(browser, "att-submit");
    await browser.keys(["Enter"]);
    const saved = await waitForText(browser, "#client-status", "Attendance summary saved to");
    const pdf = saved.replace("Attendance summary saved to ", "").trim();
    const dashed = (d) => dateParts(d).join("-");
    assert.equal(pdf, join(reports, `Attendance ${client.code} ${dashed(episodeStart)} to ${dashed(daysAgo(0))}.pdf`));
    const words = execFileSync("pdftotext", [pdf, "-"]).toString();
    assert.match(words, /CONFIDENTIAL/, "every PDF Folio writes is marked confidential");
    assert.match(words, /For the SENCo \(test\) only\./, "and says who it is for");
    assert.match(words, /Attendance summary/);
    assert.ok(words.includes(`${client.code} (${client.initials})`), `the PDF names ${client.code} (${client.initials})`);
    assert.match(words, /Sessions attended\s+2/);
    assert.match(words, /Did not attend\s+1/);
    for (const name of [referral.givenName, referral.familyName]) {
      assert.ok(!words.includes(name), `no names leave the vault in a summary (found "${name}")`);
    }
    execFileSync("pdftoppm", ["-png", "-r", "50", "-f", "1", "-l", "1", pdf, join(SHOTS, "sessions-03-attendance-pdf")]);
  } finally {
    await browser.deleteSession();
  }
});

test("after recording a session low on a long record, the confirmation is in view and read out", async () => {
  const dir = freshDir("sessions-long");
  cliDemoVault(dir);
  const client = longOpenRecord(dir);
  const browser = await startApp(dir);
  try {
    await unlock(browser);
    await openClient(browser, client.code);
    await waitFor(browser, "#sessions-table");
    const page = await browser.execute(() => ({ height: document.documentElement.scrollHeight, viewport: window.innerHeight }));
    assert.ok(page.height > 2 * page.viewport, `${client.code}'s record is a long page (${page.height} px in a ${page.viewport} px window)`);

    const on = daysAgo(1);
    await dateByKeyboard(browser, "session-on", dateParts(on));
    await pick(browser, "session-outcome", "Attended");
    // With the button at the foot of the window (scrolled just far enough to see it), the
    // confirmation appears below it, where nothing can be seen without scrolling.
    await tabTo(browser, "session-submit");
    const room = await scrollToBottomEdge(browser, "#session-submit");
    assert.ok(room !== null && room < 10, `the button is at the foot of the window (${room} px below it)`);
    await browser.keys(["Enter"]);
    await waitForExact(browser, "#client-status", `Session on ${ukDate(on)} recorded: attended.`);
    const placed = await messagePlacement(browser, "#client-status");
    assert.ok(placed.inView, `the confirmation is inside the window: ${JSON.stringify(placed)}`);
    assert.ok(placed.focused, `the confirmation has focus, so it is read out: ${JSON.stringify(placed)}`);
    assert.ok(placed.live, "the confirmation sits in a status region");
    await screenshot(browser, "sessions-04-long-record-confirmation");
  } finally {
    await browser.deleteSession();
  }
});
