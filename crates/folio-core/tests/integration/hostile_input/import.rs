//! Spreadsheets (`folio import-csv`, the app's import screen): arbitrary bytes, a valid
//! sheet mutated byte by byte, and sheets built from hostile cells (quotes, embedded line
//! breaks, CRLF, a BOM, invalid UTF-8, ragged rows, thousands of columns, a heading row
//! alone, formula-like cells, emoji and zero-width characters) go through `import::preview`
//! and `import::import`. Never a panic; a preview never writes; a refused import (or one
//! with no good row) changes nothing; every imported row passes the referral form's rules.

use std::collections::BTreeSet;

use folio_core::clients::{self, ClientFilter};
use folio_core::import::{self, ImportPreview};
use folio_core::text::is_hidden;
use folio_core::{ErrorCode, Vault};
use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestCaseResult};

use super::referrals::accepted_by_the_form;
use super::VaultState;
use super::{arbitrary_bytes, fuzz, messages, mutate, mutations, no_echo, Mutation, Tally, Vaults};
use crate::{create, tempdir};

/// Cell values that no message may repeat.
const MARKERS: &[&str] = &["Jessamine-Qv", "Quartermaine-Qv", "14/03/2015", "jq.hostile@example.com", "01632 960 987"];

/// A valid sheet: recognised headings, two good rows.
const SHEET: &str = "First name,Surname,DOB,Email,Phone,School,Referral date,Therapy,Funding\n\
Jessamine-Qv,Quartermaine-Qv,14/03/2015,jq.hostile@example.com,01632 960 987,Willowbrook Primary,02/11/2026,Art,School\n\
Ada,Lovelace,10/12/2015,,,,01/09/2026,music therapy,private\n";

const HEADINGS: &[&str] = &[
    "First name",
    "Surname",
    "DOB",
    "Referral date",
    "first_name",
    " LAST-NAME ",
    "Date of birth",
    "Referred",
    "Email",
    "Phone",
    "Postcode",
    "Therapy",
    "Funding",
    "Initials",
    "Referrer",
    "",
    "First name",
    "Sur\u{200B}name",
    "\u{FEFF}First name",
    "=HYPERLINK(\"x\")",
    "名前",
    "Unknown column",
    "\"Quoted\"",
    "Line\nbreak",
];

const CELLS: &[&str] = &[
    "",
    " ",
    "Jessamine-Qv",
    "Quartermaine-Qv",
    "14/03/2015",
    "jq.hostile@example.com",
    "01632 960 987",
    "02/11/2026",
    "22/11/2026",
    "23/11/2026",
    "29/02/2025",
    "29/02/2024",
    "01/01/1899",
    "unknown",
    "Art",
    "music therapy",
    "dance",
    "NHS",
    "school",
    "=cmd|' /C calc'!A0",
    "+SUM(A1)",
    "-1+1",
    "@A1",
    "🎨",
    "Zoë 🎨",
    "Jo\u{200B}",
    "\u{202E}oJ",
    "\u{FEFF}",
    "a,b",
    "a\"b",
    "line\nbreak",
    "crlf\r\nbreak",
    "\0",
    "Łucja",
    "ŞENAY",
    "SW1A 1AA",
    "j1",
    "ABCDE",
];

/// A good value for a heading, so that built rows are often judged on the hostile cells
/// alone.
fn good(heading: &str) -> &'static str {
    match heading {
        "First name" | "first_name" => "Ada",
        "Surname" | " LAST-NAME " => "Lovelace",
        "DOB" | "Date of birth" => "10/12/2015",
        "Referral date" | "Referred" => "01/09/2026",
        "Email" => "ada@example.com",
        "Phone" => "01632 960 001",
        "Postcode" => "SW1A 1AA",
        "Therapy" => "Art",
        "Funding" => "private",
        "Initials" => "AL",
        "Referrer" => "parent",
        _ => "x",
    }
}

#[derive(Clone, Debug)]
struct Built {
    headings: Vec<usize>,
    /// Per row, per column: the heading's good value (`None`) or a hostile cell; and how
    /// many cells the row is short of (or past) the heading row.
    rows: Vec<(Vec<Option<usize>>, i8)>,
    /// Extra blank headings, to make a very wide sheet.
    wide: usize,
    crlf: bool,
    bom: bool,
    quote_all: bool,
}

fn built() -> impl Strategy<Value = Built> {
    // Mostly the headings a good row needs (names, date of birth, referral date), in any
    // order, among others.
    let required = prop_oneof![3 => Just(vec![0usize, 1, 2, 3]), 1 => Just(vec![])];
    let headings = (required, prop::collection::vec(0..HEADINGS.len(), 0..9))
        .prop_flat_map(|(r, more)| Just([r, more].concat()).prop_shuffle());
    let cells = prop::collection::vec(prop::option::weighted(0.3, 0..CELLS.len()), 12);
    let ragged = prop_oneof![12 => Just(0i8), 1 => -2i8..=2];
    let rows = prop::collection::vec((cells, ragged), 0..8);
    let wide = prop_oneof![12 => Just(0usize), 1 => 1usize..12_000];
    (headings, rows, wide, any::<bool>(), any::<bool>(), any::<bool>())
        .prop_map(|(headings, rows, wide, crlf, bom, quote_all)| Built { headings, rows, wide, crlf, bom, quote_all })
}

