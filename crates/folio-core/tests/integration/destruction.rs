//! Destruction through the core: the preview, confirming with the password, the grace
//! period and cancelling, a hold that keeps a client, and the proof: markers in every kind
//! of a client's record are found in no decrypted page of the database file and no byte of
//! the vault folder once the client is destroyed, while a control client's marker still is;
//! the client is gone from lists, search and status, and the audit chain verifies.

mod items;
mod pages;

use std::collections::BTreeSet;
use std::fs;

use folio_core::artwork::{self, ArtworkForm};
use folio_core::consents::{self, ConsentForm};
use folio_core::correspondence::{self, Attachment, CorrespondenceForm};
use folio_core::media::{self, MediaForm};
use folio_core::notes::rules::Section;
use folio_core::notes::search::{self, SearchForm};
use folio_core::notes::{self, Amendment, NewNote};
use folio_core::retention::{self, Anchor, BatchState, Case, Category, RetentionState, Rule, Term, When};
use folio_core::safeguarding::{self, SafeguardingForm};
use folio_core::{clients, Clock, Result, Vault};

use crate::{create, day, message, pw, referral, tempdir, PASSWORD};

/// Every category kept one year after therapy ends.
fn one_year_policy(vault: &mut Vault) -> Result<()> {
    retention::set_preset(vault, "mind")?;
    let rule = Rule {
        cases: vec![Case { when: When::Always, terms: vec![Term { anchor: Anchor::End, years: 1, months: 0 }] }],
    };
    for category in Category::ALL {
        retention::set_rule(vault, *category, rule.clone())?;
    }
    Ok(())
}

/// A client in therapy from 15/09/2026 with `marker` in the name (markers must not look
/// like names to the identifier check elsewhere, so the rest use their own words).
fn client(vault: &mut Vault, given: &str) -> Result<String> {
    let code = clients::add_referral(vault, referral(given, "Qindarvex", "01/01/1990", "01/09/2026"))?.code;
    clients::change_state(vault, &code, "assessment", "08/09/2026", "")?;
    clients::change_state(vault, &code, "in-therapy", "15/09/2026", "")?;
    Ok(code)
}

/// Every kind of record, each with its marker: notes (signed, then amended), a letter with
/// an attachment, a safeguarding entry, a piece of artwork and a photo of it.
fn fill(vault: &mut Vault, code: &str, markers: &mut Vec<String>) -> Result<()> {
    let mut mark = |kind: &str| {
        let m = format!("ZQXMARK{kind}ZQX");
        markers.push(m.clone());
        m
    };
    let note = NewNote {
        kind: "free".into(),
        on: "03/10/2026".into(),
        sections: vec![Section { heading: String::new(), text: format!("Painted a {} tide.", mark("NOTE")) }],
        ..NewNote::default()
    };
    let id = notes::start(vault, code, note)?.summary.id;
    notes::sign(vault, id, None)?;
    let amended = vec![Section { heading: String::new(), text: format!("Painted a {} sea.", mark("AMENDED")) }];
    notes::amend(vault, id, Amendment { reason: mark("REASON"), sections: amended, kept: vec![] }, None)?;
    let letter = CorrespondenceForm {
        on: "30/09/2026".into(),
        kind: "letter".into(),
        direction: "in".into(),
        counterpart: "school".into(),
        summary: mark("SUMMARY"),
        ..CorrespondenceForm::default()
    };
    let body = format!("{} ", mark("ATTACHMENT")).repeat(20_000);
    let attachment =
        Attachment::Stream { file_name: format!("{}.txt", mark("FILENAME")), reader: &mut body.as_bytes() };
    correspondence::add(vault, code, letter, vec![attachment], None)?;
    let entry = SafeguardingForm {
        account: format!("{} seemed worried.", mark("SAFEGUARDING")),
        action: "Noted.".into(),
        on: "01/10/2026".into(),
        ..SafeguardingForm::default()
    };
    safeguarding::add(vault, code, entry, None)?;
    let piece = ArtworkForm {
        description: mark("ARTWORK"),
        made: "01/10/2026".into(),
        location: mark("LOCATION"),
        ..ArtworkForm::default()
    };
    artwork::add(vault, code, piece)?;
    let consent = ConsentForm {
        purpose: "artwork-photos".into(),
        given_by: "client".into(),
        how: "written".into(),
        on: "01/10/2026".into(),
        ..ConsentForm::default()
    };
    consents::add(vault, code, consent, None)?;
    let png = folio_core::demo::square_png([1, 2, 3], 4);
    let photo = MediaForm { kind: "photo".into(), caption: mark("CAPTION"), ..MediaForm::default() };
    media::add_stream(vault, code, photo, &format!("{}.png", mark("PHOTONAME")), &mut &png[..])?;
    Ok(())
}

