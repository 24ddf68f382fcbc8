//! Destruction: a reviewed action. The therapist sees what is due today and not on hold
//! ([`preview`]: codes, categories, counts and references, never content), confirms it with
//! the password ([`confirm`]), and the batch waits a grace period (the setting
//! `retention.grace_days`, 14 days unless changed, 0 to 90) in which it can be cancelled
//! ([`cancel`]). Then the next unlock to change the vault runs it ([`run_due`]): each entry
//! is checked again (a hold placed since, a record added since, keep it), the data is
//! deleted in one audited change (rows, note history, the notes' search entries, attachment
//! chunks; `secure_delete` zeroes what is freed and the index deletes with FTS5's
//! `secure-delete`), a minimal destruction record is left, and the WAL is checkpointed and
//! emptied so that no older copy of a page remains.
//!
//! A client's record goes with everything of the client, and only when every record of
//! the client may go: a safeguarding log kept longer, or a letter written later, keeps the
//! client (the items that are due still go on their own).

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;

use super::erase::{self, Counts};
use super::overview::CategoryCount;
use super::{rules, status_on, store, Category, Entry, RetentionState};
use crate::audit::Action;
use crate::dates::format_uk;
use crate::pdf_font::{text_pages, Confidential, TextLine};
use crate::vault::Record;
use crate::{Error, Password, Result, Vault};

/// The grace period when none is set (days).
pub const DEFAULT_GRACE_DAYS: u32 = 14;
/// The longest grace period (days).
pub const MAX_GRACE_DAYS: u32 = 90;
const GRACE_SETTING: &str = "retention.grace_days";

/// One record due for destruction: its category, its reference (None for the client
/// record and the safeguarding log) and the rule applied, in words.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DueItem {
    pub category: Category,
    pub item: Option<String>,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub due_on: NaiveDate,
    pub rule: String,
}

/// What goes of one client: everything (`whole`, the client record is due and so is every
/// other record of the client) or the items listed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClientDue {
    pub client: String,
    pub whole: bool,
    /// How many records of each category go (the client record counts 1).
    pub counts: Vec<CategoryCount>,
    pub items: Vec<DueItem>,
}

/// A client whose record is due but is kept for now, and why.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Waiting {
    pub client: String,
    pub reason: String,
}

/// What is due for destruction today and not on hold or already confirmed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Preview {
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub today: NaiveDate,
    pub grace_days: u32,
    /// The day a batch confirmed today would run.
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub runs_on: NaiveDate,
    pub clients: Vec<ClientDue>,
    pub waiting: Vec<Waiting>,
    /// What the therapist must do outside the vault first, in words (artwork still held in
    /// the cabinet: destroying its record does not dispose of the piece).
    pub reminders: Vec<String>,
}

/// Where a confirmed batch stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum BatchState {
    Pending,
    Cancelled,
    Done,
}

/// A confirmed batch.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Destruction {
    pub id: i64,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub confirmed_on: NaiveDate,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub runs_on: NaiveDate,
    pub state: BatchState,
    /// The day it was cancelled or ran.
    #[serde(with = "crate::dates::uk_opt")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub ended_on: Option<NaiveDate>,
    pub clients: Vec<ClientDue>,
}

/// One category of what was destroyed of a client.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Destroyed {
    pub category: Category,
    pub count: usize,
    /// The latest due date among them (each was due).
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub due_on: NaiveDate,
    pub rule: String,
}

/// What remains of a client's destroyed records: the code, the categories and counts, the
/// rule and due date applied, the day. Nothing else.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DestructionRecord {
    pub id: i64,
    pub batch: i64,
    pub client: String,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub destroyed_on: NaiveDate,
    pub categories: Vec<Destroyed>,
}

/// The grace period in days.
pub fn grace_days(vault: &Vault) -> Result<u32> {
    Ok(crate::db::setting(vault.conn(), GRACE_SETTING)?
        .and_then(|v| v.parse::<u32>().ok())
        .filter(|d| *d <= MAX_GRACE_DAYS)
        .unwrap_or(DEFAULT_GRACE_DAYS))
}

