//! SQL for the consent ledger. Rows are only ever inserted: triggers refuse UPDATE on all
//! three tables, so a consent, a review and a withdrawal read as they were recorded.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::rules::{self, Timing};
use super::{intervals_in, Consent, How, Valid, Withdrawal};
use crate::blobs;
use crate::db::map_err;
use crate::referrals::Funding;
use crate::{Error, Result};

/// The episode a consent given on `on` belongs to: the latest one started by then (or the
/// first, for a consent recorded before therapy began).
pub(super) fn episode_on(conn: &Connection, client_id: i64, on: NaiveDate) -> Result<i64> {
    conn.query_row(
        "SELECT coalesce(
             (SELECT max(number) FROM episodes WHERE client_id = ?1 AND started_on <= ?2),
             (SELECT min(number) FROM episodes WHERE client_id = ?1),
             1)",
        params![client_id, on],
        |r| r.get(0),
    )
    .map_err(map_err)
}

pub(super) fn insert(
    conn: &Connection,
    client_id: i64,
    episode: i64,
    v: &Valid,
    blob: Option<i64>,
    now: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO consents (client_id, episode_number, purpose, custom_purpose, given_by, given_by_role, competence,
             how, given_on, told, told_blob_id, platforms, failure_plan, plan, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![
            client_id,
            episode,
            v.purpose,
            v.custom_purpose,
            v.given_by,
            v.role,
            v.competence,
            v.how,
            v.on,
            v.told,
            blob,
            v.platforms,
            v.failure_plan,
            v.plan,
            now
        ],
    )
    .map_err(map_err)?;
    Ok(conn.last_insert_rowid())
}

pub(super) fn insert_review(conn: &Connection, id: i64, on: NaiveDate, note: &str, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO consent_reviews (consent_id, reviewed_on, note, recorded_at) VALUES (?1, ?2, ?3, ?4)",
        params![id, on, note, now],
    )
    .map_err(map_err)?;
    Ok(())
}

pub(super) fn insert_withdrawal(
    conn: &Connection,
    id: i64,
    on: NaiveDate,
    by: &str,
    affects: &str,
    now: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO consent_withdrawals (consent_id, withdrawn_on, withdrawn_by, affects, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, on, by, affects, now],
    )
    .map_err(map_err)?;
    Ok(())
}

const COLUMNS: &str = "k.id, c.code, c.initials, k.episode_number, k.purpose, k.custom_purpose, k.given_by,
    k.given_by_role, k.competence, k.how, k.given_on, k.told, k.told_blob_id,
    w.withdrawn_on, w.withdrawn_by, w.affects, k.client_id, k.platforms, k.failure_plan, k.plan";

struct Row {
    consent: Consent,
    blob: Option<i64>,
    client_id: i64,
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    let how: How = r.get(9)?;
    let withdrawn_on: Option<NaiveDate> = r.get(13)?;
    let withdrawal = match withdrawn_on {
        Some(on) => Some(Withdrawal { on, by: r.get(14)?, affects: r.get(15)? }),
        None => None,
    };
    let given: NaiveDate = r.get(10)?;
    Ok(Row {
        consent: Consent {
            id: r.get(0)?,
            client: r.get(1)?,
            initials: r.get(2)?,
            episode: r.get(3)?,
            purpose: r.get(4)?,
            custom_purpose: r.get(5)?,
            given_by: r.get(6)?,
            given_by_role: r.get(7)?,
            competence: r.get(8)?,
            how,
            written: rules::is_written(how),
            given,
            told: r.get(11)?,
            told_file: None,
            platforms: r.get(17)?,
            failure_plan: r.get(18)?,
            plan: r.get(19)?,
            state: super::ConsentState::Current,
            review_on: given,
            refresh_on: given,
            reviewed: Vec::new(),
            withdrawal,
            replaced_by: None,
        },
        blob: r.get(12)?,
        client_id: r.get(16)?,
    })
}

/// Every consent (of one client), newest first, with dates and state on `day`.
pub(super) fn all(conn: &Connection, client: Option<i64>, day: NaiveDate) -> Result<Vec<Consent>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM consents k JOIN clients c ON c.id = k.client_id
         LEFT JOIN consent_withdrawals w ON w.consent_id = k.id
         WHERE (?1 IS NULL OR k.client_id = ?1) ORDER BY k.given_on DESC, k.id DESC"
    );
    let mut stmt = conn.prepare(&sql).map_err(map_err)?;
    let rows = stmt
        .query_map(params![client], from_row)
        .map_err(map_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(map_err)?;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        out.push(complete(conn, row, &rows, day)?);
    }
    Ok(out)
}

