//! Attachments sent from the window in pieces: thin over `folio_core::blobs`.

use folio_core::blobs;
use tauri::ipc::{InvokeBody, Request};
use tauri::State;

use super::Reply;
use crate::dto::FolioError;
use crate::state::AppState;

/// Starts sending an attachment in pieces; returns the upload id.
#[tauri::command]
pub fn begin_upload(file_name: String, state: State<'_, AppState>) -> Reply<i64> {
    state.with_vault(|v| Ok(blobs::begin_upload(&mut v.vault, &file_name)?))
}

/// One piece of an upload: the raw body, with the upload id in the `folio-upload` header.
/// Returns the bytes received so far.
#[tauri::command]
pub fn append_upload(request: Request<'_>, state: State<'_, AppState>) -> Reply<i64> {
    let InvokeBody::Raw(piece) = request.body() else {
        return Err(FolioError::invalid("attachment", "The file must be sent as raw bytes."));
    };
    let upload_id = request
        .headers()
        .get("folio-upload")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<i64>().ok())
        .ok_or_else(|| FolioError::invalid("attachment", "The upload id is missing."))?;
    state.with_vault(|v| Ok(blobs::append_upload(&mut v.vault, upload_id, piece)?))
}
