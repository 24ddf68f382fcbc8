//! The unlocked vault, held by the shell while the window is open.
//!
//! At most one vault is unlocked. Locking drops the [`folio_core::Vault`], which closes
//! the database and wipes the data key.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use folio_core::autolock::{IdleTimer, Uptime};
use folio_core::handover::ContactSheet;
use folio_core::notes::LiveCheck;
use folio_core::Vault;

use crate::dto::{FolioError, VaultInfo};

pub struct UnlockedVault {
    pub vault: Vault,
    pub timer: IdleTimer,
    /// The note editor's identifier check, kept between pauses in typing (rebuilt by the
    /// core when the client or the records change); dropped with the vault at lock.
    pub live_check: LiveCheck,
}

impl UnlockedVault {
    pub fn new(vault: Vault) -> Result<UnlockedVault, FolioError> {
        let minutes = vault.settings()?.auto_lock_minutes;
        Ok(UnlockedVault { vault, timer: IdleTimer::new(minutes, Uptime::now()), live_check: LiveCheck::default() })
    }

    pub fn info(&self) -> Result<VaultInfo, FolioError> {
        Ok(VaultInfo {
            vault_dir: self.vault.dir().display().to_string(),
            practice_name: self.vault.practice_name()?,
            auto_lock_minutes: self.vault.settings()?.auto_lock_minutes,
            repaired_on_opening: self.vault.repaired_on_opening().map(str::to_string),
        })
    }
}

pub struct AppState {
    /// The folder the start screen offers: at launch `--vault`, `$FOLIO_VAULT`, the last
    /// one, or the default; after an unlock, the vault just opened.
    suggested_dir: Mutex<PathBuf>,
    unlocked: Mutex<Option<UnlockedVault>>,
    /// The contact sheet an executor opened with handover shares (no vault is open then),
    /// kept to be saved as a PDF until it is closed or the app locks.
    contact_sheet: Mutex<Option<ContactSheet>>,
}

impl AppState {
    pub fn new(initial_dir: PathBuf) -> Self {
        AppState { suggested_dir: Mutex::new(initial_dir), unlocked: Mutex::new(None), contact_sheet: Mutex::new(None) }
    }

    pub fn suggested_dir(&self) -> PathBuf {
        self.suggested_dir.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }

    pub fn set_suggested_dir(&self, dir: PathBuf) {
        *self.suggested_dir.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = dir;
    }

    /// The unlocked vault's slot. A poisoned lock (a panic elsewhere) is still usable: the data
    /// inside is a vault handle, not a half-done invariant.
    pub fn unlocked(&self) -> MutexGuard<'_, Option<UnlockedVault>> {
        self.unlocked.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `f` on the unlocked vault, counting the call as activity.
    pub fn with_vault<T>(&self, f: impl FnOnce(&mut UnlockedVault) -> Result<T, FolioError>) -> Result<T, FolioError> {
        let mut guard = self.unlocked();
        let unlocked = guard.as_mut().ok_or_else(FolioError::locked)?;
        unlocked.timer.touch(Uptime::now());
        f(unlocked)
    }

    /// Locks if the idle time has run out. Returns true when it locked.
    pub fn lock_if_idle(&self, now: Uptime) -> bool {
        let mut guard = self.unlocked();
        if guard.as_ref().is_some_and(|s| s.timer.is_due(now)) {
            if let Some(session) = guard.take() {
                let _ = session.vault.lock();
            }
            return true;
        }
        false
    }

    pub fn lock(&self) {
        self.set_contact_sheet(None);
        if let Some(session) = self.unlocked().take() {
            let _ = session.vault.lock();
        }
    }

    pub fn contact_sheet(&self) -> Option<ContactSheet> {
        self.contact_sheet.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }

    pub fn set_contact_sheet(&self, sheet: Option<ContactSheet>) {
        *self.contact_sheet.lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = sheet;
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use folio_core::autolock::Uptime;
    use folio_core::{CreateOptions, Password, Vault};

    use super::{AppState, UnlockedVault};

    #[test]
    fn the_vault_locks_itself_only_after_the_idle_time() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dir = tmp.path().join("vault");
        let password = Password::new(b"tangerine piano lighthouse".to_vec());
        let options = CreateOptions { kdf_target: Duration::ZERO };
        let vault = Vault::create(&dir, "Hillside", &password, &options).unwrap_or_else(|e| panic!("{e}"));
        let state = AppState::new(dir.clone());
        *state.unlocked() = Some(UnlockedVault::new(vault).unwrap_or_else(|e| panic!("{}", e.message)));
        let now = Uptime::now();
        assert!(!state.lock_if_idle(now.plus(Duration::from_secs(9 * 60))));
        assert!(state.with_vault(|s| s.info()).is_ok());
        assert!(state.lock_if_idle(now.plus(Duration::from_secs(11 * 60))));
        let err = state.with_vault(|s| s.info()).err().map(|e| e.code);
        assert_eq!(err, Some(folio_core::ErrorCode::Locked));
    }
}
