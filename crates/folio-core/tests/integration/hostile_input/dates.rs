//! Dates as typed: any text into `dates::parse_uk` / `parse_uk_or` (and the serde adapter
//! `dates::uk`). Never a panic; an accepted date is the one written and survives
//! formatting; a refusal is one of the three messages, so it can never repeat the text. The
//! same for moments ("dd/mm/yyyy HH:MM", UK time, read by `parse_uk_minute` and
//! `london_to_utc`): shown back in UK time they read as the same instant.

use chrono::Datelike;
use folio_core::dates::{self, NaiveDate};
use folio_core::ErrorCode;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use super::{fuzz, Tally};

const LABEL: &str = "date of birth";

/// The only things a refusal may say (what `parse_uk` is documented to answer).
fn allowed(message: &str) -> bool {
    [
        format!("Enter the {LABEL}, for example 22/11/2026."),
        format!("Enter the {LABEL} as day/month/year with a four-digit year, for example 22/11/2026."),
        format!("That is not a real date. Check the day and month of the {LABEL}."),
    ]
    .iter()
    .any(|m| m == message)
}

/// Text shaped like a date, a piece at a time: numbers (with leading zeros, huge, signed,
/// non-ASCII digits), separators and their look-alikes, month names, spaces.
fn date_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => (0u64..40).prop_map(|n| n.to_string()),
        3 => (0u64..10_000).prop_map(|n| format!("{n:04}")),
        1 => (0usize..6, 0u64..100).prop_map(|(zeros, n)| format!("{}{n}", "0".repeat(zeros))),
        1 => any::<u64>().prop_map(|n| n.to_string()),
        1 => "[0-9]{5,40}",
        6 => prop::sample::select(vec!["/", "/", "/", ".", "-", " ", "//", "\u{2044}", "\u{FF0F}", "\\"])
            .prop_map(String::from),
        1 => prop::sample::select(vec![
            "Feb", "February", "feb", "29/02/", "31/12/", "+", "-", "\u{0662}", "\u{FF11}", "\u{A0}", "\t", "\n",
            "\u{200B}", "\u{202E}", "\0", "½", "𝟚", "e3", "0x1F", "2024-02-29", "T00:00", "9999", "10000",
        ])
        .prop_map(String::from),
    ];
    prop::collection::vec(piece, 1..9).prop_map(|p| p.concat())
}

/// Three numbers between separators: mostly in range, sometimes not at all.
fn structured() -> impl Strategy<Value = String> {
    let number = || {
        prop_oneof![
            6 => (0i64..40).prop_map(|n| n.to_string()),
            2 => (0i64..40).prop_map(|n| format!("{n:02}")),
            1 => (-5i64..5).prop_map(|n| format!("{n:03}")),
            1 => any::<i64>().prop_map(|n| n.to_string()),
        ]
    };
    let year = prop_oneof![
        6 => (1890i64..2100).prop_map(|n| n.to_string()),
        2 => (0i64..10_000).prop_map(|n| format!("{n:04}")),
        1 => (0i64..100).prop_map(|n| n.to_string()),
        1 => any::<i64>().prop_map(|n| n.to_string()),
    ];
    let space = prop::sample::select(vec!["", "", " ", "  ", "\t", "\u{3000}"]);
    (space.clone(), number(), number(), year, space).prop_map(|(a, d, m, y, b)| format!("{a}{d}/{m}/{y}{b}"))
}

fn any_date_text() -> impl Strategy<Value = String> {
    prop_oneof![3 => any::<String>(), 4 => date_like(), 4 => structured()]
}

/// The day, month and year the text spells, when it is three ASCII numbers between slashes.
fn spelled(text: &str) -> Option<(u32, u32, i32)> {
    let parts: Vec<&str> = text.trim().split('/').collect();
    match parts.as_slice() {
        [d, m, y] => Some((d.parse().ok()?, m.parse().ok()?, y.parse().ok()?)),
        _ => None,
    }
}

fn check(tally: &Tally, text: &str) -> Result<(), TestCaseError> {
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
    let parsed = tally.guard(|| dates::parse_uk("dateOfBirth", LABEL, text))?;
    let defaulted = tally.guard(|| dates::parse_uk_or(today, "dateOfBirth", LABEL, text))?;
    match &parsed {
        Ok(date) => {
            tally.outcome(true);
            // The date accepted is the one written, and it survives formatting.
            let (d, m, y) = spelled(text).ok_or_else(|| TestCaseError::fail(format!("accepted {text:?}")))?;
            prop_assert_eq!((date.day(), date.month(), date.year()), (d, m, y), "{:?}", text);
            let shown = dates::format_uk(*date);
            prop_assert_eq!(dates::parse_uk("dateOfBirth", LABEL, &shown).ok(), Some(*date), "{}", shown);
            prop_assert_eq!(defaulted.as_ref().ok(), Some(date));
        }
        Err(e) => {
            tally.outcome(false);
            prop_assert_eq!(e.code(), ErrorCode::InvalidInput);
            prop_assert_eq!(e.field(), Some("dateOfBirth"));
            prop_assert!(allowed(&e.to_string()), "unexpected message for {:?}: {}", text, e);
            let empty = text.trim().is_empty();
            prop_assert_eq!(defaulted.ok(), empty.then_some(today), "parse_uk_or on {:?}", text);
        }
    }
    // The serde adapter (dates leaving and coming back over IPC and `--json`).
    #[derive(serde::Deserialize)]
    struct Edge {
        #[serde(with = "folio_core::dates::uk")]
        d: NaiveDate,
    }
    let edge = tally.guard(|| serde_json::from_value::<Edge>(serde_json::json!({ "d": text })))?;
    if let Ok(edge) = edge {
        let back = serde_json::from_value::<Edge>(serde_json::json!({ "d": dates::format_uk(edge.d) }));
        prop_assert_eq!(back.ok().map(|e| e.d), Some(edge.d), "{:?}", text);
    }
    Ok(())
}

