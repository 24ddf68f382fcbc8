//! The correspondence log: letters, emails, texts, messages in an approved app and
//! phone-call summaries, in or out, with attachments kept encrypted in the vault.
//!
//! Seed 004: messages are kept and never auto-deleted, so this module has no delete.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::audit::Action;
use crate::blobs::{self, BlobInfo};
use crate::choices::choice;
use crate::client_ids::id_for_code;
use crate::dates::parse_uk_or;
use crate::db::map_err;
use crate::vault::Record;
use crate::{Error, Result, Vault};

choice! {
    /// What kind of correspondence it was.
    pub enum Kind in "correspondenceKind", field "kind", choose "what it was" {
        Letter = "letter" => "Letter",
        Email = "email" => "Email",
        Text = "text" => "Text message",
        AppMessage = "app-message" => "Message in an approved app",
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
}

struct ValidEntry {
    on: NaiveDate,
    kind: Kind,
    direction: Direction,
    counterpart: Counterpart,
    counterpart_name: String,
    summary: String,
}

fn validate(form: CorrespondenceForm, today: NaiveDate) -> Result<ValidEntry> {
    let entry = ValidEntry {
        on: parse_uk_or(today, "on", "date", &form.on)?,
        kind: Kind::parse(&form.kind)?,
        direction: Direction::parse(&form.direction)?,
        counterpart: Counterpart::parse(&form.counterpart)?,
        counterpart_name: form.counterpart_name.trim().to_string(),
        summary: form.summary.trim().to_string(),
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
/// (too large, wrong type, the drive was pulled), nothing is saved.
pub fn add(
    vault: &mut Vault,
    code: &str,
    form: CorrespondenceForm,
    attachments: Vec<Attachment<'_>>,
) -> Result<CorrespondenceEntry> {
    let entry = validate(form, vault.today())?;
    let client_id = id_for_code(vault.conn(), code)?;
    let id = vault.write(|tx| {
        tx.execute(
            "INSERT INTO correspondence (client_id, on_date, kind, direction, counterpart, counterpart_name, summary, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                client_id,
                entry.on,
                entry.kind,
                entry.direction,
                entry.counterpart,
                entry.counterpart_name,
                entry.summary,
                tx.now_utc()
            ],
        )
        .map_err(map_err)?;
        let id = tx.last_insert_rowid();
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
    list(vault, code)?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or_else(|| Error::Internal("the new entry was not found".into()))
}

/// The log for a client, newest first.
pub fn list(vault: &Vault, code: &str) -> Result<Vec<CorrespondenceEntry>> {
    let conn = vault.conn();
    let client_id = id_for_code(conn, code)?;
    let mut stmt = conn
        .prepare(
            "SELECT id, on_date, kind, direction, counterpart, counterpart_name, summary FROM correspondence
             WHERE client_id = ?1 ORDER BY on_date DESC, id DESC",
        )
        .map_err(map_err)?;
    let rows = stmt
        .query_map([client_id], |r| {
            Ok(CorrespondenceEntry {
                id: r.get(0)?,
                on: r.get(1)?,
                kind: r.get(2)?,
                direction: r.get(3)?,
                counterpart: r.get(4)?,
                counterpart_name: r.get(5)?,
                summary: r.get(6)?,
                attachments: Vec::new(),
            })
        })
        .map_err(map_err)?;
    let mut out = rows.collect::<Result<Vec<_>, _>>().map_err(map_err)?;
    for entry in &mut out {
        entry.attachments = attachments_of(conn, entry.id)?;
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
