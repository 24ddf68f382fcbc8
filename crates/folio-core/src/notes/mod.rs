//! Initials-only clinical notes: drafts that save themselves, signing that locks, amendments
//! that keep every version, and full-text search (seed 000: "All clients are identified by
//! initials only in clinical notes"; seed 003: notes record "the themes of sessions, any
//! risk, any safeguarding concerns, and outcomes").
//!
//! - A note is a **draft** (editable; autosaved through the one unaudited write path for
//!   drafts, so typing does not flood the audit log) or **signed** (locked). The audit log
//!   records a draft's start, its signing or discarding, and each amendment.
//! - A signed note is changed only by an **amendment**: dated, with a reason, appended as a
//!   new version. Every version stays readable (`note_versions` refuses UPDATE).
//! - Before signing or amending, the **identifier check** ([`identifiers`]) must find
//!   nothing, or each thing found must be kept with a reason, recorded with the version.
//! - A filled-in risk or safeguarding section marks the client's record "see note"
//!   ([`rules::concerns`]); it is not the safeguarding concern retention counts.
//! - **Search** ([`search`]) uses an FTS5 index inside the vault, with `secure-delete`, that
//!   holds each note's current text only.

mod checking;
pub mod identifiers;
pub mod rules;
pub mod search;
pub(crate) mod store;
pub mod templates;

use chrono::NaiveDate;

use self::identifiers::{Hit, HitKind};
use self::rules::{Concern, Section};
use self::templates::TemplateId;
use crate::audit::Action;
use crate::choices::choice;
use crate::client_ids::id_for_code;
use crate::dates::parse_uk_or;
use crate::vault::{Record, Vault};
use crate::{clients, Error, Result};

choice! {
    /// What a note is.
    pub enum NoteKind in "noteKind", field "kind", choose "the kind of note" {
        SessionNote = "session-note" => "Session note",
        ProgressReview = "progress-review" => "Progress review",
        Assessment = "assessment" => "Assessment",
        EndOfTherapy = "end-of-therapy" => "End-of-therapy summary",
        Free = "free" => "Free note",
    }
}

choice! {
    /// Where a note is in its life.
    pub enum NoteState in "noteState", field "state", choose "a state" {
        Draft = "draft" => "Draft",
        Signed = "signed" => "Signed",
    }
}

/// Something the identifier check found that the therapist chose to keep, with her reason.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KeptIdentifier {
    pub text: String,
    pub kind: HitKind,
    pub reason: String,
}

impl KeptIdentifier {
    pub(crate) fn covers(&self, hit: &Hit) -> bool {
        self.kind == hit.kind && self.text.to_lowercase() == hit.text.to_lowercase()
    }
}

/// A new note as the therapist starts it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewNote {
    /// One of [`NoteKind`]'s values.
    pub kind: String,
    /// The session in the register it is about (required for a session note).
    pub session: Option<i64>,
    /// dd/mm/yyyy; empty is today (a session note takes its session's date).
    pub on: String,
    /// The text; empty starts from the kind's template.
    pub sections: Vec<Section>,
}

/// A draft's text as the editor sends it, every few seconds while the therapist types.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DraftText {
    pub sections: Vec<Section>,
    pub kept: Vec<KeptIdentifier>,
}

/// An amendment to a signed note.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Amendment {
    pub reason: String,
    pub sections: Vec<Section>,
    pub kept: Vec<KeptIdentifier>,
}

/// A signed version of a note: the original (number 1) or an amendment.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NoteVersion {
    pub number: i64,
    pub sections: Vec<Section>,
    pub kept: Vec<KeptIdentifier>,
    /// Why it was amended; empty for the original.
    pub reason: String,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub created_by: String,
}

/// A note in lists: the client by code and initials, never by name.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NoteSummary {
    pub id: i64,
    pub code: String,
    pub initials: String,
    pub kind: NoteKind,
    pub state: NoteState,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub on: NaiveDate,
    pub episode: i64,
    pub session: Option<i64>,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub saved_at: String,
    pub signed_at: Option<String>,
    /// Versions signed so far (1 = signed, more = amended).
    pub versions: i64,
    /// A filled-in risk section: the client's record shows "see note".
    pub see_risk: bool,
    pub see_safeguarding: bool,
}

/// A note with its current text and its history.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Note {
    pub summary: NoteSummary,
    /// The draft's text, or the latest signed version's.
    pub sections: Vec<Section>,
    pub kept: Vec<KeptIdentifier>,
    pub signed_by: Option<String>,
    /// Oldest first.
    pub versions: Vec<NoteVersion>,
}

/// A draft in the list of drafts, and whether it is old enough to need signing.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Draft {
    pub summary: NoteSummary,
    /// Whole days since the draft was started.
    pub days_old: i64,
    /// Older than the setting ([`NoteSettings::draft_days`]): shown on Home.
    pub needs_signature: bool,
}

/// A hit in a section of a note (offsets into that section's text).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SectionHit {
    pub section: usize,
    pub hit: Hit,
    /// "Zoe — the client's first name".
    pub described: String,
}

