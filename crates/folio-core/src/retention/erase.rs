//! Destruction's SQL: batches, their entries, cancelling and runs, destruction records, and
//! the deletions themselves. Every table that refers to `clients` is named in
//! [`CLIENT_TABLES`] and handled by [`whole_client`]; a test fails when a new one is not.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::destroy::{BatchState, Destroyed, DestructionRecord, DueItem};
use super::overview::CategoryCount;
use super::Category;
use crate::db::map_err;
use crate::vault::Change;
use crate::{Error, Result};

/// Every table with a column referring to `clients (id)`, each handled when a client is
/// destroyed: deleted with the client, except the complaints register and the request
/// register, which are the practice's and only lose their client.
pub const CLIENT_TABLES: &[&str] = &[
    "agreements",
    "artwork",
    "client_professionals",
    "client_state_changes",
    "complaints",
    "consents",
    "correspondence",
    "disclosures",
    "episodes",
    "incident_clients",
    "media",
    "notes",
    "retention_holds",
    "rights_requests",
    "safeguarding_entries",
    "sessions",
];

/// How many records of each category.
#[derive(Default)]
pub(super) struct Counts(BTreeMap<usize, (Category, usize)>);

impl Counts {
    fn add(&mut self, category: Category, n: usize) {
        if n > 0 {
            let at = Category::ALL.iter().position(|c| *c == category).unwrap_or(usize::MAX);
            self.0.entry(at).or_insert((category, 0)).1 += n;
        }
    }

    pub(super) fn of_items(items: &[DueItem]) -> Counts {
        let mut counts = Counts::default();
        for i in items {
            counts.add(i.category, 1);
        }
        counts
    }

    pub(super) fn list(&self) -> Vec<CategoryCount> {
        self.0.values().map(|(category, count)| CategoryCount { category: *category, count: *count }).collect()
    }
}

fn client_id(conn: &Connection, code: &str) -> Result<Option<i64>> {
    conn.query_row("SELECT id FROM clients WHERE code = ?1", [code], |r| r.get(0)).optional().map_err(map_err)
}

fn count(conn: &Connection, sql: &str, id: i64) -> Result<usize> {
    conn.query_row(sql, [id], |r| r.get::<_, i64>(0)).map(|n| usize::try_from(n).unwrap_or(0)).map_err(map_err)
}

/// What destroying the whole client would take: the client record, every safeguarding log
/// entry, letter, piece of artwork and photo or recording still held.
pub(super) fn client_counts(conn: &Connection, code: &str) -> Result<Counts> {
    let mut counts = Counts::default();
    let Some(id) = client_id(conn, code)? else { return Ok(counts) };
    counts.add(Category::ClientRecord, 1);
    counts.add(
        Category::Safeguarding,
        count(conn, "SELECT count(*) FROM safeguarding_entries WHERE client_id = ?1", id)?,
    );
    counts.add(Category::Correspondence, count(conn, "SELECT count(*) FROM correspondence WHERE client_id = ?1", id)?);
    counts.add(Category::Artwork, count(conn, "SELECT count(*) FROM artwork WHERE client_id = ?1", id)?);
    let media = "SELECT count(*) FROM media m WHERE m.client_id = ?1
                 AND NOT EXISTS (SELECT 1 FROM media_events x WHERE x.media_id = m.id AND x.kind = 'destroyed')";
    counts.add(Category::Media, count(conn, media, id)?);
    Ok(counts)
}

