//! Clients and referrals: thin over `folio_core::clients`.

use folio_core::clients::{self, ClientFilter, ClientRecord, ClientSummary};
use folio_core::referrals::ReferralForm;
use tauri::State;

use super::Reply;
use crate::state::AppState;

#[tauri::command]
pub fn list_clients(filter: ClientFilter, state: State<'_, AppState>) -> Reply<Vec<ClientSummary>> {
    state.with_vault(|v| Ok(clients::list(&v.vault, &filter)?))
}

#[tauri::command]
pub fn get_client(code: String, state: State<'_, AppState>) -> Reply<ClientRecord> {
    state.with_vault(|v| Ok(clients::show(&v.vault, &code)?))
}

#[tauri::command]
pub fn add_referral(form: ReferralForm, state: State<'_, AppState>) -> Reply<ClientSummary> {
    state.with_vault(|v| Ok(clients::add_referral(&mut v.vault, form)?))
}

#[tauri::command]
pub fn update_referral(code: String, form: ReferralForm, state: State<'_, AppState>) -> Reply<ClientSummary> {
    state.with_vault(|v| Ok(clients::update_referral(&mut v.vault, &code, form)?))
}

#[tauri::command]
pub fn change_client_state(
    code: String,
    to: String,
    on: String,
    note: String,
    state: State<'_, AppState>,
) -> Reply<ClientSummary> {
    state.with_vault(|v| Ok(clients::change_state(&mut v.vault, &code, &to, &on, &note)?))
}

#[tauri::command]
pub fn re_refer(code: String, on: String, note: String, state: State<'_, AppState>) -> Reply<ClientSummary> {
    state.with_vault(|v| Ok(clients::re_refer(&mut v.vault, &code, &on, &note)?))
}
