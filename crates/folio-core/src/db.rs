//! Opening the SQLCipher database and keeping its schema current.
//!
//! Pragmas are set here, outside migrations, on every open: the key first, then
//! `temp_store=MEMORY` (no plaintext temp files), WAL, `synchronous=FULL`, foreign keys,
//! `secure_delete`. Migrations are an append-only list tracked in `user_version`, applied
//! all-or-nothing in one IMMEDIATE transaction; a database newer than the code is refused
//! before anything is written.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use zeroize::Zeroizing;

use crate::error::show;
use crate::secret::Dek;
use crate::{Error, Result};

mod numbers;
pub use numbers::{next_id, Numbered};

pub const DB_FILE: &str = "folio.db";

/// One schema step. Once shipped, a migration is never edited: add a new one.
pub struct Migration {
    pub name: &'static str,
    pub sql: &'static str,
}

/// The schema, in order. Index + 1 is the `user_version` after applying it.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        name: "vault foundation: metadata, settings, hash-chained audit log",
        sql: "
        CREATE TABLE vault_meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT;
        CREATE TABLE settings (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT;
        CREATE TABLE audit_log (
            seq         INTEGER PRIMARY KEY,
            at          TEXT NOT NULL,
            actor       TEXT NOT NULL,
            action      TEXT NOT NULL,
            record_type TEXT,
            record_id   TEXT,
            prev_hash   BLOB NOT NULL,
            hash        BLOB NOT NULL
        ) STRICT;
        CREATE TRIGGER audit_log_is_append_only_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
        CREATE TRIGGER audit_log_is_append_only_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    ",
    },
    Migration {
        name: "clients, referrals, lifecycle, episodes, professionals directory",
        sql: "
        CREATE TABLE clients (
            id             INTEGER PRIMARY KEY,
            code           TEXT NOT NULL UNIQUE,
            initials       TEXT NOT NULL,
            given_name     TEXT NOT NULL,
            family_name    TEXT NOT NULL,
            preferred_name TEXT NOT NULL DEFAULT '',
            date_of_birth  TEXT,
            state          TEXT NOT NULL,
            state_since    TEXT NOT NULL,
            modality       TEXT,
            funding        TEXT,
            setting_name   TEXT NOT NULL DEFAULT '',
            safeguarding   INTEGER NOT NULL DEFAULT 0 CHECK (safeguarding IN (0, 1)),
            referral_date  TEXT NOT NULL,
            referral       TEXT NOT NULL,
            created_at     TEXT NOT NULL,
            updated_at     TEXT NOT NULL
        ) STRICT;
        CREATE INDEX clients_state ON clients (state);
        CREATE INDEX clients_referral_date ON clients (referral_date);
        CREATE TABLE client_state_changes (
            id          INTEGER PRIMARY KEY,
            client_id   INTEGER NOT NULL REFERENCES clients (id),
            from_state  TEXT,
            to_state    TEXT NOT NULL,
            on_date     TEXT NOT NULL,
            note        TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX client_state_changes_client ON client_state_changes (client_id);
        CREATE TABLE episodes (
            id          INTEGER PRIMARY KEY,
            client_id   INTEGER NOT NULL REFERENCES clients (id),
            number      INTEGER NOT NULL,
            started_on  TEXT NOT NULL,
            ended_on    TEXT,
            end_reason  TEXT NOT NULL DEFAULT '',
            UNIQUE (client_id, number)
        ) STRICT;
        CREATE TABLE professionals (
            id           INTEGER PRIMARY KEY,
            name         TEXT NOT NULL,
            role         TEXT NOT NULL,
            organisation TEXT NOT NULL DEFAULT '',
            phone        TEXT NOT NULL DEFAULT '',
            email        TEXT NOT NULL DEFAULT '',
            created_at   TEXT NOT NULL
        ) STRICT;
        CREATE TABLE client_professionals (
            client_id       INTEGER NOT NULL REFERENCES clients (id),
            professional_id INTEGER NOT NULL REFERENCES professionals (id),
            PRIMARY KEY (client_id, professional_id)
        ) STRICT;
    ",
    },
    Migration {
        name: "attendance register: planned and past sessions per episode",
        sql: "
        CREATE TABLE sessions (
            id                     INTEGER PRIMARY KEY,
            client_id              INTEGER NOT NULL REFERENCES clients (id),
            episode_number         INTEGER NOT NULL,
            on_date                TEXT NOT NULL,
            start_time             TEXT NOT NULL DEFAULT '',
            minutes                INTEGER NOT NULL,
            mode                   TEXT NOT NULL,
            outcome                TEXT NOT NULL,
            platform               TEXT NOT NULL DEFAULT '',
            parent_contacted_start INTEGER,
            parent_contacted_end   INTEGER,
            parent_nearby          INTEGER,
            created_at             TEXT NOT NULL,
            updated_at             TEXT NOT NULL
        ) STRICT;
        CREATE INDEX sessions_client_date ON sessions (client_id, on_date);
    ",
    },
    Migration {
        name: "attachments as chunked blobs; correspondence log",
        sql: "
        CREATE TABLE blobs (
            id         INTEGER PRIMARY KEY,
            sha256     TEXT NOT NULL,
            size       INTEGER NOT NULL,
            media_type TEXT NOT NULL,
            file_name  TEXT NOT NULL,
            pending    INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1)),
            created_at TEXT NOT NULL
        ) STRICT;
        CREATE TABLE blob_chunks (
            blob_id INTEGER NOT NULL REFERENCES blobs (id),
            seq     INTEGER NOT NULL,
            data    BLOB NOT NULL,
            PRIMARY KEY (blob_id, seq)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE correspondence (
            id               INTEGER PRIMARY KEY,
            client_id        INTEGER NOT NULL REFERENCES clients (id),
            on_date          TEXT NOT NULL,
            kind             TEXT NOT NULL,
            direction        TEXT NOT NULL,
            counterpart      TEXT NOT NULL,
            counterpart_name TEXT NOT NULL DEFAULT '',
            summary          TEXT NOT NULL,
            created_at       TEXT NOT NULL
        ) STRICT;
        CREATE INDEX correspondence_client_date ON correspondence (client_id, on_date);
        CREATE TABLE correspondence_attachments (
            correspondence_id INTEGER NOT NULL REFERENCES correspondence (id),
            blob_id           INTEGER NOT NULL REFERENCES blobs (id),
            PRIMARY KEY (correspondence_id, blob_id)
        ) STRICT;
    ",
    },
    Migration {
        name: "choices spelled one way everywhere: kebab-case values",
        sql: "
        UPDATE clients SET state = replace(state, '_', '-');
        UPDATE client_state_changes SET from_state = replace(from_state, '_', '-'), to_state = replace(to_state, '_', '-');
        UPDATE clients SET referral = json_set(referral, '$.referrer', replace(json_extract(referral, '$.referrer'), '_', '-'))
            WHERE json_extract(referral, '$.referrer') LIKE '%\\_%' ESCAPE '\\';
        UPDATE sessions SET mode = replace(mode, '_', '-'), outcome = replace(outcome, '_', '-');
        UPDATE correspondence SET kind = replace(kind, '_', '-'), counterpart = replace(counterpart, '_', '-');
        UPDATE professionals SET role = replace(role, '_', '-');
    ",
    },
    Migration {
        name: "clinical notes: drafts, signed versions and amendments, full-text search",
        sql: "
        CREATE TABLE notes (
            id              INTEGER PRIMARY KEY,
            client_id       INTEGER NOT NULL REFERENCES clients (id),
            episode_number  INTEGER NOT NULL,
            session_id      INTEGER REFERENCES sessions (id),
            kind            TEXT NOT NULL,
            on_date         TEXT NOT NULL,
            state           TEXT NOT NULL CHECK (state IN ('draft', 'signed')),
            draft_sections  TEXT,
            draft_kept      TEXT NOT NULL DEFAULT '[]',
            see_risk        INTEGER NOT NULL DEFAULT 0 CHECK (see_risk IN (0, 1)),
            see_safeguarding INTEGER NOT NULL DEFAULT 0 CHECK (see_safeguarding IN (0, 1)),
            created_at      TEXT NOT NULL,
            saved_at        TEXT NOT NULL,
            signed_at       TEXT,
            signed_by       TEXT,
            CHECK ((state = 'draft') = (draft_sections IS NOT NULL))
        ) STRICT;
        CREATE INDEX notes_client_date ON notes (client_id, on_date);
        CREATE INDEX notes_state ON notes (state, created_at);
        CREATE INDEX notes_session ON notes (session_id);
        CREATE TABLE note_versions (
            note_id     INTEGER NOT NULL REFERENCES notes (id),
            number      INTEGER NOT NULL,
            sections    TEXT NOT NULL,
            kept        TEXT NOT NULL DEFAULT '[]',
            reason      TEXT NOT NULL DEFAULT '',
            created_at  TEXT NOT NULL,
            created_by  TEXT NOT NULL,
            PRIMARY KEY (note_id, number)
        ) STRICT, WITHOUT ROWID;
        CREATE TRIGGER note_versions_are_kept_update BEFORE UPDATE ON note_versions
            BEGIN SELECT RAISE(ABORT, 'a signed version of a note is never changed'); END;
        CREATE VIRTUAL TABLE note_search USING fts5 (
            body,
            tokenize = 'unicode61 remove_diacritics 2',
            prefix = '2 3'
        );
        INSERT INTO note_search (note_search, rank) VALUES ('secure-delete', 1);
    ",
    },
    Migration {
        name: "consent ledger: consents, reviews and withdrawals, never overwritten",
        sql: "
        CREATE TABLE consents (
            id             INTEGER PRIMARY KEY,
            client_id      INTEGER NOT NULL REFERENCES clients (id),
            episode_number INTEGER NOT NULL,
            purpose        TEXT NOT NULL,
            custom_purpose TEXT NOT NULL DEFAULT '',
            given_by       TEXT NOT NULL,
            given_by_role  TEXT NOT NULL,
            competence     TEXT NOT NULL DEFAULT '',
            how            TEXT NOT NULL,
            given_on       TEXT NOT NULL,
            told           TEXT NOT NULL DEFAULT '',
            told_blob_id   INTEGER REFERENCES blobs (id),
            recorded_at    TEXT NOT NULL
        ) STRICT;
        CREATE INDEX consents_client_purpose ON consents (client_id, purpose);
        CREATE TABLE consent_reviews (
            id          INTEGER PRIMARY KEY,
            consent_id  INTEGER NOT NULL REFERENCES consents (id),
            reviewed_on TEXT NOT NULL,
            note        TEXT NOT NULL DEFAULT '',
            recorded_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX consent_reviews_consent ON consent_reviews (consent_id);
        CREATE TABLE consent_withdrawals (
            consent_id   INTEGER PRIMARY KEY REFERENCES consents (id),
            withdrawn_on TEXT NOT NULL,
            withdrawn_by TEXT NOT NULL,
            affects      TEXT NOT NULL,
            recorded_at  TEXT NOT NULL
        ) STRICT;
        CREATE TRIGGER consents_are_kept_update BEFORE UPDATE ON consents
            BEGIN SELECT RAISE(ABORT, 'a recorded consent is never changed'); END;
        CREATE TRIGGER consent_reviews_are_kept_update BEFORE UPDATE ON consent_reviews
            BEGIN SELECT RAISE(ABORT, 'a recorded review is never changed'); END;
        CREATE TRIGGER consent_withdrawals_are_kept_update BEFORE UPDATE ON consent_withdrawals
            BEGIN SELECT RAISE(ABORT, 'a recorded withdrawal is never changed'); END;
    ",
    },
    Migration {
        name: "agreements, the disclosure register and the safeguarding log",
        sql: "
        CREATE TABLE agreements (
            id          INTEGER PRIMARY KEY,
            client_id   INTEGER NOT NULL REFERENCES clients (id),
            kind        TEXT NOT NULL,
            signed_on   TEXT NOT NULL,
            signed_by   TEXT NOT NULL,
            version     TEXT NOT NULL DEFAULT '',
            blob_id     INTEGER REFERENCES blobs (id),
            recorded_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX agreements_client ON agreements (client_id, kind);
        CREATE TABLE disclosures (
            id              INTEGER PRIMARY KEY,
            client_id       INTEGER NOT NULL REFERENCES clients (id),
            on_date         TEXT NOT NULL,
            recipient       TEXT NOT NULL,
            recipient_name  TEXT NOT NULL DEFAULT '',
            professional_id INTEGER REFERENCES professionals (id),
            what            TEXT NOT NULL,
            basis           TEXT NOT NULL,
            consent_id      INTEGER REFERENCES consents (id),
            reason          TEXT NOT NULL DEFAULT '',
            told            TEXT NOT NULL,
            told_on         TEXT,
            decided_by      TEXT NOT NULL,
            kept            TEXT NOT NULL DEFAULT '[]',
            recorded_at     TEXT NOT NULL
        ) STRICT;
        CREATE INDEX disclosures_client_date ON disclosures (client_id, on_date);
        CREATE TABLE disclosure_attachments (
            disclosure_id INTEGER NOT NULL REFERENCES disclosures (id),
            blob_id       INTEGER NOT NULL REFERENCES blobs (id),
            PRIMARY KEY (disclosure_id, blob_id)
        ) STRICT;
        CREATE TABLE safeguarding_entries (
            id            INTEGER PRIMARY KEY,
            client_id     INTEGER NOT NULL REFERENCES clients (id),
            on_date       TEXT NOT NULL,
            at_time       TEXT NOT NULL DEFAULT '',
            involved      TEXT NOT NULL DEFAULT '',
            account       TEXT NOT NULL,
            action_taken  TEXT NOT NULL DEFAULT '',
            referred_to   TEXT NOT NULL DEFAULT '',
            referred_on   TEXT,
            reference     TEXT NOT NULL DEFAULT '',
            outcome       TEXT NOT NULL DEFAULT '',
            note_id       INTEGER REFERENCES notes (id),
            disclosure_id INTEGER REFERENCES disclosures (id),
            follows_id    INTEGER REFERENCES safeguarding_entries (id),
            kept          TEXT NOT NULL DEFAULT '[]',
            recorded_at   TEXT NOT NULL
        ) STRICT;
        CREATE INDEX safeguarding_entries_client ON safeguarding_entries (client_id, on_date);
        CREATE TRIGGER agreements_are_kept_update BEFORE UPDATE ON agreements
            BEGIN SELECT RAISE(ABORT, 'a recorded agreement is never changed'); END;
        CREATE TRIGGER disclosures_are_kept_update BEFORE UPDATE ON disclosures
            BEGIN SELECT RAISE(ABORT, 'a recorded disclosure is never changed'); END;
        CREATE TRIGGER safeguarding_entries_are_kept_update BEFORE UPDATE ON safeguarding_entries
            BEGIN SELECT RAISE(ABORT, 'a safeguarding log entry is never changed'); END;
    ",
    },
    // Later migrations keep their SQL beside this file (db/*.sql), so the list stays short.
    Migration {
        name: "seed 004's duties: remote contact with a child, parent-check reasons, confidential marks",
        sql: include_str!("db/seed_004_duties.sql"),
    },
    Migration { name: "the complaints register: complaints, their stages and closing", sql: include_str!("db/complaints.sql") },
    Migration {
        name: "the incident and personal data breach log: incidents, clients, decisions, reports to the ICO",
        sql: include_str!("db/incidents.sql"),
    },
    Migration { name: "the artwork inventory: items, locations and every change", sql: include_str!("db/artwork.sql") },
    Migration {
        name: "photos of artwork and recordings of sessions, with their reviews and destruction",
        sql: include_str!("db/media.sql"),
    },
    Migration {
        name: "retention: the policy and every change to it, and legal holds",
        sql: include_str!("db/retention.sql"),
    },
    Migration {
        name: "destruction: confirmed batches, their grace period, and what remains of destroyed records",
        sql: include_str!("db/destruction.sql"),
    },
    Migration {
        name: "handover: sets of shares with their holders and successor, takeovers, the checklist's ticks",
        sql: include_str!("db/handover.sql"),
    },
    Migration {
        name: "numbers never given twice: the highest id destroyed of clients, artwork, media and correspondence",
        sql: include_str!("db/retired_ids.sql"),
    },
    Migration {
        name: "handover reviews: a clinical will reviewed with nothing to change",
        sql: include_str!("db/handover_reviews.sql"),
    },
    Migration { name: "the request register: rights requests and their changes", sql: include_str!("db/requests.sql") },
    Migration { name: "backups taken, and the handover set that opens each", sql: include_str!("db/backups.sql") },
];

/// The schema version this build writes and reads.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Options that the benchmark varies; the vault always uses [`ConnectionOptions::VAULT`].
#[derive(Clone, Copy, Debug)]
pub struct ConnectionOptions {
    /// SQLCipher wipes memory it frees. Measured by `folio bench`; see ARCHITECTURE.md.
    pub cipher_memory_security: bool,
}

impl ConnectionOptions {
    pub const VAULT: ConnectionOptions = ConnectionOptions { cipher_memory_security: true };
}

/// How the database is opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum OpenMode {
    /// A new database in a new file (made 0600 first).
    Create,
    /// An existing database, to read and write.
    ReadWrite,
    /// An existing database, to read only: nothing is written to it, ever. WAL readers
    /// still need the `-shm` file, which SQLite may create beside it.
    ReadOnly,
    /// An existing database on media that cannot be written (a write-protected drive, a
    /// read-only folder): SQLite's `immutable=1`, which needs no `-shm` and takes no locks.
    /// Changes still in a WAL file left by a process that did not close are not seen.
    Immutable,
}

