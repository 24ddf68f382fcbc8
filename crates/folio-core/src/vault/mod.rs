//! The vault: a folder holding the SQLCipher database (`folio.db`) and the key file
//! (`folio.key` + `folio.key.bak`). This module creates, unlocks, re-keys and verifies it.
//!
//! Architecture invariant: a vault that fails to open is never deleted, recreated or
//! repaired. Wrong password, damage and a newer format are distinct errors.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension};

pub mod audit;
mod create_form;
mod keyed;
mod lock;
mod opening;
mod proof;
mod snapshot;
mod verify;
mod write;

pub use create_form::{check_new_vault, folder_from_text, MAX_PRACTICE_NAME};
pub use verify::{verify, VerifyCheck, VerifyReport};
pub use write::{Change, Record};

use self::audit::{Action, Actor};
use self::create_form::validate_practice_name;
use self::lock::{ReaderLock, WriterLock};
use self::opening::{check_identity, damaged_copy, journal_has_changes, load_key_file, unlock_either_copy, writable};
use crate::clock::Clock;
use crate::crypto::KdfParams;
use crate::db::{self, map_err, ConnectionOptions, OpenMode, DB_FILE};
use crate::error::show;
use crate::keyfile::{self, CopyHealth, KeyFile};
use crate::secret::{Dek, Password};
use crate::{autolock, strength, Error, Result};

/// How a vault is created.
#[derive(Clone, Debug)]
pub struct CreateOptions {
    /// Target time of one password derivation on this machine. The floor (64 MiB, t=3)
    /// holds whatever is asked; zero gives the floor.
    pub kdf_target: Duration,
}

impl Default for CreateOptions {
    fn default() -> Self {
        CreateOptions { kdf_target: Duration::from_secs(1) }
    }
}

/// What is in a folder, told without a password.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum FolderKind {
    /// A Folio vault (possibly damaged: unlocking will say).
    Vault,
    /// Missing or empty: a vault can be created here.
    Empty,
    /// Holds other files: Folio will not create a vault here.
    NotEmpty,
}

/// Looks at a folder without opening anything.
pub fn probe(dir: &Path) -> Result<FolderKind> {
    if keyfile::exists(dir) || dir.join(DB_FILE).exists() {
        return Ok(FolderKind::Vault);
    }
    match fs::read_dir(dir) {
        Ok(mut entries) => Ok(if entries.next().is_some() { FolderKind::NotEmpty } else { FolderKind::Empty }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(FolderKind::Empty),
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => Ok(FolderKind::NotEmpty),
        Err(e) => Err(Error::storage(format!("look inside {}", show(dir)), e)),
    }
}

/// The therapist's settings, stored encrypted in the vault.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub auto_lock_minutes: u32,
}

/// A key slot as `status` shows it: nothing secret, nothing personal.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SlotSummary {
    pub id: u32,
    pub kind: String,
    pub created_at: String,
    pub kdf: Option<KdfParams>,
}

/// Everything `folio status` reports. Readable without the password.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VaultStatus {
    pub dir: String,
    pub vault_id: String,
    pub created_at: String,
    pub key_file_format: String,
    pub key_file_version: u32,
    pub schema_version_supported: i64,
    pub slots: Vec<SlotSummary>,
    pub key_file_copies: CopyHealth,
    pub database_present: bool,
    pub database_bytes: u64,
}

/// Reads the key file and the database's presence; never needs or asks for the password.
pub fn status(dir: &Path) -> Result<VaultStatus> {
    let (file, copies) = keyfile::load(dir)?;
    let db_meta = fs::metadata(dir.join(DB_FILE)).ok();
    Ok(VaultStatus {
        dir: show(dir),
        vault_id: file.vault_id.clone(),
        created_at: file.created_at.clone(),
        key_file_format: file.format.clone(),
        key_file_version: file.version,
        schema_version_supported: db::latest_version(),
        slots: file
            .slots
            .iter()
            .map(|s| SlotSummary {
                id: s.id,
                kind: s.kind.clone(),
                created_at: s.created_at.clone(),
                kdf: s.password.as_ref().map(|p| p.params),
            })
            .collect(),
        key_file_copies: copies,
        database_present: db_meta.is_some(),
        database_bytes: db_meta.map(|m| m.len()).unwrap_or(0),
    })
}

