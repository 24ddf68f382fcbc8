// The practice's registers as a therapist keeps them, by keyboard only: a complaint about a
// client, refused without its words, then recorded and taken to its first stage; an
// incident (a letter to the wrong address) recorded with the time she became aware; both
// then show on Home — the open complaint, and the incident's countdown to the ICO's
// 72-hour deadline — and the complaint on the client's record.
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
  navigate,
  openClient,
  pick,
  press,
  screenshot,
  scrollTo,
  startApp,
  tabTo,
  tabType,
  ukDate,
  unlock,
  waitFor,
  waitForText,
} from "./helpers.mjs";

test("a complaint and an incident are recorded by keyboard and show on Home", async () => {
  const dir = freshDir("registers");
  cliDemoVault(dir, 8);
  const client = cliJson(dir, "client", "list")[0];
  const today = ukDate(daysAgo(0));
  const yesterday = daysAgo(1);
  const reportBy = `${ukDate(daysAgo(-2))} 10:00`;

  const browser = await startApp(dir);
  try {
    await unlock(browser);
    // The demo's own open complaint and open incident are on Home already.
    await waitFor(browser, "#complaints-home");
    await waitForText(browser, "#incidents-home", "Report to the ICO by");

    // 1. The complaints register, from the main navigation.
    await navigate(browser, "nav-complaints", "Complaints");
    await waitFor(browser, "#complaints-list");
    await tabType(browser, "complaint-client", client.code);
    await tabType(browser, "complaint-from", "KQ (mother)");
    await pick(browser, "complaint-how", "Letter");
    await press(browser, "complaint-submit");
    const refused = await waitForText(browser, "#complaint-errors", "Write what the complaint is about");
    assert.ok(refused.includes("in your own words"), refused);
    assert.equal(await focusedId(browser), "complaint-errors", "the error summary takes focus");
    await waitForText(browser, "#complaint-summary-error", "Write what the complaint is about");
    await screenshot(browser, "registers-01-complaint-refused-without-words");
    await assertAccessible(browser, "the refused complaint");
    await tabType(browser, "complaint-summary", "Unhappy that the holiday break was not explained to her son.");
    await press(browser, "complaint-submit");
    await waitForText(browser, "#complaint-status", `Complaint received on ${today} recorded.`);
    const first = await browser.execute(() => document.querySelector("#complaints-list > li")?.id ?? "");
    const id = first.replace("complaint-", "");
    await waitForText(browser, `#${first}`, `${client.code} (${client.initials})`);
    await press(browser, `complaint-${id}-add-stage`);
    await pick(browser, `complaint-${id}-stage`, "Therapist");
    await press(browser, `complaint-${id}-stage-submit`);
    await waitForText(browser, `#complaint-${id}-status`, `Stage recorded: Therapist on ${today}.`);
    await waitForText(browser, `#${first}`, `${today}: Therapist`);
    await scrollTo(browser, `#${first}`);
    await screenshot(browser, "registers-02-complaint-recorded-with-a-stage");

    // 2. The incident log: a letter to the wrong address, known since yesterday 10:00.
    await navigate(browser, "nav-incidents", "Incidents and data breaches");
    await waitFor(browser, "#incidents-list");
    await dateByKeyboard(browser, "incident-aware", dateParts(yesterday));
    await tabType(browser, "incident-aware-at", "25:00");
    await tabType(browser, "incident-summary", `A letter about ${client.initials} went to the wrong address.`);
    await tabType(browser, "incident-clients", client.code);
    await tabType(browser, "incident-risk", "Health information about a child seen by a neighbour.");
    await press(browser, "incident-submit");
    await waitForText(browser, "#incident-errors", "24-hour clock");
    await screenshot(browser, "registers-03-incident-time-refused");
    await tabTo(browser, "incident-aware-at");
    await browser.keys(["Control", "a"]);
    await browser.keys(["Backspace"]);
    await (await browser.$("#incident-aware-at")).addValue("10:00");
    await press(browser, "incident-submit");
    await waitForText(browser, "#incident-status", `Incident recorded. If it must be reported, report it to the ICO by ${reportBy}.`);
    const incident = await waitForText(browser, "#incidents-list", `Aware ${ukDate(yesterday)} 10:00`);
    assert.ok(incident.includes(`Report to the ICO by ${reportBy}`), incident);
    await scrollTo(browser, "#incidents-list");
    await screenshot(browser, "registers-04-incident-recorded");
    await assertAccessible(browser, "the incident log");

    // 3. Home: the open complaint and the incident's countdown.
    await navigate(browser, "nav-home", "Demo Practice (fictional)");
    const complaints = await waitForText(browser, "#complaints-home", `Received ${today}`);
    assert.ok(complaints.includes(`${client.code} (${client.initials}) · Latest stage: Therapist, ${today}`), complaints);
    const countdown = await waitForText(browser, "#incidents-home", `Report to the ICO by ${reportBy} —`);
    assert.match(countdown, new RegExp(`Report to the ICO by ${reportBy} — \\d+ hours left`));
    await scrollTo(browser, "#incidents-home-title");
    await screenshot(browser, "registers-05-home-shows-both");
    await assertAccessible(browser, "Home with the registers");

    // 4. The client's record lists the complaint.
    await openClient(browser, client.code);
    await scrollTo(browser, "#client-complaints-title");
    await waitForText(browser, "#client-complaints", `Open · received ${today} · From KQ (mother), by letter`);
    await screenshot(browser, "registers-06-client-record-complaint");
  } finally {
    await browser.deleteSession();
  }
});
