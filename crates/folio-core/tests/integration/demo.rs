use folio_core::agreements::{self, AgreementKind};
use folio_core::clients::{self, ClientFilter, ClientState};
use folio_core::complaints::{self, ComplaintState};
use folio_core::consents::{self, ConsentState, GivenByRole, Purpose};
use folio_core::disclosures::{self, Basis};
use folio_core::incidents::{self, IncidentState};
use folio_core::notes::search::{self, SearchForm};
use folio_core::notes::{self, NoteKind, NoteState};
use folio_core::safeguarding;
use folio_core::{demo, sessions, Clock, Result};

use crate::{create, day, pw, tempdir, unlock, PASSWORD, TODAY};

/// Every column (or JSON member) that holds a value from a closed list.
pub const CHOICE_COLUMNS: &[(&str, &str)] = &[
    ("clients", "state"),
    ("clients", "modality"),
    ("clients", "funding"),
    ("clients", "json_extract(referral, '$.referrer')"),
    ("clients", "json_extract(referral, '$.modality')"),
    ("clients", "json_extract(referral, '$.funding')"),
    ("client_state_changes", "from_state"),
    ("client_state_changes", "to_state"),
    ("sessions", "mode"),
    ("sessions", "outcome"),
    ("correspondence", "kind"),
    ("correspondence", "direction"),
    ("correspondence", "counterpart"),
    ("professionals", "role"),
    ("consents", "purpose"),
    ("consents", "how"),
    ("consents", "given_by_role"),
    ("agreements", "kind"),
    ("disclosures", "recipient"),
    ("disclosures", "basis"),
    ("disclosures", "told"),
    ("complaints", "how"),
    ("complaint_stages", "stage"),
];

/// The stored choice values that are not kebab-case, as "table.column = value".
pub fn snake_case_values(vault: &folio_core::Vault) -> Result<Vec<String>> {
    let conn = vault.connection_for_tests();
    let mut found = Vec::new();
    for (table, column) in CHOICE_COLUMNS {
        // A vault of an older schema (a migration test) may not have the table yet.
        let exists: bool = conn
            .query_row("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1)", [table], |r| {
                r.get(0)
            })
            .map_err(crate::sql)?;
        if !exists {
            continue;
        }
        let sql = format!("SELECT DISTINCT {column} FROM {table} WHERE instr({column}, '_') > 0");
        let mut stmt = conn.prepare(&sql).map_err(crate::sql)?;
        let values = stmt.query_map([], |r| r.get::<_, String>(0)).map_err(crate::sql)?;
        for value in values {
            found.push(format!("{table}.{column} = {}", value.map_err(crate::sql)?));
        }
    }
    Ok(found)
}

#[test]
fn the_demo_practice_is_lived_in_deterministic_and_sound() -> Result<()> {
    let tmp = tempdir();
    let clock = Clock::on(day(TODAY));
    let a = demo::create(&tmp.path().join("a"), &pw(PASSWORD), 12, 42, clock)?;
    let b = demo::create(&tmp.path().join("b"), &pw(PASSWORD), 12, 42, clock)?;
    assert!(a.handover_shares.as_deref().is_some_and(|f| f.ends_with("a-handover-shares")), "{a:?}");
    let without_folder = |s: &demo::DemoSummary| demo::DemoSummary { handover_shares: None, ..s.clone() };
    assert_eq!(without_folder(&a), without_folder(&b), "same seed, same practice (the shares beside each vault)");
    assert_eq!(a.clients, 12);
    assert!(a.sessions > 20, "{a:?}");
    let vault = unlock(&tmp.path().join("a"))?;
    let list = clients::list(&vault, &ClientFilter::default())?;
    assert_eq!(list.len(), 12);
    let states: std::collections::HashSet<_> = list.iter().map(|c| c.state).collect();
    assert!(states.len() >= 2, "a lived-in practice has clients in several states: {states:?}");
    let record = clients::show(&vault, &list[0].code)?;
    assert!(record.referral.difficulty.ends_with("(demo text)"), "plainly fictional");
    assert!(list.iter().all(|c| c.referral_date <= day(TODAY)), "nothing is referred after the clock's today");
    assert!(vault.verify()?.is_ok());
    Ok(())
}

