//! The correspondence log: letters, emails, texts, messages in an approved app and
//! phone-call summaries, in or out, with attachments kept encrypted in the vault.
//!
//! Seed 004: messages are kept and never auto-deleted, so this module has no delete. Its
//! rules for remote contact with a child (consent, appointments, images) are in
//! [`rules`]; the identifier check runs on the summary (seed 000: initials only in
//! correspondence).

pub mod rules;

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::audit::Action;
use crate::blobs::{self, BlobInfo};
use crate::choices::choice;
use crate::client_ids::id_for_code;
use crate::consents::{Need, Purpose};
use crate::dates::parse_uk_or;
use crate::db::map_err;
use crate::notes::{self, FreeText, KeptIdentifier};
use crate::vault::Record;
use crate::{Error, Result, Vault};

choice! {
    /// What kind of correspondence it was.
    pub enum Kind in "correspondenceKind", field "kind", choose "what it was" {
        Letter = "letter" => "Letter",
        Email = "email" => "Email",
        Text = "text" => "Text message",
        AppMessage = "app-message" => "Message in an approved app",
        VoiceMessage = "voice-message" => "Voice message",
        VideoCall = "video-call" => "Video call",
        PhoneCall = "phone-call" => "Phone call",
    }
}

choice! {
    /// Which way it went.
    pub enum Direction in "direction", field "direction", choose "whether it came in or went out" {
        In = "in" => "Received",
        Out = "out" => "Sent",
    }
    aliases { "received" => In, "sent" => Out }
}

choice! {
    /// Who it was with.
    pub enum Counterpart in "counterpart", field "counterpart", choose "who it was with" {
        Client = "client" => "Client",
        Parent = "parent" => "Parent or carer",
        School = "school" => "School",
        Professional = "professional" => "Professional",
        Other = "other" => "Other",
    }
}

const SUMMARY_MAX: usize = 20_000;

/// An entry as the therapist types it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CorrespondenceForm {
    /// dd/mm/yyyy; empty is today.
    pub on: String,
    /// One of [`Kind`]'s values.
    pub kind: String,
    /// One of [`Direction`]'s values.
    pub direction: String,
    /// One of [`Counterpart`]'s values.
    pub counterpart: String,
    pub counterpart_name: String,
    pub summary: String,
    /// Why a contact with a child falls on a day without a session (seed 004 §7).
    pub outside_reason: String,
    /// What the identifier check found in the summary that the therapist keeps, each with
    /// her reason.
    pub kept: Vec<KeptIdentifier>,
}

/// An entry in the log.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CorrespondenceEntry {
    pub id: i64,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub on: NaiveDate,
    pub kind: Kind,
    pub direction: Direction,
    pub counterpart: Counterpart,
    pub counterpart_name: String,
    pub summary: String,
    pub attachments: Vec<BlobInfo>,
    /// The warnings recorded with the entry when it was logged (seed 004: a message from a
    /// child without consent, contact outside an appointment, with the reason given).
    pub warnings: Vec<String>,
    /// What the identifier check found that was kept, with the reason.
    pub kept: Vec<KeptIdentifier>,
    /// Reminders for the moment it is logged (no images of people); empty when read back.
    pub reminders: Vec<String>,
}

struct ValidEntry {
    on: NaiveDate,
    kind: Kind,
    direction: Direction,
    counterpart: Counterpart,
    counterpart_name: String,
    summary: String,
    outside_reason: String,
}

