//! Calendar dates as therapists write them: dd/mm/yyyy (22/11/2026).
//!
//! Parsing is chrono's (`%d/%m/%Y`); this module only adds the plain-English messages and
//! the one place where "a real date" is decided, so 31/02 or 29/02 of a common year is
//! refused the same way everywhere. Moments (when a breach became known) are typed as
//! "dd/mm/yyyy HH:MM" in UK local time and kept as UTC instants; Europe/London's rules come
//! from chrono-tz.

use chrono::offset::LocalResult;
pub use chrono::NaiveDate;
use chrono::{DateTime, Datelike, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::London;

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

/// The format of a moment shown and accepted: 24/10/2026 10:00 (UK local time).
pub const UK_MINUTE_FORMAT: &str = "%d/%m/%Y %H:%M";

/// Parses "dd/mm/yyyy HH:MM" (the day as [`parse_uk`] takes it, then the time as 24-hour
/// hours and minutes). A wall-clock time, not yet placed in a zone: see [`london_to_utc`].
pub fn parse_uk_minute(field: &'static str, label: &str, text: &str) -> Result<NaiveDateTime> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::invalid(field, format!("Enter the {label}, for example 24/10/2026 10:00.")));
    }
    let mut parts = text.split_whitespace();
    let (Some(day), Some(time), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(Error::invalid(
            field,
            format!("Enter the {label} as day/month/year then hours:minutes, for example 24/10/2026 10:00."),
        ));
    };
    let date = parse_uk(field, label, day)?;
    let hm: Vec<&str> = time.split(':').collect();
    let looks_right =
        hm.len() == 2 && hm.iter().all(|p| (1..=2).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()));
    let at = looks_right.then(|| NaiveTime::parse_from_str(time, "%H:%M").ok()).flatten().ok_or_else(|| {
        Error::invalid(
            field,
            format!("Enter the time of the {label} as hours and minutes on the 24-hour clock, for example 14:30."),
        )
    })?;
    Ok(date.and_time(at))
}

/// A UK wall-clock time (Europe/London: GMT in winter, BST in summer) as the instant it
/// names. The zone rules are chrono-tz's (the IANA database), never our own.
///
/// At the clocks' changes: a time that did not happen (01:00–01:59 on the last Sunday of
/// March, when clocks go forward) is refused, naming the field. A time that happened twice
/// (01:00–01:59 on the last Sunday of October) is read as the first of the two, in BST: the
/// earlier instant, so a deadline counted from it is never later than the law's.
pub fn london_to_utc(field: &'static str, label: &str, local: NaiveDateTime) -> Result<DateTime<Utc>> {
    match London.from_local_datetime(&local) {
        LocalResult::Single(at) => Ok(at.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, second) => Ok(first.min(second).with_timezone(&Utc)),
        LocalResult::None => Err(Error::invalid(
            field,
            format!(
                "That time did not happen in the UK: the clocks went forward an hour that night. Check the {label} (01:00 to 01:59 was skipped; 02:00 BST came straight after 00:59 GMT)."
            ),
        )),
    }
}

/// An instant as UK local time: "27/10/2026 09:00".
pub fn format_london(at: DateTime<Utc>) -> String {
    at.with_timezone(&London).format(UK_MINUTE_FORMAT).to_string()
}

/// The day an instant falls on in the UK.
pub fn london_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&London).date_naive()
}

/// Serde adapter for the edge: an instant leaves the core as UK local time, "dd/mm/yyyy
/// HH:MM". Serialize only (instants are typed in as text and parsed by the core).
pub mod london {
    use chrono::{DateTime, Utc};
    use serde::Serializer;

    pub fn serialize<S: Serializer>(at: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format_london(*at))
    }
}

/// [`london`] for an optional instant (`null` when absent).
pub mod london_opt {
    use chrono::{DateTime, Utc};
    use serde::Serializer;

