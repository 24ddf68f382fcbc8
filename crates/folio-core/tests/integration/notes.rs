//! Notes: drafts that save themselves without flooding the audit log, signing refused while
//! the identifier check finds something, amendments that keep every version, search that
//! follows the current text, "see note" flags, templates, and drafts needing signature.

use folio_core::clients;
use folio_core::notes::identifiers::HitKind;
use folio_core::notes::rules::Section;
use folio_core::notes::search::{self, SearchForm};
use folio_core::notes::{self, templates, Amendment, DraftText, KeptIdentifier, NewNote, NoteState};
use folio_core::referrals::ReferralForm;
use folio_core::sessions::{self, SessionForm};
use folio_core::{Clock, Result, Vault};

use crate::{create, day, message, referral, sql, tempdir, unlock};

/// Zoë O'Brien-Hart, music therapy, in therapy since 15/09/2026 with one attended session on
/// 20/11/2026. Returns (code, session id).
fn client_with_session(vault: &mut Vault) -> Result<(String, i64)> {
    let form = ReferralForm {
        modality: "music".into(),
        address: "12 Orchard Lane\nCambridge".into(),
        ..referral("Zoë", "O'Brien-Hart", "07/04/2013", "01/09/2026")
    };
    let client = clients::add_referral(vault, form)?;
    clients::change_state(vault, &client.code, "assessment", "08/09/2026", "")?;
    clients::change_state(vault, &client.code, "in-therapy", "15/09/2026", "")?;
    let session = sessions::add(
        vault,
        &client.code,
        SessionForm { on: "20/11/2026".into(), outcome: "attended".into(), ..SessionForm::default() },
    )?;
    Ok((client.code, session.id))
}

fn session_note(session: i64) -> NewNote {
    NewNote { kind: "session-note".into(), session: Some(session), ..NewNote::default() }
}

fn with_text(sections: &[Section], heading: &str, text: &str) -> Vec<Section> {
    sections
        .iter()
        .map(
            |s| {
                if s.heading == heading {
                    Section { heading: s.heading.clone(), text: text.into() }
                } else {
                    s.clone()
                }
            },
        )
        .collect()
}

fn audit_actions(vault: &Vault) -> Result<Vec<String>> {
    Ok(vault.audit_recent(1000)?.into_iter().map(|e| e.action).collect())
}

fn found(vault: &Vault, query: &str) -> Result<Vec<i64>> {
    Ok(search::search(vault, &SearchForm { query: query.into(), ..SearchForm::default() })?
        .into_iter()
        .map(|h| h.id)
        .collect())
}

#[test]
fn a_session_note_starts_from_the_music_template_and_autosaves_without_audit_entries() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let (code, session) = client_with_session(&mut vault)?;
    let note = notes::start(&mut vault, &code, session_note(session))?;
    let headings: Vec<&str> = note.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings[0], "Themes");
    assert!(headings.contains(&"Music made: instruments and musical elements"), "{headings:?}");
    assert_eq!(note.summary.on, day("20/11/2026"), "a session note takes its session's date");
    assert_eq!(note.summary.state, NoteState::Draft);
    assert_eq!(note.summary.initials, "ZO");

    let before = audit_actions(&vault)?.len();
    for i in 0..20 {
        let sections = with_text(&note.sections, "Themes", &format!("Played the drum loudly, then softly ({i})."));
        notes::save_draft(&mut vault, note.summary.id, DraftText { sections, kept: vec![] })?;
    }
    assert_eq!(audit_actions(&vault)?.len(), before, "autosaves add no audit entries");
    let saved = notes::show(&vault, note.summary.id)?;
    assert_eq!(saved.sections[0].text, "Played the drum loudly, then softly (19).");
    assert!(audit_actions(&vault)?.contains(&"note.draft_started".to_string()));

    // Without a session, a session note is refused; another kind takes today.
    assert!(message(notes::start(&mut vault, &code, NewNote { kind: "session-note".into(), ..NewNote::default() }))
        .contains("session"));
    let free = notes::start(&mut vault, &code, NewNote { kind: "free".into(), ..NewNote::default() })?;
    assert_eq!(free.sections, vec![Section::default()], "a free note is one untitled section");
    assert_eq!(free.summary.on, day("22/11/2026"));
    assert!(message(notes::start(
        &mut vault,
        &code,
        NewNote { kind: "free".into(), on: "23/11/2026".into(), ..NewNote::default() }
    ))
    .contains("day still to come"));
    Ok(())
}

