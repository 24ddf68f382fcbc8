//! The attendance register: planned and past sessions in a client's current episode.
//!
//! Seed 004 (online safety): for an online or phone session with a child, the record says
//! whether the parent or carer was contacted at the start and at the end, whether they were
//! close by, and the platform used. A child is under 18 on the session date; a client whose
//! date of birth is not known is treated as a child.

use chrono::{NaiveDate, NaiveTime};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::clients::id_for_code;
use crate::audit::{self, Action, RecordRef};
use crate::dates::{age_on, format_uk};
use crate::db::map_err;
use crate::{Error, Result, Vault};

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Mode {
    InPerson,
    Online,
    Phone,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Outcome {
    Planned,
    Attended,
    CancelledByClient,
    CancelledByTherapist,
    DidNotAttend,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::InPerson => "in_person",
            Mode::Online => "online",
            Mode::Phone => "phone",
        }
    }

    pub fn parse(text: &str) -> Result<Mode> {
        match text.trim().to_ascii_lowercase().replace([' ', '-'], "_").as_str() {
            "in_person" => Ok(Mode::InPerson),
            "online" => Ok(Mode::Online),
            "phone" => Ok(Mode::Phone),
            _ => Err(Error::invalid("mode", "Choose how the session happens: in person, online or phone.")),
        }
    }
}

impl Outcome {
    pub const ALL: [Outcome; 5] = [
        Outcome::Planned,
        Outcome::Attended,
        Outcome::CancelledByClient,
        Outcome::CancelledByTherapist,
        Outcome::DidNotAttend,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Planned => "planned",
            Outcome::Attended => "attended",
            Outcome::CancelledByClient => "cancelled_by_client",
            Outcome::CancelledByTherapist => "cancelled_by_therapist",
            Outcome::DidNotAttend => "did_not_attend",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Outcome::Planned => "Planned",
            Outcome::Attended => "Attended",
            Outcome::CancelledByClient => "Cancelled by client",
            Outcome::CancelledByTherapist => "Cancelled by therapist",
            Outcome::DidNotAttend => "Did not attend",
        }
    }

    pub fn parse(text: &str) -> Result<Outcome> {
        let wanted = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        let wanted = if wanted == "dna" { "did_not_attend".to_string() } else { wanted };
        Outcome::ALL.into_iter().find(|o| o.as_str() == wanted).ok_or_else(|| {
            Error::invalid(
                "outcome",
                "Choose the outcome: planned, attended, cancelled by client, cancelled by therapist or did not attend (DNA).",
            )
        })
    }
}

/// A session as the therapist records it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSession {
    pub on: NaiveDate,
    /// HH:MM, or empty.
    pub start_time: String,
    pub minutes: u32,
    pub mode: Mode,
    pub outcome: Outcome,
    pub platform: String,
    pub parent_contacted_start: Option<bool>,
    pub parent_contacted_end: Option<bool>,
    pub parent_nearby: Option<bool>,
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
    pub on: String,
    pub start_time: String,
    pub minutes: u32,
    pub mode: Mode,
    pub outcome: Outcome,
    pub platform: String,
    pub parent_contacted_start: Option<bool>,
    pub parent_contacted_end: Option<bool>,
    pub parent_nearby: Option<bool>,
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

const ISO: &str = "%Y-%m-%d";

struct ClientFacts {
    id: i64,
    date_of_birth: Option<NaiveDate>,
    open_episode: Option<(i64, NaiveDate)>,
}