#[test]
fn the_demo_practice_has_signed_draft_and_amended_notes_that_name_no_one() -> Result<()> {
    let tmp = tempdir();
    let made = demo::create(&tmp.path().join("v"), &pw(PASSWORD), 12, 42, Clock::on(day(TODAY)))?;
    let vault = unlock(&tmp.path().join("v"))?;
    let mut all = Vec::new();
    for client in clients::list(&vault, &ClientFilter::default())? {
        for summary in notes::list(&vault, &client.code)? {
            all.push(notes::show(&vault, summary.id)?);
        }
    }
    assert_eq!(all.len(), made.notes, "{made:?}");
    assert!(all.len() > 40, "a lived-in practice has many notes: {made:?}");

    // Initials only: the identifier check finds nothing in any demo note's current text.
    for note in &all {
        let hits = notes::hits_of(&vault, note)?;
        assert!(hits.is_empty(), "note {} ({}): {:?}", note.summary.id, note.summary.code, hits);
        assert!(note.kept.is_empty(), "nothing is kept with a reason: the demo names no one");
    }

    let count = |f: &dyn Fn(&notes::Note) -> bool| all.iter().filter(|n| f(n)).count();
    let signed = count(&|n| n.summary.state == NoteState::Signed);
    let drafts = notes::drafts(&vault)?;
    assert!(signed > drafts.len() * 3, "most notes are signed: {signed} signed, {} drafts", drafts.len());
    assert!(!drafts.is_empty(), "a few recent notes are drafts");
    let waiting = drafts.iter().filter(|d| d.needs_signature).count();
    assert!(
        (1..=2).contains(&waiting),
        "one or two drafts wait more than a week for a signature: {:?}",
        drafts.iter().map(|d| d.days_old).collect::<Vec<_>>()
    );
    let ages: Vec<i64> = drafts.iter().map(|d| d.days_old).collect();
    assert!(drafts.iter().any(|d| !d.needs_signature), "and some are this week's: {ages:?}");
    for kind in
        [NoteKind::SessionNote, NoteKind::ProgressReview, NoteKind::Assessment, NoteKind::EndOfTherapy, NoteKind::Free]
    {
        assert!(count(&|n| n.summary.kind == kind) > 0, "{kind:?}");
    }
    let amended: Vec<&notes::Note> = all.iter().filter(|n| n.versions.len() > 1).collect();
    assert!((1..=3).contains(&amended.len()), "a couple of amendments: {}", amended.len());
    assert!(amended.iter().all(|n| !n.versions[1].reason.is_empty()), "each with its reason");
    let flagged = count(&|n| n.summary.see_risk || n.summary.see_safeguarding);
    assert!((1..=2).contains(&flagged), "one or two notes raise a concern: {flagged}");
    let quiet = count(&|n| n.sections.iter().any(|s| s.heading == "Risk" && s.text == "No concerns noted."));
    assert!(quiet > all.len() / 2, "most say there is nothing to report");

    // Themes vary by modality: art notes describe materials, music notes instruments.
    let text_of = |n: &notes::Note| n.sections.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join("\n");
    assert!(all.iter().any(|n| text_of(n).contains("pastels") || text_of(n).contains("clay")));
    assert!(all.iter().any(|n| text_of(n).contains("djembe") || text_of(n).contains("xylophone")));

    // Search finds a demo word, and the hit shows the client by code and initials.
    let hits = search::search(&vault, &SearchForm { query: "endings".into(), ..SearchForm::default() })?;
    assert!(!hits.is_empty());
    let hits = search::search(&vault, &SearchForm { query: "improvis*".into(), ..SearchForm::default() })?;
    assert!(!hits.is_empty());
    assert!(vault.verify()?.is_ok());
    Ok(())
}

