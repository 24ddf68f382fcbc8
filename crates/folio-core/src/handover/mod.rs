//! Handover: the clinical will. Seed 000: "In the event of the therapist dying during the
//! course of therapy, client data will be transferred to another member … and stored in
//! compliance with the data protection act." Professional bodies expect a clinical will
//! naming people who can reach the records and tell clients; Folio does it without a
//! server and without a password in a will.
//!
//! The therapist names a successor and k of n share holders. Folio makes a random 32-byte
//! secret, adds a handover key slot wrapping the data key under a key derived from it
//! ([`slot`]), splits the secret into n shares any k of which recover it ([`shares`]), and
//! hands the shares out once as words with per-line checks ([`words`]) on a text file and a
//! printed sheet each ([`pdf`]), with a pack for the executor that holds no share. The
//! secret and the shares are never stored; holders' names, the successor and the
//! instructions live in the encrypted database, never in the plaintext key file.
//! Re-issuing makes a new secret and slot and removes the old one; no data is re-encrypted.
//!
//! Opening without the therapist ([`opening`]): k shares open the vault either for the
//! contact sheet only ([`contact`]: who to tell, nothing clinical; the vault is read
//! read-only, the opening recorded in the audit log) or to take it over (a new password
//! slot for the successor; the old password slot and the spent handover slot removed),
//! after which the successor works through a continuity checklist ([`checklist`]).

pub mod checklist;
pub mod contact;
mod files;
pub mod opening;
pub mod pdf;
pub mod shares;
pub mod slot;
mod store;
pub mod words;

use chrono::NaiveDate;

pub use self::checklist::{checklist, tick, Checklist, ChecklistGroup, ChecklistItem};
pub use self::contact::{ContactEntry, ContactPerson, ContactSheet};
pub use self::files::{Saved, HANDOVER_PACK, SHARE_FILE_PREFIX};
pub use self::opening::{check_share, open_for_contact, take_over, Opened, ShareChecked, ShareInput};
pub use self::shares::{check_threshold, short_vault_id, Share, MAX_HOLDERS};

use self::shares::HandoverSecret;
use crate::audit::Action;
use crate::dates::add_months;
use crate::text::typed;
use crate::vault::Record;
use crate::{Error, Result, Vault};

/// The successor named in the clinical will: a colleague who takes the practice's records
/// over (seed 000).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Successor {
    pub name: String,
    /// "Art therapist", "Music therapist".
    pub profession: String,
    /// Their HCPC registration number.
    pub registration: String,
    /// Phone or e-mail, as the executor should reach them.
    pub contact: String,
}

/// The handover as the therapist fills it in. At a re-issue an empty field keeps what the
/// last set had (no holders: the same holders; no threshold: the same k).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HandoverForm {
    /// k as typed ("2"); empty: 2 (or 1 with a single holder).
    pub threshold: String,
    /// The holders' names, in share order (share 1 first).
    pub holders: Vec<String>,
    pub successor: Successor,
    /// Where the laptop (and its charger, and its login) can be found: printed in the pack.
    pub laptop: String,
    /// Where the backups are kept: printed in the pack.
    pub backups: String,
    /// The therapist's instructions, kept only inside the vault (where paper records and the
    /// cabinet keys are, the answerphone and e-mail, which clients need care first).
    pub instructions: String,
}

/// A form that passed the rules.
pub(crate) struct ValidForm {
    pub threshold: u8,
    pub holders: Vec<String>,
    pub successor: Successor,
    pub laptop: String,
    pub backups: String,
    pub instructions: String,
    /// Shown once, when k is 1.
    pub warning: Option<String>,
}

