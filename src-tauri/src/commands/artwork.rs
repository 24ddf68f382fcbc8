//! The artwork inventory: thin over `folio_core::artwork`. The printable sheets are saved
//! into a folder chosen in the native picker.

use folio_core::artwork::{self, Artwork, ArtworkForm, Location};
use tauri::{AppHandle, State};

use super::Reply;
use crate::picker;
use crate::state::AppState;

#[tauri::command]
pub fn add_artwork(code: String, form: ArtworkForm, state: State<'_, AppState>) -> Reply<Artwork> {
    state.with_vault(|v| Ok(artwork::add(&mut v.vault, &code, form)?))
}

/// `code`: one client's pieces; none for the whole inventory.
#[tauri::command]
pub fn list_artwork(code: Option<String>, state: State<'_, AppState>) -> Reply<Vec<Artwork>> {
    state.with_vault(|v| Ok(artwork::list(&v.vault, code.as_deref())?))
}

#[tauri::command]
pub fn artwork_locations(state: State<'_, AppState>) -> Reply<Vec<Location>> {
    state.with_vault(|v| Ok(artwork::locations(&v.vault)?))
}

#[tauri::command]
pub fn move_artwork(reference: String, to: String, on: String, state: State<'_, AppState>) -> Reply<Artwork> {
    state.with_vault(|v| Ok(artwork::move_to(&mut v.vault, &reference, &to, &on)?))
}

#[tauri::command]
pub fn return_artwork(reference: String, on: String, to: String, state: State<'_, AppState>) -> Reply<Artwork> {
    state.with_vault(|v| Ok(artwork::return_to(&mut v.vault, &reference, &on, &to)?))
}

#[tauri::command]
pub fn keep_artwork(reference: String, on: String, reason: String, state: State<'_, AppState>) -> Reply<Artwork> {
    state.with_vault(|v| Ok(artwork::keep(&mut v.vault, &reference, &on, &reason)?))
}

#[tauri::command]
pub fn dispose_artwork(reference: String, on: String, how: String, state: State<'_, AppState>) -> Reply<Artwork> {
    state.with_vault(|v| Ok(artwork::dispose(&mut v.vault, &reference, &on, &how)?))
}

#[tauri::command]
pub fn artwork_collection_months(state: State<'_, AppState>) -> Reply<u32> {
    state.with_vault(|v| Ok(artwork::collection_months(&v.vault)?))
}

#[tauri::command]
pub fn set_artwork_collection_months(months: String, state: State<'_, AppState>) -> Reply<u32> {
    state.with_vault(|v| Ok(artwork::set_collection_months(&mut v.vault, &months)?))
}

/// Asks where to save the label sheet (every piece held, or one client's), then saves it;
/// the file's path, or nothing if the therapist cancelled.
#[tauri::command]
pub async fn save_artwork_labels(
    code: Option<String>,
    app: AppHandle,
    state: State<'_, AppState>,
) -> Reply<Option<String>> {
    state.with_vault(|v| Ok(artwork::labels_pdf(&v.vault, code.as_deref()).map(|_| ())?))?;
    let Some(folder) = picker::folder(&app, "Save the artwork labels in…", &folio_core::paths::documents_dir())
    else {
        return Ok(None);
    };
    state.with_vault(|v| Ok(Some(artwork::save_labels(&mut v.vault, code.as_deref(), &folder)?.display().to_string())))
}

/// Asks where to save the list to walk to the cabinet with (every location, or one), then
/// saves it; the file's path, or nothing if the therapist cancelled.
#[tauri::command]
pub async fn save_artwork_list(
    location: Option<String>,
    app: AppHandle,
    state: State<'_, AppState>,
) -> Reply<Option<String>> {
    state.with_vault(|v| Ok(artwork::location_list_pdf(&v.vault, location.as_deref()).map(|_| ())?))?;
    let Some(folder) = picker::folder(&app, "Save the list of artwork in…", &folio_core::paths::documents_dir())
    else {
        return Ok(None);
    };
    state.with_vault(|v| {
        Ok(Some(artwork::save_location_list(&mut v.vault, location.as_deref(), &folder)?.display().to_string()))
    })
}
