//! The auto-lock rule: lock after the therapist has been idle for the chosen time.
//! Adapters own the timer thread; the rule, its limits and its clock live here.
//!
//! Idle time is measured on a clock that keeps counting while the laptop sleeps
//! ([`Uptime`]: Linux's `CLOCK_BOOTTIME`). Rust's `Instant` stops during suspend, so a vault
//! left open when the lid was closed would otherwise stay open after waking for the rest
//! of its idle time, however long the laptop slept.

use std::time::Duration;

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

/// A moment on a clock that counts time asleep (suspend) as well as awake, and never
/// goes back (unlike the wall clock).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Uptime(Duration);

impl Uptime {
    /// Now: time since boot, sleep included (`CLOCK_BOOTTIME`).
    #[cfg(target_os = "linux")]
    #[allow(unsafe_code)]
    pub fn now() -> Uptime {
        let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: `ts` is a valid, writable timespec; CLOCK_BOOTTIME exists on every Linux
        // Folio runs on (2.6.39+). Should it fail, `ts` stays zero and the timer still only
        // moves forwards (see `touch`).
        unsafe { libc::clock_gettime(libc::CLOCK_BOOTTIME, &mut ts) };
        Uptime(Duration::new(ts.tv_sec.max(0) as u64, ts.tv_nsec.clamp(0, 999_999_999) as u32))
    }

    /// Now, on systems without a boot-time clock: the monotonic clock from first use.
    #[cfg(not(target_os = "linux"))]
    pub fn now() -> Uptime {
        static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
        Uptime(START.get_or_init(std::time::Instant::now).elapsed())
    }

    /// A moment `after` this one (for tests and callers that compute ahead).
    pub fn plus(self, after: Duration) -> Uptime {
        Uptime(self.0 + after)
    }
}

/// Tracks the last activity and says when the idle time has run out.
#[derive(Clone, Debug)]
pub struct IdleTimer {
    last_activity: Uptime,
    timeout: Duration,
}

impl IdleTimer {
    pub fn new(minutes: u32, now: Uptime) -> Self {
        IdleTimer { last_activity: now, timeout: Duration::from_secs(u64::from(minutes) * 60) }
    }

    pub fn touch(&mut self, now: Uptime) {
        self.last_activity = self.last_activity.max(now);
    }

    pub fn set_minutes(&mut self, minutes: u32) {
        self.timeout = Duration::from_secs(u64::from(minutes) * 60);
    }

    pub fn is_due(&self, now: Uptime) -> bool {
        now.0.saturating_sub(self.last_activity.0) >= self.timeout
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
        let t0 = Uptime::now();
        let mut timer = IdleTimer::new(10, t0);
        assert!(!timer.is_due(t0.plus(Duration::from_secs(599))));
        assert!(timer.is_due(t0.plus(Duration::from_secs(600))));
        timer.touch(t0.plus(Duration::from_secs(300)));
        assert!(!timer.is_due(t0.plus(Duration::from_secs(899))));
        assert!(timer.is_due(t0.plus(Duration::from_secs(900))));
    }

    /// The clock the timer reads must count suspend: on Linux it is CLOCK_BOOTTIME, which
    /// is never behind CLOCK_MONOTONIC (the one `Instant` reads, which stops in suspend).
    #[cfg(target_os = "linux")]
    #[test]
    #[allow(unsafe_code)]
    fn idle_time_is_read_from_a_clock_that_counts_sleep() {
        let mut mono = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: a valid, writable timespec.
        unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut mono) };
        let boot = Uptime::now();
        assert!(boot.0.as_secs() as i64 >= mono.tv_sec, "{boot:?} is behind the monotonic clock");
        assert!(boot.0 > Duration::ZERO);
    }

    #[test]
    fn minutes_outside_one_to_120_are_refused() {
        assert!(validate_minutes(0).is_err());
        assert!(validate_minutes(121).is_err());
        assert_eq!(validate_minutes(1).ok(), Some(1));
        assert_eq!(validate_minutes(120).ok(), Some(120));
    }
}
