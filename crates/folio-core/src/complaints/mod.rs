//! The complaints register (seeds 000 and 001): each complaint as received (when, from
//! whom, how), in the therapist's words, the stages it reaches (the therapist, the
//! commissioning organisation, the HCPC, the ICO) with their dates, and how it closed: the
//! response and the outcome. A complaint may be about a client, or about the practice.
//!
//! Nothing is overwritten: a stage and a closing are rows of their own, and a trigger on
//! each table refuses UPDATE. An open complaint shows on Home; while a client has one,
//! retention (a later capability) keeps their records: [`open_for_client`].

use chrono::NaiveDate;
use rusqlite::{params, Connection};

pub mod rules;

use crate::audit::Action;
use crate::choices::{choice, optional};
use crate::client_ids::id_for_code;
use crate::dates::parse_uk;
use crate::db::map_err;
use crate::vault::Record;
use crate::{Error, Result, Vault};

choice! {
    /// How the complaint arrived.
    pub enum ComplaintHow in "complaintHow", field "how", choose "how it was received" {
        Letter = "letter" => "Letter",
        Email = "email" => "E-mail",
        InPerson = "in-person" => "In person",
        Phone = "phone" => "Phone",
        Other = "other" => "Other",
    }
    aliases { "e-mail" => Email }
}

choice! {
    /// Where the complaint has been taken (seed 001's route, and the ICO for personal data).
    /// Labels start differently, so a select's type-ahead reaches each.
    pub enum ComplaintStage in "complaintStage", field "stage", choose "the stage" {
        Therapist = "therapist" => "Therapist",
        Commissioner = "commissioner" => "Commissioning organisation",
        Hcpc = "hcpc" => "HCPC",
        Ico = "ico" => "ICO",
    }
}

choice! {
    /// Open until its outcome is recorded.
    pub enum ComplaintState in "complaintState", field "state", choose "the state" {
        Open = "open" => "Open",
        Closed = "closed" => "Closed",
    }
}

/// A complaint as the therapist records it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ComplaintForm {
    /// The client it is about (their code), or empty for the practice as a whole.
    pub client: String,
    /// dd/mm/yyyy.
    pub received: String,
    /// Who made it (a name or a role), or empty.
    pub from: String,
    /// One of [`ComplaintHow`]'s values, or empty.
    pub how: String,
    /// The complaint, in the therapist's words.
    pub summary: String,
}

/// A stage the complaint reached.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StageEntry {
    pub stage: ComplaintStage,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub on: NaiveDate,
}

/// A complaint in the register.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Complaint {
    pub id: i64,
    /// The client's code, or null for a complaint about the practice.
    pub client: Option<String>,
    pub initials: Option<String>,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub received: NaiveDate,
    pub from: String,
    pub how: Option<ComplaintHow>,
    pub summary: String,
    /// Oldest first.
    pub stages: Vec<StageEntry>,
    #[serde(with = "crate::dates::uk_opt")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub closed: Option<NaiveDate>,
    pub response: String,
    pub outcome: String,
    pub state: ComplaintState,
}

/// Records a complaint. Recorded as `complaint.recorded`.
pub fn add(vault: &mut Vault, form: ComplaintForm) -> Result<Complaint> {
    let today = vault.today();
    let conn = vault.conn();
    let client_id = match form.client.trim() {
        "" => None,
        code => Some(id_for_code(conn, code)?),
    };
    let received = parse_uk("received", "date the complaint was received", &form.received)?;
    if received > today {
        return Err(Error::invalid("received", "The date the complaint was received cannot be in the future."));
    }
    let from = crate::text::typed("from", "name of who made the complaint", &form.from, true)?;
    let how = optional(&form.how, ComplaintHow::parse)?;
    let summary = crate::text::typed("summary", "complaint", &form.summary, false)?;
    if summary.is_empty() {
        return Err(Error::invalid("summary", "Write what the complaint is about, in your own words."));
    }
    let id = vault.write(|tx| {
        tx.execute(
            "INSERT INTO complaints (client_id, received_on, from_whom, how, summary, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![client_id, received, from, how, summary, tx.now_utc()],
        )
        .map_err(map_err)?;
        let id = tx.last_insert_rowid();
        tx.record(Action::ComplaintRecorded, Record::new("complaint", id))?;
        Ok(id)
    })?;
    show(vault, id)
}

/// Records that the complaint reached a stage on a day (`on`, dd/mm/yyyy): on or after it was
/// received and its latest stage, not in the future, each stage once, only while open.
/// Recorded as `complaint.stage_recorded`.
pub fn add_stage(vault: &mut Vault, id: i64, stage: &str, on: &str) -> Result<Complaint> {
    let stage = ComplaintStage::parse(stage)?;
    let on = parse_uk("on", "date of the stage", on)?;
    let complaint = show(vault, id)?;
    rules::check_date(standing(&complaint), on, vault.today(), false, "on")?;
    if let Some(had) = complaint.stages.iter().find(|s| s.stage == stage) {
        return Err(Error::invalid(
            "stage",
            format!(
                "This complaint already reached that stage on {}. Choose another stage.",
                crate::dates::format_uk(had.on)
            ),
        ));
    }
    vault.write(|tx| {
        tx.execute(
            "INSERT INTO complaint_stages (complaint_id, stage, on_date, recorded_at) VALUES (?1, ?2, ?3, ?4)",
            params![id, stage, on, tx.now_utc()],
        )
        .map_err(map_err)?;
        tx.record(Action::ComplaintStageRecorded, Record::new("complaint", id))
    })?;
    show(vault, id)
}

