//! Handover, the clinical will: thin over `folio_core::handover`.
//!
//! The therapist sets it up (or re-issues it) into a new or empty folder from the native
//! picker; the shares come back once, to be shown on screen that one time. Without the
//! therapist, shares open the vault from the unlock screen, either for the contact sheet
//! only (no vault stays open: the sheet is kept here until it is closed or the app locks,
//! to be saved as a PDF) or to take it over with a new password.
//!
//! Shares are secrets like passwords: they travel as raw request bodies (never JSON
//! strings), several at once as length-prefixed parts (a 4-byte big-endian length, then
//! the bytes), are held in zeroizing buffers and never logged. The shares shown once go
//! back the same way, as a raw response. Labels ("First share") travel in a header, so a
//! message can say which share it means.

use folio_core::handover::{
    self, Checklist, ContactSheet, HandoverForm, HandoverOverview, HandoverStatus, Saved, ShareChecked, ShareInput,
};
use folio_core::Password;
use tauri::ipc::{InvokeBody, Request, Response};
use tauri::{AppHandle, State};
use zeroize::Zeroizing;

use super::vault::{header, start_unlocked, vault_dir};
use super::Reply;
use crate::dto::{FolioError, HandoverIssued, VaultInfo};
use crate::picker;
use crate::state::AppState;

/// The raw body, in a buffer wiped on drop (Tauri's own copy is freed, not wiped: see
/// `raw_password`).
fn raw_body(request: &Request<'_>) -> Reply<Zeroizing<Vec<u8>>> {
    match request.body() {
        InvokeBody::Raw(bytes) => Ok(Zeroizing::new(bytes.clone())),
        InvokeBody::Json(_) => Err(FolioError::invalid("share", "The shares must be sent as raw bytes.")),
    }
}

/// Length-prefixed parts of a body, each copied into its own wiped buffer.
fn split_parts(body: &[u8]) -> Reply<Vec<Zeroizing<Vec<u8>>>> {
    let malformed = || FolioError::invalid("share", "The shares did not arrive intact. Try again.");
    let mut parts = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let len_bytes: [u8; 4] = rest.get(..4).and_then(|b| b.try_into().ok()).ok_or_else(malformed)?;
        let len = u32::from_be_bytes(len_bytes) as usize;
        let part = rest.get(4..4 + len).ok_or_else(malformed)?;
        parts.push(Zeroizing::new(part.to_vec()));
        rest = &rest[4 + len..];
    }
    Ok(parts)
}

/// Length-prefixed parts as one buffer (the reply that carries the shares shown once).
fn join_parts(parts: &[&[u8]]) -> Zeroizing<Vec<u8>> {
    let mut out = Zeroizing::new(Vec::with_capacity(parts.iter().map(|p| p.len() + 4).sum()));
    for part in parts {
        out.extend_from_slice(&(part.len() as u32).to_be_bytes());
        out.extend_from_slice(part);
    }
    out
}

/// Shares as given, and the parts after them (a takeover's new password), each wiped on drop.
type SharesAndRest = (Vec<ShareInput>, Vec<Zeroizing<Vec<u8>>>);

/// The shares of a request with their labels (from the `folio-share-labels` header, one a
/// line); `extra` trailing parts (the new password of a takeover) are returned apart.
fn shares_of(request: &Request<'_>, extra: usize) -> Reply<SharesAndRest> {
    let body = raw_body(request)?;
    let mut parts = split_parts(&body)?;
    drop(body);
    if parts.len() < extra {
        return Err(FolioError::invalid("share", "The shares did not arrive intact. Try again."));
    }
    let trailing = parts.split_off(parts.len() - extra);
    let labels = header(request, "folio-share-labels", "share")?;
    let labels: Vec<&str> = labels.lines().collect();
    let shares = parts
        .iter()
        .enumerate()
        .map(|(i, bytes)| {
            let text = std::str::from_utf8(bytes)
                .map_err(|_| FolioError::invalid("share", "A share did not arrive as text. Try again."))?;
            let label = labels.get(i).map_or_else(|| format!("Share {}", i + 1), |l| l.to_string());
            Ok(ShareInput { label, text: Zeroizing::new(text.to_string()) })
        })
        .collect::<Reply<Vec<_>>>()?;
    Ok((shares, trailing))
}

#[tauri::command]
pub fn handover_overview(state: State<'_, AppState>) -> Reply<HandoverOverview> {
    state.with_vault(|v| Ok(handover::overview(&v.vault)?))
}

/// Every refusal the form would get, before a folder is chosen; the warning to show (1 of n).
#[tauri::command]
pub fn check_handover_form(form: HandoverForm, again: bool, state: State<'_, AppState>) -> Reply<Option<String>> {
    state.with_vault(|v| Ok(handover::check_form(&v.vault, &form, again)?))
}

/// Sets up (or with `again`, re-issues) the handover into a new or empty folder chosen in
/// the picker. The raw reply is length-prefixed parts: the outcome as JSON (`null` when the
/// therapist cancelled), then each share's text in holder order, to show once.
#[tauri::command]
pub async fn set_up_handover(
    form: HandoverForm,
    again: bool,
    app: AppHandle,
    state: State<'_, AppState>,
) -> Reply<Response> {
    state.with_vault(|v| Ok(handover::check_form(&v.vault, &form, again).map(|_| ())?))?;
    let title = "Choose a new, empty folder for the handover shares and pack";
    let Some(folder) = picker::folder(&app, title, &folio_core::paths::documents_dir()) else {
        return Ok(Response::new(join_parts(&[b"null"]).to_vec()));
    };
    state.with_vault(|v| {
        let (saved, issued) = handover::setup_into_showing(&mut v.vault, &form, &folder, again)?;
        let outcome = HandoverIssued { saved, status: handover::status(&v.vault)? };
        let json = serde_json::to_vec(&outcome).map_err(|e| folio_core::Error::Internal(e.to_string()))?;
        let texts: Vec<Zeroizing<String>> = (0..issued.shares.len()).filter_map(|i| issued.text(i)).collect();
        let mut parts: Vec<&[u8]> = vec![json.as_slice()];
        parts.extend(texts.iter().map(|t| t.as_bytes()));
        Ok(Response::new(join_parts(&parts).to_vec()))
    })
}