/// Sets the grace period (0 to 90 days), as typed.
pub fn set_grace_days(vault: &mut Vault, typed: &str) -> Result<u32> {
    let days: u32 = typed
        .trim()
        .parse()
        .ok()
        .filter(|d| *d <= MAX_GRACE_DAYS)
        .ok_or_else(|| Error::invalid("graceDays", "Enter a number of days from 0 to 90."))?;
    vault.write(|tx| {
        crate::db::put_setting(tx, GRACE_SETTING, &days.to_string())?;
        tx.record(Action::SettingChanged, Record::new("setting", GRACE_SETTING))
    })?;
    Ok(days)
}

/// What is due for destruction today, not on hold and not already confirmed. Reads only.
pub fn preview(vault: &Vault) -> Result<Preview> {
    let today = vault.today();
    let grace = grace_days(vault)?;
    let (clients, waiting) = due_on(vault, today)?;
    let reminders = reminders(&clients);
    Ok(Preview {
        today,
        grace_days: grace,
        runs_on: today + chrono::Days::new(u64::from(grace)),
        clients,
        waiting,
        reminders,
    })
}

/// Confirms today's preview as a batch that runs after the grace period. The password is
/// asked again (a reviewed action). Recorded as `retention.destruction_confirmed`, naming
/// the batch only.
pub fn confirm(vault: &mut Vault, password: &Password) -> Result<Destruction> {
    vault.check_password(password)?;
    let preview = preview(vault)?;
    if preview.clients.is_empty() {
        return Err(Error::invalid("due", "Nothing is due for destruction today: there is nothing to confirm."));
    }
    let id = vault.write(|tx| {
        let id = erase::insert_batch(tx, preview.today, preview.runs_on, &tx.now_utc())?;
        for client in &preview.clients {
            for item in &client.items {
                erase::insert_entry(tx, id, &client.client, item)?;
            }
        }
        tx.record(Action::RetentionDestructionConfirmed, Record::new("destruction_batch", id))?;
        Ok(id)
    })?;
    batch(vault, id)
}

/// Every confirmed batch, newest first (pending, cancelled and done).
pub fn pending(vault: &Vault) -> Result<Vec<Destruction>> {
    erase::batches(vault.conn())?.into_iter().rev().map(|b| view(vault, b)).collect()
}

/// One batch.
pub fn batch(vault: &Vault, id: i64) -> Result<Destruction> {
    let row = erase::batches(vault.conn())?.into_iter().find(|b| b.id == id).ok_or_else(|| {
        Error::invalid("id", "There is no destruction with that number: see `folio destroy pending`.")
    })?;
    view(vault, row)
}

/// Cancels a pending batch (today). Recorded as `retention.destruction_cancelled`.
pub fn cancel(vault: &mut Vault, id: i64) -> Result<Destruction> {
    let current = batch(vault, id)?;
    if current.state != BatchState::Pending {
        return Err(Error::invalid("id", "This destruction is no longer pending: it was cancelled or has run."));
    }
    let today = vault.today();
    vault.write(|tx| {
        erase::insert_cancellation(tx, id, today, &tx.now_utc())?;
        tx.record(Action::RetentionDestructionCancelled, Record::new("destruction_batch", id))
    })?;
    batch(vault, id)
}

/// Every destruction record, oldest first.
pub fn records(vault: &Vault) -> Result<Vec<DestructionRecord>> {
    erase::records(vault.conn())
}

/// Runs what is due at an unlock ([`run_due`]) and says what happened, in words for the
/// therapist; None when nothing was due. It never fails: a destruction that cannot run is
/// reported and tried again at the next unlock, and the vault opens regardless (it is
/// never kept from the therapist).
pub fn run_at_unlock(vault: &mut Vault) -> Option<String> {
    match run_due(vault) {
        Ok(done) if done.is_empty() => None,
        Ok(done) => Some(format!(
            "As confirmed earlier, the records due for destruction were destroyed ({} {}). A destruction record of each remains, with its certificate: under Retention, Destroyed (or folio destroy records).",
            done.len(),
            if done.len() == 1 { "client" } else { "clients" }
        )),
        Err(e) => Some(format!(
            "The destruction confirmed earlier could not run ({e}). Nothing was destroyed; it will be tried again the next time the vault is unlocked."
        )),
    }
}