fn cell(text: &str, quote_all: bool) -> String {
    if quote_all || text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn render_built(b: &Built) -> Vec<u8> {
    let end = if b.crlf { "\r\n" } else { "\n" };
    let mut heads: Vec<&str> = b.headings.iter().map(|&i| HEADINGS[i]).collect();
    heads.extend(std::iter::repeat_n("", b.wide));
    let mut text = if b.bom { "\u{FEFF}".to_string() } else { String::new() };
    text.push_str(&heads.iter().map(|h| cell(h, b.quote_all)).collect::<Vec<_>>().join(","));
    for (cells, ragged) in &b.rows {
        let width = (heads.len() as i64 + i64::from(*ragged)).max(0) as usize;
        let row: Vec<String> = (0..width)
            .map(|c| match cells.get(c % cells.len().max(1)).copied().flatten() {
                Some(i) => CELLS[i],
                None => good(heads.get(c).copied().unwrap_or("")),
            })
            .map(|v| cell(v, b.quote_all))
            .collect();
        text.push_str(end);
        text.push_str(&row.join(","));
    }
    text.into_bytes()
}

#[derive(Clone, Debug)]
enum Sheet {
    Bytes(Vec<u8>),
    Mutated(Vec<Mutation>),
    Built(Built, Vec<Mutation>),
}

fn sheet() -> impl Strategy<Value = Sheet> {
    prop_oneof![
        2 => arbitrary_bytes().prop_map(Sheet::Bytes),
        4 => mutations(6, 100_000).prop_map(Sheet::Mutated),
        4 => (built(), prop::collection::vec(mutations(2, 1000), 0..2)).prop_map(|(b, m)| Sheet::Built(b, m.concat())),
    ]
}

fn render(sheet: &Sheet) -> Vec<u8> {
    match sheet {
        Sheet::Bytes(b) => b.clone(),
        Sheet::Mutated(m) => mutate(SHEET.as_bytes(), m),
        Sheet::Built(b, m) => mutate(&render_built(b), m),
    }
}

fn codes(vault: &Vault) -> BTreeSet<String> {
    clients::list(vault, &ClientFilter::default()).map(|l| l.into_iter().map(|c| c.code).collect()).unwrap_or_default()
}

/// A preview's rows: what they say may not repeat a cell, and good rows have no problem.
/// What it shows of the file (headings, each row's initials) is text that looks like what it
/// is: no control, zero-width or direction-changing character reaches a terminal or a screen.
fn sound_preview(p: &ImportPreview) -> TestCaseResult {
    prop_assert_eq!(p.good + p.bad, p.rows.len());
    prop_assert_eq!(p.good, p.rows.iter().filter(|r| r.ok).count());
    let shown = p.columns.iter().map(|c| &c.column).chain(p.rows.iter().map(|r| &r.description));
    for text in shown {
        prop_assert!(!text.chars().any(is_hidden), "the preview shows {:?}", text);
    }
    for row in &p.rows {
        prop_assert_eq!(row.ok, row.problems.is_empty(), "{:?}", row);
        no_echo(&row.problems, MARKERS)?;
    }
    Ok(())
}

fn check(tally: &Tally, vault: &mut Vault, sheet: &Sheet) -> TestCaseResult {
    let bytes = render(sheet);
    let before = VaultState::of(vault);
    let preview = tally.guard(|| import::preview(vault, &mut bytes.as_slice(), &[]))?;
    tally.unchanged(&before, &VaultState::of(vault), "a preview")?;
    let codes_before = codes(vault);
    let imported = tally.guard(|| import::import(vault, &mut bytes.as_slice(), &[]))?;
    let after = VaultState::of(vault);
    match (&preview, &imported) {
        (Err(p), Err(i)) => {
            tally.outcome(false);
            prop_assert_eq!(p.to_string(), i.to_string());
            prop_assert_eq!(i.code(), ErrorCode::InvalidInput, "{}", i);
            no_echo(&messages(i), MARKERS)?;
            tally.unchanged(&before, &after, "a refused import")?;
        }
        (Ok(p), Ok(i)) => {
            prop_assert_eq!(p, i, "the preview is what the import did");
            sound_preview(i)?;
            tally.outcome(i.good > 0);
            if i.good == 0 {
                tally.unchanged(&before, &after, "an import with no good row")?;
            }
            prop_assert_eq!(after.rows("clients"), before.rows("clients") + i.good as i64);
            prop_assert_eq!(after.rows("audit_log"), before.rows("audit_log") + i.good as i64);
            let new: Vec<String> = codes(vault).difference(&codes_before).cloned().collect();
            prop_assert_eq!(new.len(), i.good);
            for code in new {
                let stored = clients::show(vault, &code).map_err(|e| TestCaseError::fail(e.to_string()))?;
                accepted_by_the_form(vault, &code, stored.referral)?;
            }
        }
        _ => return Err(TestCaseError::fail(format!("preview {preview:?} but import {imported:?}"))),
    }
    Ok(())
}

#[test]
fn hostile_spreadsheets_never_panic_and_refusals_change_nothing() {
    let vaults = Vaults::new();
    let tally = Tally::default();
    fuzz("csv", file!(), sheet(), &tally, || vaults.figure(), |s| vaults.with(|v| check(&tally, v, &s)));
    vaults.finish();
}

#[test]
fn the_valid_sheet_used_for_mutation_imports_both_rows() {
    let tmp = tempdir();
    let mut vault = create(&tmp.path().join("v"));
    let done = import::import(&mut vault, &mut SHEET.as_bytes(), &[]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((done.good, done.bad), (2, 0), "{:?}", done.rows);
}

/// Found by measuring the import at its 64 MB file limit (a scratch run in release, peak
/// memory from /proc): 8 MB of `,,x` rows — two million row reports — took 1.1 GB and 16 s
/// (a full 64 MB file, about 9 GB); a 64 MB heading row of commas took 2.6 GB. Now a file of
/// more clients or columns than any practice's spreadsheet is refused as it is read: 64 MB
/// of either is refused in under a second, at 133 MB and 80 MB (the file itself included).
#[test]
fn a_file_with_more_clients_or_columns_than_any_spreadsheet_is_refused_as_it_is_read() {
    let tmp = tempdir();
    let mut vault = create(&tmp.path().join("v"));
    let before = VaultState::of(&vault);
    let mut rows = String::from("First name,Surname,Referral date\n");
    rows.push_str(&"x,,\n".repeat(import::MAX_ROWS + 1));
    let columns = format!("{}\nAda,Lovelace,01/09/2026\n", ",".repeat(import::MAX_COLUMNS));
    for (sheet, says) in [
        (rows, "The spreadsheet has more than 100,000 rows, the most Folio imports at once."),
        (columns, "The spreadsheet has more than 16,384 columns"),
    ] {
        let preview = import::preview(&vault, &mut sheet.as_bytes(), &[]).err().map(|e| e.to_string());
        assert!(preview.as_deref().unwrap_or_default().starts_with(says), "{preview:?}");
        let err = import::import(&mut vault, &mut sheet.as_bytes(), &[]).err().unwrap_or_else(|| panic!("imported"));
        assert_eq!((err.code(), err.field()), (ErrorCode::InvalidInput, Some("file")));
        assert_eq!(VaultState::of(&vault), before);
    }
    // Blank rows are not clients: a long tail of empty lines is read past, not counted.
    let blank =
        format!("First name,Surname,DOB,Referral date\nAda,Lovelace,,01/09/2026\n{}", ",,,\n".repeat(import::MAX_ROWS));
    let preview = import::preview(&vault, &mut blank.as_bytes(), &[]).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((preview.good, preview.bad), (1, 0), "{:?}", preview.rows);
}

/// Found by the property (seed in `tests/proptest-regressions/`): a heading holding a
/// byte-order mark (`\u{FEFF}First name`, as in a sheet pasted together from two files) was
/// shown with it, and not recognised; a heading's control characters (an escape sequence)
/// went to the terminal as they were; a bad row's description showed a name's first
/// character even when it was a direction override.
#[test]
fn headings_and_rows_are_shown_as_they_read_and_matched_as_they_are_shown() {
    let tmp = tempdir();
    let vault = create(&tmp.path().join("v"));
    let sheet = "\u{FEFF}First name,Sur\u{200B}name,DOB,Referral date,\u{1b}]0;Notes\u{7}\n\
        \u{202E}Ada,Lovelace,10/12/2015,01/09/2026,x\nBram,Stoker,01/01/2014,02/09/2026,y\n";
    let preview = import::preview(&vault, &mut sheet.as_bytes(), &[]).unwrap_or_else(|e| panic!("{e}"));
    let shown: Vec<(&str, Option<&str>)> =
        preview.columns.iter().map(|c| (c.column.as_str(), c.field.as_deref())).collect();
    assert_eq!(
        shown,
        [
            ("First name", Some("givenName")),
            ("Surname", Some("familyName")),
            ("DOB", Some("dateOfBirth")),
            ("Referral date", Some("referralDate")),
            ("]0;Notes", None),
        ]
    );
    assert_eq!((preview.good, preview.bad), (1, 1));
    assert_eq!(preview.rows[0].description, "A L");
    assert!(preview.rows[0].problems[0].contains("invisible or direction-changing"), "{:?}", preview.rows[0]);
    // A mapping typed as the screen shows it finds the column.
    let typed = [("]0;Notes".to_string(), "difficulty".to_string())];
    let mapped = import::preview(&vault, &mut sheet.as_bytes(), &typed).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(mapped.columns[4].field.as_deref(), Some("difficulty"));
}
