//! The attendance register: planned and past sessions in a client's current episode, and
//! the counts an attendance summary shows.
//!
//! Seed 004 (online safety): for an online or phone session with a child, the record says
//! whether the parent or carer was contacted at the start and at the end, whether they were
//! close by, and the platform used ([`rules::RemoteChecks`]).

mod reviews;
pub mod rules;
pub mod settings;

pub use self::reviews::{reviews_due, CheckReview};

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use self::rules::RemoteChecks;
use crate::audit::Action;
use crate::choices::choice;
use crate::client_ids::id_for_code;
use crate::consents::{Need, Purpose};
use crate::dates::parse_uk;
use crate::db::map_err;
use crate::vault::Record;
use crate::{Error, Result, Vault};

choice! {
    /// How a session happens.
    pub enum Mode in "mode", field "mode", choose "how the session happens" {
        InPerson = "in-person" => "In person",
        Online = "online" => "Online",
        Phone = "phone" => "Phone",
    }
}

impl Mode {
    /// Online and phone sessions carry seed 004's checks.
    pub fn is_remote(self) -> bool {
        matches!(self, Mode::Online | Mode::Phone)
    }
}

choice! {
    /// What happened at a session.
    pub enum Outcome in "outcome", field "outcome", choose "the outcome" {
        Planned = "planned" => "Planned",
        Attended = "attended" => "Attended",
        CancelledByClient = "cancelled-by-client" => "Cancelled by client",
        CancelledByTherapist = "cancelled-by-therapist" => "Cancelled by therapist",
        DidNotAttend = "did-not-attend" => "Did not attend",
    }
    aliases { "dna" => DidNotAttend }
}

/// A session as the therapist types it (the form, or the CLI's options).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SessionForm {
    /// dd/mm/yyyy
    pub on: String,
    /// HH:MM, or empty.
    pub start_time: String,
    pub minutes: u32,
    /// One of [`Mode`]'s values.
    pub mode: String,
    /// One of [`Outcome`]'s values.
    pub outcome: String,
    pub platform: String,
    pub parent_contacted_start: Option<bool>,
    pub parent_contacted_end: Option<bool>,
    pub parent_nearby: Option<bool>,
    /// Why a parent or carer check was answered "no" (required exactly then).
    pub checks_reason: String,
    /// The confirmation that the parent agreed to a platform their consent does not name.
    pub platform_confirmed: String,
}

impl Default for SessionForm {
    /// What a new session form starts as: 50 minutes in person, nothing carried over.
    fn default() -> Self {
        SessionForm {
            on: String::new(),
            start_time: String::new(),
            minutes: 50,
            mode: Mode::InPerson.as_str().into(),
            outcome: String::new(),
            platform: String::new(),
            parent_contacted_start: None,
            parent_contacted_end: None,
            parent_nearby: None,
            checks_reason: String::new(),
            platform_confirmed: String::new(),
        }
    }
}

/// What happened at a planned session, with the remote-session facts learnt at it. A fact
/// left out (`None`) stays as recorded when the session was planned.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OutcomeForm {
    /// One of [`Outcome`]'s values.
    pub outcome: String,
    pub platform: Option<String>,
    pub parent_contacted_start: Option<bool>,
    pub parent_contacted_end: Option<bool>,
    pub parent_nearby: Option<bool>,
    pub checks_reason: Option<String>,
    pub platform_confirmed: Option<String>,
}

/// A session in the register.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Session {
    pub id: i64,
    pub episode: i64,
    /// The attended session's number within its episode (1, 2, 3…); none otherwise.
    pub number: Option<i64>,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub on: NaiveDate,
    pub start_time: String,
    pub minutes: u32,
    pub mode: Mode,
    pub outcome: Outcome,
    pub platform: String,
    pub parent_contacted_start: Option<bool>,
    pub parent_contacted_end: Option<bool>,
    pub parent_nearby: Option<bool>,
    pub checks_reason: String,
    pub platform_confirmed: String,
}