/// Runs every pending batch whose day has come: called when the vault is unlocked to change
/// it (never by a reader). Each entry is checked again today; what is no longer due (a hold,
/// a new record of the client) is left. Recorded as `retention.destroyed` per batch; then
/// the WAL is checkpointed and emptied. Returns what was destroyed.
pub fn run_due(vault: &mut Vault) -> Result<Vec<DestructionRecord>> {
    if vault.is_read_only() {
        return Ok(Vec::new());
    }
    let today = vault.today();
    let due: Vec<erase::BatchRow> = erase::batches(vault.conn())?
        .into_iter()
        .filter(|b| b.state == BatchState::Pending && b.runs_on <= today)
        .collect();
    if due.is_empty() {
        return Ok(Vec::new());
    }
    let mut done = Vec::new();
    for batch in due {
        let now = by_client(status_on(vault, None, today)?);
        let mut plans = Vec::new();
        for (code, items) in group(erase::entries(vault.conn(), batch.id)?) {
            let Some(current) = now.get(&code) else { continue };
            let pending = |i: &DueItem| {
                current.iter().any(|e| {
                    e.category == i.category && e.item == i.item && e.state == RetentionState::DestructionPending
                })
            };
            let whole = items.iter().any(|i| i.category == Category::ClientRecord && i.item.is_none());
            let everything_may_go = current.iter().all(|e| e.state == RetentionState::DestructionPending);
            let kept: Vec<DueItem> = if whole && everything_may_go {
                items.clone()
            } else {
                let chosen = items.iter().filter(|i| i.item.is_some() && pending(i)).cloned().collect();
                with_their_photos(chosen, &erase::photos_of_pieces(vault.conn(), &code)?).0
            };
            if !kept.is_empty() {
                plans.push((code, whole && everything_may_go, kept));
            }
        }
        let records = vault.write(|tx| {
            let mut ids = Vec::new();
            for (code, whole, items) in &plans {
                let counts = if *whole { erase::whole_client(tx, code)? } else { erase::items(tx, code, items)? };
                let categories = destroyed(&counts, items);
                ids.push(erase::insert_record(tx, batch.id, code, &categories, today, &tx.now_utc())?);
            }
            erase::insert_run(tx, batch.id, today, &tx.now_utc())?;
            tx.record(Action::RetentionDestroyed, Record::new("destruction_batch", batch.id))?;
            Ok(ids)
        })?;
        let all = erase::records(vault.conn())?;
        done.extend(all.into_iter().filter(|r| records.contains(&r.id)));
    }
    vault.checkpoint_truncate()?;
    Ok(done)
}

/// A destruction certificate: a PDF marked confidential for `for_whom`, listing the code,
/// each category with its count, the rule and due date applied, and the day destroyed. No
/// name, no content.
pub fn destruction_certificate_pdf(vault: &Vault, record_id: i64, for_whom: &str) -> Result<Vec<u8>> {
    let for_whom = crate::text::typed("forWhom", "who it is for", for_whom, true)?;
    if for_whom.is_empty() {
        return Err(Error::invalid("forWhom", "Say who the certificate is for (the practice's records, an auditor)."));
    }
    let record = records(vault)?.into_iter().find(|r| r.id == record_id).ok_or_else(|| {
        Error::invalid("id", "There is no destruction record with that number: see `folio destroy records`.")
    })?;
    let practice = vault.practice_name()?;
    let mut lines = Vec::new();
    let mut y = 255.0;
    let mut line = |bold: bool, size: f32, text: String, gap: f32| {
        lines.push(TextLine { x_mm: 25.0, y_mm: y, size, bold, text });
        y -= gap;
    };
    line(true, 16.0, "Certificate of destruction".into(), 10.0);
    line(false, 11.0, practice, 6.0);
    line(false, 11.0, format!("Destruction record {} (batch {})", record.id, record.batch), 6.0);
    line(false, 11.0, format!("Client code: {}", record.client), 6.0);
    line(false, 11.0, format!("Destroyed on: {}", format_uk(record.destroyed_on)), 10.0);
    for c in &record.categories {
        line(true, 11.0, format!("{}: {}", c.category.label(), records_word(c.count)), 6.0);
        let words =
            crate::pdf_font::wrap(&format!("Due for destruction on {}. Rule: {}.", format_uk(c.due_on), c.rule), 85);
        let last = words.len().saturating_sub(1);
        for (i, text) in words.into_iter().enumerate() {
            line(false, 10.0, text, if i == last { 8.0 } else { 5.0 });
        }
    }
    line(false, 10.0, "The records were deleted from the vault file and the space they held overwritten.".into(), 6.0);
    line(false, 10.0, "This certificate holds no name and no content of the records.".into(), 6.0);
    text_pages(&Confidential { for_whom: &for_whom }, &[lines])
}

