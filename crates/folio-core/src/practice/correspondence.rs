//! The correspondence log: letters, emails, texts, messages in an approved app and
//! phone-call summaries, in or out, with attachments kept encrypted in the vault.
//!
//! Seed 004: messages are kept and never auto-deleted, so this module has no delete.

use std::io::Read;

use chrono::NaiveDate;
use rusqlite::{params, Connection, TransactionBehavior};

use super::clients::id_for_code;
use crate::audit::{self, Action, RecordRef};
use crate::blobs::{self, BlobInfo};
use crate::dates::format_uk;
use crate::db::map_err;
use crate::{Error, Result, Vault};

pub const KINDS: [(&str, &str); 5] = [
    ("letter", "Letter"),
    ("email", "Email"),
    ("text", "Text message"),
    ("app_message", "Message in an approved app"),
    ("phone_call", "Phone call"),
];
pub const COUNTERPARTS: [&str; 5] = ["client", "parent", "school", "professional", "other"];
const SUMMARY_MAX: usize = 20_000;

/// An entry as the therapist writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEntry {
    pub on: NaiveDate,
    pub kind: String,
    /// "in" or "out".
    pub direction: String,
    pub counterpart: String,
    pub counterpart_name: String,
    pub summary: String,
}

/// An entry in the log.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "CorrespondenceEntry"))]
pub struct Entry {
    pub id: i64,
    pub on: String,
    pub kind: String,
    pub direction: String,
    pub counterpart: String,
    pub counterpart_name: String,
    pub summary: String,
    pub attachments: Vec<BlobInfo>,
}

fn normalise(word: &str) -> String {
    word.trim().to_ascii_lowercase().replace([' ', '-'], "_")
}

fn validate(e: &mut NewEntry, today: NaiveDate) -> Result<()> {
    e.kind = normalise(&e.kind);
    e.direction = normalise(&e.direction);
    e.counterpart = normalise(&e.counterpart);
    e.counterpart_name = e.counterpart_name.trim().to_string();
    e.summary = e.summary.trim().to_string();
    if !KINDS.iter().any(|(k, _)| *k == e.kind) {
        return Err(Error::invalid("kind", "Choose what it was: letter, email, text, app message or phone call."));
    }
    if e.direction != "in" && e.direction != "out" {
        return Err(Error::invalid("direction", "Choose whether it came in or went out."));
    }
    if !COUNTERPARTS.contains(&e.counterpart.as_str()) {
        return Err(Error::invalid(
            "counterpart",
            "Choose who it was with: client, parent, school, professional or other.",
        ));
    }
    if e.on > today {
        return Err(Error::invalid("on", "The date cannot be in the future."));
    }
    if e.summary.is_empty() {
        return Err(Error::invalid("summary", "Write a short summary of what was said or sent."));
    }
    if e.summary.chars().count() > SUMMARY_MAX {
        return Err(Error::invalid(
            "summary",
            format!("The summary is longer than {SUMMARY_MAX} characters. Shorten it, or attach the full text as a document."),
        ));
    }
    Ok(())
}

/// An attachment to store with an entry.
pub enum Attachment<'a> {
    /// A file read as a stream (the CLI).
    Stream { file_name: String, reader: &'a mut dyn Read },
    /// A file the app already sent in pieces ([`blobs::begin_upload`]).
    Uploaded(i64),
}

/// Logs an entry with its attachments, all in one transaction: if any attachment fails
/// (too large, wrong type, the drive was pulled), nothing is saved.
pub fn add(
    vault: &mut Vault,
    code: &str,
    mut entry: NewEntry,
    attachments: Vec<Attachment<'_>>,
    today: NaiveDate,
) -> Result<Entry> {
    validate(&mut entry, today)?;
    let client_id = id_for_code(vault.connection(), code)?;
    let actor = vault.actor();
    let tx = vault.connection_mut().transaction_with_behavior(TransactionBehavior::Immediate).map_err(map_err)?;
    tx.execute(
        "INSERT INTO correspondence (client_id, on_date, kind, direction, counterpart, counterpart_name, summary, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            client_id,
            entry.on.format("%Y-%m-%d").to_string(),
            entry.kind,
            entry.direction,
            entry.counterpart,
            entry.counterpart_name,
            entry.summary,
            crate::now_utc()
        ],
    )
    .map_err(map_err)?;
    let id = tx.last_insert_rowid();
    for attachment in attachments {
        let blob = match attachment {
            Attachment::Stream { file_name, reader } => blobs::put(&tx, reader, &file_name)?,
            Attachment::Uploaded(upload_id) => blobs::claim_pending(&tx, upload_id)?,
        };
        tx.execute(
            "INSERT INTO correspondence_attachments (correspondence_id, blob_id) VALUES (?1, ?2)",
            params![id, blob.id],
        )
        .map_err(map_err)?;
    }
    let record = id.to_string();
    audit::append(
        &tx,
        actor,
        Action::CorrespondenceLogged,
        Some(RecordRef { record_type: "correspondence", record_id: &record }),
    )?;
    tx.commit().map_err(map_err)?;
    list(vault.connection(), code)?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or_else(|| Error::Internal("the new entry was not found".into()))
}

/// The log for a client, newest first.
pub fn list(conn: &Connection, code: &str) -> Result<Vec<Entry>> {
    let client_id = id_for_code(conn, code)?;
    let mut stmt = conn
        .prepare(
            "SELECT id, on_date, kind, direction, counterpart, counterpart_name, summary FROM correspondence
             WHERE client_id = ?1 ORDER BY on_date DESC, id DESC",
        )
        .map_err(map_err)?;
    let rows = stmt
        .query_map([client_id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
        })
        .map_err(map_err)?;
    let mut out = Vec::new();
    for row in rows {
        let (id, on, kind, direction, counterpart, counterpart_name, summary) = row.map_err(map_err)?;
        let on =
            NaiveDate::parse_from_str(&on, "%Y-%m-%d").map_err(|_| Error::db_damaged("a stored date is unreadable"))?;
        let mut att = conn
            .prepare(
                "SELECT b.id FROM correspondence_attachments a JOIN blobs b ON b.id = a.blob_id
                 WHERE a.correspondence_id = ?1 ORDER BY b.id",
            )
            .map_err(map_err)?;
        let ids = att
            .query_map([id], |r| r.get::<_, i64>(0))
            .map_err(map_err)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(map_err)?;
        let attachments = ids.into_iter().map(|b| blobs::info(conn, b)).collect::<Result<Vec<_>>>()?;
        out.push(Entry { id, on: format_uk(on), kind, direction, counterpart, counterpart_name, summary, attachments });
    }
    Ok(out)
}

/// Writes an attachment out (the therapist chose where), and records that it left the vault.
pub fn export_attachment(vault: &mut Vault, blob_id: i64, writer: &mut dyn std::io::Write) -> Result<BlobInfo> {
    let info = blobs::read_into(vault.connection(), blob_id, writer)?;
    let actor = vault.actor();
    let tx = vault.connection_mut().transaction_with_behavior(TransactionBehavior::Immediate).map_err(map_err)?;
    let record = blob_id.to_string();
    audit::append(
        &tx,
        actor,
        Action::AttachmentExported,
        Some(RecordRef { record_type: "attachment", record_id: &record }),
    )?;
    tx.commit().map_err(map_err)?;
    Ok(info)
}
