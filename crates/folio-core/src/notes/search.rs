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

/// The most results one search returns.
pub const MAX_RESULTS: i64 = 200;

/// Above this many matching notes, results are the most recently written rather than the
/// best ranked: ranking reads every match (about a microsecond each), and a word found in
/// nearly every note ranks them all alike anyway.
pub const RANKED_UP_TO: i64 = 2_000;

/// How the results are ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Order {
    /// Best match first.
    Relevance,
    /// More than [`RANKED_UP_TO`] notes matched: the most recently written first.
    MostRecent,
}

/// A search's results and how they are ordered.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    pub order: Order,
    /// When not every match is shown, says which are and how to narrow the search; empty
    /// when the hits are all the matches.
    pub shown: String,
}

/// Notes matching the search (the CLI's `--json` list).
pub fn search(vault: &Vault, form: &SearchForm) -> Result<Vec<SearchHit>> {
    Ok(search_results(vault, form)?.hits)
}

/// Notes matching the search: best match first, or, when more than [`RANKED_UP_TO`] notes
/// match and no client is chosen, the most recently written first.
pub fn search_results(vault: &Vault, form: &SearchForm) -> Result<SearchResults> {
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
    // A client's notes are few: rank them all. Otherwise count the matches, up to the limit.
    let order = if client.is_some() {
        Order::Relevance
    } else {
        let matches: i64 = conn
            .prepare_cached("SELECT count(*) FROM (SELECT 1 FROM note_search WHERE note_search MATCH ?1 LIMIT ?2)")
            .map_err(map_err)?
            .query_row(params![expression, RANKED_UP_TO + 1], |r| r.get(0))
            .map_err(map_err)?;
        if matches > RANKED_UP_TO {
            Order::MostRecent
        } else {
            Order::Relevance
        }
    };
    let sql = search_sql(order, client.is_some(), kind.is_some(), from.is_some(), to.is_some());
    let mut stmt = conn.prepare_cached(&sql).map_err(map_err)?;
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
    let hits = rows.collect::<rusqlite::Result<Vec<_>>>().map_err(map_err)?;
    let narrow = "Add a word, choose a client or give dates to narrow the search.";
    let shown = match order {
        Order::MostRecent => format!(
            "More than {} notes match: these are the {} most recently written. {narrow}",
            thousands(RANKED_UP_TO),
            hits.len()
        ),
        Order::Relevance if hits.len() as i64 >= MAX_RESULTS => {
            format!("More notes match than can be shown: these are the {MAX_RESULTS} best matches. {narrow}")
        }
        Order::Relevance => String::new(),
    };
    Ok(SearchResults { hits, order, shown })
}

/// The search's SQL for the order and the filters given, in two steps so that the costly
/// part runs only for the notes shown. First the [`MAX_RESULTS`] notes to show are chosen:
/// - by relevance, from the index's rank (and the notes' dates), with the filters; for one
///   client, driven from that client's notes (few, by index), each probed in the index;
/// - by recency, walking the index's matches from the newest note id down, which stops
///   as soon as enough notes pass the filters.
///
/// Then one pass over the index, between the lowest and highest of those ids, gives each
/// its snippet (which reads and tokenizes the note's text): computed in one query, a snippet
/// would be made for every match before the sort. A filter not given is left out of the SQL
/// rather than written `?n IS NULL OR …`, so the notes' indexes can serve.
fn search_sql(order: Order, client: bool, kind: bool, from: bool, to: bool) -> String {
    let mut filters = String::new();
    for (given, condition) in [
        (client, " AND n.client_id = ?2"),
        (kind, " AND n.kind = ?3"),
        (from, " AND n.on_date >= ?4"),
        (to, " AND n.on_date <= ?5"),
    ] {
        if given {
            filters.push_str(condition);
        }
    }
    let (best, sort) = match (order, client) {
        (Order::Relevance, false) => (
            format!(
                "SELECT note_search.rowid AS id, note_search.rank AS score, n.on_date AS on_date
                 FROM note_search JOIN notes n ON n.id = note_search.rowid
                 WHERE note_search MATCH ?1{filters}
                 ORDER BY score, n.on_date DESC
                 LIMIT ?6"
            ),
            "best.score, best.on_date DESC",
        ),
        (Order::Relevance, true) => (
            format!(
                "SELECT note_search.rowid AS id, note_search.rank AS score, n.on_date AS on_date
                 FROM notes n CROSS JOIN note_search ON note_search.rowid = n.id
                 WHERE note_search MATCH ?1{filters}
                 ORDER BY score, n.on_date DESC
                 LIMIT ?6"
            ),
            "best.score, best.on_date DESC",
        ),
        (Order::MostRecent, _) => (
            format!(
                "SELECT note_search.rowid AS id, 0 AS score, n.on_date AS on_date
                 FROM note_search CROSS JOIN notes n ON n.id = note_search.rowid
                 WHERE note_search MATCH ?1{filters}
                 ORDER BY note_search.rowid DESC
                 LIMIT ?6"
            ),
            "best.id DESC",
        ),
    };
    format!(
        "WITH best AS MATERIALIZED ({best})
         SELECT best.id, c.code, c.initials, n.on_date, n.kind,
                snippet(note_search, 0, '[', ']', '…', 16)
         FROM note_search
         CROSS JOIN best ON best.id = note_search.rowid
         CROSS JOIN notes n ON n.id = best.id
         CROSS JOIN clients c ON c.id = n.client_id
         WHERE note_search MATCH ?1
           AND note_search.rowid >= (SELECT min(id) FROM best)
           AND note_search.rowid <= (SELECT max(id) FROM best)
         ORDER BY {sort}"
    )
}

/// 2000 as "2,000".
fn thousands(n: i64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn optional_date(field: &'static str, label: &str, text: &str) -> Result<Option<NaiveDate>> {
    match text.trim() {
        "" => Ok(None),
        typed => parse_uk(field, label, typed).map(Some),
    }
}
