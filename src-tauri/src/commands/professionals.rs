//! The professionals directory: thin over `folio_core::professionals`.

use folio_core::professionals::{self, Professional, ProfessionalForm};
use tauri::State;

use super::Reply;
use crate::state::AppState;

#[tauri::command]
pub fn list_professionals(state: State<'_, AppState>) -> Reply<Vec<Professional>> {
    state.with_vault(|v| Ok(professionals::list(&v.vault)?))
}

#[tauri::command]
pub fn add_professional(professional: ProfessionalForm, state: State<'_, AppState>) -> Reply<Professional> {
    state.with_vault(|v| Ok(professionals::add(&mut v.vault, professional)?))
}

#[tauri::command]
pub fn link_professional(code: String, id: i64, state: State<'_, AppState>) -> Reply<()> {
    state.with_vault(|v| Ok(professionals::link(&mut v.vault, &code, id)?))
}
