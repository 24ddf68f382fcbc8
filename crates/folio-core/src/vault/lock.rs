//! One writer at a time.
//!
//! An unlocked vault holds an exclusive advisory lock (`flock`) on its folder for as long
//! as it is open. A second process (the app and the CLI, two CLIs, two windows) that tries
//! to unlock the same vault is refused at once with a plain message, before any password
//! work and before anything is written. The operating system drops the lock when the
//! process ends, however it ends, so a crash never leaves a lock to clean up. The folder
//! itself is locked (not a file in it) so that nothing new appears in a vault that fails to
//! open, and so that the key file's atomic rewrites cannot slip from under the lock.
//!
//! Readers (`verify` and the other commands that only read) never wait for a writer and
//! never stop one that is already open: when a writer holds the folder they read beside it,
//! as SQLite's WAL allows (they see the last committed state). When no writer is there they
//! hold a shared lock while they read, so that no writer starts under them and the database
//! can be read as it lies on disk, creating no `-wal` or `-shm` file (SQLite's
//! `immutable=1`). `folio status` reads only the key file and takes no lock at all.

use std::fs::{File, TryLockError};
use std::path::Path;

use crate::{Error, Result};

/// The held lock; dropping it (with the vault) releases it.
pub(super) struct WriterLock {
    _folder: File,
}

impl WriterLock {
    /// Takes the vault folder's lock, or says that another Folio holds it.
    pub(super) fn take(dir: &Path) -> Result<WriterLock> {
        let folder = File::open(dir).map_err(|e| Error::storage("open the vault folder", e))?;
        match folder.try_lock() {
            Ok(()) => Ok(WriterLock { _folder: folder }),
            Err(TryLockError::WouldBlock) => Err(Error::VaultInUse),
            Err(TryLockError::Error(e)) => Err(Error::storage("lock the vault folder", e)),
        }
    }
}

/// A reader's shared hold on the folder: no writer can start while it is held.
pub(super) struct ReaderLock {
    _folder: File,
}

impl ReaderLock {
    /// Takes a shared hold when no writer has the vault, or `None` when one has (the reader
    /// then reads beside it).
    pub(super) fn try_take(dir: &Path) -> Result<Option<ReaderLock>> {
        let folder = File::open(dir).map_err(|e| Error::storage("open the vault folder", e))?;
        match folder.try_lock_shared() {
            Ok(()) => Ok(Some(ReaderLock { _folder: folder })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(Error::storage("lock the vault folder", e)),
        }
    }
}
