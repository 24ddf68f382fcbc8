use std::fs;
use std::path::Path;

use folio_core::audit::Action;
use folio_core::vault::Record;
use folio_core::{Error, ErrorCode, FolderKind, Vault};
use rusqlite::Connection;

use crate::{create, fast, pw, sql, tempdir, PASSWORD, PRACTICE};

fn unlock_err(dir: &Path, password: &str) -> Error {
    match Vault::unlock(dir, &pw(password)) {
        Ok(_) => panic!("unlock should have failed"),
        Err(e) => e,
    }
}

fn flip_byte(path: &Path, offset: usize) {
    let mut bytes = fs::read(path).unwrap_or_else(|e| panic!("{e}"));
    let offset = offset.min(bytes.len() - 1);
    bytes[offset] ^= 0x5a;
    fs::write(path, bytes).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn create_lock_and_unlock_with_the_right_password() -> folio_core::Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    let vault = create(&dir);
    assert_eq!(vault.practice_name()?, PRACTICE);
    assert_eq!(vault.settings()?.auto_lock_minutes, 10);
    vault.lock()?;
    assert_eq!(folio_core::vault::probe(&dir)?, FolderKind::Vault);
    let vault = Vault::unlock(&dir, &pw(PASSWORD))?;
    assert_eq!(vault.practice_name()?, PRACTICE);
    let actions: Vec<String> = vault.audit_recent(10)?.into_iter().map(|e| e.action).collect();
    assert_eq!(actions, ["vault.unlocked", "vault.created"]);
    Ok(())
}

#[test]
fn a_wrong_password_is_told_apart_and_changes_nothing() {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    create(&dir).lock().unwrap_or_else(|e| panic!("{e}"));
    let before: Vec<(String, Vec<u8>)> = crate::folder_snapshot(&dir);
    let err = unlock_err(&dir, "tangerine piano lighthouses");
    assert_eq!(err.code(), ErrorCode::WrongPassword);
    assert_eq!(err.code().exit_code(), 3);
    assert_eq!(crate::folder_snapshot(&dir), before, "a failed unlock must not touch the vault");
}

#[test]
fn one_writer_at_a_time_and_the_lock_goes_with_the_vault() -> folio_core::Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    let vault = create(&dir);
    let before = crate::folder_snapshot(&dir);
    let second = unlock_err(&dir, PASSWORD);
    assert_eq!(second.code(), ErrorCode::VaultInUse);
    assert!(second.to_string().contains("open on this vault in another window or command"), "{second}");
    assert_eq!(second.code().exit_code(), 1);
    assert_eq!(crate::folder_snapshot(&dir), before, "a refused second writer changes nothing");
    drop(vault);
    // Dropped (as a crashed process's lock is dropped by the system): open again at once.
    let vault = Vault::unlock(&dir, &pw(PASSWORD))?;
    vault.lock()?;
    let _again = Vault::unlock(&dir, &pw(PASSWORD))?;
    Ok(())
}

#[test]
fn change_password_rewraps_and_the_old_one_stops_working_at_once() -> folio_core::Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    let mut vault = create(&dir);
    let weak = vault.change_password(&pw(PASSWORD), &pw("password1")).err();
    assert_eq!(weak.map(|e| e.code()), Some(ErrorCode::WeakPassword));
    let wrong = vault.change_password(&pw("not the password at all"), &pw("quiet river copper saucepan")).err();
    assert_eq!(wrong.map(|e| e.code()), Some(ErrorCode::WrongPassword));
    let db_before = fs::read(dir.join("folio.db")).unwrap_or_default();
    vault.change_password(&pw(PASSWORD), &pw("quiet river copper saucepan"))?;
    // While it is open nobody else can unlock it at all (one writer at a time)…
    assert_eq!(unlock_err(&dir, "quiet river copper saucepan").code(), ErrorCode::VaultInUse);
    vault.lock()?;
    // …and once closed, the old password no longer opens it.
    assert_eq!(unlock_err(&dir, PASSWORD).code(), ErrorCode::WrongPassword);
    let vault = Vault::unlock(&dir, &pw("quiet river copper saucepan"))?;
    assert_eq!(vault.practice_name()?, PRACTICE);
    // Both key file copies carry the new slot.
    assert_eq!(fs::read(dir.join("folio.key")).ok(), fs::read(dir.join("folio.key.bak")).ok());
    assert!(!db_before.is_empty());
    Ok(())
}

