//! The incident log: anything that went wrong with information (a letter to the wrong
//! address, a lost memory stick, a concern about online contact; seed 004: "concerns about
//! inappropriate online contact must be escalated without delay"), and personal data
//! breaches under UK GDPR art. 33: when the therapist became aware (UK local time), what
//! happened, whose data (none, one or several clients), the risk, the actions taken and
//! whether the people affected were told; then whether it must be reported to the ICO and
//! why, and the report itself.
//!
//! The deadline ([`rules::report_by`]) is 72 elapsed hours after becoming aware. An incident
//! is open, with its countdown on Home, until the report is recorded (`reported`) or the
//! decision not to report is recorded with its reason (`not-reported`). A decision that it
//! must be reported keeps it open until the report. A report after the deadline needs the
//! reasons for the delay; a report in time refuses them, since a reason for a delay that did
//! not happen suggests a mistyped time. Nothing is overwritten: the incident, its clients,
//! the decision and the report are rows of their own; triggers refuse UPDATE.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection};

pub mod rules;

use crate::audit::Action;
use crate::choices::choice;
use crate::client_ids::id_for_code;
use crate::dates::{format_london, london_to_utc, parse_uk_minute};
use crate::db::map_err;
use crate::vault::Record;
use crate::{Error, ErrorCode, Result, Vault};

choice! {
    /// Where the incident stands.
    pub enum IncidentState in "incidentState", field "state", choose "the state" {
        Open = "open" => "Open: decide whether to report it",
        Reported = "reported" => "Reported to the ICO",
        NotReported = "not-reported" => "Not reported, with the reason",
    }
}

/// An incident as the therapist records it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IncidentForm {
    /// "dd/mm/yyyy HH:MM", UK local time: when she became aware of it.
    pub aware: String,
    /// What happened.
    pub summary: String,
    /// The codes of the clients whose data it touched (none for none).
    pub clients: Vec<String>,
    /// The risk to the people whose data it is.
    pub risk: String,
    /// What was done to contain it and put it right.
    pub actions: String,
    /// Whether (and how) the people affected were told, or why not.
    pub people_told: String,
}

/// The report to the ICO.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReportForm {
    /// "dd/mm/yyyy HH:MM", UK local time.
    pub on: String,
    /// The reasons for the delay: required after the deadline, refused before it.
    pub late_reason: String,
    /// The ICO's reference, if given.
    pub reference: String,
}

/// The decision whether it must be reported to the ICO, and why.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DecisionForm {
    /// "yes" (it must be reported: stays open until the report) or "no".
    pub report: String,
    pub reason: String,
}

/// An incident in the log. Moments are UK local time, "dd/mm/yyyy HH:MM".
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Incident {
    pub id: i64,
    #[serde(with = "crate::dates::london")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub aware: DateTime<Utc>,
    /// 72 elapsed hours after `aware`.
    #[serde(with = "crate::dates::london")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub report_by: DateTime<Utc>,
    pub summary: String,
    /// Client codes.
    pub clients: Vec<String>,
    pub risk: String,
    pub actions: String,
    pub people_told: String,
    pub state: IncidentState,
    /// The decision recorded: true (must be reported), false (not), null (none yet).
    pub must_report: Option<bool>,
    pub decision_reason: String,
    #[serde(with = "crate::dates::london_opt")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub reported_on: Option<DateTime<Utc>>,
    pub late_reason: String,
    pub reference: String,
    /// While open: whole minutes to the deadline (negative once passed); else null.
    pub minutes_left: Option<i64>,
    /// While open: "14 hours left", "Overdue by 3 hours"; else empty.
    pub countdown: String,
    pub overdue: bool,
}

/// Reads a UK local moment typed in `field`, refusing one later than now.
fn moment(vault: &Vault, field: &'static str, label: &str, typed: &str) -> Result<DateTime<Utc>> {
    let at = london_to_utc(field, label, parse_uk_minute(field, label, typed)?)?;
    if at > vault.now() {
        return Err(Error::invalid(field, format!("The {label} cannot be in the future.")));
    }
    Ok(at)
}

fn stored(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn read_moment(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|_| Error::db_damaged("an incident's time is unreadable"))
}