pub(super) fn one(conn: &Connection, id: i64, day: NaiveDate) -> Result<Consent> {
    let client: Option<i64> = conn
        .query_row("SELECT client_id FROM consents WHERE id = ?1", [id], |r| r.get(0))
        .optional()
        .map_err(map_err)?;
    let client = client.ok_or_else(|| {
        Error::invalid("id", "There is no consent with that id. The client's consents list shows them.")
    })?;
    all(conn, Some(client), day)?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| Error::Internal("a consent was not listed with its client".into()))
}

/// Fills in what the row alone does not say: reviews, the attachment, the dates and state
/// on `day`, and a later consent that replaces it.
fn complete(conn: &Connection, row: &Row, siblings: &[Row], day: NaiveDate) -> Result<Consent> {
    let mut consent = row.consent.clone();
    consent.reviewed = reviews(conn, consent.id)?;
    consent.told_file = row.blob.map(|b| blobs::info(conn, b)).transpose()?;
    let timing = timing(conn, &consent, row.client_id)?;
    let dates = rules::dates(&timing);
    consent.review_on = dates.review_on;
    consent.refresh_on = dates.refresh_on;
    consent.state = rules::state_on(&timing, day);
    consent.replaced_by = siblings
        .iter()
        .filter(|s| s.client_id == row.client_id && s.consent.id != consent.id)
        .filter(|s| s.consent.purpose == consent.purpose)
        .filter(|s| s.consent.custom_purpose.to_lowercase() == consent.custom_purpose.to_lowercase())
        .filter(|s| (s.consent.given, s.consent.id) > (consent.given, consent.id))
        .min_by_key(|s| (s.consent.given, s.consent.id))
        .map(|s| s.consent.id);
    Ok(consent)
}

fn reviews(conn: &Connection, id: i64) -> Result<Vec<NaiveDate>> {
    let mut stmt = conn
        .prepare("SELECT reviewed_on FROM consent_reviews WHERE consent_id = ?1 ORDER BY reviewed_on")
        .map_err(map_err)?;
    let rows = stmt.query_map([id], |r| r.get(0)).map_err(map_err)?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(map_err)
}

/// The facts a consent's dates come from.
pub(crate) fn timing_of(conn: &Connection, consent: &Consent) -> Result<Timing> {
    let client_id: i64 =
        conn.query_row("SELECT client_id FROM consents WHERE id = ?1", [consent.id], |r| r.get(0)).map_err(map_err)?;
    timing(conn, consent, client_id)
}

fn timing(conn: &Connection, consent: &Consent, client_id: i64) -> Result<Timing> {
    let set = intervals_in(conn, consent.purpose)?;
    let (review_months, refresh_months) = (set.review_months, set.refresh_months);
    // Work in schools: a new period of therapy needs a fresh consent (seed 001).
    let next_episode_start: Option<NaiveDate> = if works_in_a_school(conn, client_id)? {
        conn.query_row(
            "SELECT min(started_on) FROM episodes WHERE client_id = ?1 AND number > ?2",
            params![client_id, consent.episode],
            |r| r.get(0),
        )
        .map_err(map_err)?
    } else {
        None
    };
    Ok(Timing {
        given: consent.given,
        last_review: consent.reviewed.last().copied(),
        review_months,
        refresh_months,
        next_episode_start,
        withdrawn_on: consent.withdrawal.as_ref().map(|w| w.on),
    })
}

/// Whether the work with a client is work in schools: funded by a school, or in a setting the
/// referral marks as a school.
fn works_in_a_school(conn: &Connection, client_id: i64) -> Result<bool> {
    let funding: Option<Funding> =
        conn.query_row("SELECT funding FROM clients WHERE id = ?1", [client_id], |r| r.get(0)).map_err(map_err)?;
    Ok(funding == Some(Funding::School) || crate::clients::store::referral_of(conn, client_id)?.setting_is_school)
}

/// The codes of clients whose latest episode has not ended.
pub(super) fn clients_in_an_open_episode(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare(
            "SELECT c.code FROM clients c WHERE EXISTS (
                 SELECT 1 FROM episodes e WHERE e.client_id = c.id AND e.ended_on IS NULL
                 AND e.number = (SELECT max(number) FROM episodes WHERE client_id = c.id))",
        )
        .map_err(map_err)?;
    let rows = stmt.query_map([], |r| r.get(0)).map_err(map_err)?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(map_err)
}
