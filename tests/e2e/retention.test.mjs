// Retention as a therapist meets it, by keyboard: Home says what may be destroyed now; the
// retention screen lists it by group and category with the reason in words; Settings shows
// the policy in force rule by rule and changes it to the NHS code (every date follows); a
// client's record shows each record's "kept until" (in the retention panel and beside each
// letter, piece of artwork and photo), and a legal hold is placed and released there; one
// rule is then changed, read back in words as it is typed, and the history shows the change.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  assertAccessible,
  cliDemoVault,
  clearByKeyboard,
  cliJson,
  freshDir,
  navigate,
  openClient,
  press,
  screenshot,
  scrollTo,
  startApp,
  tabTo,
  tabType,
  unlock,
  waitFor,
  waitForText,
} from "./helpers.mjs";

test("records count down by the policy, the policy is changed in Settings, and a hold is placed and released", async () => {
  const dir = freshDir("retention");
  cliDemoVault(dir, 12);
  const status = cliJson(dir, "retention", "status");
  const overdue = status.filter((e) => e.state === "due").length;
  assert.ok(overdue > 0, "the demo has records that may be destroyed now");
  // A client whose therapy has ended, no hold, no open complaint: their record is kept.
  // It has letters, artwork or photos of its own, each kept until its own day.
  const hasItems = (code) => status.some((i) => i.client === code && i.item !== null && i.state === "kept");
  const kept = status.find((e) => e.category === "client-record" && e.state === "kept" && hasItems(e.client));
  assert.ok(kept, "a client record is kept, with records of its own");

  const browser = await startApp(dir);
  try {
    await unlock(browser);
    await waitForText(browser, "#retention-home-count", `${overdue} ${overdue === 1 ? "record" : "records"} may be destroyed now`);
    await scrollTo(browser, "#retention-home-title");
    await screenshot(browser, "retention-01-home");

    // The retention screen, from Home.
    await press(browser, "retention-home-open");
    await waitForText(browser, "main h1", "Retention");
    await waitForText(browser, "#retention-policy", "Music Therapy Bedfordshire");
    const group = await waitForText(browser, "#retention-overdue", "Overdue: may be destroyed now");
    assert.match(group, new RegExp(`Overdue: may be destroyed now ${overdue}`));
    await waitFor(browser, "#retention-on-hold li");
    await screenshot(browser, "retention-02-screen");
    await assertAccessible(browser, "the retention screen");

    // Settings: the policy rule by rule; changed to the NHS code by keyboard.
    await navigate(browser, "nav-settings", "Settings");
    await waitForText(browser, "#retention-settings-rules", "The later of 7 years after the end of therapy and the 25th birthday");
    await tabTo(browser, "preset-bedfordshire");
    for (const next of ["cambridge", "mind", "nhs"]) {
      await browser.keys(["ArrowDown"]);
      await browser.waitUntil(() => browser.execute((id) => document.getElementById(id)?.checked === true, `preset-${next}`), {
        timeout: 5_000,
        timeoutMsg: `ArrowDown did not reach ${next}`,
      });
    }
    await waitForText(browser, "#retention-settings-warning", "works out every date again");
    await press(browser, "retention-settings-save");
    await waitForText(browser, "#retention-settings-status", "the retention policy is now NHS Records Management Code of Practice");
    await waitForText(browser, "#retention-settings-rules", "17 at the end of therapy: the 26th birthday");
    await scrollTo(browser, "#retention-settings-title");
    await screenshot(browser, "retention-03-settings-nhs");
    const now = cliJson(dir, "retention", "status", "--client", kept.client);
    const nhs = now.find((e) => e.category === "client-record");

    // The client's record: each record's date, then a legal hold placed and released.
    await openClient(browser, kept.client);
    await waitForText(browser, "#retention-list", `Kept until ${nhs.dueOn}`);
    await waitForText(browser, "#retention-list", nhs.reason);
    await press(browser, "hold-open");
    await press(browser, "hold-submit");
    await waitForText(browser, "#hold-errors", "Say why the records are held");
    await tabType(browser, "hold-reason", "Claim from the family's solicitor");
    await press(browser, "hold-submit");
    await waitForText(browser, "#hold-status", "are on hold from");
    await waitForText(browser, "#retention-list", `On hold (kept until ${nhs.dueOn})`);
    await scrollTo(browser, "#retention-title");
    await screenshot(browser, "retention-04-on-hold");
    assert.equal(cliJson(dir, "retention", "status", "--client", kept.client)[0].state, "on-hold");
    await press(browser, "hold-release");
    await waitForText(browser, "#hold-status", "Hold released on");
    await waitForText(browser, "#retention-list", `Kept until ${nhs.dueOn}`);
    await assertAccessible(browser, "the client's retention panel");

    // Each letter, piece of artwork, photo and recording says how long it is kept, in its panel.
    const panelId = { correspondence: "corr-", artwork: "client-piece-", media: "media-" };
    const items = now.filter((e) => e.item !== null && e.state === "kept");
    assert.ok(items.length > 0);
    for (const e of items) {
      const text = await waitForText(browser, `#${panelId[e.category]}${e.item}-kept`, `Kept until ${e.dueOn}`);
      assert.ok(text.includes(e.reason), `${e.category} ${e.item} says why`);
    }
    await scrollTo(browser, `#${panelId[items[0].category]}${items[0].item}-kept`);
    await screenshot(browser, "retention-05-kept-until-in-panel");

    // One rule changed: a mistake is named as it is typed, the rule is read back in words,
    // and every date follows.
    await navigate(browser, "nav-settings", "Settings");
    await press(browser, "rule-client-record-edit");
    await clearByKeyboard(browser, "rule-client-record-cases");
    await tabType(browser, "rule-client-record-cases", "always: end+12");
    await waitForText(browser, "#rule-client-record-words", "Not yet a rule");
    await browser.keys(["y"]);
    await waitForText(browser, "#rule-client-record-words", "In words: 12 years after the end of therapy");
    await scrollTo(browser, "#rule-client-record-edit-title");
    await screenshot(browser, "retention-06-rule-editor");
    await assertAccessible(browser, "the rule editor");
    await press(browser, "rule-client-record-save");
    await waitForText(browser, "#retention-settings-status", "Every record's date has been worked out again");
    await waitForText(browser, "#retention-settings-current", "(edited)");
    await waitForText(browser, "#retention-settings-rules", "12 years after the end of therapy");
    const later = cliJson(dir, "retention", "status", "--client", kept.client).find((e) => e.category === "client-record");
    assert.notEqual(later.dueOn, nhs.dueOn, "the date moved");
    assert.match(later.reason, /12 years after therapy ended on (\d\d\/\d\d\/\d{4})/);
    const ended = later.reason.match(/ended on (\d\d)\/(\d\d)\/(\d{4})/);
    assert.equal(later.dueOn, `${ended[1]}/${ended[2]}/${Number(ended[3]) + 12}`);
    const history = await waitForText(browser, "#retention-history", "History of the policy (3 changes)");
    assert.ok(history.length > 0);
    await press(browser, "retention-history-summary");
    await waitForText(browser, "#retention-history", "Client record: Aged 17 at the end of therapy: the 26th birthday");
    await waitForText(browser, "#retention-history", "→ 12 years after the end of therapy");
    await scrollTo(browser, "#retention-history");
    await screenshot(browser, "retention-07-history");
  } finally {
    await browser.deleteSession();
  }
});
