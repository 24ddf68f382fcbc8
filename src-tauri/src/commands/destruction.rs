//! Destruction: thin over `folio_core::retention`'s reviewed destruction. The therapist sees
//! what is due (codes, categories, counts; no content), confirms with her password (sent as
//! raw bytes, as every password is), and may cancel during the grace period; it runs at the
//! next unlock. Certificates are saved into a folder from the native picker.

use folio_core::retention::{self, Destruction, DestructionRecord, Preview};
use tauri::ipc::Request;
use tauri::{AppHandle, State};

use super::vault::raw_password;
use super::Reply;
use crate::picker;
use crate::state::AppState;

#[tauri::command]
pub fn destruction_preview(state: State<'_, AppState>) -> Reply<Preview> {
    state.with_vault(|v| Ok(retention::preview(&v.vault)?))
}

/// Confirms what is due today, proving the password again; it runs after the grace period.
#[tauri::command]
pub async fn confirm_destruction(request: Request<'_>, state: State<'_, AppState>) -> Reply<Destruction> {
    let password = raw_password(&request)?;
    state.with_vault(|v| Ok(retention::confirm(&mut v.vault, &password)?))
}

#[tauri::command]
pub fn pending_destructions(state: State<'_, AppState>) -> Reply<Vec<Destruction>> {
    state.with_vault(|v| Ok(retention::pending(&v.vault)?))
}

#[tauri::command]
pub fn cancel_destruction(id: i64, state: State<'_, AppState>) -> Reply<Destruction> {
    state.with_vault(|v| Ok(retention::cancel(&mut v.vault, id)?))
}

#[tauri::command]
pub fn destruction_records(state: State<'_, AppState>) -> Reply<Vec<DestructionRecord>> {
    state.with_vault(|v| Ok(retention::records(&v.vault)?))
}

/// Asks where to save the certificate, then saves it; its path, or nothing if cancelled.
#[tauri::command]
pub async fn save_destruction_certificate(
    id: i64,
    for_whom: String,
    app: AppHandle,
    state: State<'_, AppState>,
) -> Reply<Option<String>> {
    state.with_vault(|v| Ok(retention::destruction_certificate_pdf(&v.vault, id, &for_whom).map(|_| ())?))?;
    let Some(folder) =
        picker::folder(&app, "Save the destruction certificate in…", &folio_core::paths::documents_dir())
    else {
        return Ok(None);
    };
    state.with_vault(|v| Ok(Some(retention::save_certificate(&v.vault, id, &for_whom, &folder)?.display().to_string())))
}
