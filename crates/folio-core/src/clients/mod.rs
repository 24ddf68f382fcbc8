//! Clients: created from a referral, listed by initials and code, moved through their
//! lifecycle, re-referred as new episodes.
//!
//! The service API (`add_referral`, `update_referral`, `list`, `show`, `change_state`,
//! `re_refer`) is what the CLI and the shell call; they pass what the therapist typed and
//! this module parses it. Lists return [`ClientSummary`], which has no name fields by
//! design: names appear only on the client's own identity panel ([`ClientRecord`]).

pub mod lifecycle;
pub(crate) mod store;

use chrono::NaiveDate;
use rusqlite::params;

pub use self::lifecycle::ClientState;
use crate::audit::Action;
use crate::choices::{choice, optional};
use crate::client_ids::id_for_code;
use crate::dates::{format_uk, parse_uk_or};
use crate::db::map_err;
use crate::professionals::Professional;
use crate::referrals::{Modality, ReferralForm, ValidReferral};
use crate::vault::{Change, Record};
use crate::{Error, Result, Vault};

/// A client as lists show them: initials and code, never the name.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClientSummary {
    pub id: i64,
    pub code: String,
    pub initials: String,
    pub state: ClientState,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub state_since: NaiveDate,
    pub modality: Option<Modality>,
    pub setting_name: String,
    pub safeguarding: bool,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub referral_date: NaiveDate,
    pub episode: i64,
    /// The current episode is over (ended, declined, withdrawn): only a re-referral
    /// opens a new one, and no session can be recorded.
    pub episode_closed: bool,
    /// The next planned session, if any.
    #[serde(with = "crate::dates::uk_opt")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub next_session: Option<NaiveDate>,
}

/// One episode: from referral to its end.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Episode {
    pub number: i64,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub started_on: NaiveDate,
    #[serde(with = "crate::dates::uk_opt")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub ended_on: Option<NaiveDate>,
    pub end_reason: String,
}

/// One dated change of state.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StateChange {
    pub from: Option<ClientState>,
    pub to: ClientState,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub on: NaiveDate,
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
    pub professionals: Vec<Professional>,
    /// The states the client may move to now (empty when the episode is closed).
    pub next_states: Vec<ClientState>,
}

choice! {
    /// How the client list is ordered.
    pub enum ClientSort in "clientSort", field "sort", choose "an order" {
        /// Newest referral first.
        ReferralDate = "referral-date" => "Newest referral first",
        Code = "code" => "Client code",
        /// Soonest planned session first; clients with none after them.
        NextSession = "next-session" => "Next session",
    }
}

/// The client list's filter as typed: every field may be empty (no filter).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClientFilter {
    /// One of [`ClientState`]'s values.
    pub state: String,
    /// One of [`Modality`]'s values.
    pub modality: String,
    /// Part of the school or care setting's name.
    pub setting: String,
    pub safeguarding: Option<bool>,
    /// Part of a name, the initials or the code.
    pub search: String,
    /// One of [`ClientSort`]'s values; empty is newest referral first.
    pub sort: String,
}

/// A filter after parsing.
pub(crate) struct ParsedFilter {
    pub state: Option<ClientState>,
    pub modality: Option<Modality>,
    pub setting: Option<String>,
    pub safeguarding: Option<bool>,
    pub search: Option<String>,
    pub sort: ClientSort,
}

impl ClientFilter {
    fn parse(&self) -> Result<ParsedFilter> {
        let words = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        Ok(ParsedFilter {
            state: optional(&self.state, ClientState::parse)?,
            modality: optional(&self.modality, Modality::parse)?,
            setting: words(&self.setting),
            safeguarding: self.safeguarding,
            search: words(&self.search),
            sort: optional(&self.sort, ClientSort::parse)?.unwrap_or(ClientSort::ReferralDate),
        })
    }
}

/// Records a new referral: a new client in state "referred", with episode 1 opened on the
/// referral date.
pub fn add_referral(vault: &mut Vault, form: ReferralForm) -> Result<ClientSummary> {
    let valid = form.validate(vault.today())?;
    let id = vault.write(|tx| insert_referral(tx, &valid))?;
    store::summary(vault.conn(), id, vault.today())
}

