//! The vault: create, unlock, lock, change password, settings, verify. Passwords arrive as
//! raw request bodies, never as JSON strings, and are moved into zeroizing buffers at once.

use std::path::PathBuf;

use folio_core::autolock::Uptime;
use folio_core::{strength, vault, CreateOptions, Password, Vault};
use percent_encoding::percent_decode_str;
use tauri::ipc::{InvokeBody, Request};
use tauri::{AppHandle, Emitter, Manager, State};

use super::Reply;
use crate::dto::{
    AppInfo, FolioError, LockReason, LockedEvent, PasswordStrength, VaultInfo, VaultProbe, VerifySummary,
};
use crate::state::{AppState, UnlockedVault};

pub const LOCKED_EVENT: &str = "folio://locked";

/// The raw body as a password. The request keeps its own copy, which Tauri frees when the
/// call ends (it cannot be wiped from here); ours is wiped on drop.
pub(super) fn raw_password(request: &Request<'_>) -> Reply<Password> {
    match request.body() {
        InvokeBody::Raw(bytes) => Ok(Password::new(bytes.clone())),
        InvokeBody::Json(_) => Err(FolioError::invalid("password", "The password must be sent as raw bytes.")),
    }
}

pub(super) fn header(request: &Request<'_>, name: &str, field: &str) -> Reply<String> {
    let value = request
        .headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .ok_or_else(|| FolioError::invalid(field, "A required value is missing."))?;
    percent_decode_str(value)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| FolioError::invalid(field, "This value is not valid text."))
}

pub(super) fn vault_dir(request: &Request<'_>) -> Reply<PathBuf> {
    Ok(vault::folder_from_text(&header(request, "folio-dir", "dir")?)?)
}

pub(super) fn start_unlocked(state: &AppState, vault: Vault) -> Reply<VaultInfo> {
    let _ = folio_core::paths::remember_vault_dir(vault.dir());
    state.set_suggested_dir(vault.dir().to_path_buf());
    let unlocked = UnlockedVault::new(vault)?;
    let info = unlocked.info()?;
    let mut guard = state.unlocked();
    if let Some(previous) = guard.replace(unlocked) {
        let _ = previous.vault.lock();
    }
    Ok(info)
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Reply<AppInfo> {
    let unlocked = match state.unlocked().as_ref() {
        Some(u) => Some(u.info()?),
        None => None,
    };
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").into(),
        suggested_vault_dir: state.suggested_dir().display().to_string(),
        unlocked,
    })
}

#[tauri::command]
pub fn probe_vault(dir: String) -> Reply<VaultProbe> {
    let path = PathBuf::from(dir.trim());
    Ok(VaultProbe { dir: path.display().to_string(), kind: vault::probe(&path)? })
}

#[tauri::command]
pub fn password_strength(request: Request<'_>) -> Reply<PasswordStrength> {
    let password = raw_password(&request)?;
    let verdict = strength::check(&password, &[]);
    Ok(PasswordStrength {
        score: u32::from(verdict.score),
        acceptable: verdict.acceptable,
        summary: verdict.summary,
        suggestions: verdict.suggestions,
    })
}

/// The create screen's folder and practice name, all problems at once; writes nothing.
#[tauri::command]
pub fn check_new_vault(dir: String, practice_name: String) -> Reply<()> {
    Ok(vault::check_new_vault(&dir, &practice_name)?)
}

#[tauri::command]
pub async fn create_vault(request: Request<'_>, state: State<'_, AppState>) -> Reply<VaultInfo> {
    let password = raw_password(&request)?;
    let dir = vault_dir(&request)?;
    let practice = header(&request, "folio-practice", "practiceName")?;
    let vault = Vault::create(&dir, &practice, &password, &CreateOptions::default())?;
    drop(password);
    start_unlocked(&state, vault)
}

#[tauri::command]
pub async fn unlock_vault(request: Request<'_>, state: State<'_, AppState>) -> Reply<VaultInfo> {
    let password = raw_password(&request)?;
    let dir = vault_dir(&request)?;
    let vault = Vault::unlock_on(&dir, &password, crate::automation::clock())?;
    drop(password);
    start_unlocked(&state, vault)
}

#[tauri::command]
pub fn lock_vault(app: AppHandle, state: State<'_, AppState>) {
    state.lock();
    let _ = app.emit(LOCKED_EVENT, LockedEvent { reason: LockReason::User });
}

/// Body: 4-byte big-endian length of the current password, the current password, then
/// the new password.
#[tauri::command]
pub async fn change_password(request: Request<'_>, state: State<'_, AppState>) -> Reply<()> {
    let body = raw_password(&request)?;
    let bytes = body.as_bytes();
    let malformed = || FolioError::invalid("currentPassword", "The passwords did not arrive intact. Try again.");
    let len_bytes: [u8; 4] = bytes.get(..4).and_then(|b| b.try_into().ok()).ok_or_else(malformed)?;
    let len = u32::from_be_bytes(len_bytes) as usize;
    let current = bytes.get(4..4 + len).ok_or_else(malformed)?;
    let new = bytes.get(4 + len..).ok_or_else(malformed)?;
    let current = Password::new(current.to_vec());
    let new = Password::new(new.to_vec());
    state.with_vault(|s| Ok(s.vault.change_password(&current, &new)?))
}

#[tauri::command]
pub fn set_auto_lock(minutes: String, state: State<'_, AppState>) -> Reply<VaultInfo> {
    state.with_vault(|s| {
        let settings = s.vault.set_auto_lock(&minutes)?;
        s.timer.set_minutes(settings.auto_lock_minutes);
        s.info()
    })
}

/// Checks every page, the structure, both key file copies and the audit chain. Reads only.
#[tauri::command]
pub async fn verify_vault(state: State<'_, AppState>) -> Reply<VerifySummary> {
    state.with_vault(|v| {
        let report = v.vault.verify()?;
        Ok(VerifySummary { ok: report.is_ok(), checks: report.checks() })
    })
}

#[tauri::command]
pub fn record_activity(state: State<'_, AppState>) {
    if let Some(s) = state.unlocked().as_mut() {
        s.timer.touch(Uptime::now());
    }
}

/// Checks the idle timer every few seconds and tells the window when it locked.
pub fn spawn_idle_watch(app: AppHandle) {
    std::thread::spawn(move || loop {
        std::thread::sleep(std::time::Duration::from_secs(2));
        if app.state::<AppState>().lock_if_idle(Uptime::now()) {
            let _ = app.emit(LOCKED_EVENT, LockedEvent { reason: LockReason::Idle });
        }
    });
}
