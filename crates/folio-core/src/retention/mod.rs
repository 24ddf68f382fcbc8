//! Retention: how long each record is kept, per the practice's policy, and where every
//! client's records stand against it. Seeds 000, 001 and 003 give the periods; they differ
//! from practice to practice, so each is a preset of one engine ([`rules`]), chosen at
//! vault creation or in settings, and every rule may be edited, as data or in its short
//! text form ([`rule_text`]); each change is kept with the old and new policy and says
//! which rules changed. A legal hold (a complaint, a claim, an inquiry) stops destruction
//! of a client's records without moving any date; an open complaint holds its client by
//! itself.

pub mod destroy;
mod erase;
mod overview;
mod presets;
pub mod rule_text;
pub mod rules;
mod store;

use chrono::NaiveDate;

pub use self::destroy::{
    batch, cancel, confirm, destruction_certificate_pdf, pending, preview, records, run_at_unlock, run_due,
    save_certificate, BatchState, ClientDue, Destroyed, Destruction, DestructionRecord, DueItem, Preview, Waiting,
};
pub use self::erase::CLIENT_TABLES;
pub use self::overview::{overview, CategoryCount, Group, Overview};
pub use self::presets::{preset, Policy, Preset, PRESETS};
pub use self::rules::{Anchor, Case, Category, Countdown, Facts, Rule, Term, When};

use self::rule_text::MAX_YEARS;
use crate::audit::Action;
use crate::choices::choice;
use crate::client_ids::id_for_code;
use crate::dates::{format_uk, parse_uk_or};
use crate::vault::Record;
use crate::{Error, Result, Vault};

choice! {
    /// Where a record stands on a day.
    pub enum RetentionState in "retentionState", field "state", choose "the state" {
        InTherapy = "in-therapy" => "In therapy",
        NeedsInformation = "needs-information" => "Needs information",
        Kept = "kept" => "Kept",
        Due = "due" => "Due for destruction",
        OnHold = "on-hold" => "On hold",
        DestructionPending = "destruction-pending" => "Destruction pending",
    }
}

/// One client's category, or one record of it, against the policy on a day.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Entry {
    /// The client's code.
    pub client: String,
    pub category: Category,
    /// None for the client record and safeguarding; the correspondence id, the artwork
    /// reference or the media id otherwise.
    pub item: Option<String>,
    pub state: RetentionState,
    /// The first day it may be destroyed ("kept until"); None only in therapy or when
    /// information is missing.
    #[serde(with = "crate::dates::uk_opt")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub due_on: Option<NaiveDate>,
    /// Why, in words.
    pub reason: String,
}

/// The presets, with their ids and sources.
pub fn presets() -> &'static [Preset] {
    PRESETS
}

/// The policy in force, or none chosen yet.
pub fn policy(vault: &Vault) -> Result<Option<Policy>> {
    store::policy(vault.conn())
}

/// The policy as the therapist reads it: the preset it started from and each rule in words.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicyView {
    pub preset: String,
    /// The preset's name ("NHS Records Management Code of Practice").
    pub name: String,
    /// Whether any rule differs from the preset's.
    pub edited: bool,
    pub rules: Vec<RuleLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RuleLine {
    pub category: Category,
    /// "A child at the end of therapy: the later of the 21st birthday and 5 years after the
    /// end of therapy; an adult at the end of therapy: 5 years after the end of therapy".
    pub words: String,
    /// The rule's cases as written to change it (`child: birth+21y, end+5y`), one a line.
    pub cases: Vec<String>,
}

/// The policy in force in words, or none chosen yet.
pub fn policy_view(vault: &Vault) -> Result<Option<PolicyView>> {
    Ok(policy(vault)?.map(|p| view_of(&p)))
}

pub fn view_of(p: &Policy) -> PolicyView {
    let original = preset(&p.preset);
    PolicyView {
        preset: p.preset.clone(),
        name: PRESETS.iter().find(|x| x.id == p.preset).map_or(p.preset.clone(), |x| x.name.to_string()),
        edited: original.as_ref() != Some(p),
        rules: Category::ALL
            .iter()
            .map(|c| RuleLine {
                category: *c,
                words: rules::rule_words(p.rule(*c)),
                cases: rule_text::rule_text(p.rule(*c)),
            })
            .collect(),
    }
}

/// Chooses a preset as the practice's policy (replacing any edits). Recorded, with the old
/// and new policy, as `retention.policy_changed`.
pub fn set_preset(vault: &mut Vault, id: &str) -> Result<Policy> {
    let new = check_preset(id)?;
    change_policy(vault, new)
}

