//! A copy of the open vault as a vault folder of its own: the database copied page by page
//! through SQLite's backup API from the open connection (never the live file and its WAL),
//! still encrypted under the same data key, and the key file as it stands (both copies), so
//! that the copy opens with the password and the handover shares in force today. Checked
//! after writing: every page's HMAC, SQLite's own check, the audit chain's last entry and
//! the key file read back.

use std::fs;
use std::path::Path;

use rusqlite::backup::{Backup, StepResult};

use super::Vault;
use crate::db::{self, map_err, ConnectionOptions, OpenMode, DB_FILE};
use crate::keyfile;
use crate::{Error, Result};

/// Pages copied per step: small enough for a progress bar that moves, large enough that
/// the steps cost nothing (4 KiB pages: 4 MiB a step).
const PAGES_PER_STEP: i32 = 1024;

impl Vault {
    /// Writes the copy into `folder` (which must exist and be empty), telling `progress`
    /// the pages done and the pages in all after each step. Returns the database's size in
    /// bytes. Nothing is written to this vault.
    pub(crate) fn snapshot_into(&self, folder: &Path, progress: &mut dyn FnMut(u64, u64)) -> Result<u64> {
        let target = folder.join(DB_FILE);
        {
            let mut copy = db::open(&target, &self.dek, OpenMode::Create, ConnectionOptions::VAULT)?;
            let backup = Backup::new(&self.conn, &mut copy).map_err(map_err)?;
            loop {
                let step = backup.step(PAGES_PER_STEP).map_err(map_err)?;
                let p = backup.progress();
                let all = u64::try_from(p.pagecount).unwrap_or(0);
                progress(all.saturating_sub(u64::try_from(p.remaining).unwrap_or(0)), all);
                match step {
                    StepResult::Done => break,
                    // The source is this connection, so nothing else holds it; a busy or
                    // locked step is another process's reader on the new file: try again.
                    StepResult::More | StepResult::Busy | StepResult::Locked => {}
                    _ => {}
                }
            }
            drop(backup);
            // A backup is one file that reads alone: out of WAL mode, so no journal is
            // needed beside it (Folio turns WAL back on when the copy is opened to write).
            let mode: String = copy.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0)).map_err(map_err)?;
            if !mode.eq_ignore_ascii_case("delete") {
                return Err(Error::Internal(format!("the backup stayed in {mode} mode")));
            }
        }
        fs::File::open(&target).and_then(|f| f.sync_all()).map_err(|e| Error::storage("write the backup", e))?;
        keyfile::store(folder, &self.keyfile)?;
        self.check_snapshot(folder)?;
        fs::metadata(&target).map(|m| m.len()).map_err(|e| Error::storage("read the backup back", e))
    }

    /// Reads the copy back: every page decrypts and authenticates, SQLite finds nothing
    /// wrong, the audit log ends with this vault's last entry, the schema is the same, and
    /// the key file reads back as this vault's.
    fn check_snapshot(&self, folder: &Path) -> Result<()> {
        // The drive written to, not the vault: said as a storage failure, with what to do.
        let bad = |what: &str| {
            Error::storage(
                "check the backup just written",
                std::io::Error::other(format!(
                    "it {what}. The drive may be failing or was removed: try another drive. The vault itself is unchanged"
                )),
            )
        };
        let copy = db::open(&folder.join(DB_FILE), &self.dek, OpenMode::ReadOnly, ConnectionOptions::VAULT)?;
        let failures: Vec<String> = {
            let mut stmt = copy.prepare("PRAGMA cipher_integrity_check").map_err(map_err)?;
            let rows = stmt.query_map([], |r| r.get::<_, String>(0)).map_err(map_err)?;
            rows.collect::<rusqlite::Result<Vec<_>>>().map_err(map_err)?
        };
        if !failures.is_empty() {
            return Err(bad("has pages that do not read back as they were written"));
        }
        let quick: String = copy.query_row("PRAGMA quick_check", [], |r| r.get(0)).map_err(map_err)?;
        if quick != "ok" {
            return Err(bad("fails SQLite's own check"));
        }
        let last = |conn: &rusqlite::Connection| -> Result<(i64, Option<Vec<u8>>, i64)> {
            let (seq, hash) = conn
                .query_row("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .map_err(map_err)?;
            Ok((seq, hash, db::schema_version(conn)?))
        };
        if last(&copy)? != last(&self.conn)? {
            return Err(bad("does not end where the vault's audit log ends"));
        }
        drop(copy);
        let (file, copies) = keyfile::load(folder)?;
        if file != self.keyfile || !copies.is_ok() {
            return Err(bad("has a key file that does not read back as written"));
        }
        Ok(())
    }
}
