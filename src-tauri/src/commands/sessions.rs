//! The attendance register: thin over `folio_core::sessions`.

use folio_core::sessions::{self, AttendanceCounts, Register, Session, SessionForm};
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
