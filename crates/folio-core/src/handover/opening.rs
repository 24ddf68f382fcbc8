//! Opening the vault with handover shares, without the therapist.
//!
//! Every share is read first (a mistyped word is an input error naming the share and the
//! line: exit 1). Then the shares are checked against the key file's handover slot, each
//! refusal saying which problem it is: shares of another vault, an earlier (or later) set,
//! numbers that do not match the slot's k of n, the same share twice, too few ("2 of 3
//! needed; 1 given"). Only then are they combined; a combination that does not open the
//! slot is "wrong shares". All of these are [`Error::WrongShares`] (exit 3), never damage.
//!
//! Two modes, each recorded in the audit log with the set and the share numbers used (no
//! holder's name): *contact only* ([`open_for_contact`]) records the opening in a brief
//! writing open (the writer lock, the schema brought up to date, one audit entry, nothing
//! else: no destruction runs, no upload is discarded), closes it, and reads the contact
//! sheet through a read-only open, so nothing but the audit log changes; *take over*
//! ([`take_over`]) sets the successor's password in a new password slot and removes the old
//! password slot and the spent handover slot, in the transaction that records it.

use std::path::Path;

use zeroize::Zeroizing;

use super::contact::{self, ContactSheet};
use super::shares::{self, short_vault_id, Share};
use super::slot::{self, HandoverParams};
use super::store;
use crate::audit::{Action, Actor};
use crate::clock::Clock;
use crate::crypto::KdfParams;
use crate::keyfile::{self, KeyFile};
use crate::secret::Dek;
use crate::vault::Record;
use crate::{strength, Error, Password, Result, Vault};

/// A share as given: how messages name it ("share-2.txt") and its text.
pub struct ShareInput {
    pub label: String,
    pub text: Zeroizing<String>,
}

impl ShareInput {
    /// Reads a share file (at most 16 KB, a regular file), named in messages by its file
    /// name alone (a folder's path may hold a name).
    pub fn from_file(path: &Path) -> Result<ShareInput> {
        let bytes = Zeroizing::new(crate::inputs::read(path, crate::inputs::SHARE)?);
        let label =
            path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "the share file".into());
        let text = std::str::from_utf8(&bytes).map_err(|_| {
            Error::invalid("share", format!("{label} cannot be read: it is not text. Give the share's .txt file."))
        })?;
        Ok(ShareInput { label, text: Zeroizing::new(text.to_string()) })
    }
}

/// Which set and shares opened the vault: recorded in the audit log, shown to the user.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Opened {
    pub set: u32,
    pub shares: Vec<u8>,
}

impl Opened {
    /// The audit record's id: "set 1: shares 1, 3".
    fn record(&self) -> Record {
        let numbers: Vec<String> = self.shares.iter().map(u8::to_string).collect();
        Record::new("handover_set", format!("set {}: shares {}", self.set, numbers.join(", ")))
    }
}

/// Shares read and checked, ready to open the slot with.
struct Checked {
    shares: Vec<Share>,
    opened: Opened,
}

/// The field that names the i-th share given (0-based): `share-1`, `share-2`… A form maps
/// it back to the share's inputs; the message names the share by its label too.
const SHARE_FIELDS: [&str; super::MAX_HOLDERS] =
    ["share-1", "share-2", "share-3", "share-4", "share-5", "share-6", "share-7", "share-8", "share-9", "share-10"];

/// `e`, pointed at the i-th share given when it is about that share alone.
fn about_share(i: usize, e: Error) -> Error {
    let Some(&field) = SHARE_FIELDS.get(i) else { return e };
    match e {
        Error::WrongShares(message) => Error::ShareRefused { field, message },
        Error::InvalidInput { field: "share", message } => Error::InvalidInput { field, message },
        other => other,
    }
}

/// Reads every share; the first that cannot be read is the error (naming it and its line).
fn read_all(inputs: &[ShareInput]) -> Result<Vec<(String, Share)>> {
    if inputs.is_empty() {
        return Err(Error::invalid("share", "Give the handover shares: at least as many as the handover needs."));
    }
    inputs
        .iter()
        .enumerate()
        .map(|(i, input)| {
            let share = shares::parse(&input.label, &input.text).map_err(|e| about_share(i, e))?;
            Ok((input.label.clone(), share))
        })
        .collect()
}