fn validate(form: CorrespondenceForm, today: NaiveDate) -> Result<ValidEntry> {
    let entry = ValidEntry {
        on: parse_uk_or(today, "on", "date", &form.on)?,
        kind: Kind::parse(&form.kind)?,
        direction: Direction::parse(&form.direction)?,
        counterpart: Counterpart::parse(&form.counterpart)?,
        counterpart_name: form.counterpart_name.trim().to_string(),
        summary: form.summary.trim().to_string(),
        outside_reason: crate::text::typed("outsideReason", "reason", &form.outside_reason, false)?,
    };
    if entry.on > today {
        return Err(Error::invalid("on", "The date cannot be in the future."));
    }
    if entry.summary.is_empty() {
        return Err(Error::invalid("summary", "Write a short summary of what was said or sent."));
    }
    if entry.summary.chars().count() > SUMMARY_MAX {
        return Err(Error::invalid(
            "summary",
            format!("The summary is longer than {SUMMARY_MAX} characters. Shorten it, or attach the full text as a document."),
        ));
    }
    Ok(entry)
}

/// An attachment to store with an entry.
pub type Attachment<'a> = blobs::Incoming<'a>;

/// Logs an entry with its attachments, all in one transaction: if any attachment fails
/// (too large, wrong type, the drive was pulled), nothing is saved. Remote contact with a
/// child follows [`rules`]: sent without a current written parental consent for online
/// contact it is refused; received, it is kept with a warning; on a day without a session
/// it needs the reason. `keep_identifiers` keeps everything the identifier check finds in
/// the summary, with that reason (the CLI); the app keeps hit by hit in `form.kept`.
pub fn add(
    vault: &mut Vault,
    code: &str,
    form: CorrespondenceForm,
    attachments: Vec<Attachment<'_>>,
    keep_identifiers: Option<&str>,
) -> Result<CorrespondenceEntry> {
    let kept_by_hit = form.kept.clone();
    let entry = validate(form, vault.today())?;
    let client_id = id_for_code(vault.conn(), code)?;
    let warnings = warnings_for(vault.conn(), client_id, &entry)?;
    let summary = FreeText { field: "summary", label: "the summary", text: &entry.summary };
    let kept = notes::settle_free_text(vault, code, &[summary], &kept_by_hit, keep_identifiers)?;
    let json = |e: serde_json::Error| Error::Internal(e.to_string());
    let (warnings_json, kept_json) =
        (serde_json::to_string(&warnings).map_err(json)?, serde_json::to_string(&kept).map_err(json)?);
    let id = vault.write(|tx| {
        let id = crate::db::next_id(tx, crate::db::Numbered::Correspondence)?;
        tx.execute(
            "INSERT INTO correspondence (id, client_id, on_date, kind, direction, counterpart, counterpart_name,
                 summary, warnings, kept, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                id,
                client_id,
                entry.on,
                entry.kind,
                entry.direction,
                entry.counterpart,
                entry.counterpart_name,
                entry.summary,
                warnings_json,
                kept_json,
                tx.now_utc()
            ],
        )
        .map_err(map_err)?;
        for attachment in attachments {
            let blob = blobs::keep(tx, attachment)?;
            tx.execute(
                "INSERT INTO correspondence_attachments (correspondence_id, blob_id) VALUES (?1, ?2)",
                params![id, blob.id],
            )
            .map_err(map_err)?;
        }
        tx.record(Action::CorrespondenceLogged, Record::new("correspondence", id))?;
        Ok(id)
    })?;
    let mut added = list(vault, code)?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or_else(|| Error::Internal("the new entry was not found".into()))?;
    if added.attachments.iter().any(|a| a.media_type.starts_with("image/") || a.media_type.starts_with("video/"))
        && matches!(entry.counterpart, Counterpart::Client | Counterpart::Parent)
    {
        added.reminders.push(rules::NO_IMAGES_OF_PEOPLE.to_string());
    }
    Ok(added)
}

