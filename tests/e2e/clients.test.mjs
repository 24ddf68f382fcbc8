// Clients as a therapist meets them: an empty practice, a full referral entered by keyboard
// (problems first), the client moved into therapy and their referral corrected, the client
// list and its filters, and a returning client re-referred into a second episode.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  assertAccessible,
  cliDemoVault,
  clearByKeyboard,
  cliJson,
  dateByKeyboard,
  dateParts,
  daysAgo,
  freshDir,
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
  waitForExact,
  waitForText,
} from "./helpers.mjs";

const DEMO_CLIENTS = 40;

/** Types into the list's search box and shows the clients that match, by keyboard. */
async function search(browser, words) {
  await clearByKeyboard(browser, "client-search");
  if (words) await (await browser.$("#client-search")).addValue(words);
  await browser.keys(["Enter"]);
}

/** The client list's rows as { code, state, therapy, setting, safeguarding }. */
async function listedRows(browser) {
  return browser.execute(() =>
    Array.from(document.querySelectorAll("#clients-table tbody tr")).map((tr) => {
      const cells = Array.from(tr.querySelectorAll("td")).map((td) => (td.textContent ?? "").trim());
      return { code: cells[0], state: cells[1], therapy: cells[4], setting: cells[5], safeguarding: cells[6] };
    }),
  );
}

test("an empty practice invites the first referral", async () => {
  const dir = freshDir("clients-empty");
  cliDemoVault(dir, 0);
  const browser = await startApp(dir);
  try {
    await unlock(browser);
    await navigate(browser, "nav-clients", "Clients");
    await waitForText(browser, "#clients-empty", "No referrals yet. Add the first one.");
    await screenshot(browser, "clients-01-empty");
  } finally {
    await browser.deleteSession();
  }
});

test("a full referral by keyboard with problems first, into therapy, corrected, and found in the list", async () => {
  const dir = freshDir("clients-referral");
  cliDemoVault(dir, DEMO_CLIENTS);
  const code = `JQ-${String(DEMO_CLIENTS + 1).padStart(4, "0")}`;
  const referred = daysAgo(28);
  const browser = await startApp(dir);
  try {
    await unlock(browser);
    await navigate(browser, "nav-clients", "Clients");
    await waitForExact(browser, "#clients-count", `${DEMO_CLIENTS} clients`);

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
    await screenshot(browser, "clients-02-referral-errors");

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
    await dateByKeyboard(browser, "ref-referral-date", dateParts(referred));
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
    await screenshot(browser, "clients-03-referral-filled");
    await tabTo(browser, "ref-submit");
    await browser.keys(["Enter"]);

    // The client record: the next code after the demo's clients.
    const heading = await waitForText(browser, "#client-heading", code);
    assert.equal(heading, code);
    const identity = await waitForText(browser, "#client-identity", "Jessamine Quartermaine");
    assert.match(identity, /MK40 1AA/);
    assert.match(identity, /Morwenna Quartermaine, mother/);
    assert.match(await (await browser.$("#client-state")).getText(), new RegExp(`Referred since ${ukDate(referred)}`));

    // Referred → assessment → in therapy, by keyboard.
    for (const [to, date] of [["Assessment", daysAgo(21)], ["In therapy", daysAgo(14)]]) {
      await pick(browser, "state-to", to);
      await dateByKeyboard(browser, "state-on", dateParts(date));
      await tabTo(browser, "state-submit");
      await browser.keys(["Enter"]);
      await waitForText(browser, "#client-status", `moved to "${to}"`);
    }
    assert.match(await (await browser.$("#client-state")).getText(), new RegExp(`In therapy since ${ukDate(daysAgo(14))}`));

    // Correcting the referral later: the form comes back filled in.
    await tabTo(browser, "edit-referral");
    await browser.keys(["Enter"]);
    await waitForText(browser, "h1", `Edit the referral details of ${code}`);
    assert.equal(await (await browser.$("#ref-given-name")).getValue(), "Jessamine");
    const allergies = await tabTo(browser, "ref-allergies");
    await allergies.clearValue();
    await allergies.addValue("Peanuts and tree nuts");
    await tabTo(browser, "ref-submit");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#client-identity", "Peanuts and tree nuts");

    // The list shows initials and code, never the name.
    await navigate(browser, "nav-clients", "Clients");
    await waitForExact(browser, "#clients-count", `${DEMO_CLIENTS + 1} clients`);
    const table = await (await browser.$("#clients-table")).getText();
    assert.match(table, new RegExp(code));
    assert.doesNotMatch(table, /Jessamine|Quartermaine/);
    await search(browser, "zz");
    await waitForText(browser, "#clients-empty", "No clients match");
    await screenshot(browser, "clients-04-no-match");
    await search(browser, "jess");
    await waitForExact(browser, "#clients-count", "1 client");
    const row = (await listedRows(browser))[0];
    assert.equal(row.code, code);
    assert.match(row.state, /In therapy/);
    assert.equal(row.safeguarding, "Safeguarding");
    assert.doesNotMatch(await (await browser.$("#clients-table")).getText(), /Jessamine|Quartermaine/);
    await screenshot(browser, "clients-05-list");
    await assertAccessible(browser, "the client list");
  } finally {
    await browser.deleteSession();
  }
});

