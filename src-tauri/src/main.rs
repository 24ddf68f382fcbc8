//! Folio's desktop shell: a Tauri 2 window over folio-core.
//!
//! Architecture invariants: commands are thin (parse, call the core once, map); no secret
//! crosses IPC except the password the therapist types; the webview keeps nothing on disk
//! (incognito), may reach only the app and IPC (CSP), and has no plugin permission (the dialog plugin is
//! opened from Rust only).

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod automation;
mod commands;
mod dto;
mod picker;
mod state;

use std::path::PathBuf;

use state::AppState;

/// `--vault DIR` chooses the vault folder to offer first.
fn vault_arg() -> Option<PathBuf> {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--vault" {
            return args.next().map(PathBuf::from);
        }
        if let Some(value) = arg.to_str().and_then(|a| a.strip_prefix("--vault=")) {
            return Some(PathBuf::from(value));
        }
    }
    None
}

/// The one window. Its webview is incognito (WebKit's ephemeral data manager: no cache,
/// cookies or storage on disk). Under WebDriver automation (`TAURI_WEBVIEW_AUTOMATION=true`,
/// set only by the end-to-end harness) wry cannot automate an ephemeral context, so the
/// tests run with a normal one; they check that it holds nothing personal either.
fn open_main_window(app: &mut tauri::App) -> tauri::Result<()> {
    tauri::WebviewWindowBuilder::new(app, "main", tauri::WebviewUrl::default())
        .title("Folio")
        .inner_size(1100.0, 760.0)
        .min_inner_size(720.0, 520.0)
        .incognito(!automation::enabled())
        .build()?;
    Ok(())
}

fn main() {
    if !folio_core::hardening::disable_core_dumps() {
        eprintln!("warning: could not disable core dumps on this system");
    }
    let state = AppState::new(folio_core::paths::initial_vault_dir(vault_arg()));
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(commands::handler())
        .setup(|app| {
            picker::keep_no_recent_files();
            open_main_window(app)?;
            commands::vault::spawn_idle_watch(app.handle().clone());
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Folio could not start its window: {e}");
        std::process::exit(1);
    }
}
