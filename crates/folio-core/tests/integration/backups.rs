//! Backups: the vault copied into a folder of its own that opens with the password (and the
//! handover shares) of the day, checked and recorded; refused beside the vault; listed by a
//! re-issue as still opened by the old shares; Home's reminder.

use folio_core::{backups, clients, handover, Clock, Result, Vault};

use crate::handover::{inputs, issue};
use crate::{create, day, message, pw, referral, tempdir, unlock, PASSWORD};

#[test]
fn a_backup_is_a_vault_that_opens_with_the_password_of_the_day_and_is_recorded() -> Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    let drive = tmp.path().join("usb");
    std::fs::create_dir(&drive).unwrap_or_else(|e| panic!("{e}"));
    let mut vault = create(&dir);
    let code = clients::add_referral(&mut vault, referral("Amira", "Qureshi", "03/05/2015", "01/09/2026"))?.code;
    let status = backups::status(&vault)?;
    assert!(status.due && status.last.is_none() && status.words.starts_with("No backup has been taken yet"));

    let mut steps = Vec::new();
    let backup = backups::take(&mut vault, &drive, &mut |done, all| steps.push((done, all)))?;
    assert!(steps.last().is_some_and(|(done, all)| done == all && *all > 0), "progress ends at the whole: {steps:?}");
    assert_eq!(backup.handover_set, None);
    let folder = std::path::PathBuf::from(&backup.folder);
    assert!(
        folder.starts_with(&drive)
            && folder.file_name().is_some_and(|n| n.to_string_lossy().starts_with("folio-backup-"))
    );
    let names: Vec<String> = std::fs::read_dir(&drive)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    assert_eq!(names.len(), 1, "no partial folder is left: {names:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&folder).map(|m| m.permissions().mode() & 0o777).unwrap_or_default();
        assert_eq!(mode, 0o700, "the backup's folder is its owner's only");
    }
    let mut inside: Vec<String> = std::fs::read_dir(&folder)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    inside.sort();
    assert_eq!(
        inside,
        ["folio.db", "folio.key", "folio.key.bak"],
        "the database whole (no journal beside it) and both key file copies"
    );
    let again = backups::take(&mut vault, &drive, &mut |_, _| {})?;
    assert!(again.folder.ends_with("-2"), "a second backup in the same minute: {}", again.folder);
    assert_eq!(backups::list(&vault)?.iter().map(|b| b.id).collect::<Vec<_>>(), vec![again.id, backup.id]);
    let status = backups::status(&vault)?;
    assert_eq!((status.due, status.days_since), (false, Some(0)));
    assert!(status.words.starts_with("The last backup was taken today"), "{}", status.words);
    vault.lock()?;

    // The backup is a vault of its own: the same client, the password of the day, and
    // `verify` finds nothing wrong.
    let copy = Vault::open_read_only(&folder, &pw(PASSWORD))?;
    assert_eq!(clients::show(&copy, &code)?.summary.code, code);
    assert!(copy.verify()?.is_ok(), "the backup verifies");
    drop(copy);
    let mut vault = unlock(&dir)?;
    vault.set_clock(Clock::on(day("30/11/2026")));
    let status = backups::status(&vault)?;
    assert!(status.due && status.words.contains("8 days ago"), "a week on, Home reminds: {}", status.words);
    assert!(vault.audit_recent(100)?.iter().any(|e| e.action == "backup.taken"));
    Ok(())
}

#[test]
fn a_backup_beside_the_vault_or_into_a_file_is_refused_and_nothing_is_written() -> Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    let mut vault = create(&dir);
    let inside = dir.join("backups");
    std::fs::create_dir(&inside).unwrap_or_else(|e| panic!("{e}"));
    assert!(message(backups::take(&mut vault, &inside, &mut |_, _| {})).contains("outside the vault's own folder"));
    let file = tmp.path().join("a-file");
    std::fs::write(&file, b"x").unwrap_or_else(|e| panic!("{e}"));
    assert!(message(backups::take(&mut vault, &file, &mut |_, _| {})).contains("not a file"));
    let gone = message(backups::take(&mut vault, &tmp.path().join("unplugged"), &mut |_, _| {}));
    assert!(gone.contains("Check that the drive is connected"), "{gone}");
    assert!(backups::list(&vault)?.is_empty());
    assert_eq!(std::fs::read_dir(&inside).map(|d| d.count()).unwrap_or(9), 0);
    Ok(())
}

