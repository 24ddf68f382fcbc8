//! Printable reports: thin over `folio_core::reports`.

use tauri::State;

use super::Reply;
use crate::state::AppState;

/// Saves the attendance summary PDF into `folder`; returns the file's path.
#[tauri::command]
pub fn save_attendance_pdf(
    code: String,
    from: String,
    to: String,
    folder: String,
    state: State<'_, AppState>,
) -> Reply<String> {
    let folder = std::path::PathBuf::from(folder.trim());
    state.with_vault(|v| {
        Ok(folio_core::reports::save_attendance_pdf(&mut v.vault, &code, &from, &to, &folder)?.display().to_string())
    })
}
