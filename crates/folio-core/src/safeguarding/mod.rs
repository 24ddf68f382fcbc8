//! The safeguarding log: each concern with its date and time, who was involved, what was
//! said or seen (in the therapist's words, initials only: the identifier check runs on it),
//! the action taken, the referral made (to whom, when, its reference), the outcome, and
//! links to a note and a disclosure. Entries are never changed: a later outcome is a
//! follow-up entry that points to the first.
//!
//! A client with an entry has a safeguarding concern on file, which the retention rules
//! count (a later capability): [`has_entries`].

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use crate::audit::Action;
use crate::client_ids::id_for_code;
use crate::dates::{parse_uk, parse_uk_or};
use crate::db::map_err;
use crate::notes::{self, FreeText, KeptIdentifier};
use crate::vault::Record;
use crate::{Error, Result, Vault};

/// An entry as the therapist writes it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SafeguardingForm {
    /// dd/mm/yyyy; empty is today.
    pub on: String,
    /// HH:MM, or empty.
    pub time: String,
    /// Who was involved (by role and initials).
    pub involved: String,
    /// What was said or seen, in the therapist's words.
    pub account: String,
    /// What the therapist did.
    pub action: String,
    /// The referral made: to whom.
    pub referred_to: String,
    /// dd/mm/yyyy, or empty.
    pub referred_on: String,
    pub reference: String,
    pub outcome: String,
    /// A note this entry is about.
    pub note: Option<i64>,
    /// A disclosure this entry led to.
    pub disclosure: Option<i64>,
    /// The earlier entry this one follows up (an outcome recorded later).
    pub follows: Option<i64>,
    /// What the identifier check found that the therapist keeps, each with her reason.
    pub kept: Vec<KeptIdentifier>,
}

/// An entry in the log.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SafeguardingEntry {
    pub id: i64,
    pub client: String,
    pub initials: String,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub on: NaiveDate,
    pub time: String,
    pub involved: String,
    pub account: String,
    pub action: String,
    pub referred_to: String,
    #[serde(with = "crate::dates::uk_opt")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub referred_on: Option<NaiveDate>,
    pub reference: String,
    pub outcome: String,
    pub note: Option<i64>,
    pub disclosure: Option<i64>,
    pub follows: Option<i64>,
    /// What the identifier check found that was kept, with the reason.
    pub kept: Vec<KeptIdentifier>,
}

/// Refuses an id that is not one of this client's records, naming the form's `field`.
fn belongs(
    conn: &Connection,
    table: &str,
    id: Option<i64>,
    client_id: i64,
    field: &'static str,
    what: &'static str,
) -> Result<()> {
    let Some(id) = id else { return Ok(()) };
    let owner: Option<i64> = conn
        .query_row(&format!("SELECT client_id FROM {table} WHERE id = ?1"), [id], |r| r.get(0))
        .optional()
        .map_err(map_err)?;
    if owner != Some(client_id) {
        return Err(Error::invalid(field, format!("This client has no {what} with that id.")));
    }
    Ok(())
}

