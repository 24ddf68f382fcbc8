//! The successor's continuity checklist after a takeover: what continues and who must be
//! told. Built when read from the records themselves (so it is always current), with the
//! ticks kept in the vault (`handover_ticks`), each tick and untick audited.
//!
//! Groups: clients in therapy to contact, upcoming sessions to confirm or cancel, open
//! rights requests and their deadlines, artwork held by location, consents due, retention
//! duties, the therapist's instructions, and a handover of the successor's own (ticked by
//! itself once one is set up).

use chrono::NaiveDate;
use rusqlite::params;

use super::store;
use crate::audit::Action;
use crate::clients::{self, ClientFilter};
use crate::db::map_err;
use crate::requests::{self, RightsRequest};
use crate::sessions::Outcome;
use crate::vault::Record;
use crate::{artwork, consents, dates::format_uk, retention, Error, Result, Vault};

crate::choices::choice! {
    /// The checklist's groups, in the order shown.
    pub enum ChecklistGroup in "checklistGroup", field "group", choose "a group of the checklist" {
        Instructions = "instructions" => "The therapist's instructions",
        Clients = "clients" => "Clients in therapy to contact",
        Sessions = "sessions" => "Upcoming sessions to confirm or cancel",
        Requests = "requests" => "Open rights requests and their deadlines",
        Artwork = "artwork" => "Artwork held, by location",
        Consents = "consents" => "Consents due",
        Retention = "retention" => "Retention duties that continue",
        OwnHandover = "own-handover" => "A handover of your own",
    }
}

/// One thing to do. `key` names it for ticking (`client:JS-0001`, `session:12`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChecklistItem {
    pub key: String,
    pub group: ChecklistGroup,
    pub text: String,
    #[serde(with = "crate::dates::uk_opt")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub due: Option<NaiveDate>,
    #[serde(with = "crate::dates::uk_opt")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub ticked_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Checklist {
    pub items: Vec<ChecklistItem>,
    pub done: usize,
    pub total: usize,
    pub instructions: String,
}

/// The checklist as it stands today.
pub fn checklist(vault: &Vault) -> Result<Checklist> {
    let ticks = store::ticks(vault.conn())?;
    let today = vault.today();
    let latest = store::latest(vault.conn())?;
    let instructions = latest.as_ref().map(|r| r.instructions.clone()).unwrap_or_default();
    let mut items = Vec::new();
    let mut add = |key: String, group, text: String, due: Option<NaiveDate>| {
        let ticked_on = ticks.get(&key).copied();
        items.push(ChecklistItem { key, group, text, due, ticked_on });
    };
    if !instructions.trim().is_empty() {
        add(
            "instructions".into(),
            ChecklistGroup::Instructions,
            "Read the therapist's instructions (below) and act on them.".into(),
            None,
        );
    }
    let filter = ClientFilter { state: "in-therapy".into(), sort: "code".into(), ..Default::default() };
    for c in clients::list(vault, &filter)? {
        let next = c.next_session.map(|d| format!("; next session {}", format_uk(d))).unwrap_or_default();
        add(
            format!("client:{}", c.code),
            ChecklistGroup::Clients,
            format!(
                "{} ({}): tell them (or their parent or carer) and agree what happens next{next}.",
                c.code, c.initials
            ),
            c.next_session,
        );
    }
    for (id, code, initials, on, time) in planned_sessions(vault, today)? {
        let at = if time.is_empty() { String::new() } else { format!(" at {time}") };
        add(
            format!("session:{id}"),
            ChecklistGroup::Sessions,
            format!("{}{at}: {code} ({initials}): confirm it with a new therapist or cancel it.", format_uk(on)),
            Some(on),
        );
    }
    for r in requests::open(vault)? {
        add(format!("request:{}", r.id), ChecklistGroup::Requests, request_text(&r), Some(r.due));
    }
    for place in artwork::locations(vault)?.into_iter().filter(|l| l.held > 0) {
        add(
            format!("artwork:{}", place.name.to_lowercase()),
            ChecklistGroup::Artwork,
            format!(
                "{}: {} held ({} due for collection, {} overdue): return them to the clients or arrange collection.",
                place.name,
                pieces(place.held),
                place.due,
                place.overdue
            ),
            None,
        );
    }
    for c in consents::due(vault, "")? {
        add(
            format!("consent:{}", c.id),
            ChecklistGroup::Consents,
            format!(
                "{} ({}): {} consent, {}.",
                c.client,
                c.initials,
                c.purpose.label().to_lowercase(),
                c.state.label().to_lowercase()
            ),
            Some(c.review_on.min(c.refresh_on)),
        );
    }
    let overview = retention::overview(vault)?;
    if !overview.has_policy {
        add(
            "retention:policy".into(),
            ChecklistGroup::Retention,
            "Choose the retention policy the practice follows, so that each record's keep-until date is known.".into(),
            None,
        );
    } else {
        add(
            "retention:policy".into(),
            ChecklistGroup::Retention,
            "Keep every record until its keep-until date under the practice's retention policy, and destroy it then: Retention lists each record's date (in a terminal, folio retention status).".into(),
            None,
        );
        if overview.overdue > 0 {
            add(
                "retention:overdue".into(),
                ChecklistGroup::Retention,
                format!(
                    "{} due for destruction now: review and confirm it under Retention (in a terminal, folio destroy --due).",
                    records(overview.overdue)
                ),
                Some(today),
            );
        }
    }
    let own = super::status(vault)?;
    let key = "own-handover".to_string();
    let ticked_on = own.as_ref().map(|s| s.set_up_on).or_else(|| ticks.get(&key).copied());
    let mut list = items;
    list.push(ChecklistItem {
        key,
        group: ChecklistGroup::OwnHandover,
        text: "Set up a handover of your own, so that the records are not stranded again: Settings, then Clinical will (in a terminal, folio handover setup)."
            .into(),
        due: None,
        ticked_on,
    });
    list.sort_by_key(|i| i.group as u8);
    let done = list.iter().filter(|i| i.ticked_on.is_some()).count();
    Ok(Checklist { total: list.len(), done, items: list, instructions })
}