/// An unlocked vault. Dropping it (or [`Vault::lock`]) closes the database and wipes the
/// data key.
pub struct Vault {
    dir: PathBuf,
    conn: Connection,
    dek: Dek,
    keyfile: KeyFile,
    actor: Actor,
    clock: Clock,
    /// What to tell the therapist once about opening (a key file copy rewritten, or found
    /// damaged by a command that only reads).
    repaired: Option<String>,
    /// Whether this vault may be written, and the lock that makes it the only writer.
    /// Dropped last, after the connection has closed.
    access: Access,
    /// Opened from media that cannot be written while a journal there still held changes
    /// (a process that did not close): those changes could not be read.
    unread_journal: bool,
    /// How a second, read-only connection to the database must be opened (`verify` reads
    /// each table on its own connection).
    read_mode: OpenMode,
}

/// How an open vault may be used.
enum Access {
    /// Opened to change: holds the folder's writer lock (one writer at a time).
    Write { _lock: WriterLock },
    /// Opened to read or check only: the database connection is read-only and nothing is
    /// written (not even an audit entry). Holds a shared lock when no writer was there, and
    /// none when it reads beside a writer (see `lock.rs`).
    Read { _lock: Option<ReaderLock> },
}

impl Vault {
    /// Creates a vault in a new or empty folder.
    pub fn create(dir: &Path, practice_name: &str, password: &Password, options: &CreateOptions) -> Result<Vault> {
        let practice_name = validate_practice_name(practice_name)?;
        let verdict = strength::check(password, &[practice_name.as_str()]);
        if !verdict.acceptable {
            return Err(Error::WeakPassword(verdict.explanation()));
        }
        match probe(dir)? {
            FolderKind::Vault => return Err(Error::VaultExists(show(dir))),
            FolderKind::NotEmpty => return Err(Error::FolderNotEmpty(show(dir))),
            FolderKind::Empty => {}
        }
        fs::create_dir_all(dir).map_err(|e| Error::storage(format!("create the folder {}", show(dir)), e))?;
        // The vault folder is its owner's alone (0700), like its files (0600).
        #[cfg(unix)]
        fs::set_permissions(dir, std::os::unix::fs::PermissionsExt::from_mode(0o700))
            .map_err(|e| Error::storage(format!("protect the folder {}", show(dir)), e))?;
        let lock = WriterLock::take(dir)?;
        // Another process may have made a vault here between the probe and the lock.
        if probe(dir)? != FolderKind::Empty {
            return Err(Error::VaultExists(show(dir)));
        }
        let params = KdfParams::calibrate(options.kdf_target)?;
        let result = Self::create_in_empty_folder(dir, &practice_name, password, params, lock);
        if result.is_err() {
            // Only files this call made, in a folder that was empty: no vault existed.
            for name in [DB_FILE, "folio.db-wal", "folio.db-shm", keyfile::PRIMARY, keyfile::BACKUP] {
                let _ = fs::remove_file(dir.join(name));
            }
        }
        result
    }