/// The preset's policy, or a message naming every preset.
pub fn check_preset(id: &str) -> Result<Policy> {
    preset(id.trim().to_lowercase().as_str()).ok_or_else(|| {
        Error::invalid(
            "preset",
            format!(
                "There is no retention preset of that name. Choose one of: {}.",
                PRESETS.iter().map(|p| p.id).collect::<Vec<_>>().join(", ")
            ),
        )
    })
}

/// Replaces one category's rule (the practice's own policy differs from its preset).
/// Refused when it is the rule already in force: a change of policy is never a no-op.
pub fn set_rule(vault: &mut Vault, category: Category, rule: Rule) -> Result<Policy> {
    let mut policy = policy(vault)?
        .ok_or_else(|| Error::invalid("preset", "Choose a retention policy first; then change any of its rules."))?;
    if rule.cases.is_empty() || rule.cases.iter().any(|c| c.terms.is_empty()) {
        return Err(Error::invalid("rule", "Give the rule at least one case, each with at least one period."));
    }
    let too_long = |t: &Term| t.years > MAX_YEARS || t.months > MAX_YEARS * 12;
    if rule.cases.iter().flat_map(|c| &c.terms).any(too_long) {
        return Err(Error::invalid("rule", "A period can be at most 100 years."));
    }
    let follows_itself = category == Category::ClientRecord
        && rule.cases.iter().flat_map(|c| &c.terms).any(|t| t.anchor == Anchor::ClientRecord);
    if follows_itself {
        return Err(Error::invalid("rule", "The client record's rule cannot count from the client record's own date."));
    }
    if let Some(unused) = rules::never_applies(&rule) {
        return Err(Error::invalid(
            "rule",
            format!(
                "The case \"{}\" would never apply: every client it covers is covered by a case before it. Put it earlier, or leave it out.",
                rule_text::case_text(unused)
            ),
        ));
    }
    if *policy.rule(category) == rule {
        return Err(Error::invalid(
            "rule",
            format!("That is already the rule for {}: nothing changed.", category.label().to_lowercase()),
        ));
    }
    *policy.rule_mut(category) = rule;
    change_policy(vault, policy)
}

/// Replaces one category's rule as typed: the category's id (`client-record`) and the text
/// of each case in order (`child: birth+25y, end+7y`; see [`rule_text`]). Returns the
/// category and the policy now in force.
pub fn set_rule_text<S: AsRef<str>>(vault: &mut Vault, category: &str, cases: &[S]) -> Result<(Category, Policy)> {
    let category = Category::parse(category).map_err(|_| {
        Error::invalid(
            "category",
            format!(
                "There is no retention category of that name. Write one of: {}.",
                Category::ALL.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
            ),
        )
    })?;
    let rule = rule_text::parse_rule(cases)?;
    Ok((category, set_rule(vault, category, rule)?))
}

/// A rule as written (the cases, one a line) in words, to check it before saving; or what
/// to fix in it. Changes nothing.
pub fn describe_rule_text<S: AsRef<str>>(cases: &[S]) -> Result<String> {
    Ok(rules::rule_words(&rule_text::parse_rule(cases)?))
}

fn change_policy(vault: &mut Vault, new: Policy) -> Result<Policy> {
    let old = policy(vault)?;
    vault.write(|tx| {
        let id = store::insert_change(tx, old.as_ref(), &new, &tx.now_utc())?;
        tx.record(Action::RetentionPolicyChanged, Record::new("retention_policy", id))
    })?;
    Ok(new)
}

/// A change of policy as the log shows it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicyChange {
    pub id: i64,
    /// When (UTC, RFC 3339).
    pub at: String,
    /// When, as the therapist reads it ("22/11/2026 10:42", local time).
    pub at_text: String,
    pub old: Option<Policy>,
    pub new: Policy,
    /// Each category whose rule differs between the two (every one when a policy is first
    /// chosen), in words.
    pub changed: Vec<RuleChange>,
}

/// One category's rule before and after a change of policy, in words.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RuleChange {
    pub category: Category,
    /// None when no policy was in force before.
    pub old: Option<String>,
    pub new: String,
}

/// The categories whose rule differs from `old` to `new`, in words.
pub fn rule_changes(old: Option<&Policy>, new: &Policy) -> Vec<RuleChange> {
    Category::ALL
        .iter()
        .filter(|c| old.map(|o| o.rule(**c)) != Some(new.rule(**c)))
        .map(|c| RuleChange {
            category: *c,
            old: old.map(|o| rules::rule_words(o.rule(*c))),
            new: rules::rule_words(new.rule(*c)),
        })
        .collect()
}

/// Every change of policy, oldest first.
pub fn changes(vault: &Vault) -> Result<Vec<PolicyChange>> {
    let parse = |j: &str| -> Result<Policy> {
        serde_json::from_str(j).map_err(|e| Error::db_damaged(format!("a retention policy change: {e}")))
    };
    store::changes(vault.conn())?
        .into_iter()
        .map(|(id, old, new, at)| {
            let (old, new) = (old.as_deref().map(parse).transpose()?, parse(&new)?);
            let at_text = crate::dates::format_uk_timestamp(&at);
            Ok(PolicyChange { id, at, at_text, changed: rule_changes(old.as_ref(), &new), old, new })
        })
        .collect()
}

