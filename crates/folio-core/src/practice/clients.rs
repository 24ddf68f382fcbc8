//! Clients: created from a referral, listed by initials and code, moved through their
//! lifecycle, re-referred as new episodes. Every write is one IMMEDIATE transaction with
//! its audit entry.
//!
//! Lists return [`ClientSummary`], which has no name fields by design: names appear only
//! on the client's own identity panel ([`ClientRecord`]).

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};

use super::lifecycle::ClientState;
use super::referral::{Modality, ReferralForm, ValidReferral};
use crate::audit::{self, Action, RecordRef};
use crate::dates::format_uk;
use crate::db::map_err;
use crate::{Error, Result, Vault};

const ISO: &str = "%Y-%m-%d";

fn iso(d: NaiveDate) -> String {
    d.format(ISO).to_string()
}

fn from_iso(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, ISO).map_err(|_| Error::db_damaged(format!("a stored date is unreadable ({s})")))
}

/// A client as lists show them: initials and code, never the name.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClientSummary {
    pub id: i64,
    pub code: String,
    pub initials: String,
    pub state: ClientState,
    /// dd/mm/yyyy
    pub state_since: String,
    pub modality: Option<Modality>,
    pub setting_name: String,
    pub safeguarding: bool,
    /// dd/mm/yyyy
    pub referral_date: String,
    pub episode: i64,
    /// The next planned session, dd/mm/yyyy, if any.
    pub next_session: Option<String>,
}

/// One episode: from referral to its end.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Episode {
    pub number: i64,
    pub started_on: String,
    pub ended_on: Option<String>,
    pub end_reason: String,
}

/// One dated change of state.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StateChange {
    pub from: Option<ClientState>,
    pub to: ClientState,
    pub on: String,
    pub note: String,
}

/// Everything held about a client: the identity panel's view.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClientRecord {
    pub summary: ClientSummary,
    pub referral: ReferralForm,
    pub episodes: Vec<Episode>,
    pub history: Vec<StateChange>,
    pub professionals: Vec<super::professionals::Professional>,
    /// The states the client may move to now (empty when the episode is closed).
    pub next_states: Vec<ClientState>,
}

/// What the client list can filter and sort by.
#[derive(Clone, Debug, Default)]
pub struct ClientFilter {
    pub state: Option<ClientState>,
    pub modality: Option<Modality>,
    /// Part of the school or care setting's name.
    pub setting: Option<String>,
    pub safeguarding: Option<bool>,
    /// Part of a name, the initials or the code.
    pub search: Option<String>,
    pub sort: ClientSort,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ClientSort {
    /// Newest referral first.
    #[default]
    ReferralDate,
    Code,
    /// Soonest planned session first; clients with none after them.
    NextSession,
}

const SUMMARY_COLUMNS: &str =
    "c.id, c.code, c.initials, c.state, c.state_since, c.modality, c.setting_name, c.safeguarding,
     c.referral_date, (SELECT MAX(number) FROM episodes e WHERE e.client_id = c.id),
     (SELECT MIN(s.on_date) FROM sessions s WHERE s.client_id = c.id AND s.outcome = 'planned'
        AND s.on_date >= date('now', 'localtime')) AS next_session";

fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<ClientSummaryRaw> {
    Ok(ClientSummaryRaw {
        id: row.get(0)?,
        code: row.get(1)?,
        initials: row.get(2)?,
        state: row.get(3)?,
        state_since: row.get(4)?,
        modality: row.get(5)?,
        setting_name: row.get(6)?,
        safeguarding: row.get(7)?,
        referral_date: row.get(8)?,
        episode: row.get::<_, Option<i64>>(9)?.unwrap_or(1),
        next_session: row.get(10)?,
    })
}

struct ClientSummaryRaw {
    id: i64,
    code: String,
    initials: String,
    state: String,
    state_since: String,
    modality: Option<String>,
    setting_name: String,
    safeguarding: bool,
    referral_date: String,
    episode: i64,
    next_session: Option<String>,
}

impl ClientSummaryRaw {
    fn finish(self) -> Result<ClientSummary> {
        let damaged = |what: &str| Error::db_damaged(format!("a client's {what} is unreadable"));
        Ok(ClientSummary {
            id: self.id,
            code: self.code,
            initials: self.initials,
            state: ClientState::parse("state", &self.state).map_err(|_| damaged("state"))?,
            state_since: format_uk(from_iso(&self.state_since)?),
            modality: match self.modality.as_deref() {
                None => None,
                Some("art") => Some(Modality::Art),
                Some("music") => Some(Modality::Music),
                Some(_) => return Err(damaged("modality")),
            },
            setting_name: self.setting_name,
            safeguarding: self.safeguarding,
            referral_date: format_uk(from_iso(&self.referral_date)?),
            episode: self.episode,
            next_session: self.next_session.as_deref().map(from_iso).transpose()?.map(format_uk),
        })
    }
}

fn modality_str(m: Option<Modality>) -> Option<&'static str> {
    m.map(|m| match m {
        Modality::Art => "art",
        Modality::Music => "music",
    })
}