    fn create_in_empty_folder(
        dir: &Path,
        practice_name: &str,
        password: &Password,
        params: KdfParams,
        lock: WriterLock,
    ) -> Result<Vault> {
        let clock = Clock::System;
        let now = clock.now_utc();
        let vault_id = uuid::Uuid::new_v4().to_string();
        let dek = Dek::random()?;
        let mut file = KeyFile::new(vault_id.clone(), now.clone());
        file.set_password_slot(&dek, password, params, &now)?;

        let mut conn = db::open(&dir.join(DB_FILE), &dek, OpenMode::Create, ConnectionOptions::VAULT)?;
        db::migrate(&mut conn, db::MIGRATIONS)?;
        write::in_transaction(&conn, Actor::Therapist, clock, |tx| {
            for (key, value) in
                [("vault_id", vault_id.as_str()), ("practice_name", practice_name), ("created_at", now.as_str())]
            {
                tx.execute("INSERT INTO vault_meta (key, value) VALUES (?1, ?2)", params![key, value])
                    .map_err(map_err)?;
            }
            tx.execute(
                "INSERT INTO settings (key, value) VALUES ('auto_lock_minutes', ?1)",
                params![autolock::DEFAULT_MINUTES.to_string()],
            )
            .map_err(map_err)?;
            tx.record(Action::VaultCreated, Record::new("vault", &vault_id))
        })?;
        keyfile::store(dir, &file)?;
        keyfile::sync_dir(dir).map_err(|e| Error::storage("write the vault folder", e))?;
        Ok(Vault {
            dir: dir.to_path_buf(),
            conn,
            dek,
            keyfile: file,
            actor: Actor::Therapist,
            clock,
            repaired: None,
            access: Access::Write { _lock: lock },
            unread_journal: false,
            read_mode: OpenMode::ReadOnly,
        })
    }

    /// Opens the vault with its password, to change it: on writable media
    /// ([`Error::ReadOnlyVault`]), not open elsewhere ([`Error::VaultInUse`]). Once the key and
    /// the vault's identity are proved: schema updated, abandoned uploads discarded, the unlock
    /// recorded, a bad key file copy mended, due destructions run (readers never get here).
    pub fn unlock(dir: &Path, password: &Password) -> Result<Vault> {
        Vault::unlock_on(dir, password, Clock::System)
    }

    /// As [`Vault::unlock`], with "today" read from `clock` from the start: the tests, and
    /// the app under automation only, open on a chosen day, so that what is due for
    /// destruction on that day runs at this unlock as it would in a normal run.
    pub fn unlock_on(dir: &Path, password: &Password, clock: Clock) -> Result<Vault> {
        let unlock = |f: &KeyFile| f.unlock_with_password(password);
        let mut vault = Vault::open_writing_with(dir, clock, Actor::Therapist, unlock, |tx, file, _| {
            // Uploads left pending hold nothing anyone kept, and with the writer lock held
            // they can only belong to a process that has ended (a closed window mid-attach).
            crate::blobs::discard_pending(tx)?;
            tx.record(Action::VaultUnlocked, Record::new("vault", &file.vault_id))?;
            // A password change stopped after the key file was written but before its entry
            // committed is in force unrecorded: record it now. A takeover sets its password
            // in the same key file write, so it can only have stopped so when this did too.
            if let Some(slot_set) = file.password_slot().map(|s| s.created_at.clone()) {
                if !audit::password_set_is_recorded(tx, &slot_set)? {
                    tx.record(Action::PasswordChangeFound, Record::new("key_slot", slot_set))?;
                    crate::handover::record_unfinished_takeover(tx, file)?;
                }
            }
            Ok(None)
        })?;
        let told = crate::retention::run_at_unlock(&mut vault);
        vault.repaired = [vault.repaired.take(), told].into_iter().flatten().reduce(|a, b| format!("{a} {b}"));
        Ok(vault)
    }

    /// Opens the vault with its password to read or check it, writing nothing: no audit
    /// entry, no schema update, no key file repair, and no lock (readers run beside the
    /// writer). Works on a write-protected drive or read-only folder (`immutable=1`).
    /// A vault whose schema is older than this version is refused with
    /// [`Error::NeedsUpdate`]: its tables are not the ones this version reads.
    pub fn open_read_only(dir: &Path, password: &Password) -> Result<Vault> {
        let vault = Self::open_reading(dir, password)?;
        if db::schema_version(&vault.conn)? < db::latest_version() {
            return Err(Error::NeedsUpdate);
        }
        Ok(vault)
    }

    /// [`Vault::open_read_only`] at any schema this version knows (for `verify`).
    fn open_reading(dir: &Path, password: &Password) -> Result<Vault> {
        Self::open_reading_with(dir, |file| file.unlock_with_password(password))
    }

