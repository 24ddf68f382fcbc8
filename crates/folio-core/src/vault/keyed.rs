//! Opening the vault with a data key from any key slot, and rewriting the key file inside
//! an audited change: the password unlock and the handover openings share these steps, so
//! the writer lock, the key and identity proofs, the schema update and the key file repair
//! happen the same way whichever slot opened the vault.

use std::path::Path;

use super::audit::Actor;
use super::lock::WriterLock;
use super::opening::{check_identity, load_key_file, unlock_either_copy, writable};
use super::write::{self, Change};
use super::{Access, Vault};
use crate::clock::Clock;
use crate::db::{self, ConnectionOptions, OpenMode, DB_FILE};
use crate::keyfile::{self, KeyFile};
use crate::secret::Dek;
use crate::{Error, Result};

impl Vault {
    /// Opens the vault to change it, on writable media and not open elsewhere, with the data
    /// key that `key` unwraps from a key file copy. Once the key and the vault's identity are
    /// proved and the schema is up to date, `first` runs in one audited transaction and must
    /// record what opened the vault (a password unlock, a handover opening). It may return a
    /// changed key file (a takeover's new password slot), which it has written itself before
    /// its change commits; the vault then holds that one. Then a damaged key file copy is
    /// rewritten from the good one.
    pub(crate) fn open_writing_with(
        dir: &Path,
        clock: Clock,
        actor: Actor,
        key: impl Fn(&KeyFile) -> Result<Dek>,
        first: impl FnOnce(&mut Change<'_>, &KeyFile, &Dek) -> Result<Option<KeyFile>>,
    ) -> Result<Vault> {
        let (file, copies) = load_key_file(dir)?;
        // Before the key work: a vault open elsewhere is said so at once.
        let lock = WriterLock::take(dir)?;
        if !writable(dir) || !writable(&dir.join(DB_FILE)) {
            return Err(Error::ReadOnlyVault);
        }
        // A key file write stopped before its rename leaves a temporary copy; with the
        // writer lock held it can only be a dead process's.
        keyfile::remove_abandoned_temporaries(dir);
        let (file, copies, dek) = unlock_either_copy(dir, file, copies, key)?;
        let mut conn = db::open(&dir.join(DB_FILE), &dek, OpenMode::ReadWrite, ConnectionOptions::VAULT)?;
        check_identity(&conn, &file)?;
        db::migrate(&mut conn, db::MIGRATIONS)?;
        let file = write::in_transaction(&conn, actor, clock, |tx| first(tx, &file, &dek))?.unwrap_or(file);
        let mut vault = Vault {
            dir: dir.to_path_buf(),
            conn,
            dek,
            keyfile: file,
            actor,
            clock,
            repaired: None,
            access: Access::Write { _lock: lock },
            unread_journal: false,
            read_mode: OpenMode::ReadOnly,
        };
        if !copies.is_ok() {
            vault.repair_key_file(&copies)?;
        }
        Ok(vault)
    }

    /// Opens the vault read-only (as [`Vault::open_read_only`]) with the data key that `key`
    /// unwraps: nothing is written, not even an audit entry.
    pub(crate) fn open_read_only_with(dir: &Path, key: impl Fn(&KeyFile) -> Result<Dek>) -> Result<Vault> {
        let vault = Self::open_reading_with(dir, key)?;
        if db::schema_version(&vault.conn)? < db::latest_version() {
            return Err(Error::NeedsUpdate);
        }
        Ok(vault)
    }

    /// The key file the vault was opened with.
    pub(crate) fn key_file(&self) -> &KeyFile {
        &self.keyfile
    }

    /// Changes the key file and the database together: `edit` changes the key file as it is
    /// on disk now (with the open vault's data key at hand, to wrap in a new slot), then
    /// `apply` runs as an audited [`Vault::write`], and the key file is written just before
    /// that change commits. If writing the key file fails, the change rolls back and the
    /// old key file stands; the key file is proved to be this vault's before anything.
    pub(crate) fn write_with_key_file<T>(
        &mut self,
        edit: impl FnOnce(&mut KeyFile, &Dek) -> Result<()>,
        apply: impl FnOnce(&mut Change<'_>) -> Result<T>,
    ) -> Result<T> {
        // Re-read from disk: the file on disk is what the next opening will use.
        let (mut file, _) = keyfile::load(&self.dir)?;
        if file.vault_id != self.keyfile.vault_id {
            return Err(Error::Damaged { part: "key file", detail: "it no longer matches the open vault".into() });
        }
        edit(&mut file, &self.dek)?;
        let dir = self.dir.clone();
        let value = self.write(|tx| {
            let value = apply(tx)?;
            keyfile::store(&dir, &file)?;
            Ok(value)
        })?;
        self.keyfile = file;
        Ok(value)
    }

    /// Who acts from here on: a successor who took the vault over acts as the one holding
    /// its password.
    pub(crate) fn set_actor(&mut self, actor: Actor) {
        self.actor = actor;
    }
}
