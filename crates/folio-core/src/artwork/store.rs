//! SQL for the artwork inventory. Items, their changes and the locations are only ever
//! inserted (triggers refuse UPDATE); an item's state is its latest change.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::rules::{collect_by, collection_on};
use super::{Artwork, ArtworkChange, ArtworkEvent, ArtworkState};
use crate::db::map_err;
use crate::{Error, Result};

pub(super) struct NewItem {
    pub client_id: i64,
    pub episode: i64,
    pub session: Option<i64>,
    pub made: NaiveDate,
    pub medium: String,
    pub size: String,
    pub description: String,
}

/// Inserts an item and gives it its reference ("ART-0007", from its id).
pub(super) fn insert(conn: &Connection, item: &NewItem, now: &str) -> Result<i64> {
    let next = crate::db::next_id(conn, crate::db::Numbered::Artwork)?;
    conn.execute(
        "INSERT INTO artwork (id, reference, client_id, episode_number, session_id, made_on, medium, size, description,
             recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            next,
            format!("ART-{next:04}"),
            item.client_id,
            item.episode,
            item.session,
            item.made,
            item.medium,
            item.size,
            item.description,
            now
        ],
    )
    .map_err(map_err)?;
    Ok(next)
}

/// The id of the location named `name` (case aside), adding it to the list if new.
pub(super) fn location_id(conn: &Connection, name: &str, now: &str) -> Result<i64> {
    let known: Option<i64> = conn
        .query_row("SELECT id FROM artwork_locations WHERE name = ?1", [name], |r| r.get(0))
        .optional()
        .map_err(map_err)?;
    if let Some(id) = known {
        return Ok(id);
    }
    conn.execute("INSERT INTO artwork_locations (name, recorded_at) VALUES (?1, ?2)", params![name, now])
        .map_err(map_err)?;
    Ok(conn.last_insert_rowid())
}

pub(super) fn insert_event(
    conn: &Connection,
    artwork: i64,
    kind: ArtworkChange,
    on: NaiveDate,
    location: Option<i64>,
    detail: &str,
    now: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO artwork_events (artwork_id, kind, on_date, location_id, detail, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![artwork, kind, on, location, detail, now],
    )
    .map_err(map_err)?;
    Ok(())
}

pub(super) fn id_for_reference(conn: &Connection, reference: &str) -> Result<i64> {
    conn.query_row("SELECT id FROM artwork WHERE reference = ?1", [reference.trim().to_uppercase()], |r| r.get(0))
        .optional()
        .map_err(map_err)?
        .ok_or_else(|| {
            Error::invalid("reference", "There is no artwork with that reference. `folio artwork list` shows them.")
        })
}

pub(super) fn location_names(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT name FROM artwork_locations ORDER BY name COLLATE NOCASE").map_err(map_err)?;
    let rows = stmt.query_map([], |r| r.get(0)).map_err(map_err)?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(map_err)
}

pub(super) fn one_by_id(conn: &Connection, id: i64, today: NaiveDate, months: u32) -> Result<Artwork> {
    items(conn, "a.id = ?1", id, today, months)?
        .pop()
        .ok_or_else(|| Error::Internal("an artwork item was not found by its id".into()))
}

/// Every item (of one client), newest first.
pub(super) fn all(conn: &Connection, client: Option<i64>, today: NaiveDate, months: u32) -> Result<Vec<Artwork>> {
    match client {
        Some(id) => items(conn, "a.client_id = ?1", id, today, months),
        None => items(conn, "?1 = ?1", 0, today, months),
    }
}

fn items(conn: &Connection, filter: &str, value: i64, today: NaiveDate, months: u32) -> Result<Vec<Artwork>> {
    // The end of the client's last episode, when that episode has ended.
    let sql = format!(
        "SELECT a.id, a.reference, c.code, c.initials, a.episode_number, a.session_id, a.made_on, a.medium, a.size,
                a.description,
                (SELECT e.ended_on FROM episodes e WHERE e.client_id = a.client_id ORDER BY e.number DESC LIMIT 1)
         FROM artwork a JOIN clients c ON c.id = a.client_id
         WHERE {filter} ORDER BY a.made_on DESC, a.id DESC"
    );
    let mut stmt = conn.prepare(&sql).map_err(map_err)?;
    let rows = stmt
        .query_map([value], |r| {
            let item = Artwork {
                reference: r.get(1)?,
                client: r.get(2)?,
                initials: r.get(3)?,
                episode: r.get(4)?,
                session: r.get(5)?,
                made: r.get(6)?,
                medium: r.get(7)?,
                size: r.get(8)?,
                description: r.get(9)?,
                location: None,
                state: ArtworkState::Held,
                collect_by: None,
                collection: super::CollectionState::NotDue,
                history: Vec::new(),
            };
            Ok((r.get::<_, i64>(0)?, item, r.get::<_, Option<NaiveDate>>(10)?))
        })
        .map_err(map_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(map_err)?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, mut item, last_ended) in rows {
        item.history = history(conn, id)?;
        if let Some(last) = item.history.last() {
            item.state = last.change.state_after();
        }
        item.location = item.history.iter().rev().find_map(|e| e.location.clone());
        item.collect_by = collect_by(item.state, last_ended, months);
        item.collection = collection_on(item.collect_by, today).into();
        out.push(item);
    }
    Ok(out)
}

fn history(conn: &Connection, id: i64) -> Result<Vec<ArtworkEvent>> {
    let mut stmt = conn
        .prepare(
            "SELECT e.kind, e.on_date, l.name, e.detail FROM artwork_events e
             LEFT JOIN artwork_locations l ON l.id = e.location_id
             WHERE e.artwork_id = ?1 ORDER BY e.id",
        )
        .map_err(map_err)?;
    let rows = stmt
        .query_map([id], |r| {
            Ok(ArtworkEvent { change: r.get(0)?, on: r.get(1)?, location: r.get(2)?, detail: r.get(3)? })
        })
        .map_err(map_err)?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(map_err)
}