/// Opens (or creates) the encrypted database with the data key and checks the key by
/// reading `sqlite_master`. The caller has already proved the key right through the key
/// file's AEAD, so a failure to read here means the database is damaged.
pub(crate) fn open(path: &Path, dek: &Dek, mode: OpenMode, options: ConnectionOptions) -> Result<Connection> {
    if mode == OpenMode::Create {
        // Made owner-only before SQLite opens it: SQLite gives the -wal and -shm files the
        // database file's permissions.
        create_private(path)?;
    } else {
        check_existing(path)?;
    }
    let conn = match mode {
        OpenMode::Create | OpenMode::ReadWrite => {
            let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            if mode == OpenMode::Create {
                flags |= OpenFlags::SQLITE_OPEN_CREATE;
            }
            Connection::open_with_flags(path, flags)
        }
        OpenMode::ReadOnly | OpenMode::Immutable => {
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
            Connection::open_with_flags(file_uri(path, mode == OpenMode::Immutable), flags)
        }
    }
    .map_err(|e| map_open_err(path, e))?;
    conn.execute_batch("PRAGMA cipher_log_level = NONE;").map_err(map_err)?;
    let key_sql = Zeroizing::new(format!("PRAGMA key = \"{}\";", dek.sqlcipher_key_literal().as_str()));
    conn.execute_batch(&key_sql).map_err(map_err)?;
    drop(key_sql);
    apply_pragmas(&conn, options, matches!(mode, OpenMode::Create | OpenMode::ReadWrite))?;
    Ok(conn)
}

