//! Note text into the identifier check: any text (every script, combining marks, emoji,
//! hidden characters, names and dates woven in). Never a panic; hits are sorted, never
//! overlap, lie inside the text, and each one's `text` is exactly the code points between
//! its `start` and `end`.

use chrono::NaiveDate;
use folio_core::notes::identifiers::{Checker, Subject};
use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestCaseResult};

use super::{fuzz, Tally};

fn subject() -> Subject {
    Subject {
        given_name: "Zoë".into(),
        family_name: "O'Brien-Hart".into(),
        preferred_name: "Zo".into(),
        initials: "ZOH".into(),
        date_of_birth: NaiveDate::from_ymd_opt(2013, 4, 7),
        address: "14 Marlowe Crescent, Little Hadham".into(),
        setting_name: "St Anne's Primary".into(),
        related: vec!["Priya Kaur".into()],
    }
}

/// Prose with the things the check looks for, and their near misses, woven through.
fn note_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => "[a-zA-Z]{1,12}".prop_map(String::from),
        3 => prop::sample::select(vec![" ", " ", ", ", ". ", "\n", "—", "'", "’", "-", "\u{200B}", "\u{202E}", "\u{301}"])
            .prop_map(String::from),
        2 => prop::sample::select(vec![
            "Zoë", "ZOE", "zoe", "Zo", "O'Brien-Hart", "obrien", "Hart", "hartebeest", "Priya", "Kaur", "Rose", "rose",
            "07/04/2013", "7/4/13", "7th April 2013", "April 7 2013", "2013-04-07", "SG11 2AB", "07700 900123",
            "+44 (0) 7700 900123", "a.b@c.org", "943 476 5919", "943 476 5918", "St Anne's Primary", "Little Hadham",
            "ß", "İ", "Ǆ", "🙂", "👩‍👧", "é", "ﬁ", "Ⅻ", "١٢٣", "０７７００",
        ])
        .prop_map(String::from),
        1 => any::<String>(),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|p| p.concat())
}

fn check(tally: &Tally, checker: &Checker, text: &str) -> Result<(), TestCaseError> {
    let hits = tally.guard(|| checker.check(text))?;
    tally.outcome(!hits.is_empty());
    let chars: Vec<char> = text.chars().collect();
    let mut previous_end = 0;
    for hit in &hits {
        prop_assert!(hit.start < hit.end && hit.end <= chars.len(), "{:?} in {:?}", hit, text);
        prop_assert!(hit.start >= previous_end, "sorted and not overlapping: {:?}", hits);
        let spanned: String = chars[hit.start..hit.end].iter().collect();
        prop_assert_eq!(&spanned, &hit.text, "offsets are code points");
        previous_end = hit.end;
    }
    Ok(())
}

#[test]
fn hostile_note_text_never_panics_and_hits_are_exact_sorted_and_apart() {
    let tally = Tally::default();
    let others: Vec<(String, String)> =
        (0..200).map(|i| (format!("Name{i}"), format!("Family{i}"))).chain([("Rose".into(), "Brown".into())]).collect();
    let checker = Checker::new(&subject(), &others);
    let strategy = prop_oneof![4 => note_like(), 1 => any::<String>()];
    fuzz("note-text", file!(), strategy, &tally, String::new, |text| check(&tally, &checker, &text));
}

// ---------------------------------------------------------------------------------------
// The notes service: headed text, searches and section text from outside.

use folio_core::notes::rules::{match_expression, parse_text, render_text, Section};
use folio_core::notes::search::{self, SearchForm};
use folio_core::notes::{self, DraftText, NewNote, NoteState};
use folio_core::{clients, ErrorCode, Vault};

use super::{messages, no_echo, VaultState, Vaults};

/// Pieces of text that search syntaxes (FTS5's above all) and editors trip on.
fn fts_like() -> impl Strategy<Value = String> {
    fts_pieces(40)
}