    pub fn serialize<S: Serializer>(at: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        match at {
            Some(at) => s.serialize_some(&super::format_london(*at)),
            None => s.serialize_none(),
        }
    }
}

/// `months` calendar months after `date`: the same day of the month, or the last day of
/// the month where that day does not exist (31/12/2025 + 2 months = 28/02/2026; 29/02/2028
/// + 36 months = 28/02/2031). The one month arithmetic every rule uses.
pub fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    // chrono clamps to the month's last day; out of range only past the year 262,000.
    date.checked_add_months(chrono::Months::new(months)).unwrap_or(NaiveDate::MAX)
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

/// [`uk`] for a list of dates.
pub mod uk_list {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(dates: &[NaiveDate], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(dates.iter().map(|d| super::format_uk(*d)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<NaiveDate>, D::Error> {
        Vec::<String>::deserialize(d)?
            .iter()
            .map(|text| NaiveDate::parse_from_str(text.trim(), super::UK_FORMAT).map_err(serde::de::Error::custom))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn months_are_added_to_the_same_day_or_the_months_last_day() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
        assert_eq!(add_months(d(2025, 12, 31), 2), d(2026, 2, 28));
        assert_eq!(add_months(d(2027, 12, 31), 2), d(2028, 2, 29));
        assert_eq!(add_months(d(2028, 2, 29), 36), d(2031, 2, 28));
        assert_eq!(add_months(d(2028, 2, 29), 48), d(2032, 2, 29));
        assert_eq!(add_months(d(2026, 1, 31), 1), d(2026, 2, 28));
        assert_eq!(add_months(d(2026, 3, 15), 12), d(2027, 3, 15));
    }

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

    fn london(text: &str) -> Result<DateTime<Utc>> {
        london_to_utc("aware", "time you became aware", parse_uk_minute("aware", "time you became aware", text)?)
    }

    #[test]
    fn uk_moments_are_read_in_london_time_and_shown_back_in_it() -> Result<()> {
        // BST (UTC+1) in summer, GMT in winter.
        assert_eq!(london("24/10/2026 10:00")?.to_rfc3339(), "2026-10-24T09:00:00+00:00");
        assert_eq!(london("30/11/2026 15:00")?.to_rfc3339(), "2026-11-30T15:00:00+00:00");
        assert_eq!(format_london(london("1/7/2026 9:05")?), "01/07/2026 09:05");
        let deadline = london("24/10/2026 10:00")? + chrono::Duration::hours(72);
        assert_eq!(format_london(deadline), "27/10/2026 09:00", "clocks went back on 25/10/2026");
        Ok(())
    }

    #[test]
    fn a_time_the_clocks_skipped_is_refused_and_a_repeated_one_read_as_bst() -> Result<()> {
        let skipped = london("29/03/2026 01:30").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(skipped.contains("did not happen"), "{skipped}");
        assert!(!skipped.contains("01:30"), "what was typed is not echoed: {skipped}");
        // 01:30 happened twice on 25/10/2026: first in BST (00:30 UTC), then GMT (01:30 UTC).
        assert_eq!(london("25/10/2026 01:30")?.to_rfc3339(), "2026-10-25T00:30:00+00:00");
        Ok(())
    }

    #[test]
    fn malformed_moments_are_refused_by_field_without_echoing() {
        let msg = |s: &str| {
            parse_uk_minute("aware", "time you became aware", s).err().map(|e| e.to_string()).unwrap_or_default()
        };
        assert!(msg("").contains("Enter the time you became aware"));
        assert!(msg("24/10/2026").contains("hours:minutes"));
        assert!(msg("24/10/2026 25:00").contains("24-hour clock"));
        assert!(msg("24/10/2026 10.00").contains("24-hour clock"));
        assert!(msg("31/02/2026 10:00").contains("not a real date"));
        assert!(!msg("24/10/2026 25:61").contains("25:61"));
    }
}