/// "JS-0001 (JS): access request from KQ (mother), received 30/11/2026: answer it by
/// 30/12/2026 (30 days left); …". The duty passes with the records to the successor.
fn request_text(r: &RightsRequest) -> String {
    let about = match (&r.client, &r.initials) {
        (Some(code), Some(initials)) => format!("{code} ({initials})"),
        _ => "Someone with no record here".to_string(),
    };
    let from = if r.from.is_empty() { String::new() } else { format!(" from {}", r.from) };
    format!(
        "{about}: {} request{from}, received {}: answer it by {} ({}); look at the Requests screen for what was asked and what has been done.",
        r.kind_short(),
        format_uk(r.received),
        format_uk(r.due),
        r.countdown.to_lowercase()
    )
}

/// Ticks (or with `ticked` false, unticks) an item of today's checklist. Recorded.
pub fn tick(vault: &mut Vault, key: &str, ticked: bool) -> Result<Checklist> {
    let key = key.trim();
    let known = checklist(vault)?.items.into_iter().any(|i| i.key == key && i.group != ChecklistGroup::OwnHandover);
    if !known {
        return Err(Error::invalid(
            "item",
            "That is not an item of the checklist that can be ticked. Use a key as folio handover checklist lists it, like client:JS-0001.",
        ));
    }
    let today = vault.today();
    vault.write(|tx| {
        store::set_tick(tx, key, ticked, today)?;
        let action = if ticked { Action::HandoverChecklistTicked } else { Action::HandoverChecklistUnticked };
        tx.record(action, Record::new("handover_checklist", key))
    })?;
    checklist(vault)
}

fn pieces(n: usize) -> String {
    if n == 1 {
        "1 piece".into()
    } else {
        format!("{n} pieces")
    }
}

fn records(n: usize) -> String {
    if n == 1 {
        "1 record is".into()
    } else {
        format!("{n} records are")
    }
}

/// A planned session: (id, client code, initials, date, start time).
type Planned = (i64, String, String, NaiveDate, String);

/// Planned sessions from `today` on, soonest first.
fn planned_sessions(vault: &Vault, today: NaiveDate) -> Result<Vec<Planned>> {
    let mut stmt = vault
        .conn()
        .prepare(
            "SELECT s.id, c.code, c.initials, s.on_date, s.start_time FROM sessions s JOIN clients c ON c.id = s.client_id
             WHERE s.outcome = ?1 AND s.on_date >= ?2 ORDER BY s.on_date, s.start_time, s.id",
        )
        .map_err(map_err)?;
    let rows = stmt
        .query_map(params![Outcome::Planned, today], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .map_err(map_err)?;
    rows.collect::<Result<_, _>>().map_err(map_err)
}
