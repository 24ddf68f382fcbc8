// Nothing in plaintext (issue 8): markers typed through the app into a referral, a state
// change, a consent (what the parent was told), an online session, a professional, a
// correspondence entry with an attachment, a piece of artwork, a photo of it (shown in the
// window from memory; its pixels carry a marker, looked for raw and as base64) and a clinical
// note's draft (saved as typed) are found in no byte of the vault folder, the app's HOME or
// its TMPDIR, with the vault open (WAL present) and again after locking; also not as
// UTF-16LE, in any case.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { crc32, deflateSync } from "node:zlib";
import {
  HOME,
  PASSWORD,
  TMP,
  WORK,
  cliJson,
  dateByKeyboard,
  dateParts,
  daysAgo,
  freshDir,
  navigate,
  nextPick,
  pick,
  pressEnter,
  scanFor,
  screenshot,
  startApp,
  tabTo,
  tabToMatch,
  tabType,
  type,
  waitFor,
  waitForText,
} from "./helpers.mjs";

/** Markers, each distinct: `MARKER-<KIND>-e2e9`, or one in the field's own shape. */
const markers = [];
const mark = (marker) => {
  assert.ok(!markers.includes(marker), `${marker} is used twice`);
  markers.push(marker);
  return marker;
};
const word = (kind) => mark(`MARKER-${kind}-e2e9`);
/** The photo's pixel marker as base64 would carry it (the window gets a data URL). */
const photoSecrets = [];

/** A 16 × 16 PNG whose first row's pixels are `marker`'s bytes, stored uncompressed, so a
 * decoded or cached copy of the picture would hold the marker as it is. */
function photoWithMarkerPixels(path, marker) {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, 8 + data.length);
    return out;
  };
  const side = 16;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8;
  header[9] = 2;
  const rows = Array.from({ length: side }, (_, y) => {
    const pixels = Buffer.alloc(side * 3, 0x80);
    if (y === 0) Buffer.from(marker, "latin1").copy(pixels);
    return Buffer.concat([Buffer.from([0]), pixels]);
  });
  writeFileSync(path, Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 0 })),
    chunk("IEND", Buffer.alloc(0)),
  ]));
}

/** `marker` as it would read inside base64 text (a data URL), at each of the three offsets. */
function asBase64(marker) {
  return [0, 1, 2].map((pad) => {
    const text = Buffer.concat([Buffer.alloc(pad), Buffer.from(marker, "latin1")]).toString("base64");
    // Drop the characters the padding and the unknown next bytes touch.
    return text.slice(Math.ceil((pad * 4) / 3) + 1, -4);
  });
}

/** Every marker found under the vault folder, the app's HOME and its TMPDIR. */
function scan(dir, when) {
  const { files, bytes, found } = scanFor([dir, HOME, TMP], [...markers, ...photoSecrets]);
  console.log(`plaintext  app  ${when}  markers=${markers.length}  files-scanned=${files}  bytes=${bytes}  found=${found.length}`);
  assert.deepEqual(found, [], `${when}: markers found in plaintext`);
}


/** Keeps every identifier-check hit listed under field `id`, each with `reason` (keyboard). */
async function keepEveryHit(browser, id, reason) {
  await browser.waitUntil(async () => (await browser.$(`#${id}-keep-0`)).isExisting(), {
    timeout: 10_000,
    timeoutMsg: `the identifier check listed nothing under ${id}`,
  });
  for (let i = 0; i < 8 && (await (await browser.$(`#${id}-keep-0`)).isExisting()); i++) {
    await tabTo(browser, `${id}-keep-0`);
    await browser.keys(["Enter"]);
    await waitFor(browser, `#${id}-keep-reason`);
    await (await browser.$(`#${id}-keep-reason`)).addValue(reason);
    await browser.keys(["Enter"]);
    await browser.waitUntil(async () => !(await (await browser.$(`#${id}-keep-reason`)).isExisting()), { timeout: 10_000 });
    await browser.pause(500); // the check runs again on what is left
  }
}

