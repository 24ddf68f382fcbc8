//! Calendar dates as therapists write them: dd/mm/yyyy (22/11/2026).
//!
//! Parsing is chrono's (`%d/%m/%Y`); this module only adds the plain-English messages and
//! the one place where "a real date" is decided, so 31/02 or 29/02 of a common year is
//! refused the same way everywhere.

use chrono::Datelike;
pub use chrono::NaiveDate;

use crate::{Error, Result};

/// The date format shown and accepted everywhere: 22/11/2026.
pub const UK_FORMAT: &str = "%d/%m/%Y";

/// Formats a date as dd/mm/yyyy.
pub fn format_uk(date: NaiveDate) -> String {
    date.format(UK_FORMAT).to_string()
}

/// Parses dd/mm/yyyy (also d/m/yyyy). `field` names the input in the error.
pub fn parse_uk(field: &'static str, label: &str, text: &str) -> Result<NaiveDate> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::invalid(field, format!("Enter the {label}, for example 22/11/2026.")));
    }
    let parts: Vec<&str> = text.split('/').collect();
    let looks_right = parts.len() == 3
        && parts.iter().all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        && parts[2].len() == 4;
    if !looks_right {
        return Err(Error::invalid(
            field,
            format!("Enter the {label} as day/month/year with a four-digit year, for example 22/11/2026."),
        ));
    }
    NaiveDate::parse_from_str(text, UK_FORMAT)
        .map_err(|_| Error::invalid(field, format!("That is not a real date. Check the day and month of the {label}.")))
}

/// A date as typed, or `today` when left empty (the CLI's "[default: today]").
pub fn parse_uk_or(today: NaiveDate, field: &'static str, label: &str, text: &str) -> Result<NaiveDate> {
    if text.trim().is_empty() {
        Ok(today)
    } else {
        parse_uk(field, label, text)
    }
}

/// An event's RFC 3339 UTC timestamp as the therapist reads it: local time, "22/11/2026
/// 10:42". A timestamp that does not read is shown as it is.
pub fn format_uk_timestamp(rfc3339: &str) -> String {
    match chrono::DateTime::parse_from_rfc3339(rfc3339) {
        Ok(at) => at.with_timezone(&chrono::Local).format("%d/%m/%Y %H:%M").to_string(),
        Err(_) => rfc3339.to_string(),
    }
}

/// Whole years from `birth` to `on` (the age on that day). 29 February birthdays turn a
/// year older on 1 March in common years, as UK law counts them.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

/// Serde adapter for the edge: a `NaiveDate` field leaves the core (IPC, `--json`) as
/// dd/mm/yyyy and is read back from it. Use with `#[serde(with = "crate::dates::uk")]`
/// and, for ts-rs, `#[cfg_attr(feature = "ts", ts(type = "string"))]`.
pub mod uk {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format_uk(*date))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(d)?;
        NaiveDate::parse_from_str(text.trim(), super::UK_FORMAT).map_err(serde::de::Error::custom)
    }
}

/// [`uk`] for an optional date (`null` when absent).
pub mod uk_opt {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(d) => s.serialize_some(&super::format_uk(*d)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|text| NaiveDate::parse_from_str(text.trim(), super::UK_FORMAT).map_err(serde::de::Error::custom))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn uk_dates_round_trip() -> Result<()> {
        assert_eq!(parse_uk("dob", "date of birth", "22/11/2026")?, d(2026, 11, 22));
        assert_eq!(parse_uk("dob", "date of birth", " 1/3/2024 ")?, d(2024, 3, 1));
        assert_eq!(format_uk(d(2026, 1, 5)), "05/01/2026");
        Ok(())
    }

    #[test]
    fn impossible_and_malformed_dates_are_refused_with_a_reason() {
        let msg = |s: &str| parse_uk("dob", "date of birth", s).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(msg("31/02/2026").contains("is not a real date"));
        assert!(!msg("31/02/2026").contains("31/02"), "a typed date of birth is never echoed");
        assert!(msg("29/02/2025").contains("is not a real date"));
        assert!(parse_uk("dob", "date of birth", "29/02/2024").is_ok());
        assert!(msg("2026-11-22").contains("day/month/year"));
        assert!(msg("22/11/26").contains("four-digit year"));
        assert!(msg("").contains("Enter the date of birth"));
        assert!(msg("ab/cd/efgh").contains("day/month/year"));
    }

    #[test]
    fn ages_count_whole_years_and_leap_day_birthdays() {
        assert_eq!(age_on(d(2010, 11, 22), d(2026, 11, 21)), 15);
        assert_eq!(age_on(d(2010, 11, 22), d(2026, 11, 22)), 16);
        assert_eq!(age_on(d(2008, 2, 29), d(2026, 2, 28)), 17);
        assert_eq!(age_on(d(2008, 2, 29), d(2026, 3, 1)), 18);
    }
}
