//! Retention: thin over `folio_core::retention`. The policy and its presets, where each
//! record stands, the retention screen's groups, and legal holds.

use folio_core::retention::{self, Entry, Hold, Overview, PolicyChange, PolicyView, Preset};
use tauri::State;

use super::Reply;
use crate::state::AppState;

#[tauri::command]
pub fn retention_presets() -> Reply<Vec<Preset>> {
    Ok(retention::presets().to_vec())
}

/// The policy in force, in words; none before one is chosen.
#[tauri::command]
pub fn retention_policy(state: State<'_, AppState>) -> Reply<Option<PolicyView>> {
    state.with_vault(|v| Ok(retention::policy_view(&v.vault)?))
}

#[tauri::command]
pub fn set_retention_preset(preset: String, state: State<'_, AppState>) -> Reply<PolicyView> {
    state.with_vault(|v| Ok(retention::view_of(&retention::set_preset(&mut v.vault, &preset)?)))
}

/// Replaces one category's rule with the cases as written (one a line); every date is
/// worked out again. The change is kept with the old and new rule.
#[tauri::command]
pub fn set_retention_rule(category: String, cases: Vec<String>, state: State<'_, AppState>) -> Reply<PolicyView> {
    state.with_vault(|v| Ok(retention::view_of(&retention::set_rule_text(&mut v.vault, &category, &cases)?.1)))
}

/// The cases as written, in words, before saving; or what to fix. Changes nothing.
#[tauri::command]
pub fn describe_retention_rule(cases: Vec<String>) -> Reply<String> {
    Ok(retention::describe_rule_text(&cases)?)
}

/// Every change of policy, oldest first, each with the rules it changed in words.
#[tauri::command]
pub fn retention_policy_changes(state: State<'_, AppState>) -> Reply<Vec<PolicyChange>> {
    state.with_vault(|v| Ok(retention::changes(&v.vault)?))
}

/// One client's records, each with "kept until" and why.
#[tauri::command]
pub fn client_retention(code: String, state: State<'_, AppState>) -> Reply<Vec<Entry>> {
    state.with_vault(|v| Ok(retention::client_status(&v.vault, &code)?))
}

#[tauri::command]
pub fn retention_overview(state: State<'_, AppState>) -> Reply<Overview> {
    state.with_vault(|v| Ok(retention::overview(&v.vault)?))
}

#[tauri::command]
pub fn list_holds(code: Option<String>, state: State<'_, AppState>) -> Reply<Vec<Hold>> {
    state.with_vault(|v| Ok(retention::holds(&v.vault, code.as_deref())?))
}

#[tauri::command]
pub fn place_hold(code: String, reason: String, state: State<'_, AppState>) -> Reply<Hold> {
    state.with_vault(|v| Ok(retention::hold(&mut v.vault, &code, &reason)?))
}

#[tauri::command]
pub fn release_hold(code: String, state: State<'_, AppState>) -> Reply<Hold> {
    state.with_vault(|v| Ok(retention::release(&mut v.vault, &code)?))
}