/// Records a new referral: a new client in state "referred", with episode 1 opened on the
/// referral date.
pub fn add_referral(vault: &mut Vault, form: ReferralForm, today: NaiveDate) -> Result<ClientSummary> {
    let valid = form.validate(today)?;
    let actor = vault.actor();
    let tx = vault.connection_mut().transaction_with_behavior(TransactionBehavior::Immediate).map_err(map_err)?;
    let id = insert_referral(&tx, actor, &valid)?;
    tx.commit().map_err(map_err)?;
    summary(vault.connection(), id)
}

/// Inserts one validated referral inside `tx` (used by [`add_referral`] and the CSV import,
/// which puts every row in one transaction). Returns the new client's id.
pub(crate) fn insert_referral(
    tx: &rusqlite::Transaction<'_>,
    actor: audit::Actor,
    valid: &ValidReferral,
) -> Result<i64> {
    let now = crate::now_utc();
    let referral_json = serde_json::to_string(&valid.form).map_err(|e| Error::Internal(e.to_string()))?;
    let next: i64 = tx.query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM clients", [], |r| r.get(0)).map_err(map_err)?;
    let code = format!("{}-{next:04}", valid.initials);
    let f = &valid.form;
    let funding = valid.funding.map(|f| format!("{f:?}").to_ascii_lowercase());
    tx.execute(
        "INSERT INTO clients (id, code, initials, given_name, family_name, preferred_name, date_of_birth, state,
             state_since, modality, funding, setting_name, safeguarding, referral_date, referral, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'referred', ?8, ?9, ?10, ?11, ?12, ?8, ?13, ?14, ?14)",
        params![
            next,
            code,
            valid.initials,
            f.given_name,
            f.family_name,
            f.preferred_name,
            valid.date_of_birth.map(iso),
            iso(valid.referral_date),
            modality_str(valid.modality),
            funding,
            f.setting_name,
            f.safeguarding_concern,
            referral_json,
            now,
        ],
    )
    .map_err(map_err)?;
    tx.execute(
        "INSERT INTO episodes (client_id, number, started_on) VALUES (?1, 1, ?2)",
        params![next, iso(valid.referral_date)],
    )
    .map_err(map_err)?;
    tx.execute(
        "INSERT INTO client_state_changes (client_id, from_state, to_state, on_date, note, recorded_at)
         VALUES (?1, NULL, 'referred', ?2, '', ?3)",
        params![next, iso(valid.referral_date), now],
    )
    .map_err(map_err)?;
    let id = next.to_string();
    audit::append(tx, actor, Action::ClientReferred, Some(RecordRef { record_type: "client", record_id: &id }))?;
    Ok(next)
}

/// Corrects or completes a client's referral details. The code stays; the initials follow
/// the name unless overridden. The referral date belongs to the episode and is not changed
/// here.
pub fn update_referral(vault: &mut Vault, code: &str, form: ReferralForm, today: NaiveDate) -> Result<ClientSummary> {
    let id = id_for_code(vault.connection(), code)?;
    let current = summary(vault.connection(), id)?;
    let valid = form.validate(today)?;
    if format_uk(valid.referral_date) != current.referral_date {
        return Err(Error::invalid(
            "referralDate",
            format!(
                "The referral date belongs to the episode and stays {}. Re-refer the client to start a new episode.",
                current.referral_date
            ),
        ));
    }
    let actor = vault.actor();
    let now = crate::now_utc();
    let referral_json = serde_json::to_string(&valid.form).map_err(|e| Error::Internal(e.to_string()))?;
    let f = &valid.form;
    let funding = valid.funding.map(|f| format!("{f:?}").to_ascii_lowercase());
    let tx = vault.connection_mut().transaction_with_behavior(TransactionBehavior::Immediate).map_err(map_err)?;
    tx.execute(
        "UPDATE clients SET initials = ?1, given_name = ?2, family_name = ?3, preferred_name = ?4, date_of_birth = ?5,
             modality = ?6, funding = ?7, setting_name = ?8, safeguarding = ?9, referral = ?10, updated_at = ?11
         WHERE id = ?12",
        params![
            valid.initials,
            f.given_name,
            f.family_name,
            f.preferred_name,
            valid.date_of_birth.map(iso),
            modality_str(valid.modality),
            funding,
            f.setting_name,
            f.safeguarding_concern,
            referral_json,
            now,
            id
        ],
    )
    .map_err(map_err)?;
    let record = id.to_string();
    audit::append(&tx, actor, Action::ClientUpdated, Some(RecordRef { record_type: "client", record_id: &record }))?;
    tx.commit().map_err(map_err)?;
    summary(vault.connection(), id)
}

