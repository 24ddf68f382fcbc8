use folio_core::clients::{self, ClientFilter, ClientState};
use folio_core::notes::search::{self, SearchForm};
use folio_core::notes::{self, NoteKind, NoteState};
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
];

/// The stored choice values that are not kebab-case, as "table.column = value".
pub fn snake_case_values(vault: &folio_core::Vault) -> Result<Vec<String>> {
    let conn = vault.connection_for_tests();
    let mut found = Vec::new();
    for (table, column) in CHOICE_COLUMNS {
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
    assert_eq!(a, b, "same seed, same practice");
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
