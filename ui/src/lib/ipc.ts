// The only module that imports @tauri-apps/api. Screens talk to `FolioApi`, so tests can
// hand them a mock. Passwords go as raw bytes and the byte arrays are zero-filled after
// each call (docs/ipc.md).
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { AppInfo } from "./generated/AppInfo";
import type { LockedEvent } from "./generated/LockedEvent";
import type { PasswordStrength } from "./generated/PasswordStrength";
import type { SessionInfo } from "./generated/SessionInfo";
import type { VaultProbe } from "./generated/VaultProbe";
import type { VerifySummary } from "./generated/VerifySummary";
import { toFolioError } from "./errors";
import { encodePassword, encodePasswordPair } from "./password";

export interface FolioApi {
  appInfo(): Promise<AppInfo>;
  probeVault(dir: string): Promise<VaultProbe>;
  passwordStrength(password: string): Promise<PasswordStrength>;
  createVault(dir: string, practiceName: string, password: string): Promise<SessionInfo>;
  unlockVault(dir: string, password: string): Promise<SessionInfo>;
  lockVault(): Promise<void>;
  changePassword(current: string, next: string): Promise<void>;
  setAutoLock(minutes: number): Promise<SessionInfo>;
  verifyVault(): Promise<VerifySummary>;
  recordActivity(): Promise<void>;
  onLocked(handler: (event: LockedEvent) => void): Promise<() => void>;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toFolioError(e);
  }
}

/** Sends `bytes` as the raw body, then wipes them whatever happened. */
async function callWithBytes<T>(command: string, bytes: Uint8Array, headers: Record<string, string> = {}): Promise<T> {
  try {
    return await invoke<T>(command, bytes, { headers });
  } catch (e) {
    throw toFolioError(e);
  } finally {
    bytes.fill(0);
  }
}

export const tauriApi: FolioApi = {
  appInfo: () => call("app_info"),
  probeVault: (dir) => call("probe_vault", { dir }),
  passwordStrength: (password) => callWithBytes("password_strength", encodePassword(password)),
  createVault: (dir, practiceName, password) =>
    callWithBytes("create_vault", encodePassword(password), {
      "folio-dir": encodeURIComponent(dir),
      "folio-practice": encodeURIComponent(practiceName),
    }),
  unlockVault: (dir, password) =>
    callWithBytes("unlock_vault", encodePassword(password), { "folio-dir": encodeURIComponent(dir) }),
  lockVault: () => call("lock_vault"),
  changePassword: (current, next) => callWithBytes("change_password", encodePasswordPair(current, next)),
  setAutoLock: (minutes) => call("set_auto_lock", { minutes }),
  verifyVault: () => call("verify_vault"),
  recordActivity: () => call("record_activity"),
  onLocked: (handler) => listen<LockedEvent>("folio://locked", (event) => handler(event.payload)),
};
