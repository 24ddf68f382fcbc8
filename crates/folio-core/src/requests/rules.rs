//! The request register's rules, pure: when a rights request must be answered, and which
//! dates a change to it may carry.
//!
//! UK GDPR Article 12(3) and the ICO's guidance on the time limit: a request is answered
//! "without undue delay and at the latest within one month of receipt": the corresponding
//! calendar date in the next month, or the month's last day where there is none (31
//! January → 28 February); a deadline on a weekend or bank holiday moves to the next
//! working day. Where the therapist needed proof of identity and asked for it, the month
//! runs from the day it arrived. The month may be extended "by two further months where
//! necessary, taking into account the complexity and number of the requests", and the
//! person must be told, with the reasons, within the first month.

use chrono::NaiveDate;

use crate::dates::{add_months, format_uk};
use crate::holidays::on_or_next_working_day;
use crate::{Error, Result};

/// The most months a deadline may be extended by, in all.
pub const MAX_EXTENSION_MONTHS: u32 = 2;

/// Days before the deadline from which an open request counts as due soon on Home.
pub const DUE_SOON_DAYS: i64 = 7;

/// What the deadline is counted from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    pub received: NaiveDate,
    /// The day proof of identity arrived, when the therapist asked for it and waited.
    pub identity_waited_for: Option<NaiveDate>,
    /// Months of extension recorded, in all.
    pub extended_by: u32,
}

impl Clock {
    /// The day the month starts from.
    pub fn start(&self) -> NaiveDate {
        self.identity_waited_for.map_or(self.received, |on| on.max(self.received))
    }

    /// The last day to answer without an extension: the person must be told of an
    /// extension by then.
    pub fn first_deadline(&self) -> NaiveDate {
        on_or_next_working_day(add_months(self.start(), 1))
    }

    /// The last day to answer, with any extension.
    pub fn deadline(&self) -> NaiveDate {
        on_or_next_working_day(add_months(self.start(), 1 + self.extended_by.min(MAX_EXTENSION_MONTHS)))
    }

    /// Why the deadline is that day, in words: "one calendar month from 30/11/2026, the
    /// day it was received, extended by two months; moved to the next working day".
    pub fn deadline_in_words(&self) -> String {
        let months = 1 + self.extended_by.min(MAX_EXTENSION_MONTHS);
        let from = match self.identity_waited_for {
            Some(on) if on > self.received => format!("{}, the day proof of identity arrived", format_uk(on)),
            _ => format!("{}, the day it was received", format_uk(self.received)),
        };
        let span = if months == 1 {
            "one calendar month".to_string()
        } else {
            format!("{} calendar months", in_words(months))
        };
        let moved = if self.deadline() != add_months(self.start(), months) {
            "; moved off a weekend or bank holiday to the next working day"
        } else {
            ""
        };
        format!("{span} from {from}{moved}")
    }
}

/// True while open with the deadline [`DUE_SOON_DAYS`] away or less (or passed): Home shows
/// it in bold.
pub fn due_soon(days_left: i64) -> bool {
    days_left <= DUE_SOON_DAYS
}

/// Whole days from `today` to `deadline`: negative once it has passed.
pub fn days_left(deadline: NaiveDate, today: NaiveDate) -> i64 {
    (deadline - today).num_days()
}

/// "Due today", "3 days left", "Overdue by 1 day".
pub fn countdown_words(days_left: i64) -> String {
    let days = |n: i64| if n == 1 { "1 day".to_string() } else { format!("{n} days") };
    match days_left {
        0 => "Due today".into(),
        n if n > 0 => format!("{} left", days(n)),
        n => format!("Overdue by {}", days(-n)),
    }
}

/// An extension of `months` told on `told_on`: one or two months in all, told within the
/// first month (and not before the request or after today), with its reason.
pub fn check_extension(clock: Clock, months: u32, told_on: NaiveDate, today: NaiveDate) -> Result<()> {
    if months == 0 || clock.extended_by + months > MAX_EXTENSION_MONTHS {
        let left = MAX_EXTENSION_MONTHS.saturating_sub(clock.extended_by);
        return Err(Error::invalid(
            "months",
            match left {
                0 => "This request has already been extended by the two months the law allows; it cannot be extended again.".to_string(),
                1 => "It can be extended by one more month only: the law allows two in all.".to_string(),
                _ => "Choose an extension of one or two months.".to_string(),
            },
        ));
    }
    check_told_on(clock, told_on, today)
}

