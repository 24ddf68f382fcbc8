//! The artwork inventory: each physical item a client made, where it is kept, and what
//! became of it. Seed 001: artwork is stored confidentially; after therapy ends the client
//! may take it away; what is not taken is kept for two months, then disposed of in a
//! confidential way. No practice system tracks the physical artwork; a therapist today
//! keeps a paper list by the cabinet.
//!
//! An item is recorded once and never changed; every change (placed, moved, returned, kept
//! with the client's written consent, disposed of) is a row of its own in
//! `artwork_events`, so the history reads as it happened. The state and the location are
//! those of the latest change; the collection date is computed when read ([`rules`]).

mod labels;
pub mod rules;
mod store;
mod walk_list;

pub use self::labels::{labels_pdf, save_labels, write_labels};
pub use self::walk_list::{location_list_pdf, save_location_list, write_location_list, NO_LOCATION};

use chrono::NaiveDate;

use crate::audit::Action;
use crate::choices::choice;
use crate::client_ids::id_for_code;
use crate::dates::parse_uk_or;
use crate::vault::Record;
use crate::{Error, Result, Vault};

pub use self::rules::Collection;

choice! {
    /// Where an item stands.
    pub enum ArtworkState in "artworkState", field "state", choose "the state" {
        Held = "held" => "Held",
        Returned = "returned" => "Returned to the client",
        Kept = "kept" => "Kept with the client's written consent",
        Disposed = "disposed" => "Disposed of confidentially",
    }
}

choice! {
    /// A change in an item's history.
    pub enum ArtworkChange in "artworkChange", field "change", choose "the change" {
        Placed = "placed" => "Placed",
        Moved = "moved" => "Moved",
        Returned = "returned" => "Returned to the client",
        Kept = "kept" => "Kept with the client's written consent",
        Disposed = "disposed" => "Disposed of confidentially",
    }
}

impl ArtworkChange {
    /// The state an item is in after this change.
    pub fn state_after(self) -> ArtworkState {
        match self {
            ArtworkChange::Placed | ArtworkChange::Moved => ArtworkState::Held,
            ArtworkChange::Returned => ArtworkState::Returned,
            ArtworkChange::Kept => ArtworkState::Kept,
            ArtworkChange::Disposed => ArtworkState::Disposed,
        }
    }
}

/// An item as the therapist records it.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ArtworkForm {
    /// The title or a description, in the therapist's words (initials only).
    pub description: String,
    /// dd/mm/yyyy; empty is the session's date, or today.
    pub made: String,
    /// "Paint and collage", "clay".
    pub medium: String,
    /// "A3", "30 × 20 cm".
    pub size: String,
    /// Where it is kept; a new name is added to the list of locations.
    pub location: String,
    /// The session in the register it was made in.
    pub session: Option<i64>,
}

/// One change in an item's history.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ArtworkEvent {
    pub change: ArtworkChange,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub on: NaiveDate,
    /// The location it was placed in or moved to.
    pub location: Option<String>,
    /// Who took it, how it was disposed of, or why it is kept.
    pub detail: String,
}

/// An item in the inventory, as it stands on the vault's today.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Artwork {
    pub reference: String,
    /// The client's code.
    pub client: String,
    pub initials: String,
    pub episode: i64,
    pub session: Option<i64>,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub made: NaiveDate,
    pub medium: String,
    pub size: String,
    pub description: String,
    /// Where it is (or was last) kept; None if never recorded.
    pub location: Option<String>,
    pub state: ArtworkState,
    /// The day it is due for collection: the end of the client's last episode plus the
    /// collection period, for a held item once therapy has ended.
    #[serde(with = "crate::dates::uk_opt")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub collect_by: Option<NaiveDate>,
    /// `not-due`, `due` or `overdue` on the vault's today.
    pub collection: CollectionState,
    /// Every change, oldest first.
    pub history: Vec<ArtworkEvent>,
}

choice! {
    /// Where a held item stands against its collection date.
    pub enum CollectionState in "artworkCollection", field "collection", choose "the collection state" {
        NotDue = "not-due" => "In therapy",
        Due = "due" => "Due for collection",
        Overdue = "overdue" => "Overdue: to be disposed of",
    }
}

impl From<Collection> for CollectionState {
    fn from(c: Collection) -> Self {
        match c {
            Collection::NotDue => CollectionState::NotDue,
            Collection::Due => CollectionState::Due,
            Collection::Overdue => CollectionState::Overdue,
        }
    }
}

/// A location with the counts of what is held there.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Location {
    pub name: String,
    pub held: usize,
    pub due: usize,
    pub overdue: usize,
}

/// The most characters of an item's description.
const DESCRIPTION_MAX: usize = 2_000;

