//! The request register: thin over `folio_core::requests`.

use folio_core::requests::{self, ExtensionForm, IdentityForm, RequestCloseForm, RequestForm, RightsRequest};
use tauri::State;

use super::Reply;
use crate::state::AppState;

#[tauri::command]
pub fn add_request(request: RequestForm, state: State<'_, AppState>) -> Reply<RightsRequest> {
    state.with_vault(|v| Ok(requests::add(&mut v.vault, request)?))
}

#[tauri::command]
pub fn check_request_identity(id: i64, identity: IdentityForm, state: State<'_, AppState>) -> Reply<RightsRequest> {
    state.with_vault(|v| Ok(requests::check_identity(&mut v.vault, id, identity)?))
}

#[tauri::command]
pub fn extend_request(id: i64, extension: ExtensionForm, state: State<'_, AppState>) -> Reply<RightsRequest> {
    state.with_vault(|v| Ok(requests::extend(&mut v.vault, id, extension)?))
}

#[tauri::command]
pub fn close_request(id: i64, closing: RequestCloseForm, state: State<'_, AppState>) -> Reply<RightsRequest> {
    state.with_vault(|v| Ok(requests::close(&mut v.vault, id, closing)?))
}

/// `code`: only that client's requests; none for the whole register.
#[tauri::command]
pub fn list_requests(code: Option<String>, state: State<'_, AppState>) -> Reply<Vec<RightsRequest>> {
    state.with_vault(|v| Ok(requests::list(&v.vault, code.as_deref())?))
}