/// The states of a client's entries, each once.
fn states(vault: &Vault, code: &str) -> Result<Vec<RetentionState>> {
    let mut out: Vec<RetentionState> = Vec::new();
    for e in retention::status(vault, "", Some(code))? {
        if !out.contains(&e.state) {
            out.push(e.state);
        }
    }
    Ok(out)
}

/// A client whose therapy ended on 22/11/2026, everything due on 22/11/2027; the vault's
/// clock on 01/12/2027.
fn ended_and_due(vault: &mut Vault, given: &str, markers: &mut Vec<String>) -> Result<String> {
    let code = client(vault, given)?;
    fill(vault, &code, markers)?;
    clients::change_state(vault, &code, "ended", "22/11/2026", "planned ending")?;
    Ok(code)
}

#[test]
fn a_confirmed_destruction_waits_its_grace_period_can_be_cancelled_and_spares_a_held_client() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    one_year_policy(&mut vault)?;
    let mut markers = Vec::new();
    let first = ended_and_due(&mut vault, "Ottoline", &mut markers)?;
    let held = ended_and_due(&mut vault, "Perpetua", &mut markers)?;
    assert!(retention::preview(&vault)?.clients.is_empty(), "nothing is due yet");
    vault.set_clock(Clock::on(day("01/12/2027")));
    retention::hold(&mut vault, &held, "A claim")?;

    let preview = retention::preview(&vault)?;
    assert_eq!((preview.grace_days, preview.runs_on), (14, day("15/12/2027")));
    assert_eq!(preview.clients.len(), 1, "the held client is not offered");
    let due = &preview.clients[0];
    assert_eq!((due.client.as_str(), due.whole), (first.as_str(), true));
    let counts: Vec<(Category, usize)> = due.counts.iter().map(|c| (c.category, c.count)).collect();
    assert_eq!(
        counts,
        vec![
            (Category::ClientRecord, 1),
            (Category::Safeguarding, 1),
            (Category::Correspondence, 1),
            (Category::Artwork, 1),
            (Category::Media, 1)
        ]
    );
    let shown = serde_json::to_string(&preview).unwrap_or_default();
    assert!(!markers.iter().any(|m| shown.contains(m)), "the preview shows no content: {shown}");

    assert!(message(retention::confirm(&mut vault, &pw("not the password"))).contains("password"));
    let batch = retention::confirm(&mut vault, &pw(PASSWORD))?;
    assert_eq!((batch.state, batch.runs_on), (BatchState::Pending, day("15/12/2027")));
    assert_eq!(states(&vault, &first)?, vec![RetentionState::DestructionPending]);
    assert!(retention::preview(&vault)?.clients.is_empty(), "a confirmed record is not offered again");
    assert!(retention::run_due(&mut vault)?.is_empty(), "the grace period has not passed");

    retention::cancel(&mut vault, batch.id)?;
    assert_eq!(retention::pending(&vault)?[0].state, BatchState::Cancelled);
    assert_eq!(states(&vault, &first)?, vec![RetentionState::Due], "due again, to be reviewed again");
    assert!(message(retention::cancel(&mut vault, batch.id)).contains("no longer pending"));

    // Confirmed again; a hold placed during the grace period keeps the client.
    let again = retention::confirm(&mut vault, &pw(PASSWORD))?;
    retention::hold(&mut vault, &first, "A complaint is expected")?;
    vault.set_clock(Clock::on(day("15/12/2027")));
    assert!(retention::run_due(&mut vault)?.is_empty(), "held: nothing destroyed");
    assert_eq!(retention::batch(&vault, again.id)?.state, BatchState::Done);
    assert!(clients::show(&vault, &first).is_ok(), "the held client is all there");
    assert!(retention::records(&vault)?.is_empty());
    Ok(())
}

#[test]
fn every_table_that_refers_to_clients_is_handled_by_destruction() -> Result<()> {
    let tmp = tempdir();
    let vault = create(tmp.path());
    let conn = vault.connection_for_tests();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(crate::sql)?;
    let mut referring = BTreeSet::new();
    for table in tables {
        let parents: Vec<String> = conn
            .prepare(&format!("SELECT \"table\" FROM pragma_foreign_key_list('{table}')"))
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .map_err(crate::sql)?;
        if parents.iter().any(|p| p == "clients") {
            referring.insert(table);
        }
    }
    let handled: BTreeSet<String> = retention::CLIENT_TABLES.iter().map(|t| t.to_string()).collect();
    assert_eq!(referring, handled, "a table refers to clients that destruction does not handle (or the reverse)");
    Ok(())
}