#[test]
fn a_draft_is_there_after_the_vault_locks_and_opens_again() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let (code, session) = client_with_session(&mut vault)?;
    let note = notes::start(&mut vault, &code, session_note(session))?;
    let sections = with_text(&note.sections, "Themes", "Built a tower of chime bars, then knocked it down.");
    notes::save_draft(&mut vault, note.summary.id, DraftText { sections: sections.clone(), kept: vec![] })?;
    vault.lock()?;
    let vault = unlock(tmp.path())?;
    assert_eq!(notes::show(&vault, note.summary.id)?.sections, sections);
    assert_eq!(notes::drafts(&vault)?.len(), 1);
    Ok(())
}

#[test]
fn signing_is_refused_while_the_note_identifies_someone_and_the_message_names_no_one() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let (code, session) = client_with_session(&mut vault)?;
    let note = notes::start(&mut vault, &code, session_note(session))?;
    let id = note.summary.id;
    let sections = with_text(&note.sections, "Themes", "Zoe said O'Brien is her dad's name. Born 7th April 2013.");
    notes::save_draft(&mut vault, id, DraftText { sections: sections.clone(), kept: vec![] })?;

    let refusal = message(notes::sign(&mut vault, id, None));
    assert!(refusal.contains("3 places"), "{refusal}");
    assert!(refusal.contains("the client's first name (in the section “Themes”)"), "{refusal}");
    assert!(refusal.contains("the client's date of birth"), "{refusal}");
    for secret in ["Zoe", "O'Brien", "April", "2013"] {
        assert!(!refusal.contains(secret), "the message must not quote the note: {refusal}");
    }
    assert_eq!(notes::show(&vault, id)?.summary.state, NoteState::Draft, "nothing was signed");

    // The live check shows each hit in its section with a suggestion.
    let mut live = notes::LiveCheck::default();
    let hits = live.check(&vault, &code, &sections, &[])?;
    assert_eq!(hits.len(), 3);
    assert_eq!(hits[0].section, 0);
    assert_eq!(hits[0].described, "Zoe — the client's first name");
    assert_eq!(hits[0].hit.suggestion.as_deref(), Some("ZO"));

    // Replaced by initials, and the surname kept with a reason: signing works and the
    // reason is recorded with the signed version.
    let fixed = with_text(&note.sections, "Themes", "ZO said O'Brien is her dad's name.");
    let kept = vec![KeptIdentifier {
        text: "O'Brien".into(),
        kind: HitKind::FamilyName,
        reason: "the father's surname is the theme".into(),
    }];
    let left = live.check(&vault, &code, &fixed, &kept)?;
    assert!(left.is_empty(), "{left:?}");
    notes::save_draft(&mut vault, id, DraftText { sections: fixed, kept })?;
    let signed = notes::sign(&mut vault, id, None)?;
    assert_eq!(signed.summary.state, NoteState::Signed);
    assert_eq!(signed.versions.len(), 1);
    assert_eq!(signed.versions[0].kept[0].reason, "the father's surname is the theme");
    assert_eq!(signed.signed_by.as_deref(), Some("therapist"));
    assert!(signed.summary.signed_at.is_some());
    Ok(())
}

