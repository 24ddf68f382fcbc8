//! Photos of artwork and recordings of sessions: thin over `folio_core::media`. The file is
//! chosen in the native picker and streamed into the vault with progress, as attachments
//! are; a photo is shown from memory (a data URL over IPC: no decrypted copy on disk, no
//! cache); a copy is saved into a folder the therapist picks.

use folio_core::media::{self, Media, MediaForm};
use tauri::{AppHandle, State};

use super::uploads::upload_with_progress;
use super::Reply;
use crate::picker;
use crate::state::AppState;

/// Checks that the client may have this photo or recording (the consent gate first, so
/// nothing waits on a refused upload), opens the file picker, streams the chosen file into
/// the vault and adds it; nothing if the therapist cancelled.
#[tauri::command]
pub async fn add_media(
    code: String,
    form: MediaForm,
    app: AppHandle,
    state: State<'_, AppState>,
) -> Reply<Option<Media>> {
    state.with_vault(|v| Ok(media::check(&v.vault, &code, &form)?))?;
    let title = if form.kind == "photo" { "Choose the photo of the artwork" } else { "Choose the recording" };
    let Some(path) = picker::file(&app, title) else {
        return Ok(None);
    };
    let upload = upload_with_progress(&app, &state, &path)?;
    state.with_vault(|v| Ok(Some(media::add_uploaded(&mut v.vault, &code, form, upload.upload_id)?)))
}

/// `code`: one client's photos and recordings; none for every client's.
#[tauri::command]
pub fn list_media(code: Option<String>, state: State<'_, AppState>) -> Reply<Vec<Media>> {
    state.with_vault(|v| Ok(media::list(&v.vault, code.as_deref())?))
}

/// A photo as a `data:` URL, built in memory for the window to show.
#[tauri::command]
pub fn media_photo(id: i64, state: State<'_, AppState>) -> Reply<String> {
    state.with_vault(|v| Ok(media::photo_data_url(&v.vault, id)?.to_string()))
}

/// Asks where to save a copy (not encrypted: the window says so first), then saves it; the
/// file's path, or nothing if the therapist cancelled.
#[tauri::command]
pub async fn save_media_copy(id: i64, app: AppHandle, state: State<'_, AppState>) -> Reply<Option<String>> {
    state.with_vault(|v| Ok(media::show(&v.vault, id).map(|_| ())?))?;
    let Some(folder) = picker::folder(&app, "Save the copy in…", &folio_core::paths::documents_dir()) else {
        return Ok(None);
    };
    state.with_vault(|v| Ok(Some(media::save_copy(&mut v.vault, id, &folder)?.display().to_string())))
}

/// Photos and recordings whose consent no longer counts, to keep with a reason or destroy.
#[tauri::command]
pub fn media_to_review(state: State<'_, AppState>) -> Reply<Vec<Media>> {
    state.with_vault(|v| Ok(media::needing_review(&v.vault)?))
}

#[tauri::command]
pub fn keep_media(id: i64, reason: String, state: State<'_, AppState>) -> Reply<Media> {
    state.with_vault(|v| Ok(media::keep_after_review(&mut v.vault, id, &reason)?))
}

#[tauri::command]
pub fn destroy_media(id: i64, reason: String, state: State<'_, AppState>) -> Reply<Media> {
    state.with_vault(|v| Ok(media::destroy(&mut v.vault, id, &reason)?))
}