/// The handover slot's parameters, or the refusal for a vault without one.
fn slot_params(file: &KeyFile) -> Result<HandoverParams> {
    match slot::find(file)? {
        Some((_, p)) => Ok(p),
        None => Err(Error::WrongShares(
            "These shares cannot open this vault: it has no handover set up (it was never set up, or it has already been used to take the vault over). Its password opens it.".into(),
        )),
    }
}

/// Refuses a share of another vault.
fn same_vault(here: &str, label: &str, share: &Share) -> Result<()> {
    if share.vault != here {
        return Err(Error::WrongShares(format!(
            "{label} is a share of another vault (vault {}); this vault is {here}. Check that this is the right laptop or backup, and the right shares.",
            share.vault
        )));
    }
    Ok(())
}

/// Refuses a share of an earlier or later set, or one whose k of n differ from the slot's.
fn same_set(p: &HandoverParams, label: &str, share: &Share) -> Result<()> {
    if share.set < p.set {
        return Err(Error::WrongShares(format!(
            "{label} is from an earlier set of shares (set {}), replaced by set {}: it no longer opens this vault. Ask its holder for their set {} share.",
            share.set, p.set, p.set
        )));
    }
    if share.set > p.set {
        return Err(Error::WrongShares(format!(
            "{label} is from a later set of shares (set {}) than this copy of the vault has (set {}): this may be an older backup. Open the newest copy of the vault, or use shares of set {}.",
            share.set, p.set, p.set
        )));
    }
    if (share.threshold, share.count) != (p.threshold, p.shares) {
        return Err(Error::WrongShares(format!(
            "{label} says {} of {} shares are needed, but this vault's handover needs {} of {}. Check its 'Share:' and 'Needed:' lines against the printed share.",
            share.threshold, share.count, p.threshold, p.shares
        )));
    }
    Ok(())
}

/// Checks the shares against the slot, in the order that gives the most useful message.
fn check(file: &KeyFile, given: Vec<(String, Share)>) -> Result<Checked> {
    let p = slot_params(file)?;
    let here = short_vault_id(&file.vault_id);
    for (i, (label, share)) in given.iter().enumerate() {
        same_vault(&here, label, share).map_err(|e| about_share(i, e))?;
    }
    for (i, (label, share)) in given.iter().enumerate() {
        same_set(&p, label, share).map_err(|e| about_share(i, e))?;
    }
    for (i, (label, share)) in given.iter().enumerate() {
        if let Some((first, _)) = given[..i].iter().find(|(_, other)| other.number == share.number) {
            return Err(about_share(
                i,
                Error::WrongShares(format!(
                    "{first} and {label} are the same share (share {} of {}). Each holder's share is different: ask another holder for theirs.",
                    share.number, p.shares
                )),
            ));
        }
    }
    enough(&p, given.len())?;
    let mut numbers: Vec<u8> = given.iter().map(|(_, s)| s.number).collect();
    numbers.sort_unstable();
    let opened = Opened { set: p.set, shares: numbers };
    Ok(Checked { shares: given.into_iter().map(|(_, s)| s).collect(), opened })
}

fn enough(p: &HandoverParams, given: usize) -> Result<()> {
    if given >= usize::from(p.threshold) {
        return Ok(());
    }
    let more = usize::from(p.threshold) - given;
    Err(Error::WrongShares(format!(
        "Too few shares: {} of {} needed; {given} given. Ask {more} more holder{} for their share{}.",
        p.threshold,
        p.shares,
        if more == 1 { "" } else { "s" },
        if more == 1 { "" } else { "s" }
    )))
}

fn wrong_combination() -> Error {
    Error::WrongShares(
        "Wrong shares: each share reads correctly, but together they do not open this vault. One may carry a wrong share number at the top, or belong to another copy of this set: check each share's top lines against its printed sheet.".into(),
    )
}

/// The data key, unwrapped from `file`'s handover slot with the checked shares.
fn key_from(checked: &Checked, threshold: u8, file: &KeyFile) -> Result<Dek> {
    let secret = shares::combine(&checked.shares, threshold)?;
    slot::unlock(file, &secret, wrong_combination)
}

/// Reads and checks the shares against the key file on disk now (before any lock).
fn prepare(dir: &Path, inputs: &[ShareInput]) -> Result<(Checked, u8)> {
    let given = read_all(inputs)?;
    let (file, _) = keyfile::load(dir)?;
    let checked = check(&file, given)?;
    let threshold = slot::find(&file)?.map(|(_, p)| p.threshold).unwrap_or(1);
    Ok((checked, threshold))
}