/// Deletes everything of the client and returns what went. Attachments go with their
/// chunks; notes with every version and their search entries; the complaints register
/// keeps its complaints without the client; an incident keeps itself without the client.
pub(super) fn whole_client(tx: &Change<'_>, code: &str) -> Result<Counts> {
    let counts = client_counts(tx, code)?;
    let Some(id) = client_id(tx, code)? else { return Ok(counts) };
    let blobs: Vec<i64> = {
        let mut stmt = tx
            .prepare(
                "SELECT told_blob_id FROM consents WHERE client_id = ?1 AND told_blob_id IS NOT NULL
                 UNION SELECT blob_id FROM agreements WHERE client_id = ?1 AND blob_id IS NOT NULL
                 UNION SELECT a.blob_id FROM correspondence_attachments a
                       JOIN correspondence c ON c.id = a.correspondence_id WHERE c.client_id = ?1
                 UNION SELECT a.blob_id FROM disclosure_attachments a
                       JOIN disclosures d ON d.id = a.disclosure_id WHERE d.client_id = ?1
                 UNION SELECT blob_id FROM media WHERE client_id = ?1",
            )
            .map_err(map_err)?;
        let rows = stmt.query_map([id], |r| r.get(0)).map_err(map_err)?;
        rows.collect::<rusqlite::Result<_>>().map_err(map_err)?
    };
    let of = |table: &str| format!("(SELECT id FROM {table} WHERE client_id = ?1)");
    let statements = [
        "DELETE FROM safeguarding_entries WHERE client_id = ?1".to_string(),
        format!("DELETE FROM disclosure_attachments WHERE disclosure_id IN {}", of("disclosures")),
        "DELETE FROM disclosures WHERE client_id = ?1".into(),
        format!("DELETE FROM media_events WHERE media_id IN {}", of("media")),
        "DELETE FROM media WHERE client_id = ?1".into(),
        format!("DELETE FROM artwork_events WHERE artwork_id IN {}", of("artwork")),
        "DELETE FROM artwork WHERE client_id = ?1".into(),
        format!("DELETE FROM correspondence_attachments WHERE correspondence_id IN {}", of("correspondence")),
        "DELETE FROM correspondence WHERE client_id = ?1".into(),
        format!("DELETE FROM consent_reviews WHERE consent_id IN {}", of("consents")),
        format!("DELETE FROM consent_withdrawals WHERE consent_id IN {}", of("consents")),
        "DELETE FROM consents WHERE client_id = ?1".into(),
        "DELETE FROM agreements WHERE client_id = ?1".into(),
        format!("DELETE FROM note_search WHERE rowid IN {}", of("notes")),
        format!("DELETE FROM note_versions WHERE note_id IN {}", of("notes")),
        "DELETE FROM notes WHERE client_id = ?1".into(),
        "DELETE FROM sessions WHERE client_id = ?1".into(),
        "DELETE FROM client_professionals WHERE client_id = ?1".into(),
        "DELETE FROM client_state_changes WHERE client_id = ?1".into(),
        "DELETE FROM episodes WHERE client_id = ?1".into(),
        format!("DELETE FROM retention_hold_releases WHERE hold_id IN {}", of("retention_holds")),
        "DELETE FROM retention_holds WHERE client_id = ?1".into(),
        "DELETE FROM incident_clients WHERE client_id = ?1".into(),
        "UPDATE complaints SET client_id = NULL WHERE client_id = ?1".into(),
        "UPDATE rights_requests SET client_id = NULL WHERE client_id = ?1".into(),
        "DELETE FROM clients WHERE id = ?1".into(),
    ];
    for sql in &statements {
        tx.execute(sql, [id]).map_err(map_err)?;
    }
    for blob in blobs {
        crate::blobs::destroy(tx, blob)?;
    }
    forget_unused_locations(tx)?;
    Ok(counts)
}

/// Destroys the items listed (letters, pieces of artwork with their photos, photos and
/// recordings) and returns what went. Photos go first, each counted as itself: a piece is
/// listed only with every photo of it.
pub(super) fn items(tx: &Change<'_>, code: &str, items: &[DueItem]) -> Result<Counts> {
    let mut counts = Counts::default();
    let Some(client) = client_id(tx, code)? else { return Ok(counts) };
    let (pieces, others): (Vec<&DueItem>, Vec<&DueItem>) = items.iter().partition(|i| i.category == Category::Artwork);
    for item in others.into_iter().chain(pieces) {
        let Some(reference) = item.item.as_deref() else { continue };
        let gone = match item.category {
            Category::Correspondence => letter(tx, client, reference)?,
            Category::Artwork => piece(tx, client, reference)?,
            Category::Media => match reference.parse::<i64>() {
                Ok(id) => media(tx, client, id)?,
                Err(_) => false,
            },
            Category::ClientRecord | Category::Safeguarding => false,
        };
        if gone {
            counts.add(item.category, 1);
        }
    }
    forget_unused_locations(tx)?;
    Ok(counts)
}

fn letter(tx: &Change<'_>, client: i64, reference: &str) -> Result<bool> {
    let Ok(id) = reference.parse::<i64>() else { return Ok(false) };
    let blobs: Vec<i64> = {
        let mut stmt = tx
            .prepare(
                "SELECT a.blob_id FROM correspondence_attachments a JOIN correspondence c ON c.id = a.correspondence_id
                 WHERE c.id = ?1 AND c.client_id = ?2",
            )
            .map_err(map_err)?;
        let rows = stmt.query_map([id, client], |r| r.get(0)).map_err(map_err)?;
        rows.collect::<rusqlite::Result<_>>().map_err(map_err)?
    };
    tx.execute(
        "DELETE FROM correspondence_attachments WHERE correspondence_id IN
         (SELECT id FROM correspondence WHERE id = ?1 AND client_id = ?2)",
        [id, client],
    )
    .map_err(map_err)?;
    let gone =
        tx.execute("DELETE FROM correspondence WHERE id = ?1 AND client_id = ?2", [id, client]).map_err(map_err)?;
    for blob in blobs {
        crate::blobs::destroy(tx, blob)?;
    }
    Ok(gone == 1)
}

