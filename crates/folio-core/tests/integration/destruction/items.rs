//! Destroying single records of a client whose client record is not yet due: a piece of
//! artwork still held after its collection period and a letter whose own period has
//! passed go on their own; every other row of the vault stays as it was.

use std::collections::BTreeMap;

use folio_core::artwork::{self, ArtworkForm};
use folio_core::consents::{self, ConsentForm};
use folio_core::correspondence::{self, Attachment, CorrespondenceForm};
use folio_core::media::{self, MediaForm};
use folio_core::notes::rules::Section;
use folio_core::notes::search::{self, SearchForm};
use folio_core::notes::{self, NewNote};
use folio_core::referrals::{Contact, ReferralForm};
use folio_core::retention::{self, Anchor, BatchState, Case, Category, RetentionState, Rule, Term, When};
use folio_core::{clients, Clock, Result, Vault};

use crate::{create, day, message, pw, referral, tempdir, PASSWORD};

/// Rows in every table of the vault.
fn rows(vault: &Vault) -> Result<BTreeMap<String, i64>> {
    let conn = vault.connection_for_tests();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'note_search_%' ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(crate::sql)?;
    tables
        .into_iter()
        .map(|t| {
            let n = conn.query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0)).map_err(crate::sql)?;
            Ok((t, n))
        })
        .collect()
}

/// The tables whose row counts differ, with the change.
fn changed(before: &BTreeMap<String, i64>, after: &BTreeMap<String, i64>) -> BTreeMap<String, i64> {
    after.iter().map(|(t, n)| (t.clone(), n - before.get(t).copied().unwrap_or(0))).filter(|(_, d)| *d != 0).collect()
}

fn letter(vault: &mut Vault, code: &str, on: &str, summary: &str) -> Result<i64> {
    let form = CorrespondenceForm {
        on: on.into(),
        kind: "letter".into(),
        direction: "in".into(),
        counterpart: "school".into(),
        summary: summary.into(),
        ..CorrespondenceForm::default()
    };
    let body = format!("{summary} ").repeat(30_000);
    let attachment = Attachment::Stream { file_name: "letter.txt".into(), reader: &mut body.as_bytes() };
    Ok(correspondence::add(vault, code, form, vec![attachment], None)?.id)
}

/// Mia (born 10/12/2015) in therapy from 15/09/2024 to 31/03/2026 under Mind's policy (a
/// child's record kept 25 years after the end, artwork still held 2 months) with letters
/// kept one year after their own date: a piece still held (due 31/05/2026), a piece taken
/// home with a photo of it, a letter of 05/02/2025 (due 05/02/2026), a letter of 05/02/2026
/// (kept), a signed note.
fn mia(vault: &mut Vault) -> Result<String> {
    retention::set_preset(vault, "mind")?;
    let a_year = Rule {
        cases: vec![Case { when: When::Always, terms: vec![Term { anchor: Anchor::Own, years: 1, months: 0 }] }],
    };
    retention::set_rule(vault, Category::Correspondence, a_year)?;
    let form = ReferralForm {
        parental_responsibility: vec![Contact {
            name: "Ann Lee".into(),
            relationship: "mother".into(),
            ..Contact::default()
        }],
        ..referral("Mia", "Lee", "10/12/2015", "01/09/2024")
    };
    let code = clients::add_referral(vault, form)?.code;
    clients::change_state(vault, &code, "assessment", "08/09/2024", "")?;
    clients::change_state(vault, &code, "in-therapy", "15/09/2024", "")?;
    let piece = |description: &str, made: &str| ArtworkForm {
        description: description.into(),
        made: made.into(),
        location: "Cabinet A".into(),
        ..ArtworkForm::default()
    };
    artwork::add(vault, &code, piece("Clay figure", "01/10/2024"))?;
    let taken = artwork::add(vault, &code, piece("Drum pattern drawing", "02/10/2024"))?.reference;
    let consent = ConsentForm {
        purpose: "artwork-photos".into(),
        given_by: "Ann Lee".into(),
        how: "written".into(),
        on: "01/03/2026".into(),
        ..ConsentForm::default()
    };
    consents::add(vault, &code, consent, None)?;
    let png = folio_core::demo::square_png([1, 2, 3], 8);
    let photo = MediaForm { kind: "photo".into(), artwork: Some(taken.clone()), ..MediaForm::default() };
    media::add_stream(vault, &code, photo, "drawing.png", &mut &png[..])?;
    artwork::return_to(vault, &taken, "20/03/2026", "ML's mother")?;
    letter(vault, &code, "05/02/2025", "Autumn report")?;
    letter(vault, &code, "05/02/2026", "Spring report")?;
    let note = NewNote {
        kind: "free".into(),
        on: "03/10/2024".into(),
        sections: vec![Section { heading: String::new(), text: "Shaped a small boat.".into() }],
        ..NewNote::default()
    };
    let id = notes::start(vault, &code, note)?.summary.id;
    notes::sign(vault, id, None)?;
    clients::change_state(vault, &code, "ended", "31/03/2026", "planned ending")?;
    Ok(code)
}

