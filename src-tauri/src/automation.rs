//! What the app does differently under WebDriver automation, and nothing else does.
//! Automation is on only when `TAURI_WEBVIEW_AUTOMATION=true`, which only `scripts/e2e.sh`
//! sets; a normal run never reads the files named here.
//!
//! - Pickers: WebDriver cannot drive a GTK dialog, so the picker answers with what the test
//!   wrote into `FOLIO_E2E_PICKS` (see `picker.rs`).
//! - Today: the retention countdowns and destruction run on the day in `FOLIO_E2E_TODAY`
//!   (dd/mm/yyyy), read at each unlock, so a test can open the vault on the day a client
//!   becomes due, and again after the grace period. Empty or missing is the real today.

use std::path::PathBuf;

use folio_core::clock::Clock;

/// True only under the E2E harness.
pub fn enabled() -> bool {
    std::env::var("TAURI_WEBVIEW_AUTOMATION").as_deref() == Ok("true")
}

/// A file the harness named in `variable`, under automation only.
pub fn harness_file(variable: &str) -> Option<PathBuf> {
    enabled().then(|| std::env::var_os(variable).map(PathBuf::from)).flatten()
}

/// The clock the vault is unlocked with: the test's day under automation, else the
/// computer's. A day the file holds but that is not a date is ignored (the real today).
pub fn clock() -> Clock {
    let Some(file) = harness_file("FOLIO_E2E_TODAY") else {
        return Clock::System;
    };
    Clock::on_written_day(&std::fs::read_to_string(file).unwrap_or_default())
}