/// Up to `max` pieces of [`fts_like`] text.
fn fts_pieces(max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => "[a-zA-Z]{1,10}".prop_map(String::from),
        4 => prop::sample::select(vec![
            " ", "\"", "*", "'", "(", ")", ":", "^", "-", "+", "{", "}", "[", "]", ",", ".", "NEAR", "NEAR(", "AND",
            "OR", "NOT", "body:", "rowid", "rank", "MATCH", "\0", "\n", "\t", "\u{7}", "\u{200B}", "\u{202E}",
            "\u{FEFF}", "\u{301}", "é", "ß", "İ", "🎨", "👩‍👧", "٣", "ｦ", "\u{0}*", "\"\"", "**", "a*b", "*a", ";--",
            "'; DROP TABLE notes; --", "%", "_", "\\", "## ", "\r\n", "\r",
        ])
        .prop_map(String::from),
        1 => any::<String>(),
        1 => (1usize..700, prop::sample::select(vec!['a', ' ', '"', '*', 'é'])).prop_map(|(n, c)| c.to_string().repeat(n)),
    ];
    prop::collection::vec(piece, 0..max).prop_map(|p| p.concat())
}

/// Only a plain refusal (`InvalidInput`) may come out of what was typed; anything else
/// (an FTS5 syntax error surfacing as `Internal`) is a failure.
fn refusal_is_plain<T>(result: &folio_core::Result<T>, what: &str) -> TestCaseResult {
    if let Err(e) = result {
        prop_assert_eq!(e.code(), ErrorCode::InvalidInput, "{} refused with {:?}: {}", what, e.code(), e);
    }
    Ok(())
}

#[test]
fn hostile_headed_text_reads_as_one_line_headings_without_a_panic() {
    let tally = Tally::default();
    let strategy = prop_oneof![3 => fts_like(), 1 => any::<String>()];
    fuzz("note-parse", file!(), strategy, &tally, String::new, |text| {
        let sections = tally.guard(|| parse_text(&text))?;
        tally.outcome(!sections.is_empty());
        for s in &sections {
            prop_assert!(!s.heading.contains(['\n', '\r']), "a heading is one line: {:?}", s.heading);
        }
        // What is rendered reads back the same.
        let again = tally.guard(|| parse_text(&render_text(&sections)))?;
        prop_assert_eq!(parse_text(&render_text(&again)), again);
        Ok(())
    });
}

