//! The complaints register's rules, pure: when a stage or a closing may be dated.
//!
//! Seed 001's route: "In the first instance please raise any issue with your art therapist.
//! If you remain concerned please raise it with the commissioning organisation … you are
//! able to raise a complaint to the Regulatory Body, Health Care Professions Council";
//! complaints about personal data may go to the ICO (seeds 000 and 001, "or directly to the
//! Information Commissioner's Office"). So the stages are not a fixed ladder (the ICO may
//! come first); what the register keeps in order is their dates.

use chrono::NaiveDate;

use crate::dates::format_uk;
use crate::{Error, Result};

/// What a new stage or a closing is checked against: the complaint as it stands.
#[derive(Clone, Copy, Debug)]
pub struct Standing {
    pub received: NaiveDate,
    /// The latest stage's date, if any.
    pub last_stage: Option<NaiveDate>,
    /// When it was closed, if it was.
    pub closed: Option<NaiveDate>,
}

/// A date for a new stage (`closing` false) or the closing (`closing` true): on or after
/// the day the complaint was received and the latest stage, never in the future, and only
/// while the complaint is open. `field` names the input in the message.
pub fn check_date(
    standing: Standing,
    on: NaiveDate,
    today: NaiveDate,
    closing: bool,
    field: &'static str,
) -> Result<()> {
    let what = if closing { "closing" } else { "stage" };
    if let Some(closed) = standing.closed {
        return Err(Error::invalid(
            field,
            format!(
                "This complaint was closed on {}; nothing more can be added to it. If it has been raised again, record it as a new complaint.",
                format_uk(closed)
            ),
        ));
    }
    if on > today {
        return Err(Error::invalid(field, format!("The date of the {what} cannot be in the future.")));
    }
    if on < standing.received {
        return Err(Error::invalid(
            field,
            format!(
                "The date of the {what} cannot be before the complaint was received ({}).",
                format_uk(standing.received)
            ),
        ));
    }
    if let Some(last) = standing.last_stage.filter(|last| on < *last) {
        return Err(Error::invalid(
            field,
            format!("The date of the {what} cannot be before the complaint's latest stage ({}).", format_uk(last)),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn message(standing: Standing, on: NaiveDate, closing: bool) -> String {
        check_date(standing, on, d(2026, 11, 30), closing, "on").err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn stages_follow_the_complaint_in_date_order_and_stop_at_its_closing() {
        let open = Standing { received: d(2026, 9, 1), last_stage: Some(d(2026, 9, 10)), closed: None };
        assert!(check_date(open, d(2026, 9, 10), d(2026, 11, 30), false, "on").is_ok(), "same day as the last stage");
        assert!(message(open, d(2026, 8, 31), false).contains("before the complaint was received (01/09/2026)"));
        assert!(message(open, d(2026, 9, 5), false).contains("latest stage (10/09/2026)"));
        assert!(message(open, d(2026, 12, 1), true).contains("closing cannot be in the future"));
        let closed = Standing { closed: Some(d(2026, 10, 1)), ..open };
        assert!(message(closed, d(2026, 10, 2), false).contains("was closed on 01/10/2026"));
        assert!(message(closed, d(2026, 10, 2), true).contains("was closed on 01/10/2026"));
    }
}