#[test]
fn hostile_dates_never_panic_round_trip_and_never_come_back_in_messages() {
    let tally = Tally::default();
    fuzz("dates", file!(), any_date_text(), &tally, String::new, |text| check(&tally, &text));
}

#[test]
fn leap_days_leading_zeros_and_huge_numbers_are_judged_exactly() {
    let ok = |t: &str| dates::parse_uk("dateOfBirth", LABEL, t).ok().map(dates::format_uk);
    assert_eq!(ok("29/02/2024").as_deref(), Some("29/02/2024"));
    assert_eq!(ok("01/3/0000").as_deref(), Some("01/03/0000"));
    for refused in ["29/02/2025", "29/02/1900", "001/03/2024", "1/1/99999", "18446744073709551616/1/2024", "٢/٢/٢٠٢٤"]
    {
        assert_eq!(ok(refused), None, "{refused}");
    }
}

const MOMENT: &str = "time you became aware";

/// The only things a refusal of a moment may say ("dd/mm/yyyy HH:MM", UK time).
fn moment_allowed(message: &str) -> bool {
    [
        format!("Enter the {MOMENT}, for example 24/10/2026 10:00."),
        format!("Enter the {MOMENT} as day/month/year then hours:minutes, for example 24/10/2026 10:00."),
        format!("Enter the {MOMENT} as day/month/year with a four-digit year, for example 22/11/2026."),
        format!("That is not a real date. Check the day and month of the {MOMENT}."),
        format!("Enter the time of the {MOMENT} as hours and minutes on the 24-hour clock, for example 14:30."),
        format!("That time did not happen in the UK: the clocks went forward an hour that night. Check the {MOMENT} (01:00 to 01:59 was skipped; 02:00 BST came straight after 00:59 GMT)."),
    ]
    .iter()
    .any(|m| m == message)
}

/// A date-like text, a space, and a time-like text (hours and minutes, often at the clocks'
/// changes), or anything at all.
fn any_moment_text() -> impl Strategy<Value = String> {
    let time = prop_oneof![
        3 => (0u32..30, 0u32..70).prop_map(|(h, m)| format!("{h}:{m:02}")),
        1 => prop::sample::select(vec!["01:30", "1:00", "01:59", "02:00", "00:59", "24:00", "9.30", ":", ""]).prop_map(String::from),
        1 => any::<String>(),
    ];
    let day = prop_oneof![
        2 => prop::sample::select(vec!["29/03/2026", "25/10/2026", "30/03/2025", "26/10/2025", "31/12/2026"]).prop_map(String::from),
        2 => date_like(),
    ];
    prop_oneof![4 => (day, time).prop_map(|(d, t)| format!("{d} {t}")), 1 => any::<String>()]
}

fn check_moment(tally: &Tally, text: &str) -> Result<(), TestCaseError> {
    let read = tally.guard(|| {
        dates::parse_uk_minute("aware", MOMENT, text).and_then(|local| dates::london_to_utc("aware", MOMENT, local))
    })?;
    match read {
        Ok(at) => {
            tally.outcome(true);
            // Shown back in UK time, it reads as the same instant (a repeated hour reads as BST both ways).
            let shown = dates::format_london(at);
            let again =
                dates::parse_uk_minute("aware", MOMENT, &shown).and_then(|l| dates::london_to_utc("aware", MOMENT, l));
            prop_assert_eq!(again.ok(), Some(at), "{:?} shown as {}", text, shown);
        }
        Err(e) => {
            tally.outcome(false);
            prop_assert_eq!(e.field(), Some("aware"));
            prop_assert!(moment_allowed(&e.to_string()), "unexpected message for {:?}: {}", text, e);
        }
    }
    Ok(())
}

#[test]
fn hostile_moments_never_panic_read_back_as_themselves_and_never_come_back_in_messages() {
    let tally = Tally::default();
    fuzz("moments", file!(), any_moment_text(), &tally, String::new, |text| check_moment(&tally, &text));
}
