//! The correspondence log: thin over `folio_core::correspondence`.

use folio_core::correspondence::{self, Attachment, CorrespondenceEntry, CorrespondenceForm};
use tauri::State;

use super::Reply;
use crate::state::AppState;

/// `uploads` are ids from `begin_upload` whose pieces have all been sent.
#[tauri::command]
pub fn add_correspondence(
    code: String,
    entry: CorrespondenceForm,
    uploads: Vec<i64>,
    state: State<'_, AppState>,
) -> Reply<CorrespondenceEntry> {
    let attachments = uploads.into_iter().map(Attachment::Uploaded).collect();
    state.with_vault(|v| Ok(correspondence::add(&mut v.vault, &code, entry, attachments, None)?))
}

#[tauri::command]
pub fn list_correspondence(code: String, state: State<'_, AppState>) -> Reply<Vec<CorrespondenceEntry>> {
    state.with_vault(|v| Ok(correspondence::list(&v.vault, &code)?))
}
