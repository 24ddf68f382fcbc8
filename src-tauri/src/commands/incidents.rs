//! The incident and personal data breach log: thin over `folio_core::incidents`.

use folio_core::incidents::{self, DecisionForm, Incident, IncidentForm, ReportForm};
use tauri::State;

use super::Reply;
use crate::state::AppState;

#[tauri::command]
pub fn add_incident(incident: IncidentForm, state: State<'_, AppState>) -> Reply<Incident> {
    state.with_vault(|v| Ok(incidents::add(&mut v.vault, incident)?))
}

#[tauri::command]
pub fn report_incident(id: i64, report: ReportForm, state: State<'_, AppState>) -> Reply<Incident> {
    state.with_vault(|v| Ok(incidents::report(&mut v.vault, id, report)?))
}

#[tauri::command]
pub fn decide_incident(id: i64, decision: DecisionForm, state: State<'_, AppState>) -> Reply<Incident> {
    state.with_vault(|v| Ok(incidents::decide(&mut v.vault, id, decision)?))
}

#[tauri::command]
pub fn list_incidents(state: State<'_, AppState>) -> Reply<Vec<Incident>> {
    state.with_vault(|v| Ok(incidents::list(&v.vault)?))
}
