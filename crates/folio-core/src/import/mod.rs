//! Importing clients from a spreadsheet (CSV).
//!
//! Columns are matched to referral fields by their heading (or an explicit mapping), every
//! row is checked with the same rules as the referral form, and the good rows are imported
//! only when the therapist confirms — all in one transaction, so nothing is half-imported.
//! Bad rows are reported by line number with the reason. Parsing is the `csv` crate's.
//!
//! What one file may hold is bounded ([`MAX_ROWS`], [`MAX_COLUMNS`]) as well as its size,
//! so that a file within the 64 MB limit cannot make Folio hold gigabytes. Rows are read one
//! at a time, and a good row is written into the open transaction as soon as it is checked
//! (never kept): a full 64 MB file of short rows once held every checked row at a time.

use std::io::{self, Read};

use chrono::NaiveDate;

use crate::clients::insert_referral;
use crate::referrals::{ReferralForm, ValidReferral};
use crate::{Error, Result, Vault};

/// The referral fields a column can fill, with the headings recognised for each.
const FIELDS: &[(&str, &[&str])] = &[
    ("givenName", &["first name", "firstname", "forename", "given name", "first"]),
    ("familyName", &["last name", "lastname", "surname", "family name", "last"]),
    ("preferredName", &["preferred name", "known as"]),
    ("pronouns", &["pronouns"]),
    ("dateOfBirth", &["date of birth", "dob", "birth date", "birthday"]),
    ("address", &["address"]),
    ("postcode", &["postcode", "post code"]),
    ("phone", &["phone", "telephone", "mobile", "phone number"]),
    ("email", &["email", "e-mail", "email address"]),
    ("ethnicity", &["ethnicity"]),
    ("settingName", &["school", "setting", "school or setting", "care setting"]),
    ("settingIsSchool", &["setting is a school", "school setting", "setting type"]),
    ("referralDate", &["referral date", "referred", "date referred", "referred on"]),
    ("referrer", &["referrer", "referred by"]),
    ("heardAbout", &["heard about", "how they heard", "source"]),
    ("gpName", &["gp", "gp name"]),
    ("gpSurgery", &["surgery", "gp surgery"]),
    ("difficulty", &["difficulty", "reason for referral", "presenting issue"]),
    ("modality", &["modality", "therapy"]),
    ("funding", &["funding", "funder"]),
    ("initials", &["initials"]),
];

/// The most clients one file may hold: a practice's whole caseload many times over. It bounds
/// what a preview holds: within the 64 MB file limit, a file of near-empty rows (`,,x`) is
/// 16 million rows, and their row reports gigabytes.
pub const MAX_ROWS: usize = 100_000;

/// The most bad rows a preview lists with their reasons; the rest are counted in
/// [`ImportPreview::bad`] but not listed. Every bad row can carry a dozen reasons, so a
/// file of 100,000 bad rows once made a preview of 300 MiB; nobody reads past the first
/// thousand, and a file that bad needs fixing at its source.
pub const MAX_LISTED_BAD_ROWS: usize = 1_000;

fn too_many_rows() -> Error {
    Error::invalid(
        "file",
        format!(
            "The spreadsheet has more than {} rows, the most Folio imports at once. Split it into smaller files and import each.",
            group_thousands(MAX_ROWS)
        ),
    )
}

/// 100000 → "100,000", as the therapist reads numbers.
fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The most columns a spreadsheet program saves (Excel and LibreOffice stop at 16,384). It
/// is enforced as the file is read ([`FieldLimit`]): `csv` holds a whole record before it
/// returns it, 8 bytes per field and copies for trimming and for the heading row, and a
/// 64 MB line of commas — 64 million empty columns — took 2.6 GB.
pub const MAX_COLUMNS: usize = 16_384;

fn too_many_columns() -> Error {
    Error::invalid(
        "file",
        "The spreadsheet has more than 16,384 columns, more than a spreadsheet program saves. Keep the columns to import and save it again as CSV.",
    )
}