/// Records an item, placed where it is kept (when given). Its episode is the one open on
/// the day it was made; without one it is refused. Recorded as `artwork.recorded`.
pub fn add(vault: &mut Vault, code: &str, form: ArtworkForm) -> Result<Artwork> {
    let today = vault.today();
    let client_id = id_for_code(vault.conn(), code)?;
    let session_day = match form.session {
        Some(id) => Some(crate::client_ids::session_day(vault.conn(), client_id, id)?),
        None => None,
    };
    let made = parse_uk_or(session_day.unwrap_or(today), "made", "date it was made", &form.made)?;
    if made > today {
        return Err(Error::invalid("made", "The date it was made cannot be in the future."));
    }
    let episode = crate::client_ids::episode_on(vault.conn(), client_id, made)?.ok_or_else(|| {
        Error::invalid(
            "made",
            "This client had no period of therapy on that day. Check the date, or re-refer the client first.",
        )
    })?;
    let description = crate::text::typed("description", "description", &form.description, false)?;
    if description.is_empty() {
        return Err(Error::invalid("description", "Describe the piece in a few words (initials only)."));
    }
    if description.chars().count() > DESCRIPTION_MAX {
        return Err(Error::invalid("description", "The description is longer than 2,000 characters. Shorten it."));
    }
    let medium = crate::text::typed("medium", "medium", &form.medium, true)?;
    let size = crate::text::typed("size", "size", &form.size, true)?;
    let location = crate::text::typed("location", "location", &form.location, true)?;
    let item = store::NewItem { client_id, episode, session: form.session, made, medium, size, description };
    let id = vault.write(|tx| {
        let id = store::insert(tx, &item, &tx.now_utc())?;
        if !location.is_empty() {
            let place = store::location_id(tx, &location, &tx.now_utc())?;
            store::insert_event(tx, id, ArtworkChange::Placed, made, Some(place), "", &tx.now_utc())?;
        }
        tx.record(Action::ArtworkRecorded, Record::new("artwork", id))?;
        Ok(id)
    })?;
    store::one_by_id(vault.conn(), id, today, collection_months(vault)?)
}

/// The inventory (one client's, with `client`), newest first.
pub fn list(vault: &Vault, client: Option<&str>) -> Result<Vec<Artwork>> {
    let client_id = client.map(|code| id_for_code(vault.conn(), code)).transpose()?;
    store::all(vault.conn(), client_id, vault.today(), collection_months(vault)?)
}

/// One item by its reference ("ART-0007"), with its history.
pub fn show(vault: &Vault, reference: &str) -> Result<Artwork> {
    let id = store::id_for_reference(vault.conn(), reference)?;
    store::one_by_id(vault.conn(), id, vault.today(), collection_months(vault)?)
}

/// The locations named so far, with what each holds.
pub fn locations(vault: &Vault) -> Result<Vec<Location>> {
    let items = list(vault, None)?;
    let mut out: Vec<Location> = store::location_names(vault.conn())?
        .into_iter()
        .map(|name| Location { name, held: 0, due: 0, overdue: 0 })
        .collect();
    for item in items.iter().filter(|i| i.state == ArtworkState::Held) {
        if let Some(place) = out.iter_mut().find(|l| Some(&l.name) == item.location.as_ref()) {
            place.held += 1;
            match item.collection {
                CollectionState::Due => place.due += 1,
                CollectionState::Overdue => place.overdue += 1,
                CollectionState::NotDue => {}
            }
        }
    }
    Ok(out)
}

/// Moves a held item to `location` (a new name is added to the list), today unless `on`.
pub fn move_to(vault: &mut Vault, reference: &str, location: &str, on: &str) -> Result<Artwork> {
    let location = crate::text::typed("location", "location", location, true)?;
    if location.is_empty() {
        return Err(Error::invalid("location", "Say where it is now kept."));
    }
    change(vault, reference, ArtworkChange::Moved, on, &location)
}

/// Records that the client (or whoever `to_whom` names) took the item away.
pub fn return_to(vault: &mut Vault, reference: &str, on: &str, to_whom: &str) -> Result<Artwork> {
    change(vault, reference, ArtworkChange::Returned, on, to_whom)
}

/// Records that the item is kept beyond therapy with the client's written consent.
pub fn keep(vault: &mut Vault, reference: &str, on: &str, reason: &str) -> Result<Artwork> {
    change(vault, reference, ArtworkChange::Kept, on, reason)
}

/// Records how the item was disposed of confidentially ("shredded", "secure disposal at
/// the setting").
pub fn dispose(vault: &mut Vault, reference: &str, on: &str, how: &str) -> Result<Artwork> {
    change(vault, reference, ArtworkChange::Disposed, on, how)
}