/// A vault with two clients and a few notes to search.
fn searchable(vault: &mut Vault) {
    if !clients::list(vault, &Default::default()).unwrap_or_default().is_empty() {
        return;
    }
    for (given, family) in [("Tamsin", "Quayle"), ("Idris", "Penhallow")] {
        let code = clients::add_referral(vault, crate::referral(given, family, "01/01/2014", "01/09/2026"))
            .unwrap_or_else(|e| panic!("{e}"))
            .code;
        for text in ["Drew a boat on a grey sea; angry about the ending.", "Played the djembe loudly, then \"softly\"."]
        {
            let note = NewNote {
                kind: "free".into(),
                on: "01/10/2026".into(),
                sections: vec![Section { heading: String::new(), text: text.into() }],
                ..NewNote::default()
            };
            notes::start(vault, &code, note).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

#[test]
fn hostile_searches_are_answered_or_refused_plainly_and_never_reach_fts5_as_syntax() {
    let tally = Tally::default();
    let vaults = Vaults::new();
    let field = prop_oneof![
        12 => Just(String::new()),
        1 => fts_like(),
        1 => prop::sample::select(vec!["TQ-0001", "tq-0001", "IP-0002", "ZZ-9999", "session-note", "free", "FREE",
            "01/10/2026", "31/12/9999", "29/02/2025", "1/1/1", "99/99/9999"]).prop_map(String::from),
    ];
    // Mostly on one line, so most searches reach FTS5.
    let one_line = fts_pieces(12).prop_map(|q| q.chars().filter(|c| !c.is_control()).collect::<String>());
    let query = prop_oneof![4 => one_line, 1 => fts_like()];
    let strategy = (query, field.clone(), field.clone(), field.clone(), field);
    let figure = || vaults.figure();
    fuzz("note-search", file!(), strategy, &tally, figure, |(query, client, kind, from, to)| {
        vaults.with(|vault| {
            searchable(vault);
            let expression = tally.guard(|| match_expression(&query))?;
            refusal_is_plain(&expression, "the query")?;
            let before = VaultState::of(vault);
            let form = SearchForm { query: query.clone(), client, kind, from, to };
            let found = tally.guard(|| search::search(vault, &form))?;
            refusal_is_plain(&found, "the search")?;
            if expression.is_ok()
                && form.client.is_empty()
                && form.kind.is_empty()
                && form.from.is_empty()
                && form.to.is_empty()
            {
                prop_assert!(
                    found.is_ok(),
                    "a query that parses is searched: {:?}",
                    found.err().map(|e| e.to_string())
                );
            }
            tally.outcome(found.is_ok());
            tally.unchanged(&before, &VaultState::of(vault), "a search")
        })
    });
    vaults.finish();
}

/// Section text and headings as the editor or a file might send them: everyday, hostile
/// characters, and now and then more than a note may hold.
fn hostile_sections() -> impl Strategy<Value = Vec<(String, String)>> {
    let text = prop_oneof![3 => fts_like(), 1 => any::<String>()];
    let heading = prop_oneof![
        4 => prop::sample::select(vec!["", "Themes", "Risk", "Safeguarding", "Plan"]).prop_map(String::from),
        1 => fts_like(),
        1 => (150usize..260).prop_map(|n| "h".repeat(n)),
    ];
    let huge = (190_000usize..210_000, prop::sample::select(vec!['x', ' ', '\n', '🎨', '\u{202E}']))
        .prop_map(|(n, c)| c.to_string().repeat(n));
    prop_oneof![
        12 => prop::collection::vec((heading.clone(), text), 0..8),
        1 => prop::collection::vec((heading, huge), 1..3),
        1 => (41usize..60).prop_map(|n| vec![(String::from("Plan"), String::from("x")); n]),
    ]
}

/// A marker planted in every text: no message may repeat it.
const TEXT_MARKER: &str = "Qvmarkerxq";

#[test]
fn hostile_section_text_is_saved_and_signed_or_refused_plainly_changing_nothing() {
    let tally = Tally::default();
    let vaults = Vaults::new();
    let strategy = (hostile_sections(), any::<bool>());
    fuzz(
        "note-sections",
        file!(),
        strategy,
        &tally,
        || vaults.figure(),
        |(raw, sign)| {
            vaults.with(|vault| {
                searchable(vault);
                let code = clients::list(vault, &Default::default()).unwrap_or_default()[0].code.clone();
                let draft = NewNote { kind: "free".into(), on: "02/10/2026".into(), ..NewNote::default() };
                let id = notes::start(vault, &code, draft).unwrap_or_else(|e| panic!("{e}")).summary.id;
                let sections: Vec<Section> = raw
                    .into_iter()
                    .map(|(heading, text)| Section { heading, text: format!("{text} {TEXT_MARKER}") })
                    .collect();
                let before = VaultState::of(vault);
                let saved = tally.guard(|| notes::save_draft(vault, id, DraftText { sections, kept: vec![] }))?;
                refusal_is_plain(&saved, "saving a draft")?;
                match &saved {
                    Err(e) => {
                        no_echo(&messages(e), &[TEXT_MARKER])?;
                        tally.unchanged(&before, &VaultState::of(vault), "a refused draft")?;
                    }
                    // What is kept has visible one-line headings (a hidden character could split
                    // a name past the identifier check, and headings are named in messages).
                    Ok(_) => {
                        let note = notes::show(vault, id).unwrap_or_else(|e| panic!("{e}"));
                        for s in &note.sections {
                            prop_assert!(
                                !s.heading.chars().any(folio_core::text::is_hidden),
                                "heading kept: {:?}",
                                s.heading
                            );
                        }
                    }
                }
                if sign {
                    let before = VaultState::of(vault);
                    let signed = tally.guard(|| notes::sign(vault, id, None))?;
                    refusal_is_plain(&signed, "signing")?;
                    match &signed {
                        Ok(note) => {
                            prop_assert_eq!(note.summary.state, NoteState::Signed);
                            prop_assert_eq!(note.versions.len(), 1);
                        }
                        Err(e) => {
                            no_echo(&messages(e), &[TEXT_MARKER])?;
                            tally.unchanged(&before, &VaultState::of(vault), "a refused signature")?;
                            let note = notes::show(vault, id).unwrap_or_else(|e| panic!("{e}"));
                            prop_assert_eq!(note.summary.state, NoteState::Draft);
                        }
                    }
                    tally.outcome(signed.is_ok());
                } else {
                    tally.outcome(saved.is_ok());
                }
                Ok(())
            })
        },
    );
    vaults.finish();
}
