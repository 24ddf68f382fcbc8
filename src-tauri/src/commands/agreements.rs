//! Agreements (confidentiality agreement, therapy contract, work agreement): thin over
//! `folio_core::agreements`.

use folio_core::agreements::{self, Agreement, AgreementForm};
use folio_core::blobs::Incoming;
use tauri::State;

use super::Reply;
use crate::state::AppState;

/// `upload`: the id from `attach_files` of the signed copy, if any.
#[tauri::command]
pub fn add_agreement(
    code: String,
    agreement: AgreementForm,
    upload: Option<i64>,
    state: State<'_, AppState>,
) -> Reply<Agreement> {
    state.with_vault(|v| Ok(agreements::add(&mut v.vault, &code, agreement, upload.map(Incoming::Uploaded))?))
}

#[tauri::command]
pub fn list_agreements(code: String, state: State<'_, AppState>) -> Reply<Vec<Agreement>> {
    state.with_vault(|v| Ok(agreements::list(&v.vault, &code)?))
}
