// The record of sharing as a therapist keeps it, by keyboard only: the signed therapy
// contract recorded with its scan (the record then says it is on file); a disclosure to the
// school on the basis of a legal duty refused without a reason, then recorded with one
// (seed 002); a safeguarding concern that names the child refused by the identifier check,
// rewritten with initials and logged; and its outcome logged later as a follow-up.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import {
  assertAccessible,
  clearByKeyboard,
  cliDemoVault,
  cliJson,
  dateByKeyboard,
  dateParts,
  daysAgo,
  focusedId,
  freshDir,
  nextPick,
  openClient,
  pick,
  press,
  screenshot,
  scrollTo,
  startApp,
  tabToMatch,
  tabType,
  ukDate,
  unlock,
  waitFor,
  waitForExact,
  waitForText,
  WORK,
} from "./helpers.mjs";

/** Follows a link of "On this record" by keyboard; focus lands on the panel's heading. */
async function goToPanel(browser, headingId) {
  await tabToMatch(browser, `nav.contents a[href="#${headingId}"]`);
  await browser.keys(["Enter"]);
  await browser.waitUntil(async () => (await focusedId(browser)) === headingId, {
    timeout: 5_000,
    timeoutMsg: `the contents link did not move focus to #${headingId}`,
  });
}

test("a contract, a disclosure without consent and a safeguarding concern are recorded, each with what the rules ask", async () => {
  const dir = freshDir("records");
  cliDemoVault(dir);
  // A demo client in an open episode with a parent on the referral and no current therapy
  // contract or work agreement (the demo gives most clients one).
  const client = cliJson(dir, "client", "list").find((c) => {
    if (c.episodeClosed) return false;
    if (cliJson(dir, "client", "show", c.code).referral.parentalResponsibility.length === 0) return false;
    return !cliJson(dir, "agreement", "list", c.code).some((a) => a.current && a.kind !== "confidentiality");
  });
  assert.ok(client, "the demo has a client in an open episode with a parent and no current contract");
  const { referral } = cliJson(dir, "client", "show", client.code);
  const parent = referral.parentalResponsibility[0].name;
  const today = ukDate(daysAgo(0));
  const contract = join(WORK, "signed-contract.pdf");
  writeFileSync(contract, Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(40 * 1024, 3)]));

  const browser = await startApp(dir);
  try {
    await unlock(browser);
    await openClient(browser, client.code);

    // 1. No agreement yet: the top line says so, in words and a warning colour.
    await waitForExact(browser, "#client-agreement", "No signed agreement on file for this period of therapy");
    assert.ok(await (await browser.$("#client-agreement")).getAttribute("class").then((c) => c.includes("warning")));
    await waitFor(browser, "#agreements-none");
    await screenshot(browser, "records-01-no-agreement-on-file");

    // 2. The therapy contract, signed by the parent today, with the scan of the signed copy.
    await goToPanel(browser, "agreements-title");
    await pick(browser, "agreement-kind", "Therapy contract");
    await tabType(browser, "agreement-signed-by", parent);
    await tabType(browser, "agreement-version", "2026-09");
    nextPick(contract);
    await press(browser, "agreement-attach");
    await waitForText(browser, "#agreement-file", "signed-contract.pdf (41 KB)", 30_000);
    await press(browser, "agreement-submit");
    await waitForText(
      browser,
      "#agreement-status",
      `Therapy contract signed on ${today} recorded with the signed copy. Current for this period of therapy.`,
    );
    const listed = await waitForText(browser, "#agreements-list", "Current for this period of therapy");
    assert.ok(listed.includes(`Signed on ${today} by ${parent} · wording 2026-09`), listed);
    assert.ok(listed.includes("Signed copy kept: signed-contract.pdf (41 KB)"), listed);
    await scrollTo(browser, "#agreements-title");
    await screenshot(browser, "records-02-agreement-recorded");
    await waitForExact(browser, "#client-agreement", `Therapy contract signed on ${today}: on file for this period of therapy`);
    await scrollTo(browser, "#client-heading");
    await screenshot(browser, "records-03-agreement-on-file");

    // 3. A disclosure to the school on the basis of a legal duty: refused without the
    //    reason (the summary links to the field), then recorded with it.
    await goToPanel(browser, "disclosures-title");
    await waitFor(browser, "#disclosures-none");
    await pick(browser, "disclosure-recipient", "School");
    await tabType(browser, "disclosure-recipient-name", "Head of year");
    await tabType(browser, "disclosure-what", "Dates of the sessions missed this term, for the attendance panel.");
    await pick(browser, "disclosure-basis", "Legal duty");
    await waitForText(browser, "#disclosure-reason-hint", "Every sharing without consent is recorded with its reasons");
    await pick(browser, "disclosure-told", "A parent or carer was told");
    await waitFor(browser, "#disclosure-told-on-day");
    await press(browser, "disclosure-submit");
    const refused = await waitForText(browser, "#disclosure-errors", "needs the reason");
    assert.match(refused, /Sharing without consent on record needs the reason, in writing/);
    assert.equal(await focusedId(browser), "disclosure-errors", "the error summary takes focus");
    await waitForText(browser, "#disclosure-reason-error", "needs the reason");
    await scrollTo(browser, "#disclosure-errors");
    await screenshot(browser, "records-04-disclosure-refused-without-reason");
    await assertAccessible(browser, "the refused disclosure");
    // The summary's link leads to the reason.
    await tabToMatch(browser, '#disclosure-errors a[href="#disclosure-reason"]');
    await browser.keys(["Enter"]);
    await browser.waitUntil(async () => (await focusedId(browser)) === "disclosure-reason", { timeout: 5_000 });
    const reason = "Asked in writing by the local authority's attendance officer under the Education Act; the dates only.";
    await (await browser.$("#disclosure-reason")).addValue(reason);
    await press(browser, "disclosure-submit");
    await waitForText(browser, "#disclosure-status", `Disclosure to School (Head of year) on ${today} recorded. Basis: legal duty.`);
    const disclosures = await waitForText(browser, "#disclosures-list", "Legal duty. Reason:");
    assert.ok(disclosures.includes(`Legal duty. Reason: ${reason}`), disclosures);
    assert.ok(disclosures.includes(`A parent or carer was told on ${today}`), disclosures);
    assert.ok(disclosures.includes("the therapist"), disclosures);
    await scrollTo(browser, "#disclosures-title");
    await screenshot(browser, "records-05-disclosure-recorded");

    // 4. A safeguarding concern that names the child: refused by the identifier check, with
    //    the offer to keep it with a reason; rewritten with initials, it is logged.
    await goToPanel(browser, "sg-title");
    await waitFor(browser, "#sg-none");
    await tabType(browser, "sg-time", "09:15");
    await tabType(browser, "sg-involved", `the client (${client.initials})`);
    await tabType(browser, "sg-account", `${referral.givenName} said she was scared to go home.`);
    await tabType(browser, "sg-action", "Spoke with the designated safeguarding lead the same morning.");
    await tabType(browser, "sg-referred-to", "Children's services front door");
    await dateByKeyboard(browser, "sg-referred-on", dateParts(daysAgo(0)));
    await tabType(browser, "sg-reference", "MASH-2231");
    await press(browser, "sg-submit");
    // The live check lists it under the account before saving; the refusal says so too.
    await waitForText(browser, "#sg-account-hits", "the client's first name");
    const named = await waitForText(browser, "#sg-errors", "This names someone");
    assert.match(named, /This names someone: the client's first name\. Write initials instead, or keep it with a reason\./);
    assert.ok(!named.includes(referral.givenName), "the refusal never repeats the name");
    await waitFor(browser, "#sg-keep-reason");
    const keepLabel = await browser.execute(() => document.querySelector('label[for="sg-keep-reason"]')?.textContent ?? "");
    assert.equal(keepLabel.trim(), "Keep it, because…");
    await scrollTo(browser, "#sg-errors");
    await screenshot(browser, "records-06-safeguarding-names-the-child");
    await assertAccessible(browser, "the refused safeguarding entry");
    await clearByKeyboard(browser, "sg-account");
    const account = `${client.initials} said she was scared to go home.`;
    await (await browser.$("#sg-account")).addValue(account);
    await press(browser, "sg-submit");
    await waitForText(browser, "#sg-status", `Safeguarding concern logged for ${today} at 09:15.`);
    await waitForExact(browser, "#client-sg-tag", "Safeguarding log");
    const log = await waitForText(browser, "#sg-list", account);
    assert.ok(log.includes(`Referred to Children's services front door on ${today}, reference MASH-2231`), log);
    await scrollTo(browser, "#sg-title");
    await screenshot(browser, "records-07-safeguarding-logged");

    // 5. The outcome, later the same day, as a follow-up of that entry.
    await goToPanel(browser, "sg-title");
    await pick(browser, "sg-follows", `Entry of ${today} at 09:15: ${account}`);
    await tabType(browser, "sg-time", "16:40");
    await tabType(browser, "sg-outcome", "Strategy discussion held; a family support plan agreed. No further action for me.");
    await press(browser, "sg-submit");
    await waitForText(browser, "#sg-status", `Follow-up to the entry of ${today} at 09:15 logged for ${today} at 16:40.`);
    const ids = await browser.execute(() => [...document.querySelectorAll("#sg-list > li")].map((li) => li.id));
    assert.equal(ids.length, 2, "two entries");
    const [newest, first] = ids;
    await waitForText(browser, `#${newest}`, `Follows up the entry of ${today} at 09:15`);
    await waitForText(browser, `#${newest}`, "Strategy discussion held");
    await waitForText(browser, `#${first}`, `Followed up: ${today} at 16:40`);
    // The link from the follow-up leads to the entry it follows.
    await tabToMatch(browser, `#${newest} a[href="#${first}"]`);
    await browser.keys(["Enter"]);
    await browser.waitUntil(async () => (await focusedId(browser)) === `${first}-title`, { timeout: 5_000 });
    await scrollTo(browser, "#sg-title");
    await screenshot(browser, "records-08-follow-up-linked");
    await scrollTo(browser, "#client-heading");
    await screenshot(browser, "records-09-record-header");
    await assertAccessible(browser, "the client record with agreements, a disclosure and a safeguarding log");
  } finally {
    await browser.deleteSession();
  }
});
