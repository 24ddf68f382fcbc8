//! Numbers never given twice (`retired_ids.sql`): a destroyed record's number stays in the
//! audit log, its destruction record and on paper (an artwork label), so a new record
//! counts past every number there was.

use rusqlite::Connection;

use super::map_err;
use crate::Result;

/// The tables whose numbers are never given twice (`db/retired_ids.sql`).
#[derive(Clone, Copy, Debug)]
pub enum Numbered {
    Clients,
    Artwork,
    Media,
    Correspondence,
}

impl Numbered {
    fn table(self) -> &'static str {
        match self {
            Numbered::Clients => "clients",
            Numbered::Artwork => "artwork",
            Numbered::Media => "media",
            Numbered::Correspondence => "correspondence",
        }
    }
}

/// The next number for a row of `table`: past every row there is and every row there was
/// (a destroyed record's number stays in the audit log, its destruction record, on paper).
pub fn next_id(conn: &Connection, table: Numbered) -> Result<i64> {
    let name = table.table();
    conn.query_row(
        &format!(
            "SELECT max(COALESCE((SELECT MAX(id) FROM {name}), 0),
                        COALESCE((SELECT highest FROM retired_ids WHERE kind = ?1), 0)) + 1"
        ),
        [name],
        |r| r.get(0),
    )
    .map_err(map_err)
}