/// Contact only: records the opening (with the share numbers) in the audit log, then reads
/// the contact sheet read-only. Changes nothing but the audit log (and brings the schema up
/// to date if the vault was last used by an older Folio). A vault that cannot be written
/// is refused: an opening that could not be recorded does not happen.
pub fn open_for_contact(dir: &Path, inputs: &[ShareInput], clock: Clock) -> Result<ContactSheet> {
    let (checked, threshold) = prepare(dir, inputs)?;
    let key = |file: &KeyFile| key_from(&checked, threshold, file);
    let recorded = Vault::open_writing_with(dir, clock, Actor::Executor, key, |tx, _, _| {
        tx.record(Action::HandoverOpenedForContact, checked.opened.record())?;
        Ok(None)
    })?;
    recorded.lock()?;
    let mut vault = Vault::open_read_only_with(dir, key)?;
    vault.set_clock(clock);
    let sheet = contact::sheet(&vault, &checked.opened);
    vault.lock()?;
    sheet
}

/// Take over: opens the vault with the shares, sets `new_password` (it must pass the
/// strength check) as the only password, removes the spent handover slot, and records the
/// takeover with the share numbers, all in one change. Returns the vault, open to the
/// successor, who should then work through [`super::checklist`] and set up a handover of
/// their own.
pub fn take_over(dir: &Path, inputs: &[ShareInput], new_password: &Password, clock: Clock) -> Result<Vault> {
    if new_password.is_empty() {
        return Err(Error::invalid("password", "Enter a new password for the vault."));
    }
    let (checked, threshold) = prepare(dir, inputs)?;
    let key = |file: &KeyFile| key_from(&checked, threshold, file);
    let mut vault = Vault::open_writing_with(dir, clock, Actor::Successor, key, |tx, file, dek| {
        let practice: String = tx
            .query_row("SELECT value FROM vault_meta WHERE key = 'practice_name'", [], |r| r.get(0))
            .map_err(crate::db::map_err)?;
        let verdict = strength::check(new_password, &[practice.as_str()]);
        if !verdict.acceptable {
            return Err(Error::WeakPassword(verdict.explanation()));
        }
        let params =
            file.password_slot().and_then(|s| s.password.as_ref()).map(|p| p.params).unwrap_or(KdfParams::FLOOR);
        let mut changed = file.clone();
        changed.set_password_slot(dek, new_password, params, &tx.now_utc())?;
        slot::remove(&mut changed);
        store::insert_takeover(tx, checked.opened.set, tx.today(), &checked.opened.record().id)?;
        tx.record(Action::HandoverTakenOver, checked.opened.record())?;
        tx.record(Action::PasswordChanged, Record::new("key_slot", "password"))?;
        // Written last, just before the change commits: if writing fails, nothing changes.
        keyfile::store(dir, &changed)?;
        Ok(Some(changed))
    })?;
    // From here on the successor holds the password.
    vault.set_actor(Actor::Therapist);
    Ok(vault)
}

/// The problem with `given` shares against `file` without opening anything (the app checks
/// each share as it is typed, and all of them before asking for a password).
pub fn check_shares(dir: &Path, inputs: &[ShareInput]) -> Result<Opened> {
    prepare(dir, inputs).map(|(checked, _)| checked.opened)
}

/// What one share says about itself once it reads correctly and belongs to this vault's
/// current set of shares: the app shows it as each share is entered. Nothing secret.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ShareChecked {
    /// Its number in the set (1..n).
    pub number: u8,
    /// How many shares the set has (n).
    pub count: u8,
    /// How many are needed together (k).
    pub threshold: u8,
    pub set: u32,
}

/// Checks one share on its own as it is entered: its words (a mistyped word named by line
/// and position, an input error), then that it belongs to this vault and its current set.
/// Opens nothing and writes nothing; how many shares are given is checked at opening.
pub fn check_share(dir: &Path, input: &ShareInput) -> Result<ShareChecked> {
    let share = shares::parse(&input.label, &input.text)?;
    let (file, _) = keyfile::load(dir)?;
    let p = slot_params(&file)?;
    same_vault(&short_vault_id(&file.vault_id), &input.label, &share)?;
    same_set(&p, &input.label, &share)?;
    Ok(ShareChecked { number: share.number, count: share.count, threshold: share.threshold, set: share.set })
}