fn piece(tx: &Change<'_>, client: i64, reference: &str) -> Result<bool> {
    let Some(id) = reference.strip_prefix("ART-").and_then(|n| n.parse::<i64>().ok()) else { return Ok(false) };
    let photos: Vec<i64> = {
        let mut stmt = tx.prepare("SELECT id FROM media WHERE artwork_id = ?1 AND client_id = ?2").map_err(map_err)?;
        let rows = stmt.query_map([id, client], |r| r.get(0)).map_err(map_err)?;
        rows.collect::<rusqlite::Result<_>>().map_err(map_err)?
    };
    for photo in photos {
        media(tx, client, photo)?;
    }
    tx.execute(
        "DELETE FROM artwork_events WHERE artwork_id IN (SELECT id FROM artwork WHERE id = ?1 AND client_id = ?2)",
        [id, client],
    )
    .map_err(map_err)?;
    let gone = tx.execute("DELETE FROM artwork WHERE id = ?1 AND client_id = ?2", [id, client]).map_err(map_err)?;
    Ok(gone == 1)
}

fn media(tx: &Change<'_>, client: i64, id: i64) -> Result<bool> {
    let blob: Option<i64> = tx
        .query_row("SELECT blob_id FROM media WHERE id = ?1 AND client_id = ?2", [id, client], |r| r.get(0))
        .optional()
        .map_err(map_err)?;
    let Some(blob) = blob else { return Ok(false) };
    tx.execute("DELETE FROM media_events WHERE media_id = ?1", [id]).map_err(map_err)?;
    tx.execute("DELETE FROM media WHERE id = ?1", [id]).map_err(map_err)?;
    crate::blobs::destroy(tx, blob)?;
    Ok(true)
}

/// The photos of each of the client's pieces of artwork (reference → media ids), leaving
/// out photos already destroyed.
pub(super) fn photos_of_pieces(conn: &Connection, code: &str) -> Result<BTreeMap<String, Vec<String>>> {
    let mut stmt = conn
        .prepare(
            "SELECT a.reference, m.id FROM media m JOIN artwork a ON a.id = m.artwork_id
             JOIN clients c ON c.id = m.client_id WHERE c.code = ?1
             AND NOT EXISTS (SELECT 1 FROM media_events x WHERE x.media_id = m.id AND x.kind = 'destroyed')",
        )
        .map_err(map_err)?;
    let rows = stmt.query_map([code], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))).map_err(map_err)?;
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in rows {
        let (reference, id) = row.map_err(map_err)?;
        out.entry(reference).or_default().push(id.to_string());
    }
    Ok(out)
}

/// A place no piece was ever put in any more is forgotten (its name could be a client's).
fn forget_unused_locations(tx: &Change<'_>) -> Result<()> {
    tx.execute(
        "DELETE FROM artwork_locations WHERE id NOT IN
         (SELECT location_id FROM artwork_events WHERE location_id IS NOT NULL)",
        [],
    )
    .map(drop)
    .map_err(map_err)
}

pub(super) fn insert_batch(conn: &Connection, on: NaiveDate, runs_on: NaiveDate, now: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO destruction_batches (confirmed_on, runs_on, recorded_at) VALUES (?1, ?2, ?3)",
        params![on, runs_on, now],
    )
    .map_err(map_err)?;
    Ok(conn.last_insert_rowid())
}

pub(super) fn insert_entry(conn: &Connection, batch: i64, code: &str, item: &DueItem) -> Result<()> {
    conn.execute(
        "INSERT INTO destruction_entries (batch_id, client_code, category, item, due_on, rule)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![batch, code, item.category, item.item, item.due_on, item.rule],
    )
    .map(drop)
    .map_err(map_err)
}

pub(super) fn insert_cancellation(conn: &Connection, batch: i64, on: NaiveDate, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO destruction_cancellations (batch_id, cancelled_on, recorded_at) VALUES (?1, ?2, ?3)",
        params![batch, on, now],
    )
    .map(drop)
    .map_err(map_err)
}