#[test]
fn the_database_does_not_start_with_the_sqlite_header() {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    create(&dir).lock().unwrap_or_else(|e| panic!("{e}"));
    let bytes = fs::read(dir.join("folio.db")).unwrap_or_default();
    assert!(bytes.len() >= 4096);
    assert_ne!(&bytes[..16], b"SQLite format 3\0");
    // Without the key, plain SQLite sees no database.
    let plain = Connection::open(dir.join("folio.db")).unwrap_or_else(|e| panic!("{e}"));
    assert!(plain.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).is_err());
}

#[test]
fn a_tampered_database_header_is_damage_not_a_wrong_password() {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    create(&dir).lock().unwrap_or_else(|e| panic!("{e}"));
    flip_byte(&dir.join("folio.db"), 200);
    let before = crate::folder_snapshot(&dir);
    let err = unlock_err(&dir, PASSWORD);
    assert_eq!(err.code(), ErrorCode::VaultDamaged, "{err}");
    assert_eq!(err.code().exit_code(), 4);
    assert!(err.to_string().contains("Nothing has been changed or deleted"));
    assert_eq!(crate::folder_snapshot(&dir), before, "a damaged vault is never repaired or deleted");
}

#[test]
fn a_tampered_later_page_is_found_by_verify() -> folio_core::Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    let vault = create(&dir);
    assert!(vault.verify()?.is_ok(), "{:?}", vault.verify()?);
    vault.lock()?;
    let len = fs::metadata(dir.join("folio.db")).map(|m| m.len() as usize).unwrap_or(0);
    assert!(len >= 2 * 4096);
    flip_byte(&dir.join("folio.db"), len - 100);
    match Vault::unlock(&dir, &pw(PASSWORD)) {
        Ok(vault) => {
            let report = vault.verify()?;
            assert!(!report.is_ok());
            let last_page = (len / 4096) as i64;
            assert_eq!(report.unreadable_pages, vec![last_page], "{report:?}");
        }
        Err(e) => assert_eq!(e.code(), ErrorCode::VaultDamaged, "{e}"),
    }
    Ok(())
}

#[test]
fn a_damaged_first_key_file_copy_falls_back_to_the_second_and_is_mended_once() -> folio_core::Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    create(&dir).lock()?;
    flip_byte(&dir.join("folio.key"), 150);
    // Before any password: status sees the damaged copy.
    let status = folio_core::vault::status(&dir)?;
    assert!(status.key_file_copies.primary.is_some());
    // The second copy opens the vault; the first is rewritten from it, and said so once.
    let vault = Vault::unlock(&dir, &pw(PASSWORD))?;
    let told = vault.repaired_on_opening().unwrap_or_default().to_string();
    assert!(told.starts_with("The first copy of the key file was damaged"), "{told}");
    assert!(vault.verify()?.is_ok(), "after the repair both copies are sound and identical");
    let actions: Vec<String> = vault.audit_recent(3)?.into_iter().map(|e| e.action).collect();
    assert!(actions.contains(&"vault.key_file_repaired".to_string()), "{actions:?}");
    vault.lock()?;
    assert_eq!(fs::read(dir.join("folio.key")).ok(), fs::read(dir.join("folio.key.bak")).ok());
    assert!(folio_core::vault::status(&dir)?.key_file_copies.is_ok());
    let again = Vault::unlock(&dir, &pw(PASSWORD))?;
    assert_eq!(again.repaired_on_opening(), None, "told once");
    Ok(())
}

