//! The request register: every request a person makes under their data protection rights
//! (seed 000: "the right to request access to information about them that we hold", to
//! object, to have inaccurate data rectified, blocked or erased), when it arrived, who made
//! it, the check of their identity, any extension with its reason, and how it closed, with
//! the legal deadline counting down ([`rules`]).
//!
//! Nothing is overwritten: the identity check, each extension and the closing are rows of
//! their own, and a trigger on each table refuses UPDATE. Open requests show on Home and on
//! the successor's continuity checklist after a takeover.

use chrono::NaiveDate;
use rusqlite::{params, Connection};

pub mod rules;

use crate::audit::Action;
use crate::choices::choice;
use crate::client_ids::id_for_code;
use crate::dates::parse_uk;
use crate::db::map_err;
use crate::vault::Record;
use crate::{Error, Result, Vault};

choice! {
    /// The right the person is using. Labels start differently, so a select's type-ahead
    /// reaches each.
    pub enum RequestKind in "requestKind", field "kind", choose "the kind of request" {
        Access = "access" => "Access to their records (subject access)",
        Rectification = "rectification" => "Correcting what is wrong (rectification)",
        Erasure = "erasure" => "Erasure",
        Restriction = "restriction" => "Limiting how records are used (restriction)",
        Objection = "objection" => "Objection to how records are used",
    }
}

choice! {
    /// Who made the request.
    pub enum MadeBy in "requestMadeBy", field "madeBy", choose "who made the request" {
        Client = "client" => "The client",
        Parent = "parent" => "A parent or carer, for a child",
        Representative = "representative" => "Someone acting for them (a solicitor, an advocate)",
    }
}

choice! {
    /// How a request ended.
    pub enum RequestOutcome in "requestOutcome", field "outcome", choose "how the request ended" {
        Done = "done" => "Answered in full",
        Part = "part" => "Answered in part (some withheld or refused, with reasons)",
        Refused = "refused" => "Refused, with reasons",
        Withdrawn = "withdrawn" => "Withdrawn by the person",
    }
}

choice! {
    /// Open (due or overdue) until its closing is recorded.
    pub enum RequestState in "requestState", field "state", choose "the state" {
        Open = "open" => "Open",
        Overdue = "overdue" => "Overdue",
        Closed = "closed" => "Closed",
    }
}

/// A request as the therapist records it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RequestForm {
    /// The client it is about (their code), or empty when the person has no record here.
    pub client: String,
    /// One of [`RequestKind`]'s values.
    pub kind: String,
    /// One of [`MadeBy`]'s values.
    pub made_by: String,
    /// Who made it, by role and initials, or empty.
    pub from: String,
    /// dd/mm/yyyy.
    pub received: String,
    /// What they asked for, in the therapist's words.
    pub summary: String,
}

/// The check of the requester's identity.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IdentityForm {
    /// dd/mm/yyyy: the day identity was confirmed.
    pub on: String,
    /// How: "known to me in person", "passport seen", "letter from the parent's address".
    pub how: String,
    /// True when the therapist asked for proof and waited for it: the month starts again
    /// from `on`.
    pub waited: bool,
}

/// An extension of the deadline.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExtensionForm {
    /// "1" or "2".
    pub months: String,
    /// Why: the request is complex, or one of many.
    pub reason: String,
    /// dd/mm/yyyy: the day the person was told, with the reason.
    pub told_on: String,
}

