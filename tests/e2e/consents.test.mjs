// The consent ledger as a therapist keeps it, by keyboard only (seed 004: written parental
// consent before any online contact with a child): an online session refused for want of
// consent, the parent's written consent recorded in the Consents panel, the session then
// allowed, the consent withdrawn (saying what that affects), and the next online session
// refused again, naming the withdrawal. Then Home's "Consents due" leads to a record.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  assertAccessible,
  cliDemoVault,
  cliJson,
  dateByKeyboard,
  dateParts,
  daysAgo,
  focusedId,
  freshDir,
  fromUk,
  openClient,
  pick,
  screenshot,
  startApp,
  tabTo,
  tabToMatch,
  tabType,
  ukDate,
  unlock,
  waitFor,
  waitForExact,
  waitForText,
} from "./helpers.mjs";

/** Fills "Record a session" for an online session on `date` and presses the button. */
async function tryOnlineSession(browser, date) {
  await dateByKeyboard(browser, "session-on", dateParts(date));
  await pick(browser, "session-outcome", "Attended");
  await pick(browser, "session-mode", "Online");
  await tabType(browser, "session-platform", "Video call app");
  for (const q of ["session-parent-start", "session-parent-end", "session-parent-nearby"]) {
    await tabTo(browser, `${q}-yes`);
    await browser.keys(["Space"]);
  }
  await tabTo(browser, "session-submit");
  await browser.keys(["Enter"]);
}

