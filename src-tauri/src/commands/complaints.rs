//! The complaints register: thin over `folio_core::complaints`.

use folio_core::complaints::{self, Complaint, ComplaintForm};
use tauri::State;

use super::Reply;
use crate::state::AppState;

#[tauri::command]
pub fn add_complaint(complaint: ComplaintForm, state: State<'_, AppState>) -> Reply<Complaint> {
    state.with_vault(|v| Ok(complaints::add(&mut v.vault, complaint)?))
}

#[tauri::command]
pub fn add_complaint_stage(id: i64, stage: String, on: String, state: State<'_, AppState>) -> Reply<Complaint> {
    state.with_vault(|v| Ok(complaints::add_stage(&mut v.vault, id, &stage, &on)?))
}

#[tauri::command]
pub fn close_complaint(
    id: i64,
    on: String,
    outcome: String,
    response: String,
    state: State<'_, AppState>,
) -> Reply<Complaint> {
    state.with_vault(|v| Ok(complaints::close(&mut v.vault, id, &on, &outcome, &response)?))
}

/// `code`: only that client's complaints; none for the whole register.
#[tauri::command]
pub fn list_complaints(code: Option<String>, state: State<'_, AppState>) -> Reply<Vec<Complaint>> {
    state.with_vault(|v| Ok(complaints::list(&v.vault, code.as_deref())?))
}
