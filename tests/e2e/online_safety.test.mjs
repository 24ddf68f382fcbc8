// Seed 004 beyond sessions, as a therapist meets it, by keyboard only: a text message to a
// child is refused without the parent's written consent for online contact; the consent is
// recorded with the platforms agreed and what happens if the technology fails; the text is
// then logged (outside an appointment, with the reason). An online session where the parent
// was not close by needs the reason, and the child is then listed on Home for a
// safeguarding review.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  assertAccessible,
  cliDemoVault,
  cliJson,
  dateByKeyboard,
  dateParts,
  daysAgo,
  freshDir,
  fromUk,
  navigate,
  openClient,
  pick,
  screenshot,
  startApp,
  tabTo,
  tabType,
  ukDate,
  unlock,
  waitFor,
  waitForText,
} from "./helpers.mjs";

test("a text to a child waits for written consent, and a parent check answered no asks for a safeguarding review", async () => {
  const dir = freshDir("online-safety");
  cliDemoVault(dir);
  // A demo child (under 16, a parent on the referral) in an open episode referred at least
  // a fortnight ago, with no consent on record and no session in the last three days.
  const client = cliJson(dir, "client", "list").find((c) => {
    if (c.episodeClosed || fromUk(c.referralDate) > daysAgo(14)) return false;
    const { referral } = cliJson(dir, "client", "show", c.code);
    const born = fromUk(referral.dateOfBirth);
    const young = born > new Date(new Date().getFullYear() - 16, new Date().getMonth(), new Date().getDate());
    if (!young || referral.parentalResponsibility.length === 0) return false;
    const recent = cliJson(dir, "session", "list", c.code).some((s) => fromUk(s.on) >= daysAgo(3));
    return !recent && cliJson(dir, "consent", "list", c.code).length === 0;
  });
  assert.ok(client, "the demo has a child in an open episode with no consent and no session this week");
  const parent = cliJson(dir, "client", "show", client.code).referral.parentalResponsibility[0].name;
  const browser = await startApp(dir);
  try {
    await unlock(browser);
    await openClient(browser, client.code);

    // 1. A text message to the child: refused, naming the consent and where to record it.
    const sent = daysAgo(1);
    await dateByKeyboard(browser, "corr-on", dateParts(sent));
    await pick(browser, "corr-kind", "Text message");
    await pick(browser, "corr-direction", "Sent");
    await pick(browser, "corr-counterpart", "Client");
    await tabType(browser, "corr-summary", "Reminder of the time of next week's session");
    await tabType(browser, "corr-outside-reason", "Her mother asked me to text the new time directly");
    await tabTo(browser, "corr-submit");
    await browser.keys(["Enter"]);
    const refused = await waitForText(browser, "#corr-errors", "needs a current written consent");
    assert.match(refused, /Text message to a child needs a current written consent for online or phone contact from a person with parental responsibility\. There is none on the client's record\./);
    await (await browser.$("#corr-errors")).scrollIntoView({ block: "start" });
    await screenshot(browser, "online-safety-01-text-refused");
    await assertAccessible(browser, "the refused correspondence form");

    // 2. The parent's written consent, with the platforms agreed and the failure plan.
    await pick(browser, "consent-purpose", "Online or phone contact");
    await tabType(browser, "consent-platforms", "Video call app, text messages");
    await tabType(browser, "consent-failure-plan", "The session ends and I phone the parent straight away.");
    await pick(browser, "consent-given-by", `${parent} (parental responsibility)`);
    await pick(browser, "consent-how", "Written form");
    await dateByKeyboard(browser, "consent-on", dateParts(daysAgo(5)));
    await tabTo(browser, "consent-submit");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#consent-status", "Consent for online or phone contact recorded");
    await (await browser.$("#consents-title")).scrollIntoView({ block: "start" });
    await screenshot(browser, "online-safety-02-consent-with-platforms");

    // 3. The same text, now logged, with the warning that it fell outside an appointment.
    await tabTo(browser, "corr-submit");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#client-status", `Logged on ${ukDate(sent)}. Outside an appointment`);
    const log = await waitForText(browser, "#corr-log", "Reminder of the time of next week's session");
    assert.match(log, /Warning: Outside an appointment: no session in the register that day\. Reason given: Her mother asked me to text the new time directly/);
    await (await browser.$("#corr-log")).scrollIntoView({ block: "start" });
    await screenshot(browser, "online-safety-03-text-logged-with-warning");

    // 4. An online session where the parent was not close by: the reason is asked for.
    await dateByKeyboard(browser, "session-on", dateParts(daysAgo(0)));
    await pick(browser, "session-outcome", "Attended");
    await pick(browser, "session-mode", "Online");
    await tabType(browser, "session-platform", "Video call app");
    for (const q of ["session-parent-start", "session-parent-end", "session-parent-nearby"]) {
      await tabTo(browser, `${q}-yes`);
      await browser.keys(["Space"]);
    }
    // A radio group takes one Tab stop: the arrow key moves "close by" from yes to no.
    await tabTo(browser, "session-parent-nearby-yes");
    await browser.keys(["ArrowDown"]);
    assert.equal(await browser.execute(() => document.getElementById("session-parent-nearby-no")?.checked), true);
    await waitFor(browser, "#session-checks-reason");
    await tabTo(browser, "session-submit");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#session-errors", "give the reason");
    await tabType(browser, "session-checks-reason", "Her mother went to answer the door for ten minutes; I kept to drawing until she was back");
    await (await browser.$("#session-checks-reason")).scrollIntoView({ block: "center" });
    await screenshot(browser, "online-safety-04-checks-reason");
    await tabTo(browser, "session-submit");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#client-status", `Session on ${ukDate(daysAgo(0))} recorded: attended.`);

    // 5. Home lists the child for a safeguarding review, with what went wrong and why.
    await navigate(browser, "nav-home", "");
    const reviews = await waitForText(browser, "#reviews-list", client.code);
    assert.ok(
      reviews.includes(`${client.code} (${client.initials}) · Online session on ${ukDate(daysAgo(0))}: the parent or carer was not close by. Reason given: Her mother went to answer the door`),
      reviews,
    );
    await (await browser.$("#reviews-title")).scrollIntoView({ block: "start" });
    await screenshot(browser, "online-safety-05-home-safeguarding-review");
    await assertAccessible(browser, "Home with a safeguarding review");
  } finally {
    await browser.deleteSession();
  }
});