test("the client list's filters show exactly the clients the vault holds for them", async () => {
  const dir = freshDir("clients-filters");
  cliDemoVault(dir, DEMO_CLIENTS);
  // What the core answers for the same filters, asked before the app starts.
  const endedFlagged = cliJson(dir, "client", "list", "--state", "ended", "--safeguarding", "yes").map((c) => c.code);
  const musicHollow = cliJson(dir, "client", "list", "--modality", "music", "--setting", "hollow lane").map((c) => c.code);
  const byCode = cliJson(dir, "client", "list", "--sort", "code").map((c) => c.code);
  assert.ok(endedFlagged.length > 0 && endedFlagged.length < DEMO_CLIENTS, "the demo has some ended clients with a flag");
  assert.ok(musicHollow.length > 0 && musicHollow.length < DEMO_CLIENTS, "the demo has some music clients at Hollow Lane");
  const browser = await startApp(dir);
  try {
    await unlock(browser);
    await navigate(browser, "nav-clients", "Clients");
    await waitForExact(browser, "#clients-count", `${DEMO_CLIENTS} clients`);

    // State "Ended" and the safeguarding flag only, by keyboard.
    await pick(browser, "client-state", "Ended");
    await tabTo(browser, "client-safeguarding");
    await browser.keys(["Space"]);
    await tabTo(browser, "client-filter");
    await browser.keys(["Enter"]);
    await waitForExact(browser, "#clients-count", `${endedFlagged.length} client${endedFlagged.length === 1 ? "" : "s"}`);
    let rows = await listedRows(browser);
    assert.deepEqual(rows.map((r) => r.code), endedFlagged);
    for (const r of rows) {
      assert.match(r.state, /^Ended since/, `${r.code} is listed as ended`);
      assert.equal(r.safeguarding, "Safeguarding", `${r.code} carries the flag`);
    }
    await screenshot(browser, "clients-06-filter-ended-safeguarding");

    // Back to any state, no flag; music therapy in a setting named in part.
    await pick(browser, "client-state", "Any state");
    await tabTo(browser, "client-safeguarding");
    await browser.keys(["Space"]);
    await pick(browser, "client-modality", "Music therapy");
    await tabType(browser, "client-setting", "hollow lane");
    await browser.keys(["Enter"]);
    await waitForExact(browser, "#clients-count", `${musicHollow.length} client${musicHollow.length === 1 ? "" : "s"}`);
    rows = await listedRows(browser);
    assert.deepEqual(rows.map((r) => r.code), musicHollow);
    for (const r of rows) {
      assert.equal(r.therapy, "Music therapy", `${r.code} is a music therapy client`);
      assert.match(r.setting, /Hollow Lane/, `${r.code} is at Hollow Lane`);
    }

    // No filters, sorted by code.
    await pick(browser, "client-modality", "Art or music");
    await clearByKeyboard(browser, "client-setting");
    await pick(browser, "client-sort", "Client code");
    await tabTo(browser, "client-filter");
    await browser.keys(["Enter"]);
    await waitForExact(browser, "#clients-count", `${DEMO_CLIENTS} clients`);
    await browser.waitUntil(async () => (await listedRows(browser))[0]?.code === byCode[0], {
      timeout: 10_000,
      timeoutMsg: "the list never showed the first code first",
    });
    assert.deepEqual((await listedRows(browser)).map((r) => r.code), byCode);
  } finally {
    await browser.deleteSession();
  }
});

test("a returning client is re-referred into a second episode", async () => {
  const dir = freshDir("clients-rerefer");
  cliDemoVault(dir, DEMO_CLIENTS);
  const ended = cliJson(dir, "client", "list", "--state", "ended").find((c) => c.episode === 1 && c.episodeClosed);
  assert.ok(ended, "the demo has an ended client in their first episode");
  const today = ukDate(daysAgo(0));
  const browser = await startApp(dir);
  try {
    await unlock(browser);
    await openClient(browser, ended.code);
    assert.match(await (await browser.$("#client-state")).getText(), new RegExp(`Ended since ${ended.stateSince} · episode 1`));
    const panel = await (await browser.$("#move-title")).getText();
    assert.equal(panel, "Re-refer");
    assert.equal(await (await browser.$("#state-to")).isExisting(), false, "a closed episode offers no other state");
    await waitForText(browser, "main", "Episode 1 is closed (Ended). Re-referring opens episode 2 on the same record.");
    assert.equal(await (await browser.$("#session-submit")).isExisting(), false, "no sessions while the episode is closed");

    await dateByKeyboard(browser, "state-on", dateParts(daysAgo(0)));
    await tabType(browser, "state-note", "Referred again by school");
    await tabTo(browser, "state-submit");
    await browser.keys(["Enter"]);
    await waitForExact(browser, "#client-status", `Re-referred: episode 2 started ${today}.`);
    assert.match(await (await browser.$("#client-state")).getText(), new RegExp(`Referred since ${today} · episode 2`));
    const episodes = await (await browser.$("#episodes")).getText();
    assert.match(episodes, new RegExp(`Episode 1: \\S+ to ${ended.stateSince}`));
    assert.match(episodes, new RegExp(`Episode 2: ${today} to now`));
    assert.equal(await (await browser.$("#move-title")).getText(), "Change state");
    await waitFor(browser, "#session-submit");
    await screenshot(browser, "clients-07-re-referred");
  } finally {
    await browser.deleteSession();
  }
});