/// How the request ended.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RequestCloseForm {
    /// dd/mm/yyyy.
    pub on: String,
    /// One of [`RequestOutcome`]'s values.
    pub outcome: String,
    /// What was sent or done; the reasons for anything withheld or refused.
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IdentityCheck {
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub on: NaiveDate,
    pub how: String,
    pub waited: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Extension {
    pub months: u32,
    pub reason: String,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub told_on: NaiveDate,
}

/// A request in the register, with its deadline as it stands today.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RightsRequest {
    pub id: i64,
    /// The client's code, or null when the person has no record here (or it was destroyed).
    pub client: Option<String>,
    pub initials: Option<String>,
    pub kind: RequestKind,
    pub made_by: MadeBy,
    pub from: String,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub received: NaiveDate,
    pub summary: String,
    pub identity: Option<IdentityCheck>,
    /// Oldest first.
    pub extensions: Vec<Extension>,
    /// The last day to answer, with any extension.
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub due: NaiveDate,
    /// Why the deadline is that day.
    pub due_because: String,
    /// The last day to tell the person of an extension; null once it has passed or the
    /// request is closed or already extended by two months.
    #[serde(with = "crate::dates::uk_opt")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub extend_by: Option<NaiveDate>,
    /// Days to the deadline while open (negative when overdue); null once closed.
    pub days_left: Option<i64>,
    /// "12 days left", "Overdue by 2 days"; empty once closed.
    pub countdown: String,
    /// Open, and due within a week or overdue ([`rules::due_soon`]).
    pub due_soon: bool,
    #[serde(with = "crate::dates::uk_opt")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub closed: Option<NaiveDate>,
    pub outcome: Option<RequestOutcome>,
    pub note: String,
    pub state: RequestState,
}

impl RightsRequest {
    /// "An access request" / "An erasure request", for sentences.
    pub fn kind_short(&self) -> &'static str {
        match self.kind {
            RequestKind::Access => "access",
            RequestKind::Rectification => "rectification",
            RequestKind::Erasure => "erasure",
            RequestKind::Restriction => "restriction",
            RequestKind::Objection => "objection",
        }
    }
}

/// Records a request received. Recorded as `request.recorded`.
pub fn add(vault: &mut Vault, form: RequestForm) -> Result<RightsRequest> {
    let today = vault.today();
    let conn = vault.conn();
    let client_id = match form.client.trim() {
        "" => None,
        code => Some(id_for_code(conn, code)?),
    };
    let kind = RequestKind::parse(&form.kind)?;
    let made_by = MadeBy::parse(&form.made_by)?;
    let received = parse_uk("received", "date the request was received", &form.received)?;
    if received > today {
        return Err(Error::invalid("received", "The date the request was received cannot be in the future."));
    }
    let from = crate::text::typed("from", "name of who made the request", &form.from, true)?;
    let summary = crate::text::typed("summary", "request", &form.summary, false)?;
    if summary.is_empty() {
        return Err(Error::invalid("summary", "Write what they asked for, in your own words."));
    }
    let id = vault.write(|tx| {
        tx.execute(
            "INSERT INTO rights_requests (client_id, kind, made_by, from_whom, received_on, summary, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![client_id, kind, made_by, from, received, summary, tx.now_utc()],
        )
        .map_err(map_err)?;
        let id = tx.last_insert_rowid();
        tx.record(Action::RequestRecorded, Record::new("request", id))?;
        Ok(id)
    })?;
    show(vault, id)
}

/// Records the check of the requester's identity, once. Recorded as
/// `request.identity_checked`.
pub fn check_identity(vault: &mut Vault, id: i64, form: IdentityForm) -> Result<RightsRequest> {
    let on = parse_uk("on", "date identity was confirmed", &form.on)?;
    let how = crate::text::typed("how", "how identity was confirmed", &form.how, true)?;
    let request = open_request(vault, id)?;
    rules::check_date(request.received, on, vault.today(), "on", "identity was confirmed")?;
    if let Some(had) = &request.identity {
        return Err(Error::invalid(
            "on",
            format!("Identity was already recorded as confirmed on {}.", crate::dates::format_uk(had.on)),
        ));
    }
    if how.is_empty() {
        return Err(Error::invalid("how", "Say how you confirmed who they are, for example \"passport seen\"."));
    }
    vault.write(|tx| {
        tx.execute(
            "INSERT INTO rights_request_identity (request_id, on_date, how, waited, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, on, how, form.waited, tx.now_utc()],
        )
        .map_err(map_err)?;
        tx.record(Action::RequestIdentityChecked, Record::new("request", id))
    })?;
    show(vault, id)
}