impl Session {
    fn remote_checks(&self) -> RemoteChecks {
        RemoteChecks {
            platform: self.platform.clone(),
            parent_contacted_start: self.parent_contacted_start,
            parent_contacted_end: self.parent_contacted_end,
            parent_nearby: self.parent_nearby,
            checks_reason: self.checks_reason.clone(),
            platform_confirmed: self.platform_confirmed.clone(),
        }
    }
}

/// Counts for an attendance summary: no clinical content.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AttendanceCounts {
    pub planned: u32,
    pub attended: u32,
    pub cancelled_by_client: u32,
    pub cancelled_by_therapist: u32,
    pub did_not_attend: u32,
    pub in_person: u32,
    pub online: u32,
    pub phone: u32,
}

impl AttendanceCounts {
    /// Counts the sessions given (already limited to a period).
    pub fn of<'a>(sessions: impl IntoIterator<Item = &'a Session>) -> AttendanceCounts {
        let mut counts = AttendanceCounts::default();
        for s in sessions {
            match s.outcome {
                Outcome::Planned => counts.planned += 1,
                Outcome::Attended => counts.attended += 1,
                Outcome::CancelledByClient => counts.cancelled_by_client += 1,
                Outcome::CancelledByTherapist => counts.cancelled_by_therapist += 1,
                Outcome::DidNotAttend => counts.did_not_attend += 1,
            }
            if s.outcome == Outcome::Attended {
                match s.mode {
                    Mode::InPerson => counts.in_person += 1,
                    Mode::Online => counts.online += 1,
                    Mode::Phone => counts.phone += 1,
                }
            }
        }
        counts
    }
}

struct ClientFacts {
    id: i64,
    date_of_birth: Option<NaiveDate>,
    open_episode: Option<(i64, NaiveDate)>,
}

