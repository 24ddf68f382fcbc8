//! Clinical notes: thin over `folio_core::notes`. The live identifier check keeps its
//! checker in the unlocked vault's slot ([`crate::state::UnlockedVault::live_check`]), so
//! it is built once per client rather than at every pause in typing.

use folio_core::notes::rules::Section;
use folio_core::notes::search::{self, SearchForm, SearchResults};
use folio_core::notes::templates::{self, Template};
use folio_core::notes::{
    self, Amendment, Draft, DraftText, KeptIdentifier, NewNote, Note, NoteSettings, NoteSummary, SectionHit,
};
use tauri::State;

use super::Reply;
use crate::state::AppState;

#[tauri::command]
pub fn start_note(code: String, note: NewNote, state: State<'_, AppState>) -> Reply<Note> {
    state.with_vault(|v| Ok(notes::start(&mut v.vault, &code, note)?))
}

/// The autosave: every few seconds while the therapist types, and when she leaves a field.
#[tauri::command]
pub fn save_draft(id: i64, draft: DraftText, state: State<'_, AppState>) -> Reply<NoteSummary> {
    state.with_vault(|v| Ok(notes::save_draft(&mut v.vault, id, draft)?))
}

#[tauri::command]
pub fn discard_draft(id: i64, state: State<'_, AppState>) -> Reply<()> {
    state.with_vault(|v| Ok(notes::discard(&mut v.vault, id)?))
}

/// In the app each hit is kept one by one with its reason (in the draft's `kept`), so there
/// is no keep-all here.
#[tauri::command]
pub fn sign_note(id: i64, state: State<'_, AppState>) -> Reply<Note> {
    state.with_vault(|v| Ok(notes::sign(&mut v.vault, id, None)?))
}

#[tauri::command]
pub fn amend_note(id: i64, amendment: Amendment, state: State<'_, AppState>) -> Reply<Note> {
    state.with_vault(|v| Ok(notes::amend(&mut v.vault, id, amendment, None)?))
}

#[tauri::command]
pub fn get_note(id: i64, state: State<'_, AppState>) -> Reply<Note> {
    state.with_vault(|v| Ok(notes::show(&v.vault, id)?))
}

#[tauri::command]
pub fn list_notes(code: String, state: State<'_, AppState>) -> Reply<Vec<NoteSummary>> {
    state.with_vault(|v| Ok(notes::list(&v.vault, &code)?))
}

#[tauri::command]
pub fn list_drafts(state: State<'_, AppState>) -> Reply<Vec<Draft>> {
    state.with_vault(|v| Ok(notes::drafts(&v.vault)?))
}

#[tauri::command]
pub fn check_note(
    code: String,
    sections: Vec<Section>,
    kept: Vec<KeptIdentifier>,
    state: State<'_, AppState>,
) -> Reply<Vec<SectionHit>> {
    state.with_vault(|v| Ok(v.live_check.check(&v.vault, &code, &sections, &kept)?))
}

#[tauri::command]
pub fn search_notes(search: SearchForm, state: State<'_, AppState>) -> Reply<SearchResults> {
    state.with_vault(|v| Ok(search::search_results(&v.vault, &search)?))
}

#[tauri::command]
pub fn list_templates(state: State<'_, AppState>) -> Reply<Vec<Template>> {
    state.with_vault(|v| Ok(templates::list(&v.vault)?))
}

/// `headings` as typed, one per line.
#[tauri::command]
pub fn set_template(template: String, headings: String, state: State<'_, AppState>) -> Reply<Template> {
    state.with_vault(|v| Ok(templates::set(&mut v.vault, &template, &headings)?))
}

#[tauri::command]
pub fn reset_template(template: String, state: State<'_, AppState>) -> Reply<Template> {
    state.with_vault(|v| Ok(templates::reset(&mut v.vault, &template)?))
}

#[tauri::command]
pub fn note_settings(state: State<'_, AppState>) -> Reply<NoteSettings> {
    state.with_vault(|v| Ok(notes::settings(&v.vault)?))
}

/// `days` as typed (1 to 90).
#[tauri::command]
pub fn set_draft_days(days: String, state: State<'_, AppState>) -> Reply<NoteSettings> {
    state.with_vault(|v| Ok(notes::set_draft_days(&mut v.vault, &days)?))
}
