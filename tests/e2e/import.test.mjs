// Importing clients from a spreadsheet into a practice that already has some: a preview by
// line number, then only the good rows, which join the list under initials and a code.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import {
  WORK,
  assertAccessible,
  cliDemoVault,
  clearByKeyboard,
  freshDir,
  navigate,
  screenshot,
  startApp,
  tabTo,
  unlock,
  waitFor,
  waitForExact,
  waitForText,
} from "./helpers.mjs";

const DEMO_CLIENTS = 40;

test("a spreadsheet import previews problems by line and imports only the good rows", async () => {
  const dir = freshDir("import");
  cliDemoVault(dir, DEMO_CLIENTS);
  const sheet = join(WORK, "clients.csv");
  writeFileSync(sheet, "First name,Surname,DOB,Referral date,Therapy\nBram,Stoker,01/02/2014,05/10/2026,Music\nCora,Pearl,31/02/2013,06/10/2026,Art\n");
  const browser = await startApp(dir);
  try {
    await unlock(browser);
    await navigate(browser, "nav-clients", "Clients");
    await waitForExact(browser, "#clients-count", `${DEMO_CLIENTS} clients`);

    // A preview by line number, then only the good rows.
    await tabTo(browser, "import-csv");
    await browser.keys(["Enter"]);
    await (await waitFor(browser, "#import-file")).addValue(sheet);
    const importCounts = await waitForText(browser, "#import-counts", "1 row can be imported");
    assert.match(importCounts, /1 cannot/);
    const problems = await (await browser.$("#import-problems")).getText();
    assert.match(problems, /3\s*That is not a real date\. Check the day and month of the date of birth/);
    assert.doesNotMatch(problems, /31\/02\/2013/, "a typed date of birth is never repeated in a message");
    await screenshot(browser, "import-01-preview");
    await assertAccessible(browser, "the import preview");
    await tabTo(browser, "import-confirm");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#import-status", "Imported 1 client");

    // The list has one more client, found by name but shown by initials and code only.
    await navigate(browser, "nav-clients", "Clients");
    await waitForExact(browser, "#clients-count", `${DEMO_CLIENTS + 1} clients`);
    await clearByKeyboard(browser, "client-search");
    await (await browser.$("#client-search")).addValue("stoker");
    await browser.keys(["Enter"]);
    await waitForExact(browser, "#clients-count", "1 client");
    const table = await (await browser.$("#clients-table")).getText();
    assert.match(table, new RegExp(`BS-${String(DEMO_CLIENTS + 1).padStart(4, "0")}`));
    assert.match(table, /Music therapy/);
    assert.doesNotMatch(table, /Bram|Stoker/);
    await screenshot(browser, "import-02-imported-client");
  } finally {
    await browser.deleteSession();
  }
});