/// SQLite would treat an empty file as a new database, and the migrations would then
/// "repair" the vault into an empty one: an empty or missing database is damage.
fn check_existing(path: &Path) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Err(_) => Err(Error::Damaged { part: "database", detail: format!("{} is missing", show(path)) }),
        Ok(meta) if !meta.is_file() => {
            Err(Error::Damaged { part: "database", detail: format!("{} is not an ordinary file", show(path)) })
        }
        Ok(meta) if meta.len() == 0 => {
            Err(Error::Damaged { part: "database", detail: format!("{} is empty", show(path)) })
        }
        Ok(_) => Ok(()),
    }
}

/// `file:` URI for a read-only open (RFC 3986 percent-encoding of everything but unreserved
/// characters and `/`, so a folder named "A & B #2?" opens as itself).
fn file_uri(path: &Path, immutable: bool) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().replace('\\', "/").into_bytes();
    let mut uri = String::from("file:");
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str(if immutable { "?mode=ro&immutable=1" } else { "?mode=ro" });
    uri
}

/// Creates an empty file readable and writable by its owner only (0600).
fn create_private(path: &Path) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path).map(drop).map_err(|e| Error::storage("create the vault database", e))
}

/// Opens an unencrypted SQLite database with the same pragmas (benchmark baseline only).
pub(crate) fn open_plain(path: &Path) -> Result<Connection> {
    let conn = Connection::open(path).map_err(|e| map_open_err(path, e))?;
    apply_pragmas(&conn, ConnectionOptions { cipher_memory_security: false }, true)?;
    Ok(conn)
}