/// Extends the deadline by one or two months (two in all), told to the person within the
/// first month with the reason. Recorded as `request.extended`.
pub fn extend(vault: &mut Vault, id: i64, form: ExtensionForm) -> Result<RightsRequest> {
    let months = match form.months.trim() {
        "1" => 1,
        "2" => 2,
        _ => return Err(Error::invalid("months", "Choose an extension of one or two months.")),
    };
    let told_on = parse_uk("toldOn", "date you told them", &form.told_on)?;
    let reason = crate::text::typed("reason", "reason", &form.reason, false)?;
    let request = open_request(vault, id)?;
    rules::check_extension(clock(&request), months, told_on, vault.today())?;
    if reason.is_empty() {
        return Err(Error::invalid(
            "reason",
            "Write why more time is needed: the law allows it only for a complex request or one of many.",
        ));
    }
    vault.write(|tx| {
        tx.execute(
            "INSERT INTO rights_request_extensions (request_id, months, reason, told_on, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, months, reason, told_on, tx.now_utc()],
        )
        .map_err(map_err)?;
        tx.record(Action::RequestExtended, Record::new("request", id))
    })?;
    show(vault, id)
}

/// Closes the request with how it ended. A refusal or a part answer needs its reasons in
/// `note`. Recorded as `request.closed`.
pub fn close(vault: &mut Vault, id: i64, form: RequestCloseForm) -> Result<RightsRequest> {
    let on = parse_uk("on", "date it was closed", &form.on)?;
    let outcome = RequestOutcome::parse(&form.outcome)?;
    let note = crate::text::typed("note", "note", &form.note, false)?;
    let request = open_request(vault, id)?;
    rules::check_date(request.received, on, vault.today(), "on", "it was closed")?;
    if note.is_empty() && matches!(outcome, RequestOutcome::Part | RequestOutcome::Refused) {
        return Err(Error::invalid(
            "note",
            "Write the reasons for what was withheld or refused: the person must be told them, and of their right to complain to the ICO.",
        ));
    }
    vault.write(|tx| {
        tx.execute(
            "INSERT INTO rights_request_closures (request_id, on_date, outcome, note, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, on, outcome, note, tx.now_utc()],
        )
        .map_err(map_err)?;
        tx.record(Action::RequestClosed, Record::new("request", id))
    })?;
    show(vault, id)
}

/// One request, by id.
pub fn show(vault: &Vault, id: i64) -> Result<RightsRequest> {
    let found = select(vault.conn(), vault.today(), "WHERE r.id = ?1", params![id])?;
    found
        .into_iter()
        .next()
        .ok_or_else(|| Error::invalid("id", "There is no request with that id. Check the id in the request register."))
}

/// The register: open requests first, soonest deadline first; then closed ones, newest
/// received first. With a client's `code`, only the requests about that client.
pub fn list(vault: &Vault, code: Option<&str>) -> Result<Vec<RightsRequest>> {
    let conn = vault.conn();
    let mut out = match code.map(str::trim).filter(|c| !c.is_empty()) {
        None => select(conn, vault.today(), "", params![])?,
        Some(code) => {
            let client_id = id_for_code(conn, code)?;
            select(conn, vault.today(), "WHERE r.client_id = ?1", params![client_id])?
        }
    };
    out.sort_by(|a, b| {
        let (open_a, open_b) = (a.closed.is_none(), b.closed.is_none());
        open_b.cmp(&open_a).then_with(|| {
            if open_a && open_b {
                a.due.cmp(&b.due).then(a.id.cmp(&b.id))
            } else {
                b.received.cmp(&a.received).then(b.id.cmp(&a.id))
            }
        })
    });
    Ok(out)
}