/// Adds an entry. The identifier check runs on the free text; anything it finds refuses
/// the entry unless `keep_identifiers` gives the reason to keep it. Recorded as
/// `safeguarding.recorded`.
pub fn add(
    vault: &mut Vault,
    code: &str,
    form: SafeguardingForm,
    keep_identifiers: Option<&str>,
) -> Result<SafeguardingEntry> {
    let today = vault.today();
    let conn = vault.conn();
    let client_id = id_for_code(conn, code)?;
    let on = parse_uk_or(today, "on", "date of the concern", &form.on)?;
    if on > today {
        return Err(Error::invalid("on", "The date of the concern cannot be in the future."));
    }
    let time = match form.time.trim() {
        "" => String::new(),
        typed => crate::sessions::rules::start_time(typed)
            .map_err(|_| Error::invalid("time", "Enter the time as hours and minutes, for example 14:30."))?,
    };
    let involved = crate::text::typed("involved", "who was involved", &form.involved, false)?;
    let account = crate::text::typed("account", "account of what was said or seen", &form.account, false)?;
    if account.is_empty() && form.follows.is_none() {
        return Err(Error::invalid("account", "Write what was said or seen, in your own words."));
    }
    let action = crate::text::typed("action", "action taken", &form.action, false)?;
    // Seed 002: "all concerns and action" are recorded, a concern that led to no disclosure too.
    if action.is_empty() && form.follows.is_none() {
        return Err(Error::invalid(
            "action",
            "Write the action you took, even if nothing was shared: every concern is recorded with what was done.",
        ));
    }
    let referred_to = crate::text::typed("referredTo", "who it was referred to", &form.referred_to, true)?;
    let referred_on = match form.referred_on.trim() {
        "" => None,
        typed => {
            let d = parse_uk("referredOn", "date of the referral", typed)?;
            if d > today {
                return Err(Error::invalid("referredOn", "The date of the referral cannot be in the future."));
            }
            Some(d)
        }
    };
    let reference = crate::text::typed("reference", "reference", &form.reference, true)?;
    let outcome = crate::text::typed("outcome", "outcome", &form.outcome, false)?;
    belongs(conn, "notes", form.note, client_id, "note", "note")?;
    belongs(conn, "disclosures", form.disclosure, client_id, "disclosure", "disclosure")?;
    belongs(conn, "safeguarding_entries", form.follows, client_id, "follows", "safeguarding entry")?;
    let text = |field, label, text| FreeText { field, label, text };
    let kept = notes::settle_free_text(
        vault,
        code,
        &[
            text("involved", "who was involved", &involved),
            text("account", "the account", &account),
            text("action", "the action", &action),
            text("outcome", "the outcome", &outcome),
        ],
        &form.kept,
        keep_identifiers,
    )?;
    let kept_json = serde_json::to_string(&kept).map_err(|e| Error::Internal(e.to_string()))?;
    let id = vault.write(|tx| {
        tx.execute(
            "INSERT INTO safeguarding_entries (client_id, on_date, at_time, involved, account, action_taken, referred_to,
                 referred_on, reference, outcome, note_id, disclosure_id, follows_id, kept, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            params![
                client_id,
                on,
                time,
                involved,
                account,
                action,
                referred_to,
                referred_on,
                reference,
                outcome,
                form.note,
                form.disclosure,
                form.follows,
                kept_json,
                tx.now_utc()
            ],
        )
        .map_err(map_err)?;
        let id = tx.last_insert_rowid();
        tx.record(Action::SafeguardingRecorded, Record::new("safeguarding", id))?;
        Ok(id)
    })?;
    list(vault, code)?
        .into_iter()
        .find(|e| e.id == id)
        .ok_or_else(|| Error::Internal("the new entry was not found".into()))
}

/// A client's safeguarding log, newest first (on one day, the later written first: a
/// follow-up above the entry it follows, whether or not either has a time).
pub fn list(vault: &Vault, code: &str) -> Result<Vec<SafeguardingEntry>> {
    let conn = vault.conn();
    let client_id = id_for_code(conn, code)?;
    let mut stmt = conn
        .prepare(
            "SELECT s.id, c.code, c.initials, s.on_date, s.at_time, s.involved, s.account, s.action_taken, s.referred_to,
                    s.referred_on, s.reference, s.outcome, s.note_id, s.disclosure_id, s.follows_id, s.kept
             FROM safeguarding_entries s JOIN clients c ON c.id = s.client_id
             WHERE s.client_id = ?1 ORDER BY s.on_date DESC, s.id DESC",
        )
        .map_err(map_err)?;
    let rows = stmt
        .query_map([client_id], |r| {
            Ok((
                SafeguardingEntry {
                    id: r.get(0)?,
                    client: r.get(1)?,
                    initials: r.get(2)?,
                    on: r.get(3)?,
                    time: r.get(4)?,
                    involved: r.get(5)?,
                    account: r.get(6)?,
                    action: r.get(7)?,
                    referred_to: r.get(8)?,
                    referred_on: r.get(9)?,
                    reference: r.get(10)?,
                    outcome: r.get(11)?,
                    note: r.get(12)?,
                    disclosure: r.get(13)?,
                    follows: r.get(14)?,
                    kept: Vec::new(),
                },
                r.get::<_, String>(15)?,
            ))
        })
        .map_err(map_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(map_err)?;
    rows.into_iter()
        .map(|(mut entry, kept)| {
            entry.kept =
                serde_json::from_str(&kept).map_err(|_| Error::db_damaged("a safeguarding entry is unreadable"))?;
            Ok(entry)
        })
        .collect()
}

/// True when the client has a safeguarding log entry (a concern the retention rules count).
pub fn has_entries(vault: &Vault, code: &str) -> Result<bool> {
    let conn = vault.conn();
    let client_id = id_for_code(conn, code)?;
    conn.query_row("SELECT EXISTS (SELECT 1 FROM safeguarding_entries WHERE client_id = ?1)", [client_id], |r| r.get(0))
        .map_err(map_err)
}