fn summary(conn: &Connection, id: i64) -> Result<ClientSummary> {
    let raw = conn
        .query_row(&format!("SELECT {SUMMARY_COLUMNS} FROM clients c WHERE c.id = ?1"), [id], summary_from_row)
        .map_err(map_err)?;
    raw.finish()
}

/// Finds a client by code (case-insensitive), e.g. `JQ-0001`.
pub fn id_for_code(conn: &Connection, code: &str) -> Result<i64> {
    conn.query_row("SELECT id FROM clients WHERE code = ?1 COLLATE NOCASE", [code.trim()], |r| r.get(0))
        .optional()
        .map_err(map_err)?
        .ok_or_else(|| {
            Error::invalid(
                "code",
                format!("There is no client with the code {}. Check the code in the client list.", code.trim()),
            )
        })
}

/// The client list, filtered and sorted.
pub fn list(conn: &Connection, filter: &ClientFilter) -> Result<Vec<ClientSummary>> {
    let mut sql = format!("SELECT {SUMMARY_COLUMNS} FROM clients c WHERE 1 = 1");
    let mut args: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
    let mut bind = |sql: &mut String, condition: &str, value: Box<dyn rusqlite::ToSql>| {
        args.push(value);
        sql.push_str(&condition.replace("?", &format!("?{}", args.len())));
    };
    if let Some(state) = filter.state {
        bind(&mut sql, " AND c.state = ?", Box::new(state.as_str()));
    }
    if let Some(m) = modality_str(filter.modality) {
        bind(&mut sql, " AND c.modality = ?", Box::new(m));
    }
    if let Some(setting) = filter.setting.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        bind(&mut sql, " AND instr(lower(c.setting_name), lower(?)) > 0", Box::new(setting.to_string()));
    }
    if let Some(flag) = filter.safeguarding {
        bind(&mut sql, " AND c.safeguarding = ?", Box::new(flag));
    }
    if let Some(search) = filter.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        bind(
            &mut sql,
            " AND (instr(lower(c.given_name || ' ' || c.family_name), lower(?)) > 0
                OR instr(lower(c.preferred_name), lower(?)) > 0
                OR instr(lower(c.initials), lower(?)) > 0
                OR instr(lower(c.code), lower(?)) > 0)",
            Box::new(search.to_string()),
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
    rows.map(|r| r.map_err(map_err).and_then(ClientSummaryRaw::finish)).collect()
}