/// Inserts one validated referral inside a change (used by [`add_referral`] and the CSV
/// import, which puts every row in one transaction). Returns the new client's id.
pub(crate) fn insert_referral(tx: &mut Change<'_>, valid: &ValidReferral) -> Result<i64> {
    let now = tx.now_utc();
    let referral_json = serde_json::to_string(&valid.form).map_err(|e| Error::Internal(e.to_string()))?;
    // A destroyed client's number is never given again: its code is what its destruction
    // record and certificate name, and its id what the audit log's entries name. Deletes
    // raise `retired_ids` by trigger; the codes in destruction records cover vaults that
    // destroyed a client before that table existed.
    let destroyed: i64 = tx
        .query_row(
            "SELECT COALESCE(MAX(CAST(substr(client_code, instr(client_code, '-') + 1) AS INTEGER)), 0)
             FROM destruction_records",
            [],
            |r| r.get(0),
        )
        .map_err(map_err)?;
    let next = crate::db::next_id(tx, crate::db::Numbered::Clients)?.max(destroyed + 1);
    // Codes are plain ASCII letters whatever the initials' script (ŁŞ → LS-0007), so they
    // can be typed on any keyboard and never mix look-alike scripts.
    let letters: String = valid.initials.chars().map(crate::text::ascii_initial).collect();
    let code = format!("{letters}-{next:04}");
    let f = &valid.form;
    tx.execute(
        "INSERT INTO clients (id, code, initials, given_name, family_name, preferred_name, date_of_birth, state,
             state_since, modality, funding, setting_name, safeguarding, referral_date, referral, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?9, ?14, ?15, ?15)",
        params![
            next,
            code,
            valid.initials,
            f.given_name,
            f.family_name,
            f.preferred_name,
            valid.date_of_birth,
            ClientState::Referred,
            valid.referral_date,
            valid.modality,
            valid.funding,
            f.setting_name,
            f.safeguarding_concern,
            referral_json,
            now,
        ],
    )
    .map_err(map_err)?;
    tx.execute(
        "INSERT INTO episodes (client_id, number, started_on) VALUES (?1, 1, ?2)",
        params![next, valid.referral_date],
    )
    .map_err(map_err)?;
    tx.execute(
        "INSERT INTO client_state_changes (client_id, from_state, to_state, on_date, note, recorded_at)
         VALUES (?1, NULL, ?2, ?3, '', ?4)",
        params![next, ClientState::Referred, valid.referral_date, now],
    )
    .map_err(map_err)?;
    tx.record(Action::ClientReferred, Record::new("client", next))?;
    Ok(next)
}

/// Corrects or completes a client's referral details. The code stays; the initials follow
/// the name unless overridden. The referral date belongs to the episode and is not changed
/// here.
pub fn update_referral(vault: &mut Vault, code: &str, form: ReferralForm) -> Result<ClientSummary> {
    let today = vault.today();
    let id = id_for_code(vault.conn(), code)?;
    let current = store::summary(vault.conn(), id, today)?;
    let valid = form.validate(today)?;
    if valid.referral_date != current.referral_date {
        return Err(Error::invalid(
            "referralDate",
            format!(
                "The referral date belongs to the episode and stays {}. Re-refer the client to start a new episode.",
                format_uk(current.referral_date)
            ),
        ));
    }
    let referral_json = serde_json::to_string(&valid.form).map_err(|e| Error::Internal(e.to_string()))?;
    vault.write(|tx| {
        let f = &valid.form;
        tx.execute(
            "UPDATE clients SET initials = ?1, given_name = ?2, family_name = ?3, preferred_name = ?4,
                 date_of_birth = ?5, modality = ?6, funding = ?7, setting_name = ?8, safeguarding = ?9, referral = ?10,
                 updated_at = ?11
             WHERE id = ?12",
            params![
                valid.initials,
                f.given_name,
                f.family_name,
                f.preferred_name,
                valid.date_of_birth,
                valid.modality,
                valid.funding,
                f.setting_name,
                f.safeguarding_concern,
                referral_json,
                tx.now_utc(),
                id
            ],
        )
        .map_err(map_err)?;
        tx.record(Action::ClientUpdated, Record::new("client", id))
    })?;
    store::summary(vault.conn(), id, today)
}