#[test]
fn a_signed_note_refuses_edits_and_amendments_keep_every_version() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let (code, session) = client_with_session(&mut vault)?;
    let note = notes::start(&mut vault, &code, session_note(session))?;
    let id = note.summary.id;
    let original = with_text(&note.sections, "Themes", "Played the xylophone; spoke about the zebra drawing.");
    notes::save_draft(&mut vault, id, DraftText { sections: original.clone(), kept: vec![] })?;
    notes::sign(&mut vault, id, None)?;

    let edit = notes::save_draft(&mut vault, id, DraftText { sections: original.clone(), kept: vec![] });
    assert!(message(edit).contains("signed and locked"));
    assert!(message(notes::discard(&mut vault, id)).contains("signed and locked"));
    assert!(message(notes::sign(&mut vault, id, None)).contains("already signed"));

    // An amendment needs a reason and a change.
    let amended_text = with_text(&note.sections, "Themes", "Played the xylophone; spoke about the giraffe drawing.");
    let no_reason = Amendment { reason: " ".into(), sections: amended_text.clone(), kept: vec![] };
    assert!(message(notes::amend(&mut vault, id, no_reason, None)).contains("Say why"));
    let unchanged = Amendment { reason: "typo".into(), sections: original.clone(), kept: vec![] };
    assert!(message(notes::amend(&mut vault, id, unchanged, None)).contains("same"));
    assert_eq!(found(&vault, "zebra")?, vec![id]);

    let amended = notes::amend(
        &mut vault,
        id,
        Amendment { reason: "wrong animal".into(), sections: amended_text.clone(), kept: vec![] },
        None,
    )?;
    assert_eq!(amended.versions.len(), 2);
    assert_eq!(amended.versions[0].sections, original, "the original stays readable");
    assert_eq!(amended.versions[1].reason, "wrong animal");
    assert_eq!(amended.sections, amended_text);
    assert_eq!(amended.summary.versions, 2);

    // Search follows the current text: the new word is found, the amended-away one is not.
    assert_eq!(found(&vault, "giraffe")?, vec![id]);
    assert!(found(&vault, "zebra")?.is_empty());
    assert_eq!(found(&vault, "xylo*")?, vec![id]);
    assert_eq!(found(&vault, "\"giraffe drawing\"")?, vec![id]);
    assert!(found(&vault, "\"drawing giraffe\"")?.is_empty());

    // secure-delete: no token of the removed word is left in the index's pages.
    let conn = vault.connection_for_tests();
    let mut stmt = conn.prepare("SELECT block FROM note_search_data").map_err(sql)?;
    let blocks: Vec<Vec<u8>> =
        stmt.query_map([], |r| r.get::<_, Vec<u8>>(0)).map_err(sql)?.collect::<rusqlite::Result<_>>().map_err(sql)?;
    assert!(blocks.iter().any(|b| b.windows(7).any(|w| w == b"giraffe")), "the index holds the current words");
    assert!(!blocks.iter().any(|b| b.windows(5).any(|w| w == b"zebra")), "no token of a removed word is left");

    let actions = audit_actions(&vault)?;
    for action in ["note.draft_started", "note.signed", "note.amended"] {
        assert_eq!(actions.iter().filter(|a| *a == action).count(), 1, "{action}");
    }
    Ok(())
}