    /// Opens a copy of this vault (same key file) in `dir` read-only with this vault's data
    /// key, skipping only the password derivation, so that the tamper suite can check
    /// thousands of damaged copies in seconds (core integration tests only).
    #[cfg(feature = "test-support")]
    pub fn open_copy_for_tests(&self, dir: &Path) -> Result<Vault> {
        Self::open_reading_with(dir, |_| {
            Dek::from_bytes(self.dek.as_bytes()).ok_or_else(|| Error::Internal("data key".into()))
        })
    }

    fn open_reading_with(dir: &Path, key: impl Fn(&KeyFile) -> Result<Dek>) -> Result<Vault> {
        let (file, copies) = load_key_file(dir)?;
        let lock = ReaderLock::try_take(dir)?;
        let (file, copies, dek) = unlock_either_copy(dir, file, copies, key)?;
        // With no writer (and none able to start), a database whose journal is empty can be
        // read as it lies: nothing is created beside it. On media that cannot be written
        // there is no other way (a journal left there by a crash cannot be read: `verify`
        // says so). Beside a writer, or with a journal to read, SQLite's WAL reader.
        let unread_journal = journal_has_changes(dir);
        let mode = if (lock.is_some() && !unread_journal) || !writable(dir) {
            OpenMode::Immutable
        } else {
            OpenMode::ReadOnly
        };
        let conn = db::open(&dir.join(DB_FILE), &dek, mode, ConnectionOptions::VAULT)?;
        check_identity(&conn, &file)?;
        let found = db::schema_version(&conn)?;
        if found > db::latest_version() {
            return Err(Error::NewerVault { found, supported: db::latest_version() });
        }
        conn.pragma_update(None, "query_only", true).map_err(map_err)?;
        let repaired = damaged_copy(&copies).map(|(which, reason)| {
            format!(
                "The {which} copy of the key file is damaged ({reason}). Folio opened the vault with the other copy; the damaged one will be rewritten from it the next time the vault is opened to make a change."
            )
        });
        Ok(Vault {
            dir: dir.to_path_buf(),
            conn,
            dek,
            keyfile: file,
            actor: Actor::Therapist,
            clock: Clock::System,
            repaired,
            access: Access::Read { _lock: lock },
            unread_journal: mode == OpenMode::Immutable && unread_journal,
            read_mode: mode,
        })
    }

    /// One key file copy was damaged, missing or different, and the other opened the
    /// vault (so it is proven good): rewrite both from it, atomically, and say so once.
    fn repair_key_file(&mut self, copies: &keyfile::CopyHealth) -> Result<()> {
        let Some((which, reason)) = damaged_copy(copies) else { return Ok(()) };
        let (dir, file) = (self.dir.clone(), self.keyfile.clone());
        self.write(|tx| {
            tx.record(Action::KeyFileRepaired, Record::new("key_file", which))?;
            keyfile::store(&dir, &file)
        })?;
        self.repaired = Some(format!(
            "The {which} copy of the key file was damaged ({reason}). Folio opened the vault with the other copy and has rewritten the damaged one from it. Nothing else was changed."
        ));
        Ok(())
    }

    /// What to tell the therapist about opening, once: a key file copy that was damaged
    /// (and rewritten, when the vault was opened to change it).
    pub fn repaired_on_opening(&self) -> Option<&str> {
        self.repaired.as_deref()
    }

    /// Whether this vault was opened to read only.
    pub fn is_read_only(&self) -> bool {
        matches!(self.access, Access::Read { .. })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The connection, for the core's read queries. It is `query_only` outside
    /// [`Vault::write`], and adapters never see it.
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The raw connection for the core's own integration tests (feature `test-support`,
    /// which no adapter enables; `scripts/check-invariants.sh` checks that).
    #[cfg(feature = "test-support")]
    pub fn connection_for_tests(&self) -> &Connection {
        &self.conn
    }

    pub fn actor(&self) -> Actor {
        self.actor
    }

    /// The clock every rule of this vault reads "today" from.
    pub fn clock(&self) -> Clock {
        self.clock
    }

    /// Fixes "today" (tests, and the CLI's "as of" runs).
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = clock;
    }