/// The marker [`FieldLimit`] stops the read with.
#[derive(Debug)]
struct TooManyColumns;

impl std::fmt::Display for TooManyColumns {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a record has more than the most columns Folio reads")
    }
}

impl std::error::Error for TooManyColumns {}

/// Passes the file through, counting each record's fields with the tokenizer `csv` itself
/// uses (`csv_core`, in the same default dialect), and stops the read at a record of more
/// than [`MAX_COLUMNS`] fields, before `csv` has built it. Counting lines or commas would
/// not do: a quote mid-field is literal to `csv`, and quoted line breaks join lines.
struct FieldLimit<'a> {
    inner: &'a mut dyn Read,
    tokenizer: csv_core::Reader,
    fields: usize,
}

impl<'a> FieldLimit<'a> {
    fn new(inner: &'a mut dyn Read) -> Self {
        FieldLimit { inner, tokenizer: csv_core::Reader::new(), fields: 0 }
    }
}

impl Read for FieldLimit<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut input = &buf[..n];
        // The field's bytes are not needed, only where fields end.
        let mut discard = [0u8; 1024];
        while !input.is_empty() {
            let (result, read, _) = self.tokenizer.read_field(input, &mut discard);
            input = &input[read..];
            match result {
                csv_core::ReadFieldResult::Field { record_end } => {
                    self.fields += 1;
                    if self.fields > MAX_COLUMNS {
                        return Err(io::Error::other(TooManyColumns));
                    }
                    if record_end {
                        self.fields = 0;
                    }
                }
                csv_core::ReadFieldResult::InputEmpty | csv_core::ReadFieldResult::End => break,
                csv_core::ReadFieldResult::OutputFull => {}
            }
        }
        Ok(n)
    }
}

/// Which column fills which field.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ColumnMapping {
    pub column: String,
    /// The referral field, or `None` when the column is not imported.
    pub field: Option<String>,
}

/// One data row: its line number in the file and what would be imported, or why not.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RowOutcome {
    pub line: u64,
    pub ok: bool,
    /// Initials and code-to-be are not known before import; a short description instead.
    pub description: String,
    pub problems: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportPreview {
    pub columns: Vec<ColumnMapping>,
    /// Every field a column can fill, for the screen that lets the therapist choose.
    pub available_fields: Vec<String>,
    pub rows: Vec<RowOutcome>,
    pub good: usize,
    pub bad: usize,
}

