//! Backups: the folder picked in the native dialog (where a USB drive appears), the copy
//! made with progress told to the window, the list and the reminder; each a line or two
//! over `folio_core::backups`.

use folio_core::backups::{self, Backup, BackupStatus};
use tauri::{AppHandle, Emitter, State};

use super::Reply;
use crate::dto::BackupProgress;
use crate::picker;
use crate::state::AppState;

pub const BACKUP_PROGRESS_EVENT: &str = "folio://backup-progress";

/// Asks for the folder (the backup drive), then backs up into it; the backup, or nothing
/// if the therapist cancelled.
#[tauri::command]
pub async fn take_backup(app: AppHandle, state: State<'_, AppState>) -> Reply<Option<Backup>> {
    // Pick before taking the vault: the dialog may stay open a long time.
    let Some(folder) = picker::folder(&app, "Back up into…", &folio_core::paths::removable_drives_dir()) else {
        return Ok(None);
    };
    state.with_vault(|v| {
        Ok(Some(backups::take(&mut v.vault, &folder, &mut |done, all| {
            let _ = app.emit(BACKUP_PROGRESS_EVENT, BackupProgress { done, all });
        })?))
    })
}

#[tauri::command]
pub fn list_backups(state: State<'_, AppState>) -> Reply<Vec<Backup>> {
    state.with_vault(|v| Ok(backups::list(&v.vault)?))
}

#[tauri::command]
pub fn backup_status(state: State<'_, AppState>) -> Reply<BackupStatus> {
    state.with_vault(|v| Ok(backups::status(&v.vault)?))
}
