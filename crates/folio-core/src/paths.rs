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

/// The small file that remembers which vault the app opened last: a folder path, nothing
/// from inside the vault. `$XDG_CONFIG_HOME/folio/last-vault`.
fn remembered_file() -> PathBuf {
    let config =
        std::env::var_os("XDG_CONFIG_HOME").filter(|v| !v.is_empty()).map(PathBuf::from).unwrap_or_else(|| {
            std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(".")).join(".config")
        });
    config.join("folio").join("last-vault")
}

/// The vault folder the app opened last, if it still holds a vault.
pub fn remembered_vault_dir() -> Option<PathBuf> {
    let text = std::fs::read_to_string(remembered_file()).ok()?;
    let dir = PathBuf::from(text.trim_end_matches('\n'));
    (crate::vault::probe(&dir).ok()? == crate::FolderKind::Vault).then_some(dir)
}

/// Remembers the vault folder for the next start. Failure only loses the convenience.
pub fn remember_vault_dir(dir: &std::path::Path) -> crate::Result<()> {
    let file = remembered_file();
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent).map_err(|e| crate::Error::storage("create Folio's settings folder", e))?;
    }
    let absolute = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    crate::keyfile::write_atomic(&file, absolute.to_string_lossy().as_bytes())
}

/// The folder the app should offer first: `--vault`, else `$FOLIO_VAULT`, else the one
/// opened last, else the default location.
pub fn initial_vault_dir(from_args: Option<PathBuf>) -> PathBuf {
    from_args
        .or_else(|| std::env::var_os("FOLIO_VAULT").filter(|v| !v.is_empty()).map(PathBuf::from))
        .or_else(remembered_vault_dir)
        .unwrap_or_else(default_vault_dir)
}

/// Where the app offers to save documents it makes (reports): `$XDG_DOCUMENTS_DIR`, else
/// `~/Documents/Folio`.
pub fn documents_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("XDG_DOCUMENTS_DIR").filter(|v| !v.is_empty()) {
        return PathBuf::from(dir).join("Folio");
    }
    std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(".")).join("Documents").join("Folio")
}

/// Where a USB drive appears, for the backup folder picker to start in: the first of
/// `/run/media/$USER`, `/media/$USER` and `/media` that exists, else the home folder.
pub fn removable_drives_dir() -> PathBuf {
    let user = std::env::var_os("USER").unwrap_or_default();
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
    let mut places = Vec::new();
    if !user.is_empty() {
        places.push(PathBuf::from("/run/media").join(&user));
        places.push(PathBuf::from("/media").join(&user));
    }
    places.push(PathBuf::from("/media"));
    places.into_iter().find(|dir| dir.is_dir()).unwrap_or(home)
}