/// One change to a held item: dated (today unless given, not before the last change, not
/// in the future), with what the change asks for (where, to whom, why, how).
fn change(vault: &mut Vault, reference: &str, kind: ArtworkChange, on: &str, detail: &str) -> Result<Artwork> {
    let today = vault.today();
    let id = store::id_for_reference(vault.conn(), reference)?;
    let months = collection_months(vault)?;
    let item = store::one_by_id(vault.conn(), id, today, months)?;
    if item.state != ArtworkState::Held {
        return Err(Error::invalid(
            "reference",
            format!("{} is no longer held ({}). Its history is kept as it is.", item.reference, item.state.label()),
        ));
    }
    let on = parse_uk_or(today, "on", "date", on)?;
    if on > today {
        return Err(Error::invalid("on", "The date cannot be in the future."));
    }
    let since = item.history.last().map_or(item.made, |e| e.on);
    if on < since {
        return Err(Error::invalid(
            "on",
            format!("The date is before the item's last change ({}).", crate::dates::format_uk(since)),
        ));
    }
    let (field, label, missing) = match kind {
        ArtworkChange::Returned => ("to", "who took it", "Say who took it (the client, or by role: KQ's mother)."),
        ArtworkChange::Kept => ("reason", "reason", "Say why it is kept, and that the client agreed in writing."),
        ArtworkChange::Disposed => {
            ("how", "how it was disposed of", "Say how it was disposed of, for example shredded.")
        }
        ArtworkChange::Placed | ArtworkChange::Moved => ("location", "location", "Say where it is now kept."),
    };
    let detail = crate::text::typed(field, label, detail, kind != ArtworkChange::Kept)?;
    if detail.is_empty() {
        return Err(Error::invalid(field, missing));
    }
    let action = match kind {
        ArtworkChange::Placed | ArtworkChange::Moved => Action::ArtworkMoved,
        ArtworkChange::Returned => Action::ArtworkReturned,
        ArtworkChange::Kept => Action::ArtworkKept,
        ArtworkChange::Disposed => Action::ArtworkDisposed,
    };
    vault.write(|tx| {
        let now = tx.now_utc();
        match kind {
            ArtworkChange::Placed | ArtworkChange::Moved => {
                let place = store::location_id(tx, &detail, &now)?;
                store::insert_event(tx, id, kind, on, Some(place), "", &now)?;
            }
            _ => store::insert_event(tx, id, kind, on, None, &detail, &now)?,
        }
        tx.record(action, Record::new("artwork", id))
    })?;
    store::one_by_id(vault.conn(), id, today, months)
}

const COLLECTION_MONTHS_SETTING: &str = "artwork.collection_months";

/// How many months after therapy ends a client's artwork is kept for collection (seed 001:
/// two). Once the practice has a retention policy this is its artwork rule (one rule, in
/// one place: `retention`); before, a setting.
pub fn collection_months(vault: &Vault) -> Result<u32> {
    if let Some(policy) = crate::retention::policy(vault)? {
        if let Some(months) = crate::retention::months_after_end(&policy.artwork) {
            return Ok(months);
        }
    }
    Ok(crate::db::setting(vault.conn(), COLLECTION_MONTHS_SETTING)?
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|m| (1..=24).contains(m))
        .unwrap_or(rules::DEFAULT_COLLECTION_MONTHS))
}

/// Sets the collection period (1 to 24 months), as typed: the retention policy's artwork
/// rule once there is a policy, else the setting.
pub fn set_collection_months(vault: &mut Vault, typed: &str) -> Result<u32> {
    let months: u32 = typed
        .trim()
        .parse()
        .ok()
        .filter(|m| (1..=24).contains(m))
        .ok_or_else(|| Error::invalid("collectionMonths", "Enter a number of months from 1 to 24."))?;
    if let Some(policy) = crate::retention::policy(vault)? {
        let rule = crate::retention::Rule {
            cases: vec![crate::retention::Case {
                when: crate::retention::When::Always,
                terms: vec![crate::retention::Term { anchor: crate::retention::Anchor::End, years: 0, months }],
            }],
        };
        // Saving the period already in force changes nothing and logs no change of policy.
        if policy.artwork != rule {
            crate::retention::set_rule(vault, crate::retention::Category::Artwork, rule)?;
        }
        return Ok(months);
    }
    vault.write(|tx| {
        crate::db::put_setting(tx, COLLECTION_MONTHS_SETTING, &months.to_string())?;
        tx.record(Action::SettingChanged, Record::new("setting", COLLECTION_MONTHS_SETTING))
    })?;
    Ok(months)
}