#[test]
fn search_filters_by_client_kind_and_dates_and_marks_the_hit() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let (code, session) = client_with_session(&mut vault)?;
    let other = clients::add_referral(&mut vault, referral("Tom", "Ash", "01/01/2010", "01/09/2026"))?;
    let a = notes::start(
        &mut vault,
        &code,
        NewNote {
            sections: vec![Section { heading: "Themes".into(), text: "Anger at the ending of the group.".into() }],
            ..session_note(session)
        },
    )?;
    let b = notes::start(
        &mut vault,
        &other.code,
        NewNote {
            kind: "free".into(),
            on: "01/10/2026".into(),
            sections: vec![Section { heading: String::new(), text: "Angry phone call about the ending.".into() }],
            ..NewNote::default()
        },
    )?;
    let hits = search::search(&vault, &SearchForm { query: "ending".into(), ..SearchForm::default() })?;
    assert_eq!(hits.len(), 2);
    fn by_in(vault: &Vault, form: SearchForm) -> Result<Vec<i64>> {
        Ok(search::search(vault, &form)?.into_iter().map(|h| h.id).collect())
    }
    let by = |form: SearchForm| by_in(&vault, form);
    let q = || SearchForm { query: "ending".into(), ..SearchForm::default() };
    assert_eq!(by(SearchForm { client: code.clone(), ..q() })?, vec![a.summary.id]);
    assert_eq!(by(SearchForm { kind: "free".into(), ..q() })?, vec![b.summary.id]);
    assert_eq!(by(SearchForm { from: "01/11/2026".into(), ..q() })?, vec![a.summary.id]);
    assert_eq!(by(SearchForm { to: "31/10/2026".into(), ..q() })?, vec![b.summary.id]);
    assert_eq!(by(SearchForm { query: "ang*".into(), ..SearchForm::default() })?.len(), 2);
    let hit = &search::search(&vault, &SearchForm { client: code.clone(), ..q() })?[0];
    assert!(hit.snippet.contains("[ending]"), "{}", hit.snippet);
    assert_eq!(hit.client, format!("{code} (ZO)"));
    assert!(!hit.snippet.contains("Zo"), "results never show the name");
    assert!(message(search::search(&vault, &SearchForm { from: "31/02/2026".into(), ..q() })).contains("first date"));
    assert!(message(search::search(&vault, &SearchForm { from: "02/11/2026".into(), to: "01/11/2026".into(), ..q() }))
        .contains("before"));

    // Discarding a draft removes it from search and from the vault.
    notes::discard(&mut vault, b.summary.id)?;
    assert_eq!(by_in(&vault, q())?, vec![a.summary.id]);
    assert!(message(notes::show(&vault, b.summary.id)).contains("no note with that id"));
    assert!(audit_actions(&vault)?.contains(&"note.draft_discarded".to_string()));
    Ok(())
}

#[test]
fn a_filled_in_risk_section_marks_see_note_and_nothing_to_report_does_not() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let (code, session) = client_with_session(&mut vault)?;
    let note = notes::start(&mut vault, &code, session_note(session))?;
    let id = note.summary.id;
    let quiet = with_text(&with_text(&note.sections, "Risk", "No risk concerns."), "Safeguarding", "None noted.");
    let summary = notes::save_draft(&mut vault, id, DraftText { sections: quiet, kept: vec![] })?;
    assert!(!summary.see_risk && !summary.see_safeguarding);
    let worrying = with_text(&note.sections, "Safeguarding", "Said an older cousin hurts them; DSL told same day.");
    let summary = notes::save_draft(&mut vault, id, DraftText { sections: worrying, kept: vec![] })?;
    assert!(summary.see_safeguarding && !summary.see_risk);
    assert!(notes::list(&vault, &code)?[0].see_safeguarding);
    // It is not the referral's safeguarding concern (which retention counts).
    assert!(!clients::show(&vault, &code)?.summary.safeguarding);
    Ok(())
}

#[test]
fn an_edited_template_starts_new_notes_and_leaves_written_ones_alone() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let (code, session) = client_with_session(&mut vault)?;
    let before = notes::start(&mut vault, &code, session_note(session))?;
    let template = templates::set(&mut vault, "session-note-music", "What happened\nRisk\nNext time")?;
    assert!(template.edited);
    let after = notes::start(&mut vault, &code, session_note(session))?;
    let headings = |n: &notes::Note| n.sections.iter().map(|s| s.heading.clone()).collect::<Vec<_>>();
    assert_eq!(headings(&after), vec!["What happened", "Risk", "Next time"]);
    assert_eq!(notes::show(&vault, before.summary.id)?.sections.len(), 7, "a note keeps its headings");
    let reset = templates::reset(&mut vault, "session-note-music")?;
    assert!(!reset.edited && reset.headings.len() == 7);
    assert!(message(templates::set(&mut vault, "session-note-dance", "x")).contains("template"));
    Ok(())
}

