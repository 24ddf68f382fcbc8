// Destruction as a therapist meets it, by keyboard: the Retention screen says what is due;
// the review lists codes and counts only and says, before anything happens, that it cannot
// be undone; a wrong password is refused; the right one confirms it for after the grace
// period; the pending destruction is then cancelled, and nothing is destroyed.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  assertAccessible,
  cliDemoVault,
  cliJson,
  freshDir,
  navigate,
  PASSWORD,
  press,
  screenshot,
  scrollTo,
  startApp,
  tabType,
  unlock,
  waitForText,
} from "./helpers.mjs";

test("what is due is reviewed, confirmed with the password for after the grace period, and cancelled", async () => {
  const dir = freshDir("destruction");
  cliDemoVault(dir, 12);
  const preview = cliJson(dir, "destroy", "--due");
  assert.ok(preview.clients.length > 0, "the demo has records due for destruction");
  const codes = preview.clients.map((c) => c.client);

  const browser = await startApp(dir);
  try {
    await unlock(browser);
    await navigate(browser, "nav-retention", "Retention");
    await waitForText(browser, "#destroy-due", `${codes.length} ${codes.length === 1 ? "client's records are" : "clients' records are"} due`);
    await press(browser, "destroy-review");
    const warning = await waitForText(browser, "#destroy-warning", "cannot be brought back");
    assert.match(warning, new RegExp(`after ${preview.graceDays} days, from ${preview.runsOn}`));
    const list = await waitForText(browser, "#destroy-list", codes[0]);
    for (const code of codes) assert.ok(list.includes(code), `${code} is listed`);
    await scrollTo(browser, "#destroy-title");
    await screenshot(browser, "destruction-01-review");
    await assertAccessible(browser, "the destruction review");

    await tabType(browser, "destroy-password", "not the password at all");
    await press(browser, "destroy-confirm");
    await waitForText(browser, "#destroy-errors", "password");
    assert.equal(cliJson(dir, "destroy", "pending").length, 0, "nothing confirmed");
    const waiting = () => cliJson(dir, "destroy", "pending").filter((b) => b.state === "pending");

    await tabType(browser, "destroy-password", PASSWORD);
    await press(browser, "destroy-confirm");
    await waitForText(browser, "#destroy-status", `will be destroyed from ${preview.runsOn}`);
    const pending = waiting();
    assert.equal(pending.length, 1);
    await waitForText(browser, "#destroy-pending", `runs from ${preview.runsOn}`);
    await scrollTo(browser, "#destroy-title");
    await screenshot(browser, "destruction-02-pending");

    await press(browser, `destroy-${pending[0].id}-cancel`);
    await waitForText(browser, "#destroy-status", "Cancelled: nothing of it will be destroyed");
    assert.equal(waiting().length, 0, "nothing waits any more");
    assert.equal(cliJson(dir, "destroy", "pending")[0].state, "cancelled");
    assert.equal(await (await browser.$(`#destroy-${pending[0].id}-cancel`)).isExisting(), false, "a cancelled one is not offered again");
    assert.equal(cliJson(dir, "destroy", "records").length, 0, "nothing was destroyed");
    await screenshot(browser, "destruction-03-cancelled");
  } finally {
    await browser.deleteSession();
  }
});
