//! The consent ledger: thin over `folio_core::consents`.

use folio_core::consents::{self, Consent, ConsentForm, Intervals, ToldFile};
use tauri::State;

use super::Reply;
use crate::state::AppState;

/// `upload`: the id from `attach_files` of the form the person was told with, if any.
#[tauri::command]
pub fn add_consent(
    code: String,
    consent: ConsentForm,
    upload: Option<i64>,
    state: State<'_, AppState>,
) -> Reply<Consent> {
    state.with_vault(|v| Ok(consents::add(&mut v.vault, &code, consent, upload.map(ToldFile::Uploaded))?))
}

#[tauri::command]
pub fn review_consent(id: i64, on: String, note: String, state: State<'_, AppState>) -> Reply<Consent> {
    state.with_vault(|v| Ok(consents::review(&mut v.vault, id, &on, &note)?))
}

#[tauri::command]
pub fn withdraw_consent(id: i64, on: String, by: String, state: State<'_, AppState>) -> Reply<Consent> {
    state.with_vault(|v| Ok(consents::withdraw(&mut v.vault, id, &on, &by)?))
}

#[tauri::command]
pub fn get_consent(id: i64, state: State<'_, AppState>) -> Reply<Consent> {
    state.with_vault(|v| Ok(consents::show(&v.vault, id)?))
}

/// `code`: one client's consents, or none for the whole practice's.
#[tauri::command]
pub fn list_consents(code: Option<String>, state: State<'_, AppState>) -> Reply<Vec<Consent>> {
    state.with_vault(|v| Ok(consents::list(&v.vault, code.as_deref())?))
}

/// `as_of` dd/mm/yyyy as typed; empty is today.
#[tauri::command]
pub fn consents_due(as_of: String, state: State<'_, AppState>) -> Reply<Vec<Consent>> {
    state.with_vault(|v| Ok(consents::due(&v.vault, &as_of)?))
}

#[tauri::command]
pub fn consent_intervals(state: State<'_, AppState>) -> Reply<Vec<Intervals>> {
    state.with_vault(|v| Ok(consents::intervals(&v.vault)?))
}

/// The months as typed.
#[tauri::command]
pub fn set_consent_intervals(
    purpose: String,
    review_months: String,
    refresh_months: String,
    state: State<'_, AppState>,
) -> Reply<Intervals> {
    state.with_vault(|v| Ok(consents::set_intervals(&mut v.vault, &purpose, &review_months, &refresh_months)?))
}