#[test]
fn the_demo_stores_every_choice_in_kebab_case() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(&tmp.path().join("v"));
    let summary = demo::fill(&mut vault, 25, 7)?;
    assert!(summary.sessions > 0, "{summary:?}");
    assert_eq!(snake_case_values(&vault)?, Vec::<String>::new());
    // Not vacuous: multi-word values are there, spelled with hyphens.
    let in_therapy: i64 = vault
        .connection_for_tests()
        .query_row(
            "SELECT count(*) FROM client_state_changes WHERE to_state = ?1",
            [ClientState::InTherapy.as_str()],
            |r| r.get(0),
        )
        .map_err(crate::sql)?;
    assert!(in_therapy > 0);
    let in_person: i64 = vault
        .connection_for_tests()
        .query_row("SELECT count(*) FROM sessions WHERE mode = ?1", [sessions::Mode::InPerson.as_str()], |r| r.get(0))
        .map_err(crate::sql)?;
    assert!(in_person > 0);
    Ok(())
}

#[test]
fn the_demo_practice_keeps_a_lived_in_consent_ledger_agreements_disclosures_and_safeguarding_log() -> Result<()> {
    let tmp = tempdir();
    let clock = Clock::on(day(TODAY));
    let made = demo::create(&tmp.path().join("v"), &pw(PASSWORD), 12, 42, clock)?;
    let again = demo::create(&tmp.path().join("w"), &pw(PASSWORD), 12, 42, clock)?;
    assert_eq!(made.consents, again.consents, "same seed, same ledger");
    assert_eq!(
        (made.agreements, made.disclosures, made.safeguarding_entries),
        (again.agreements, again.disclosures, again.safeguarding_entries)
    );
    let vault = unlock(&tmp.path().join("v"))?;
    let all = consents::list(&vault, None)?;
    assert_eq!(all.len(), made.consents, "{made:?}");
    let has = |f: &dyn Fn(&consents::Consent) -> bool| all.iter().any(f);
    let count = |f: &dyn Fn(&consents::Consent) -> bool| all.iter().filter(|c| f(c)).count();

    // Who gave them: parents for children, adults themselves, a young person judged competent.
    assert!(has(&|c| c.purpose == Purpose::ParentalTherapy && c.given_by_role == GivenByRole::ParentalResponsibility));
    assert!(has(&|c| c.purpose == Purpose::Therapy
        && c.given_by_role == GivenByRole::Client
        && c.competence.is_empty()));
    let young: std::collections::BTreeSet<&str> = all
        .iter()
        .filter(|c| c.given_by_role == GivenByRole::Client && !c.competence.is_empty())
        .map(|c| c.client.as_str())
        .collect();
    let young = young.len();
    assert!((1..=2).contains(&young), "a young person or two consent with the competence judgement: {young}");
    assert!(all.iter().all(|c| !c.told.is_empty()), "what each was told is recorded");
    // Photos and supervision for many; the opt-ins for a few; the online-contact consent kept.
    assert!(count(&|c| c.purpose == Purpose::ArtworkPhotos) >= 3);
    assert!(count(&|c| c.purpose == Purpose::Supervision) >= 5);
    let opt_ins = count(&|c| c.purpose.is_optional());
    assert!(opt_ins >= 1 && opt_ins < made.clients, "optional uses are opted into by a few: {opt_ins}");
    assert!(has(&|c| c.purpose == Purpose::OnlineContact && c.written));

    // Every state, two withdrawals (one of them the photos' consent), reviews, and a refresh
    // replacing an older consent.
    for state in [ConsentState::Current, ConsentState::ReviewDue, ConsentState::Expired, ConsentState::Withdrawn] {
        assert!(has(&|c| c.state == state), "a consent {state:?}");
    }
    assert_eq!(count(&|c| c.withdrawal.is_some()), 2, "two withdrawals");
    assert!(has(&|c| c.withdrawal.is_some() && c.purpose == Purpose::ArtworkPhotos), "the photos' consent withdrawn");
    assert!(has(&|c| !c.reviewed.is_empty()), "some were reviewed");
    assert!(has(&|c| c.replaced_by.is_some()), "a refresh replaces an older consent");
    assert!(!consents::due(&vault, "")?.is_empty(), "some are due");
    let mut at_school = 0;
    for client in clients::list(&vault, &ClientFilter::default())? {
        at_school += usize::from(clients::show(&vault, &client.code)?.referral.setting_is_school);
    }
    assert!(at_school >= 1, "some children's settings are marked as schools");

    // Agreements: signed contract and confidentiality for most clients, current.
    let mut with_both = 0;
    let (mut agreements_seen, mut disclosures_seen, mut entries) = (0, Vec::new(), Vec::new());
    for client in clients::list(&vault, &ClientFilter::default())? {
        let signed = agreements::list(&vault, &client.code)?;
        agreements_seen += signed.len();
        let current = |kind| signed.iter().any(|a| a.kind == kind && a.current);
        if current(AgreementKind::TherapyContract) && current(AgreementKind::Confidentiality) {
            with_both += 1;
        }
        disclosures_seen.extend(disclosures::list(&vault, &client.code)?);
        entries.extend(safeguarding::list(&vault, &client.code)?);
    }
    assert_eq!(agreements_seen, made.agreements);
    assert!(with_both * 2 > made.clients, "most clients: {with_both} of {}", made.clients);

    // Disclosures: supervision, the school on a consent, one safeguarding with its reason.
    assert_eq!(disclosures_seen.len(), made.disclosures);
    assert!(disclosures_seen.iter().any(|d| d.basis == Basis::Supervision));
    assert!(disclosures_seen.iter().any(|d| d.basis == Basis::Consent && d.consent.is_some()));
    let safeguarding_shared: Vec<_> = disclosures_seen.iter().filter(|d| d.basis == Basis::Safeguarding).collect();
    assert_eq!(safeguarding_shared.len(), 1);
    assert!(!safeguarding_shared[0].reason.is_empty());

    // The safeguarding log: one concern and its follow-up, in initials only, for a child
    // whose referral has the safeguarding flag.
    assert_eq!(entries.len(), 2, "{entries:?}");
    assert_eq!(made.safeguarding_entries, 2);
    let first = entries.iter().find(|e| e.follows.is_none()).unwrap_or_else(|| panic!("no first entry"));
    assert!(entries.iter().any(|e| e.follows == Some(first.id) && !e.outcome.is_empty()));
    assert_eq!(first.disclosure, Some(safeguarding_shared[0].id));
    assert!(entries.iter().all(|e| e.kept.is_empty()), "nothing kept: the check found no identifier");
    assert!(first.account.contains(&first.initials));
    assert!(clients::show(&vault, &first.client)?.referral.safeguarding_concern, "the flagged client");
    assert!(safeguarding::has_entries(&vault, &first.client)?);

    // The registers: a closed complaint with its stages and an open one; an incident reported
    // in time, one decided not to report with its reason, one open with 14 hours left.
    let register = complaints::list(&vault, None)?;
    assert_eq!((register.len(), made.complaints), (2, 2));
    assert_eq!(register[0].state, ComplaintState::Open, "open first");
    assert!(complaints::open_for_client(&vault, register[0].client.as_deref().unwrap_or_default())?);
    assert_eq!((register[1].state, register[1].stages.len()), (ComplaintState::Closed, 2));
    assert!(!register[1].outcome.is_empty() && !register[1].response.is_empty());
    let log = incidents::list(&vault)?;
    let states: Vec<IncidentState> = log.iter().map(|i| i.state).collect();
    assert_eq!(states, [IncidentState::Open, IncidentState::Reported, IncidentState::NotReported]);
    assert_eq!((made.incidents, log[0].countdown.as_str()), (3, "14 hours left"));
    assert!(log[1].late_reason.is_empty() && log[1].reported_on.is_some_and(|on| on <= log[1].report_by));
    assert!(!log[2].decision_reason.is_empty());
    assert!(vault.verify()?.is_ok());
    Ok(())
}

