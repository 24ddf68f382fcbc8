//! Opening a vault to read only: nothing written, beside a writer, on read-only media,
//! and `verify`'s report on a damaged page.

use std::fs;
use std::path::Path;

use folio_core::audit::Action;
use folio_core::clients::{self, ClientFilter};
use folio_core::vault::Record;
use folio_core::{ErrorCode, Vault};

use crate::{create, pw, referral, tempdir, PASSWORD};

fn names(files: &[(String, Vec<u8>)]) -> Vec<&str> {
    files.iter().map(|(name, _)| name.as_str()).collect()
}

/// A closed vault with one client.
fn closed_vault_with_a_client(dir: &Path) {
    let mut vault = create(dir);
    clients::add_referral(&mut vault, referral("Ada", "Quill", "14/03/2015", "02/09/2026"))
        .unwrap_or_else(|e| panic!("{e}"));
    vault.lock().unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_reader_writes_nothing_not_even_an_audit_entry_or_a_journal_file() -> folio_core::Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    closed_vault_with_a_client(&dir);
    let before = crate::folder_snapshot(&dir);

    let reader = Vault::open_read_only(&dir, &pw(PASSWORD))?;
    assert!(reader.is_read_only());
    assert_eq!(clients::list(&reader, &ClientFilter::default())?.len(), 1);
    assert!(reader.verify()?.is_ok());
    assert_eq!(names(&crate::folder_snapshot(&dir)), names(&before), "no -wal or -shm appears while reading");
    reader.lock()?;
    let report = folio_core::vault::verify(&dir, &pw(PASSWORD))?;
    assert!(report.is_ok(), "{:?}", report.checks());
    assert_eq!(crate::folder_snapshot(&dir), before, "every byte as it was");
    Ok(())
}

#[test]
fn a_reader_refuses_every_change() -> folio_core::Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    closed_vault_with_a_client(&dir);
    let before = crate::folder_snapshot(&dir);
    let mut reader = Vault::open_read_only(&dir, &pw(PASSWORD))?;
    let refused = reader.write(|change| change.record(Action::SettingChanged, Record::new("setting", "x")));
    assert_eq!(refused.err().map(|e| e.code()), Some(ErrorCode::Internal));
    assert!(clients::add_referral(&mut reader, referral("Bea", "Rowe", "01/01/2014", "03/09/2026")).is_err());
    assert!(reader.set_auto_lock_minutes(5).is_err());
    reader.lock()?;
    assert_eq!(crate::folder_snapshot(&dir), before);
    Ok(())
}

#[test]
fn readers_run_beside_the_writer_and_a_writer_waits_for_no_one_already_open() -> folio_core::Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    let mut writer = create(&dir);
    clients::add_referral(&mut writer, referral("Ada", "Quill", "14/03/2015", "02/09/2026"))?;
    // The writer holds the vault (as the app does); a reader still opens, and sees what
    // the writer committed.
    let reader = Vault::open_read_only(&dir, &pw(PASSWORD))?;
    assert_eq!(clients::list(&reader, &ClientFilter::default())?.len(), 1);
    assert!(reader.verify()?.is_ok());
    clients::add_referral(&mut writer, referral("Bea", "Rowe", "01/01/2014", "03/09/2026"))?;
    reader.lock()?;
    writer.lock()?;

    // With no writer there, a reader holds the folder while it reads: a writer starting
    // then is told plainly, and gets in once the reader has finished.
    let reader = Vault::open_read_only(&dir, &pw(PASSWORD))?;
    let refused = Vault::unlock(&dir, &pw(PASSWORD)).err().map(|e| e.code());
    assert_eq!(refused, Some(ErrorCode::VaultInUse));
    reader.lock()?;
    let writer = crate::unlock_when_free(&dir, PASSWORD)?;
    assert_eq!(clients::list(&writer, &ClientFilter::default())?.len(), 2);
    writer.lock()
}

#[test]
fn an_older_schema_is_checked_as_it_is_but_not_read_until_updated() -> folio_core::Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    let mut vault = create(&dir);
    vault.write(|change| {
        change.pragma_update(None, "user_version", 4).map_err(crate::sql)?;
        change.record(Action::SettingChanged, Record::new("setting", "schema"))
    })?;
    vault.lock()?;
    let before = crate::folder_snapshot(&dir);
    let refused = Vault::open_read_only(&dir, &pw(PASSWORD)).err();
    assert_eq!(refused.as_ref().map(|e| e.code()), Some(ErrorCode::ReadOnly));
    assert!(refused.map(|e| e.to_string()).unwrap_or_default().contains("older version of Folio"));
    let report = folio_core::vault::verify(&dir, &pw(PASSWORD))?;
    assert!(report.is_ok(), "{:?}", report.checks());
    assert_eq!(report.schema_version, 4);
    assert_eq!(crate::folder_snapshot(&dir), before, "verify did not update the schema");
    Ok(())
}

