//! Importing clients from a spreadsheet (CSV).
//!
//! Columns are matched to referral fields by their heading (or an explicit mapping), every
//! row is checked with the same rules as the referral form, and the good rows are imported
//! only when the therapist confirms — all in one transaction, so nothing is half-imported.
//! Bad rows are reported by line number with the reason. Parsing is the `csv` crate's.

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

/// Reads and checks every row. Nothing is written.
fn check(
    reader: &mut dyn Read,
    overrides: &[(String, String)],
    today: NaiveDate,
) -> Result<(ImportPreview, Vec<ValidReferral>)> {
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
    let mut valid = Vec::new();
    for record in csv.records() {
        let record = record.map_err(unreadable)?;
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.iter().all(|v| v.trim().is_empty()) {
            continue;
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
                valid.push(v);
            }
            Err(e) => rows.push(RowOutcome {
                line,
                ok: false,
                description,
                problems: e.problems().into_iter().map(|p| p.message).collect(),
            }),
        }
    }
    if rows.is_empty() {
        return Err(Error::invalid("file", "The file has a heading row but no clients in it."));
    }
    let good = valid.len();
    let bad = rows.len() - good;
    let available_fields = FIELDS.iter().map(|(name, _)| name.to_string()).collect();
    Ok((ImportPreview { columns, available_fields, rows, good, bad }, valid))
}

/// What the import would do: each row's outcome. Writes nothing.
pub fn preview(vault: &Vault, reader: &mut dyn Read, overrides: &[(String, String)]) -> Result<ImportPreview> {
    check(reader, overrides, vault.today()).map(|(p, _)| p)
}

/// Imports the good rows in one transaction (one audit entry per client) and returns the
/// preview it acted on. A file with no good row changes nothing.
pub fn import(vault: &mut Vault, reader: &mut dyn Read, overrides: &[(String, String)]) -> Result<ImportPreview> {
    let (preview, valid) = check(reader, overrides, vault.today())?;
    if valid.is_empty() {
        return Ok(preview);
    }
    vault.write(|tx| {
        for referral in &valid {
            insert_referral(tx, referral)?;
        }
        Ok(())
    })?;
    Ok(preview)
}