    /// Today, from the vault's clock.
    pub fn today(&self) -> chrono::NaiveDate {
        self.clock.today()
    }

    /// Now (UTC), from the vault's clock: for deadlines counted in hours.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    pub fn practice_name(&self) -> Result<String> {
        self.meta("practice_name")?.ok_or_else(|| Error::db_damaged("the practice name is missing"))
    }

    fn meta(&self, key: &str) -> Result<Option<String>> {
        self.conn
            .query_row("SELECT value FROM vault_meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(map_err)
    }

    pub fn settings(&self) -> Result<Settings> {
        let raw: Option<String> = self
            .conn
            .query_row("SELECT value FROM settings WHERE key = 'auto_lock_minutes'", [], |r| r.get(0))
            .optional()
            .map_err(map_err)?;
        let auto_lock_minutes = raw
            .and_then(|v| v.parse::<u32>().ok())
            .and_then(|m| autolock::validate_minutes(m).ok())
            .unwrap_or(autolock::DEFAULT_MINUTES);
        Ok(Settings { auto_lock_minutes })
    }

    /// The auto-lock time as typed in the settings form.
    pub fn set_auto_lock(&mut self, minutes: &str) -> Result<Settings> {
        self.set_auto_lock_minutes(autolock::parse_minutes(minutes)?)
    }

    pub fn set_auto_lock_minutes(&mut self, minutes: u32) -> Result<Settings> {
        let minutes = autolock::validate_minutes(minutes)?;
        self.write(|tx| {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES ('auto_lock_minutes', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [minutes.to_string()],
            )
            .map_err(map_err)?;
            tx.record(Action::SettingChanged, Record::new("setting", "auto_lock_minutes"))
        })?;
        self.settings()
    }

    /// Re-wraps the data key under a new password. No data is re-encrypted; the old
    /// password stops working as soon as this returns. The KDF cost is kept.
    pub fn change_password(&mut self, current: &Password, new: &Password) -> Result<()> {
        // Re-read from disk: the file on disk is what the next unlock will use.
        let (mut file, _) = keyfile::load(&self.dir)?;
        let proof = file.unlock_with_password(current)?;
        if proof.as_bytes() != self.dek.as_bytes() {
            return Err(Error::Damaged { part: "key file", detail: "it no longer matches the open vault".into() });
        }
        let practice_name = self.practice_name()?;
        let verdict = strength::check(new, &[practice_name.as_str()]);
        if !verdict.acceptable {
            return Err(Error::WeakPassword(verdict.explanation()));
        }
        let params =
            file.password_slot().and_then(|s| s.password.as_ref()).map(|p| p.params).unwrap_or(KdfParams::FLOOR);
        file.set_password_slot(&self.dek, new, params, &self.clock.now_utc())?;
        let dir = self.dir.clone();
        self.write(|tx| {
            tx.record(Action::PasswordChanged, Record::new("key_slot", "password"))?;
            // The key file is written before the audit entry commits: if the write fails,
            // the entry rolls back and the old password still opens the vault.
            keyfile::store(&dir, &file)
        })?;
        self.keyfile = file;
        Ok(())
    }

    /// Recent audit entries, newest first.
    pub fn audit_recent(&self, limit: u32) -> Result<Vec<audit::AuditEntry>> {
        audit::recent(&self.conn, limit)
    }

    /// Closes the database and wipes the data key.
    pub fn lock(self) -> Result<()> {
        let Vault { conn, dek, .. } = self;
        let closed = conn.close().map_err(|(_, e)| map_err(e));
        drop(dek);
        closed
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A new vault at the KDF floor in a temporary folder, for the core's unit tests.
    pub(crate) fn open_test_vault() -> Result<(tempfile::TempDir, Vault)> {
        let dir = tempfile::tempdir().map_err(|e| Error::storage("make a temporary folder", e))?;
        let password = Password::new(b"correct horse battery staple 42".to_vec());
        let options = CreateOptions { kdf_target: Duration::ZERO };
        let vault = Vault::create(&dir.path().join("vault"), "Test Practice", &password, &options)?;
        Ok((dir, vault))
    }
}