#[test]
fn one_bad_page_is_named_with_the_records_it_holds_and_nothing_else() -> folio_core::Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    let mut vault = create(&dir);
    // Enough clients that their table spans pages of its own.
    for i in 0..60 {
        let given = format!("Ada{}", char::from(b'a' + (i % 26) as u8));
        clients::add_referral(&mut vault, referral(&given, "Quill", "14/03/2015", "02/09/2026"))?;
    }
    let clients_root: i64 = vault
        .connection_for_tests()
        .query_row("SELECT rootpage FROM sqlite_master WHERE name = 'clients'", [], |r| r.get(0))
        .map_err(crate::sql)?;
    vault.lock()?;
    let db = dir.join("folio.db");
    let mut bytes = fs::read(&db).unwrap_or_else(|e| panic!("{e}"));
    bytes[(clients_root as usize - 1) * 4096 + 700] ^= 0x20;
    fs::write(&db, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let before = crate::folder_snapshot(&dir);

    let report = folio_core::vault::verify(&dir, &pw(PASSWORD))?;
    assert!(!report.is_ok());
    assert_eq!(report.unreadable_pages, vec![clients_root]);
    assert_eq!(report.damaged_tables, vec!["clients".to_string()]);
    assert!(report.structure_problems.is_empty(), "no b-tree lines that only repeat the page");
    assert!(report.audit.is_ok(), "the audit log is on other pages and is checked in full: {:?}", report.audit);
    let checks = report.checks();
    let labels: Vec<&str> = checks.iter().map(|c| c.label.as_str()).collect();
    assert!(!labels.iter().any(|l| l.contains("structure")), "{labels:?}");
    let problem = checks[0].problem.clone().unwrap_or_default();
    assert!(
        problem.starts_with(&format!("page {clients_root} of {} cannot be read", report.pages))
            && problem.ends_with("records that cannot be read in full: clients"),
        "{problem}"
    );
    assert_eq!(crate::folder_snapshot(&dir), before, "verify wrote nothing to the damaged vault");
    Ok(())
}

/// The consent ledger's, the agreements', the disclosure register's and the safeguarding
/// log's tables, each damaged on its own page, are named in words in `verify`'s report.
#[test]
fn a_bad_page_in_the_ledger_is_named_in_words() -> folio_core::Result<()> {
    use folio_core::{agreements, consents, disclosures, safeguarding};
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    let mut vault = create(&dir);
    let form = folio_core::referrals::ReferralForm {
        parental_responsibility: vec![folio_core::referrals::Contact { name: "Ann Lee".into(), ..Default::default() }],
        ..referral("Mia", "Lee", "10/12/2015", "01/09/2026")
    };
    let code = clients::add_referral(&mut vault, form)?.code;
    let consent = consents::ConsentForm {
        purpose: "artwork-photos".into(),
        given_by: "Ann Lee".into(),
        how: "written".into(),
        on: "10/09/2026".into(),
        ..Default::default()
    };
    let id = consents::add(&mut vault, &code, consent, None)?.id;
    consents::review(&mut vault, id, "20/11/2026", "Still agreed.")?;
    consents::withdraw(&mut vault, id, "21/11/2026", "Ann Lee")?;
    let signed = agreements::AgreementForm {
        kind: "therapy-contract".into(),
        signed_by: "Ann Lee".into(),
        ..Default::default()
    };
    agreements::add(&mut vault, &code, signed, None)?;
    let shared = disclosures::DisclosureForm {
        recipient: "supervisor".into(),
        what: "Themes".into(),
        basis: "supervision".into(),
        told: "not-told".into(),
        ..Default::default()
    };
    disclosures::add(&mut vault, &code, shared, vec![], None)?;
    let entry = safeguarding::SafeguardingForm {
        account: "ML seemed worried.".into(),
        action: "Told the DSL.".into(),
        ..Default::default()
    };
    safeguarding::add(&mut vault, &code, entry, None)?;
    let root = |table: &str| -> folio_core::Result<i64> {
        vault
            .connection_for_tests()
            .query_row("SELECT rootpage FROM sqlite_master WHERE name = ?1", [table], |r| r.get(0))
            .map_err(crate::sql)
    };
    let cases = [
        ("consents", "the consent ledger"),
        ("consent_reviews", "the consent ledger"),
        ("consent_withdrawals", "the consent ledger"),
        ("agreements", "agreements"),
        ("disclosures", "the disclosure register"),
        ("safeguarding_entries", "the safeguarding log"),
    ];
    let roots: Vec<i64> = cases.iter().map(|(t, _)| root(t)).collect::<folio_core::Result<_>>()?;
    vault.lock()?;
    let db = dir.join("folio.db");
    let original = fs::read(&db).unwrap_or_else(|e| panic!("{e}"));
    for ((table, words), page) in cases.iter().zip(roots) {
        let mut bytes = original.clone();
        bytes[(page as usize - 1) * 4096 + 100] ^= 0x20;
        fs::write(&db, &bytes).unwrap_or_else(|e| panic!("{e}"));
        let report = folio_core::vault::verify(&dir, &pw(PASSWORD))?;
        assert!(!report.is_ok(), "{table}");
        assert_eq!(report.damaged_tables, vec![words.to_string()], "{table} (page {page})");
        let problem = report.checks()[0].problem.clone().unwrap_or_default();
        assert!(problem.ends_with(&format!("records that cannot be read in full: {words}")), "{problem}");
    }
    fs::write(&db, &original).unwrap_or_else(|e| panic!("{e}"));
    assert!(folio_core::vault::verify(&dir, &pw(PASSWORD))?.is_ok());
    Ok(())
}