/// Per-connection settings. `writable` connections also switch the file to WAL with full
/// syncs; a read-only connection leaves the file's journal mode as it is.
fn apply_pragmas(conn: &Connection, options: ConnectionOptions, writable: bool) -> Result<()> {
    let memory_security = if options.cipher_memory_security { "ON" } else { "OFF" };
    // The first statement reads page 1: with a wrong key or a damaged header it fails.
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).map_err(map_err)?;
    // The page cache holds pages decrypted; SQLCipher decrypts and authenticates every page
    // it reads from the file. SQLite's default 2 MiB was too little for note search: over a
    // practice's 100,000 notes a common word re-read (and re-decrypted) thousands of index
    // and note pages on every search. 32 MiB keeps them (bounded, and in memory only).
    conn.execute_batch(&format!(
        "PRAGMA cipher_memory_security = {memory_security};
         PRAGMA cache_size = -32768;
         PRAGMA temp_store = MEMORY;
         PRAGMA secure_delete = ON;
         PRAGMA foreign_keys = ON;"
    ))
    .map_err(map_err)?;
    if !writable {
        return Ok(());
    }
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)).map_err(map_err)?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Internal(format!("could not switch the database to WAL (got {mode})")));
    }
    conn.execute_batch("PRAGMA synchronous = FULL;").map_err(map_err)?;
    Ok(())
}

