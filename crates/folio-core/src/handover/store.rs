//! The handover's rows: sets of shares with their holders, takeovers, and the checklist's
//! ticks. Nothing secret: the shares are never stored.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::{Successor, ValidForm};
use crate::db::map_err;
use crate::vault::Change;
use crate::Result;

/// One set of shares as recorded.
pub(crate) struct SetRow {
    pub set: u32,
    pub threshold: u8,
    pub shares: u8,
    pub set_up_on: NaiveDate,
    pub successor: Successor,
    pub laptop: String,
    pub backups: String,
    pub instructions: String,
    /// Holders' names in share order (share 1 first).
    pub holders: Vec<String>,
    pub taken_over_on: Option<NaiveDate>,
    /// The latest yearly review that found nothing to change, if any.
    pub reviewed_on: Option<NaiveDate>,
}

/// The newest set, if any was ever made.
pub(crate) fn latest(conn: &Connection) -> Result<Option<SetRow>> {
    let row = conn
        .query_row(
            "SELECT s.set_number, s.threshold, s.shares, s.set_up_on, s.successor_name, s.successor_profession,
                    s.successor_registration, s.successor_contact, s.laptop, s.backups, s.instructions, t.on_date,
                    (SELECT MAX(reviewed_on) FROM handover_reviews r WHERE r.set_number = s.set_number)
             FROM handover_sets s LEFT JOIN handover_takeovers t ON t.set_number = s.set_number
             ORDER BY s.set_number DESC LIMIT 1",
            [],
            |r| {
                Ok(SetRow {
                    set: r.get(0)?,
                    threshold: r.get(1)?,
                    shares: r.get(2)?,
                    set_up_on: r.get(3)?,
                    successor: Successor {
                        name: r.get(4)?,
                        profession: r.get(5)?,
                        registration: r.get(6)?,
                        contact: r.get(7)?,
                    },
                    laptop: r.get(8)?,
                    backups: r.get(9)?,
                    instructions: r.get(10)?,
                    holders: Vec::new(),
                    taken_over_on: r.get(11)?,
                    reviewed_on: r.get(12)?,
                })
            },
        )
        .optional()
        .map_err(map_err)?;
    let Some(mut row) = row else { return Ok(None) };
    let mut stmt = conn
        .prepare("SELECT name FROM handover_holders WHERE set_number = ?1 ORDER BY share_number")
        .map_err(map_err)?;
    row.holders = stmt
        .query_map([row.set], |r| r.get::<_, String>(0))
        .map_err(map_err)?
        .collect::<Result<_, _>>()
        .map_err(map_err)?;
    Ok(Some(row))
}

/// The highest set number recorded (0 before the first).
pub(crate) fn max_set(conn: &Connection) -> Result<u32> {
    conn.query_row("SELECT COALESCE(MAX(set_number), 0) FROM handover_sets", [], |r| r.get(0)).map_err(map_err)
}

pub(crate) fn insert_set(tx: &Change<'_>, set: u32, form: &ValidForm, today: NaiveDate) -> Result<()> {
    let s = &form.successor;
    tx.execute(
        "INSERT INTO handover_sets (set_number, threshold, shares, set_up_on, successor_name, successor_profession,
             successor_registration, successor_contact, laptop, backups, instructions, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            set,
            form.threshold,
            form.holders.len() as i64,
            today,
            s.name,
            s.profession,
            s.registration,
            s.contact,
            form.laptop,
            form.backups,
            form.instructions,
            tx.now_utc()
        ],
    )
    .map_err(map_err)?;
    for (i, name) in form.holders.iter().enumerate() {
        tx.execute(
            "INSERT INTO handover_holders (set_number, share_number, name) VALUES (?1, ?2, ?3)",
            params![set, i as i64 + 1, name],
        )
        .map_err(map_err)?;
    }
    Ok(())
}

pub(crate) fn insert_takeover(tx: &Change<'_>, set: u32, today: NaiveDate, shares_used: &str) -> Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO handover_takeovers (set_number, on_date, shares_used, recorded_at)
         SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM handover_sets WHERE set_number = ?1)",
        params![set, today, shares_used, tx.now_utc()],
    )
    .map_err(map_err)?;
    Ok(())
}

/// Records that set `set` was reviewed on `today` with nothing to change; false when it
/// was already recorded today.
pub(crate) fn insert_review(tx: &Change<'_>, set: u32, today: NaiveDate) -> Result<bool> {
    let added = tx
        .execute(
            "INSERT OR IGNORE INTO handover_reviews (set_number, reviewed_on, recorded_at) VALUES (?1, ?2, ?3)",
            params![set, today, tx.now_utc()],
        )
        .map_err(map_err)?;
    Ok(added > 0)
}

/// The day of the latest takeover with handover shares, if the vault was ever taken over.
pub(crate) fn last_takeover(conn: &Connection) -> Result<Option<NaiveDate>> {
    conn.query_row("SELECT MAX(on_date) FROM handover_takeovers", [], |r| r.get(0)).map_err(map_err)
}

/// Ticked checklist items: key → the day ticked.
pub(crate) fn ticks(conn: &Connection) -> Result<BTreeMap<String, NaiveDate>> {
    let mut stmt = conn.prepare("SELECT item, ticked_on FROM handover_ticks").map_err(map_err)?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, NaiveDate>(1)?))).map_err(map_err)?;
    rows.collect::<Result<_, _>>().map_err(map_err)
}

/// Ticks or unticks an item; false when it already stood so (nothing changed).
pub(crate) fn set_tick(tx: &Change<'_>, item: &str, ticked: bool, today: NaiveDate) -> Result<bool> {
    let changed = if ticked {
        tx.execute(
            "INSERT OR IGNORE INTO handover_ticks (item, ticked_on, recorded_at) VALUES (?1, ?2, ?3)",
            params![item, today, tx.now_utc()],
        )
    } else {
        tx.execute("DELETE FROM handover_ticks WHERE item = ?1", [item])
    }
    .map_err(map_err)?;
    Ok(changed > 0)
}