#[test]
fn both_key_file_copies_damaged_is_damage_not_a_wrong_password() {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    create(&dir).lock().unwrap_or_else(|e| panic!("{e}"));
    flip_byte(&dir.join("folio.key"), 150);
    flip_byte(&dir.join("folio.key.bak"), 150);
    let err = unlock_err(&dir, PASSWORD);
    assert_eq!(err.code(), ErrorCode::VaultDamaged, "{err}");
    assert!(dir.join("folio.key").exists() && dir.join("folio.key.bak").exists());
}

#[test]
fn a_missing_key_file_beside_a_database_is_damage() {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    create(&dir).lock().unwrap_or_else(|e| panic!("{e}"));
    for name in ["folio.key", "folio.key.bak"] {
        fs::rename(dir.join(name), tmp.path().join(name)).unwrap_or_else(|e| panic!("{e}"));
    }
    assert_eq!(unlock_err(&dir, PASSWORD).code(), ErrorCode::VaultDamaged);
    assert!(dir.join("folio.db").exists());
}

#[test]
fn a_key_file_from_another_vault_is_refused() {
    let tmp = tempdir();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    create(&a).lock().unwrap_or_else(|e| panic!("{e}"));
    create(&b).lock().unwrap_or_else(|e| panic!("{e}"));
    for name in ["folio.key", "folio.key.bak"] {
        fs::copy(b.join(name), a.join(name)).unwrap_or_else(|e| panic!("{e}"));
    }
    // B's key opens B's data key, which does not decrypt A's database.
    assert_eq!(unlock_err(&a, PASSWORD).code(), ErrorCode::VaultDamaged);
}

#[test]
fn a_vault_newer_than_this_folio_is_refused_and_left_alone() -> folio_core::Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    let mut vault = create(&dir);
    // As a later Folio would leave it: a schema version this one does not know.
    vault.write(|change| {
        change.pragma_update(None, "user_version", 99).map_err(sql)?;
        change.record(Action::SettingChanged, Record::new("setting", "schema"))
    })?;
    vault.lock()?;
    let before = crate::folder_snapshot(&dir);
    let err = unlock_err(&dir, PASSWORD);
    assert_eq!(err.code(), ErrorCode::NewerVault);
    assert!(err.to_string().contains("newer version of Folio"));
    assert_eq!(crate::folder_snapshot(&dir), before, "nothing is changed");
    Ok(())
}

#[test]
fn create_refuses_existing_vaults_and_folders_with_other_files() {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    create(&dir).lock().unwrap_or_else(|e| panic!("{e}"));
    let again = Vault::create(&dir, PRACTICE, &pw(PASSWORD), &fast()).err();
    assert_eq!(again.map(|e| e.code()), Some(ErrorCode::VaultExists));

    let other = tmp.path().join("photos");
    fs::create_dir_all(&other).unwrap_or_else(|e| panic!("{e}"));
    fs::write(other.join("holiday.jpg"), b"jpeg").unwrap_or_else(|e| panic!("{e}"));
    let err = Vault::create(&other, PRACTICE, &pw(PASSWORD), &fast()).err();
    assert_eq!(err.map(|e| e.code()), Some(ErrorCode::FolderNotEmpty));
    assert!(other.join("holiday.jpg").exists());

    let weak = Vault::create(&tmp.path().join("new"), PRACTICE, &pw("password1"), &fast()).err();
    assert_eq!(weak.map(|e| e.code()), Some(ErrorCode::WeakPassword));
    assert!(!tmp.path().join("new").join("folio.db").exists());
}

#[test]
fn unlocking_a_folder_without_a_vault_says_so() {
    let tmp = tempdir();
    assert_eq!(unlock_err(tmp.path(), PASSWORD).code(), ErrorCode::NotAVault);
}