/// A heading as it is matched: case, `_`, `-`, spacing and hidden characters aside (a
/// zero-width space pasted into "Surname" does not make it another column).
fn normalise(heading: &str) -> String {
    crate::text::without_hidden(heading)
        .trim()
        .to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Maps headings to fields; `overrides` ("Column=field") win over the recognised names.
fn map_columns(headers: &csv::StringRecord, overrides: &[(String, String)]) -> Result<Vec<ColumnMapping>> {
    let mut columns = Vec::new();
    // Each heading is normalised once: a sheet may have thousands of columns.
    let headings: Vec<String> = headers.iter().map(normalise).collect();
    for (heading, normalised) in headers.iter().zip(&headings) {
        let explicit = overrides.iter().find(|(col, _)| normalise(col) == *normalised).map(|(_, f)| f.clone());
        let field = match explicit {
            Some(f) if f.is_empty() || f == "-" => None,
            Some(f) => {
                if !FIELDS.iter().any(|(name, _)| *name == f) {
                    return Err(Error::invalid(
                        "map",
                        format!(
                            "\"{f}\" is not a referral field. Use one of: {}.",
                            FIELDS.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                        ),
                    ));
                }
                Some(f)
            }
            None => {
                FIELDS.iter().find(|(_, names)| names.contains(&normalised.as_str())).map(|(name, _)| name.to_string())
            }
        };
        // Shown without hidden characters: it reads as it is matched, so a mapping typed
        // from the screen finds it, and no control character from the file reaches a terminal.
        columns.push(ColumnMapping { column: crate::text::without_hidden(heading), field });
    }
    for (col, _) in overrides {
        if !headings.contains(&normalise(col)) {
            return Err(Error::invalid("map", format!("There is no column \"{col}\" in the file.")));
        }
    }
    let mapped = |f: &str| columns.iter().any(|c| c.field.as_deref() == Some(f));
    for (required, what) in
        [("givenName", "first names"), ("familyName", "last names"), ("referralDate", "referral dates")]
    {
        if !mapped(required) {
            return Err(Error::invalid(
                "map",
                format!("No column holds the {what}. Name it with --map \"Your heading={required}\" (or choose it on the import screen)."),
            ));
        }
    }
    Ok(columns)
}

fn set(form: &mut ReferralForm, field: &str, value: &str) {
    let v = value.trim().to_string();
    match field {
        "givenName" => form.given_name = v,
        "familyName" => form.family_name = v,
        "preferredName" => form.preferred_name = v,
        "pronouns" => form.pronouns = v,
        "dateOfBirth" => {
            form.date_of_birth_unknown = v.is_empty() || v.eq_ignore_ascii_case("unknown");
            form.date_of_birth = if form.date_of_birth_unknown { String::new() } else { v };
        }
        "address" => form.address = v,
        "postcode" => form.postcode = v,
        "phone" => form.phone = v,
        "email" => form.email = v,
        "ethnicity" => form.ethnicity = v,
        "settingName" => form.setting_name = v,
        // "yes" to "setting is a school", or "school" as a setting's type.
        "settingIsSchool" => {
            form.setting_is_school = ["yes", "y", "true", "1", "school"].iter().any(|y| v.eq_ignore_ascii_case(y))
        }
        "referralDate" => form.referral_date = v,
        "referrer" => form.referrer = v,
        "heardAbout" => form.heard_about = v,
        "gpName" => form.gp_name = v,
        "gpSurgery" => form.gp_surgery = v,
        "difficulty" => form.difficulty = v,
        "modality" => form.modality = v.to_lowercase().replace(" therapy", ""),
        "funding" => form.funding = v,
        "initials" => form.initials = v,
        _ => {}
    }
}

/// Reads and checks every row, handing each good one to `keep` as soon as it is checked
/// (a preview drops it; an import writes it), so no more than one row is held at a time.
fn check(
    reader: &mut dyn Read,
    overrides: &[(String, String)],
    today: NaiveDate,
    keep: &mut dyn FnMut(ValidReferral) -> Result<()>,
) -> Result<ImportPreview> {
    // The default dialect, as FieldLimit's tokenizer: only flexibility and trimming differ.
    let mut csv = csv::ReaderBuilder::new().flexible(false).trim(csv::Trim::All).from_reader(FieldLimit::new(reader));
    let unreadable = |e: csv::Error| {
        let line = e.position().map(|p| format!(" at line {}", p.line())).unwrap_or_default();
        let text = e.to_string();
        match e.into_kind() {
            csv::ErrorKind::Io(io) if io.get_ref().is_some_and(|inner| inner.is::<TooManyColumns>()) => {
                too_many_columns()
            }
            // The drive, not the file: said in words, without the system's error number.
            csv::ErrorKind::Io(io) => Error::storage("read the spreadsheet", io),
            _ => Error::invalid(
                "file",
                format!(
                    "The file could not be read as CSV{line}: {text}. Save the spreadsheet as \"CSV UTF-8\" and try again."
                ),
            ),
        }
    };
    let headers = csv.headers().map_err(unreadable)?.clone();
    if headers.len() > MAX_COLUMNS {
        return Err(too_many_columns());
    }
    let columns = map_columns(&headers, overrides)?;
    let mut rows = Vec::new();
    let (mut good, mut bad) = (0, 0);
    let mut record = csv::StringRecord::new();
    while csv.read_record(&mut record).map_err(unreadable)? {
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        if good + bad == MAX_ROWS {
            return Err(too_many_rows());
        }
        let mut form = ReferralForm::default();
        for (mapping, value) in columns.iter().zip(record.iter()) {
            if let Some(field) = &mapping.field {
                set(&mut form, field, value);
            }
        }
        // A bad row's names may start with anything; the description shows a visible letter.
        let first = |name: &str| name.chars().find(|c| !crate::text::is_hidden(*c)).unwrap_or('?');
        let description = format!("{} {}", first(&form.given_name), first(&form.family_name));
        match form.validate(today) {
            Ok(v) => {
                rows.push(RowOutcome {
                    line,
                    ok: true,
                    description: format!("{} (initials {})", description, v.initials),
                    problems: vec![],
                });
                good += 1;
                keep(v)?;
            }
            Err(e) => {
                bad += 1;
                if bad <= MAX_LISTED_BAD_ROWS {
                    let problems = e.problems().into_iter().map(|p| p.message).collect();
                    rows.push(RowOutcome { line, ok: false, description, problems });
                }
            }
        }
    }
    if good + bad == 0 {
        return Err(Error::invalid("file", "The file has a heading row but no clients in it."));
    }
    let available_fields = FIELDS.iter().map(|(name, _)| name.to_string()).collect();
    Ok(ImportPreview { columns, available_fields, rows, good, bad })
}

/// [`preview`] of a spreadsheet's text as the app reads it, within the spreadsheet limit.
pub fn preview_text(vault: &Vault, text: &str, overrides: &[(String, String)]) -> Result<ImportPreview> {
    crate::inputs::check_text(text, crate::inputs::IMPORT)?;
    preview(vault, &mut text.as_bytes(), overrides)
}

/// [`import`] of a spreadsheet's text as the app reads it, within the spreadsheet limit.
pub fn import_text(vault: &mut Vault, text: &str, overrides: &[(String, String)]) -> Result<ImportPreview> {
    crate::inputs::check_text(text, crate::inputs::IMPORT)?;
    import(vault, &mut text.as_bytes(), overrides)
}

/// What the import would do: each row's outcome. Writes nothing.
pub fn preview(vault: &Vault, reader: &mut dyn Read, overrides: &[(String, String)]) -> Result<ImportPreview> {
    check(reader, overrides, vault.today(), &mut |_| Ok(()))
}

/// Imports the good rows in one transaction (one audit entry per client) and returns the
/// preview it acted on. Each good row is written as soon as it is read; a file that turns
/// out unreadable or too long part-way rolls the whole transaction back. A file with no
/// good row changes nothing.
pub fn import(vault: &mut Vault, reader: &mut dyn Read, overrides: &[(String, String)]) -> Result<ImportPreview> {
    let today = vault.today();
    let mut checked = None;
    let written = vault.write(|tx| {
        let preview = check(reader, overrides, today, &mut |referral| insert_referral(tx, &referral).map(|_| ()))?;
        let nothing = preview.good == 0;
        checked = Some(preview);
        if nothing {
            // Roll back the empty transaction (a change must record something to commit).
            return Err(Error::Internal("no good rows to import".into()));
        }
        Ok(())
    });
    match (written, checked) {
        (Ok(()), Some(preview)) => Ok(preview),
        (Err(_), Some(preview)) if preview.good == 0 => Ok(preview),
        (Err(e), _) => Err(e),
        (Ok(()), None) => Err(Error::Internal("the import finished without its preview".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
    }

    /// The fields of each record as `csv` reads them, through the limit.
    fn fields(text: &str) -> std::result::Result<Vec<usize>, String> {
        let mut bytes = text.as_bytes();
        let mut csv =
            csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(FieldLimit::new(&mut bytes));
        csv.records().map(|r| r.map(|r| r.len()).map_err(|e| e.to_string())).collect()
    }

    #[test]
    fn the_limit_counts_fields_as_csv_does() {
        // A quote mid-field is literal; quoted commas and line breaks are inside one field.
        for (text, expected) in [
            ("a\"b,c\n", vec![2]),
            ("\"x,y\",z\n\"multi\nline\",b,c\n", vec![2, 3]),
            ("a,,\r\n\r\n,b", vec![3, 2]),
            ("\"unclosed,quote\n,still,inside", vec![1]),
        ] {
            assert_eq!(fields(text), Ok(expected), "{text:?}");
        }
        let widest = ",".repeat(MAX_COLUMNS - 1);
        assert_eq!(fields(&format!("{widest}\n")), Ok(vec![MAX_COLUMNS]));
        let err = fields(&format!("{widest},\n")).err().unwrap_or_default();
        assert!(err.contains("more than the most columns Folio reads"), "{err}");
        // Hidden behind a quote mid-field, or spread over quoted line breaks, it still counts.
        let hidden = format!("a\"{}\n", ",\"\n\"".repeat(MAX_COLUMNS));
        assert!(fields(&hidden).is_err());
    }

    #[test]
    fn a_record_of_too_many_columns_is_refused_by_name_and_a_failing_drive_in_words() {
        let wide = format!("First name,Surname,Referral date\nAda,Lovelace,01/09/2026{}\n", ",".repeat(MAX_COLUMNS));
        let err =
            check(&mut wide.as_bytes(), &[], today(), &mut |_| Ok(())).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.starts_with("The spreadsheet has more than 16,384 columns"), "{err}");

        struct Failing;
        impl Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::from_raw_os_error(libc::EIO))
            }
        }
        let err = check(&mut Failing, &[], today(), &mut |_| Ok(())).err();
        assert_eq!(err.as_ref().map(Error::code), Some(crate::ErrorCode::Storage));
        let text = err.map(|e| e.to_string()).unwrap_or_default();
        assert!(text.starts_with("Could not read the spreadsheet:") && !text.contains("os error"), "{text}");
    }

    fn preview_of(sheet: &str) -> Result<ImportPreview> {
        check(&mut sheet.as_bytes(), &[], today(), &mut |_| Ok(()))
    }

    #[test]
    fn a_file_of_more_rows_than_folio_imports_is_refused_at_the_first_row_too_many() {
        let mut sheet = String::from("First name,Surname,DOB,Referral date\n");
        sheet.push_str(&"Ada,Lovelace,10/12/2015,01/09/2026\n".repeat(MAX_ROWS));
        sheet.push_str(",,,\n");
        assert_eq!(preview_of(&sheet).map(|p| p.good).ok(), Some(MAX_ROWS), "blank rows do not count");
        sheet.push_str("Bram,Stoker,01/01/2014,02/09/2026\n");
        assert_eq!(
            preview_of(&sheet).err().map(|e| e.to_string()).unwrap_or_default(),
            "The spreadsheet has more than 100,000 rows, the most Folio imports at once. Split it into smaller files and import each."
        );
    }

    #[test]
    fn only_the_first_thousand_bad_rows_are_listed_but_every_one_is_counted() -> Result<()> {
        let mut sheet = String::from("First name,Surname,DOB,Referral date\nAda,Lovelace,10/12/2015,01/09/2026\n");
        sheet.push_str(&"Bram,Stoker,31/02/2014,02/09/2026\n".repeat(MAX_LISTED_BAD_ROWS + 500));
        let preview = preview_of(&sheet)?;
        assert_eq!((preview.good, preview.bad), (1, MAX_LISTED_BAD_ROWS + 500));
        let listed: Vec<&RowOutcome> = preview.rows.iter().filter(|r| !r.ok).collect();
        assert_eq!(listed.len(), MAX_LISTED_BAD_ROWS);
        assert_eq!(listed.last().map(|r| r.line), Some(MAX_LISTED_BAD_ROWS as u64 + 2));
        assert!(listed.iter().all(|r| !r.problems.is_empty()));
        Ok(())
    }

    #[test]
    fn thousands_are_grouped_as_the_therapist_reads_them() {
        assert_eq!(group_thousands(100_000), "100,000");
        assert_eq!(group_thousands(1_000), "1,000");
        assert_eq!(group_thousands(999), "999");
    }
}
