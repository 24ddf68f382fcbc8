//! Importing clients from a spreadsheet: thin over `folio_core::import`.

use folio_core::import::{self, ImportPreview};
use tauri::State;

use super::Reply;
use crate::state::AppState;

/// Checks a spreadsheet (its text, as read by the UI, within the 64 MB limit); writes nothing.
#[tauri::command]
pub fn preview_import(csv: String, mapping: Vec<(String, String)>, state: State<'_, AppState>) -> Reply<ImportPreview> {
    state.with_vault(|v| Ok(import::preview_text(&v.vault, &csv, &mapping)?))
}

/// Imports the good rows of a spreadsheet in one transaction.
#[tauri::command]
pub fn import_clients(csv: String, mapping: Vec<(String, String)>, state: State<'_, AppState>) -> Reply<ImportPreview> {
    state.with_vault(|v| Ok(import::import_text(&mut v.vault, &csv, &mapping)?))
}
