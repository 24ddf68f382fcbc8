//! Note text into the identifier check: any text (every script, combining marks, emoji,
//! hidden characters, names and dates woven in). Never a panic; hits are sorted, never
//! overlap, lie inside the text, and each one's `text` is exactly the code points between
//! its `start` and `end`.

use chrono::NaiveDate;
use folio_core::notes::identifiers::{Checker, Subject};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

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
