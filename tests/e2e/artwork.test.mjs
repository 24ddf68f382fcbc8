// The artwork inventory as a therapist keeps it, by keyboard only: a piece recorded on the
// client's record (refused without a description, then kept in a new location); a photo of
// it refused until the photo consent is recorded, then added (its hidden text and camera
// details gone) and shown from memory; therapy ended, the piece's collection date on the
// Artwork screen and on Home, and the piece marked as returned to the client's mother,
// which takes it off the list of what is held.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { crc32, deflateSync } from "node:zlib";
import {
  assertAccessible,
  cliDemoVault,
  cliJson,
  dateByKeyboard,
  dateParts,
  daysAgo,
  freshDir,
  navigate,
  nextPick,
  openClient,
  pick,
  press,
  screenshot,
  scrollTo,
  startApp,
  tabType,
  ukDate,
  unlock,
  waitFor,
  waitForText,
} from "./helpers.mjs";

const PLACE = "Cabinet Z, drawer 9";
/** Hidden in the photo's text chunk, as a phone's location and camera details would be. */
const HIDDEN = "GPS 52.1386N 0.4668W Pixel-Camera";

/** A 48 × 48 blue PNG carrying a tEXt chunk with HIDDEN in it. */
function photoWithHiddenText(path) {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, 8 + data.length);
    return out;
  };
  const side = 48;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(side * 3, Buffer.from([40, 90, 200]))]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: side }, () => row)));
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("tEXt", Buffer.from(`Comment\0${HIDDEN}`, "latin1")),
    chunk("IDAT", pixels),
    chunk("IEND", Buffer.alloc(0)),
  ]);
  writeFileSync(path, png);
}