#[test]
fn status_needs_no_password_and_shows_nothing_personal() -> folio_core::Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    create(&dir).lock()?;
    let status = folio_core::vault::status(&dir)?;
    assert_eq!(status.slots.len(), 1);
    assert_eq!(status.slots[0].kind, "password");
    let kdf = status.slots[0].kdf.unwrap_or(folio_core::crypto::KdfParams { memory_kib: 0, iterations: 0, lanes: 0 });
    assert!(kdf.memory_kib >= 65536 && kdf.iterations >= 3);
    let json = serde_json::to_string(&status).unwrap_or_default();
    assert!(!json.contains(PRACTICE));
    assert!(status.key_file_copies.is_ok());
    Ok(())
}

#[test]
fn the_audit_chain_detects_an_edited_entry() -> folio_core::Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    let mut vault = create(&dir);
    vault.set_auto_lock_minutes(15)?;
    assert!(vault.verify()?.audit.is_ok());
    // Outside a write the connection changes nothing at all...
    let raw = vault.connection_for_tests().execute("UPDATE audit_log SET actor = 'successor' WHERE seq = 1", []);
    assert!(raw.is_err(), "the connection is read-only between writes");
    // ...inside one, the triggers refuse edits through SQL...
    for edit in ["UPDATE audit_log SET actor = 'successor' WHERE seq = 1", "DELETE FROM audit_log WHERE seq = 1"] {
        let refused = vault.write(|change| {
            change.execute(edit, []).map_err(sql)?;
            change.record(Action::SettingChanged, Record::new("setting", "tamper"))
        });
        let refused = refused.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(refused.contains("append-only"), "{edit}: {refused}");
    }
    assert!(vault.verify()?.audit.is_ok(), "refused edits leave the chain whole");
    // ...and if someone drops them, the chain still tells.
    vault.write(|change| {
        change
            .execute_batch(
                "DROP TRIGGER audit_log_is_append_only_update;
                 UPDATE audit_log SET action = 'vault.verified' WHERE seq = 2;",
            )
            .map_err(sql)?;
        change.record(Action::SettingChanged, Record::new("setting", "tamper"))
    })?;
    let report = vault.verify()?;
    assert_eq!(report.audit.first_broken_seq, Some(2));
    assert!(!report.is_ok());
    Ok(())
}

#[test]
fn auto_lock_minutes_are_validated_and_kept() -> folio_core::Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    let mut vault = create(&dir);
    let err = vault.set_auto_lock_minutes(0).err();
    assert!(matches!(err, Some(Error::InvalidInput { field: "autoLockMinutes", .. })));
    vault.set_auto_lock_minutes(25)?;
    vault.lock()?;
    assert_eq!(Vault::unlock(&dir, &pw(PASSWORD))?.settings()?.auto_lock_minutes, 25);
    Ok(())
}

#[test]
fn the_vault_folder_and_every_file_in_it_are_its_owners_alone() -> folio_core::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    let vault = create(&dir);
    let mode = |p: &Path| fs::metadata(p).map(|m| m.permissions().mode() & 0o777).unwrap_or(0);
    assert_eq!(mode(&dir), 0o700, "the folder");
    let names: Vec<String> = fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    assert!(names.iter().any(|n| n == "folio.db-wal"), "the WAL is there while the vault is open: {names:?}");
    for name in names {
        assert_eq!(mode(&dir.join(&name)), 0o600, "{name}");
    }
    vault.lock()?;
    Ok(())
}

#[test]
fn an_empty_database_is_damage_and_is_never_made_into_a_new_vault() {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    create(&dir).lock().unwrap_or_else(|e| panic!("{e}"));
    fs::write(dir.join("folio.db"), b"").unwrap_or_else(|e| panic!("{e}"));
    let _ = fs::remove_file(dir.join("folio.db-wal"));
    let _ = fs::remove_file(dir.join("folio.db-shm"));
    let before = crate::folder_snapshot(&dir);
    let err = unlock_err(&dir, PASSWORD);
    assert_eq!(err.code(), ErrorCode::VaultDamaged);
    assert!(err.to_string().contains("database"), "the database is named, not the key file: {err}");
    assert!(err.to_string().contains("is empty"), "{err}");
    assert_eq!(crate::folder_snapshot(&dir), before, "nothing is created or repaired");
}