fn check_told_on(clock: Clock, told_on: NaiveDate, today: NaiveDate) -> Result<()> {
    if told_on > today {
        return Err(Error::invalid("toldOn", "The day you told them cannot be in the future."));
    }
    if told_on < clock.received {
        return Err(Error::invalid(
            "toldOn",
            format!("The day you told them cannot be before the request was received ({}).", format_uk(clock.received)),
        ));
    }
    if told_on > clock.first_deadline() {
        return Err(Error::invalid(
            "toldOn",
            format!(
                "An extension must be told to the person within the first month, by {}. After that the request can no longer be extended: answer it as soon as you can.",
                format_uk(clock.first_deadline())
            ),
        ));
    }
    Ok(())
}

/// A date a change carries (`what` names it in the message): not before the request was
/// received, not in the future.
pub fn check_date(received: NaiveDate, on: NaiveDate, today: NaiveDate, field: &'static str, what: &str) -> Result<()> {
    if on > today {
        return Err(Error::invalid(field, format!("The date {what} cannot be in the future.")));
    }
    if on < received {
        return Err(Error::invalid(
            field,
            format!("The date {what} cannot be before the request was received ({}).", format_uk(received)),
        ));
    }
    Ok(())
}

fn in_words(n: u32) -> &'static str {
    match n {
        1 => "one",
        2 => "two",
        _ => "three",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn clock(received: NaiveDate) -> Clock {
        Clock { received, identity_waited_for: None, extended_by: 0 }
    }

    #[test]
    fn a_month_is_the_corresponding_date_or_the_month_end_then_the_next_working_day() {
        // The ICO's own examples: 3 September → 3 October; 31 March → 30 April.
        assert_eq!(clock(d(2025, 9, 3)).deadline(), d(2025, 10, 3));
        assert_eq!(clock(d(2026, 3, 31)).deadline(), d(2026, 4, 30));
        // 30/11/2026 → 30/12/2026, a Wednesday.
        assert_eq!(clock(d(2026, 11, 30)).deadline(), d(2026, 12, 30));
        // 28/11/2026 → 28/12/2026, the Boxing Day substitute → Tuesday 29th.
        assert_eq!(clock(d(2026, 11, 28)).deadline(), d(2026, 12, 29));
        assert!(clock(d(2026, 11, 28)).deadline_in_words().contains("next working day"));
        // 31/01/2027 → 28/02/2027, a Sunday → Monday 1 March.
        assert_eq!(clock(d(2027, 1, 31)).deadline(), d(2027, 3, 1));
    }

    #[test]
    fn waiting_for_proof_of_identity_starts_the_month_again_and_an_extension_adds_months() {
        let waited = Clock { received: d(2026, 11, 2), identity_waited_for: Some(d(2026, 11, 10)), extended_by: 0 };
        assert_eq!(waited.deadline(), d(2026, 12, 10));
        assert!(waited.deadline_in_words().contains("10/11/2026, the day proof of identity arrived"));
        let extended = Clock { extended_by: 2, ..waited };
        assert_eq!(extended.deadline(), d(2027, 2, 10));
        assert_eq!(extended.first_deadline(), d(2026, 12, 10), "the first month does not move");
        assert!(extended.deadline_in_words().starts_with("three calendar months"));
    }

    #[test]
    fn an_extension_is_two_months_at_most_told_within_the_first_month() {
        let c = clock(d(2026, 10, 1));
        let today = d(2026, 11, 30);
        assert!(check_extension(c, 2, d(2026, 10, 20), today).is_ok());
        assert!(check_extension(c, 3, d(2026, 10, 20), today).is_err());
        assert!(check_extension(c, 0, d(2026, 10, 20), today).is_err());
        let once = Clock { extended_by: 1, ..c };
        let more = check_extension(once, 2, d(2026, 10, 20), today).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(more.contains("one more month"), "{more}");
        let late = check_extension(c, 1, d(2026, 11, 5), today).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(late.contains("within the first month, by 02/11/2026"), "{late}");
        assert!(check_extension(c, 1, d(2026, 9, 30), today).is_err(), "before it was received");
        assert!(check_extension(c, 1, d(2026, 12, 1), today).is_err(), "in the future");
    }

    #[test]
    fn the_countdown_reads_as_a_person_would_say_it() {
        assert_eq!(countdown_words(0), "Due today");
        assert_eq!(countdown_words(1), "1 day left");
        assert_eq!(countdown_words(30), "30 days left");
        assert_eq!(countdown_words(-1), "Overdue by 1 day");
        assert_eq!(days_left(d(2026, 12, 30), d(2026, 11, 30)), 30);
        assert_eq!([due_soon(7), due_soon(8), due_soon(-2)], [true, false, true]);
    }
}
