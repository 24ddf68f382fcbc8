// Clinical notes, keyboard only: a session note whose Themes name the client's surname and
// date of birth; both are flagged in place and replaced by keyboard; the note is signed,
// amended with a reason (the history keeps both versions) and found by search with the
// word marked. Then a draft that survives the vault locking itself.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  assertAccessible,
  cliDemoVault,
  cliJson,
  clearByKeyboard,
  freshDir,
  longOpenRecord,
  navigate,
  openClient,
  screenshot,
  startApp,
  tabTo,
  tabToMatch,
  tabType,
  unlock,
  waitFor,
  waitForText,
} from "./helpers.mjs";

/** The value of a textarea or input. */
const valueOf = (browser, id) => browser.execute((sel) => document.getElementById(sel)?.value ?? null, id);
/** The id of the focused element. */
const focused = (browser) => browser.execute(() => document.activeElement?.id ?? "");

/** Starts a session note for the open client record from its "Write a note" form. */
async function startSessionNote(browser, code) {
  await tabTo(browser, "note-kind");
  const kind = await browser.execute(() => {
    const s = document.getElementById("note-kind");
    return s instanceof HTMLSelectElement ? s.options[s.selectedIndex].text : "";
  });
  assert.equal(kind, "Session note", "a session note is the first kind offered");
  await tabTo(browser, "note-session");
  await tabTo(browser, "note-start");
  await browser.keys(["Enter"]);
  return waitForText(browser, "#note-heading", `Session note — ${code}`, 30_000);
}