/// Records an incident. Recorded as `incident.recorded`.
pub fn add(vault: &mut Vault, form: IncidentForm) -> Result<Incident> {
    let aware = moment(vault, "aware", "time you became aware", &form.aware)?;
    let summary = crate::text::typed("summary", "account of what happened", &form.summary, false)?;
    if summary.is_empty() {
        return Err(Error::invalid("summary", "Write what happened, in your own words (initials only)."));
    }
    let risk = crate::text::typed("risk", "risk", &form.risk, false)?;
    let actions = crate::text::typed("actions", "actions taken", &form.actions, false)?;
    let people_told =
        crate::text::typed("peopleTold", "whether the people affected were told", &form.people_told, false)?;
    let mut client_ids = Vec::new();
    for code in form.clients.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        let id = id_for_code(vault.conn(), code).map_err(|e| match e.code() {
            ErrorCode::InvalidInput => Error::invalid(
                "clients",
                "One of the client codes is not a client's. Check each code in the client list.",
            ),
            _ => e,
        })?;
        if !client_ids.contains(&id) {
            client_ids.push(id);
        }
    }
    let id = vault.write(|tx| {
        tx.execute(
            "INSERT INTO incidents (aware_at, summary, risk, actions, people_told, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![stored(aware), summary, risk, actions, people_told, tx.now_utc()],
        )
        .map_err(map_err)?;
        let id = tx.last_insert_rowid();
        for client_id in &client_ids {
            tx.execute("INSERT INTO incident_clients (incident_id, client_id) VALUES (?1, ?2)", params![id, client_id])
                .map_err(map_err)?;
        }
        tx.record(Action::IncidentRecorded, Record::new("incident", id))?;
        Ok(id)
    })?;
    show(vault, id)
}

/// Records the report to the ICO. Recorded as `incident.reported`.
pub fn report(vault: &mut Vault, id: i64, form: ReportForm) -> Result<Incident> {
    let incident = show(vault, id)?;
    let on = moment(vault, "on", "time of the report", &form.on)?;
    if let Some(at) = incident.reported_on {
        return Err(Error::invalid(
            "id",
            format!("This incident was already reported to the ICO on {}.", format_london(at)),
        ));
    }
    if on < incident.aware {
        return Err(Error::invalid(
            "on",
            format!(
                "The report cannot be before you became aware of the incident ({}).",
                format_london(incident.aware)
            ),
        ));
    }
    let late_reason = crate::text::typed("lateReason", "reasons for the delay", &form.late_reason, false)?;
    let reference = crate::text::typed("reference", "ICO reference", &form.reference, true)?;
    let late = rules::is_late(incident.report_by, on);
    if late && late_reason.is_empty() {
        return Err(Error::invalid(
            "lateReason",
            format!(
                "The report was made after the deadline ({}): give the reasons for the delay, as the ICO asks.",
                format_london(incident.report_by)
            ),
        ));
    }
    if !late && !late_reason.is_empty() {
        return Err(Error::invalid(
            "lateReason",
            format!(
                "The report was made in time (by {}), so there is no delay to explain. Leave the reasons for the delay empty, or check the time of the report.",
                format_london(incident.report_by)
            ),
        ));
    }
    vault.write(|tx| {
        tx.execute(
            "INSERT INTO incident_reports (incident_id, reported_at, late_reason, reference, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, stored(on), late_reason, reference, tx.now_utc()],
        )
        .map_err(map_err)?;
        tx.record(Action::IncidentReported, Record::new("incident", id))
    })?;
    show(vault, id)
}

/// Records whether the incident must be reported to the ICO, and why: "no" closes it (not
/// reported); "yes" keeps it open until the report. Recorded as `incident.decided`.
pub fn decide(vault: &mut Vault, id: i64, form: DecisionForm) -> Result<Incident> {
    let incident = show(vault, id)?;
    let must_report = match form.report.trim().to_lowercase().as_str() {
        "yes" | "y" => true,
        "no" | "n" => false,
        _ => return Err(Error::invalid("report", "Choose whether it must be reported to the ICO: yes or no.")),
    };
    let reason = crate::text::typed("reason", "reason", &form.reason, false)?;
    if reason.is_empty() {
        let why = if must_report {
            "why it must be reported"
        } else {
            "why it need not be reported (for example, no likely risk to anyone's rights and freedoms)"
        };
        return Err(Error::invalid("reason", format!("Give the reason for the decision: {why}.")));
    }
    if incident.must_report.is_some() {
        return Err(Error::invalid("id", "A decision about reporting this incident is already recorded."));
    }
    if incident.reported_on.is_some() {
        return Err(Error::invalid("id", "This incident has already been reported to the ICO."));
    }
    vault.write(|tx| {
        tx.execute(
            "INSERT INTO incident_decisions (incident_id, must_report, reason, recorded_at) VALUES (?1, ?2, ?3, ?4)",
            params![id, must_report, reason, tx.now_utc()],
        )
        .map_err(map_err)?;
        tx.record(Action::IncidentDecided, Record::new("incident", id))
    })?;
    show(vault, id)
}

