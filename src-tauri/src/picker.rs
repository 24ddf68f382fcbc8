//! Native file and folder pickers (`tauri-plugin-dialog`), opened from Rust inside
//! Folio's own commands: the webview is granted no dialog or fs permission and never
//! names a path on disk itself.
//!
//! WebDriver cannot see or drive a GTK dialog (PLATFORM-NOTES.md). Under automation only
//! (`TAURI_WEBVIEW_AUTOMATION=true`, which only `scripts/e2e.sh` sets) the picker returns
//! what the test wrote into the file named by `FOLIO_E2E_PICKS`: one path a line, nothing
//! for "cancelled". Everything after the choice (reading the file, writing the PDF) is the
//! same code either way, and the line `<native>` opens the real dialog even then (the test
//! that drives GTK itself and checks it leaves no trace on disk).

use std::path::{Path, PathBuf};

/// GTK's file chooser records every chosen file, by its full path, in
/// `~/.local/share/recently-used.xbel`, in plain text: a letter named after a client would
/// leave the name on disk. Folio turns GTK's recent-files list off for its process before
/// any picker opens. Call on the main thread after GTK has started (the app's `setup`).
pub fn keep_no_recent_files() {
    #[cfg(target_os = "linux")]
    {
        use gtk::prelude::GtkSettingsExt;
        if let Some(settings) = gtk::Settings::default() {
            settings.set_gtk_recent_files_enabled(false);
            settings.set_gtk_recent_files_max_age(0);
        }
    }
}

use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

/// The test's choice, when the app runs under the E2E harness with a picks file.
fn automated_choice() -> Option<Vec<PathBuf>> {
    let text = std::fs::read_to_string(crate::automation::harness_file("FOLIO_E2E_PICKS")?).unwrap_or_default();
    if text.trim() == "<native>" {
        return None;
    }
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

/// One file to add; none when the therapist cancels.
pub fn file(app: &AppHandle, title: &str) -> Option<PathBuf> {
    if let Some(paths) = automated_choice() {
        return paths.into_iter().next();
    }
    app.dialog().file().set_title(title).blocking_pick_file()?.into_path().ok()
}

/// A folder to save into, starting at `start`; none when the therapist cancels.
pub fn folder(app: &AppHandle, title: &str, start: &Path) -> Option<PathBuf> {
    if let Some(paths) = automated_choice() {
        return paths.into_iter().next();
    }
    app.dialog().file().set_title(title).set_directory(start).blocking_pick_folder()?.into_path().ok()
}