/// A legal hold on a client's records.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Hold {
    pub id: i64,
    pub client: String,
    pub reason: String,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub placed_on: NaiveDate,
    #[serde(with = "crate::dates::uk_opt")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub released_on: Option<NaiveDate>,
}

fn hold_of(row: store::HoldRow) -> Hold {
    Hold { id: row.id, client: row.code, reason: row.reason, placed_on: row.placed_on, released_on: row.released_on }
}

/// Every hold (one client's, with `client`), oldest first.
pub fn holds(vault: &Vault, client: Option<&str>) -> Result<Vec<Hold>> {
    let client_id = client.map(|c| id_for_code(vault.conn(), c)).transpose()?;
    Ok(store::holds(vault.conn(), client_id)?.into_iter().map(hold_of).collect())
}

/// Places a legal hold on the client's records (today), with the reason: a complaint, a
/// claim, an inquiry. Recorded as `retention.hold_placed`.
pub fn hold(vault: &mut Vault, code: &str, reason: &str) -> Result<Hold> {
    let client_id = id_for_code(vault.conn(), code)?;
    let reason = crate::text::typed("reason", "reason", reason, false)?;
    if reason.is_empty() {
        return Err(Error::invalid("reason", "Say why the records are held: a complaint, a claim or an inquiry."));
    }
    if store::holds(vault.conn(), Some(client_id))?.iter().any(|h| h.released_on.is_none()) {
        return Err(Error::invalid("code", "This client's records are already on hold."));
    }
    let today = vault.today();
    let id = vault.write(|tx| {
        let id = store::insert_hold(tx, client_id, &reason, today, &tx.now_utc())?;
        tx.record(Action::RetentionHoldPlaced, Record::new("retention_hold", id))?;
        Ok(id)
    })?;
    holds(vault, Some(code))?.into_iter().find(|h| h.id == id).ok_or_else(|| Error::Internal("the new hold".into()))
}

/// Lifts the client's hold (today). Refused while a complaint about the client is open:
/// that holds the records by itself. Recorded as `retention.hold_released`.
pub fn release(vault: &mut Vault, code: &str) -> Result<Hold> {
    let client_id = id_for_code(vault.conn(), code)?;
    if crate::complaints::open_for_client_id(vault.conn(), client_id)? {
        return Err(Error::invalid(
            "code",
            "A complaint about this client is open: the records stay on hold until it is closed.",
        ));
    }
    let open = store::holds(vault.conn(), Some(client_id))?
        .into_iter()
        .find(|h| h.released_on.is_none())
        .ok_or_else(|| Error::invalid("code", "This client's records are not on hold."))?;
    let today = vault.today();
    vault.write(|tx| {
        store::insert_release(tx, open.id, today, &tx.now_utc())?;
        tx.record(Action::RetentionHoldReleased, Record::new("retention_hold", open.id))
    })?;
    holds(vault, Some(code))?.into_iter().find(|h| h.id == open.id).ok_or_else(|| Error::Internal("the hold".into()))
}

/// Where every client's records (one client's, with `client`) stand on `as_of`
/// (dd/mm/yyyy; empty is today): one entry per client and category, and per item for
/// correspondence, artwork and media. Reading only; `as_of` changes nothing.
pub fn status(vault: &Vault, as_of: &str, client: Option<&str>) -> Result<Vec<Entry>> {
    let as_of = parse_uk_or(vault.today(), "asOf", "date to check on", as_of)?;
    let client_id = client.map(|c| id_for_code(vault.conn(), c)).transpose()?;
    status_on(vault, client_id, as_of)
}

/// One client's entries today (the client record shows "kept until" from these).
pub fn client_status(vault: &Vault, code: &str) -> Result<Vec<Entry>> {
    let client_id = id_for_code(vault.conn(), code)?;
    status_on(vault, Some(client_id), vault.today())
}