/// The client list, filtered and sorted.
pub fn list(vault: &Vault, filter: &ClientFilter) -> Result<Vec<ClientSummary>> {
    store::list(vault.conn(), &filter.parse()?, vault.today())
}

/// The whole record of one client.
pub fn show(vault: &Vault, code: &str) -> Result<ClientRecord> {
    let id = id_for_code(vault.conn(), code)?;
    store::record(vault.conn(), id, vault.today())
}

/// A client's summary by code (for other capabilities' reports and checks).
pub(crate) fn summary_for_code(vault: &Vault, code: &str) -> Result<ClientSummary> {
    let id = id_for_code(vault.conn(), code)?;
    store::summary(vault.conn(), id, vault.today())
}

/// Moves a client to another state (`to` as typed) on a date (dd/mm/yyyy; empty is
/// today). Ending, declining or withdrawing closes the current episode with `note` as its
/// reason.
pub fn change_state(vault: &mut Vault, code: &str, to: &str, on: &str, note: &str) -> Result<ClientSummary> {
    let today = vault.today();
    let to = ClientState::parse(to)?;
    let on = parse_uk_or(today, "on", "date", on)?;
    let id = id_for_code(vault.conn(), code)?;
    let current = store::summary(vault.conn(), id, today)?;
    current.state.check_move(to)?;
    check_change_date(on, current.state_since, today)?;
    let note = note.trim();
    if to.is_closed() && note.is_empty() {
        return Err(Error::invalid("note", "Give the reason the episode ended, for example \"planned ending\"."));
    }
    vault.write(|tx| {
        let now = tx.now_utc();
        tx.execute(
            "UPDATE clients SET state = ?1, state_since = ?2, updated_at = ?3 WHERE id = ?4",
            params![to, on, now, id],
        )
        .map_err(map_err)?;
        tx.execute(
            "INSERT INTO client_state_changes (client_id, from_state, to_state, on_date, note, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, current.state, to, on, note, now],
        )
        .map_err(map_err)?;
        if to.is_closed() {
            tx.execute(
                "UPDATE episodes SET ended_on = ?1, end_reason = ?2 WHERE client_id = ?3 AND ended_on IS NULL",
                params![on, note, id],
            )
            .map_err(map_err)?;
        }
        tx.record(Action::ClientStateChanged, Record::new("client", id))
    })?;
    store::summary(vault.conn(), id, today)
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

/// A returning client: opens a new episode on the same record, back in "referred", on a
/// date (dd/mm/yyyy; empty is today).
pub fn re_refer(vault: &mut Vault, code: &str, on: &str, note: &str) -> Result<ClientSummary> {
    let today = vault.today();
    let on = parse_uk_or(today, "on", "date", on)?;
    let id = id_for_code(vault.conn(), code)?;
    let current = store::summary(vault.conn(), id, today)?;
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
    check_change_date(on, current.state_since, today)?;
    vault.write(|tx| {
        let now = tx.now_utc();
        tx.execute(
            "INSERT INTO episodes (client_id, number, started_on) VALUES (?1, ?2, ?3)",
            params![id, current.episode + 1, on],
        )
        .map_err(map_err)?;
        tx.execute(
            "UPDATE clients SET state = ?1, state_since = ?2, referral_date = ?2, updated_at = ?3 WHERE id = ?4",
            params![ClientState::Referred, on, now, id],
        )
        .map_err(map_err)?;
        tx.execute(
            "INSERT INTO client_state_changes (client_id, from_state, to_state, on_date, note, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, current.state, ClientState::Referred, on, note.trim(), now],
        )
        .map_err(map_err)?;
        tx.record(Action::EpisodeStarted, Record::new("client", id))
    })?;
    store::summary(vault.conn(), id, today)
}
