//! Process hardening applied at the start of every Folio binary.

/// Disables core dumps so that a crash never writes the unlocked data key or client data
/// to disk: `RLIMIT_CORE` = 0 and, on Linux, `prctl(PR_SET_DUMPABLE, 0)` (which also stops
/// other processes of the same user from attaching a debugger). Returns whether both
/// calls succeeded; a failure is reported by the caller, not fatal.
#[allow(unsafe_code)]
pub fn disable_core_dumps() -> bool {
    #[cfg(unix)]
    {
        let limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: setrlimit reads the struct we pass and has no other memory effects.
        let rlimit_ok = unsafe { libc::setrlimit(libc::RLIMIT_CORE, &limit) } == 0;
        #[cfg(target_os = "linux")]
        // SAFETY: PR_SET_DUMPABLE takes plain integer arguments.
        let dumpable_ok = unsafe { libc::prctl(libc::PR_SET_DUMPABLE, 0, 0, 0, 0) } == 0;
        #[cfg(not(target_os = "linux"))]
        let dumpable_ok = true;
        rlimit_ok && dumpable_ok
    }
    #[cfg(not(unix))]
    {
        false
    }
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(target_os = "linux")]
    #[allow(unsafe_code)]
    fn core_dumps_are_off_after_hardening() {
        assert!(super::disable_core_dumps());
        // SAFETY: PR_GET_DUMPABLE takes no pointer arguments.
        let dumpable = unsafe { libc::prctl(libc::PR_GET_DUMPABLE, 0, 0, 0, 0) };
        assert_eq!(dumpable, 0);
        let mut limit = libc::rlimit { rlim_cur: 1, rlim_max: 1 };
        // SAFETY: getrlimit writes into the struct we own.
        assert_eq!(unsafe { libc::getrlimit(libc::RLIMIT_CORE, &mut limit) }, 0);
        assert_eq!(limit.rlim_cur, 0);
    }
}
