//! Retention's SQL: the policy and its changes, holds, and the facts the engine reads for
//! every client and record in a handful of queries (the status of 1,500 clients is one pass).

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::presets::Policy;
use crate::db::map_err;
use crate::{Error, Result};

/// The policy in force: the newest change's, or none chosen yet.
pub(super) fn policy(conn: &Connection) -> Result<Option<Policy>> {
    let json: Option<String> = conn
        .query_row("SELECT new_policy FROM retention_policy_changes ORDER BY id DESC LIMIT 1", [], |r| r.get(0))
        .optional()
        .map_err(map_err)?;
    json.map(|j| serde_json::from_str(&j).map_err(|e| Error::db_damaged(format!("the retention policy: {e}"))))
        .transpose()
}

pub(super) fn insert_change(conn: &Connection, old: Option<&Policy>, new: &Policy, now: &str) -> Result<i64> {
    let json = |p: &Policy| serde_json::to_string(p).map_err(|e| Error::Internal(format!("the retention policy: {e}")));
    conn.execute(
        "INSERT INTO retention_policy_changes (old_policy, new_policy, changed_at) VALUES (?1, ?2, ?3)",
        params![old.map(json).transpose()?, json(new)?, now],
    )
    .map_err(map_err)?;
    Ok(conn.last_insert_rowid())
}

/// A change as stored: (id, the old policy's JSON, the new one's, when).
pub(super) type ChangeRow = (i64, Option<String>, String, String);

/// Every change, oldest first.
pub(super) fn changes(conn: &Connection) -> Result<Vec<ChangeRow>> {
    let mut stmt = conn
        .prepare("SELECT id, old_policy, new_policy, changed_at FROM retention_policy_changes ORDER BY id")
        .map_err(map_err)?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))).map_err(map_err)?;
    rows.collect::<rusqlite::Result<_>>().map_err(map_err)
}

/// A hold as stored.
pub(super) struct HoldRow {
    pub id: i64,
    pub client_id: i64,
    pub code: String,
    pub reason: String,
    pub placed_on: NaiveDate,
    pub released_on: Option<NaiveDate>,
}

pub(super) fn holds(conn: &Connection, client_id: Option<i64>) -> Result<Vec<HoldRow>> {
    let mut stmt = conn
        .prepare(
            "SELECT h.id, h.client_id, c.code, h.reason, h.placed_on, r.released_on
             FROM retention_holds h JOIN clients c ON c.id = h.client_id
             LEFT JOIN retention_hold_releases r ON r.hold_id = h.id
             WHERE ?1 IS NULL OR h.client_id = ?1 ORDER BY h.id",
        )
        .map_err(map_err)?;
    let rows = stmt
        .query_map([client_id], |r| {
            Ok(HoldRow {
                id: r.get(0)?,
                client_id: r.get(1)?,
                code: r.get(2)?,
                reason: r.get(3)?,
                placed_on: r.get(4)?,
                released_on: r.get(5)?,
            })
        })
        .map_err(map_err)?;
    rows.collect::<rusqlite::Result<_>>().map_err(map_err)
}

pub(super) fn insert_hold(conn: &Connection, client_id: i64, reason: &str, on: NaiveDate, now: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO retention_holds (client_id, reason, placed_on, recorded_at) VALUES (?1, ?2, ?3, ?4)",
        params![client_id, reason, on, now],
    )
    .map_err(map_err)?;
    Ok(conn.last_insert_rowid())
}

pub(super) fn insert_release(conn: &Connection, hold_id: i64, on: NaiveDate, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO retention_hold_releases (hold_id, released_on, recorded_at) VALUES (?1, ?2, ?3)",
        params![hold_id, on, now],
    )
    .map(drop)
    .map_err(map_err)
}

/// What the engine needs of one client.
pub(super) struct ClientFacts {
    pub id: i64,
    pub code: String,
    pub birth: Option<NaiveDate>,
    /// The end of the last episode; None while it is open.
    pub end: Option<NaiveDate>,
    pub safeguarding: bool,
    pub open_complaint: bool,
}

pub(super) fn clients(conn: &Connection) -> Result<Vec<ClientFacts>> {
    let mut stmt = conn
        .prepare(
            "SELECT c.id, c.code, c.date_of_birth,
                    (SELECT e.ended_on FROM episodes e WHERE e.client_id = c.id ORDER BY e.number DESC LIMIT 1),
                    c.safeguarding = 1 OR EXISTS (SELECT 1 FROM safeguarding_entries s WHERE s.client_id = c.id),
                    EXISTS (SELECT 1 FROM complaints k WHERE k.client_id = c.id
                            AND NOT EXISTS (SELECT 1 FROM complaint_closures x WHERE x.complaint_id = k.id))
             FROM clients c ORDER BY c.code",
        )
        .map_err(map_err)?;
    let rows = stmt
        .query_map([], |r| {
            Ok(ClientFacts {
                id: r.get(0)?,
                code: r.get(1)?,
                birth: r.get(2)?,
                end: r.get(3)?,
                safeguarding: r.get(4)?,
                open_complaint: r.get(5)?,
            })
        })
        .map_err(map_err)?;
    rows.collect::<rusqlite::Result<_>>().map_err(map_err)
}

/// Each client's correspondence entries: (id, date), oldest first.
pub(super) fn correspondence(conn: &Connection) -> Result<HashMap<i64, Vec<(i64, NaiveDate)>>> {
    dated_by_client(conn, "SELECT client_id, id, on_date FROM correspondence ORDER BY on_date, id")
}

/// Each client's photos and recordings not destroyed: (id, date added).
pub(super) fn media(conn: &Connection) -> Result<HashMap<i64, Vec<(i64, NaiveDate)>>> {
    dated_by_client(
        conn,
        "SELECT m.client_id, m.id, m.added_on FROM media m
         WHERE NOT EXISTS (SELECT 1 FROM media_events x WHERE x.media_id = m.id AND x.kind = 'destroyed')
         ORDER BY m.id",
    )
}

/// Rows of (client id, record id, date), grouped by client in the query's order.
fn dated_by_client(conn: &Connection, sql: &str) -> Result<HashMap<i64, Vec<(i64, NaiveDate)>>> {
    let mut stmt = conn.prepare(sql).map_err(map_err)?;
    let mut out: HashMap<i64, Vec<(i64, NaiveDate)>> = HashMap::new();
    let mut rows = stmt.query([]).map_err(map_err)?;
    while let Some(r) = rows.next().map_err(map_err)? {
        out.entry(r.get(0).map_err(map_err)?)
            .or_default()
            .push((r.get(1).map_err(map_err)?, r.get(2).map_err(map_err)?));
    }
    Ok(out)
}