/// Saves a destruction certificate into `folder` (chosen in the app's picker; never
/// overwriting a file); returns its path.
pub fn save_certificate(
    vault: &Vault,
    record_id: i64,
    for_whom: &str,
    folder: &std::path::Path,
) -> Result<std::path::PathBuf> {
    let bytes = destruction_certificate_pdf(vault, record_id, for_whom)?;
    crate::reports::save_new_file(folder, &format!("Destruction certificate {record_id}"), "pdf", &bytes)
}

/// Pieces of artwork still held are physical: their records going does not dispose of them,
/// and once the records are gone nothing says whose they were. So the review says to return
/// or dispose of them first, and record it.
fn reminders(clients: &[ClientDue]) -> Vec<String> {
    let held: Vec<&str> = clients
        .iter()
        .flat_map(|c| &c.items)
        .filter(|i| i.category == Category::Artwork)
        .filter_map(|i| i.item.as_deref())
        .collect();
    if held.is_empty() {
        return Vec::new();
    }
    let pieces = if held.len() == 1 {
        "1 piece of artwork is".to_string()
    } else {
        format!("{} pieces of artwork are", held.len())
    };
    vec![format!(
        "{pieces} still held ({}): destroying the records does not dispose of the pieces. Return each to the client or dispose of it first, and record it on the Artwork screen (folio artwork return or dispose), so nothing is left in the cabinet that no record explains.",
        held.join(", ")
    )]
}

fn records_word(n: usize) -> String {
    if n == 1 {
        "1 record".into()
    } else {
        format!("{n} records")
    }
}

/// The keys of every entry of a pending batch: status shows them `destruction-pending`.
pub(super) fn pending_keys(conn: &rusqlite::Connection) -> Result<HashSet<(String, Category, Option<String>)>> {
    erase::pending_keys(conn)
}

fn due_on(vault: &Vault, today: NaiveDate) -> Result<(Vec<ClientDue>, Vec<Waiting>)> {
    let Some(policy) = store::policy(vault.conn())? else { return Ok((Vec::new(), Vec::new())) };
    let rule = |c: Category| rules::rule_words(policy.rule(c));
    let mut clients = Vec::new();
    let mut waiting = Vec::new();
    for (code, entries) in by_client(status_on(vault, None, today)?) {
        let due: Vec<&Entry> = entries.iter().filter(|e| e.state == RetentionState::Due).collect();
        if due.is_empty() {
            continue;
        }
        let item_of = |e: &Entry| {
            e.due_on.map(|on| DueItem {
                category: e.category,
                item: e.item.clone(),
                due_on: on,
                rule: rule(e.category),
            })
        };
        let record_due = due.iter().any(|e| e.category == Category::ClientRecord);
        let ready = entries.iter().all(|e| matches!(e.state, RetentionState::Due | RetentionState::DestructionPending));
        let whole = record_due && ready;
        let mut items: Vec<DueItem> =
            due.iter().filter(|e| whole || e.item.is_some()).filter_map(|e| item_of(e)).collect();
        if !whole && due.iter().any(|e| e.item.is_none()) {
            waiting.push(Waiting {
                client: code.clone(),
                reason: "The client record waits until every record of the client may be destroyed.".into(),
            });
        }
        if !whole {
            let (going, pieces) = with_their_photos(items, &erase::photos_of_pieces(vault.conn(), &code)?);
            items = going;
            for piece in pieces {
                waiting.push(Waiting {
                    client: code.clone(),
                    reason: format!("{piece} waits until every photo of it may be destroyed too."),
                });
            }
        }
        if items.is_empty() {
            continue;
        }
        let counts = if whole { erase::client_counts(vault.conn(), &code)? } else { Counts::of_items(&items) };
        clients.push(ClientDue { client: code, whole, counts: counts.list(), items });
    }
    Ok((clients, waiting))
}

