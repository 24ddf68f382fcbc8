//! The two key file copies disagree: a `passwd` stopped between its two writes (the new
//! password in the second copy only), or a first copy edited with its checksum recomputed.
//! The password that opens either copy opens the vault; the other copy is rewritten.

use std::fs;

use folio_core::{ErrorCode, Vault};

use crate::{create, pw, tempdir, PASSWORD};

const NEW: &str = "copper kettle whistles at dawn";

/// A vault whose first copy still holds the old password and whose second holds the new:
/// exactly what a `passwd` killed between writing the second copy and the first leaves.
fn interrupted_password_change(dir: &std::path::Path) {
    let mut vault = create(dir);
    let old_first = fs::read(dir.join("folio.key")).unwrap_or_else(|e| panic!("{e}"));
    vault.change_password(&pw(PASSWORD), &pw(NEW)).unwrap_or_else(|e| panic!("{e}"));
    vault.lock().unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.join("folio.key"), old_first).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn the_new_password_opens_from_the_second_copy_and_the_first_is_rewritten() -> folio_core::Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    interrupted_password_change(&dir);
    // Reading says so and changes nothing.
    let reader = Vault::open_read_only(&dir, &pw(NEW))?;
    assert!(reader.repaired_on_opening().unwrap_or_default().contains("first copy of the key file is damaged"));
    reader.lock()?;
    assert_ne!(fs::read(dir.join("folio.key")).ok(), fs::read(dir.join("folio.key.bak")).ok());
    // Writing mends it from the copy that opened.
    let vault = crate::unlock_when_free(&dir, NEW)?;
    assert!(vault.repaired_on_opening().unwrap_or_default().contains("has rewritten the damaged one"));
    vault.lock()?;
    assert_eq!(fs::read(dir.join("folio.key")).ok(), fs::read(dir.join("folio.key.bak")).ok());
    let refused = Vault::unlock(&dir, &pw(PASSWORD)).err().map(|e| e.code());
    assert_eq!(refused, Some(ErrorCode::WrongPassword), "the old password no longer opens");
    Vault::unlock(&dir, &pw(NEW))?.lock()
}

#[test]
fn the_old_password_still_opens_from_the_first_copy_and_the_change_is_undone() -> folio_core::Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    interrupted_password_change(&dir);
    let vault = Vault::unlock(&dir, &pw(PASSWORD))?;
    assert!(vault.repaired_on_opening().unwrap_or_default().contains("second copy"));
    vault.lock()?;
    assert_eq!(fs::read(dir.join("folio.key")).ok(), fs::read(dir.join("folio.key.bak")).ok());
    let refused = Vault::unlock(&dir, &pw(NEW)).err().map(|e| e.code());
    assert_eq!(refused, Some(ErrorCode::WrongPassword));
    Ok(())
}

#[test]
fn a_password_that_opens_neither_copy_is_a_wrong_password_and_changes_nothing() {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    interrupted_password_change(&dir);
    let before: Vec<Option<Vec<u8>>> =
        ["folio.db", "folio.key", "folio.key.bak"].iter().map(|f| fs::read(dir.join(f)).ok()).collect();
    let refused = Vault::unlock(&dir, &pw("not the password at all")).err().map(|e| e.code());
    assert_eq!(refused, Some(ErrorCode::WrongPassword));
    let after: Vec<Option<Vec<u8>>> =
        ["folio.db", "folio.key", "folio.key.bak"].iter().map(|f| fs::read(dir.join(f)).ok()).collect();
    assert_eq!(before, after);
}

/// What a `passwd` killed after writing the key file but before its audit entry committed
/// leaves: the new password in force, and no entry saying so.
#[test]
fn a_password_change_whose_entry_was_lost_is_recorded_at_the_next_unlock() -> folio_core::Result<()> {
    let tmp = tempdir();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    create(&a).lock()?;
    copy_folder(&a, &b);
    // The change happens in `a`; `b` is the same vault whose database never got the entry.
    let mut vault = crate::unlock(&a)?;
    // Later than the vault's creation (times are kept to the second).
    vault.set_clock(folio_core::Clock::on(crate::day("01/01/2099")));
    vault.change_password(&pw(PASSWORD), &pw(NEW))?;
    vault.lock()?;
    for name in ["folio.key", "folio.key.bak"] {
        fs::copy(a.join(name), b.join(name)).unwrap_or_else(|e| panic!("{e}"));
    }
    let vault = Vault::unlock(&b, &pw(NEW))?;
    let actions: Vec<String> = vault.audit_recent(3)?.into_iter().map(|e| e.action).collect();
    assert_eq!(actions[..2], ["vault.password_change_found", "vault.unlocked"]);
    vault.lock()?;
    // Once: the next unlock finds the log and the key file agreeing.
    let vault = Vault::unlock(&b, &pw(NEW))?;
    let actions: Vec<String> = vault.audit_recent(2)?.into_iter().map(|e| e.action).collect();
    assert_eq!(actions, ["vault.unlocked", "vault.password_change_found"]);
    vault.lock()
}

#[test]
fn a_temporary_key_file_left_by_a_stopped_write_is_removed_by_the_next_writer_only() -> folio_core::Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    create(&dir).lock()?;
    let leftover = dir.join(".folio.key.0a1b2c3d4e5f.tmp");
    fs::copy(dir.join("folio.key"), &leftover).unwrap_or_else(|e| panic!("{e}"));
    Vault::open_read_only(&dir, &pw(PASSWORD))?.lock()?;
    assert!(leftover.exists(), "a reader writes nothing, and removes nothing");
    crate::unlock_when_free(&dir, PASSWORD)?.lock()?;
    assert!(!leftover.exists());
    Ok(())
}

fn copy_folder(from: &std::path::Path, to: &std::path::Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("{e}"));
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("{e}")).filter_map(|e| e.ok()) {
        fs::copy(entry.path(), to.join(entry.file_name())).unwrap_or_else(|e| panic!("{e}"));
    }
}