impl HandoverForm {
    /// Checks the form, filling empty fields from `previous` (a re-issue).
    fn validate(&self, previous: Option<&store::SetRow>) -> Result<ValidForm> {
        let holders: Vec<String> = if self.holders.is_empty() {
            previous.map(|p| p.holders.clone()).unwrap_or_default()
        } else {
            self.holders.iter().map(|h| typed("holders", "holder's name", h, true)).collect::<Result<_>>()?
        };
        for (i, name) in holders.iter().enumerate() {
            if name.is_empty() {
                return Err(Error::invalid("holders", format!("Enter the name of holder {}.", i + 1)));
            }
            if let Some(j) = holders[..i].iter().position(|other| other.to_lowercase() == name.to_lowercase()) {
                return Err(Error::invalid(
                    "holders",
                    format!("Holder {} has the same name as holder {}: each person holds one share.", i + 1, j + 1),
                ));
            }
        }
        let n = holders.len();
        let k = match self.threshold.trim() {
            "" => previous.map(|p| usize::from(p.threshold)).filter(|&k| k <= n).unwrap_or(n.min(2)),
            text => text.parse::<usize>().map_err(|_| {
                Error::invalid("threshold", "Enter how many shares are needed to open the vault as a number, like 2.")
            })?,
        };
        let warning = check_threshold(k, n)?;
        let field = |value: &str, kept: Option<&str>, name: &'static str, label: &str, one_line: bool| match (
            value.trim().is_empty(),
            kept,
        ) {
            (true, Some(kept)) => Ok(kept.to_string()),
            _ => typed(name, label, value, one_line),
        };
        let p = previous;
        let s = &self.successor;
        let successor = Successor {
            name: field(&s.name, p.map(|p| p.successor.name.as_str()), "successorName", "successor's name", true)?,
            profession: field(
                &s.profession,
                p.map(|p| p.successor.profession.as_str()),
                "successorProfession",
                "successor's profession",
                true,
            )?,
            registration: field(
                &s.registration,
                p.map(|p| p.successor.registration.as_str()),
                "successorRegistration",
                "successor's registration number",
                true,
            )?,
            contact: field(
                &s.contact,
                p.map(|p| p.successor.contact.as_str()),
                "successorContact",
                "successor's contact details",
                true,
            )?,
        };
        if successor.name.is_empty() {
            return Err(Error::invalid(
                "successorName",
                "Name the successor: the colleague who will take the records over.",
            ));
        }
        Ok(ValidForm {
            threshold: u8::try_from(k).map_err(|_| Error::invalid("threshold", "Too many shares."))?,
            holders,
            successor,
            laptop: field(&self.laptop, p.map(|p| p.laptop.as_str()), "laptop", "where the laptop is", false)?,
            backups: field(&self.backups, p.map(|p| p.backups.as_str()), "backups", "where the backups are", false)?,
            instructions: field(
                &self.instructions,
                p.map(|p| p.instructions.as_str()),
                "instructions",
                "instructions",
                false,
            )?,
            warning,
        })
    }
}

/// The instructions from a text file (at most 256 KB; the form's own limit then applies).
pub fn read_instructions_file(path: &std::path::Path) -> Result<String> {
    let bytes = crate::inputs::read(path, crate::inputs::INSTRUCTIONS)?;
    String::from_utf8(bytes).map_err(|_| {
        Error::invalid("instructions", "The instructions file is not plain text (UTF-8). Save it as plain text.")
    })
}

/// One holder of the current set.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Holder {
    pub share: u8,
    pub name: String,
}

/// The handover as `status` shows it: no secret, no share.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HandoverStatus {
    /// The vault's short id, as printed on the shares.
    pub vault: String,
    pub set: u32,
    pub threshold: u8,
    pub shares: u8,
    pub holders: Vec<Holder>,
    pub successor: Successor,
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub set_up_on: NaiveDate,
    /// The latest review that found nothing to change (a change is a re-issue, a new set).
    #[serde(with = "crate::dates::uk_opt")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub reviewed_on: Option<NaiveDate>,
    /// A year after it was set up or last reviewed: the clinical will should be reviewed
    /// (Home reminds).
    #[serde(with = "crate::dates::uk")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub review_by: NaiveDate,
    pub review_due: bool,
    /// Where the laptop is, where the backups are (printed in the pack) and the therapist's
    /// instructions (kept in the vault only): shown back to the therapist to review.
    pub laptop: String,
    pub backups: String,
    pub instructions: String,
}

/// How the key file's handover slot and the recorded sets stand together. The key file is
/// written just before the set's record commits, so a setup or re-issue stopped between
/// the two (a crash, a pulled plug) leaves a slot whose set was never recorded: its shares
/// were written out but the therapist was never told they were made, and the shares before
/// them no longer open the vault. That is said plainly, never shown as a working handover.
enum Standing {
    /// Never set up, or spent by a takeover.
    None,
    Current(Box<store::SetRow>),
    /// The slot's set is not the one recorded: set the handover up again.
    Interrupted,
}

