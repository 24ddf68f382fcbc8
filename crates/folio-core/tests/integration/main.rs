//! folio-core's one integration-test binary; modules mirror `src/` (one per capability),
//! plus `errors` (what messages may say), `audit` (every write leaves an entry) and
//! `plaintext` (no marker written in any record reaches the disk unencrypted).

mod agreements;
mod artwork;
mod audit;
mod backups;
mod clients;
mod complaints;
mod consents;
mod correspondence;
mod db;
mod demo;
mod destruction;
mod disclosures;
mod errors;
mod handover;
mod handover_interrupted;
mod hostile_input;
mod import;
mod incidents;
mod key_copies;
mod media;
mod notes;
mod plaintext;
mod professionals;
mod reading;
mod remote_contact;
mod reports;
mod requests;
mod retention;
mod safeguarding;
mod sessions;
mod tamper;
mod vault;

use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;
use folio_core::referrals::ReferralForm;
use folio_core::{Clock, CreateOptions, Error, Password, Result, Vault};

pub const PASSWORD: &str = "tangerine piano lighthouse";
pub const PRACTICE: &str = "Hillside Art Therapy";
/// The day every dated test runs on: the vaults' clocks are fixed to it.
pub const TODAY: &str = "22/11/2026";

pub fn pw(s: &str) -> Password {
    Password::new(s.as_bytes().to_vec())
}

/// Tests run the KDF at the floor (64 MiB, t=3): nothing weaker exists.
pub fn fast() -> CreateOptions {
    CreateOptions { kdf_target: Duration::ZERO }
}

/// A dd/mm/yyyy date the test itself spells (a typo is the test's bug: it panics).
pub fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%d/%m/%Y").unwrap_or_else(|e| panic!("{text}: {e}"))
}

pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

/// A new vault for [`PRACTICE`] with its clock fixed to [`TODAY`].
pub fn create(dir: &Path) -> Vault {
    create_named(dir, PRACTICE)
}

/// A new vault for `practice` with its clock fixed to [`TODAY`].
pub fn create_named(dir: &Path, practice: &str) -> Vault {
    match Vault::create(dir, practice, &pw(PASSWORD), &fast()) {
        Ok(mut vault) => {
            vault.set_clock(Clock::on(day(TODAY)));
            vault
        }
        Err(e) => panic!("create failed: {e}"),
    }
}

/// Unlocks with [`PASSWORD`] and fixes the clock to [`TODAY`] again.
pub fn unlock(dir: &Path) -> Result<Vault> {
    let mut vault = Vault::unlock(dir, &pw(PASSWORD))?;
    vault.set_clock(Clock::on(day(TODAY)));
    Ok(vault)
}

/// The minimal referral: a name, a date of birth and the referral date, all as typed.
pub fn referral(given: &str, family: &str, date_of_birth: &str, referred: &str) -> ReferralForm {
    ReferralForm {
        given_name: given.into(),
        family_name: family.into(),
        date_of_birth: date_of_birth.into(),
        referral_date: referred.into(),
        ..ReferralForm::default()
    }
}

/// The message of a refusal, or "" when the call succeeded.
pub fn message<T>(result: Result<T>) -> String {
    result.err().map(|e| e.to_string()).unwrap_or_default()
}

/// Turns a raw SQL error (test setup only) into the core's error.
pub fn sql(e: rusqlite::Error) -> Error {
    Error::Internal(e.to_string())
}

/// Unlocks once the folder's lock is free. Another test in this process may be starting a
/// program at the moment the reader closes: a forked child shares every open file until it
/// runs the program (Rust opens files close-on-exec), so the reader's lock can outlive it by
/// that instant. A real Folio writer meets the same and is told "open in another window".
pub fn unlock_when_free(dir: &Path, password: &str) -> Result<Vault> {
    for _ in 0..100 {
        match Vault::unlock(dir, &pw(password)) {
            Err(e) if e.code() == folio_core::ErrorCode::VaultInUse => {
                std::thread::sleep(std::time::Duration::from_millis(20))
            }
            other => return other,
        }
    }
    Vault::unlock(dir, &pw(password))
}

/// Every file in a folder, by name, with its bytes: equal before and after means nothing
/// in it changed (not even a new journal file).
pub fn folder_snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap_or_default()))
        .collect();
    files.sort();
    files
}

/// Records a written consent for online contact from a person with parental responsibility
/// (seed 004), adding "Pat Parent" to the referral when it names nobody, given on `on`: what
/// the register asks before an online or phone session with a child.
pub fn allow_online_contact(vault: &mut Vault, code: &str, on: &str) -> Result<()> {
    let record = folio_core::clients::show(vault, code)?;
    let parent = match record.referral.parental_responsibility.first() {
        Some(person) => person.name.clone(),
        None => {
            let mut form = record.referral.clone();
            form.parental_responsibility.push(folio_core::referrals::Contact {
                name: "Pat Parent".into(),
                relationship: "parent".into(),
                ..Default::default()
            });
            folio_core::clients::update_referral(vault, code, form)?;
            "Pat Parent".to_string()
        }
    };
    let consent = folio_core::consents::ConsentForm {
        purpose: "online-contact".into(),
        given_by: parent,
        how: "written".into(),
        on: on.into(),
        platforms: "Video call app, phone".into(),
        failure_plan: "I phone the parent and we end the session".into(),
        ..Default::default()
    };
    folio_core::consents::add(vault, code, consent, None).map(drop)
}