pub(crate) fn status_on(vault: &Vault, only: Option<i64>, as_of: NaiveDate) -> Result<Vec<Entry>> {
    let conn = vault.conn();
    let policy = store::policy(conn)?;
    let clients = store::clients(conn)?;
    let letters = store::correspondence(conn)?;
    let media = store::media(conn)?;
    let pending = destroy::pending_keys(conn)?;
    let held_holds: std::collections::HashMap<i64, store::HoldRow> =
        store::holds(conn, only)?.into_iter().filter(|h| h.released_on.is_none()).map(|h| (h.client_id, h)).collect();
    let mut artwork: std::collections::HashMap<String, Vec<String>> = std::collections::HashMap::new();
    for piece in
        crate::artwork::list(vault, None)?.into_iter().filter(|a| a.state == crate::artwork::ArtworkState::Held)
    {
        artwork.entry(piece.client).or_default().push(piece.reference);
    }
    let mut out = Vec::new();
    for client in clients.iter().filter(|c| only.is_none_or(|id| id == c.id)) {
        let hold =
            held_holds.get(&client.id).map(|h| format!("On hold since {}: {}", format_uk(h.placed_on), h.reason));
        let hold = hold.or_else(|| {
            client.open_complaint.then(|| "On hold while a complaint about this client is open".to_string())
        });
        let base =
            Facts { end: client.end, birth: client.birth, safeguarding: client.safeguarding, ..Facts::default() };
        let entry = |category: Category, item: Option<String>, countdown: &Countdown| {
            let key = (client.code.clone(), category, item.clone());
            let e = entry_of(&client.code, category, item, countdown, hold.as_deref(), as_of);
            if e.state == RetentionState::Due && pending.contains(&key) {
                let reason = format!("Destruction confirmed; it runs after the grace period. {}", e.reason);
                return Entry { state: RetentionState::DestructionPending, reason, ..e };
            }
            e
        };
        let Some(policy) = policy.as_ref() else {
            let none = Countdown::NeedsInformation("choose a retention policy");
            out.push(entry(Category::ClientRecord, None, &none));
            continue;
        };
        let record = rules::countdown(&policy.client_record, &base);
        out.push(entry(Category::ClientRecord, None, &record));
        let record_due = match &record {
            Countdown::Due { on, .. } => Some(*on),
            _ => None,
        };
        let follows = |own: Option<NaiveDate>| Facts { own, client_record: record_due, ..base };
        // A rule that counts from the client record waits on it.
        let counted = |rule: &Rule, facts: Facts| match (&record, uses_record(rule)) {
            (Countdown::InTherapy | Countdown::NeedsInformation(_), true) => record.clone(),
            _ => rules::countdown(rule, &facts),
        };
        if client.safeguarding {
            out.push(entry(Category::Safeguarding, None, &counted(&policy.safeguarding, follows(None))));
        }
        for (id, on) in letters.get(&client.id).into_iter().flatten() {
            out.push(entry(
                Category::Correspondence,
                Some(id.to_string()),
                &counted(&policy.correspondence, follows(Some(*on))),
            ));
        }
        for reference in artwork.get(&client.code).into_iter().flatten() {
            out.push(entry(Category::Artwork, Some(reference.clone()), &counted(&policy.artwork, follows(None))));
        }
        for (id, on) in media.get(&client.id).into_iter().flatten() {
            out.push(entry(Category::Media, Some(id.to_string()), &counted(&policy.media, follows(Some(*on)))));
        }
    }
    Ok(out)
}

/// A rule that is simply "N months after the end of therapy" (artwork's), as months.
pub fn months_after_end(rule: &Rule) -> Option<u32> {
    match rule.cases.as_slice() {
        [Case { when: When::Always, terms }] => match terms.as_slice() {
            [Term { anchor: Anchor::End, years, months }] => Some(years * 12 + months),
            _ => None,
        },
        _ => None,
    }
}

fn uses_record(rule: &Rule) -> bool {
    rule.cases.iter().flat_map(|c| &c.terms).any(|t| t.anchor == Anchor::ClientRecord)
}

fn entry_of(
    client: &str,
    category: Category,
    item: Option<String>,
    countdown: &Countdown,
    hold: Option<&str>,
    as_of: NaiveDate,
) -> Entry {
    let (state, due_on, reason) = match countdown {
        Countdown::InTherapy => (
            RetentionState::InTherapy,
            None,
            "In therapy: nothing counts down until the last episode ends.".to_string(),
        ),
        Countdown::NeedsInformation(what) => (
            RetentionState::NeedsInformation,
            None,
            match *what {
                "date of birth" => "Needs information: date of birth. Add it to the referral (or record that it is unknown and choose a rule that does not need it).".to_string(),
                "choose a retention policy" => "Needs information: choose a retention policy (Settings, or folio retention policy set PRESET).".to_string(),
                other => format!("Needs information: {other}."),
            },
        ),
        Countdown::Due { on, reason } => {
            let state = if *on <= as_of { RetentionState::Due } else { RetentionState::Kept };
            (state, Some(*on), format!("{}{}", capitalised(reason), "."))
        }
    };
    let (state, reason) = match (hold, state) {
        (Some(h), RetentionState::Kept | RetentionState::Due) => (RetentionState::OnHold, format!("{h}. {reason}")),
        _ => (state, reason),
    };
    Entry { client: client.to_string(), category, item, state, due_on, reason }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
