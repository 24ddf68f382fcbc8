//! Where Folio keeps things by default. Both binaries use the same default vault folder.

use std::path::PathBuf;

/// `$FOLIO_VAULT`, else `$XDG_DATA_HOME/folio/vault`, else `~/.local/share/folio/vault`.
pub fn default_vault_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("FOLIO_VAULT").filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    data_home().join("folio").join("vault")
}

fn data_home() -> PathBuf {
    if let Some(dir) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
    home.join(".local").join("share")
}