/// Seed 004's duties for this entry: refuses what may not be sent, and returns the warnings
/// to record with what is logged.
fn warnings_for(conn: &Connection, client_id: i64, entry: &ValidEntry) -> Result<Vec<String>> {
    let date_of_birth: Option<NaiveDate> = conn
        .query_row("SELECT date_of_birth FROM clients WHERE id = ?1", [client_id], |r| r.get(0))
        .map_err(map_err)?;
    let child = crate::sessions::rules::is_child_on(date_of_birth, entry.on);
    let session_that_day: bool = conn
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM sessions WHERE client_id = ?1 AND on_date = ?2)",
            params![client_id, entry.on],
            |r| r.get(0),
        )
        .map_err(map_err)?;
    let duties = rules::duties(entry.kind, entry.direction, entry.counterpart, child, session_that_day);
    let mut warnings = Vec::new();
    if duties.needs_consent {
        let need = Need { purpose: Purpose::OnlineContact, written: true, from_parent: true };
        let action = format!("{} to a child", entry.kind.label());
        match crate::consents::require(conn, client_id, need, entry.on, &action) {
            Ok(_) => {}
            Err(refused) if duties.refuse_without_consent => return Err(refused),
            Err(_) => warnings.push(rules::RECEIVED_WITHOUT_CONSENT.to_string()),
        }
    }
    if duties.outside_appointment {
        if entry.outside_reason.is_empty() {
            return Err(Error::invalid(
                "outsideReason",
                format!(
                    "There is no session in the register on {}: contact with a child outside an appointment needs a reason (online safety policy). Give the reason, or check the date.",
                    crate::dates::format_uk(entry.on)
                ),
            ));
        }
        warnings.push(rules::outside_appointment(&entry.outside_reason));
    }
    Ok(warnings)
}

/// The log for a client, newest first.
pub fn list(vault: &Vault, code: &str) -> Result<Vec<CorrespondenceEntry>> {
    let conn = vault.conn();
    let client_id = id_for_code(conn, code)?;
    let mut stmt = conn
        .prepare(
            "SELECT id, on_date, kind, direction, counterpart, counterpart_name, summary, warnings, kept FROM correspondence
             WHERE client_id = ?1 ORDER BY on_date DESC, id DESC",
        )
        .map_err(map_err)?;
    let rows = stmt
        .query_map([client_id], |r| {
            let entry = CorrespondenceEntry {
                id: r.get(0)?,
                on: r.get(1)?,
                kind: r.get(2)?,
                direction: r.get(3)?,
                counterpart: r.get(4)?,
                counterpart_name: r.get(5)?,
                summary: r.get(6)?,
                attachments: Vec::new(),
                warnings: Vec::new(),
                kept: Vec::new(),
                reminders: Vec::new(),
            };
            Ok((entry, r.get::<_, String>(7)?, r.get::<_, String>(8)?))
        })
        .map_err(map_err)?;
    let rows = rows.collect::<Result<Vec<_>, _>>().map_err(map_err)?;
    let unreadable = |_| Error::db_damaged("a correspondence entry's warnings or kept identifiers are unreadable");
    let mut out = Vec::with_capacity(rows.len());
    for (mut entry, warnings, kept) in rows {
        entry.warnings = serde_json::from_str(&warnings).map_err(unreadable)?;
        entry.kept = serde_json::from_str(&kept).map_err(unreadable)?;
        entry.attachments = attachments_of(conn, entry.id)?;
        out.push(entry);
    }
    Ok(out)
}

fn attachments_of(conn: &Connection, entry_id: i64) -> Result<Vec<BlobInfo>> {
    let mut att = conn
        .prepare(
            "SELECT b.id FROM correspondence_attachments a JOIN blobs b ON b.id = a.blob_id
             WHERE a.correspondence_id = ?1 ORDER BY b.id",
        )
        .map_err(map_err)?;
    let ids = att
        .query_map([entry_id], |r| r.get::<_, i64>(0))
        .map_err(map_err)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(map_err)?;
    ids.into_iter().map(|b| blobs::info(conn, b)).collect()
}

/// Writes an attachment out (the therapist chose where), and records that it left the vault.
pub fn export_attachment(vault: &mut Vault, blob_id: i64, writer: &mut dyn std::io::Write) -> Result<BlobInfo> {
    let info = blobs::read_into(vault, blob_id, writer)?;
    vault.write(|tx| tx.record(Action::AttachmentExported, Record::new("attachment", blob_id)))?;
    Ok(info)
}
