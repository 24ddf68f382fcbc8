//! The steps of opening a vault that do not need the open vault: finding a usable key
//! file copy, proving the database belongs to it, and looking at the folder (can it be
//! written, does a journal hold changes).

use std::fs;
use std::path::Path;

use rusqlite::{Connection, OptionalExtension};

use crate::db::{map_err, DB_FILE};
use crate::keyfile::{self, CopyHealth, KeyFile};
use crate::secret::Dek;
use crate::{Error, Result};

/// The key file, with both copies missing beside a database said as damage to the key file.
pub(super) fn load_key_file(dir: &Path) -> Result<(KeyFile, CopyHealth)> {
    keyfile::load(dir).map_err(|e| match e {
        Error::NotAVault(_) if dir.join(DB_FILE).exists() => {
            Error::Damaged { part: "key file", detail: "both copies are missing".into() }
        }
        other => other,
    })
}

/// Opens the chosen key file copy; when the password does not open it and the second copy
/// is sound but different, tries that one too (one more derivation, only then). The copy
/// that opens is the good one; the other is reported, and rewritten by a writing open.
pub(super) fn unlock_either_copy(
    dir: &Path,
    file: KeyFile,
    copies: CopyHealth,
    unlock: impl Fn(&KeyFile) -> Result<Dek>,
) -> Result<(KeyFile, CopyHealth, Dek)> {
    match unlock(&file) {
        Err(Error::WrongPassword) => {
            let Some(second) = keyfile::differing_second_copy(dir, &file) else { return Err(Error::WrongPassword) };
            // A second copy that cannot be used either leaves the first copy's answer: the
            // password does not open this vault (the damaged copy is for `verify` to report).
            let Ok(dek) = unlock(&second) else { return Err(Error::WrongPassword) };
            let copies = CopyHealth {
                primary: Some("it differs from the second copy, and the password opens only the second".into()),
                backup: None,
            };
            Ok((second, copies, dek))
        }
        Ok(dek) => Ok((file, copies, dek)),
        Err(other) => Err(other),
    }
}

/// The key file opened this database (the key was right), but is it this vault's? A key
/// file from another vault is caught by its DEK failing, and by the vault id stored inside.
pub(super) fn check_identity(conn: &Connection, file: &KeyFile) -> Result<()> {
    let stored_id: Option<String> = conn
        .query_row("SELECT value FROM vault_meta WHERE key = 'vault_id'", [], |r| r.get(0))
        .optional()
        .map_err(|e| match e {
            // No vault_meta table at all: not a Folio database, or its schema is destroyed.
            rusqlite::Error::SqliteFailure(..) if e.to_string().contains("no such table") => {
                Error::db_damaged("its vault details are missing")
            }
            other => map_err(other),
        })?;
    if stored_id.as_deref() != Some(file.vault_id.as_str()) {
        return Err(Error::Damaged { part: "key file", detail: "it belongs to a different vault".into() });
    }
    Ok(())
}

/// Whether a WAL file beside the database holds changes not yet written into it (left by
/// a process that did not close the vault, or by the writer that has it open).
pub(super) fn journal_has_changes(dir: &Path) -> bool {
    fs::metadata(dir.join("folio.db-wal")).map(|m| m.len() > 0).unwrap_or(false)
}

/// Which key file copy is damaged, and why, in words.
pub(super) fn damaged_copy(copies: &CopyHealth) -> Option<(&'static str, String)> {
    match (&copies.primary, &copies.backup) {
        (Some(reason), _) => Some(("first", reason.trim_end_matches('.').to_string())),
        (None, Some(reason)) => Some(("second", reason.trim_end_matches('.').to_string())),
        (None, None) => None,
    }
}

/// Whether this process may write `path` (a read-only mount, a write-protected drive or a
/// folder without write permission say no).
#[allow(unsafe_code)]
pub(super) fn writable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let Ok(c_path) = std::ffi::CString::new(path.as_os_str().as_bytes()) else { return false };
        // SAFETY: `c_path` is a valid NUL-terminated string that outlives the call.
        unsafe { libc::access(c_path.as_ptr(), libc::W_OK) == 0 }
    }
    #[cfg(not(unix))]
    {
        fs::metadata(path).map(|m| !m.permissions().readonly()).unwrap_or(false)
    }
}
