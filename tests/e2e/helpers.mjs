// Shared pieces of the end-to-end tests: start the real app through tauri-driver, type and
// click as a therapist would, take screenshots, run axe-core inside the webview.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
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
const PORT = Number(need("FOLIO_DRIVER_PORT"));

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

export async function waitForText(browser, selector, text, timeout = 20_000) {
  await browser.waitUntil(
    async () => {
      const el = await browser.$(selector);
      return (await el.isExisting()) && (await el.getText()).includes(text);
    },
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

/** Tabs to a text field and types into it (WebDriver send-keys to the focused element). */
export async function tabType(browser, id, text) {
  const field = await tabTo(browser, id);
  await field.addValue(text);
}
