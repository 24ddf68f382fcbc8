//! Tauri commands for the practice record: one core call each (STYLE.md).

use folio_core::dates::{parse_uk, today};
use folio_core::practice::clients::{self, ClientFilter, ClientRecord, ClientSort, ClientSummary};
use folio_core::practice::lifecycle::ClientState;
use folio_core::practice::referral::ReferralForm;
use folio_core::practice::sessions::{self, AttendanceCounts, NewSession, Outcome, Session};
use tauri::State;

use crate::dto::{ClientFilterRequest, FolioError, SessionRequest};
use crate::state::AppState;

type Reply<T> = Result<T, FolioError>;

#[tauri::command]
pub fn list_clients(filter: ClientFilterRequest, state: State<'_, AppState>) -> Reply<Vec<ClientSummary>> {
    let filter = ClientFilter {
        state: filter.state,
        modality: filter.modality,
        setting: filter.setting,
        safeguarding: filter.safeguarding,
        search: filter.search,
        sort: if filter.sort_by_code { ClientSort::Code } else { ClientSort::ReferralDate },
    };
    state.with_session(|s| Ok(clients::list(s.vault.connection(), &filter)?))
}

#[tauri::command]
pub fn get_client(code: String, state: State<'_, AppState>) -> Reply<ClientRecord> {
    state.with_session(|s| Ok(clients::show(s.vault.connection(), &code)?))
}

#[tauri::command]
pub fn add_referral(form: ReferralForm, state: State<'_, AppState>) -> Reply<ClientSummary> {
    state.with_session(|s| Ok(clients::add_referral(&mut s.vault, form, today())?))
}

#[tauri::command]
pub fn update_referral(code: String, form: ReferralForm, state: State<'_, AppState>) -> Reply<ClientSummary> {
    state.with_session(|s| Ok(clients::update_referral(&mut s.vault, &code, form, today())?))
}

#[tauri::command]
pub fn change_client_state(
    code: String,
    to: ClientState,
    on: String,
    note: String,
    state: State<'_, AppState>,
) -> Reply<ClientSummary> {
    let on = parse_uk("on", "date", &on)?;
    state.with_session(|s| Ok(clients::change_state(&mut s.vault, &code, to, on, &note, today())?))
}

#[tauri::command]
pub fn re_refer(code: String, on: String, note: String, state: State<'_, AppState>) -> Reply<ClientSummary> {
    let on = parse_uk("on", "date", &on)?;
    state.with_session(|s| Ok(clients::re_refer(&mut s.vault, &code, on, &note, today())?))
}

#[tauri::command]
pub fn list_sessions(code: String, state: State<'_, AppState>) -> Reply<Vec<Session>> {
    state.with_session(|s| Ok(sessions::list(s.vault.connection(), &code, None)?))
}

#[tauri::command]
pub fn add_session(code: String, session: SessionRequest, state: State<'_, AppState>) -> Reply<Session> {
    let new = NewSession {
        on: parse_uk("on", "session date", &session.on)?,
        start_time: session.start_time,
        minutes: session.minutes,
        mode: session.mode,
        outcome: session.outcome,
        platform: session.platform,
        parent_contacted_start: session.parent_contacted_start,
        parent_contacted_end: session.parent_contacted_end,
        parent_nearby: session.parent_nearby,
    };
    state.with_session(|s| Ok(sessions::add(&mut s.vault, &code, new, today())?))
}

#[tauri::command]
pub fn set_session_outcome(code: String, id: i64, outcome: Outcome, state: State<'_, AppState>) -> Reply<Session> {
    state.with_session(|s| Ok(sessions::set_outcome(&mut s.vault, &code, id, outcome, today())?))
}

#[tauri::command]
pub fn attendance(code: String, from: String, to: String, state: State<'_, AppState>) -> Reply<AttendanceCounts> {
    let from = parse_uk("from", "start of the period", &from)?;
    let to = parse_uk("to", "end of the period", &to)?;
    state.with_session(|s| Ok(sessions::attendance(s.vault.connection(), &code, from, to)?))
}
