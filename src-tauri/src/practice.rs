//! Tauri commands for the practice record: one core call each (STYLE.md).

use folio_core::dates::{parse_uk, today};
use folio_core::practice::clients::{self, ClientFilter, ClientRecord, ClientSort, ClientSummary};
use folio_core::practice::lifecycle::ClientState;
use folio_core::practice::referral::ReferralForm;
use folio_core::practice::sessions::{self, AttendanceCounts, NewSession, Outcome, Session};
use tauri::State;

use folio_core::blobs;
use folio_core::practice::correspondence::{self, Attachment, Entry, NewEntry};
use folio_core::practice::import::{self, ImportPreview};
use folio_core::practice::professionals::{self, Professional};
use tauri::ipc::{InvokeBody, Request};

use crate::dto::{ClientFilterRequest, ClientSortRequest, CorrespondenceRequest, FolioError, SessionRequest};
use crate::state::AppState;

type Reply<T> = Result<T, FolioError>;

#[tauri::command]
pub fn list_clients(filter: ClientFilterRequest, state: State<'_, AppState>) -> Reply<Vec<ClientSummary>> {
    let filter = ClientFilter {
        state: filter.state,
        modality: filter.modality,
        setting: filter.setting,
        safeguarding: filter.safeguarding,
        search: filter.search,
        sort: match filter.sort {
            ClientSortRequest::ReferralDate => ClientSort::ReferralDate,
            ClientSortRequest::NextSession => ClientSort::NextSession,
            ClientSortRequest::Code => ClientSort::Code,
        },
    };
    state.with_session(|s| Ok(clients::list(s.vault.connection(), &filter)?))
}

#[tauri::command]
pub fn get_client(code: String, state: State<'_, AppState>) -> Reply<ClientRecord> {
    state.with_session(|s| Ok(clients::show(s.vault.connection(), &code)?))
}

#[tauri::command]
pub fn add_referral(form: ReferralForm, state: State<'_, AppState>) -> Reply<ClientSummary> {
    state.with_session(|s| Ok(clients::add_referral(&mut s.vault, form, today())?))
}

#[tauri::command]
pub fn update_referral(code: String, form: ReferralForm, state: State<'_, AppState>) -> Reply<ClientSummary> {
    state.with_session(|s| Ok(clients::update_referral(&mut s.vault, &code, form, today())?))
}

#[tauri::command]
pub fn change_client_state(
    code: String,
    to: ClientState,
    on: String,
    note: String,
    state: State<'_, AppState>,
) -> Reply<ClientSummary> {
    let on = parse_uk("on", "date", &on)?;
    state.with_session(|s| Ok(clients::change_state(&mut s.vault, &code, to, on, &note, today())?))
}

#[tauri::command]
pub fn re_refer(code: String, on: String, note: String, state: State<'_, AppState>) -> Reply<ClientSummary> {
    let on = parse_uk("on", "date", &on)?;
    state.with_session(|s| Ok(clients::re_refer(&mut s.vault, &code, on, &note, today())?))
}

#[tauri::command]
pub fn list_sessions(code: String, state: State<'_, AppState>) -> Reply<Vec<Session>> {
    state.with_session(|s| Ok(sessions::list(s.vault.connection(), &code, None)?))
}

#[tauri::command]
pub fn add_session(code: String, session: SessionRequest, state: State<'_, AppState>) -> Reply<Session> {
    let new = NewSession {
        on: parse_uk("on", "session date", &session.on)?,
        start_time: session.start_time,
        minutes: session.minutes,
        mode: session.mode,
        outcome: session.outcome,
        platform: session.platform,
        parent_contacted_start: session.parent_contacted_start,
        parent_contacted_end: session.parent_contacted_end,
        parent_nearby: session.parent_nearby,
    };
    state.with_session(|s| Ok(sessions::add(&mut s.vault, &code, new, today())?))
}

#[tauri::command]
pub fn set_session_outcome(code: String, id: i64, outcome: Outcome, state: State<'_, AppState>) -> Reply<Session> {
    state.with_session(|s| Ok(sessions::set_outcome(&mut s.vault, &code, id, outcome, today())?))
}

#[tauri::command]
pub fn attendance(code: String, from: String, to: String, state: State<'_, AppState>) -> Reply<AttendanceCounts> {
    let from = parse_uk("from", "start of the period", &from)?;
    let to = parse_uk("to", "end of the period", &to)?;
    state.with_session(|s| Ok(sessions::attendance(s.vault.connection(), &code, from, to)?))
}

/// Starts sending an attachment in pieces; returns the upload id.
#[tauri::command]
pub fn begin_upload(file_name: String, state: State<'_, AppState>) -> Reply<i64> {
    state.with_session(|s| Ok(blobs::begin_upload(s.vault.connection(), &file_name)?))
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
    state.with_session(|s| Ok(blobs::append_upload(s.vault.connection(), upload_id, piece)?))
}

#[tauri::command]
pub fn add_correspondence(code: String, entry: CorrespondenceRequest, state: State<'_, AppState>) -> Reply<Entry> {
    let new = NewEntry {
        on: parse_uk("on", "date", &entry.on)?,
        kind: entry.kind,
        direction: entry.direction,
        counterpart: entry.counterpart,
        counterpart_name: entry.counterpart_name,
        summary: entry.summary,
    };
    let attachments = entry.uploads.into_iter().map(Attachment::Uploaded).collect();
    state.with_session(|s| Ok(correspondence::add(&mut s.vault, &code, new, attachments, today())?))
}

#[tauri::command]
pub fn list_correspondence(code: String, state: State<'_, AppState>) -> Reply<Vec<Entry>> {
    state.with_session(|s| Ok(correspondence::list(s.vault.connection(), &code)?))
}

/// Checks a spreadsheet (its text, as read by the UI); writes nothing.
#[tauri::command]
pub fn preview_import(csv: String, mapping: Vec<(String, String)>, state: State<'_, AppState>) -> Reply<ImportPreview> {
    state.with_session(|_| Ok(import::preview(&mut csv.as_bytes(), &mapping, today())?))
}

/// Imports the good rows of a spreadsheet in one transaction.
#[tauri::command]
pub fn import_clients(csv: String, mapping: Vec<(String, String)>, state: State<'_, AppState>) -> Reply<ImportPreview> {
    state.with_session(|s| Ok(import::import(&mut s.vault, &mut csv.as_bytes(), &mapping, today())?))
}

/// Saves the attendance summary PDF into `folder`; returns the file's path.
#[tauri::command]
pub fn save_attendance_pdf(
    code: String,
    from: String,
    to: String,
    folder: String,
    state: State<'_, AppState>,
) -> Reply<String> {
    let from = parse_uk("from", "start of the period", &from)?;
    let to = parse_uk("to", "end of the period", &to)?;
    let folder = std::path::PathBuf::from(folder.trim());
    state.with_session(|s| {
        Ok(folio_core::reports::save_attendance_pdf(&mut s.vault, &code, from, to, &folder, today())?
            .display()
            .to_string())
    })
}

#[tauri::command]
pub fn list_professionals(state: State<'_, AppState>) -> Reply<Vec<Professional>> {
    state.with_session(|s| Ok(professionals::list(s.vault.connection())?))
}

#[tauri::command]
pub fn add_professional(professional: Professional, state: State<'_, AppState>) -> Reply<Professional> {
    state.with_session(|s| Ok(professionals::add(&mut s.vault, professional)?))
}

#[tauri::command]
pub fn link_professional(code: String, id: i64, state: State<'_, AppState>) -> Reply<()> {
    state.with_session(|s| Ok(professionals::link(&mut s.vault, &code, id)?))
}