fn facts(conn: &Connection, code: &str) -> Result<ClientFacts> {
    let id = id_for_code(conn, code)?;
    let dob: Option<String> =
        conn.query_row("SELECT date_of_birth FROM clients WHERE id = ?1", [id], |r| r.get(0)).map_err(map_err)?;
    let open: Option<(i64, String)> = conn
        .query_row(
            "SELECT number, started_on FROM episodes WHERE client_id = ?1 AND ended_on IS NULL ORDER BY number DESC LIMIT 1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(map_err)?;
    let parse =
        |s: &str| NaiveDate::parse_from_str(s, ISO).map_err(|_| Error::db_damaged("a stored date is unreadable"));
    Ok(ClientFacts {
        id,
        date_of_birth: dob.as_deref().map(parse).transpose()?,
        open_episode: open.map(|(n, s)| parse(&s).map(|d| (n, d))).transpose()?,
    })
}

/// Checks a session against the rules, in words. `today` decides what is "future".
fn validate(s: &mut NewSession, facts: &ClientFacts, today: NaiveDate) -> Result<i64> {
    let (episode, started) = facts.open_episode.ok_or_else(|| {
        Error::invalid("code", "This client's episode has ended. Re-refer them to record new sessions.")
    })?;
    if s.on < started {
        return Err(Error::invalid(
            "on",
            format!("The session date is before this episode began ({}).", format_uk(started)),
        ));
    }
    if s.on > today && s.outcome != Outcome::Planned {
        return Err(Error::invalid("outcome", "A session in the future can only be planned."));
    }
    if !(5..=480).contains(&s.minutes) {
        return Err(Error::invalid("minutes", "Enter the length in minutes, from 5 to 480."));
    }
    s.start_time = s.start_time.trim().to_string();
    if !s.start_time.is_empty() {
        let t = NaiveTime::parse_from_str(&s.start_time, "%H:%M")
            .map_err(|_| Error::invalid("startTime", "Enter the start time as hours:minutes, for example 14:30."))?;
        s.start_time = t.format("%H:%M").to_string();
    }
    s.platform = s.platform.trim().to_string();
    let remote = matches!(s.mode, Mode::Online | Mode::Phone);
    let child = facts.date_of_birth.is_none_or(|dob| age_on(dob, s.on) < 18);
    if remote && child && s.outcome == Outcome::Attended {
        if s.platform.is_empty() {
            return Err(Error::invalid(
                "platform",
                "Enter the platform used for this online or phone session with a child.",
            ));
        }
        if s.parent_contacted_start.is_none() || s.parent_contacted_end.is_none() || s.parent_nearby.is_none() {
            return Err(Error::invalid(
                "parentChecks",
                "For an online or phone session with a child, record whether the parent or carer was contacted at the start and at the end, and whether they were close by.",
            ));
        }
    }
    if !remote {
        s.platform.clear();
        s.parent_contacted_start = None;
        s.parent_contacted_end = None;
        s.parent_nearby = None;
    }
    Ok(episode)
}

/// Adds a session to the client's current episode.
pub fn add(vault: &mut Vault, code: &str, mut session: NewSession, today: NaiveDate) -> Result<Session> {
    let facts = facts(vault.connection(), code)?;
    let episode = validate(&mut session, &facts, today)?;
    let actor = vault.actor();
    let now = crate::now_utc();
    let tx = vault.connection_mut().transaction_with_behavior(TransactionBehavior::Immediate).map_err(map_err)?;
    tx.execute(
        "INSERT INTO sessions (client_id, episode_number, on_date, start_time, minutes, mode, outcome, platform,
             parent_contacted_start, parent_contacted_end, parent_nearby, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
        params![
            facts.id,
            episode,
            session.on.format(ISO).to_string(),
            session.start_time,
            session.minutes,
            session.mode.as_str(),
            session.outcome.as_str(),
            session.platform,
            session.parent_contacted_start,
            session.parent_contacted_end,
            session.parent_nearby,
            now
        ],
    )
    .map_err(map_err)?;
    let id = tx.last_insert_rowid();
    let record = id.to_string();
    audit::append(&tx, actor, Action::SessionRecorded, Some(RecordRef { record_type: "session", record_id: &record }))?;
    tx.commit().map_err(map_err)?;
    list(vault.connection(), code, None)?
        .into_iter()
        .find(|s| s.id == id)
        .ok_or_else(|| Error::Internal("the new session was not found".into()))
}

/// Records what happened at a planned session (or corrects an outcome).
pub fn set_outcome(
    vault: &mut Vault,
    code: &str,
    session_id: i64,
    outcome: Outcome,
    today: NaiveDate,
) -> Result<Session> {
    let facts = facts(vault.connection(), code)?;
    let existing = list(vault.connection(), code, None)?
        .into_iter()
        .find(|s| s.id == session_id)
        .ok_or_else(|| Error::invalid("session", format!("There is no session {session_id} for this client.")))?;
    let on = NaiveDate::parse_from_str(&existing.on, crate::dates::UK_FORMAT)
        .map_err(|_| Error::db_damaged("a stored date is unreadable"))?;
    if on > today && outcome != Outcome::Planned {
        return Err(Error::invalid("outcome", "A session in the future can only be planned."));
    }
    let remote = matches!(existing.mode, Mode::Online | Mode::Phone);
    let child = facts.date_of_birth.is_none_or(|dob| age_on(dob, on) < 18);
    if remote
        && child
        && outcome == Outcome::Attended
        && (existing.platform.is_empty() || existing.parent_nearby.is_none())
    {
        return Err(Error::invalid(
            "parentChecks",
            "This online or phone session with a child needs the platform and the parent or carer checks: record it again with them.",
        ));
    }
    let actor = vault.actor();
    let tx = vault.connection_mut().transaction_with_behavior(TransactionBehavior::Immediate).map_err(map_err)?;
    tx.execute(
        "UPDATE sessions SET outcome = ?1, updated_at = ?2 WHERE id = ?3 AND client_id = ?4",
        params![outcome.as_str(), crate::now_utc(), session_id, facts.id],
    )
    .map_err(map_err)?;
    let record = session_id.to_string();
    audit::append(
        &tx,
        actor,
        Action::SessionOutcomeChanged,
        Some(RecordRef { record_type: "session", record_id: &record }),
    )?;
    tx.commit().map_err(map_err)?;
    list(vault.connection(), code, None)?
        .into_iter()
        .find(|s| s.id == session_id)
        .ok_or_else(|| Error::Internal("the session was not found".into()))
}

/// The register for a client, oldest first, optionally one episode only.
pub fn list(conn: &Connection, code: &str, episode: Option<i64>) -> Result<Vec<Session>> {
    let id = id_for_code(conn, code)?;
    let mut stmt = conn
        .prepare(
            "SELECT id, episode_number, on_date, start_time, minutes, mode, outcome, platform,
                    parent_contacted_start, parent_contacted_end, parent_nearby
             FROM sessions WHERE client_id = ?1 AND (?2 IS NULL OR episode_number = ?2)
             ORDER BY on_date, start_time, id",
        )
        .map_err(map_err)?;
    let rows = stmt
        .query_map(params![id, episode], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, u32>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, Option<bool>>(8)?,
                r.get::<_, Option<bool>>(9)?,
                r.get::<_, Option<bool>>(10)?,
            ))
        })
        .map_err(map_err)?;
    let mut out: Vec<Session> = Vec::new();
    let mut attended_in: std::collections::HashMap<i64, i64> = std::collections::HashMap::new();
    for row in rows {
        let (id, episode, on, start_time, minutes, mode, outcome, platform, start, end, nearby) =
            row.map_err(map_err)?;
        let on = NaiveDate::parse_from_str(&on, ISO).map_err(|_| Error::db_damaged("a stored date is unreadable"))?;
        let mode = Mode::parse(&mode).map_err(|_| Error::db_damaged("a stored session mode is unreadable"))?;
        let outcome = Outcome::parse(&outcome).map_err(|_| Error::db_damaged("a stored outcome is unreadable"))?;
        let number = (outcome == Outcome::Attended).then(|| {
            let n = attended_in.entry(episode).or_insert(0);
            *n += 1;
            *n
        });
        out.push(Session {
            id,
            episode,
            number,
            on: format_uk(on),
            start_time,
            minutes,
            mode,
            outcome,
            platform,
            parent_contacted_start: start,
            parent_contacted_end: end,
            parent_nearby: nearby,
        });
    }
    Ok(out)
}

/// Counts of sessions by outcome and mode, between two dates inclusive.
pub fn attendance(conn: &Connection, code: &str, from: NaiveDate, to: NaiveDate) -> Result<AttendanceCounts> {
    if to < from {
        return Err(Error::invalid("to", "The end of the period must be on or after its start."));
    }
    let mut counts = AttendanceCounts::default();
    for s in list(conn, code, None)? {
        let on = NaiveDate::parse_from_str(&s.on, crate::dates::UK_FORMAT).map_err(|_| Error::db_damaged("date"))?;
        if on < from || on > to {
            continue;
        }
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
    Ok(counts)
}
