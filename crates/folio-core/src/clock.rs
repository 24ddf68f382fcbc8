//! The one clock the core reads. "Today" decides what is in the future, what is overdue
//! and, later, when a record must be destroyed; so it is handed to the vault rather than
//! read from SQL's `date('now')` or the system in scattered places. Tests and the CLI's
//! "as of" options fix it to any day.

use chrono::{NaiveDate, NaiveDateTime, Utc};

/// Where "now" comes from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Clock {
    /// The computer's clock: today in local time (calendar facts follow the therapist's
    /// day), events in UTC.
    #[default]
    System,
    /// A fixed moment (UTC), for tests and "as of" runs. Today is its date.
    Fixed(NaiveDateTime),
}

impl Clock {
    /// A clock fixed at midday (UTC) on `day`.
    pub fn on(day: NaiveDate) -> Clock {
        Clock::Fixed(day.and_hms_opt(12, 0, 0).unwrap_or_default())
    }

    /// A clock fixed on the day written as dd/mm/yyyy (the E2E harness's day for the app),
    /// or the computer's clock when the text is empty or not a date.
    pub fn on_written_day(text: &str) -> Clock {
        crate::dates::parse_uk("today", "day", text.trim()).map_or(Clock::System, Clock::on)
    }

    /// Today's calendar date.
    pub fn today(self) -> NaiveDate {
        match self {
            Clock::System => chrono::Local::now().date_naive(),
            Clock::Fixed(at) => at.date(),
        }
    }

    /// Now, as an instant (UTC). A fixed clock gives its moment, so deadlines counted in
    /// hours (the 72 hours to report a personal data breach) are testable.
    pub fn now(self) -> chrono::DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Fixed(at) => at.and_utc(),
        }
    }

    /// Now, as an RFC 3339 UTC timestamp with second precision (events are UTC; calendar
    /// facts such as birth dates are `NaiveDate`).
    pub fn now_utc(self) -> String {
        self.now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_gives_its_day_and_a_utc_timestamp() {
        let day = NaiveDate::from_ymd_opt(2026, 2, 28).unwrap_or_default();
        let clock = Clock::on(day);
        assert_eq!(clock.today(), day);
        assert_eq!(clock.now_utc(), "2026-02-28T12:00:00Z");
        assert_eq!(Clock::on_written_day(" 28/02/2026\n"), clock);
        assert_eq!(Clock::on_written_day(""), Clock::System);
        assert_eq!(Clock::on_written_day("31/02/2026"), Clock::System);
    }
}
