//! Generates the command permissions from `src/commands/names.rs`, so the capability file can allow
//! exactly these commands and nothing else.

const COMMANDS: &[&str] = include!("src/commands/names.rs");

fn main() {
    // Hide the bundled SQLCipher's symbols from WebKit's own libsqlite3 (PLATFORM-NOTES.md).
    println!("cargo:rustc-link-arg-bins=-Wl,--exclude-libs,ALL");
    let attributes = tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        panic!("tauri build step failed: {e:#}");
    }
}
