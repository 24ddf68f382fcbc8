//! Importing clients from a spreadsheet (CSV).
//!
//! Columns are matched to referral fields by their heading (or an explicit mapping), every
//! row is checked with the same rules as the referral form, and the good rows are imported
//! only when the therapist confirms — all in one transaction, so nothing is half-imported.
//! Bad rows are reported by line number with the reason. Parsing is the `csv` crate's.
//!
//! Memory stays bounded whatever the file holds: rows are read one at a time, a good row is
//! written into the open transaction as soon as it is checked (never kept), and a file of
//! more than [`MAX_ROWS`] rows is refused. A full 64 MB file of short rows once held every
//! checked row at a time (about 1.3 KB each: 2 GB for 1.6 million rows).

use std::io::Read;

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

fn normalise(heading: &str) -> String {
    heading.trim().to_lowercase().replace(['_', '-'], " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Maps headings to fields; `overrides` ("Column=field") win over the recognised names.
fn map_columns(headers: &csv::StringRecord, overrides: &[(String, String)]) -> Result<Vec<ColumnMapping>> {
    let mut columns = Vec::new();
    for heading in headers.iter() {
        let explicit = overrides.iter().find(|(col, _)| normalise(col) == normalise(heading)).map(|(_, f)| f.clone());
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
            None => FIELDS
                .iter()
                .find(|(_, names)| names.contains(&normalise(heading).as_str()))
                .map(|(name, _)| name.to_string()),
        };
        columns.push(ColumnMapping { column: heading.to_string(), field });
    }
    for (col, _) in overrides {
        if !headers.iter().any(|h| normalise(h) == normalise(col)) {
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

/// The most data rows one spreadsheet may hold: a practice's whole history many times over,
/// and a bound on what a preview keeps (a line number and a short note per good row).
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

/// Reads and checks every row, handing each good one to `keep` as soon as it is checked
/// (a preview drops it; an import writes it), so no more than one row is held at a time.
fn check(
    reader: &mut dyn Read,
    overrides: &[(String, String)],
    today: NaiveDate,
    keep: &mut dyn FnMut(ValidReferral) -> Result<()>,
) -> Result<ImportPreview> {
    let mut csv = csv::ReaderBuilder::new().flexible(false).trim(csv::Trim::All).from_reader(reader);
    let unreadable = |e: csv::Error| {
        let line = e.position().map(|p| format!(" at line {}", p.line())).unwrap_or_default();
        Error::invalid(
            "file",
            format!(
                "The file could not be read as CSV{line}: {e}. Save the spreadsheet as \"CSV UTF-8\" and try again."
            ),
        )
    };
    let headers = csv.headers().map_err(unreadable)?.clone();
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
        let description = format!(
            "{} {}",
            form.given_name.chars().next().unwrap_or('?'),
            form.family_name.chars().next().unwrap_or('?')
        );
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