/// Brings the schema up to date, all-or-nothing. Refuses a database newer than `migrations`.
pub fn migrate(conn: &mut Connection, migrations: &[Migration]) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(map_err)?;
    let latest = migrations.len() as i64;
    if current > latest {
        return Err(Error::NewerVault { found: current, supported: latest });
    }
    if current == latest {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(map_err)?;
    for migration in &migrations[current as usize..] {
        tx.execute_batch(migration.sql)
            .map_err(|e| Error::Internal(format!("schema step \"{}\" failed: {e}", migration.name)))?;
    }
    tx.pragma_update(None, "user_version", latest).map_err(map_err)?;
    tx.commit().map_err(map_err)
}

pub(crate) fn schema_version(conn: &Connection) -> Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(map_err)
}

fn map_open_err(path: &Path, e: rusqlite::Error) -> Error {
    match &e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::CannotOpen => Error::storage(
            format!("open {}", show(path)),
            std::io::Error::new(std::io::ErrorKind::NotFound, "the file could not be opened"),
        ),
        _ => map_err(e),
    }
}

/// Classifies a database error: damage, a disk problem, or a fault of ours.
/// A row of `settings`: the value stored under `key`, if any. Every capability that keeps
/// a setting reads and writes it through these two.
pub(crate) fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    use rusqlite::OptionalExtension;
    conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional().map_err(map_err)
}