#[test]
fn a_due_piece_and_letter_go_on_their_own_and_every_other_record_of_the_client_stays() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = mia(&mut vault)?;

    // 22/11/2026: the client record is kept until 2051; the held piece and the older letter are due.
    let preview = retention::preview(&vault)?;
    assert!(preview.waiting.is_empty(), "the client record is not due, so nothing waits on it");
    assert_eq!(preview.clients.len(), 1);
    let due = &preview.clients[0];
    assert_eq!((due.client.as_str(), due.whole), (code.as_str(), false));
    let items: Vec<(Category, Option<&str>)> = due.items.iter().map(|i| (i.category, i.item.as_deref())).collect();
    assert_eq!(items, [(Category::Correspondence, Some("1")), (Category::Artwork, Some("ART-0001"))]);
    let counts: Vec<(Category, usize)> = due.counts.iter().map(|c| (c.category, c.count)).collect();
    assert_eq!(counts, [(Category::Correspondence, 1), (Category::Artwork, 1)]);

    let batch = retention::confirm(&mut vault, &pw(PASSWORD))?;
    let states: Vec<(Category, Option<String>, RetentionState)> =
        retention::status(&vault, "", Some(&code))?.into_iter().map(|e| (e.category, e.item, e.state)).collect();
    assert_eq!(
        states,
        [
            (Category::ClientRecord, None, RetentionState::Kept),
            (Category::Correspondence, Some("1".into()), RetentionState::DestructionPending),
            (Category::Correspondence, Some("2".into()), RetentionState::Kept),
            (Category::Artwork, Some("ART-0001".into()), RetentionState::DestructionPending),
            (Category::Media, Some("1".into()), RetentionState::Kept),
        ]
    );

    vault.set_clock(Clock::on(day("06/12/2026")));
    let before = rows(&vault)?;
    let done = retention::run_due(&mut vault)?;
    let after = rows(&vault)?;
    assert_eq!(done.len(), 1);
    assert_eq!((done[0].client.as_str(), done[0].batch), (code.as_str(), batch.id));
    let kept: Vec<(Category, usize, String)> =
        done[0].categories.iter().map(|c| (c.category, c.count, folio_core::dates::format_uk(c.due_on))).collect();
    assert_eq!(kept, [(Category::Correspondence, 1, "05/02/2026".into()), (Category::Artwork, 1, "31/05/2026".into())]);
    assert_eq!(retention::batch(&vault, batch.id)?.state, BatchState::Done);

    // Exactly the piece (with its one placing), the letter, its attachment and its chunks
    // went; the run left its record, its run row and its audit entry. Nothing else moved.
    let mut expected: BTreeMap<String, i64> = [
        ("artwork", -1),
        ("artwork_events", -1),
        ("audit_log", 1),
        ("correspondence", -1),
        ("correspondence_attachments", -1),
        ("destruction_records", 1),
        ("destruction_runs", 1),
        ("retired_ids", 2),
    ]
    .into_iter()
    .map(|(t, n)| (t.to_string(), n))
    .collect();
    let delta = changed(&before, &after);
    let blob_tables: Vec<&String> = delta.keys().filter(|t| t.starts_with("blob")).collect();
    assert!(!blob_tables.is_empty(), "the letter's stored file went: {delta:?}");
    for t in blob_tables {
        assert!(delta[t] < 0, "{t}: {delta:?}");
        expected.insert(t.clone(), delta[t]);
    }
    assert_eq!(delta, expected);

    // The rest of the client, as it was.
    assert_eq!(clients::show(&vault, &code)?.summary.code, code);
    let pieces: Vec<String> = artwork::list(&vault, Some(&code))?.into_iter().map(|a| a.reference).collect();
    assert_eq!(pieces, ["ART-0002"]);
    assert!(message(artwork::show(&vault, "ART-0001")).contains("artwork"), "the destroyed piece is not found");
    assert_eq!(media::list(&vault, Some(&code))?.len(), 1, "the photo of the piece taken home stays");
    let letters = correspondence::list(&vault, &code)?;
    assert_eq!(letters.iter().map(|l| l.summary.as_str()).collect::<Vec<_>>(), ["Spring report"]);
    let mut copy = Vec::new();
    correspondence::export_attachment(&mut vault, letters[0].attachments[0].id, &mut copy)?;
    assert_eq!(copy, "Spring report ".repeat(30_000).into_bytes(), "the kept letter's attachment is whole");
    let found = search::search(&vault, &SearchForm { query: "boat".into(), ..SearchForm::default() })?;
    assert_eq!(found.len(), 1, "the note stays, searchable");
    assert_eq!(artwork::locations(&vault)?.len(), 1, "the place the other piece was kept stays named");
    let states: Vec<(Category, RetentionState)> =
        retention::status(&vault, "", Some(&code))?.into_iter().map(|e| (e.category, e.state)).collect();
    assert_eq!(
        states,
        [
            (Category::ClientRecord, RetentionState::Kept),
            (Category::Correspondence, RetentionState::Kept),
            (Category::Media, RetentionState::Kept)
        ]
    );
    assert!(retention::preview(&vault)?.clients.is_empty(), "nothing more is due");
    assert!(retention::run_due(&mut vault)?.is_empty(), "a batch runs once");
    assert!(vault.verify()?.is_ok(), "the vault and its audit chain verify");
    Ok(())
}

