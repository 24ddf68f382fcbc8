// The request register as a therapist keeps it, by keyboard only: the demo's open access
// request on Home with its deadline; an erasure request refused without its words, then
// recorded; the identity check (proof waited for), a two-month extension and a refusal
// that needs its reasons; the client's record lists it; the CLI reads back the same
// deadline the screen showed.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  assertAccessible,
  cliDemoVault,
  cliJson,
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

test("a rights request is recorded, checked, extended and closed by keyboard", async () => {
  const dir = freshDir("requests");
  cliDemoVault(dir, 8);
  const client = cliJson(dir, "client", "list")[0];
  const demoOpen = cliJson(dir, "request", "list", "--open");
  assert.equal(demoOpen.length, 1, "the demo has one open request");
  const today = ukDate(daysAgo(0));
  const summary = "Erase the recordings of the sessions (e2e).";

  const browser = await startApp(dir);
  let newDue = "";
  try {
    await unlock(browser);
    const home = await waitForText(browser, "#requests-home", `Answer by ${demoOpen[0].due}`);
    assert.ok(home.includes(demoOpen[0].countdown), home);
    await scrollTo(browser, "#requests-home-title");
    await screenshot(browser, "requests-01-home-shows-the-open-request");
    await assertAccessible(browser, "Home with a request to answer");

    // 1. The register, from the main navigation: the demo's open and answered requests.
    await navigate(browser, "nav-requests", "Rights requests");
    await waitForText(browser, "#requests-list", "Answered in full");
    await pick(browser, "request-kind", "Erasure");
    await tabType(browser, "request-client", client.code);
    await pick(browser, "request-made-by", "The client");
    await press(browser, "request-submit");
    await waitForText(browser, "#request-errors", "Write what they asked for");
    assert.equal(await focusedId(browser), "request-errors", "the error summary takes focus");
    await waitForText(browser, "#request-summary-error", "Write what they asked for");
    await tabType(browser, "request-summary", summary);
    await press(browser, "request-submit");
    const recorded = await waitForText(browser, "#request-status", `Request received on ${today} recorded. Answer it by`);
    newDue = /Answer it by (\d\d\/\d\d\/\d{4})/.exec(recorded)?.[1] ?? "";
    assert.ok(newDue, recorded);
    const id = await browser.execute(
      (text) => [...document.querySelectorAll("#requests-list > li")].find((li) => li.textContent?.includes(text))?.id.replace("request-", "") ?? "",
      summary,
    );
    assert.ok(id, "the new request is listed");
    await waitForText(browser, `#request-${id}-deadline`, `Answer by ${newDue}`);
    await scrollTo(browser, `#request-${id}`);
    await screenshot(browser, "requests-02-recorded-with-its-deadline");
    await assertAccessible(browser, "the request register");

    // 2. The identity check: proof asked for and waited for, arriving today.
    await press(browser, `request-${id}-identity`);
    await tabType(browser, `request-${id}-identity-how`, "Passport seen at the practice");
    await tabTo(browser, `request-${id}-waited`);
    await browser.keys([" "]);
    await press(browser, `request-${id}-identity-submit`);
    await waitForText(browser, `#request-${id}-status`, "Identity check recorded.");
    await waitForText(browser, `#request-${id}`, `Confirmed ${today}: Passport seen at the practice (the month runs from this day)`);

    // 3. Two more months, told today with the reason.
    await press(browser, `request-${id}-extend`);
    await tabType(browser, `request-${id}-reason`, "The recordings are spread over three settings' devices.");
    await press(browser, `request-${id}-extend-submit`);
    const extended = await waitForText(browser, `#request-${id}-status`, "Extension recorded. The new deadline is");
    newDue = /deadline is (\d\d\/\d\d\/\d{4})/.exec(extended)?.[1] ?? "";
    await waitForText(browser, `#request-${id}`, `Extended by 2 months, told ${today}`);
    assert.equal(await browser.$(`#request-${id}-extend`).isExisting(), false, "two months in all: no further extension offered");
    await scrollTo(browser, `#request-${id}`);
    await screenshot(browser, "requests-03-identity-checked-and-extended");

    // 4. Refused: the reasons are required, then it closes.
    await press(browser, `request-${id}-close`);
    await pick(browser, `request-${id}-outcome`, "Refused, with reasons");
    await press(browser, `request-${id}-close-submit`);
    await waitForText(browser, `#request-${id}-errors`, "Write the reasons");
    await waitForText(browser, `#request-${id}-note-error`, "right to complain to the ICO");
    await screenshot(browser, "requests-04-refusal-needs-its-reasons");
    await tabType(browser, `request-${id}-note`, "Kept: the recordings are part of the clinical record for 7 years (e2e).");
    await press(browser, `request-${id}-close-submit`);
    await waitForText(browser, `#request-${id}-status`, `closed on ${today}`);
    await waitForText(browser, `#request-${id}-deadline`, `Closed ${today}: Refused, with reasons`);
    await scrollTo(browser, `#request-${id}`);
    await screenshot(browser, "requests-05-closed");

    // 5. The client's record lists it, with the way back to the register.
    await openClient(browser, client.code);
    await scrollTo(browser, "#client-requests-title");
    await waitForText(browser, "#client-requests", `Erasure · received ${today} from The client · Closed ${today}: Refused, with reasons`);
    await screenshot(browser, "requests-06-client-record");
    await press(browser, "client-requests-open");
    await waitForText(browser, "main h1", "Rights requests");
  } finally {
    await browser.deleteSession();
  }
  const mine = cliJson(dir, "request", "list", "--client", client.code).find((r) => r.summary === summary);
  assert.equal(mine?.due, newDue, "the CLI reads the deadline the screen showed");
  assert.deepEqual([mine?.state, mine?.outcome, mine?.identity?.waited, mine?.extensions.length], ["closed", "refused", true, 1]);
});
