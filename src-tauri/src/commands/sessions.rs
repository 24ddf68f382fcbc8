//! The attendance register: thin over `folio_core::sessions`.

use folio_core::sessions::settings::SessionSettings;
use folio_core::sessions::{self, AttendanceCounts, CheckReview, Register, Session, SessionForm};
use tauri::State;

use super::Reply;
use crate::state::AppState;

#[tauri::command]
pub fn list_sessions(code: String, state: State<'_, AppState>) -> Reply<Register> {
    state.with_vault(|v| Ok(sessions::register(&v.vault, &code)?))
}

#[tauri::command]
pub fn add_session(code: String, session: SessionForm, state: State<'_, AppState>) -> Reply<Session> {
    state.with_vault(|v| Ok(sessions::add(&mut v.vault, &code, session)?))
}

#[tauri::command]
pub fn set_session_outcome(code: String, id: i64, outcome: String, state: State<'_, AppState>) -> Reply<Session> {
    state.with_vault(|v| Ok(sessions::set_outcome(&mut v.vault, &code, id, &outcome)?))
}

#[tauri::command]
pub fn attendance(code: String, from: String, to: String, state: State<'_, AppState>) -> Reply<AttendanceCounts> {
    state.with_vault(|v| Ok(sessions::attendance(&v.vault, &code, &from, &to)?))
}

/// Sessions whose parent or carer checks await a safeguarding review (Home).
#[tauri::command]
pub fn session_reviews(state: State<'_, AppState>) -> Reply<Vec<CheckReview>> {
    state.with_vault(|v| Ok(sessions::reviews_due(&v.vault)?))
}

#[tauri::command]
pub fn session_settings(state: State<'_, AppState>) -> Reply<SessionSettings> {
    state.with_vault(|v| Ok(sessions::settings::settings(&v.vault)?))
}

/// `records` as the therapist chose it: "yes" or "no".
#[tauri::command]
pub fn set_records_sessions(records: String, state: State<'_, AppState>) -> Reply<SessionSettings> {
    state.with_vault(|v| Ok(sessions::settings::set_records_sessions(&mut v.vault, &records)?))
}
