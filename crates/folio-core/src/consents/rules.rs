//! The consent ledger's rules, pure: when a consent is due for review and when it must be
//! refreshed, what state it is in on a day, and whether it answers a rule that asks for a
//! written consent from a parent.
//!
//! Seed 001: "We review consents on an annual basis … We will refresh consents at two-yearly
//! intervals, including parental consents. In the case of work in schools the refresh will be
//! whenever a new period of therapy with a child begins."

use chrono::NaiveDate;

use super::{ConsentState, How, Purpose};
use crate::dates::add_months;
use crate::{Error, Result};

/// What a consent of `purpose` records beyond who, how and when, checked: for online
/// contact the platforms agreed with the parent and what happens if the technology fails
/// (seeds 001, 004 §6); for a recording the therapeutic plan it is part of (004 §10), and
/// only where the practice records sessions at all (seed 001: "We do not record therapy
/// sessions"). Returns (platforms, failure plan, plan), empty where the purpose has none.
pub fn purpose_details(
    purpose: Purpose,
    platforms: String,
    failure_plan: String,
    plan: String,
    records_sessions: bool,
) -> Result<(String, String, String)> {
    match purpose {
        Purpose::OnlineContact => {
            if platforms.is_empty() {
                return Err(Error::invalid(
                    "platforms",
                    "Name the platforms agreed with the parent, for example \"Video call app, phone\".",
                ));
            }
            if failure_plan.is_empty() {
                return Err(Error::invalid(
                    "failurePlan",
                    "Say what happens if the technology fails (for example: the session ends and I phone the parent).",
                ));
            }
            Ok((platforms, failure_plan, String::new()))
        }
        Purpose::Recording if !records_sessions => Err(Error::invalid(
            "purpose",
            "This practice does not record sessions (Settings, Sessions). Change that setting first if a recording is now part of an agreed therapeutic plan.",
        )),
        Purpose::Recording if plan.is_empty() => Err(Error::invalid(
            "plan",
            "Name the agreed therapeutic plan the recording is part of: sessions are recorded only as part of one.",
        )),
        Purpose::Recording => Ok((String::new(), String::new(), plan)),
        _ => Ok((String::new(), String::new(), String::new())),
    }
}

/// Whether `platform` is one of those agreed (`agreed` as recorded: "Zoom, phone" or one per
/// line), case and spacing aside. A consent that names no platforms (recorded before Folio
/// asked) agrees to any.
pub fn platform_agreed(agreed: &str, platform: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let platform = norm(platform);
    let items: Vec<String> = agreed
        .split([',', ';', '/', '\n'])
        .flat_map(|i| i.split(" and "))
        .map(norm)
        .filter(|i| !i.is_empty())
        .collect();
    items.is_empty()
        || items.iter().any(|i| *i == platform || platform.contains(i.as_str()) || i.contains(platform.as_str()))
}

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

    #[test]
    fn online_contact_names_its_platforms_and_a_failure_plan_and_recording_its_plan() {
        let details = |p, platforms: &str, fails: &str, plan: &str, records| {
            purpose_details(p, platforms.into(), fails.into(), plan.into(), records).map_err(|e| e.field())
        };
        assert_eq!(details(Purpose::OnlineContact, "", "x", "", true), Err(Some("platforms")));
        assert_eq!(details(Purpose::OnlineContact, "Zoom", "", "", true), Err(Some("failurePlan")));
        assert_eq!(
            details(Purpose::OnlineContact, "Zoom", "Phone the parent", "ignored", true),
            Ok(("Zoom".into(), "Phone the parent".into(), String::new()))
        );
        assert_eq!(details(Purpose::Recording, "", "", "", true), Err(Some("plan")));
        assert_eq!(
            details(Purpose::Recording, "", "", "Plan", false),
            Err(Some("purpose")),
            "the practice does not record"
        );
        assert_eq!(details(Purpose::Therapy, "Zoom", "x", "y", true), Ok(Default::default()));
    }

    #[test]
    fn a_platform_is_agreed_whatever_its_case_and_spacing() {
        assert!(platform_agreed("Zoom, phone", "zoom"));
        assert!(platform_agreed("Zoom and phone", "Phone"));
        assert!(platform_agreed("Zoom", "Zoom video call"));
        assert!(!platform_agreed("Zoom, phone", "WhatsApp video"));
        assert!(platform_agreed("", "anything"), "a consent naming none agrees to any");
    }
}