#[test]
fn the_demo_practice_logs_correspondence_initials_only_with_a_child_s_evening_text_kept_with_its_warning() -> Result<()>
{
    use folio_core::correspondence::{self, Counterpart, Direction, Kind};
    let tmp = tempdir();
    let made = demo::create(&tmp.path().join("v"), &pw(PASSWORD), 40, 2026, Clock::on(day(TODAY)))?;
    let vault = unlock(&tmp.path().join("v"))?;
    let mut logged = Vec::new();
    for client in clients::list(&vault, &ClientFilter::default())? {
        logged.extend(correspondence::list(&vault, &client.code)?);
    }
    assert_eq!(logged.len(), made.correspondence, "{made:?}");
    assert!(logged.iter().any(|e| e.kind == Kind::PhoneCall && e.counterpart == Counterpart::Parent));
    assert!(logged.iter().any(|e| e.kind == Kind::Letter && e.counterpart == Counterpart::School));
    let text = logged.iter().find(|e| e.kind == Kind::Text && e.direction == Direction::In);
    let text = text.unwrap_or_else(|| panic!("a child's text: {logged:?}"));
    assert!(text.warnings.iter().any(|w| w.starts_with("Outside an appointment")), "{:?}", text.warnings);
    assert!(logged.iter().all(|e| e.kept.is_empty()), "the demo's summaries name no one");
    Ok(())
}