fn standing(vault: &Vault) -> Result<Standing> {
    let Some((_, params)) = slot::find(vault.key_file())? else { return Ok(Standing::None) };
    Ok(match store::latest(vault.conn())? {
        Some(row) if row.set == params.set && row.taken_over_on.is_none() => Standing::Current(Box::new(row)),
        _ => Standing::Interrupted,
    })
}

/// Said when setting up or re-issuing the handover stopped before it was recorded.
pub const INTERRUPTED: &str = "Setting up or re-issuing the clinical will stopped before it finished, so it is not in force: shares made before it no longer open the vault, and the shares it was making must not be handed out. Set the handover up again now.";

/// The current handover, or none (never set up, spent by a takeover, or interrupted: see
/// [`HandoverOverview::interrupted`]).
pub fn status(vault: &Vault) -> Result<Option<HandoverStatus>> {
    let Standing::Current(row) = standing(vault)? else { return Ok(None) };
    let row = *row;
    let review_by = add_months(row.reviewed_on.unwrap_or(row.set_up_on).max(row.set_up_on), 12);
    Ok(Some(HandoverStatus {
        vault: short_vault_id(&vault.key_file().vault_id),
        set: row.set,
        threshold: row.threshold,
        shares: row.shares,
        holders: row
            .holders
            .iter()
            .enumerate()
            .map(|(i, name)| Holder { share: i as u8 + 1, name: name.clone() })
            .collect(),
        successor: row.successor,
        set_up_on: row.set_up_on,
        reviewed_on: row.reviewed_on,
        review_by,
        review_due: vault.today() >= review_by,
        laptop: row.laptop,
        backups: row.backups,
        instructions: row.instructions,
    }))
}

/// Records the yearly review of the clinical will as done with nothing to change: the
/// holders still hold their shares, the successor and the instructions still stand. The
/// next review falls a year from today. (A review that changes anything is a re-issue.)
/// Recorded once a day; a second call the same day changes nothing.
pub fn mark_reviewed(vault: &mut Vault) -> Result<HandoverStatus> {
    let current = status(vault)?.ok_or_else(|| {
        Error::invalid("handover", "No clinical will is set up, so there is nothing to review. Set one up first.")
    })?;
    let (set, today) = (current.set, vault.today());
    if current.reviewed_on != Some(today) {
        vault.write(|tx| {
            if store::insert_review(tx, set, today)? {
                tx.record(Action::HandoverReviewed, Record::new("handover_set", set))?;
            }
            Ok(())
        })?;
    }
    status(vault)?.ok_or_else(|| Error::invalid("handover", "The clinical will is no longer set up."))
}

/// A takeover stopped after the successor's key file was written but before its record
/// committed: the successor's password is in force unrecorded (the caller has just found
/// that), the handover slot is gone, yet the latest set is not recorded as taken over (so
/// the continuity checklist would not be offered). Recorded then, its shares unknown. An
/// old key file put back beside newer records has a recorded password, so it never looks
/// like a takeover. A handover slot that cannot be read is left to `verify` to report.
pub(crate) fn record_unfinished_takeover(
    tx: &mut crate::vault::Change<'_>,
    file: &crate::keyfile::KeyFile,
) -> Result<()> {
    if !matches!(slot::find(file), Ok(None)) {
        return Ok(());
    }
    let Some(row) = store::latest(tx)? else { return Ok(()) };
    if row.taken_over_on.is_some() {
        return Ok(());
    }
    store::insert_takeover(tx, row.set, tx.today(), "unknown: found at the next unlock")?;
    tx.record(Action::HandoverTakeoverFound, Record::new("handover_set", row.set))
}

/// One share handed out, with its holder.
pub struct IssuedShare {
    pub holder: String,
    pub share: Share,
}

/// What setting up or re-issuing gives back, once: the shares. No `Debug`, `Clone` or
/// `Serialize`; dropping it wipes the shares.
pub struct Issued {
    pub set: u32,
    pub threshold: u8,
    pub practice: String,
    pub shares: Vec<IssuedShare>,
    /// Said once when k is 1 (any one share opens the vault).
    pub warning: Option<String>,
    /// Said at a re-issue: backups taken before it still open with the old shares.
    pub backups_note: Option<String>,
    /// At a re-issue, the backups recorded that shares of an earlier set still open.
    pub earlier_backups: Vec<crate::backups::Backup>,
}

impl Issued {
    /// Share `i`'s text file (`share-N.txt`).
    pub fn text(&self, i: usize) -> Option<zeroize::Zeroizing<String>> {
        self.shares.get(i).map(|s| s.share.text(&s.holder, &self.practice))
    }
}