test("a piece is recorded by keyboard, falls due when therapy ends, and is marked returned", async () => {
  const dir = freshDir("artwork");
  cliDemoVault(dir, 8);
  // A client in therapy with no photo consent yet.
  const client = cliJson(dir, "client", "list", "--state", "in-therapy").find(
    (c) => !cliJson(dir, "consent", "list", c.code).some((k) => k.purpose === "artwork-photos"),
  );
  assert.ok(client, "the demo has a client in therapy without a photo consent");
  const parents = cliJson(dir, "client", "show", client.code).referral.parentalResponsibility;
  const givenBy = parents.length ? `${parents[0].name} (parental responsibility)` : "The client";
  const photo = join(dir, "..", "clay-figure.png");
  photoWithHiddenText(photo);
  const ended = daysAgo(3);

  const browser = await startApp(dir);
  try {
    await unlock(browser);
    await openClient(browser, client.code);

    // 1. Refused without a description; the problem is beside the field.
    await tabType(browser, "artwork-location", PLACE);
    await press(browser, "artwork-submit");
    await waitForText(browser, "#artwork-errors", "Describe the piece");
    await waitForText(browser, "#artwork-description-error", "Describe the piece");
    await scrollTo(browser, "#artwork-title");
    await screenshot(browser, "artwork-01-refused-without-a-description");

    // 2. Recorded: its reference is given for the label, and it is listed as held.
    await tabType(browser, "artwork-description", "Clay figure with two heads, glazed blue");
    await tabType(browser, "artwork-medium", "Clay");
    await tabType(browser, "artwork-size", "15 cm");
    await press(browser, "artwork-submit");
    const recorded = await waitForText(browser, "#artwork-status", "recorded: write ART-");
    const reference = recorded.match(/ART-\d{4}/)?.[0];
    assert.ok(reference, recorded);
    assert.match(recorded, new RegExp(`kept in ${PLACE}`));
    await waitForText(browser, `#client-piece-${reference}`, "Held: in therapy");
    await waitForText(browser, `#client-piece-${reference}`, `kept in ${PLACE}`);
    await scrollTo(browser, `#client-piece-${reference}`);
    await screenshot(browser, "artwork-02-piece-recorded-on-the-client-record");
    await assertAccessible(browser, "the client's artwork panel");

    // 3. A photo of the piece: refused, naming the consent, until it is recorded.
    await scrollTo(browser, "#media-title");
    await waitForText(browser, "#media-reminder", "never a person");
    await pick(browser, "media-artwork", `${reference}: Clay figure with two heads, glazed blue`);
    await tabType(browser, "media-caption", "Front view");
    nextPick(photo);
    await press(browser, "media-choose");
    const gate = await waitForText(browser, "#media-errors", "consent for photos of artwork");
    assert.match(gate, /There is none on the client's record/, gate);
    await scrollTo(browser, "#media-errors");
    await screenshot(browser, "artwork-03-photo-refused-without-consent");
    await pick(browser, "consent-purpose", "Photos of artwork");
    await pick(browser, "consent-given-by", givenBy);
    await pick(browser, "consent-how", "Written form");
    await dateByKeyboard(browser, "consent-on", dateParts(daysAgo(1)));
    await press(browser, "consent-submit");
    await waitForText(browser, "#consent-status", "Consent for photos of artwork recorded");
    nextPick(photo);
    await press(browser, "media-choose");
    await waitForText(browser, "#media-status", `Photo added to ${reference}`);
    const shown = await browser.execute(() => {
      const img = document.querySelector("#media-list img");
      return img instanceof HTMLImageElement ? { src: img.src.slice(0, 22), width: img.naturalWidth, alt: img.alt } : null;
    });
    assert.ok(shown, "the photo is shown");
    assert.equal(shown.src, "data:image/png;base64,", "served from memory, never a file");
    assert.equal(shown.width, 48, "the picture itself is whole");
    assert.match(shown.alt, new RegExp(`${reference}: Front view`));
    // A copy saved through the picker (with the warning) has no hidden text left.
    const id = (await browser.execute(() => document.querySelector("#media-list > li")?.id ?? "")).replace("media-", "");
    const folder = join(dir, "..", "copies");
    nextPick(folder);
    await waitForText(browser, `#media-${id}`, "not encrypted");
    await press(browser, `media-${id}-copy`);
    const saved = await waitForText(browser, `#media-${id}-status`, "Copy saved to");
    const path = saved.match(/Copy saved to (.+\.png)\./)?.[1];
    assert.ok(path && path.startsWith(folder), saved);
    assert.match(saved, /not encrypted/);
    const copy = readFileSync(path);
    assert.ok(copy.length > 0 && !copy.includes(HIDDEN), "the hidden text was stripped as the photo was added");
    await scrollTo(browser, "#media-list");
    await screenshot(browser, "artwork-04-photo-added-and-shown");
    await assertAccessible(browser, "the photos panel");

    // 4. Therapy ends: the piece now waits for collection.
    await scrollTo(browser, "#move-title");
    await pick(browser, "state-to", "Ended");
    await dateByKeyboard(browser, "state-on", dateParts(ended));
    await tabType(browser, "state-note", "Planned ending");
    await press(browser, "state-submit");
    await waitForText(browser, "#client-status", 'moved to "Ended"');
    const item = cliJson(dir, "artwork", "show", reference);
    assert.equal(item.state, "held");
    assert.ok(item.collectBy, "a held piece of an ended client has its collection date");

    // 5. The Artwork screen: by location, with the collection date.
    await navigate(browser, "nav-artwork", "Artwork");
    const piece = await waitForText(browser, `#piece-${reference}`, `Due for collection by ${item.collectBy}`);
    assert.match(piece, new RegExp(`${client.code} \\(${client.initials}\\)`));
    const section = await browser.execute(
      (ref) => document.getElementById(`piece-${ref}`)?.closest("section")?.querySelector("h2")?.textContent ?? "",
      reference,
    );
    assert.equal(section, PLACE, "listed under the location it is kept in");
    await scrollTo(browser, `#piece-${reference}`);
    await screenshot(browser, "artwork-05-inventory-due-for-collection");
    await assertAccessible(browser, "the Artwork screen");

    // 6. Home counts it.
    await press(browser, "nav-home");
    await waitFor(browser, "#home-heading");
    await waitForText(browser, "#artwork-home", `${PLACE}: 1 piece due for collection`);
    await scrollTo(browser, "#artwork-home-title");
    await screenshot(browser, "artwork-06-home-counts");

    // 7. Returned to the client's mother: it leaves the held list, with how it left.
    await press(browser, "artwork-home-open");
    await waitForText(browser, "main h1", "Artwork");
    await press(browser, `${reference}-return`);
    await tabType(browser, `${reference}-detail`, `${client.initials}'s mother`);
    await press(browser, `${reference}-submit`);
    const today = ukDate(daysAgo(0));
    await waitForText(browser, `#gone-${reference}-status`, `${reference}: Returned on ${today} to ${client.initials}'s mother.`);
    assert.equal(await (await browser.$(`#piece-${reference}`)).isExisting(), false, "no longer listed as held");
    await waitForText(browser, `#gone-${reference}`, `Returned on ${today}`);
    await scrollTo(browser, "#artwork-gone-title");
    await screenshot(browser, "artwork-07-returned");
    assert.equal(cliJson(dir, "artwork", "show", reference).state, "returned");
  } finally {
    await browser.deleteSession();
  }
});

test("photos whose consent was withdrawn are reviewed on Home: one kept with a reason, one destroyed for good", async () => {
  const dir = freshDir("media-review");
  cliDemoVault(dir);
  const waiting = cliJson(dir, "media", "review");
  assert.ok(waiting.length >= 2, "the demo's withdrawn photo consent leaves photos to review");
  const [keep, destroy] = waiting;

  const browser = await startApp(dir);
  try {
    await unlock(browser);
    const count = await waitForText(browser, "#media-review-count", "has been withdrawn or has expired");
    assert.match(count, new RegExp(`${waiting.length} photos and recordings`));
    await waitForText(browser, `#review-${keep.id}`, "withdrawn on");

    // Kept, with the reason.
    await press(browser, `review-${keep.id}-keep`);
    await tabType(browser, `review-${keep.id}-reason`, "The parent agreed in writing to keep the photos already taken.");
    await press(browser, `review-${keep.id}-submit`);
    await waitForText(browser, "#media-review-status", "kept, with your reason");
    assert.equal(await (await browser.$(`#review-${keep.id}`)).isExisting(), false, "no longer waiting");

    // Destroyed: the words say what will happen before anything is destroyed; a reason is needed.
    await press(browser, `review-${destroy.id}-destroy`);
    const warning = await waitForText(browser, `#review-${destroy.id}-warning`, "cannot be brought back");
    assert.match(warning, /The record that it existed, when it was destroyed and why, stays/);
    await press(browser, `review-${destroy.id}-submit`);
    await waitForText(browser, `#review-${destroy.id}-errors`, "Say why it is destroyed");
    await scrollTo(browser, "#media-review-title");
    await screenshot(browser, "artwork-08-destroy-asks-for-a-reason");
    await tabType(browser, `review-${destroy.id}-reason`, "Consent withdrawn by the parent.");
    await press(browser, `review-${destroy.id}-submit`);
    await waitForText(browser, "#media-review-status", "destroyed. The file is gone from the vault");
    await scrollTo(browser, "#media-review-title");
    await screenshot(browser, "artwork-09-photo-destroyed");
    await assertAccessible(browser, "the review on Home");

    // On the client's record: the tombstone, and the kept one still shown.
    await openClient(browser, destroy.client);
    await waitForText(browser, `#media-${destroy.id}-standing`, "Destroyed on");
    assert.equal(await (await browser.$(`#media-${destroy.id}-photo`)).isExisting(), false, "nothing left to show");
    await waitForText(browser, `#media-${keep.id}-standing`, "Kept after review");
    await scrollTo(browser, "#media-title");
    await screenshot(browser, "artwork-10-destroyed-on-the-record");
  } finally {
    await browser.deleteSession();
  }
});
