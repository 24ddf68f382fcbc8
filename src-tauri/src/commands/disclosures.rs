//! The disclosure register: thin over `folio_core::disclosures`.

use folio_core::blobs::Incoming;
use folio_core::disclosures::{self, Disclosure, DisclosureForm};
use tauri::State;

use super::Reply;
use crate::state::AppState;

/// `uploads` are ids from `attach_files` whose pieces have all been sent.
#[tauri::command]
pub fn add_disclosure(
    code: String,
    disclosure: DisclosureForm,
    uploads: Vec<i64>,
    state: State<'_, AppState>,
) -> Reply<Disclosure> {
    let attachments = uploads.into_iter().map(Incoming::Uploaded).collect();
    state.with_vault(|v| Ok(disclosures::add(&mut v.vault, &code, disclosure, attachments, None)?))
}

#[tauri::command]
pub fn list_disclosures(code: String, state: State<'_, AppState>) -> Reply<Vec<Disclosure>> {
    state.with_vault(|v| Ok(disclosures::list(&v.vault, &code)?))
}