#[test]
fn a_destroyed_client_leaves_no_byte_in_any_decrypted_page_or_file_and_the_audit_chain_verifies() -> Result<()> {
    let tmp = tempdir();
    let dir = tmp.path().join("vault");
    let mut vault = create(&dir);
    one_year_policy(&mut vault)?;
    let mut markers = vec!["Zephyrine".to_string()];
    let code = ended_and_due(&mut vault, "Zephyrine", &mut markers)?;
    let control = client(&mut vault, "Controllina")?;
    // Before: every marker is in the decrypted pages (the scan below would see it).
    vault.lock()?;
    let mut vault = crate::unlock(&dir)?;
    let before = pages::decrypt_pages(&fs::read(dir.join("folio.db")).unwrap_or_default(), &vault.data_key_for_tests())
        .concat()
        .to_ascii_lowercase();
    let missing: Vec<&String> =
        markers.iter().filter(|m| !contains(&before, m.to_ascii_lowercase().as_bytes())).collect();
    assert!(missing.is_empty(), "before destruction every marker is in a page: {missing:?}");
    vault.set_clock(Clock::on(day("01/12/2027")));
    let batch = retention::confirm(&mut vault, &pw(PASSWORD))?;
    vault.set_clock(Clock::on(day("15/12/2027")));
    let done = retention::run_due(&mut vault)?;
    assert_eq!(done.len(), 1);
    assert_eq!(
        (done[0].client.as_str(), done[0].batch, done[0].destroyed_on),
        (code.as_str(), batch.id, day("15/12/2027"))
    );
    assert_eq!(done[0].categories.len(), 5, "client record, safeguarding, a letter, a piece, a photo");

    // Gone from lists, search and status; the control client is all there.
    let listed = clients::list(&vault, &clients::ClientFilter::default())?;
    assert_eq!(listed.iter().map(|c| c.code.as_str()).collect::<Vec<_>>(), vec![control.as_str()]);
    assert!(message(clients::show(&vault, &code)).contains("client"), "no record to show");
    for word in ["tide", "sea", &markers[1]] {
        assert!(search::search(&vault, &SearchForm { query: word.into(), ..SearchForm::default() })?.is_empty());
    }
    assert!(retention::status(&vault, "", None)?.iter().all(|e| e.client != code), "absent from status");
    assert!(media::list(&vault, None)?.is_empty() && artwork::list(&vault, None)?.is_empty());
    let kept = serde_json::to_string(&retention::records(&vault)?).unwrap_or_default();
    assert!(!markers.iter().any(|m| kept.contains(m.as_str())), "the record holds no content: {kept}");
    let pdf = retention::destruction_certificate_pdf(&vault, done[0].id, "the practice's records")?;
    assert!(pdf.starts_with(b"%PDF"));

    // The WAL was checkpointed and emptied; every decrypted page and every byte of the folder.
    let wal = fs::metadata(dir.join("folio.db-wal")).map(|m| m.len()).unwrap_or(0);
    assert_eq!(wal, 0, "the WAL holds nothing after destruction");
    let key = vault.data_key_for_tests();
    let scan = |stage: &str| {
        let db = fs::read(dir.join("folio.db")).unwrap_or_else(|e| panic!("{e}"));
        let pages = pages::decrypt_pages(&db, &key);
        let plain: Vec<u8> = pages.concat().to_ascii_lowercase();
        let mut folder = Vec::new();
        for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{e}")).flatten() {
            folder.extend(fs::read(entry.path()).unwrap_or_default().to_ascii_lowercase());
        }
        for m in &markers {
            let needle = m.to_ascii_lowercase().into_bytes();
            let wide: Vec<u8> = m.to_ascii_lowercase().encode_utf16().flat_map(u16::to_le_bytes).collect();
            for (haystack, what) in [(&plain, "a decrypted page"), (&folder, "the vault folder")] {
                assert!(!contains(haystack, &needle) && !contains(haystack, &wide), "{stage}: {m} found in {what}");
            }
        }
        assert!(contains(&plain, b"controllina"), "{stage}: the control client's name is found: the pages decrypt");
        println!("destruction proof  {stage}  pages={}  markers={}  found=0", pages.len(), markers.len());
    };
    scan("open");
    vault.lock()?;
    scan("locked");
    let report = folio_core::vault::verify(&dir, &pw(PASSWORD))?;
    assert!(report.is_ok(), "the vault and its audit chain verify after destruction");
    Ok(())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
