//! The consent ledger's rules, pure: when a consent is due for review and when it must be
//! refreshed, what state it is in on a day, and whether it answers a rule that asks for a
//! written consent from a parent.
//!
//! Seed 001: "We review consents on an annual basis … We will refresh consents at two-yearly
//! intervals, including parental consents. In the case of work in schools the refresh will be
//! whenever a new period of therapy with a child begins."

use chrono::NaiveDate;

use super::{ConsentState, How};
use crate::dates::add_months;

/// Folio's review interval for every purpose, in months (seed 001: annual).
pub const DEFAULT_REVIEW_MONTHS: u32 = 12;
/// Folio's refresh interval for every purpose, in months (seed 001: two-yearly).
pub const DEFAULT_REFRESH_MONTHS: u32 = 24;

/// The facts a consent's dates are computed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Timing {
    pub given: NaiveDate,
    /// The latest review recorded, if any.
    pub last_review: Option<NaiveDate>,
    pub review_months: u32,
    pub refresh_months: u32,
    /// For work in schools: the start of the first episode after the one the consent was
    /// given in (a new period of therapy needs a fresh consent).
    pub next_episode_start: Option<NaiveDate>,
    pub withdrawn_on: Option<NaiveDate>,
}

/// When the consent must be reviewed and when refreshed. The refresh date is the first day
/// the consent no longer counts (it is expired on that day).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dates {
    pub review_on: NaiveDate,
    pub refresh_on: NaiveDate,
}

pub fn dates(t: &Timing) -> Dates {
    let mut refresh_on = add_months(t.given, t.refresh_months);
    if let Some(next) = t.next_episode_start {
        refresh_on = refresh_on.min(next.max(t.given));
    }
    let review_on = add_months(t.last_review.unwrap_or(t.given).max(t.given), t.review_months).min(refresh_on);
    Dates { review_on, refresh_on }
}

/// The consent's state on `today`.
pub fn state_on(t: &Timing, today: NaiveDate) -> ConsentState {
    let d = dates(t);
    if t.withdrawn_on.is_some_and(|w| w <= today) {
        ConsentState::Withdrawn
    } else if today >= d.refresh_on {
        ConsentState::Expired
    } else if today >= d.review_on {
        ConsentState::ReviewDue
    } else {
        ConsentState::Current
    }
}

/// True when the consent counts on `day`: given by then, not withdrawn by then, not yet
/// due for refresh. A consent due for review still counts: a review is a reminder.
pub fn counts_on(t: &Timing, day: NaiveDate) -> bool {
    t.given <= day && t.withdrawn_on.is_none_or(|w| w > day) && day < dates(t).refresh_on
}

/// "Written" means a written form, a signed contract or an e-mail. Verbal consent is
/// recorded but never answers a rule that asks for written consent.
pub fn is_written(how: How) -> bool {
    matches!(how, How::Written | How::SignedContract | How::Email)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%d/%m/%Y").unwrap_or_default()
    }

    fn given(on: &str) -> Timing {
        Timing {
            given: d(on),
            last_review: None,
            review_months: DEFAULT_REVIEW_MONTHS,
            refresh_months: DEFAULT_REFRESH_MONTHS,
            next_episode_start: None,
            withdrawn_on: None,
        }
    }

    #[test]
    fn review_is_yearly_and_refresh_two_yearly_with_month_ends_and_29_february() {
        let cases = [
            ("15/03/2026", "15/03/2027", "15/03/2028"),
            ("29/02/2028", "28/02/2029", "28/02/2030"),
            ("31/08/2026", "31/08/2027", "31/08/2028"),
        ];
        for (on, review, refresh) in cases {
            assert_eq!(dates(&given(on)), Dates { review_on: d(review), refresh_on: d(refresh) }, "{on}");
        }
        // A review recorded moves the next review on, never past the refresh.
        let reviewed = Timing { last_review: Some(d("01/03/2027")), ..given("15/03/2026") };
        assert_eq!(dates(&reviewed).review_on, d("01/03/2028"));
        let late = Timing { last_review: Some(d("01/06/2027")), ..given("15/03/2026") };
        assert_eq!(dates(&late).review_on, d("15/03/2028"), "capped at the refresh date");
    }

    #[test]
    fn work_in_schools_is_refreshed_at_the_next_episode_if_that_comes_first() {
        let school = Timing { next_episode_start: Some(d("05/01/2027")), ..given("10/09/2026") };
        assert_eq!(dates(&school).refresh_on, d("05/01/2027"));
        assert_eq!(state_on(&school, d("05/01/2027")), ConsentState::Expired);
        let later = Timing { next_episode_start: Some(d("01/01/2030")), ..given("10/09/2026") };
        assert_eq!(dates(&later).refresh_on, d("10/09/2028"), "whichever comes first");
    }

    #[test]
    fn states_on_a_day() {
        let t = given("15/03/2026");
        assert_eq!(state_on(&t, d("14/03/2027")), ConsentState::Current);
        assert_eq!(state_on(&t, d("15/03/2027")), ConsentState::ReviewDue);
        assert_eq!(state_on(&t, d("15/03/2028")), ConsentState::Expired);
        let withdrawn = Timing { withdrawn_on: Some(d("01/06/2026")), ..t };
        assert_eq!(state_on(&withdrawn, d("31/05/2026")), ConsentState::Current, "history reads as it was");
        assert_eq!(state_on(&withdrawn, d("01/06/2026")), ConsentState::Withdrawn);
        assert!(counts_on(&t, d("15/03/2027")), "due for review still counts");
        assert!(!counts_on(&t, d("14/03/2026")), "not before it was given");
        assert!(!counts_on(&t, d("15/03/2028")));
        assert!(!counts_on(&withdrawn, d("01/06/2026")));
        assert!(counts_on(&withdrawn, d("31/05/2026")));
    }

    #[test]
    fn verbal_consent_is_never_written() {
        assert!(!is_written(How::Verbal));
        for how in [How::Written, How::SignedContract, How::Email] {
            assert!(is_written(how));
        }
    }
}
