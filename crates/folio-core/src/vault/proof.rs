//! Proving the password again while the vault is open (a reviewed action asks for it).

use super::Vault;
use crate::{Error, Password, Result};

impl Vault {
    /// Proves the password opens this vault (a reviewed action such as destruction asks
    /// for it again while the vault is open). A wrong one is [`Error::WrongPassword`].
    pub fn check_password(&self, password: &Password) -> Result<()> {
        let proof = self.keyfile.unlock_with_password(password)?;
        if proof.as_bytes() != self.dek.as_bytes() {
            return Err(Error::Damaged { part: "key file", detail: "it no longer matches the open vault".into() });
        }
        Ok(())
    }

    /// The data key's bytes, so that the destruction proof can decrypt every page of the
    /// database file itself (core integration tests only).
    #[cfg(feature = "test-support")]
    pub fn data_key_for_tests(&self) -> Vec<u8> {
        self.dek.as_bytes().to_vec()
    }
}
