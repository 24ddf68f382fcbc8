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
//! `folio status` reads only the key file and needs no lock; every command that unlocks
//! (including `verify`) takes it.

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
