// Shared pieces of the end-to-end tests: start the real app through tauri-driver, type and
// click as a therapist would, take screenshots, run axe-core inside the webview.
import { execFileSync } from "node:child_process";
import { lstatSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { remote } from "webdriverio";

const need = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the end-to-end tests through scripts/e2e.sh`);
  return value;
};

export const APP = need("FOLIO_APP_BIN");
export const CLI = need("FOLIO_CLI_BIN");
export const SHOTS = need("FOLIO_SCREENSHOTS");
export const WORK = need("FOLIO_E2E_WORK");
export const HOME = need("FOLIO_E2E_HOME");
/** The app's throwaway TMPDIR (scripts/e2e.sh gives it one beside its HOME). */
export const TMP = need("FOLIO_E2E_TMP");
const PORT = Number(need("FOLIO_DRIVER_PORT"));
const PICKS = need("FOLIO_E2E_PICKS");

/** What the next native file or folder picker returns (the app's test seam, read at each
 * pick): the given paths, none for "cancelled", or `NATIVE` to open the real GTK dialog. */
export function nextPick(...paths) {
  writeFileSync(PICKS, paths.join("\n"));
}
export const NATIVE = "<native>";

const TODAY = need("FOLIO_E2E_TODAY");

/** The day the app's next unlock runs on (dd/mm/yyyy), or the real today when none: the
 * app's automation-only clock, read at each unlock. */
export function unlockOnDay(day = "") {
  writeFileSync(TODAY, day);
}

export const PASSWORD = "tangerine piano lighthouse 47";
export const NEW_PASSWORD = "quiet river copper saucepan";

/** A fresh folder for one test's vault (the vault itself is created inside it). */
export function freshDir(name) {
  return join(mkdtempSync(join(WORK, `${name}-`)), "vault");
}

export async function startApp(vaultDir) {
  const browser = await remote({
    hostname: "127.0.0.1",
    port: PORT,
    logLevel: "error",
    connectionRetryCount: 5,
    connectionRetryTimeout: 120_000,
    capabilities: {
      browserName: "wry",
      "tauri:options": { application: APP, args: ["--vault", vaultDir] },
      "wdio:enforceWebDriverClassic": true,
    },
  });
  await browser.setTimeout({ implicit: 0, script: 30_000 });
  return browser;
}

export async function waitFor(browser, selector, timeout = 20_000) {
  const el = await browser.$(selector);
  await el.waitForExist({ timeout, timeoutMsg: `${selector} did not appear within ${timeout} ms` });
  return el;
}

/** The element's text, or null while it is absent or being replaced: a notice that is
 * taken down and put up again between the look-up and the read is not yet there, not an
 * error. */
async function textOf(browser, selector) {
  try {
    const el = await browser.$(selector);
    return (await el.isExisting()) ? await el.getText() : null;
  } catch {
    return null;
  }
}

export async function waitForText(browser, selector, text, timeout = 20_000) {
  await browser.waitUntil(
    async () => (await textOf(browser, selector))?.includes(text) ?? false,
    { timeout, timeoutMsg: `${selector} did not show "${text}" within ${timeout} ms` },
  );
  return (await browser.$(selector)).getText();
}

/** Clicks into a field and types into it with WebDriver's element keyboard input.
 * (webdriverio's `browser.keys` with a character array collapses repeated letters.) */
export async function type(browser, id, text) {
  const field = await waitFor(browser, `#${id}`);
  await field.click();
  await field.clearValue();
  await field.addValue(text);
}

export async function pressEnter(browser) {
  await browser.keys(["Enter"]);
}