test("a session note: identifiers flagged and replaced by keyboard, signed, amended, found", async () => {
  const dir = freshDir("notes");
  cliDemoVault(dir, 12);
  const client = longOpenRecord(dir, 3);
  const record = cliJson(dir, "client", "show", client.code);
  const surname = record.referral.familyName;
  const dob = record.referral.dateOfBirth;
  assert.match(dob, /^\d\d\/\d\d\/\d{4}$/);
  const browser = await startApp(dir);
  try {
    await unlock(browser);
    await openClient(browser, client.code);
    // The demo writes notes too: wait for the panel, whatever it already holds.
    await waitFor(browser, "#notes-title");

    const heading = await startSessionNote(browser, client.code);
    assert.ok(heading.includes(`(${client.initials})`), `the heading shows code and initials: ${heading}`);
    assert.ok(!heading.includes(surname), "the heading never shows the name");
    assert.equal(await focused(browser), "note-heading", "focus starts on the note's heading");

    // Themes name the client's surname and date of birth: both are flagged under the section.
    await tabType(browser, "note-section-0", `talked about the ${surname} family and the party on ${dob}; made a boat.`);
    await waitForText(browser, "#note-hits-0", "the client's surname");
    const flagged = await waitForText(browser, "#note-hits-0", "the client's date of birth");
    assert.ok(flagged.includes(`“${surname}” — the client's surname`), flagged);
    assert.ok(flagged.includes(`“${dob}” — the client's date of birth`), flagged);
    await waitForText(browser, "#note-saved", "Saved at");
    await screenshot(browser, "notes-01-identifiers-flagged");
    await assertAccessible(browser, "the note editor with identifiers found");

    // One keystroke each: Alt+R in the text replaces the first, Enter on the next one's button.
    await tabTo(browser, "note-section-0");
    await browser.keys(["Alt", "r"]);
    await browser.waitUntil(async () => (await browser.$$("#note-hits-0 li")).length === 1, {
      timeout: 10_000,
      timeoutMsg: "Alt+R did not replace the first thing found",
    });
    assert.equal(await focused(browser), "note-section-0", "after Alt+R the caret stays in the text");
    await tabTo(browser, "note-hit-0-0");
    await browser.keys(["Enter"]);
    await browser.waitUntil(async () => !(await (await browser.$("#note-hits-0")).isExisting()), {
      timeout: 10_000,
      timeoutMsg: "the Replace button did not replace the date of birth",
    });
    assert.equal(await focused(browser), "note-section-0", "with nothing left, focus goes back to the text");
    const themes = await valueOf(browser, "note-section-0");
    assert.ok(!themes.includes(surname) && !themes.includes(dob), `replaced: ${themes}`);
    assert.ok(themes.includes("made a boat."), themes);
    await waitForText(browser, "#note-saved", "Saved at");
    await (await browser.$("#note-state")).scrollIntoView();
    await screenshot(browser, "notes-02-replaced");

    // A risk section filled in: the record will show "see note".
    await tabType(browser, "note-section-3", "said she felt unsafe on the way home; discussed with her parent.");
    await browser.keys(["Tab"]); // leaving the field saves at once
    await waitForText(browser, "#note-saved", "Saved at");

    // Sign.
    await tabTo(browser, "note-sign");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#note-signed", "Signed by the therapist on", 30_000);
    await waitForText(browser, "#note-state", "Signed");
    await screenshot(browser, "notes-03-signed");
    await assertAccessible(browser, "a signed note");

    // Amend with a reason: the original stays readable in the history.
    await tabTo(browser, "note-amend");
    await browser.keys(["Enter"]);
    await waitFor(browser, "#amend-reason");
    assert.equal(await focused(browser), "amend-title", "focus moves to the amendment form");
    await tabType(browser, "amend-reason", "The materials were recorded wrongly");
    await tabType(browser, "amend-section-2", "kaleidoscope collage with tissue paper");
    await tabTo(browser, "amend-save");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#note-status", "Amendment saved on", 30_000);
    await waitForText(browser, "#note-state", "Signed, amended 1 time");
    const history = await waitForText(browser, "#note-history", "Amendment 1");
    assert.match(history, /Original, signed \d\d\/\d\d\/\d{4} at \d\d:\d\d/);
    assert.ok(history.includes("Reason: The materials were recorded wrongly"), history);
    assert.ok(history.includes("made a boat."), "the original text is readable in the history");
    await (await browser.$("#history-title")).scrollIntoView();
    await screenshot(browser, "notes-04-history");

    // Search for the amended word: the result shows code and initials, the date, the kind
    // and the word marked.
    await navigate(browser, "nav-notes", "Notes");
    await tabType(browser, "search-query", "kaleidoscope");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#search-count", "1 note matches “kaleidoscope”");
    const result = await waitForText(browser, "#search-results", `${client.code} (${client.initials})`);
    assert.match(result, /\d\d\/\d\d\/\d{4} · Session note/);
    const marked = await browser.execute(() => [...document.querySelectorAll("#search-results mark")].map((m) => m.textContent));
    assert.deepEqual(marked, ["kaleidoscope"]);
    await screenshot(browser, "notes-05-search");
    await assertAccessible(browser, "the notes search");
    // Nothing found says so.
    await clearByKeyboard(browser, "search-query");
    await (await browser.$("#search-query")).addValue("zzyzx");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#search-count", "No notes match “zzyzx”");
    await clearByKeyboard(browser, "search-query");
    await (await browser.$("#search-query")).addValue("kaleidoscope");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#search-count", "1 note matches");
    // Enter on the result opens the note.
    await tabToMatch(browser, "#search-results button");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#note-heading", `Session note — ${client.code}`);

    // The client record lists the note and shows "see note" for the risk section.
    await openClient(browser, client.code);
    const flag = await waitForText(browser, "#see-note", "See note: risk — session note");
    assert.ok(!flag.includes(surname));
    await waitForText(browser, "#notes-list", "Signed, amended 1 time");
    await screenshot(browser, "notes-06-record-see-note");
    await (await browser.$("#notes-title")).scrollIntoView();
    await screenshot(browser, "notes-07-record-notes-panel");
    await assertAccessible(browser, "the client record with notes");
  } finally {
    await browser.deleteSession();
  }
});

test("a draft survives the vault locking itself", async () => {
  const dir = freshDir("notes-autolock");
  cliDemoVault(dir, 6);
  const client = longOpenRecord(dir, 1);
  const browser = await startApp(dir);
  try {
    await unlock(browser);
    await navigate(browser, "nav-settings", "Settings");
    await clearByKeyboard(browser, "auto-lock-minutes");
    await (await browser.$("#auto-lock-minutes")).addValue("1");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#settings-status", "Auto-lock set to 1 minute");

    await openClient(browser, client.code);
    await startSessionNote(browser, client.code);
    const words = "quiet at first, then built a tall tower and knocked it down laughing";
    await tabType(browser, "note-section-0", words);
    // No more activity: the shell locks after 60 s (checked every 2 s); the draft saved
    // itself 1.5 s after the last keystroke.
    await waitFor(browser, "#unlock-password", 90_000);
    await screenshot(browser, "notes-08-locked-mid-note");

    await unlock(browser);
    const draft = await waitForText(browser, "#drafts-all", `Session note — ${client.code}`);
    assert.match(draft, /started today/);
    await tabToMatch(browser, "#drafts-all button");
    await browser.keys(["Enter"]);
    await waitFor(browser, "#note-section-0");
    assert.equal(await valueOf(browser, "note-section-0"), words, "the text typed before the lock is there");
    await screenshot(browser, "notes-09-draft-after-unlock");
  } finally {
    await browser.deleteSession();
  }
});
