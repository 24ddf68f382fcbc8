//! Printable reports: thin over `folio_core::reports`; the folder is chosen in the native
//! folder picker.

use tauri::{AppHandle, State};

use super::Reply;
use crate::picker;
use crate::state::AppState;

/// Asks where to save the attendance summary PDF, then saves it there (never overwriting);
/// returns the file's path, or nothing if the therapist cancelled. Dates are checked
/// before the picker opens.
#[tauri::command]
pub async fn save_attendance_pdf(
    code: String,
    from: String,
    to: String,
    for_whom: String,
    app: AppHandle,
    state: State<'_, AppState>,
) -> Reply<Option<String>> {
    folio_core::sessions::parse_period(&from, &to)?;
    let Some(folder) = picker::folder(&app, "Save the attendance summary in…", &folio_core::paths::documents_dir())
    else {
        return Ok(None);
    };
    state.with_vault(|v| {
        let path = folio_core::reports::save_attendance_pdf(&mut v.vault, &code, &from, &to, &for_whom, &folder)?;
        Ok(Some(path.display().to_string()))
    })
}