/// The set of shares the key file holds a slot for today (the shares that open this vault
/// and any backup taken now), or None without a handover.
pub fn set_in_force(vault: &Vault) -> Result<Option<u32>> {
    Ok(slot::find(vault.key_file())?.map(|(_, params)| params.set))
}

/// Sets up the handover: refused while one exists ("use reissue"). Returns the shares once.
pub fn setup(vault: &mut Vault, form: &HandoverForm) -> Result<Issued> {
    let prepared = prepare(vault, form, false)?;
    commit(vault, prepared)
}

/// Re-issues the shares: a new secret, a new slot with the next set number, the old slot
/// removed (the old shares stop opening the vault at once); no data is re-encrypted. Empty
/// fields of `form` keep what the last set had.
pub fn reissue(vault: &mut Vault, form: &HandoverForm) -> Result<Issued> {
    let prepared = prepare(vault, form, true)?;
    commit(vault, prepared)
}

/// [`setup`] (or with `again`, [`reissue`]) writing everything into `folder` (new or
/// empty): `share-1.txt`… and `share-1.pdf`… in holder order and `handover-pack.pdf`, each
/// 0600. The files are written before the handover is recorded, and removed if recording
/// fails, so a handover never exists without its shares having been handed out.
pub fn setup_into(vault: &mut Vault, form: &HandoverForm, folder: &std::path::Path, again: bool) -> Result<Saved> {
    setup_into_showing(vault, form, folder, again).map(|(saved, _)| saved)
}

/// [`setup_into`], also giving the shares back once, for the app to show them on screen the
/// one time they are ever shown.
pub fn setup_into_showing(
    vault: &mut Vault,
    form: &HandoverForm,
    folder: &std::path::Path,
    again: bool,
) -> Result<(Saved, Issued)> {
    let prepared = prepare(vault, form, again)?;
    let target = files::prepare_folder(folder)?;
    let pack = pdf::pack_pdf(&prepared.pack)?;
    let saved = files::write_all(&target, &prepared.issued, &pack)?;
    match commit(vault, prepared) {
        Ok(issued) => {
            let saved = Saved {
                warning: issued.warning.clone(),
                backups_note: issued.backups_note.clone(),
                earlier_backups: issued.earlier_backups.clone(),
                ..saved
            };
            Ok((saved, issued))
        }
        Err(e) => {
            files::remove(&target, &saved);
            Err(e)
        }
    }
}

/// Checks the form as [`setup`] (or with `again`, [`reissue`]) would, before anything is
/// made or a folder chosen: every refusal the form can get, and the warning to show (1 of
/// n). Writes nothing.
pub fn check_form(vault: &Vault, form: &HandoverForm, again: bool) -> Result<Option<String>> {
    let previous = refuse_setup_or_reissue(vault, again)?;
    let kept = previous.as_ref().filter(|p| again && p.taken_over_on.is_none());
    Ok(form.validate(kept)?.warning)
}

/// The handover as Home and Settings show it: the current set (if any) and, when the vault
/// was taken over with handover shares, the day of the latest takeover (the continuity
/// checklist is then offered).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HandoverOverview {
    pub current: Option<HandoverStatus>,
    /// Setting up or re-issuing stopped before it was recorded ([`INTERRUPTED`] says what
    /// to do): no handover is in force until it is set up again.
    pub interrupted: bool,
    #[serde(with = "crate::dates::uk_opt")]
    #[cfg_attr(feature = "ts", ts(type = "string | null"))]
    pub taken_over_on: Option<NaiveDate>,
    /// The backups recorded that handover shares open (each with its set), newest first:
    /// a re-issue leaves them opening with the old shares.
    pub backups: Vec<crate::backups::Backup>,
}

pub fn overview(vault: &Vault) -> Result<HandoverOverview> {
    Ok(HandoverOverview {
        current: status(vault)?,
        interrupted: matches!(standing(vault)?, Standing::Interrupted),
        taken_over_on: store::last_takeover(vault.conn())?,
        backups: crate::backups::list(vault)?.into_iter().filter(|b| b.handover_set.is_some()).collect(),
    })
}