#[test]
fn the_demo_practice_keeps_an_artwork_inventory_across_locations_held_returned_disposed_due_and_overdue() -> Result<()>
{
    use folio_core::artwork::{self, ArtworkState, CollectionState};
    let tmp = tempdir();
    let made = demo::create(&tmp.path().join("v"), &pw(PASSWORD), 40, 2026, Clock::on(day(TODAY)))?;
    let vault = unlock(&tmp.path().join("v"))?;
    let items = artwork::list(&vault, None)?;
    assert_eq!(items.len(), made.artwork);
    let has = |f: &dyn Fn(&artwork::Artwork) -> bool| items.iter().any(f);
    assert!(has(&|i| i.state == ArtworkState::Held && i.collection == CollectionState::NotDue), "held in therapy");
    assert!(has(&|i| i.state == ArtworkState::Returned), "collected");
    assert!(has(&|i| i.state == ArtworkState::Disposed), "disposed of after the two months");
    assert!(has(&|i| i.collection == CollectionState::Overdue), "overdue");
    assert!(has(&|i| i.collection == CollectionState::Due), "due for collection (therapy ended two weeks ago)");
    assert!(artwork::locations(&vault)?.len() >= 2, "several locations");
    assert!(items.iter().all(|i| i.session.is_some()), "each made in a session of the register");

    // A few photos of those pieces, each behind a consent for photos of artwork.
    let photos = folio_core::media::list(&vault, None)?;
    assert_eq!(photos.len(), made.media);
    assert!((1..=6).contains(&made.media), "a few photos: {}", made.media);
    for photo in &photos {
        assert_eq!(photo.kind, folio_core::media::MediaKind::Photo);
        assert!(photo.artwork.is_some(), "each shows a piece of the inventory");
        let consent = folio_core::consents::show(&vault, photo.consent)?;
        assert_eq!(consent.purpose, folio_core::consents::Purpose::ArtworkPhotos);
        let (media_type, bytes) = folio_core::media::photo_bytes(&vault, photo.id)?;
        assert_eq!(media_type, "image/png");
        assert!(img_parts::png::Png::from_bytes(bytes.to_vec().into()).is_ok(), "a readable PNG");
    }
    // The last client photographed withdrew the consent: their photos wait for review.
    let review = folio_core::media::needing_review(&vault)?;
    assert!(!review.is_empty() && review.iter().all(|m| m.client == photos[0].client), "{review:?}");
    assert!(review.iter().all(|m| m.review.as_deref().is_some_and(|r| r.contains("withdrawn"))));

    // A retention policy, so every record has its date; one client's records on hold.
    use folio_core::retention::{self, RetentionState};
    assert_eq!(retention::policy(&vault)?.map(|p| p.preset).as_deref(), Some("bedfordshire"));
    assert_eq!(retention::holds(&vault, None)?.len(), 1);
    let status = retention::status(&vault, "", None)?;
    for state in [RetentionState::InTherapy, RetentionState::Kept, RetentionState::Due, RetentionState::OnHold] {
        assert!(status.iter().any(|e| e.state == state), "an entry {state:?}");
    }
    Ok(())
}
