// The artwork inventory as a therapist keeps it, by keyboard only: a piece recorded on the
// client's record (refused without a description, then kept in a new location), therapy
// ended, the piece's collection date on the Artwork screen and on Home, and the piece
// marked as returned to the client's mother, which takes it off the list of what is held.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  assertAccessible,
  cliDemoVault,
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
  waitForText,
} from "./helpers.mjs";

async function press(browser, id) {
  await tabTo(browser, id);
  await browser.keys(["Enter"]);
}

async function scrollTo(browser, selector) {
  await (await browser.$(selector)).scrollIntoView({ block: "start" });
}

const PLACE = "Cabinet Z, drawer 9";

test("a piece is recorded by keyboard, falls due when therapy ends, and is marked returned", async () => {
  const dir = freshDir("artwork");
  cliDemoVault(dir, 8);
  const client = cliJson(dir, "client", "list", "--state", "in-therapy").find((c) => c.episode === 1) ??
    cliJson(dir, "client", "list", "--state", "in-therapy")[0];
  assert.ok(client, "the demo has a client in therapy");
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

    // 3. Therapy ends: the piece now waits for collection.
    await scrollTo(browser, "#move-title");
    await pick(browser, "state-to", "Ended");
    await dateByKeyboard(browser, "state-on", dateParts(ended));
    await tabType(browser, "state-note", "Planned ending");
    await press(browser, "state-submit");
    await waitForText(browser, "#client-status", 'moved to "Ended"');
    const shown = cliJson(dir, "artwork", "show", reference);
    assert.equal(shown.state, "held");
    assert.ok(shown.collectBy, "a held piece of an ended client has its collection date");

    // 4. The Artwork screen: by location, with the collection date.
    await navigate(browser, "nav-artwork", "Artwork");
    const piece = await waitForText(browser, `#piece-${reference}`, `Due for collection by ${shown.collectBy}`);
    assert.match(piece, new RegExp(`${client.code} \\(${client.initials}\\)`));
    const section = await browser.execute(
      (ref) => document.getElementById(`piece-${ref}`)?.closest("section")?.querySelector("h2")?.textContent ?? "",
      reference,
    );
    assert.equal(section, PLACE, "listed under the location it is kept in");
    await scrollTo(browser, `#piece-${reference}`);
    await screenshot(browser, "artwork-03-inventory-due-for-collection");
    await assertAccessible(browser, "the Artwork screen");

    // 5. Home counts it.
    await press(browser, "nav-home");
    await waitFor(browser, "#home-heading");
    await waitForText(browser, "#artwork-home", `${PLACE}: 1 piece due for collection`);
    await scrollTo(browser, "#artwork-home-title");
    await screenshot(browser, "artwork-04-home-counts");

    // 6. Returned to the client's mother: it leaves the held list, with how it left.
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
    await screenshot(browser, "artwork-05-returned");
    assert.equal(cliJson(dir, "artwork", "show", reference).state, "returned");
  } finally {
    await browser.deleteSession();
  }
});