/// The items that may go without the rest of the client: a piece of artwork only with every
/// photo of it listed too (a photo is a record of its own, kept by its own rule, usually with
/// the client record), so nothing goes that the review did not list. Returns those items
/// and the references of the pieces left waiting.
fn with_their_photos(items: Vec<DueItem>, photos: &BTreeMap<String, Vec<String>>) -> (Vec<DueItem>, Vec<String>) {
    let listed = |id: &String| items.iter().any(|i| i.category == Category::Media && i.item.as_ref() == Some(id));
    let mut waiting = Vec::new();
    let going = items
        .iter()
        .filter(|i| match i.item.as_ref().filter(|_| i.category == Category::Artwork) {
            Some(piece) if !photos.get(piece).into_iter().flatten().all(listed) => {
                waiting.push(piece.clone());
                false
            }
            _ => true,
        })
        .cloned()
        .collect();
    (going, waiting)
}

fn view(vault: &Vault, row: erase::BatchRow) -> Result<Destruction> {
    let mut clients = Vec::new();
    for (code, items) in group(erase::entries(vault.conn(), row.id)?) {
        let whole = items.iter().any(|i| i.category == Category::ClientRecord);
        let counts = if whole && row.state == BatchState::Pending {
            erase::client_counts(vault.conn(), &code)?
        } else {
            Counts::of_items(&items)
        };
        clients.push(ClientDue { client: code, whole, counts: counts.list(), items });
    }
    Ok(Destruction {
        id: row.id,
        confirmed_on: row.confirmed_on,
        runs_on: row.runs_on,
        state: row.state,
        ended_on: row.ended_on,
        clients,
    })
}

fn destroyed(counts: &Counts, items: &[DueItem]) -> Vec<Destroyed> {
    counts
        .list()
        .into_iter()
        .map(|c| {
            let of: Vec<&DueItem> = items.iter().filter(|i| i.category == c.category).collect();
            let fallback = items.iter().find(|i| i.category == Category::ClientRecord);
            let latest = of.iter().map(|i| i.due_on).max().or(fallback.map(|i| i.due_on)).unwrap_or_default();
            let rule = of.first().or(fallback.as_ref()).map(|i| i.rule.clone()).unwrap_or_default();
            Destroyed { category: c.category, count: c.count, due_on: latest, rule }
        })
        .collect()
}

fn by_client(entries: Vec<Entry>) -> BTreeMap<String, Vec<Entry>> {
    let mut out: BTreeMap<String, Vec<Entry>> = BTreeMap::new();
    for e in entries {
        out.entry(e.client.clone()).or_default().push(e);
    }
    out
}

fn group(entries: Vec<(String, DueItem)>) -> Vec<(String, Vec<DueItem>)> {
    let mut order: Vec<String> = Vec::new();
    let mut map: HashMap<String, Vec<DueItem>> = HashMap::new();
    for (code, item) in entries {
        if !map.contains_key(&code) {
            order.push(code.clone());
        }
        map.entry(code).or_default().push(item);
    }
    order.into_iter().filter_map(|c| map.remove(&c).map(|items| (c, items))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn due(category: Category, item: Option<&str>) -> DueItem {
        DueItem { category, item: item.map(String::from), due_on: NaiveDate::MIN, rule: String::new() }
    }

    #[test]
    fn the_review_says_to_dispose_of_artwork_still_held_first() {
        let client = |items| ClientDue { client: "AB-0001".into(), whole: true, counts: Vec::new(), items };
        assert!(reminders(&[client(vec![
            due(Category::ClientRecord, None),
            due(Category::Correspondence, Some("3"))
        ])])
        .is_empty());
        let told = reminders(&[
            client(vec![due(Category::ClientRecord, None), due(Category::Artwork, Some("ART-0001"))]),
            client(vec![due(Category::Artwork, Some("ART-0009"))]),
        ]);
        assert_eq!(told.len(), 1);
        assert!(told[0].starts_with("2 pieces of artwork are still held (ART-0001, ART-0009)"), "{}", told[0]);
    }
}
