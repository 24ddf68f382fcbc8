//! SQL for photos and recordings. Items and their events are only ever inserted (triggers
//! refuse UPDATE); an item's state is its latest event.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::{Media, MediaKind, MediaState};
use crate::db::map_err;
use crate::{Error, Result};

pub(super) struct NewMedia {
    pub client_id: i64,
    pub episode: Option<i64>,
    pub kind: MediaKind,
    pub blob_id: i64,
    pub file_name: String,
    pub media_type: String,
    pub size: i64,
    pub artwork_id: Option<i64>,
    pub session_id: Option<i64>,
    pub consent_id: i64,
    pub added_on: NaiveDate,
    pub caption: String,
}

/// The id of the client's piece with this reference, refusing another client's or none.
pub(super) fn artwork_of(conn: &Connection, client_id: i64, reference: &str) -> Result<i64> {
    conn.query_row(
        "SELECT id FROM artwork WHERE reference = ?1 AND client_id = ?2",
        params![reference.trim().to_uppercase(), client_id],
        |r| r.get(0),
    )
    .optional()
    .map_err(map_err)?
    .ok_or_else(|| {
        Error::invalid("artwork", "There is no artwork with that reference for this client. Check the inventory.")
    })
}

/// The file name of a pending upload (the app sent it in pieces).
pub(super) fn pending_name(conn: &Connection, upload_id: i64) -> Result<String> {
    conn.query_row("SELECT file_name FROM blobs WHERE id = ?1 AND pending = 1", [upload_id], |r| r.get(0))
        .optional()
        .map_err(map_err)?
        .ok_or_else(|| Error::invalid("attachment", "That upload is no longer open. Attach the file again."))
}

pub(super) fn insert(conn: &Connection, m: &NewMedia, now: &str) -> Result<i64> {
    let id = crate::db::next_id(conn, crate::db::Numbered::Media)?;
    conn.execute(
        "INSERT INTO media (id, client_id, episode_number, kind, blob_id, file_name, media_type, size, artwork_id,
             session_id, consent_id, added_on, caption, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            id,
            m.client_id,
            m.episode,
            m.kind,
            m.blob_id,
            m.file_name,
            m.media_type,
            m.size,
            m.artwork_id,
            m.session_id,
            m.consent_id,
            m.added_on,
            m.caption,
            now
        ],
    )
    .map_err(map_err)?;
    Ok(id)
}

pub(super) fn insert_event(
    conn: &Connection,
    media: i64,
    kind: MediaState,
    on: NaiveDate,
    reason: &str,
    now: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO media_events (media_id, kind, on_date, reason, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![media, kind, on, reason, now],
    )
    .map_err(map_err)?;
    Ok(())
}

/// The stored file of an item.
pub(super) fn blob_of(conn: &Connection, id: i64) -> Result<i64> {
    conn.query_row("SELECT blob_id FROM media WHERE id = ?1", [id], |r| r.get(0))
        .optional()
        .map_err(map_err)?
        .ok_or_else(no_such)
}

fn no_such() -> Error {
    Error::invalid("id", "There is no photo or recording with that number. `folio media list` shows them.")
}

pub(super) fn one(conn: &Connection, id: i64) -> Result<Media> {
    items(conn, "m.id = ?1", id)?.pop().ok_or_else(no_such)
}

/// Every item (of one client), newest first.
pub(super) fn all(conn: &Connection, client: Option<i64>) -> Result<Vec<Media>> {
    match client {
        Some(id) => items(conn, "m.client_id = ?1", id),
        None => items(conn, "?1 = ?1", 0),
    }
}

fn items(conn: &Connection, filter: &str, value: i64) -> Result<Vec<Media>> {
    let sql = format!(
        "SELECT m.id, c.code, c.initials, m.episode_number, m.kind, m.file_name, m.media_type, m.size, m.added_on,
                a.reference, m.session_id, m.caption, m.consent_id
         FROM media m JOIN clients c ON c.id = m.client_id LEFT JOIN artwork a ON a.id = m.artwork_id
         WHERE {filter} ORDER BY m.added_on DESC, m.id DESC"
    );
    let mut stmt = conn.prepare(&sql).map_err(map_err)?;
    let mut items = stmt
        .query_map([value], |r| {
            Ok(Media {
                id: r.get(0)?,
                client: r.get(1)?,
                initials: r.get(2)?,
                episode: r.get(3)?,
                kind: r.get(4)?,
                file_name: r.get(5)?,
                media_type: r.get(6)?,
                size: r.get(7)?,
                added_on: r.get(8)?,
                artwork: r.get(9)?,
                session: r.get(10)?,
                caption: r.get(11)?,
                consent: r.get(12)?,
                state: MediaState::Kept,
                review: None,
                kept_reason: None,
                kept_on: None,
                destroyed_reason: None,
                destroyed_on: None,
            })
        })
        .map_err(map_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(map_err)?;
    let mut events = conn
        .prepare("SELECT kind, on_date, reason FROM media_events WHERE media_id = ?1 ORDER BY id")
        .map_err(map_err)?;
    for item in &mut items {
        let rows = events
            .query_map([item.id], |r| {
                Ok((r.get::<_, MediaState>(0)?, r.get::<_, NaiveDate>(1)?, r.get::<_, String>(2)?))
            })
            .map_err(map_err)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(map_err)?;
        for (kind, on, reason) in rows {
            item.state = kind;
            match kind {
                MediaState::KeptAfterReview => {
                    item.kept_on = Some(on);
                    item.kept_reason = Some(reason);
                }
                MediaState::Destroyed => {
                    item.destroyed_on = Some(on);
                    item.destroyed_reason = Some(reason);
                }
                MediaState::Kept => {}
            }
        }
    }
    Ok(items)
}