/// Closes the complaint on a day with its outcome (required) and the response given
/// (optional). Recorded as `complaint.closed`.
pub fn close(vault: &mut Vault, id: i64, on: &str, outcome: &str, response: &str) -> Result<Complaint> {
    let on = parse_uk("on", "date it was closed", on)?;
    let outcome = crate::text::typed("outcome", "outcome", outcome, false)?;
    let response = crate::text::typed("response", "response", response, false)?;
    let complaint = show(vault, id)?;
    rules::check_date(standing(&complaint), on, vault.today(), true, "on")?;
    if outcome.is_empty() {
        return Err(Error::invalid("outcome", "Write the outcome: how the complaint was resolved or ended."));
    }
    vault.write(|tx| {
        tx.execute(
            "INSERT INTO complaint_closures (complaint_id, on_date, response, outcome, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, on, response, outcome, tx.now_utc()],
        )
        .map_err(map_err)?;
        tx.record(Action::ComplaintClosed, Record::new("complaint", id))
    })?;
    show(vault, id)
}

fn standing(c: &Complaint) -> rules::Standing {
    rules::Standing { received: c.received, last_stage: c.stages.iter().map(|s| s.on).max(), closed: c.closed }
}

/// One complaint, by id.
pub fn show(vault: &Vault, id: i64) -> Result<Complaint> {
    let found = select(vault.conn(), "WHERE k.id = ?1", params![id])?;
    found.into_iter().next().ok_or_else(|| {
        Error::invalid("id", "There is no complaint with that id. Check the id in the complaints register.")
    })
}

/// The register: open complaints first, then closed; each newest received first. With a
/// client's `code`, only the complaints about that client.
pub fn list(vault: &Vault, code: Option<&str>) -> Result<Vec<Complaint>> {
    let conn = vault.conn();
    match code.map(str::trim).filter(|c| !c.is_empty()) {
        None => select(conn, "", params![]),
        Some(code) => {
            let client_id = id_for_code(conn, code)?;
            select(conn, "WHERE k.client_id = ?1", params![client_id])
        }
    }
}

/// True while the client has an open complaint (received, not yet closed): retention keeps
/// such a client's records (a legal hold; seed 001 keeps notes "in case a client has a query
/// or complaint").
pub fn open_for_client(vault: &Vault, code: &str) -> Result<bool> {
    let conn = vault.conn();
    let client_id = id_for_code(conn, code)?;
    open_for_client_id(conn, client_id)
}

/// [`open_for_client`] by row id, for rules inside the core that hold the connection.
pub(crate) fn open_for_client_id(conn: &Connection, client_id: i64) -> Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM complaints k WHERE k.client_id = ?1
             AND NOT EXISTS (SELECT 1 FROM complaint_closures x WHERE x.complaint_id = k.id))",
        [client_id],
        |r| r.get(0),
    )
    .map_err(map_err)
}

fn select(conn: &Connection, filter: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<Complaint>> {
    let sql = format!(
        "SELECT k.id, c.code, c.initials, k.received_on, k.from_whom, k.how, k.summary,
                x.on_date, x.response, x.outcome
         FROM complaints k LEFT JOIN clients c ON c.id = k.client_id
              LEFT JOIN complaint_closures x ON x.complaint_id = k.id
         {filter}
         ORDER BY x.complaint_id IS NOT NULL, k.received_on DESC, k.id DESC"
    );
    let mut stmt = conn.prepare(&sql).map_err(map_err)?;
    let mut out = stmt
        .query_map(args, |r| {
            let closed: Option<NaiveDate> = r.get(7)?;
            Ok(Complaint {
                id: r.get(0)?,
                client: r.get(1)?,
                initials: r.get(2)?,
                received: r.get(3)?,
                from: r.get(4)?,
                how: r.get(5)?,
                summary: r.get(6)?,
                stages: Vec::new(),
                closed,
                response: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                outcome: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
                state: if closed.is_some() { ComplaintState::Closed } else { ComplaintState::Open },
            })
        })
        .map_err(map_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(map_err)?;
    let mut stages = conn
        .prepare("SELECT stage, on_date FROM complaint_stages WHERE complaint_id = ?1 ORDER BY on_date, id")
        .map_err(map_err)?;
    for complaint in &mut out {
        complaint.stages = stages
            .query_map([complaint.id], |r| Ok(StageEntry { stage: r.get(0)?, on: r.get(1)? }))
            .map_err(map_err)?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(map_err)?;
    }
    Ok(out)
}
