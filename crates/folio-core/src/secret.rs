//! Secret material: the data key and typed passwords.
//!
//! Architecture invariant: these types implement neither `Debug`, `Display`, `Clone` nor
//! `Serialize`; their bytes are wiped when they are dropped.

use zeroize::Zeroizing;

/// The vault's data-encryption key: 32 random bytes, SQLCipher's raw key.
pub struct Dek(Zeroizing<[u8; 32]>);

impl Dek {
    pub(crate) fn random() -> crate::Result<Self> {
        let mut key = Zeroizing::new([0u8; 32]);
        crate::crypto::fill_random(key.as_mut_slice())?;
        Ok(Dek(key))
    }

    pub(crate) fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let mut key = Zeroizing::new([0u8; 32]);
        if bytes.len() != key.len() {
            return None;
        }
        key.copy_from_slice(bytes);
        Some(Dek(key))
    }

    pub(crate) fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// The `PRAGMA key` argument: `x'<64 hex digits>'`, which skips SQLCipher's own KDF.
    pub(crate) fn sqlcipher_key_literal(&self) -> Zeroizing<String> {
        let mut literal = Zeroizing::new(String::with_capacity(67));
        literal.push_str("x'");
        literal.push_str(&Zeroizing::new(hex::encode(self.0.as_slice())));
        literal.push('\'');
        literal
    }
}

/// A password as typed by a person: raw bytes, wiped on drop.
pub struct Password(Zeroizing<Vec<u8>>);

impl Password {
    pub fn new(bytes: Vec<u8>) -> Self {
        Password(Zeroizing::new(bytes))
    }

    pub fn from_string(text: String) -> Self {
        Password(Zeroizing::new(text.into_bytes()))
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