pub(super) fn insert_run(conn: &Connection, batch: i64, on: NaiveDate, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO destruction_runs (batch_id, ran_on, recorded_at) VALUES (?1, ?2, ?3)",
        params![batch, on, now],
    )
    .map(drop)
    .map_err(map_err)
}

pub(super) fn insert_record(
    conn: &Connection,
    batch: i64,
    code: &str,
    categories: &[Destroyed],
    on: NaiveDate,
    now: &str,
) -> Result<i64> {
    let json = serde_json::to_string(categories).map_err(|e| Error::Internal(format!("a destruction record: {e}")))?;
    conn.execute(
        "INSERT INTO destruction_records (batch_id, client_code, categories, destroyed_on, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![batch, code, json, on, now],
    )
    .map_err(map_err)?;
    Ok(conn.last_insert_rowid())
}

/// A batch as stored, with its state.
pub(super) struct BatchRow {
    pub id: i64,
    pub confirmed_on: NaiveDate,
    pub runs_on: NaiveDate,
    pub state: BatchState,
    pub ended_on: Option<NaiveDate>,
}

/// Every batch, oldest first.
pub(super) fn batches(conn: &Connection) -> Result<Vec<BatchRow>> {
    let mut stmt = conn
        .prepare(
            "SELECT b.id, b.confirmed_on, b.runs_on, c.cancelled_on, r.ran_on FROM destruction_batches b
             LEFT JOIN destruction_cancellations c ON c.batch_id = b.id
             LEFT JOIN destruction_runs r ON r.batch_id = b.id ORDER BY b.id",
        )
        .map_err(map_err)?;
    let rows = stmt
        .query_map([], |r| {
            let cancelled: Option<NaiveDate> = r.get(3)?;
            let ran: Option<NaiveDate> = r.get(4)?;
            let state = match (cancelled, ran) {
                (Some(_), _) => BatchState::Cancelled,
                (None, Some(_)) => BatchState::Done,
                (None, None) => BatchState::Pending,
            };
            Ok(BatchRow {
                id: r.get(0)?,
                confirmed_on: r.get(1)?,
                runs_on: r.get(2)?,
                state,
                ended_on: cancelled.or(ran),
            })
        })
        .map_err(map_err)?;
    rows.collect::<rusqlite::Result<_>>().map_err(map_err)
}

/// A batch's entries: (client code, item), in the order confirmed.
pub(super) fn entries(conn: &Connection, batch: i64) -> Result<Vec<(String, DueItem)>> {
    let mut stmt = conn
        .prepare(
            "SELECT client_code, category, item, due_on, rule FROM destruction_entries WHERE batch_id = ?1 ORDER BY id",
        )
        .map_err(map_err)?;
    let rows = stmt
        .query_map([batch], |r| {
            Ok((r.get(0)?, DueItem { category: r.get(1)?, item: r.get(2)?, due_on: r.get(3)?, rule: r.get(4)? }))
        })
        .map_err(map_err)?;
    rows.collect::<rusqlite::Result<_>>().map_err(map_err)
}

/// (client code, category, item) of every entry of a batch neither cancelled nor run.
pub(super) fn pending_keys(conn: &Connection) -> Result<HashSet<(String, Category, Option<String>)>> {
    let mut stmt = conn
        .prepare(
            "SELECT e.client_code, e.category, e.item FROM destruction_entries e
             WHERE NOT EXISTS (SELECT 1 FROM destruction_cancellations c WHERE c.batch_id = e.batch_id)
               AND NOT EXISTS (SELECT 1 FROM destruction_runs r WHERE r.batch_id = e.batch_id)",
        )
        .map_err(map_err)?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).map_err(map_err)?;
    rows.collect::<rusqlite::Result<_>>().map_err(map_err)
}

/// Every destruction record, oldest first.
pub(super) fn records(conn: &Connection) -> Result<Vec<DestructionRecord>> {
    let mut stmt = conn
        .prepare("SELECT id, batch_id, client_code, categories, destroyed_on FROM destruction_records ORDER BY id")
        .map_err(map_err)?;
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get(4)?))
        })
        .map_err(map_err)?;
    let rows: Vec<(i64, i64, String, String, NaiveDate)> = rows.collect::<rusqlite::Result<_>>().map_err(map_err)?;
    rows.into_iter()
        .map(|(id, batch, client, json, destroyed_on)| {
            let categories = serde_json::from_str(&json)
                .map_err(|e| Error::db_damaged(format!("a destruction record's categories: {e}")))?;
            Ok(DestructionRecord { id, batch, client, destroyed_on, categories })
        })
        .collect()
}