/// The open requests, soonest deadline first: for Home and the successor's checklist.
pub fn open(vault: &Vault) -> Result<Vec<RightsRequest>> {
    Ok(list(vault, None)?.into_iter().filter(|r| r.closed.is_none()).collect())
}

fn open_request(vault: &Vault, id: i64) -> Result<RightsRequest> {
    let request = show(vault, id)?;
    if let Some(closed) = request.closed {
        return Err(Error::invalid(
            "id",
            format!(
                "This request was closed on {}; nothing more can be added to it. If they have asked again, record it as a new request.",
                crate::dates::format_uk(closed)
            ),
        ));
    }
    Ok(request)
}

fn clock(r: &RightsRequest) -> rules::Clock {
    rules::Clock {
        received: r.received,
        identity_waited_for: r.identity.as_ref().filter(|i| i.waited).map(|i| i.on),
        extended_by: r.extensions.iter().map(|e| e.months).sum(),
    }
}

fn select(
    conn: &Connection,
    today: NaiveDate,
    filter: &str,
    args: &[&dyn rusqlite::ToSql],
) -> Result<Vec<RightsRequest>> {
    let sql = format!(
        "SELECT r.id, c.code, c.initials, r.kind, r.made_by, r.from_whom, r.received_on, r.summary,
                i.on_date, i.how, i.waited, x.on_date, x.outcome, x.note
         FROM rights_requests r LEFT JOIN clients c ON c.id = r.client_id
              LEFT JOIN rights_request_identity i ON i.request_id = r.id
              LEFT JOIN rights_request_closures x ON x.request_id = r.id
         {filter}
         ORDER BY r.id"
    );
    let mut stmt = conn.prepare(&sql).map_err(map_err)?;
    let mut out = stmt
        .query_map(args, |r| {
            let identity_on: Option<NaiveDate> = r.get(8)?;
            Ok(RightsRequest {
                id: r.get(0)?,
                client: r.get(1)?,
                initials: r.get(2)?,
                kind: r.get(3)?,
                made_by: r.get(4)?,
                from: r.get(5)?,
                received: r.get(6)?,
                summary: r.get(7)?,
                identity: match identity_on {
                    Some(on) => Some(IdentityCheck { on, how: r.get(9)?, waited: r.get(10)? }),
                    None => None,
                },
                extensions: Vec::new(),
                due: NaiveDate::MIN,
                due_because: String::new(),
                extend_by: None,
                days_left: None,
                countdown: String::new(),
                due_soon: false,
                closed: r.get(11)?,
                outcome: r.get(12)?,
                note: r.get::<_, Option<String>>(13)?.unwrap_or_default(),
                state: RequestState::Open,
            })
        })
        .map_err(map_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(map_err)?;
    let mut extensions = conn
        .prepare("SELECT months, reason, told_on FROM rights_request_extensions WHERE request_id = ?1 ORDER BY id")
        .map_err(map_err)?;
    for request in &mut out {
        request.extensions = extensions
            .query_map([request.id], |r| Ok(Extension { months: r.get(0)?, reason: r.get(1)?, told_on: r.get(2)? }))
            .map_err(map_err)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(map_err)?;
        stand(request, today);
    }
    Ok(out)
}

/// Fills in the deadline and the countdown as they stand `today`.
fn stand(request: &mut RightsRequest, today: NaiveDate) {
    let clock = clock(request);
    request.due = clock.deadline();
    request.due_because = clock.deadline_in_words();
    if request.closed.is_some() {
        request.state = RequestState::Closed;
        return;
    }
    let left = rules::days_left(request.due, today);
    request.days_left = Some(left);
    request.countdown = rules::countdown_words(left);
    request.due_soon = rules::due_soon(left);
    request.state = if left < 0 { RequestState::Overdue } else { RequestState::Open };
    request.extend_by = (clock.extended_by < rules::MAX_EXTENSION_MONTHS && today <= clock.first_deadline())
        .then(|| clock.first_deadline());
}