/// Re-prints the handover pack (no shares) into `folder` (new or empty). Recorded.
pub fn print_pack(vault: &mut Vault, folder: &std::path::Path) -> Result<Saved> {
    let facts = pdf::PackFacts::from_vault(vault)?
        .ok_or_else(|| Error::invalid("handover", "No handover is set up. Set one up first (folio handover setup)."))?;
    let target = files::prepare_folder(folder)?;
    let bytes = pdf::pack_pdf(&facts)?;
    let saved = files::write_pack(&target, &bytes)?;
    if let Err(e) = vault.write(|tx| tx.record(Action::HandoverPackPrinted, Record::new("handover_set", facts.set))) {
        files::remove(&target, &saved);
        return Err(e);
    }
    Ok(saved)
}

/// A handover made but not yet recorded.
struct Prepared {
    issued: Issued,
    secret: HandoverSecret,
    form: ValidForm,
    pack: pdf::PackFacts,
    again: bool,
}

/// The refusal of a setup where a handover exists or a re-issue where none does; else the
/// latest set recorded (if any).
fn refuse_setup_or_reissue(vault: &Vault, again: bool) -> Result<Option<store::SetRow>> {
    let standing = standing(vault)?;
    let previous = store::latest(vault.conn())?;
    // An interrupted one is set up again, or re-issued from the last set recorded.
    if matches!(standing, Standing::Interrupted) && (!again || previous.is_some()) {
        return Ok(previous);
    }
    let exists = matches!(standing, Standing::Current(_));
    if exists && !again {
        return Err(Error::invalid(
            "handover",
            "This vault already has a handover. To change its holders, successor or shares, re-issue it (folio handover reissue); the old shares then stop working.",
        ));
    }
    if !exists && again {
        return Err(Error::invalid(
            "handover",
            "This vault has no handover to re-issue. Set one up (folio handover setup).",
        ));
    }
    Ok(previous)
}

fn prepare(vault: &Vault, form: &HandoverForm, again: bool) -> Result<Prepared> {
    let previous = refuse_setup_or_reissue(vault, again)?;
    let kept = previous.as_ref().filter(|p| again && p.taken_over_on.is_none());
    let valid = form.validate(kept)?;
    let slot_set = slot::find(vault.key_file())?.map(|(_, p)| p.set).unwrap_or(0);
    let set = store::max_set(vault.conn())?.max(slot_set) + 1;
    let secret = HandoverSecret::random()?;
    let n = u8::try_from(valid.holders.len()).map_err(|_| Error::invalid("holders", "Too many holders."))?;
    let vault_id = vault.key_file().vault_id.clone();
    let made = shares::split(&secret, valid.threshold, n, set, &vault_id)?;
    let practice = vault.practice_name()?;
    let pack = pdf::PackFacts::new(&practice, &vault_id, set, &valid, vault.today());
    let earlier_backups = if again { crate::backups::opened_by_sets_before(vault, set)? } else { Vec::new() };
    let issued = Issued {
        set,
        threshold: valid.threshold,
        practice,
        shares: made
            .into_iter()
            .zip(&valid.holders)
            .map(|(share, holder)| IssuedShare { holder: holder.clone(), share })
            .collect(),
        warning: valid.warning.clone(),
        backups_note: again.then(|| backups_note(set - 1, &earlier_backups)),
        earlier_backups,
    };
    Ok(Prepared { issued, secret, form: valid, pack, again })
}

/// What a re-issue to the set after `old` says about backups, naming how many Folio took.
fn backups_note(old: u32, earlier: &[crate::backups::Backup]) -> String {
    let keep = "keep them as safe as the shares, or take a new backup and destroy the old ones";
    match earlier.len() {
        0 => format!(
            "Folio has taken no backup that the old shares open. A copy of the vault made another way before today still opens with the shares of set {old}: {keep}."
        ),
        1 => format!("1 backup taken before today still opens with the old shares (listed below): {keep}."),
        n => format!("{n} backups taken before today still open with the old shares (listed below): {keep}."),
    }
}

fn commit(vault: &mut Vault, prepared: Prepared) -> Result<Issued> {
    let Prepared { issued, secret, form, again, .. } = prepared;
    let (set, k, n, now, today) =
        (issued.set, issued.threshold, issued.shares.len() as u8, vault.clock().now_utc(), vault.today());
    vault.write_with_key_file(
        |file, dek| slot::add(file, dek, &secret, set, k, n, &now),
        |tx| {
            store::insert_set(tx, set, &form, today)?;
            let action = if again { Action::HandoverReissued } else { Action::HandoverSetUp };
            tx.record(action, Record::new("handover_set", set))
        },
    )?;
    Ok(issued)
}