#[test]
fn drafts_older_than_the_setting_need_signature() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let (code, session) = client_with_session(&mut vault)?;
    notes::start(&mut vault, &code, session_note(session))?;
    assert!(!notes::drafts(&vault)?[0].needs_signature);
    vault.set_clock(Clock::on(day("29/11/2026")));
    let drafts = notes::drafts(&vault)?;
    assert_eq!(drafts[0].days_old, 7);
    assert!(drafts[0].needs_signature, "7 days is the default");
    notes::set_draft_days(&mut vault, "10")?;
    assert!(!notes::drafts(&vault)?[0].needs_signature);
    assert!(message(notes::set_draft_days(&mut vault, "0")).contains("1 to 90"));
    Ok(())
}

#[test]
fn signing_with_keep_identifiers_records_the_reason_for_each_and_an_empty_note_is_refused() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let (code, session) = client_with_session(&mut vault)?;
    let empty = notes::start(&mut vault, &code, session_note(session))?;
    assert!(message(notes::sign(&mut vault, empty.summary.id, None)).contains("empty"));
    let note = notes::start(
        &mut vault,
        &code,
        NewNote {
            sections: vec![Section { heading: "Themes".into(), text: "Phoned 01223 456789 about Zoë.".into() }],
            ..session_note(session)
        },
    )?;
    assert!(message(notes::sign(&mut vault, note.summary.id, Some("  "))).contains("reason"));
    let signed = notes::sign(&mut vault, note.summary.id, Some("agreed with the client"))?;
    let kinds: Vec<HitKind> = signed.versions[0].kept.iter().map(|k| k.kind).collect();
    assert_eq!(kinds, vec![HitKind::Phone, HitKind::GivenName]);
    // An amendment carries forward only what is still in the text.
    let amended = notes::amend(
        &mut vault,
        note.summary.id,
        Amendment {
            reason: "number not needed".into(),
            sections: vec![Section { heading: "Themes".into(), text: "Phoned about Zoë.".into() }],
            kept: signed.kept.clone(),
        },
        None,
    )?;
    let kinds: Vec<HitKind> = amended.versions[1].kept.iter().map(|k| k.kind).collect();
    assert_eq!(kinds, vec![HitKind::GivenName]);
    assert_eq!(amended.versions[0].kept.len(), 2, "the signed version keeps what it kept");
    // A hidden character could hide a name from the check: refused at signing.
    let sneaky = notes::start(
        &mut vault,
        &code,
        NewNote {
            sections: vec![Section { heading: "Themes".into(), text: "Z\u{200B}oe".into() }],
            ..session_note(session)
        },
    )?;
    assert!(message(notes::sign(&mut vault, sneaky.summary.id, None)).contains("invisible"));
    Ok(())
}