/// Re-prints the pack (no shares) into a new or empty folder; nothing if cancelled.
#[tauri::command]
pub async fn print_handover_pack(app: AppHandle, state: State<'_, AppState>) -> Reply<Option<Saved>> {
    let title = "Choose a new, empty folder for the handover pack";
    let Some(folder) = picker::folder(&app, title, &folio_core::paths::documents_dir()) else {
        return Ok(None);
    };
    state.with_vault(|v| Ok(Some(handover::print_pack(&mut v.vault, &folder)?)))
}

/// One share as it is entered on the unlock screen: its words, and that it belongs to the
/// vault in the `folio-dir` header and its current set. Opens nothing.
#[tauri::command]
pub async fn check_handover_share(request: Request<'_>) -> Reply<ShareChecked> {
    let dir = vault_dir(&request)?;
    let (mut shares, _) = shares_of(&request, 0)?;
    let share = shares
        .pop()
        .filter(|_| shares.is_empty())
        .ok_or_else(|| FolioError::invalid("share", "Check one share at a time."))?;
    Ok(handover::check_share(&dir, &share)?)
}

/// Contact only: the opening is recorded in the audit log and the sheet read; no vault stays
/// open. The sheet is kept until it is closed or the app locks, to be saved as a PDF.
#[tauri::command]
pub async fn open_handover_contact(request: Request<'_>, state: State<'_, AppState>) -> Reply<ContactSheet> {
    let dir = vault_dir(&request)?;
    let (shares, _) = shares_of(&request, 0)?;
    let sheet = handover::open_for_contact(&dir, &shares, crate::automation::clock())?;
    drop(shares);
    state.set_contact_sheet(Some(sheet.clone()));
    Ok(sheet)
}

/// Saves the contact sheet open now as a PDF into a folder from the picker; its path, or
/// nothing if cancelled.
#[tauri::command]
pub async fn save_contact_sheet(app: AppHandle, state: State<'_, AppState>) -> Reply<Option<String>> {
    let Some(sheet) = state.contact_sheet() else {
        return Err(FolioError::locked());
    };
    let Some(folder) = picker::folder(&app, "Save the contact sheet in…", &folio_core::paths::documents_dir()) else {
        return Ok(None);
    };
    Ok(Some(handover::contact::save_sheet(&sheet, &folder)?.display().to_string()))
}

/// Forgets the contact sheet (the window reloads after).
#[tauri::command]
pub fn close_contact_sheet(state: State<'_, AppState>) {
    state.set_contact_sheet(None);
}

/// Takes the vault over: the shares, then the successor's new password as the last part.
/// The old password and the spent shares stop opening it; the vault is then open to them.
#[tauri::command]
pub async fn take_over_vault(request: Request<'_>, state: State<'_, AppState>) -> Reply<VaultInfo> {
    let dir = vault_dir(&request)?;
    let (shares, mut trailing) = shares_of(&request, 1)?;
    // Moved, not copied, out of its wiped buffer into the wiped password.
    let password = Password::new(trailing.pop().map(|mut p| std::mem::take(&mut *p)).unwrap_or_default());
    drop(trailing);
    let vault = handover::take_over(&dir, &shares, &password, crate::automation::clock())?;
    drop(password);
    drop(shares);
    start_unlocked(&state, vault)
}

/// The yearly review done with nothing to change; the next falls a year from today.
#[tauri::command]
pub fn mark_handover_reviewed(state: State<'_, AppState>) -> Reply<HandoverStatus> {
    state.with_vault(|v| Ok(handover::mark_reviewed(&mut v.vault)?))
}

#[tauri::command]
pub fn handover_checklist(state: State<'_, AppState>) -> Reply<Checklist> {
    state.with_vault(|v| Ok(handover::checklist(&v.vault)?))
}

#[tauri::command]
pub fn tick_handover_item(key: String, ticked: bool, state: State<'_, AppState>) -> Reply<Checklist> {
    state.with_vault(|v| Ok(handover::tick(&mut v.vault, &key, ticked)?))
}

#[cfg(test)]
mod tests {
    use super::{join_parts, split_parts};

    #[test]
    fn parts_go_there_and_back_and_a_cut_body_is_refused() {
        let joined = join_parts(&[b"one", b"", "þrjú".as_bytes()]);
        let parts = split_parts(&joined).unwrap_or_else(|e| panic!("{}", e.message));
        let back: Vec<&[u8]> = parts.iter().map(|p| p.as_slice()).collect();
        assert_eq!(back, [b"one".as_slice(), b"", "þrjú".as_bytes()]);
        assert!(split_parts(&joined[..joined.len() - 1]).is_err());
        assert!(split_parts(&[0, 0, 0]).is_err());
        assert_eq!(split_parts(&[]).map(|p| p.len()).unwrap_or(9), 0);
    }
}