fn facts(conn: &Connection, code: &str) -> Result<ClientFacts> {
    let id = id_for_code(conn, code)?;
    let date_of_birth: Option<NaiveDate> =
        conn.query_row("SELECT date_of_birth FROM clients WHERE id = ?1", [id], |r| r.get(0)).map_err(map_err)?;
    let open_episode = conn
        .query_row(
            "SELECT number, started_on FROM episodes WHERE client_id = ?1 AND ended_on IS NULL ORDER BY number DESC LIMIT 1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(map_err)?;
    Ok(ClientFacts { id, date_of_birth, open_episode })
}

/// Adds a session to the client's current episode.
pub fn add(vault: &mut Vault, code: &str, form: SessionForm) -> Result<Session> {
    let today = vault.today();
    let facts = facts(vault.conn(), code)?;
    let (episode, started) = facts.open_episode.ok_or_else(|| {
        Error::invalid("code", "This client's episode has ended. Re-refer them to record new sessions.")
    })?;
    let on = parse_uk("on", "session date", &form.on)?;
    let mode = Mode::parse(&form.mode)?;
    let outcome = Outcome::parse(&form.outcome)?;
    rules::check_in_episode(on, started)?;
    rules::check_outcome_date(on, outcome, today)?;
    rules::check_minutes(form.minutes)?;
    let start_time = rules::start_time(&form.start_time)?;
    let remote = RemoteChecks {
        platform: form.platform,
        parent_contacted_start: form.parent_contacted_start,
        parent_contacted_end: form.parent_contacted_end,
        parent_nearby: form.parent_nearby,
        checks_reason: crate::text::typed("checksReason", "reason", &form.checks_reason, false)?,
        platform_confirmed: crate::text::typed("platformConfirmed", "confirmation", &form.platform_confirmed, false)?,
    }
    .kept_for(mode);
    let child = rules::is_child_on(facts.date_of_birth, on);
    remote.check(mode, outcome, child)?;
    if mode.is_remote() && child && matches!(outcome, Outcome::Planned | Outcome::Attended) {
        require_online_contact_consent(vault.conn(), facts.id, on, &remote)?;
    }
    let id = vault.write(|tx| {
        tx.execute(
            "INSERT INTO sessions (client_id, episode_number, on_date, start_time, minutes, mode, outcome, platform,
                 parent_contacted_start, parent_contacted_end, parent_nearby, checks_reason, platform_confirmed,
                 created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
            params![
                facts.id,
                episode,
                on,
                start_time,
                form.minutes,
                mode,
                outcome,
                remote.platform,
                remote.parent_contacted_start,
                remote.parent_contacted_end,
                remote.parent_nearby,
                remote.checks_reason,
                remote.platform_confirmed,
                tx.now_utc()
            ],
        )
        .map_err(map_err)?;
        let id = tx.last_insert_rowid();
        tx.record(Action::SessionRecorded, Record::new("session", id))?;
        Ok(id)
    })?;
    find(vault, code, id)
}

fn find(vault: &Vault, code: &str, session_id: i64) -> Result<Session> {
    list(vault, code, None)?
        .into_iter()
        .find(|s| s.id == session_id)
        .ok_or_else(|| Error::invalid("session", "There is no such session for this client. Check the register."))
}

/// Records what happened at a planned session (or corrects an outcome); `outcome` as typed.
pub fn set_outcome(vault: &mut Vault, code: &str, session_id: i64, outcome: &str) -> Result<Session> {
    record_outcome(vault, code, session_id, OutcomeForm { outcome: outcome.into(), ..OutcomeForm::default() })
}

/// Records what happened at a planned session with the remote-session facts learnt there
/// (the platform, the parent or carer checks and their reason), in one step. The same
/// rules as adding a session apply to the session as it then stands.
pub fn record_outcome(vault: &mut Vault, code: &str, session_id: i64, form: OutcomeForm) -> Result<Session> {
    let outcome = Outcome::parse(&form.outcome)?;
    let facts = facts(vault.conn(), code)?;
    let existing = find(vault, code, session_id)?;
    rules::check_outcome_date(existing.on, outcome, vault.today())?;
    let was = existing.remote_checks();
    let typed = |field, label, value: Option<String>, old: String| match value {
        Some(v) => crate::text::typed(field, label, &v, false),
        None => Ok(old),
    };
    let remote = RemoteChecks {
        platform: typed("platform", "platform", form.platform, was.platform.clone())?,
        parent_contacted_start: form.parent_contacted_start.or(was.parent_contacted_start),
        parent_contacted_end: form.parent_contacted_end.or(was.parent_contacted_end),
        parent_nearby: form.parent_nearby.or(was.parent_nearby),
        checks_reason: typed("checksReason", "reason", form.checks_reason, was.checks_reason.clone())?,
        platform_confirmed: typed(
            "platformConfirmed",
            "confirmation",
            form.platform_confirmed,
            was.platform_confirmed,
        )?,
    }
    .kept_for(existing.mode);
    let child = rules::is_child_on(facts.date_of_birth, existing.on);
    remote.check(existing.mode, outcome, child)?;
    if existing.mode.is_remote() && outcome == Outcome::Attended && child {
        require_online_contact_consent(vault.conn(), facts.id, existing.on, &remote)?;
    }
    vault.write(|tx| {
        tx.execute(
            "UPDATE sessions SET outcome = ?1, platform = ?2, parent_contacted_start = ?3, parent_contacted_end = ?4,
                 parent_nearby = ?5, checks_reason = ?6, platform_confirmed = ?7, updated_at = ?8
             WHERE id = ?9 AND client_id = ?10",
            params![
                outcome,
                remote.platform,
                remote.parent_contacted_start,
                remote.parent_contacted_end,
                remote.parent_nearby,
                remote.checks_reason,
                remote.platform_confirmed,
                tx.now_utc(),
                session_id,
                facts.id
            ],
        )
        .map_err(map_err)?;
        tx.record(Action::SessionOutcomeChanged, Record::new("session", session_id))
    })?;
    find(vault, code, session_id)
}

/// Seed 004: online or phone contact with a child needs a current written consent from a
/// person with parental responsibility, on the session's date (the consent ledger's gate),
/// on a platform agreed with the parent, or one the therapist confirms they agreed to.
fn require_online_contact_consent(
    conn: &Connection,
    client_id: i64,
    on: NaiveDate,
    remote: &RemoteChecks,
) -> Result<()> {
    let need = Need { purpose: Purpose::OnlineContact, written: true, from_parent: true };
    let consent = crate::consents::require(conn, client_id, need, on, "An online or phone session with a child")?;
    let agreed = crate::consents::rules::platform_agreed(&consent.platforms, &remote.platform);
    if !remote.platform.is_empty() && !agreed && remote.platform_confirmed.is_empty() {
        return Err(Error::invalid(
            "platformConfirmed",
            format!(
                "The parent agreed to these platforms for online contact: {} (consent of {}). Confirm that they agreed to this one too, and how, or choose an agreed platform.",
                consent.platforms,
                crate::dates::format_uk(consent.given)
            ),
        ));
    }
    Ok(())
}

/// The register for a client, oldest first, optionally one episode only.
pub fn list(vault: &Vault, code: &str, episode: Option<i64>) -> Result<Vec<Session>> {
    list_in(vault.conn(), code, episode)
}

pub(crate) fn list_in(conn: &Connection, code: &str, episode: Option<i64>) -> Result<Vec<Session>> {
    let id = id_for_code(conn, code)?;
    let mut stmt = conn
        .prepare(
            "SELECT id, episode_number, on_date, start_time, minutes, mode, outcome, platform,
                    parent_contacted_start, parent_contacted_end, parent_nearby, checks_reason, platform_confirmed
             FROM sessions WHERE client_id = ?1 AND (?2 IS NULL OR episode_number = ?2)
             ORDER BY on_date, start_time, id",
        )
        .map_err(map_err)?;
    let rows = stmt
        .query_map(params![id, episode], |r| {
            Ok(Session {
                id: r.get(0)?,
                episode: r.get(1)?,
                number: None,
                on: r.get(2)?,
                start_time: r.get(3)?,
                minutes: r.get(4)?,
                mode: r.get(5)?,
                outcome: r.get(6)?,
                platform: r.get(7)?,
                parent_contacted_start: r.get(8)?,
                parent_contacted_end: r.get(9)?,
                parent_nearby: r.get(10)?,
                checks_reason: r.get(11)?,
                platform_confirmed: r.get(12)?,
            })
        })
        .map_err(map_err)?;
    let mut out: Vec<Session> = rows.collect::<Result<Vec<_>, _>>().map_err(map_err)?;
    let mut attended_in: std::collections::HashMap<i64, i64> = std::collections::HashMap::new();
    for s in out.iter_mut().filter(|s| s.outcome == Outcome::Attended) {
        let n = attended_in.entry(s.episode).or_insert(0);
        *n += 1;
        s.number = Some(*n);
    }
    Ok(out)
}

/// The register as the client record shows it: every session, oldest first, and the
/// counts of the current episode.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Register {
    pub sessions: Vec<Session>,
    /// The current (latest) episode.
    pub episode: i64,
    pub episode_counts: AttendanceCounts,
}

