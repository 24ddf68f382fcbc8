//! The client tables, read. Dates are stored ISO (rusqlite's `chrono` mapping) and choices
//! by their kebab-case value (`choice!`'s `ToSql`/`FromSql`); a value that does not read
//! back is damage, reported as such.

use chrono::NaiveDate;
use rusqlite::{Connection, Row};

use super::{ClientRecord, ClientSort, ClientSummary, Episode, ParsedFilter, StateChange};
use crate::db::map_err;
use crate::referrals::ReferralForm;
use crate::{Error, Result};

/// `?1` is today: the next planned session is the first on or after it.
const SUMMARY_COLUMNS: &str =
    "c.id, c.code, c.initials, c.state, c.state_since, c.modality, c.setting_name, c.safeguarding,
     c.referral_date, (SELECT MAX(number) FROM episodes e WHERE e.client_id = c.id),
     (SELECT MIN(s.on_date) FROM sessions s WHERE s.client_id = c.id AND s.outcome = 'planned'
        AND s.on_date >= ?1) AS next_session";

fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<ClientSummary> {
    let state: super::ClientState = row.get(3)?;
    Ok(ClientSummary {
        id: row.get(0)?,
        code: row.get(1)?,
        initials: row.get(2)?,
        state,
        state_since: row.get(4)?,
        modality: row.get(5)?,
        setting_name: row.get(6)?,
        safeguarding: row.get(7)?,
        referral_date: row.get(8)?,
        episode: row.get::<_, Option<i64>>(9)?.unwrap_or(1),
        episode_closed: state.is_closed(),
        next_session: row.get(10)?,
    })
}

pub(super) fn summary(conn: &Connection, id: i64, today: NaiveDate) -> Result<ClientSummary> {
    conn.query_row(
        &format!("SELECT {SUMMARY_COLUMNS} FROM clients c WHERE c.id = ?2"),
        rusqlite::params![today, id],
        summary_from_row,
    )
    .map_err(map_err)
}

pub(super) fn list(conn: &Connection, filter: &ParsedFilter, today: NaiveDate) -> Result<Vec<ClientSummary>> {
    let mut sql = format!("SELECT {SUMMARY_COLUMNS} FROM clients c WHERE 1 = 1");
    let mut args: Vec<Box<dyn rusqlite::ToSql>> = vec![Box::new(today)];
    let mut bind = |sql: &mut String, condition: &str, value: Box<dyn rusqlite::ToSql>| {
        args.push(value);
        sql.push_str(&condition.replace('?', &format!("?{}", args.len())));
    };
    if let Some(state) = filter.state {
        bind(&mut sql, " AND c.state = ?", Box::new(state));
    }
    if let Some(m) = filter.modality {
        bind(&mut sql, " AND c.modality = ?", Box::new(m));
    }
    if let Some(setting) = &filter.setting {
        bind(&mut sql, " AND instr(lower(c.setting_name), lower(?)) > 0", Box::new(setting.clone()));
    }
    if let Some(flag) = filter.safeguarding {
        bind(&mut sql, " AND c.safeguarding = ?", Box::new(flag));
    }
    if let Some(search) = &filter.search {
        bind(
            &mut sql,
            " AND (instr(lower(c.given_name || ' ' || c.family_name), lower(?)) > 0
                OR instr(lower(c.preferred_name), lower(?)) > 0
                OR instr(lower(c.initials), lower(?)) > 0
                OR instr(lower(c.code), lower(?)) > 0)",
            Box::new(search.clone()),
        );
    }
    sql.push_str(match filter.sort {
        ClientSort::ReferralDate => " ORDER BY c.referral_date DESC, c.id DESC",
        ClientSort::Code => " ORDER BY c.code",
        ClientSort::NextSession => " ORDER BY next_session IS NULL, next_session, c.referral_date DESC",
    });
    let mut stmt = conn.prepare(&sql).map_err(map_err)?;
    let params: Vec<&dyn rusqlite::ToSql> = args.iter().map(|a| a.as_ref()).collect();
    let rows = stmt.query_map(params.as_slice(), summary_from_row).map_err(map_err)?;
    rows.collect::<Result<Vec<_>, _>>().map_err(map_err)
}

/// The referral as last saved for a client.
pub(crate) fn referral_of(conn: &Connection, id: i64) -> Result<ReferralForm> {
    let json: String =
        conn.query_row("SELECT referral FROM clients WHERE id = ?1", [id], |r| r.get(0)).map_err(map_err)?;
    serde_json::from_str(&json).map_err(|_| Error::db_damaged("a stored referral is unreadable"))
}

pub(super) fn record(conn: &Connection, id: i64, today: NaiveDate) -> Result<ClientRecord> {
    let summary = summary(conn, id, today)?;
    let referral = referral_of(conn, id)?;
    let mut stmt = conn
        .prepare("SELECT number, started_on, ended_on, end_reason FROM episodes WHERE client_id = ?1 ORDER BY number")
        .map_err(map_err)?;
    let episodes = stmt
        .query_map([id], |r| {
            Ok(Episode { number: r.get(0)?, started_on: r.get(1)?, ended_on: r.get(2)?, end_reason: r.get(3)? })
        })
        .map_err(map_err)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(map_err)?;
    let mut stmt = conn
        .prepare(
            "SELECT from_state, to_state, on_date, note FROM client_state_changes WHERE client_id = ?1 ORDER BY id",
        )
        .map_err(map_err)?;
    let history = stmt
        .query_map([id], |r| Ok(StateChange { from: r.get(0)?, to: r.get(1)?, on: r.get(2)?, note: r.get(3)? }))
        .map_err(map_err)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(map_err)?;
    let professionals = crate::professionals::for_client(conn, id)?;
    let next_states = summary.state.next_states().to_vec();
    Ok(ClientRecord { summary, referral, episodes, history, professionals, next_states })
}