#[test]
fn a_search_matching_more_notes_than_it_shows_returns_the_best_each_with_its_snippet() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let (code, _) = client_with_session(&mut vault)?;
    let other = clients::add_referral(&mut vault, referral("Tom", "Ash", "01/01/2010", "01/09/2026"))?;
    // 230 notes with "kite"; the fewer other words, the better the match.
    let mut ids = Vec::new();
    for i in 0..230usize {
        let filler = "sky ".repeat(i % 23);
        let note = NewNote {
            kind: if i % 2 == 0 { "free" } else { "assessment" }.into(),
            on: format!("{:02}/10/2026", 1 + i % 28),
            sections: vec![Section { heading: String::new(), text: format!("{filler}flew a kite {i}") }],
            ..NewNote::default()
        };
        let client = if i % 3 == 0 { &other.code } else { &code };
        ids.push((i, notes::start(&mut vault, client, note)?.summary.id));
    }
    let hits = search::search(&vault, &SearchForm { query: "kite".into(), ..SearchForm::default() })?;
    assert_eq!(hits.len(), search::MAX_RESULTS as usize);
    assert!(hits.iter().all(|h| h.snippet.contains("[kite]")), "every hit has its snippet");
    // The shortest notes come first (22 sky words is the worst; those are left out first).
    let worst = |id: i64| ids.iter().find(|(_, n)| *n == id).map(|(i, _)| i % 23).unwrap_or(99);
    assert_eq!(worst(hits[0].id), 0);
    assert!(hits.iter().all(|h| worst(h.id) < 22), "the weakest matches are the ones left out");
    // Filters choose before the limit: all of one client's assessments are there.
    let form = SearchForm {
        query: "kit*".into(),
        client: other.code.clone(),
        kind: "assessment".into(),
        ..SearchForm::default()
    };
    let expected = (0..230usize).filter(|i| i % 3 == 0 && i % 2 == 1).count();
    let hits = search::search(&vault, &form)?;
    assert_eq!(hits.len(), expected);
    assert!(hits.iter().all(|h| h.snippet.contains("[kite]") && h.client.starts_with(&other.code)));
    Ok(())
}

#[test]
fn a_heading_with_a_hidden_character_is_refused_so_it_cannot_hide_a_name() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let (code, _) = client_with_session(&mut vault)?;
    let note = notes::start(&mut vault, &code, NewNote { kind: "free".into(), ..NewNote::default() })?;
    for heading in ["Z\u{200B}oe", "Themes \u{202E}", "Pl\tan"] {
        let sections = vec![Section { heading: heading.into(), text: "Drew a boat.".into() }];
        let draft = DraftText { sections: sections.clone(), kept: vec![] };
        let refused = message(notes::save_draft(&mut vault, note.summary.id, draft));
        assert!(refused.contains("A heading holds an invisible"), "{refused}");
        assert!(!refused.contains(heading), "never quoted");
        let started = NewNote { kind: "free".into(), sections, ..NewNote::default() };
        assert!(message(notes::start(&mut vault, &code, started)).contains("A heading holds an invisible"));
    }
    Ok(())
}

#[test]
fn a_word_in_more_notes_than_are_ranked_shows_the_most_recently_written_and_says_so() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    folio_core::demo::fill_without_notes(&mut vault, 25, 1)?;
    let count = search::RANKED_UP_TO as usize + 300;
    folio_core::bench::fill_notes(&mut vault, count)?;
    // "noted" is in every bench note ("No concerns noted.").
    let all = search::search_results(&vault, &SearchForm { query: "noted".into(), ..SearchForm::default() })?;
    assert_eq!(all.order, search::Order::MostRecent);
    assert_eq!(all.hits.len(), search::MAX_RESULTS as usize);
    assert!(all.hits.windows(2).all(|w| w[0].id > w[1].id), "the most recently written first");
    assert!(
        all.shown.contains("More than 2,000 notes match") && all.shown.contains("200 most recently written"),
        "{}",
        all.shown
    );
    // One client's notes are few: ranked, all shown, nothing to explain.
    let code = folio_core::clients::list(&vault, &Default::default())?[0].code.clone();
    let one =
        search::search_results(&vault, &SearchForm { query: "noted".into(), client: code, ..SearchForm::default() })?;
    assert_eq!(one.order, search::Order::Relevance);
    assert!(one.hits.len() < search::MAX_RESULTS as usize && one.shown.is_empty());
    // A rarer word is ranked.
    let some = search::search_results(
        &vault,
        &SearchForm { query: "noted".into(), kind: "assessment".into(), ..SearchForm::default() },
    )?;
    assert!(some.hits.iter().all(|h| h.kind == folio_core::notes::NoteKind::Assessment));
    Ok(())
}
