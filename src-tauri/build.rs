//! Generates the command permissions from the list below, so the capability file can allow
//! exactly these commands and nothing else.

const COMMANDS: &[&str] = &[
    "app_info",
    "probe_vault",
    "password_strength",
    "create_vault",
    "unlock_vault",
    "lock_vault",
    "change_password",
    "set_auto_lock",
    "verify_vault",
    "record_activity",
    "list_clients",
    "get_client",
    "add_referral",
    "update_referral",
    "change_client_state",
    "re_refer",
    "list_sessions",
    "add_session",
    "set_session_outcome",
    "attendance",
    "begin_upload",
    "append_upload",
    "add_correspondence",
    "list_correspondence",
    "preview_import",
    "import_clients",
    "save_attendance_pdf",
    "list_professionals",
    "add_professional",
    "link_professional",
];

fn main() {
    // Hide the bundled SQLCipher's symbols from WebKit's own libsqlite3 (PLATFORM-NOTES.md).
    println!("cargo:rustc-link-arg-bins=-Wl,--exclude-libs,ALL");
    let attributes = tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri build step failed: {e:#}");
    }
}
