// Issue 3 as a therapist meets it: a full referral entered by keyboard, the client moved
// into therapy, three sessions recorded (one did not attend), the list and the counts.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { PASSWORD, SHOTS, WORK, axeViolations, cliCreateVault, freshDir, screenshot, startApp, tabTo, tabType, waitFor, waitForText } from "./helpers.mjs";

async function unlock(browser) {
  await tabType(browser, "unlock-password", PASSWORD);
  await browser.keys(["Enter"]);
  await waitFor(browser, "#home-heading");
}

async function pick(browser, id, label) {
  // By keyboard: Tab to the list and type the option's words (type-ahead), as a person would.
  const select = await tabTo(browser, id);
  await select.addValue(label);
  const chosen = await browser.execute((sel) => {
    const el = document.getElementById(sel);
    return el instanceof HTMLSelectElement ? el.options[el.selectedIndex]?.text : "";
  }, id);
  assert.equal(chosen, label, `typing "${label}" into #${id} should choose it`);
}

async function dateByKeyboard(browser, id, [day, month, year]) {
  for (const [part, value] of [["day", day], ["month", month], ["year", year]]) {
    const field = await tabTo(browser, `${id}-${part}`);
    await field.clearValue();
    await field.addValue(value);
  }
}

test("a full referral by keyboard, into therapy, three sessions with one DNA", async () => {
  const dir = freshDir("clients");
  cliCreateVault(dir);
  const browser = await startApp(dir);
  try {
    await waitFor(browser, "#unlock-password");
    await unlock(browser);
    await tabTo(browser, "nav-clients");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#clients-empty", "No referrals yet. Add the first one.");
    await screenshot(browser, "20-clients-empty");

    // The referral form, moving by Tab and typing, as a keyboard user would.
    await tabTo(browser, "add-referral");
    await browser.keys(["Enter"]);
    await waitFor(browser, "#ref-given-name");
    // First, a submission with problems: every one is listed and sits beside its field.
    await dateByKeyboard(browser, "ref-date-of-birth", ["31", "02", "2015"]);
    await tabTo(browser, "ref-submit");
    await browser.keys(["Enter"]);
    const summary = await waitForText(browser, ".error-summary", "Enter the client's first name.");
    assert.match(summary, /That is not a real date\. Check the day and month of the date of birth/);
    assert.doesNotMatch(summary, /31\/02\/2015/, "a typed date of birth is never repeated in a message");
    assert.match(summary, /Enter the client's last name/);
    await screenshot(browser, "21-referral-errors");

    await tabType(browser, "ref-given-name", "Jessamine");
    await tabType(browser, "ref-family-name", "Quartermaine");
    await tabType(browser, "ref-preferred-name", "Jess");
    await tabType(browser, "ref-pronouns", "she/her");
    await dateByKeyboard(browser, "ref-date-of-birth", ["14", "03", "2015"]);
    await tabType(browser, "ref-ethnicity", "Prefer not to say");
    await tabType(browser, "ref-address", "1 Orchard Row, Bedford");
    await tabType(browser, "ref-postcode", "mk40 1aa");
    await tabType(browser, "ref-phone", "01632 960 123");
    await tabType(browser, "ref-email", "parent@example.com");
    await tabTo(browser, "ref-add-person");
    await browser.keys(["Enter"]);
    await tabType(browser, "ref-pr-0-name", "Morwenna Quartermaine");
    await tabType(browser, "ref-pr-0-relationship", "mother");
    await tabType(browser, "ref-pr-0-phone", "07700 900 123");
    await tabType(browser, "ref-setting-name", "Oakfield Primary School");
    await tabType(browser, "ref-setting-contact-name", "Mrs Patel (SENCo)");
    await tabType(browser, "ref-court-orders", "None known");
    await dateByKeyboard(browser, "ref-referral-date", ["02", "11", "2026"]);
    await pick(browser, "ref-referrer", "School");
    await tabType(browser, "ref-heard-about", "School newsletter");
    await tabType(browser, "ref-gp-name", "Dr Adeyemi");
    await tabType(browser, "ref-gp-surgery", "Castle Road Surgery");
    await tabType(browser, "ref-other-professionals", "SALT (NHS), CAMHS");
    await tabType(browser, "ref-difficulty", "Anxiety after a bereavement");
    await tabType(browser, "ref-sen-areas", "Speech and language");
    await tabType(browser, "ref-communication-methods", "Makaton");
    await tabType(browser, "ref-allergies", "Peanuts");
    await tabTo(browser, "ref-safeguarding-concern");
    await browser.keys(["Space"]);
    await tabType(browser, "ref-safeguarding-involvement", "Social worker allocated");
    await tabType(browser, "ref-behaviour-risk", "Runs when distressed");
    await pick(browser, "ref-modality", "Art therapy");
    await pick(browser, "ref-funding", "School");
    await screenshot(browser, "22-referral-filled");
    await tabTo(browser, "ref-submit");
    await browser.keys(["Enter"]);

    // The client record.
    const heading = await waitForText(browser, "#client-heading", "JQ-0001");
    assert.equal(heading, "JQ-0001");
    const identity = await waitForText(browser, "#client-identity", "Jessamine Quartermaine");
    assert.match(identity, /MK40 1AA/);
    assert.match(identity, /Morwenna Quartermaine, mother/);
    assert.match(await (await browser.$("#client-state")).getText(), /Referred since 02\/11\/2026/);

    // Referred → assessment → in therapy, by keyboard.
    for (const [to, date] of [["Assessment", ["09", "11", "2026"]], ["In therapy", ["16", "11", "2026"]]]) {
      await pick(browser, "state-to", to);
      await dateByKeyboard(browser, "state-on", date);
      await tabTo(browser, "state-submit");
      await browser.keys(["Enter"]);
      await waitForText(browser, "#client-status", `now ${to.toLowerCase()}`);
    }

    // Three sessions: attended, did not attend, attended online with the parent checks.
    const record = async (date, outcome, online = false) => {
      await dateByKeyboard(browser, "session-on", date);
      await tabType(browser, "session-time", "14:30");
      await pick(browser, "session-outcome", outcome);
      if (online) {
        await pick(browser, "session-mode", "Online");
        await tabType(browser, "session-platform", "Video call app");
        for (const q of ["session-parent-start", "session-parent-end", "session-parent-nearby"]) {
          await tabTo(browser, `${q}-yes`);
          await browser.keys(["Space"]);
        }
      }
      await tabTo(browser, "session-submit");
      await browser.keys(["Enter"]);
      await waitForText(browser, "#client-status", `${date.join("/")} recorded`);
    };
    await record(["16", "11", "2026"], "Attended");
    await record(["18", "11", "2026"], "Did not attend");
    await record(["20", "11", "2026"], "Attended", true);
    const counts = await waitForText(browser, "#attendance-counts", "2 attended");
    assert.match(counts, /Episode 1: 2 attended, 1 did not attend, 0 cancelled, 0 planned/);
    const register = await (await browser.$("#sessions-table")).getText();
    assert.match(register, /Did not attend/);
    assert.match(register, /Online \(Video call app\)/);
    await (await browser.$("#sessions-table")).scrollIntoView();
    await screenshot(browser, "23-client-register");
    const violations = await axeViolations(browser);
    assert.deepEqual(violations, [], `accessibility problems on the client record: ${JSON.stringify(violations)}`);

    // A phone call with an attachment (a scanned consent letter), kept inside the vault.
    const scan = join(WORK, "consent-scan.pdf");
    writeFileSync(scan, Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(300 * 1024, 7)]));
    await pick(browser, "corr-kind", "Phone call");
    await pick(browser, "corr-counterpart", "Parent or carer");
    await tabType(browser, "corr-name", "Mother");
    await tabType(browser, "corr-summary", "Asked to move Thursday's session; agreed Friday");
    await (await browser.$("#corr-files")).addValue(scan);
    await tabTo(browser, "corr-submit");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#client-status", "with 1 attachment(s)", 30_000);
    const log = await waitForText(browser, "#corr-log", "consent-scan.pdf");
    assert.match(log, /Phone call from parent or carer \(Mother\): Asked to move Thursday's session/);
    assert.match(log, /consent-scan\.pdf \(301 KB\)/);
    await (await browser.$("#corr-log")).scrollIntoView();
    await screenshot(browser, "23b-client-correspondence");

    // A professional from the directory, added and linked by keyboard.
    await tabType(browser, "pro-name", "Priya Shah");
    await pick(browser, "pro-role", "Speech and language therapist");
    await tabType(browser, "pro-organisation", "NHS Trust");
    await tabTo(browser, "pro-submit");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#pro-linked", "Priya Shah, Speech and language therapist, NHS Trust");

    // The attendance summary PDF for the school: saved where asked, rendered and read back.
    const reports = join(WORK, "reports");
    await dateByKeyboard(browser, "att-from", ["01", "11", "2026"]);
    await dateByKeyboard(browser, "att-to", ["22", "11", "2026"]);
    const folder = await tabTo(browser, "att-folder");
    await folder.clearValue();
    await folder.addValue(reports);
    await tabTo(browser, "att-submit");
    await browser.keys(["Enter"]);
    const saved = await waitForText(browser, "#client-status", "Attendance summary saved to");
    const pdf = saved.replace("Attendance summary saved to ", "").trim();
    assert.equal(pdf, join(reports, "Attendance JQ-0001 01-11-2026 to 22-11-2026.pdf"));
    const words = execFileSync("pdftotext", [pdf, "-"]).toString();
    assert.match(words, /Attendance summary/);
    assert.match(words, /JQ-0001 \(JQ\)/);
    assert.match(words, /Sessions attended\s+2/);
    assert.match(words, /Did not attend\s+1/);
    assert.doesNotMatch(words, /Jessamine|Quartermaine/, "no names leave the vault in a summary");
    execFileSync("pdftoppm", ["-png", "-r", "50", "-f", "1", "-l", "1", pdf, join(SHOTS, "27-attendance-pdf")]);

    // Correcting the referral later: the form comes back filled in.
    await tabTo(browser, "edit-referral");
    await browser.keys(["Enter"]);
    await waitForText(browser, "h1", "Edit the referral details of JQ-0001");
    assert.equal(await (await browser.$("#ref-given-name")).getValue(), "Jessamine");
    const allergies = await tabTo(browser, "ref-allergies");
    await allergies.clearValue();
    await allergies.addValue("Peanuts and tree nuts");
    await tabTo(browser, "ref-submit");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#client-identity", "Peanuts and tree nuts");

    // The list shows initials and code, never the name.
    await tabTo(browser, "nav-clients");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#clients-count", "1 client");
    const table = await (await browser.$("#clients-table")).getText();
    assert.match(table, /JQ-0001/);
    assert.match(table, /In therapy/);
    assert.match(table, /Safeguarding/);
    assert.doesNotMatch(table, /Jessamine|Quartermaine/);
    await tabType(browser, "client-search", "zz");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#clients-empty", "No clients match");
    await screenshot(browser, "24-clients-no-match");
    const search = await tabTo(browser, "client-search");
    await search.clearValue();
    await search.addValue("jess");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#clients-count", "1 client");
    await screenshot(browser, "25-clients-list");
    const listViolations = await axeViolations(browser);
    assert.deepEqual(listViolations, [], `accessibility problems on the client list: ${JSON.stringify(listViolations)}`);

    // Import from a spreadsheet: a preview by line number, then only the good rows.
    const sheet = join(WORK, "clients.csv");
    writeFileSync(sheet, "First name,Surname,DOB,Referral date,Therapy\nBram,Stoker,01/02/2014,05/10/2026,Music\nCora,Pearl,31/02/2013,06/10/2026,Art\n");
    await tabTo(browser, "import-csv");
    await browser.keys(["Enter"]);
    await (await waitFor(browser, "#import-file")).addValue(sheet);
    const importCounts = await waitForText(browser, "#import-counts", "1 row can be imported");
    assert.match(importCounts, /1 cannot/);
    const problems = await (await browser.$("#import-problems")).getText();
    assert.match(problems, /3\s*That is not a real date\. Check the day and month of the date of birth/);
    await screenshot(browser, "26-import-preview");
    await tabTo(browser, "import-confirm");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#import-status", "Imported 1 client");
    await tabTo(browser, "nav-clients");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#clients-count", "2 clients");
  } finally {
    await browser.deleteSession();
  }
});