/// Settings for notes.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NoteSettings {
    /// Drafts older than this many days are listed on Home as needing signature.
    pub draft_days: u32,
}

pub const DEFAULT_DRAFT_DAYS: u32 = 7;
const DRAFT_DAYS_SETTING: &str = "note_draft_days";

/// The longest note Folio keeps: about 30,000 words, far past any clinical note, and a
/// bound on what a note (or a check) holds.
pub const MAX_NOTE_CHARS: usize = 200_000;
const MAX_SECTIONS: usize = 40;
const MAX_HEADING_CHARS: usize = 200;
const MAX_REASON_CHARS: usize = 2_000;
const MAX_KEPT: usize = 500;

pub use self::checking::{check, checker_for, read_note_file, settle_free_text, FreeText, LiveCheck};
use self::checking::{check_kept, check_sections_size, section_hits, settle_identifiers};

// ---------------------------------------------------------------------------------------
// Writing notes.

/// Starts a draft: from the kind's template (by the client's modality) unless text is
/// given. Recorded in the audit log as `note.draft_started`.
pub fn start(vault: &mut Vault, code: &str, form: NewNote) -> Result<Note> {
    let today = vault.today();
    let kind = NoteKind::parse(&form.kind)?;
    let summary = clients::summary_for_code(vault, code)?;
    let client_id = summary.id;
    let (episode, session, on) = match form.session {
        Some(session_id) => {
            let (episode, on) = store::session_of(vault.conn(), client_id, session_id)?;
            (episode, Some(session_id), on)
        }
        None if kind == NoteKind::SessionNote => {
            return Err(Error::invalid(
                "session",
                "A session note is about a session in the register. Choose the session (folio session list shows their ids).",
            ))
        }
        None => {
            let on = parse_uk_or(today, "on", "date of the note", &form.on)?;
            (summary.episode, None, on)
        }
    };
    if on > today {
        return Err(Error::invalid(
            "on",
            "A note cannot be written about a day still to come. Write it on or after the session.",
        ));
    }
    let sections = if form.sections.is_empty() {
        templates::sections_of(&templates::get(vault, TemplateId::for_note(kind, summary.modality))?)
    } else {
        clean_sections(form.sections)
    };
    check_sections_size(&sections)?;
    let id = vault.write(|tx| {
        let id = store::insert_draft(tx, client_id, episode, session, kind, on, &sections, &tx.now_utc())?;
        tx.record(Action::NoteDraftStarted, Record::new("note", id))?;
        Ok(id)
    })?;
    show(vault, id)
}

/// Saves a draft's text as the therapist types (every few seconds and when she leaves a
/// field), without an audit entry. A signed note refuses: amend it instead.
pub fn save_draft(vault: &mut Vault, id: i64, draft: DraftText) -> Result<NoteSummary> {
    let sections = clean_sections(draft.sections);
    check_sections_size(&sections)?;
    check_kept(&draft.kept)?;
    refuse_unless_draft(vault, id)?;
    let kept = serde_json::to_string(&draft.kept).map_err(|e| Error::Internal(e.to_string()))?;
    let now = vault.clock().now_utc();
    vault.write_draft_autosave(|tx| store::update_draft(tx, id, &sections, &kept, &now))?;
    Ok(show(vault, id)?.summary)
}

/// Discards a draft: its text is removed from the vault and the search index. Recorded as
/// `note.draft_discarded`. A signed note cannot be discarded.
pub fn discard(vault: &mut Vault, id: i64) -> Result<()> {
    refuse_unless_draft(vault, id)?;
    vault.write(|tx| {
        store::delete_draft(tx, id)?;
        tx.record(Action::NoteDraftDiscarded, Record::new("note", id))
    })
}

/// Signs a draft, which locks it. Refused while the identifier check finds something not
/// kept; `keep_all` keeps everything it finds with that reason (the CLI's
/// `--keep-identifiers`).
pub fn sign(vault: &mut Vault, id: i64, keep_all: Option<&str>) -> Result<Note> {
    let note = show(vault, id)?;
    if note.summary.state == NoteState::Signed {
        return Err(Error::invalid(
            "id",
            "This note is already signed. To correct it, add an amendment with a reason.",
        ));
    }
    let sections = note.sections.clone();
    let kept = settle_identifiers(vault, &note.summary.code, &sections, note.kept.clone(), keep_all)?;
    let kept_json = serde_json::to_string(&kept).map_err(|e| Error::Internal(e.to_string()))?;
    vault.write(|tx| {
        let now = tx.now_utc();
        store::insert_version(tx, id, 1, &sections, &kept_json, "", &now, tx.actor())?;
        store::mark_signed(tx, id, &now, tx.actor())?;
        tx.record(Action::NoteSigned, Record::new("note", id))
    })?;
    show(vault, id)
}

