//! Finding a client by the code the therapist types (`JQ-0001`), and the two things every
//! capability that hangs records on a client asks of the client's record: the episode open
//! on a day, and the date of one of their sessions. Here, so no capability depends on
//! another to do it.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use crate::db::map_err;
use crate::{Error, Result};

/// The client's row id for a code (case-insensitive, surrounding spaces ignored).
pub(crate) fn id_for_code(conn: &Connection, code: &str) -> Result<i64> {
    conn.query_row("SELECT id FROM clients WHERE code = ?1 COLLATE NOCASE", [code.trim()], |r| r.get(0))
        .optional()
        .map_err(map_err)?
        .ok_or_else(|| Error::invalid("code", "There is no client with that code. Check the code in the client list."))
}

/// The client's episode open on `day`: started by then and not ended before it.
pub(crate) fn episode_on(conn: &Connection, client_id: i64, day: NaiveDate) -> Result<Option<i64>> {
    conn.query_row(
        "SELECT number FROM episodes WHERE client_id = ?1 AND started_on <= ?2
             AND (ended_on IS NULL OR ended_on >= ?2) ORDER BY number DESC LIMIT 1",
        params![client_id, day],
        |r| r.get(0),
    )
    .optional()
    .map_err(map_err)
}

/// The date of one of the client's sessions, refusing another client's or none (field
/// `session`).
pub(crate) fn session_day(conn: &Connection, client_id: i64, session: i64) -> Result<NaiveDate> {
    conn.query_row("SELECT on_date FROM sessions WHERE id = ?1 AND client_id = ?2", params![session, client_id], |r| {
        r.get(0)
    })
    .optional()
    .map_err(map_err)?
    .ok_or_else(|| Error::invalid("session", "There is no such session for this client. Check the register."))
}