/// Stores `value` under `key` in `settings` (inside the caller's audited change).
pub(crate) fn put_setting(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        rusqlite::params![key, value],
    )
    .map(drop)
    .map_err(map_err)
}

pub(crate) fn map_err(e: rusqlite::Error) -> Error {
    use rusqlite::ErrorCode as C;
    match &e {
        rusqlite::Error::SqliteFailure(f, _) => match f.code {
            C::NotADatabase | C::DatabaseCorrupt => Error::db_damaged(e),
            C::DiskFull => Error::storage("write to the vault", std::io::ErrorKind::StorageFull.into()),
            C::ReadOnly => Error::ReadOnlyVault,
            C::PermissionDenied => {
                Error::storage("use the vault database", std::io::ErrorKind::PermissionDenied.into())
            }
            C::CannotOpen => Error::storage("open the vault database", std::io::ErrorKind::NotFound.into()),
            // A disk I/O error: most often a drive removed while in use.
            C::SystemIoFailure => Error::storage("use the vault database", std::io::ErrorKind::Interrupted.into()),
            C::DatabaseBusy | C::DatabaseLocked => Error::storage(
                "use the vault database",
                std::io::Error::other("it is in use by another Folio window or command; close it and try again"),
            ),
            _ => Error::Internal(e.to_string()),
        },
        // A stored date or choice that does not read back was changed outside Folio.
        rusqlite::Error::FromSqlConversionFailure(..) | rusqlite::Error::InvalidColumnType(..) => {
            Error::db_damaged("a stored value is unreadable")
        }
        _ => Error::Internal(e.to_string()),
    }
}
