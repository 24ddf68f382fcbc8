//! The auto-lock rule: lock after the therapist has been idle for the chosen time.
//! Adapters own the clock and the timer thread; the rule and its limits live here.

use std::time::{Duration, Instant};

use crate::{Error, Result};

pub const DEFAULT_MINUTES: u32 = 10;
pub const MIN_MINUTES: u32 = 1;
pub const MAX_MINUTES: u32 = 120;

/// Checks a minutes value typed by the therapist.
pub fn validate_minutes(minutes: u32) -> Result<u32> {
    if (MIN_MINUTES..=MAX_MINUTES).contains(&minutes) {
        Ok(minutes)
    } else {
        Err(limits_problem())
    }
}

/// Minutes as typed in the settings form: a whole number within the limits.
pub fn parse_minutes(text: &str) -> Result<u32> {
    text.trim().parse::<u32>().map_err(|_| limits_problem()).and_then(validate_minutes)
}

fn limits_problem() -> Error {
    Error::invalid("autoLockMinutes", format!("Enter a whole number of minutes from {MIN_MINUTES} to {MAX_MINUTES}."))
}

/// Tracks the last activity and says when the idle time has run out.
#[derive(Clone, Debug)]
pub struct IdleTimer {
    last_activity: Instant,
    timeout: Duration,
}

impl IdleTimer {
    pub fn new(minutes: u32, now: Instant) -> Self {
        IdleTimer { last_activity: now, timeout: Duration::from_secs(u64::from(minutes) * 60) }
    }

    pub fn touch(&mut self, now: Instant) {
        self.last_activity = self.last_activity.max(now);
    }

    pub fn set_minutes(&mut self, minutes: u32) {
        self.timeout = Duration::from_secs(u64::from(minutes) * 60);
    }

    pub fn is_due(&self, now: Instant) -> bool {
        now.saturating_duration_since(self.last_activity) >= self.timeout
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_minutes_are_whole_and_within_the_limits() {
        assert_eq!(parse_minutes(" 5 ").ok(), Some(5));
        for bad in ["0", "121", "2.5", "five", ""] {
            assert!(parse_minutes(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn locks_only_after_the_full_idle_time() {
        let t0 = Instant::now();
        let mut timer = IdleTimer::new(10, t0);
        assert!(!timer.is_due(t0 + Duration::from_secs(599)));
        assert!(timer.is_due(t0 + Duration::from_secs(600)));
        timer.touch(t0 + Duration::from_secs(300));
        assert!(!timer.is_due(t0 + Duration::from_secs(899)));
        assert!(timer.is_due(t0 + Duration::from_secs(900)));
    }

    #[test]
    fn minutes_outside_one_to_120_are_refused() {
        assert!(validate_minutes(0).is_err());
        assert!(validate_minutes(121).is_err());
        assert_eq!(validate_minutes(1).ok(), Some(1));
        assert_eq!(validate_minutes(120).ok(), Some(120));
    }
}
