//! Finding a client by the code the therapist types (`JQ-0001`). Every capability that
//! hangs records on a client uses this, so none of them depends on another to do it.

use rusqlite::{Connection, OptionalExtension};

use crate::db::map_err;
use crate::{Error, Result};

/// The client's row id for a code (case-insensitive, surrounding spaces ignored).
pub(crate) fn id_for_code(conn: &Connection, code: &str) -> Result<i64> {
    conn.query_row("SELECT id FROM clients WHERE code = ?1 COLLATE NOCASE", [code.trim()], |r| r.get(0))
        .optional()
        .map_err(map_err)?
        .ok_or_else(|| Error::invalid("code", "There is no client with that code. Check the code in the client list."))
}
