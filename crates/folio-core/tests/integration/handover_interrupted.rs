//! A setup, re-issue or takeover stopped between writing the key file and recording it (the
//! key file is written just before the record commits). Made here by putting back the
//! database from before the change beside the key file written by it, which is exactly what
//! such a stop leaves. A re-issue so stopped is never shown as a working handover; a takeover
//! so stopped is recorded at the next unlock.

use std::path::{Path, PathBuf};

use folio_core::handover::{self, HandoverForm, Successor};
use folio_core::{Error, Result, Vault};

use crate::handover::{clock, contact, inputs, issue, NEW_PASSWORD};
use crate::{create, message, pw, tempdir, unlock};

/// The database as it is now (the vault locked), to put back later.
fn keep_database(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("folio.db")))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{e}"));
            (p, bytes)
        })
        .collect()
}

fn put_back(dir: &Path, kept: &[(PathBuf, Vec<u8>)]) {
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if entry.file_name().to_string_lossy().starts_with("folio.db") {
            std::fs::remove_file(entry.path()).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    for (path, bytes) in kept {
        std::fs::write(path, bytes).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn a_reissue_stopped_before_it_was_recorded_is_said_so_and_can_be_set_up_again() -> Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("v");
    let mut vault = create(&dir);
    let first = issue(&mut vault, "2", 3, false)?;
    vault.lock()?;
    let before = keep_database(&dir);
    let mut vault = unlock(&dir)?;
    let second = issue(&mut vault, "2", 3, true)?;
    vault.lock()?;
    put_back(&dir, &before);

    let vault = unlock(&dir)?;
    let overview = handover::overview(&vault)?;
    assert!(overview.interrupted, "the slot's set 2 was never recorded");
    assert_eq!(overview.current, None, "never shown as a working handover");
    assert!(handover::INTERRUPTED.contains("Set the handover up again"));
    vault.lock()?;
    assert!(message(contact(&dir, &[&first[0], &first[1]])).contains("earlier set"), "set 1 no longer opens");

    // Set up again: a new set past both, in force, and the stray set-2 shares are refused.
    let mut vault = unlock(&dir)?;
    let form = HandoverForm {
        holders: vec!["A Holder".into(), "B Holder".into()],
        successor: Successor { name: "Joan Whitlock".into(), ..Successor::default() },
        ..HandoverForm::default()
    };
    let issued = handover::setup(&mut vault, &form)?;
    assert_eq!(issued.set, 3);
    let third: Vec<_> = (0..2).filter_map(|i| issued.text(i)).collect();
    drop(issued);
    let overview = handover::overview(&vault)?;
    assert!(!overview.interrupted);
    assert_eq!(overview.current.map(|c| c.set), Some(3));
    vault.lock()?;
    assert!(message(contact(&dir, &[&second[0], &second[1]])).contains("earlier set"));
    assert_eq!(contact(&dir, &[&third[0], &third[1]])?.set, 3);
    Ok(())
}

#[test]
fn a_takeover_stopped_before_it_was_recorded_is_recorded_at_the_next_unlock() -> Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("v");
    let mut vault = create(&dir);
    let shares = issue(&mut vault, "2", 3, false)?;
    vault.lock()?;
    let before = keep_database(&dir);
    // Tomorrow: the successor's password slot is newer than anything recorded (the vault
    // was created, and its creation recorded, on the system clock).
    let next_day = folio_core::Clock::on(chrono::Utc::now().date_naive() + chrono::Days::new(1));
    handover::take_over(&dir, &inputs(&[&shares[0], &shares[1]]), &pw(NEW_PASSWORD), next_day)?.lock()?;
    put_back(&dir, &before);

    assert!(
        matches!(Vault::unlock(&dir, &pw(crate::PASSWORD)), Err(Error::WrongPassword)),
        "the key file is the successor's"
    );
    let mut vault = Vault::unlock(&dir, &pw(NEW_PASSWORD))?;
    vault.set_clock(clock());
    let overview = handover::overview(&vault)?;
    assert!(overview.taken_over_on.is_some(), "the takeover is recorded now");
    assert!(!overview.interrupted && overview.current.is_none());
    let actions: Vec<String> = vault.audit_recent(20)?.into_iter().map(|e| e.action).collect();
    assert!(actions.iter().any(|a| a == "handover.takeover_found"), "{actions:?}");
    assert!(actions.iter().any(|a| a == "vault.password_change_found"), "{actions:?}");
    assert!(!handover::checklist(&vault)?.items.is_empty(), "the checklist is offered");
    vault.lock()?;
    let again = Vault::unlock(&dir, &pw(NEW_PASSWORD))?;
    let found = again.audit_recent(50)?.into_iter().filter(|e| e.action == "handover.takeover_found").count();
    assert_eq!(found, 1, "recorded once");
    Ok(())
}

#[test]
fn an_old_key_file_without_the_handover_slot_is_never_taken_for_a_takeover() -> Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("v");
    drop(create(&dir));
    let old_key_file = std::fs::read(dir.join("folio.key")).unwrap_or_else(|e| panic!("{e}"));
    let mut vault = unlock(&dir)?;
    issue(&mut vault, "2", 3, false)?;
    vault.lock()?;
    // The key file from before the handover, put back beside the newer records (both copies).
    for name in ["folio.key", "folio.key.bak"] {
        std::fs::write(dir.join(name), &old_key_file).unwrap_or_else(|e| panic!("{e}"));
    }
    let vault = unlock(&dir)?;
    let actions: Vec<String> = vault.audit_recent(20)?.into_iter().map(|e| e.action).collect();
    assert!(!actions.iter().any(|a| a == "handover.takeover_found"), "{actions:?}");
    assert_eq!(handover::overview(&vault)?.taken_over_on, None);
    Ok(())
}