/// The whole record of one client.
pub fn show(conn: &Connection, code: &str) -> Result<ClientRecord> {
    let id = id_for_code(conn, code)?;
    let summary = summary(conn, id)?;
    let referral_json: String =
        conn.query_row("SELECT referral FROM clients WHERE id = ?1", [id], |r| r.get(0)).map_err(map_err)?;
    let referral: ReferralForm =
        serde_json::from_str(&referral_json).map_err(|_| Error::db_damaged("a stored referral is unreadable"))?;
    let mut stmt = conn
        .prepare("SELECT number, started_on, ended_on, end_reason FROM episodes WHERE client_id = ?1 ORDER BY number")
        .map_err(map_err)?;
    let episodes = stmt
        .query_map([id], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?, r.get(3)?))
        })
        .map_err(map_err)?
        .map(|r| {
            let (number, started, ended, end_reason) = r.map_err(map_err)?;
            Ok(Episode {
                number,
                started_on: format_uk(from_iso(&started)?),
                ended_on: ended.map(|e| from_iso(&e).map(format_uk)).transpose()?,
                end_reason,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut stmt = conn
        .prepare(
            "SELECT from_state, to_state, on_date, note FROM client_state_changes WHERE client_id = ?1 ORDER BY id",
        )
        .map_err(map_err)?;
    let history = stmt
        .query_map([id], |r| {
            Ok((r.get::<_, Option<String>>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get(3)?))
        })
        .map_err(map_err)?
        .map(|r| {
            let (from, to, on, note) = r.map_err(map_err)?;
            let state =
                |s: &str| ClientState::parse("state", s).map_err(|_| Error::db_damaged("a stored state is unreadable"));
            Ok(StateChange {
                from: from.as_deref().map(state).transpose()?,
                to: state(&to)?,
                on: format_uk(from_iso(&on)?),
                note,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let professionals = super::professionals::for_client(conn, id)?;
    let next_states = summary.state.next_states().to_vec();
    Ok(ClientRecord { summary, referral, episodes, history, professionals, next_states })
}

/// Moves a client to another state on a date. Ending, declining or withdrawing closes the
/// current episode with `note` as its reason.
pub fn change_state(
    vault: &mut Vault,
    code: &str,
    to: ClientState,
    on: NaiveDate,
    note: &str,
    today: NaiveDate,
) -> Result<ClientSummary> {
    let id = id_for_code(vault.connection(), code)?;
    let current = summary(vault.connection(), id)?;
    current.state.check_move(to)?;
    let since = crate::dates::parse_uk("on", "date", &current.state_since)?;
    check_change_date(on, since, today)?;
    let note = note.trim();
    if to.is_closed() && note.is_empty() {
        return Err(Error::invalid("note", "Give the reason the episode ended, for example \"planned ending\"."));
    }
    let actor = vault.actor();
    let now = crate::now_utc();
    let tx = vault.connection_mut().transaction_with_behavior(TransactionBehavior::Immediate).map_err(map_err)?;
    tx.execute(
        "UPDATE clients SET state = ?1, state_since = ?2, updated_at = ?3 WHERE id = ?4",
        params![to.as_str(), iso(on), now, id],
    )
    .map_err(map_err)?;
    tx.execute(
        "INSERT INTO client_state_changes (client_id, from_state, to_state, on_date, note, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, current.state.as_str(), to.as_str(), iso(on), note, now],
    )
    .map_err(map_err)?;
    if to.is_closed() {
        tx.execute(
            "UPDATE episodes SET ended_on = ?1, end_reason = ?2 WHERE client_id = ?3 AND ended_on IS NULL",
            params![iso(on), note, id],
        )
        .map_err(map_err)?;
    }
    let record = id.to_string();
    audit::append(
        &tx,
        actor,
        Action::ClientStateChanged,
        Some(RecordRef { record_type: "client", record_id: &record }),
    )?;
    tx.commit().map_err(map_err)?;
    summary(vault.connection(), id)
}

fn check_change_date(on: NaiveDate, since: NaiveDate, today: NaiveDate) -> Result<()> {
    if on > today {
        return Err(Error::invalid("on", "The date cannot be in the future."));
    }
    if on < since {
        return Err(Error::invalid(
            "on",
            format!("The date cannot be before the client's last change of state ({}).", format_uk(since)),
        ));
    }
    Ok(())
}

/// A returning client: opens a new episode on the same record, back in "referred".
pub fn re_refer(vault: &mut Vault, code: &str, on: NaiveDate, note: &str, today: NaiveDate) -> Result<ClientSummary> {
    let id = id_for_code(vault.connection(), code)?;
    let current = summary(vault.connection(), id)?;
    if !current.state.is_closed() {
        return Err(Error::invalid(
            "code",
            format!(
                "{} is {}: their episode is still open. End it before starting a new one.",
                current.code,
                current.state.label().to_lowercase()
            ),
        ));
    }
    let since = crate::dates::parse_uk("on", "date", &current.state_since)?;
    check_change_date(on, since, today)?;
    let actor = vault.actor();
    let now = crate::now_utc();
    let tx = vault.connection_mut().transaction_with_behavior(TransactionBehavior::Immediate).map_err(map_err)?;
    tx.execute(
        "INSERT INTO episodes (client_id, number, started_on) VALUES (?1, ?2, ?3)",
        params![id, current.episode + 1, iso(on)],
    )
    .map_err(map_err)?;
    tx.execute(
        "UPDATE clients SET state = 'referred', state_since = ?1, referral_date = ?1, updated_at = ?2 WHERE id = ?3",
        params![iso(on), now, id],
    )
    .map_err(map_err)?;
    tx.execute(
        "INSERT INTO client_state_changes (client_id, from_state, to_state, on_date, note, recorded_at) VALUES (?1, ?2, 'referred', ?3, ?4, ?5)",
        params![id, current.state.as_str(), iso(on), note.trim(), now],
    )
    .map_err(map_err)?;
    let record = id.to_string();
    audit::append(&tx, actor, Action::EpisodeStarted, Some(RecordRef { record_type: "client", record_id: &record }))?;
    tx.commit().map_err(map_err)?;
    summary(vault.connection(), id)
}
