//! The attendance register's rules, pure: what a session form must say, and seed 004's
//! checks for an online or phone session with a child. One function decides each rule;
//! adding a session and recording a planned session's outcome both go through it.

use chrono::{NaiveDate, NaiveTime};

use super::{Mode, Outcome};
use crate::dates::{age_on, format_uk};
use crate::{Error, Result};

/// Shortest and longest session, in minutes.
pub const MINUTES: std::ops::RangeInclusive<u32> = 5..=480;

/// A child is under 18 on the session date; a client whose date of birth is not known is
/// treated as a child.
pub fn is_child_on(date_of_birth: Option<NaiveDate>, on: NaiveDate) -> bool {
    date_of_birth.is_none_or(|dob| age_on(dob, on) < 18)
}

/// The remote-session facts seed 004 asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RemoteChecks {
    pub platform: String,
    pub parent_contacted_start: Option<bool>,
    pub parent_contacted_end: Option<bool>,
    pub parent_nearby: Option<bool>,
    /// Why a check was answered "no": what happened and what the therapist did. Required
    /// exactly when a check is "no"; the client is then listed for a safeguarding review.
    pub checks_reason: String,
    /// The therapist's confirmation that the parent agreed to a platform the online-contact
    /// consent does not name, and how.
    pub platform_confirmed: String,
}

impl RemoteChecks {
    /// What went wrong, in words, for each check answered "no".
    pub fn missed(&self) -> Vec<&'static str> {
        [
            (self.parent_contacted_start, "the parent or carer was not contacted at the start"),
            (self.parent_contacted_end, "the parent or carer was not contacted at the end"),
            (self.parent_nearby, "the parent or carer was not close by"),
        ]
        .into_iter()
        .filter(|(answer, _)| *answer == Some(false))
        .map(|(_, words)| words)
        .collect()
    }

    /// A reason exactly when a check is "no" (seed 004 §6: parents close by and aware).
    pub fn check_reason(&self) -> Result<()> {
        match (self.missed().is_empty(), self.checks_reason.trim().is_empty()) {
            (false, true) => Err(Error::invalid(
                "checksReason",
                "A parent or carer check was answered \"no\": give the reason (what happened and what you did). The client is then listed for a safeguarding review.",
            )),
            (true, false) => Err(Error::invalid(
                "checksReason",
                "A reason is given only when a parent or carer check is answered \"no\". Leave it empty, or correct the checks.",
            )),
            _ => Ok(()),
        }
    }

    /// What is kept for a session in `mode`: everything for online and phone sessions,
    /// nothing for sessions in person (a form's leftovers are not stored).
    pub fn kept_for(mut self, mode: Mode) -> RemoteChecks {
        self.platform = self.platform.trim().to_string();
        self.checks_reason = self.checks_reason.trim().to_string();
        self.platform_confirmed = self.platform_confirmed.trim().to_string();
        if mode.is_remote() {
            self
        } else {
            RemoteChecks::default()
        }
    }

    /// Seed 004: an attended online or phone session with a child records the platform and
    /// whether the parent or carer was contacted at the start and at the end, and was close
    /// by. The one rule, for adding a session and for recording a planned one's outcome.
    pub fn check(&self, mode: Mode, outcome: Outcome, child: bool) -> Result<()> {
        self.check_reason()?;
        if !(mode.is_remote() && child && outcome == Outcome::Attended) {
            return Ok(());
        }
        if self.platform.trim().is_empty() {
            return Err(Error::invalid(
                "platform",
                "Enter the platform used for this online or phone session with a child.",
            ));
        }
        if self.parent_contacted_start.is_none() || self.parent_contacted_end.is_none() || self.parent_nearby.is_none()
        {
            return Err(Error::invalid(
                "parentChecks",
                "For an online or phone session with a child, record whether the parent or carer was contacted at the start and at the end, and whether they were close by.",
            ));
        }
        Ok(())
    }
}

/// A session in the future can only be planned.
pub fn check_outcome_date(on: NaiveDate, outcome: Outcome, today: NaiveDate) -> Result<()> {
    if on > today && outcome != Outcome::Planned {
        return Err(Error::invalid("outcome", "A session in the future can only be planned."));
    }
    Ok(())
}

/// The session falls inside the open episode.
pub fn check_in_episode(on: NaiveDate, episode_start: NaiveDate) -> Result<()> {
    if on < episode_start {
        return Err(Error::invalid(
            "on",
            format!("The session date is before this episode began ({}).", format_uk(episode_start)),
        ));
    }
    Ok(())
}

pub fn check_minutes(minutes: u32) -> Result<()> {
    if !MINUTES.contains(&minutes) {
        return Err(Error::invalid("minutes", "Enter the length in minutes, from 5 to 480."));
    }
    Ok(())
}

/// HH:MM, or empty; returned tidy (9:5 is refused, 09:05 kept).
pub fn start_time(text: &str) -> Result<String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(String::new());
    }
    NaiveTime::parse_from_str(text, "%H:%M")
        .map(|t| t.format("%H:%M").to_string())
        .map_err(|_| Error::invalid("startTime", "Enter the start time as hours:minutes, for example 14:30."))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn full() -> RemoteChecks {
        RemoteChecks {
            platform: "Zoom".into(),
            parent_contacted_start: Some(true),
            parent_contacted_end: Some(true),
            parent_nearby: Some(false),
            checks_reason: "Parent stepped out to take a call; I paused until they were back".into(),
            platform_confirmed: String::new(),
        }
    }

    #[test]
    fn a_check_answered_no_needs_a_reason_and_only_then() {
        let no_reason = RemoteChecks { checks_reason: String::new(), ..full() };
        assert_eq!(
            no_reason.check(Mode::Online, Outcome::Attended, true).map_err(|e| e.field()),
            Err(Some("checksReason"))
        );
        let all_yes = RemoteChecks { parent_nearby: Some(true), ..full() };
        assert!(all_yes.check(Mode::Online, Outcome::Attended, true).is_err(), "a reason without a no");
        assert!(RemoteChecks { checks_reason: String::new(), ..all_yes }
            .check(Mode::Online, Outcome::Attended, true)
            .is_ok());
        assert_eq!(full().missed(), ["the parent or carer was not close by"]);
    }

    #[test]
    fn an_attended_remote_session_with_a_child_needs_every_check() {
        assert!(full().check(Mode::Online, Outcome::Attended, true).is_ok());
        for missing in [
            RemoteChecks { platform: " ".into(), ..full() },
            RemoteChecks { parent_contacted_start: None, ..full() },
            RemoteChecks { parent_contacted_end: None, ..full() },
            RemoteChecks { parent_nearby: None, checks_reason: String::new(), ..full() },
        ] {
            assert!(missing.check(Mode::Phone, Outcome::Attended, true).is_err());
            assert!(missing.check(Mode::Phone, Outcome::Attended, false).is_ok(), "adults need none");
            assert!(missing.check(Mode::Phone, Outcome::Planned, true).is_ok(), "not yet happened");
        }
    }

    #[test]
    fn in_person_sessions_keep_no_remote_details() {
        assert_eq!(full().kept_for(Mode::InPerson), RemoteChecks::default());
        assert_eq!(full().kept_for(Mode::Online), full());
    }
}
