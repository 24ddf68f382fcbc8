//! The safeguarding log: thin over `folio_core::safeguarding`.

use folio_core::safeguarding::{self, SafeguardingEntry, SafeguardingForm};
use tauri::State;

use super::Reply;
use crate::state::AppState;

/// `keep_identifiers`: the therapist's reason for keeping what the identifier check found
/// in the entry's text; without it such an entry is refused (field `text`).
#[tauri::command]
pub fn add_safeguarding_entry(
    code: String,
    entry: SafeguardingForm,
    keep_identifiers: Option<String>,
    state: State<'_, AppState>,
) -> Reply<SafeguardingEntry> {
    state.with_vault(|v| Ok(safeguarding::add(&mut v.vault, &code, entry, keep_identifiers.as_deref())?))
}

#[tauri::command]
pub fn list_safeguarding(code: String, state: State<'_, AppState>) -> Reply<Vec<SafeguardingEntry>> {
    state.with_vault(|v| Ok(safeguarding::list(&v.vault, &code)?))
}
