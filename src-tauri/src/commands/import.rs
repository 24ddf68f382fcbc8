//! Importing clients from a spreadsheet: thin over `folio_core::import`.

use folio_core::import::{self, ImportPreview};
use tauri::State;

use super::Reply;
use crate::state::AppState;

/// Checks a spreadsheet (its text, as read by the UI); writes nothing.
#[tauri::command]
pub fn preview_import(csv: String, mapping: Vec<(String, String)>, state: State<'_, AppState>) -> Reply<ImportPreview> {
    state.with_vault(|v| Ok(import::preview(&v.vault, &mut csv.as_bytes(), &mapping)?))
}

/// Imports the good rows of a spreadsheet in one transaction.
#[tauri::command]
pub fn import_clients(csv: String, mapping: Vec<(String, String)>, state: State<'_, AppState>) -> Reply<ImportPreview> {
    state.with_vault(|v| Ok(import::import(&mut v.vault, &mut csv.as_bytes(), &mapping)?))
}