/// Amends a signed note: the new text is appended as a version, dated and with a reason;
/// every earlier version stays readable. The search index then holds the new text only.
pub fn amend(vault: &mut Vault, id: i64, amendment: Amendment, keep_all: Option<&str>) -> Result<Note> {
    let note = show(vault, id)?;
    if note.summary.state == NoteState::Draft {
        return Err(Error::invalid("id", "This note is a draft: edit it, and sign it when it is ready."));
    }
    let reason = amendment.reason.trim().to_string();
    if reason.is_empty() {
        return Err(Error::invalid(
            "reason",
            "Say why the note is being amended (for example: wrong date of session).",
        ));
    }
    if let Some(problem) = crate::text::one_line_problem("reason", &reason) {
        return Err(Error::invalid("reason", problem));
    }
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(Error::invalid("reason", "The reason is longer than 2,000 characters. Shorten it."));
    }
    let sections = clean_sections(amendment.sections);
    check_sections_size(&sections)?;
    if sections == note.sections {
        return Err(Error::invalid("text", "The amended text is the same as the note. Change the text to amend it."));
    }
    let kept = settle_identifiers(vault, &note.summary.code, &sections, amendment.kept, keep_all)?;
    let kept_json = serde_json::to_string(&kept).map_err(|e| Error::Internal(e.to_string()))?;
    let number = note.versions.len() as i64 + 1;
    vault.write(|tx| {
        let now = tx.now_utc();
        store::insert_version(tx, id, number, &sections, &kept_json, &reason, &now, tx.actor())?;
        store::reindex(tx, id, &sections)?;
        tx.record(Action::NoteAmended, Record::new("note", id))
    })?;
    show(vault, id)
}

/// Line ends as `\n`, headings trimmed, trailing blank lines dropped.
fn clean_sections(sections: Vec<Section>) -> Vec<Section> {
    sections
        .into_iter()
        .map(|s| Section {
            heading: s.heading.trim().to_string(),
            text: s.text.replace("\r\n", "\n").replace('\r', "\n").trim_end().to_string(),
        })
        .collect()
}

fn refuse_unless_draft(vault: &Vault, id: i64) -> Result<()> {
    match store::state_of(vault.conn(), id)? {
        NoteState::Draft => Ok(()),
        NoteState::Signed => Err(Error::invalid(
            "id",
            "This note is signed and locked. To correct it, add an amendment with a reason; the original stays readable.",
        )),
    }
}

// ---------------------------------------------------------------------------------------
// Reading notes.

/// One note with its text and every signed version.
pub fn show(vault: &Vault, id: i64) -> Result<Note> {
    store::note(vault.conn(), id)
}

/// A client's notes, newest first.
pub fn list(vault: &Vault, code: &str) -> Result<Vec<NoteSummary>> {
    let client_id = id_for_code(vault.conn(), code)?;
    store::summaries(vault.conn(), Some(client_id), None)
}

/// Every draft in the vault, oldest first, with those older than the setting marked.
pub fn drafts(vault: &Vault) -> Result<Vec<Draft>> {
    let days = settings(vault)?.draft_days;
    let today = vault.today();
    let summaries = store::summaries(vault.conn(), None, Some(NoteState::Draft))?;
    Ok(summaries
        .into_iter()
        .rev()
        .map(|summary| {
            let started = chrono::DateTime::parse_from_rfc3339(&summary.created_at)
                .map(|t| t.with_timezone(&chrono::Local).date_naive())
                .unwrap_or(today);
            let days_old = (today - started).num_days().max(0);
            Draft { needs_signature: days_old >= i64::from(days), days_old, summary }
        })
        .collect())
}

/// The concerns a note raises (for the client record's "see note").
pub fn concerns_of(summary: &NoteSummary) -> Vec<Concern> {
    let mut out = Vec::new();
    if summary.see_risk {
        out.push(Concern::Risk);
    }
    if summary.see_safeguarding {
        out.push(Concern::Safeguarding);
    }
    out
}

/// Settings for notes.
pub fn settings(vault: &Vault) -> Result<NoteSettings> {
    let draft_days = crate::db::setting(vault.conn(), DRAFT_DAYS_SETTING)?
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|d| (1..=90).contains(d))
        .unwrap_or(DEFAULT_DRAFT_DAYS);
    Ok(NoteSettings { draft_days })
}

/// Sets after how many days a draft is listed as needing signature (1 to 90), as typed.
pub fn set_draft_days(vault: &mut Vault, typed: &str) -> Result<NoteSettings> {
    let days: u32 = typed
        .trim()
        .parse()
        .ok()
        .filter(|d| (1..=90).contains(d))
        .ok_or_else(|| Error::invalid("draftDays", "Enter a number of days from 1 to 90."))?;
    vault.write(|tx| {
        crate::db::put_setting(tx, DRAFT_DAYS_SETTING, &days.to_string())?;
        tx.record(Action::SettingChanged, Record::new("setting", DRAFT_DAYS_SETTING))
    })?;
    settings(vault)
}

/// The hits of a stored note's current text (what `note show` lists for a draft).
pub fn hits_of(vault: &Vault, note: &Note) -> Result<Vec<SectionHit>> {
    let checker = checker_for(vault, &note.summary.code)?;
    Ok(section_hits(&checker, &note.sections, &note.kept))
}
