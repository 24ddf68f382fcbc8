// Moving between screens as a therapist does, on a demo practice whose pages are long:
// each new screen starts at the top with focus on its heading, so a screen reader starts
// there and nobody lands halfway down a page they have not seen.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  assertAccessible,
  cliDemoVault,
  cliJson,
  freshDir,
  navigate,
  screenshot,
  startApp,
  tabToText,
  unlock,
  waitForText,
} from "./helpers.mjs";

/** The screen's heading, whether it has focus, and how far down the page is scrolled. */
async function arrival(browser) {
  return browser.execute(() => {
    const h1 = document.querySelector("main h1");
    return {
      heading: (h1?.textContent ?? "").trim(),
      focused: !!h1 && document.activeElement === h1,
      active: document.activeElement ? `${document.activeElement.tagName} ${(document.activeElement.textContent ?? "").trim().slice(0, 40)}` : "",
      scrollY: window.scrollY,
      headingTop: h1 ? h1.getBoundingClientRect().top : null,
      pageHeight: document.documentElement.scrollHeight,
      viewport: window.innerHeight,
    };
  });
}

/** Waits for the screen with this heading, then checks it is shown from the top with focus
 * on the heading. Returns the page's height, for the next step. */
async function assertArrivedAt(browser, heading) {
  await waitForText(browser, "main h1", heading);
  await browser.waitUntil(async () => (await arrival(browser)).focused, { timeout: 5_000 }).catch(() => undefined);
  const a = await arrival(browser);
  assert.equal(a.heading, heading);
  assert.ok(a.focused, `arriving on "${heading}" puts focus on its heading (focus is on: ${a.active})`);
  assert.equal(a.scrollY, 0, `"${heading}" is shown from the top (scrolled ${a.scrollY} px of ${a.pageHeight})`);
  assert.ok(a.headingTop !== null && a.headingTop >= 0 && a.headingTop < a.viewport, `the heading of "${heading}" is in view`);
  return a;
}

/** Scrolls to the bottom of the page (as a reader would) and returns how far that is. */
async function scrollToBottom(browser) {
  return browser.execute(() => {
    window.scrollTo(0, document.documentElement.scrollHeight);
    return window.scrollY;
  });
}

/** Presses Enter on a control without scrolling to it first: the page stays where the
 * reader left it (as with a control kept in reach, such as a pinned bar or a shortcut). */
async function pressInPlace(browser, selector) {
  const ok = await browser.execute((sel) => {
    const el = document.querySelector(sel);
    if (!(el instanceof HTMLElement)) return false;
    el.focus({ preventScroll: true });
    return document.activeElement === el;
  }, selector);
  assert.ok(ok, `${selector} can take focus`);
  await browser.keys(["Enter"]);
}

test("moving between screens puts focus on the new screen's heading, at the top", async () => {
  const dir = freshDir("navigation");
  cliDemoVault(dir);
  const clients = cliJson(dir, "client", "list");
  const last = clients[clients.length - 1].code;
  const browser = await startApp(dir);
  try {
    await unlock(browser);
    const practice = (await (await browser.$("#home-heading")).getText()).trim();
    await assertArrivedAt(browser, practice);

    // Clients, then a client near the end of the long list, reached by Tab.
    await navigate(browser, "nav-clients", "Clients");
    await assertArrivedAt(browser, "Clients");
    await waitForText(browser, "#clients-table", last);
    await tabToText(browser, "#clients-table button", last);
    const down = await browser.execute(() => window.scrollY);
    assert.ok(down > 0, "reaching the last client scrolls the list down");
    await browser.keys(["Enter"]);
    const record = await assertArrivedAt(browser, last);
    await screenshot(browser, "navigation-01-client-record-top");

    // From the bottom of the client record, back to the list.
    assert.ok(record.pageHeight > record.viewport, "the client record is longer than the window");
    assert.ok((await scrollToBottom(browser)) > 0);
    await pressInPlace(browser, "main .link-button");
    await assertArrivedAt(browser, "Clients");
    await waitForText(browser, "#clients-table", last);

    // From the bottom of the list: the referral form (long, shown at once), then back.
    assert.ok((await scrollToBottom(browser)) > 0, "the demo client list is longer than the window");
    await pressInPlace(browser, "#add-referral");
    const referral = await assertArrivedAt(browser, "Add a referral");
    await screenshot(browser, "navigation-02-referral-top");
    assert.ok(referral.pageHeight > referral.viewport, "the referral form is longer than the window");
    assert.ok((await scrollToBottom(browser)) > 0);
    await pressInPlace(browser, "main .link-button");
    await assertArrivedAt(browser, "Clients");
    await waitForText(browser, "#clients-table", last);

    // From the bottom of the list to Settings, then Home, then Clients again.
    assert.ok((await scrollToBottom(browser)) > 0);
    await pressInPlace(browser, "#nav-settings");
    const settings = await assertArrivedAt(browser, "Settings");
    await screenshot(browser, "navigation-03-settings-top");
    await assertAccessible(browser, "Settings");
    if (settings.pageHeight > settings.viewport) assert.ok((await scrollToBottom(browser)) > 0);
    await pressInPlace(browser, "#nav-home");
    await assertArrivedAt(browser, practice);
    await pressInPlace(browser, "#nav-clients");
    await assertArrivedAt(browser, "Clients");

    // A client's record, scrolled down, to the edit form of their referral.
    await openFromList(browser, last);
    assert.ok((await scrollToBottom(browser)) > 0);
    await pressInPlace(browser, "#edit-referral");
    await assertArrivedAt(browser, `Edit the referral details of ${last}`);
    await screenshot(browser, "navigation-04-edit-referral-top");
  } finally {
    await browser.deleteSession();
  }
});

async function openFromList(browser, code) {
  await waitForText(browser, "#clients-table", code);
  await tabToText(browser, "#clients-table button", code);
  await browser.keys(["Enter"]);
  await assertArrivedAt(browser, code);
}