test("an online session with a child waits for the parent's written consent, and stops when it is withdrawn", async () => {
  const dir = freshDir("consents");
  cliDemoVault(dir);
  // A demo child (under 16 today, a parent on the referral) in an open episode, referred
  // at least a week ago, with no consent on record yet.
  const client = cliJson(dir, "client", "list").find((c) => {
    if (c.episodeClosed || fromUk(c.referralDate) > daysAgo(7)) return false;
    const { referral } = cliJson(dir, "client", "show", c.code);
    const born = fromUk(referral.dateOfBirth);
    const young = born > new Date(new Date().getFullYear() - 16, new Date().getMonth(), new Date().getDate());
    return young && referral.parentalResponsibility.length > 0 && cliJson(dir, "consent", "list", c.code).length === 0;
  });
  assert.ok(client, "the demo has a child in an open episode with no consent on record");
  const parent = cliJson(dir, "client", "show", client.code).referral.parentalResponsibility[0].name;
  const browser = await startApp(dir);
  try {
    await unlock(browser);
    await openClient(browser, client.code);
    await waitFor(browser, "#consents-none");

    // 1. No consent: the online session is refused, the message says what is missing and
    //    where to record it, and a button beside "How" leads to the Consents panel.
    await tryOnlineSession(browser, daysAgo(2));
    const refused = await waitForText(browser, "#session-errors", "needs a current written consent");
    assert.match(refused, /An online or phone session with a child needs a current written consent for online or phone contact from a person with parental responsibility\. There is none on the client's record\./);
    assert.match(refused, /Record it on the client's record under Consents/);
    assert.equal(await focusedId(browser), "session-errors", "the error summary takes focus");
    await waitForText(browser, "#session-mode-error", "There is none on the client's record");
    await (await browser.$("#session-errors")).scrollIntoView({ block: "start" });
    await screenshot(browser, "consents-01-online-session-refused");
    await assertAccessible(browser, "the refused session form");
    // The way on sits in the summary, beside the message.
    await waitFor(browser, "#session-errors #session-to-consents");
    await tabTo(browser, "session-to-consents");
    await browser.keys(["Enter"]);
    await browser.waitUntil(async () => (await focusedId(browser)) === "consents-title", {
      timeout: 5_000,
      timeoutMsg: "Go to Consents did not move focus to the Consents panel",
    });

    // 2. The parent's written consent to online contact, recorded in the Consents panel.
    const given = daysAgo(3);
    await pick(browser, "consent-purpose", "Online or phone contact");
    await tabType(browser, "consent-platforms", "Video call app, phone");
    await tabType(browser, "consent-failure-plan", "The session ends and I phone the parent straight away.");
    await pick(browser, "consent-given-by", `${parent} (parental responsibility)`);
    await pick(browser, "consent-how", "Written form");
    await dateByKeyboard(browser, "consent-on", dateParts(given));
    await tabType(browser, "consent-told", "Online sessions: how they work, a parent nearby, how to stop a session.");
    await tabTo(browser, "consent-submit");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#consent-status", `Consent for online or phone contact recorded, given on ${ukDate(given)}. Current;`);
    const listed = await waitForText(browser, "#consents-list", "Online or phone contact");
    assert.match(listed, /Current/);
    assert.ok(listed.includes(`${parent} (parental responsibility)`), "who gave it shows");
    assert.match(listed, /Written form/);
    assert.ok(listed.includes(ukDate(given)), "the date it was given shows");
    await (await browser.$("#consents-title")).scrollIntoView({ block: "start" });
    await screenshot(browser, "consents-02-consent-recorded");

    // 3. The same online session, now allowed (the form kept what was typed).
    await tabTo(browser, "session-submit");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#client-status", `Session on ${ukDate(daysAgo(2))} recorded: attended.`);
    await waitForText(browser, "#sessions-table", "Online (Video call app)");
    await (await browser.$("#sessions-table")).scrollIntoView({ block: "start" });
    await screenshot(browser, "consents-03-online-session-allowed");

    // 4. The parent withdraws it today: before saving, the form says what that affects;
    //    after, the consent says by whom and when, and what it affects.
    const id = await browser.execute(() => document.querySelector("[id^=withdraw-open-]")?.id.replace("withdraw-open-", "") ?? "");
    assert.ok(id, "the consent offers Record a withdrawal");
    await tabTo(browser, `withdraw-open-${id}`);
    await browser.keys(["Enter"]);
    await browser.waitUntil(async () => (await focusedId(browser)) === `withdraw-${id}-title`, { timeout: 5_000 });
    const affects = "No more online or phone sessions or messages with the child on this consent.";
    await waitForText(browser, `#withdraw-${id}-affects`, affects);
    await tabType(browser, `withdraw-${id}-by`, parent);
    await (await browser.$(`#withdraw-${id}-title`)).scrollIntoView({ block: "start" });
    await screenshot(browser, "consents-04-withdrawal-what-it-affects");
    await assertAccessible(browser, "the withdrawal form");
    await tabTo(browser, `withdraw-save-${id}`);
    await browser.keys(["Enter"]);
    const today = ukDate(daysAgo(0));
    await waitForText(browser, "#consent-change-status", `withdrawn on ${today} by ${parent}. What it affects: ${affects}`);
    await waitForExact(browser, `#consent-${id}-state`, `Withdrawn on ${today} by ${parent}`);
    const item = await (await browser.$(`#consent-${id}`)).getText();
    assert.ok(item.includes(`What withdrawing it affects\n${affects}`) || item.includes(affects), item);
    await (await browser.$(`#consent-${id}`)).scrollIntoView({ block: "start" });
    await screenshot(browser, "consents-05-withdrawn");

    // 5. The next online session is refused again, naming the withdrawal.
    await tryOnlineSession(browser, daysAgo(0));
    const again = await waitForText(browser, "#session-errors", "was withdrawn on");
    assert.ok(again.includes(`The consent of ${ukDate(given)} was withdrawn on ${today}`), again);
    await (await browser.$("#session-errors")).scrollIntoView({ block: "start" });
    await screenshot(browser, "consents-06-refused-after-withdrawal");
    await assertAccessible(browser, "the client record with a withdrawn consent");
  } finally {
    await browser.deleteSession();
  }
});

test("Home lists the consents due, and each leads to its client's record", async () => {
  const dir = freshDir("consents-due");
  cliDemoVault(dir);
  const due = cliJson(dir, "consent", "due");
  assert.ok(due.length > 0, "the demo has consents due for review or refresh");
  const browser = await startApp(dir);
  try {
    await unlock(browser);
    const shown = await waitForText(browser, "#due-list", due[0].client);
    const first = due[0];
    const words = first.state === "expired" ? `expired on ${first.refreshOn}` : `review due since ${first.reviewOn}`;
    assert.ok(shown.includes(`${first.client} (${first.initials}) · `) && shown.includes(words), shown);
    await (await browser.$("#due-title")).scrollIntoView({ block: "start" });
    await screenshot(browser, "consents-07-home-consents-due");
    await assertAccessible(browser, "Home with consents due");
    await tabToMatch(browser, "#due-list button");
    await browser.keys(["Enter"]);
    await waitForExact(browser, "#client-heading", first.client);
    await waitForText(browser, "#consents-list", first.given);
  } finally {
    await browser.deleteSession();
  }
});

/** Tabs to a field, clears it and types (keyboard only). */
async function retype(browser, id, text) {
  const field = await tabTo(browser, id);
  await field.clearValue();
  await field.addValue(text);
}

test("a purpose's review and refresh intervals are changed in Settings, with a refusal first", async () => {
  const dir = freshDir("consent-intervals");
  cliDemoVault(dir, 6);
  const browser = await startApp(dir);
  try {
    await unlock(browser);
    await tabTo(browser, "nav-settings");
    await browser.keys(["Enter"]);
    await waitFor(browser, "#intervals-title");
    // A review longer than the refresh is refused, naming why.
    await retype(browser, "intervals-artwork-photos-review", "30");
    await tabTo(browser, "intervals-artwork-photos-save");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#intervals-artwork-photos-errors", "expire before its review");
    await retype(browser, "intervals-artwork-photos-review", "6");
    await retype(browser, "intervals-artwork-photos-refresh", "12");
    await tabTo(browser, "intervals-artwork-photos-save");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#intervals-artwork-photos-status", "reviewed every 6 months, given again after 12 months");
    await screenshot(browser, "consents-08-settings-intervals");
    await assertAccessible(browser, "Settings with consent intervals");
  } finally {
    await browser.deleteSession();
  }
  const listed = cliJson(dir, "consent", "intervals");
  const photos = listed.find((i) => i.purpose === "artwork-photos");
  assert.deepEqual([photos.reviewMonths, photos.refreshMonths, photos.edited], [6, 12, true]);
});
