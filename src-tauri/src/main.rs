//! Folio's desktop shell: a Tauri 2 window over folio-core.
//!
//! Architecture invariants: commands are thin (parse, call the core once, map); no secret
//! crosses IPC except the password the therapist types; the webview keeps nothing on disk
//! (incognito), may reach only the app and IPC (CSP), and has no fs/shell/http plugin.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod dto;
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

fn main() {
    if !folio_core::hardening::disable_core_dumps() {
        eprintln!("warning: could not disable core dumps on this system");
    }
    let state = AppState::new(folio_core::paths::initial_vault_dir(vault_arg()));
    let result = tauri::Builder::default()
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::probe_vault,
            commands::password_strength,
            commands::create_vault,
            commands::unlock_vault,
            commands::lock_vault,
            commands::change_password,
            commands::set_auto_lock,
            commands::record_activity,
        ])
        .setup(|app| {
            commands::spawn_idle_watch(app.handle().clone());
            Ok(())
        })
        .run(tauri::generate_context!());
    if let Err(e) = result {
        eprintln!("Folio could not start its window: {e}");
        std::process::exit(1);
    }
}
