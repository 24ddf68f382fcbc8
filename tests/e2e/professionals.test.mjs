// The professionals directory as a therapist uses it: someone new added and linked to one
// client by keyboard, then the same person linked to another client from the directory.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  assertAccessible,
  cliDemoVault,
  cliJson,
  freshDir,
  openClient,
  pick,
  screenshot,
  startApp,
  tabTo,
  tabType,
  unlock,
  waitFor,
  waitForExact,
  waitForText,
} from "./helpers.mjs";

const LINE = "Priya Shah, Speech and language therapist, NHS Trust";

test("a professional is added to the directory and linked by keyboard, then linked to a second client", async () => {
  const dir = freshDir("professionals");
  cliDemoVault(dir);
  assert.deepEqual(cliJson(dir, "professional", "list"), [], "the demo's directory starts empty");
  const [first, second] = cliJson(dir, "client", "list", "--state", "in-therapy");
  const browser = await startApp(dir);
  try {
    await unlock(browser);
    await openClient(browser, first.code);
    await waitForText(browser, "main", "No professionals linked yet.");

    // Someone new to the directory, added and linked by keyboard.
    assert.equal(await (await browser.$("#pro-choice")).getValue(), "new");
    await tabType(browser, "pro-name", "Priya Shah");
    await pick(browser, "pro-role", "Speech and language therapist");
    await tabType(browser, "pro-organisation", "NHS Trust");
    await tabTo(browser, "pro-submit");
    await browser.keys(["Enter"]);
    await waitForExact(browser, "#client-status", "Professional linked to this client.");
    await waitForText(browser, "#pro-linked", LINE);
    await (await browser.$("#pro-title")).scrollIntoView();
    await screenshot(browser, "professionals-01-linked");
    await assertAccessible(browser, "the client record's professionals");

    // The same person, chosen from the directory for another client: nothing retyped.
    await openClient(browser, second.code);
    await waitForText(browser, "main", "No professionals linked yet.");
    await pick(browser, "pro-choice", "Priya Shah (Speech and language therapist)");
    await browser.waitUntil(async () => !(await (await browser.$("#pro-name")).isExisting()), {
      timeout: 5_000,
      timeoutMsg: "choosing someone from the directory still asks for a name",
    });
    await tabTo(browser, "pro-submit");
    await browser.keys(["Enter"]);
    await waitForExact(browser, "#client-status", "Professional linked to this client.");
    await waitForExact(browser, "#pro-linked", LINE);
    await waitFor(browser, "#pro-name");
    await (await browser.$("#pro-title")).scrollIntoView();
    await screenshot(browser, "professionals-02-linked-from-directory");
  } finally {
    await browser.deleteSession();
  }
});