test("markers typed into the app are found nowhere on disk in plaintext, open or locked", async () => {
  const dir = freshDir("plaintext");
  // The picked file lives apart from the vault, HOME and TMPDIR: it is the one place the
  // attachment's marker may be.
  const picked = join(mkdtempSync(join(WORK, "picked-")), `${word("ATTACHMENT-NAME")}.txt`);
  const body = word("ATTACHMENT-BYTES");
  writeFileSync(picked, `${body}\n${"a".repeat(300 * 1024)}\n${body}\n`);
  const photo = join(picked, "..", `${word("PHOTO-NAME")}.png`);
  const pixels = word("PHOTO-PIXELS");
  photoSecrets.push(...asBase64(pixels));
  photoWithMarkerPixels(photo, pixels);
  const browser = await startApp(dir);
  try {
    // A new vault for a practice whose name is a marker.
    await waitFor(browser, "#create-practice");
    await type(browser, "create-practice", word("PRACTICE"));
    await type(browser, "create-password", PASSWORD);
    await type(browser, "create-password-confirm", PASSWORD);
    await pressEnter(browser);
    await waitForText(browser, "#home-heading", "MARKER-PRACTICE", 60_000);

    // The full referral: a marker in every free-text and contact field.
    await navigate(browser, "nav-clients", "Clients");
    await tabTo(browser, "add-referral");
    await browser.keys(["Enter"]);
    await waitFor(browser, "#ref-given-name");
    const texts = {
      "ref-given-name": word("GIVEN-Łucja"),
      "ref-family-name": word("FAMILY"),
      "ref-preferred-name": word("PREFERRED"),
      "ref-pronouns": word("PRONOUNS"),
      "ref-ethnicity": word("ETHNICITY"),
      "ref-address": word("ADDRESS"),
      "ref-postcode": mark("QZ9F 5AE"),
      "ref-phone": mark("01632960713"),
      "ref-email": `${word("EMAIL")}@example.com`,
    };
    for (const [id, marker] of Object.entries(texts)) await type(browser, id, marker);
    await dateByKeyboard(browser, "ref-date-of-birth", ["14", "03", "2015"]);
    await tabTo(browser, "ref-add-person");
    await browser.keys(["Enter"]);
    const more = {
      "ref-pr-0-name": word("PARENT-NAME"),
      "ref-pr-0-relationship": word("PARENT-RELATIONSHIP"),
      "ref-pr-0-phone": mark("07700900714"),
      "ref-pr-0-email": `${word("PARENT-EMAIL")}@example.com`,
      "ref-setting-name": word("SETTING"),
      "ref-setting-contact-name": word("SETTING-CONTACT"),
      "ref-setting-contact-phone": mark("01632960715"),
      "ref-setting-contact-email": `${word("SETTING-EMAIL")}@example.com`,
      "ref-court-orders": word("COURT-ORDERS"),
      "ref-referrer-name": word("REFERRER"),
      "ref-heard-about": word("HEARD-ABOUT"),
      "ref-gp-name": word("GP-NAME"),
      "ref-gp-surgery": word("GP-SURGERY"),
      "ref-other-professionals": word("OTHER-PROFESSIONALS"),
      "ref-difficulty": word("DIFFICULTY"),
      "ref-current-treatment": word("CURRENT-TREATMENT"),
      "ref-past-treatment": word("PAST-TREATMENT"),
      "ref-sen-areas": word("SEN-AREAS"),
      "ref-communication-methods": word("COMMUNICATION"),
      "ref-diagnoses": word("DIAGNOSES"),
      "ref-allergies": word("ALLERGIES"),
      "ref-medication": word("MEDICATION"),
      "ref-safeguarding-involvement": word("SAFEGUARDING"),
      "ref-behaviour-risk": word("BEHAVIOUR-RISK"),
    };
    for (const [id, marker] of Object.entries(more)) await type(browser, id, marker);
    await dateByKeyboard(browser, "ref-referral-date", dateParts(daysAgo(28)));
    await pick(browser, "ref-referrer", "School");
    await (await browser.$("#ref-safeguarding-concern")).click();
    await pick(browser, "ref-modality", "Art therapy");
    await tabTo(browser, "ref-submit");
    await browser.keys(["Enter"]);
    const code = (await waitForText(browser, "#client-heading", "MM-", 30_000)).trim();
    await waitForText(browser, "#client-identity", texts["ref-family-name"]);

    // A state change with a note, then into therapy.
    await pick(browser, "state-to", "Assessment");
    await dateByKeyboard(browser, "state-on", dateParts(daysAgo(21)));
    await type(browser, "state-note", word("STATE-NOTE"));
    await tabTo(browser, "state-submit");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#client-status", 'moved to "Assessment"');
    await pick(browser, "state-to", "In therapy");
    await dateByKeyboard(browser, "state-on", dateParts(daysAgo(14)));
    await tabTo(browser, "state-submit");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#client-status", 'moved to "In therapy"');

    // Seed 004: the parent's written consent to online contact first, in the Consents
    // panel, with a marker in what they were told.
    await pick(browser, "consent-purpose", "Online or phone contact");
    await pick(browser, "consent-given-by", `${more["ref-pr-0-name"]} (parental responsibility)`);
    await pick(browser, "consent-how", "Written form");
    await dateByKeyboard(browser, "consent-on", dateParts(daysAgo(14)));
    await type(browser, "consent-told", word("CONSENT-TOLD"));
    // The platform agreed is the session's below; what happens if the technology fails.
    const platform = word("PLATFORM");
    await type(browser, "consent-platforms", platform);
    await type(browser, "consent-failure-plan", word("FAILURE-PLAN"));
    await tabTo(browser, "consent-submit");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#consent-status", "recorded");
    await waitForText(browser, "#consents-list", "MARKER-CONSENT-TOLD-e2e9");

    // An online session on a platform whose name is a marker.
    await dateByKeyboard(browser, "session-on", dateParts(daysAgo(7)));
    await pick(browser, "session-outcome", "Attended");
    await pick(browser, "session-mode", "Online");
    await type(browser, "session-platform", platform);
    for (const q of ["session-parent-start", "session-parent-end", "session-parent-nearby"]) {
      await tabTo(browser, `${q}-yes`);
      await browser.keys(["Space"]);
    }
    await tabTo(browser, "session-submit");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#client-status", "recorded");

    // A professional, new to the directory, linked to the client.
    await type(browser, "pro-name", word("PROFESSIONAL"));
    await pick(browser, "pro-role", "Speech and language therapist");
    await type(browser, "pro-organisation", word("ORGANISATION"));
    await type(browser, "pro-phone", mark("01632960716"));
    await type(browser, "pro-email", `${word("PROFESSIONAL-EMAIL")}@example.com`);
    await tabTo(browser, "pro-submit");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#client-status", "Professional linked to this client.");

    // A letter from the school with the picked file attached (the picker's test seam).
    await pick(browser, "corr-kind", "Letter");
    await pick(browser, "corr-counterpart", "School");
    await type(browser, "corr-name", word("COUNTERPART"));
    await type(browser, "corr-summary", word("SUMMARY"));
    // The marker shares words with the client's name markers: each hit is kept with a
    // reason (itself a marker) under the summary.
    await keepEveryHit(browser, "corr-summary", word("CORR-KEPT"));
    nextPick(picked);
    await tabTo(browser, "corr-attach");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#corr-attachments", "MARKER-ATTACHMENT-NAME-e2e9.txt", 30_000);
    await tabTo(browser, "corr-submit");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#client-status", "with 1 attachment(s)", 30_000);
    await waitForText(browser, "#corr-log", "MARKER-SUMMARY-e2e9");
    await (await browser.$("#corr-log")).scrollIntoView();
    await screenshot(browser, "plaintext-01-markers-typed");

    // A piece of artwork, the parent's consent to photos of it, and a photo whose pixels
    // carry a marker, shown in the window (from memory, as a data URL).
    const art = { "artwork-description": word("ART-DESCRIPTION"), "artwork-medium": word("ART-MEDIUM"), "artwork-size": word("ART-SIZE"), "artwork-location": word("ART-LOCATION") };
    for (const [id, marker] of Object.entries(art)) await type(browser, id, marker);
    await tabTo(browser, "artwork-submit");
    await browser.keys(["Enter"]);
    const piece = (await waitForText(browser, "#artwork-status", "recorded")).match(/ART-\d{4}/)?.[0];
    assert.ok(piece, "the piece has its reference");
    await pick(browser, "consent-purpose", "Photos of artwork");
    await pick(browser, "consent-given-by", `${more["ref-pr-0-name"]} (parental responsibility)`);
    await pick(browser, "consent-how", "Written form");
    await dateByKeyboard(browser, "consent-on", dateParts(daysAgo(2)));
    await tabTo(browser, "consent-submit");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#consent-status", "Consent for photos of artwork recorded");
    await pick(browser, "media-artwork", `${piece}: ${art["artwork-description"]}`);
    await type(browser, "media-caption", word("PHOTO-CAPTION"));
    nextPick(photo);
    await tabTo(browser, "media-choose");
    await browser.keys(["Enter"]);
    await waitForText(browser, "#media-status", `Photo added to ${piece}`, 30_000);
    await browser.waitUntil(
      () => browser.execute(() => (document.querySelector("#media-list img")?.naturalWidth ?? 0) === 16),
      { timeout: 20_000, timeoutMsg: "the photo is shown" },
    );
    await tabTo(browser, "media-1-size");
    await browser.keys(["Enter"]);
    await (await browser.$("#media-list")).scrollIntoView();
    await screenshot(browser, "plaintext-02-photo-shown");

    // A session note's draft holding a marker, saved as it was typed. (Not signed: the
    // marker shares "MARKER" with the client's names, which the identifier check flags.)
    const noteMarker = word("NOTE");
    await tabTo(browser, "note-kind");
    await tabTo(browser, "note-start");
    await browser.keys(["Enter"]);
    await tabType(browser, "note-section-0", noteMarker);
    await browser.keys(["Tab"]);
    await waitForText(browser, "#note-saved", "Saved at", 30_000);
    // It is in the vault: Home lists the draft, and it opens with the marker.
    await navigate(browser, "nav-home", "MARKER-PRACTICE");
    await tabToMatch(browser, "#drafts-all button");
    await browser.keys(["Enter"]);
    await waitFor(browser, "#note-section-0");
    const noteText = await browser.execute(() => document.getElementById("note-section-0")?.value);
    assert.equal(noteText, noteMarker, "the draft holds the marker");

    // Open: the vault is unlocked in the app and its WAL is on disk.
    const wal = join(dir, "folio.db-wal");
    assert.ok(existsSync(wal), "the open vault has a WAL");
    console.log(`plaintext  app  (the WAL of the open vault holds ${statSync(wal).size} bytes)`);
    scan(dir, "open");

    // Locked.
    await (await browser.$("#lock-button")).click();
    await waitFor(browser, "#unlock-password");
    scan(dir, "locked");

    // The markers did go in: the vault gives them back (the CLI, now the app has locked it).
    const record = JSON.stringify(cliJson(dir, "client", "show", code));
    const log = JSON.stringify(cliJson(dir, "correspondence", "list", code));
    const sessions = JSON.stringify(cliJson(dir, "session", "list", code));
    const consents = JSON.stringify(cliJson(dir, "consent", "list", code));
    const artwork = JSON.stringify(cliJson(dir, "artwork", "list", "--client", code));
    const media = JSON.stringify(cliJson(dir, "media", "list", "--client", code));
    const shown = `${record}${log}${sessions}${consents}${artwork}${media}`.toLowerCase();
    const unseen = markers.filter(
      (m) => m !== body && m !== pixels && m !== noteMarker && !m.includes("PRACTICE") && !shown.includes(m.toLowerCase()),
    );
    assert.deepEqual(unseen, [], "every marker typed is in the vault");
    // And the scan finds a marker where one is: in the picked file, outside the vault.
    assert.equal(scanFor([join(picked, "..")], [body]).found.length, 1);
    // …and the photo's pixel marker where it is: in the picked photo, raw.
    assert.equal(scanFor([join(picked, "..")], [pixels]).found.length, 1);
  } finally {
    await browser.deleteSession();
  }
});