#[test]
fn a_due_piece_waits_for_its_photo_kept_with_the_client_record_and_goes_with_it_once_the_photo_is_due() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = mia(&mut vault)?;
    let png = folio_core::demo::square_png([4, 5, 6], 8);
    let photo = MediaForm { kind: "photo".into(), artwork: Some("ART-0001".into()), ..MediaForm::default() };
    let photo = media::add_stream(&mut vault, &code, photo, "figure.png", &mut &png[..])?.id;

    // The photo is kept with the client record (until 2051): the piece waits with it; the
    // letter that is due still goes.
    let preview = retention::preview(&vault)?;
    let items: Vec<(Category, Option<&str>)> =
        preview.clients[0].items.iter().map(|i| (i.category, i.item.as_deref())).collect();
    assert_eq!(items, [(Category::Correspondence, Some("1"))]);
    assert_eq!(preview.waiting.len(), 1);
    assert!(preview.waiting[0].reason.contains("ART-0001"), "{:?}", preview.waiting);
    retention::confirm(&mut vault, &pw(PASSWORD))?;
    vault.set_clock(Clock::on(day("06/12/2026")));
    let done = retention::run_due(&mut vault)?;
    let went: Vec<(Category, usize)> = done[0].categories.iter().map(|c| (c.category, c.count)).collect();
    assert_eq!(went, [(Category::Correspondence, 1)]);
    assert_eq!(artwork::show(&vault, "ART-0001")?.reference, "ART-0001");
    assert_eq!(media::show(&vault, photo)?.artwork.as_deref(), Some("ART-0001"), "the photo is kept");

    // Once photos are kept only until their own date, the piece and every photo go together,
    // each counted: the review and the record say what went.
    let now = Rule {
        cases: vec![Case { when: When::Always, terms: vec![Term { anchor: Anchor::Own, years: 0, months: 0 }] }],
    };
    retention::set_rule(&mut vault, Category::Media, now)?;
    let preview = retention::preview(&vault)?;
    let items: Vec<(Category, Option<&str>)> =
        preview.clients[0].items.iter().map(|i| (i.category, i.item.as_deref())).collect();
    let photo_id = photo.to_string();
    assert_eq!(
        items,
        [
            (Category::Artwork, Some("ART-0001")),
            (Category::Media, Some("1")),
            (Category::Media, Some(photo_id.as_str()))
        ]
    );
    assert!(preview.waiting.is_empty(), "{:?}", preview.waiting);
    retention::confirm(&mut vault, &pw(PASSWORD))?;
    vault.set_clock(Clock::on(day("20/12/2026")));
    let done = retention::run_due(&mut vault)?;
    let went: Vec<(Category, usize)> = done[0].categories.iter().map(|c| (c.category, c.count)).collect();
    assert_eq!(went, [(Category::Artwork, 1), (Category::Media, 2)]);
    assert!(media::list(&vault, Some(&code))?.is_empty() && artwork::list(&vault, Some(&code))?.len() == 1);
    assert!(vault.verify()?.is_ok());
    Ok(())
}