/// Every session of a client with the current episode's counts.
pub fn register(vault: &Vault, code: &str) -> Result<Register> {
    let episode = crate::clients::summary_for_code(vault, code)?.episode;
    let sessions = list(vault, code, None)?;
    let episode_counts = AttendanceCounts::of(sessions.iter().filter(|s| s.episode == episode));
    Ok(Register { sessions, episode, episode_counts })
}

/// A period as typed: both dates dd/mm/yyyy, the end on or after the start.
pub fn parse_period(from: &str, to: &str) -> Result<(NaiveDate, NaiveDate)> {
    let from = parse_uk("from", "start of the period", from)?;
    let to = parse_uk("to", "end of the period", to)?;
    if to < from {
        return Err(Error::invalid("to", "The end of the period must be on or after its start."));
    }
    Ok((from, to))
}

/// Counts of sessions by outcome and mode between two dates inclusive (dd/mm/yyyy).
pub fn attendance(vault: &Vault, code: &str, from: &str, to: &str) -> Result<AttendanceCounts> {
    let (from, to) = parse_period(from, to)?;
    counts_between(vault.conn(), code, from, to)
}

pub(crate) fn counts_between(
    conn: &Connection,
    code: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<AttendanceCounts> {
    let sessions = list_in(conn, code, None)?;
    Ok(AttendanceCounts::of(sessions.iter().filter(|s| s.on >= from && s.on <= to)))
}