/// One incident, by id.
pub fn show(vault: &Vault, id: i64) -> Result<Incident> {
    select(vault, "WHERE i.id = ?1", params![id])?
        .into_iter()
        .next()
        .ok_or_else(|| Error::invalid("id", "There is no incident with that id. Check the id in the incident log."))
}

/// The log: open incidents first, soonest deadline first; then the rest, newest first.
pub fn list(vault: &Vault) -> Result<Vec<Incident>> {
    let mut all = select(vault, "", params![])?;
    all.sort_by(|a, b| {
        let (open_a, open_b) = (a.state == IncidentState::Open, b.state == IncidentState::Open);
        open_b
            .cmp(&open_a)
            .then_with(|| if open_a { a.report_by.cmp(&b.report_by) } else { b.aware.cmp(&a.aware) })
            .then(b.id.cmp(&a.id))
    });
    Ok(all)
}

fn select(vault: &Vault, filter: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<Incident>> {
    let conn = vault.conn();
    let now = vault.now();
    let sql = format!(
        "SELECT i.id, i.aware_at, i.summary, i.risk, i.actions, i.people_told,
                d.must_report, d.reason, r.reported_at, r.late_reason, r.reference
         FROM incidents i LEFT JOIN incident_decisions d ON d.incident_id = i.id
              LEFT JOIN incident_reports r ON r.incident_id = i.id
         {filter} ORDER BY i.id"
    );
    let mut stmt = conn.prepare(&sql).map_err(map_err)?;
    let rows = stmt
        .query_map(args, |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                [r.get::<_, String>(2)?, r.get(3)?, r.get(4)?, r.get(5)?],
                r.get::<_, Option<bool>>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, Option<String>>(8)?,
                r.get::<_, Option<String>>(9)?,
                r.get::<_, Option<String>>(10)?,
            ))
        })
        .map_err(map_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(map_err)?;
    let mut out = Vec::with_capacity(rows.len());
    for (id, aware, [summary, risk, actions, people_told], must_report, reason, reported, late, reference) in rows {
        let aware = read_moment(&aware)?;
        let reported_on = reported.as_deref().map(read_moment).transpose()?;
        let report_by = rules::report_by(aware);
        let state = match (reported_on, must_report) {
            (Some(_), _) => IncidentState::Reported,
            (None, Some(false)) => IncidentState::NotReported,
            (None, _) => IncidentState::Open,
        };
        let minutes_left = (state == IncidentState::Open).then(|| rules::minutes_left(report_by, now));
        out.push(Incident {
            id,
            aware,
            report_by,
            summary,
            clients: clients_of(conn, id)?,
            risk,
            actions,
            people_told,
            state,
            must_report,
            decision_reason: reason.unwrap_or_default(),
            reported_on,
            late_reason: late.unwrap_or_default(),
            reference: reference.unwrap_or_default(),
            minutes_left,
            countdown: minutes_left.map(rules::countdown_words).unwrap_or_default(),
            overdue: minutes_left.is_some_and(|m| m < 0),
        });
    }
    Ok(out)
}

fn clients_of(conn: &Connection, incident_id: i64) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare(
            "SELECT c.code FROM incident_clients ic JOIN clients c ON c.id = ic.client_id
             WHERE ic.incident_id = ?1 ORDER BY c.code",
        )
        .map_err(map_err)?;
    let codes = stmt
        .query_map([incident_id], |r| r.get(0))
        .map_err(map_err)?
        .collect::<rusqlite::Result<Vec<String>>>()
        .map_err(map_err)?;
    Ok(codes)
}
