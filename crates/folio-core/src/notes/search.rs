//! Full-text search over notes: words, prefixes (`ang*`) and phrases (`"felt angry"`),
//! filtered by client, kind and date range, through the FTS5 index inside the vault. The
//! index holds each note's current text: an amended-away word is no longer found, and the
//! history is read from the note itself.

use chrono::NaiveDate;
use rusqlite::params;

use super::rules::match_expression;
use super::NoteKind;
use crate::client_ids::id_for_code;
use crate::dates::parse_uk;
use crate::db::map_err;
use crate::{Error, Result, Vault};

/// A search as the therapist types it; empty filters are not applied.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchForm {
    pub query: String,
    /// A client code.
    pub client: String,
    /// One of [`NoteKind`]'s values.
    pub kind: String,
    /// dd/mm/yyyy, inclusive.
    pub from: String,
    pub to: String,
}

/// One note found: the client as code and initials, the note's date and kind, and a snippet
/// with the matched words in `[` `]`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchHit {
    pub id: i64,
    /// "ZB-0001 (ZOB)": never a name.
    pub client: String,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub date: NaiveDate,
    pub kind: NoteKind,
    pub snippet: String,
}

/// The most results one search returns, best first.
pub const MAX_RESULTS: i64 = 200;

/// Notes matching the search, best match first.
pub fn search(vault: &Vault, form: &SearchForm) -> Result<Vec<SearchHit>> {
    let expression = match_expression(&form.query)?;
    let conn = vault.conn();
    let client = match form.client.trim() {
        "" => None,
        code => Some(id_for_code(conn, code)?),
    };
    let kind = match form.kind.trim() {
        "" => None,
        kind => Some(NoteKind::parse(kind)?),
    };
    let from = optional_date("from", "first date", &form.from)?;
    let to = optional_date("to", "last date", &form.to)?;
    if let (Some(from), Some(to)) = (from, to) {
        if from > to {
            return Err(Error::invalid("to", "The last date is before the first date. Swap them or change one."));
        }
    }
    let mut stmt = conn
        .prepare_cached(
            "SELECT n.id, c.code, c.initials, n.on_date, n.kind,
                    snippet(note_search, 0, '[', ']', '…', 16)
             FROM note_search
             JOIN notes n ON n.id = note_search.rowid
             JOIN clients c ON c.id = n.client_id
             WHERE note_search MATCH ?1
               AND (?2 IS NULL OR n.client_id = ?2)
               AND (?3 IS NULL OR n.kind = ?3)
               AND (?4 IS NULL OR n.on_date >= ?4)
               AND (?5 IS NULL OR n.on_date <= ?5)
             ORDER BY rank, n.on_date DESC
             LIMIT ?6",
        )
        .map_err(map_err)?;
    let rows = stmt
        .query_map(params![expression, client, kind, from, to, MAX_RESULTS], |r| {
            Ok(SearchHit {
                id: r.get(0)?,
                client: format!("{} ({})", r.get::<_, String>(1)?, r.get::<_, String>(2)?),
                date: r.get(3)?,
                kind: r.get(4)?,
                snippet: r.get::<_, String>(5)?.split_whitespace().collect::<Vec<_>>().join(" "),
            })
        })
        .map_err(map_err)?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(map_err)
}

fn optional_date(field: &'static str, label: &str, text: &str) -> Result<Option<NaiveDate>> {
    match text.trim() {
        "" => Ok(None),
        typed => parse_uk(field, label, typed).map(Some),
    }
}
