//! Native file and folder pickers (`tauri-plugin-dialog`), opened from Rust inside
//! Folio's own commands: the webview is granted no dialog or fs permission and never
//! names a path on disk itself.
//!
//! WebDriver cannot see or drive a GTK dialog (PLATFORM-NOTES.md). Under automation only
//! (`TAURI_WEBVIEW_AUTOMATION=true`, which only `scripts/e2e.sh` sets) the picker returns
//! what the test wrote into the file named by `FOLIO_E2E_PICKS`: one path a line, nothing
//! for "cancelled". Everything after the choice (reading the file, writing the PDF) is the
//! same code either way.

use std::path::{Path, PathBuf};

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// The test's choice, when the app runs under the E2E harness with a picks file.
fn automated_choice() -> Option<Vec<PathBuf>> {
    if std::env::var("TAURI_WEBVIEW_AUTOMATION").as_deref() != Ok("true") {
        return None;
    }
    let picks = std::env::var_os("FOLIO_E2E_PICKS")?;
    let text = std::fs::read_to_string(picks).unwrap_or_default();
    Some(text.lines().map(str::trim).filter(|l| !l.is_empty()).map(PathBuf::from).collect())
}

/// Files to attach; empty when the therapist cancels.
pub fn files(app: &AppHandle, title: &str) -> Vec<PathBuf> {
    if let Some(paths) = automated_choice() {
        return paths;
    }
    app.dialog()
        .file()
        .set_title(title)
        .blocking_pick_files()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| p.into_path().ok())
        .collect()
}

/// A folder to save into, starting at `start`; none when the therapist cancels.
pub fn folder(app: &AppHandle, title: &str, start: &Path) -> Option<PathBuf> {
    if let Some(paths) = automated_choice() {
        return paths.into_iter().next();
    }
    app.dialog().file().set_title(title).set_directory(start).blocking_pick_folder()?.into_path().ok()
}
