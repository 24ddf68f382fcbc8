//! The incident log's rules, pure: the 72 hours to report a personal data breach to the ICO
//! (UK GDPR art. 33(1): "without undue delay and, where feasible, not later than 72 hours
//! after having become aware of it"), the countdown in words, and when a report is late.
//!
//! The 72 hours are elapsed hours, counted between instants (UTC): over the night the clocks
//! go back the deadline's wall-clock time is an hour earlier than the awareness's, and over
//! the night they go forward an hour later. Local times are read and shown by
//! [`crate::dates::london_to_utc`] and [`crate::dates::format_london`].

use chrono::{DateTime, Duration, Utc};

/// Hours from becoming aware of a breach to the deadline for reporting it.
pub const HOURS_TO_REPORT: i64 = 72;

/// The deadline: 72 elapsed hours after becoming aware.
pub fn report_by(aware: DateTime<Utc>) -> DateTime<Utc> {
    aware + Duration::hours(HOURS_TO_REPORT)
}

/// A report made after the deadline is late (art. 33(1): it must come with the reasons for
/// the delay). A report in the deadline's own minute is in time.
pub fn is_late(report_by: DateTime<Utc>, reported: DateTime<Utc>) -> bool {
    reported > report_by
}

/// Whole minutes from `now` to the deadline; negative once it has passed.
pub fn minutes_left(report_by: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    (report_by - now).num_minutes()
}

/// The countdown in words: "14 hours left", "40 minutes left", "Overdue by 3 hours",
/// "Overdue by 5 days" (past two days overdue, hours stop meaning much). Hours and days are
/// whole, rounded down while time is left (never more time than there is) and up once
/// overdue (never less overdue than it is).
pub fn countdown_words(minutes_left: i64) -> String {
    let plural = |n: i64, one: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {one}s") };
    if minutes_left >= 60 {
        format!("{} left", plural(minutes_left / 60, "hour"))
    } else if minutes_left >= 1 {
        format!("{} left", plural(minutes_left, "minute"))
    } else if minutes_left == 0 {
        "Less than a minute left".to_string()
    } else if -minutes_left < 60 {
        format!("Overdue by {}", plural(-minutes_left, "minute"))
    } else if -minutes_left > 48 * 60 {
        format!("Overdue by {}", plural((-minutes_left + 24 * 60 - 1) / (24 * 60), "day"))
    } else {
        format!("Overdue by {}", plural((-minutes_left + 59) / 60, "hour"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::{format_london, london_to_utc, parse_uk_minute};
    use crate::Result;

    fn at(text: &str) -> Result<DateTime<Utc>> {
        london_to_utc("aware", "time", parse_uk_minute("aware", "time", text)?)
    }

    #[test]
    fn the_deadline_is_72_elapsed_hours_whatever_the_clocks_do() -> Result<()> {
        assert_eq!(format_london(report_by(at("30/11/2026 15:00")?)), "03/12/2026 15:00", "across a month end");
        assert_eq!(format_london(report_by(at("24/10/2026 10:00")?)), "27/10/2026 09:00", "clocks went back");
        assert_eq!(format_london(report_by(at("27/03/2026 10:00")?)), "30/03/2026 11:00", "clocks went forward");
        assert_eq!(format_london(report_by(at("29/12/2026 23:30")?)), "01/01/2027 23:30", "across a year end");
        Ok(())
    }

    #[test]
    fn a_report_in_the_deadlines_minute_is_in_time_and_a_minute_later_is_late() -> Result<()> {
        let by = report_by(at("24/10/2026 10:00")?);
        assert!(!is_late(by, at("27/10/2026 09:00")?));
        assert!(is_late(by, at("27/10/2026 09:01")?));
        Ok(())
    }

    #[test]
    fn the_countdown_reads_in_whole_hours_and_minutes() {
        assert_eq!(countdown_words(14 * 60 + 59), "14 hours left");
        assert_eq!(countdown_words(60), "1 hour left");
        assert_eq!(countdown_words(40), "40 minutes left");
        assert_eq!(countdown_words(1), "1 minute left");
        assert_eq!(countdown_words(0), "Less than a minute left");
        assert_eq!(countdown_words(-5), "Overdue by 5 minutes");
        assert_eq!(countdown_words(-61), "Overdue by 2 hours");
        assert_eq!(countdown_words(-120), "Overdue by 2 hours");
        assert_eq!(countdown_words(-48 * 60), "Overdue by 48 hours");
        assert_eq!(countdown_words(-48 * 60 - 1), "Overdue by 3 days");
        assert_eq!(countdown_words(-5 * 366 * 24 * 60), "Overdue by 1830 days");
    }
}