#[test]
fn a_reissue_lists_the_backups_the_old_shares_still_open() -> Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    let drive = tmp.path().join("usb");
    std::fs::create_dir(&drive).unwrap_or_else(|e| panic!("{e}"));
    let mut vault = create(&dir);
    let before = backups::take(&mut vault, &drive, &mut |_, _| {})?;
    let old_shares = issue(&mut vault, "2", 3, false)?;
    let with_set_1 = backups::take(&mut vault, &drive, &mut |_, _| {})?;
    assert_eq!((before.handover_set, with_set_1.handover_set), (None, Some(1)));
    assert_eq!(handover::overview(&vault)?.backups, vec![with_set_1.clone()], "the backups shares open");

    let form = crate::handover::form_for_tests("2", 3);
    let issued = handover::reissue(&mut vault, &form)?;
    assert_eq!(issued.earlier_backups, vec![with_set_1.clone()], "only the one the old shares open");
    let note = issued.backups_note.clone().unwrap_or_default();
    assert!(note.starts_with("1 backup taken before today still opens with the old shares"), "{note}");
    drop(issued);
    vault.lock()?;

    // The old shares no longer open the vault, but still open that backup.
    let folder = std::path::PathBuf::from(&with_set_1.folder);
    assert!(
        handover::open_for_contact(&dir, &inputs(&[&old_shares[0], &old_shares[1]]), crate::handover::clock()).is_err()
    );
    let sheet =
        handover::open_for_contact(&folder, &inputs(&[&old_shares[0], &old_shares[1]]), crate::handover::clock())?;
    assert!(sheet.clients.is_empty(), "the backup's contact sheet opens");
    Ok(())
}

#[test]
fn a_backup_taken_before_a_destruction_is_listed_as_still_holding_the_destroyed_records() -> Result<()> {
    use folio_core::retention::{self, Anchor, Case, Category, Rule, Term, When};
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    let drive = tmp.path().join("usb");
    std::fs::create_dir(&drive).unwrap_or_else(|e| panic!("{e}"));
    let mut vault = create(&dir);
    retention::set_preset(&mut vault, "mind")?;
    let one_year = Rule {
        cases: vec![Case { when: When::Always, terms: vec![Term { anchor: Anchor::End, years: 1, months: 0 }] }],
    };
    for category in Category::ALL {
        retention::set_rule(&mut vault, *category, one_year.clone())?;
    }
    let code = clients::add_referral(&mut vault, referral("Ottoline", "Qindarvex", "01/01/1990", "01/09/2026"))?.code;
    clients::change_state(&mut vault, &code, "assessment", "08/09/2026", "")?;
    clients::change_state(&mut vault, &code, "in-therapy", "15/09/2026", "")?;
    clients::change_state(&mut vault, &code, "ended", "22/11/2026", "planned ending")?;
    let before = backups::take(&mut vault, &drive, &mut |_, _| {})?;

    vault.set_clock(Clock::on(day("01/12/2027")));
    retention::confirm(&mut vault, &pw(PASSWORD))?;
    vault.set_clock(Clock::on(day("15/12/2027")));
    assert_eq!(retention::run_due(&mut vault)?.len(), 1, "the client is destroyed");
    let after = backups::take(&mut vault, &drive, &mut |_, _| {})?;

    let listed: Vec<(i64, u32)> = backups::list(&vault)?.iter().map(|b| (b.id, b.destroyed_since)).collect();
    assert_eq!(listed, vec![(after.id, 0), (before.id, 1)], "the older backup still holds the destroyed client");
    assert_eq!(backups::holding_destroyed(&vault)?.iter().map(|b| b.id).collect::<Vec<_>>(), vec![before.id]);
    Ok(())
}