export async function screenshot(browser, name) {
  // Wait two animation frames so the picture is not a stale frame (PLATFORM-NOTES.md).
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
  await browser.saveScreenshot(join(SHOTS, `${name}.png`));
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Runs axe-core in the webview; returns serious and critical violations. */
export async function axeViolations(browser) {
  await browser.execute(axeSource);
  const violations = await browser.executeAsync((done) => {
    globalThis.axe
      .run(document, { resultTypes: ["violations"] })
      .then((r) => done(r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length, help: v.help }))))
      .catch((e) => done([{ id: "axe-error", impact: "critical", nodes: 0, help: String(e) }]));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Creates a demo vault with the CLI: `clients` fictional clients, the same ones for the
 * same seed (their dates follow today), and a clinical will (`--no-handover` in `extra`
 * leaves it out). The password is PASSWORD. */
export function cliDemoVault(dir, clients = 40, seed = 2026, ...extra) {
  execFileSync(CLI, ["demo", "--out", dir, "--clients", String(clients), "--seed", String(seed), "--password-stdin", ...extra], {
    input: `${PASSWORD}\n`,
  });
}

/** Asks the vault something through the CLI (before the app starts): `folio --json ...`. */
export function cliJson(dir, ...args) {
  const out = execFileSync(CLI, ["--vault", dir, "--json", "--password-stdin", ...args], { input: `${PASSWORD}\n` });
  return JSON.parse(out.toString());
}

/** A demo client in an open episode with at least `minSessions` sessions: a long client
 * record. Looks from the oldest referral, where the register is longest, and stops at the
 * first that qualifies (each CLI call unlocks the vault, which takes a moment). */
export function longOpenRecord(dir, minSessions = 20) {
  const open = cliJson(dir, "client", "list").filter((c) => !c.episodeClosed).reverse();
  for (const c of open) {
    const sessions = cliJson(dir, "session", "list", c.code).length;
    if (sessions >= minSessions) return { ...c, sessions };
  }
  throw new Error(`the demo vault has no open client with ${minSessions} sessions or more`);
}

/** Creates a vault with the CLI at the KDF floor (fast), for tests that start from one. */
export function cliCreateVault(dir, practice = "Riverside Music Therapy") {
  execFileSync(CLI, ["--vault", dir, "init", "--practice", practice, "--password-stdin", "--kdf-target-ms", "0"], {
    input: `${PASSWORD}\n`,
  });
}

/** Presses Tab until the element with `id` has focus (keyboard only), then returns it. */
export async function tabTo(browser, id, maxPresses = 250) {
  for (let i = 0; i < maxPresses; i++) {
    const active = await browser.execute(() => document.activeElement?.id ?? "");
    if (active === id) return browser.$(`#${id}`);
    await browser.keys(["Tab"]);
  }
  throw new Error(`Tab never reached #${id} in ${maxPresses} presses`);
}

/** Presses Tab until the focused element matches `selector` and its text is `text`
 * (a control without an id, such as a client's code in the list). */
export async function tabToText(browser, selector, text, maxPresses = 250) {
  for (let i = 0; i < maxPresses; i++) {
    const hit = await browser.execute(
      (sel, want) => {
        const a = document.activeElement;
        return !!a && a.matches(sel) && (a.textContent ?? "").trim() === want;
      },
      selector,
      text,
    );
    if (hit) return;
    await browser.keys(["Tab"]);
  }
  throw new Error(`Tab never reached ${selector} "${text}" in ${maxPresses} presses`);
}

/** Presses Tab until the focused element matches `selector` (a control without an id,
 * such as a note in a list or a search result). */
export async function tabToMatch(browser, selector, maxPresses = 250) {
  for (let i = 0; i < maxPresses; i++) {
    if (await browser.execute((sel) => !!document.activeElement?.matches(sel), selector)) return;
    await browser.keys(["Tab"]);
  }
  throw new Error(`Tab never reached ${selector} in ${maxPresses} presses`);
}

/** Tabs to a text field and types into it (WebDriver send-keys to the focused element). */
export async function tabType(browser, id, text) {
  const field = await tabTo(browser, id);
  await field.addValue(text);
}

/** Unlocks by keyboard with the password and waits for Home. */
export async function unlock(browser, password = PASSWORD) {
  await waitFor(browser, "#unlock-password", 30_000);
  await tabType(browser, "unlock-password", password);
  await browser.keys(["Enter"]);
  await waitFor(browser, "#home-heading", 30_000);
}

/** Chooses an option of a <select> by keyboard: Tab to it and type the option's words
 * (type-ahead), as a person would. */
export async function pick(browser, id, label) {
  const select = await tabTo(browser, id);
  await select.addValue(label);
  const chosen = await selectedText(browser, id);
  if (chosen !== label) throw new Error(`typing "${label}" into #${id} chose "${chosen}"`);
}

/** The text of the option a <select> shows. */
export async function selectedText(browser, id) {
  return browser.execute((sel) => {
    const el = document.getElementById(sel);
    return el instanceof HTMLSelectElement ? (el.options[el.selectedIndex]?.text ?? "") : "";
  }, id);
}

/** Types a date into a day / month / year field group by keyboard. */
export async function dateByKeyboard(browser, id, [day, month, year]) {
  for (const [part, value] of [["day", day], ["month", month], ["year", year]]) {
    const field = await tabTo(browser, `${id}-${part}`);
    await field.clearValue();
    await field.addValue(value);
  }
}

/** A day `n` days before today (the app's "today" is the computer's, as here). */
export function daysAgo(n) {
  const d = new Date();
  d.setHours(12, 0, 0, 0);
  d.setDate(d.getDate() - n);
  return d;
}

/** ["dd", "mm", "yyyy"] of a date, as typed into a date field. */
export function dateParts(d) {
  return [String(d.getDate()).padStart(2, "0"), String(d.getMonth() + 1).padStart(2, "0"), String(d.getFullYear())];
}

/** "dd/mm/yyyy", as the app shows a date. */
export function ukDate(d) {
  return dateParts(d).join("/");
}

/** The date of a "dd/mm/yyyy" string. */
export function fromUk(text) {
  const [day, month, year] = text.split("/").map(Number);
  return new Date(year, month - 1, day, 12);
}

/** Empties a text field by keyboard (select all, delete), so the page hears the change. */
export async function clearByKeyboard(browser, id) {
  await tabTo(browser, id);
  await browser.keys(["Control", "a"]);
  await browser.keys(["Backspace"]);
  const left = await browser.execute((sel) => document.getElementById(sel)?.value ?? null, id);
  if (left !== "") throw new Error(`#${id} still holds "${left}" after select-all and delete`);
}

/** Waits until the element's whole text (trimmed) is exactly `text`. */
export async function waitForExact(browser, selector, text, timeout = 20_000) {
  let last = "";
  await browser
    .waitUntil(
      async () => {
        last = (await textOf(browser, selector))?.trim() ?? "(absent)";
        return last === text;
      },
      { timeout },
    )
    .catch(() => {
      throw new Error(`${selector} showed "${last}", not "${text}", within ${timeout} ms`);
    });
}

/** Goes to a screen from the main navigation by keyboard and waits for its heading. */
export async function navigate(browser, navId, heading) {
  await tabTo(browser, navId);
  await browser.keys(["Enter"]);
  await waitForText(browser, "main h1", heading);
}

/** Finds a client in the list by its code (the search box) and opens the record, by keyboard. */
export async function openClient(browser, code) {
  await navigate(browser, "nav-clients", "Clients");
  await clearByKeyboard(browser, "client-search");
  await (await browser.$("#client-search")).addValue(code);
  await browser.keys(["Enter"]);
  await waitForExact(browser, "#clients-count", "1 client");
  await tabToText(browser, "#clients-table button", code);
  await browser.keys(["Enter"]);
  await waitForExact(browser, "#client-heading", code);
}

/** Fails the test with the serious and critical accessibility problems axe finds. */
export async function assertAccessible(browser, where) {
  const violations = await axeViolations(browser);
  if (violations.length > 0) throw new Error(`accessibility problems on ${where}: ${JSON.stringify(violations)}`);
}

/** Scrolls so the element sits at the very bottom of the window, as a pointer user who
 * scrolls just far enough to see a button; returns the room left below it (px). */
export async function scrollToBottomEdge(browser, selector) {
  return browser.execute((sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    window.scrollBy(0, el.getBoundingClientRect().bottom - window.innerHeight + 2);
    return window.innerHeight - el.getBoundingClientRect().bottom;
  }, selector);
}

/** Where a message sits and whether it is announced: its box against the viewport, whether
 * focus is on it (or inside it), and whether it (or an ancestor) is a status or alert region. */
export async function messagePlacement(browser, selector) {
  return browser.execute((sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    const active = document.activeElement;
    return {
      top: r.top,
      bottom: r.bottom,
      viewport: window.innerHeight,
      // Whole pixels: a box scrolled flush with the window's edge may overhang by a fraction.
      inView: r.height > 0 && Math.round(r.top) >= 0 && Math.round(r.bottom) <= window.innerHeight,
      focused: !!active && (active === el || el.contains(active)),
      live: !!el.closest('[role="status"], [role="alert"]'),
      scrollY: window.scrollY,
      pageHeight: document.documentElement.scrollHeight,
    };
  }, selector);
}

/** ASCII letters in lower case (other characters as they are), for text or bytes. */
function asciiLower(bytes) {
  const out = Buffer.from(bytes);
  for (let i = 0; i < out.length; i++) if (out[i] >= 0x41 && out[i] <= 0x5a) out[i] += 0x20;
  return out;
}

/** Reads every regular file under `dirs` (recursively; links are not followed) and reports
 * each of `secrets` found in one, as UTF-8 or UTF-16LE, ignoring ASCII case: `found` lists
 * "<secret> (<encoding>) in <path>". Also how many files and bytes were read. */
export function scanFor(dirs, secrets) {
  const needles = secrets.flatMap((s) => [
    [`${s} (UTF-8)`, asciiLower(Buffer.from(s, "utf8"))],
    [`${s} (UTF-16LE)`, asciiLower(Buffer.from(s, "utf16le"))],
  ]);
  const result = { files: 0, bytes: 0, found: [] };
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const info = lstatSync(path, { throwIfNoEntry: false });
      if (info?.isDirectory()) walk(path);
      else if (info?.isFile()) {
        const bytes = asciiLower(readFileSync(path));
        result.files += 1;
        result.bytes += bytes.length;
        for (const [what, needle] of needles) if (bytes.includes(needle)) result.found.push(`${what} in ${path}`);
      }
    }
  };
  for (const dir of dirs) walk(dir);
  return result;
}

/** Tabs to the button (or link) and presses Enter, as a keyboard user does. */
export async function press(browser, id) {
  await tabTo(browser, id);
  await browser.keys(["Enter"]);
}

/** Scrolls so the element is at the top of the window (for a screenshot of it). */
export async function scrollTo(browser, selector) {
  await (await browser.$(selector)).scrollIntoView({ block: "start" });
}

/** The id of the element that has focus ("" for none). */
export const focusedId = (browser) => browser.execute(() => document.activeElement?.id ?? "");
