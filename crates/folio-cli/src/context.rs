//! What every command gets (where the vault is, how to print, how to read passwords), and
//! the ways a command opens the vault: to change it (unlock, do the work, lock again) or to
//! read it (read-only, nothing written).

use std::path::PathBuf;

use folio_core::{Password, Result, Vault};

use crate::output::Out;
use crate::password::PasswordSource;

pub struct Context {
    pub dir: PathBuf,
    pub out: Out,
    pub password_stdin: bool,
    pub new_password_stdin: bool,
}

impl Context {
    /// Where passwords come from for this call: `--password-stdin` for the current one,
    /// `new_from_stdin` for a new one.
    pub fn passwords(&self, new_from_stdin: bool) -> PasswordSource {
        PasswordSource::new(self.password_stdin, new_from_stdin)
    }

    fn current_password(&self) -> Result<Password> {
        self.passwords(false).current_password("Vault password")
    }
}

/// Unlocks the vault with the password from the terminal or standard input, runs `work`,
/// and locks the vault again whether `work` succeeded or not.
pub fn with_vault<T>(ctx: &Context, work: impl FnOnce(&mut Vault) -> Result<T>) -> Result<T> {
    let password = ctx.current_password()?;
    with_password(ctx, &password, work)
}

/// For work that only reads: opens the vault read-only (nothing is written, not even an
/// audit entry; it runs beside the app or another command, and on a write-protected drive),
/// runs `work`, and closes it again.
pub fn read_vault<T>(ctx: &Context, work: impl FnOnce(&Vault) -> Result<T>) -> Result<T> {
    let password = ctx.current_password()?;
    let vault = Vault::open_read_only(&ctx.dir, &password)?;
    drop(password);
    tell_once(&vault);
    locking(vault, |vault| work(vault))
}

/// `verify`: checks the vault read-only at any schema version this Folio knows.
pub fn verify_vault(ctx: &Context) -> Result<folio_core::VerifyReport> {
    let password = ctx.current_password()?;
    folio_core::vault::verify(&ctx.dir, &password)
}

/// [`with_vault`] with a password already read (`passwd` needs it twice).
pub fn with_password<T>(ctx: &Context, password: &Password, work: impl FnOnce(&mut Vault) -> Result<T>) -> Result<T> {
    let vault = Vault::unlock(&ctx.dir, password)?;
    tell_once(&vault);
    locking(vault, work)
}

/// Says what was found (and mended) on opening, once, on standard error.
fn tell_once(vault: &Vault) {
    if let Some(note) = vault.repaired_on_opening() {
        eprintln!("note: {note}");
    }
}

/// Runs `work` on an open vault, then locks it. A failure to lock is reported before
/// (and instead of) the work's own error; the work's result is returned only once the
/// vault is locked.
pub fn locking<T>(mut vault: Vault, work: impl FnOnce(&mut Vault) -> Result<T>) -> Result<T> {
    let result = work(&mut vault);
    vault.lock()?;
    result
}
