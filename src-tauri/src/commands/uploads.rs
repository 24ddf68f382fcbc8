//! Attachments: the therapist picks files in the native dialog, and the shell streams each
//! into a pending upload in the vault (`folio_core::blobs::upload_file`), telling the
//! window how far it has got. A record claims the uploads in its own audited write.

use folio_core::blobs::{self, PendingUpload};
use tauri::{AppHandle, Emitter, State};

use super::Reply;
use crate::dto::UploadProgress;
use crate::picker;
use crate::state::AppState;

pub const UPLOAD_PROGRESS_EVENT: &str = "folio://upload-progress";

/// Opens the file picker and saves the chosen files into the vault as pending uploads;
/// returns them (none if the therapist cancelled).
#[tauri::command]
pub async fn attach_files(app: AppHandle, state: State<'_, AppState>) -> Reply<Vec<PendingUpload>> {
    // Pick before taking the vault: the dialog may stay open a long time.
    let paths = picker::files(&app, "Attach files");
    paths.iter().map(|path| upload_with_progress(&app, &state, path)).collect()
}

/// Streams the chosen file into a pending upload, telling the window how far it has got.
pub fn upload_with_progress(
    app: &AppHandle,
    state: &State<'_, AppState>,
    path: &std::path::Path,
) -> Reply<PendingUpload> {
    let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    state.with_vault(|v| {
        Ok(blobs::upload_file(&mut v.vault, path, &mut |sent, total| {
            let _ = app.emit(UPLOAD_PROGRESS_EVENT, UploadProgress { file_name: file_name.clone(), sent, total });
        })?)
    })
}
