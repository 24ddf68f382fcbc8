//! Safeguarding reviews asked for by the register: an online or phone session at which a
//! parent or carer check was answered "no" (seed 004 §6: parents must be close by and aware
//! during all communication with a child). Each is listed on Home, linked to its session,
//! until the therapist records what she decided in the client's safeguarding log (an entry
//! dated on or after the session).

use chrono::NaiveDate;
use rusqlite::params;

use super::rules::RemoteChecks;
use super::Mode;
use crate::db::map_err;
use crate::{Result, Vault};

/// A session whose parent or carer checks need a safeguarding review.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckReview {
    pub client: String,
    pub initials: String,
    pub session: i64,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub on: NaiveDate,
    pub mode: Mode,
    /// What went wrong, in words ("the parent or carer was not contacted at the end").
    pub missed: Vec<String>,
    /// The reason recorded with the checks.
    pub reason: String,
}

/// Every session awaiting its review, oldest first.
pub fn reviews_due(vault: &Vault) -> Result<Vec<CheckReview>> {
    let mut stmt = vault
        .conn()
        .prepare(
            "SELECT s.id, c.code, c.initials, s.on_date, s.mode, s.parent_contacted_start, s.parent_contacted_end,
                    s.parent_nearby, s.checks_reason
             FROM sessions s JOIN clients c ON c.id = s.client_id
             WHERE (s.parent_contacted_start = 0 OR s.parent_contacted_end = 0 OR s.parent_nearby = 0)
               AND NOT EXISTS (SELECT 1 FROM safeguarding_entries g
                               WHERE g.client_id = s.client_id AND g.on_date >= s.on_date)
             ORDER BY s.on_date, s.id",
        )
        .map_err(map_err)?;
    let rows = stmt
        .query_map(params![], |r| {
            let checks = RemoteChecks {
                parent_contacted_start: r.get(5)?,
                parent_contacted_end: r.get(6)?,
                parent_nearby: r.get(7)?,
                ..RemoteChecks::default()
            };
            Ok(CheckReview {
                session: r.get(0)?,
                client: r.get(1)?,
                initials: r.get(2)?,
                on: r.get(3)?,
                mode: r.get(4)?,
                missed: checks.missed().into_iter().map(String::from).collect(),
                reason: r.get(8)?,
            })
        })
        .map_err(map_err)?;
    rows.collect::<rusqlite::Result<Vec<_>>>().map_err(map_err)
}
