//! The few cryptographic operations Folio performs, each a thin call into a kept crate:
//! random bytes (`getrandom`), the password KDF (`argon2`, Argon2id), the handover KDF
//! (`hkdf`, HKDF-SHA256) and key wrapping
//! (`chacha20poly1305`, XChaCha20-Poly1305 with random 192-bit nonces).

use std::time::{Duration, Instant};

use argon2::{Algorithm, Argon2, Block, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use zeroize::{Zeroize, Zeroizing};

use crate::{Error, Result};

/// RFC 9106's second recommended option, the floor Folio never goes below.
pub const MIN_MEMORY_KIB: u32 = 64 * 1024;
pub const MIN_ITERATIONS: u32 = 3;
/// Upper bounds accepted from a key file, so a damaged or edited file cannot ask for 4 TiB
/// (or, within the old 4 GiB bound, enough to have the system kill Folio on a small laptop):
/// Folio itself writes 64 MiB and raises only the passes.
const MAX_MEMORY_KIB: u32 = 1024 * 1024;
const MAX_ITERATIONS: u32 = 1000;
const MAX_LANES: u32 = 16;

pub(crate) fn fill_random(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf).map_err(|e| Error::Internal(format!("the system random generator failed: {e}")))
}

/// Argon2id cost parameters, stored in a password slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub lanes: u32,
}

impl KdfParams {
    pub const FLOOR: KdfParams = KdfParams { memory_kib: MIN_MEMORY_KIB, iterations: MIN_ITERATIONS, lanes: 1 };

    /// Parameters read from a key file must be within sane bounds and never below the floor.
    pub(crate) fn is_acceptable(&self) -> bool {
        (MIN_MEMORY_KIB..=MAX_MEMORY_KIB).contains(&self.memory_kib)
            && (MIN_ITERATIONS..=MAX_ITERATIONS).contains(&self.iterations)
            && (1..=MAX_LANES).contains(&self.lanes)
    }

    /// Calibrates like KeePassXC: measure one derivation at the floor, then raise the
    /// iteration count so one derivation takes about `target` on this machine. Memory stays
    /// at 64 MiB, so a slower laptop in later years still unlocks. A zero target, or one
    /// the floor already exceeds, gives the floor.
    pub fn calibrate(target: Duration) -> Result<KdfParams> {
        let floor = KdfParams::FLOOR;
        if target.is_zero() {
            return Ok(floor);
        }
        let start = Instant::now();
        let _ = derive_kek(b"calibration", &[0u8; 16], floor)?;
        let per_iteration = start.elapsed().as_secs_f64() / f64::from(floor.iterations);
        let wanted = (target.as_secs_f64() / per_iteration.max(1e-6)).round();
        let iterations = (wanted as u32).clamp(MIN_ITERATIONS, MAX_ITERATIONS);
        Ok(KdfParams { iterations, ..floor })
    }
}

/// A 32-byte key-encryption key, wiped on drop.
pub(crate) struct Kek(Zeroizing<[u8; 32]>);

/// Derives a key-encryption key from a password with Argon2id. The working memory
/// (64 MiB or more) is allocated here and wiped before it is freed: the crate does not
/// wipe its own matrix.
pub(crate) fn derive_kek(password: &[u8], salt: &[u8], params: KdfParams) -> Result<Kek> {
    if !params.is_acceptable() {
        return Err(Error::Damaged { part: "key file", detail: "key-derivation parameters out of range".into() });
    }
    let argon_params = Params::new(params.memory_kib, params.iterations, params.lanes, Some(32))
        .map_err(|e| Error::Internal(format!("argon2 parameters: {e}")))?;
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, argon_params);
    let mut memory = vec![Block::default(); params.memory_kib as usize];
    let mut out = Zeroizing::new([0u8; 32]);
    let result = argon.hash_password_into_with_memory(password, salt, out.as_mut_slice(), &mut memory[..]);
    memory.iter_mut().for_each(Zeroize::zeroize);
    drop(memory);
    result.map_err(|e| Error::Internal(format!("argon2: {e}")))?;
    Ok(Kek(out))
}

/// Derives a handover slot's key-encryption key from the 32-byte handover secret with
/// HKDF-SHA256 (RFC 5869): the secret is already uniformly random, so no slow KDF is
/// needed (nothing to guess); `salt` is the slot's own random salt, `info` binds the vault
/// and the set of shares.
pub(crate) fn derive_handover_kek(secret: &[u8], salt: &[u8], info: &[u8]) -> Result<Kek> {
    let mut out = Zeroizing::new([0u8; 32]);
    hkdf::Hkdf::<sha2::Sha256>::new(Some(salt), secret)
        .expand(info, out.as_mut_slice())
        .map_err(|_| Error::Internal("HKDF output length".into()))?;
    Ok(Kek(out))
}

/// Encrypts `plaintext` under `kek`, binding `aad`. Returns (nonce, ciphertext).
pub(crate) fn seal(kek: &Kek, aad: &[u8], plaintext: &[u8]) -> Result<([u8; 24], Vec<u8>)> {
    let cipher = XChaCha20Poly1305::new(kek.0.as_slice().into());
    let mut nonce = [0u8; 24];
    fill_random(&mut nonce)?;
    let ciphertext = cipher
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: plaintext, aad })
        .map_err(|_| Error::Internal("key wrapping failed".into()))?;
    Ok((nonce, ciphertext))
}

/// Decrypts and authenticates; `None` means the key or the associated data is wrong.
pub(crate) fn open(kek: &Kek, aad: &[u8], nonce: &[u8], ciphertext: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    if nonce.len() != 24 {
        return None;
    }
    let cipher = XChaCha20Poly1305::new(kek.0.as_slice().into());
    cipher.decrypt(XNonce::from_slice(nonce), Payload { msg: ciphertext, aad }).ok().map(Zeroizing::new)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floor_is_rfc_9106_second_recommendation() {
        assert_eq!(KdfParams::FLOOR.memory_kib, 65536);
        assert_eq!(KdfParams::FLOOR.iterations, 3);
        assert!(KdfParams::FLOOR.is_acceptable());
        assert!(!KdfParams { memory_kib: 1024, ..KdfParams::FLOOR }.is_acceptable());
        assert!(!KdfParams { iterations: 2, ..KdfParams::FLOOR }.is_acceptable());
    }

    #[test]
    fn calibration_never_goes_below_the_floor() -> Result<()> {
        let params = KdfParams::calibrate(Duration::from_millis(1))?;
        assert!(params.memory_kib >= MIN_MEMORY_KIB && params.iterations >= MIN_ITERATIONS);
        assert_eq!(KdfParams::calibrate(Duration::ZERO)?, KdfParams::FLOOR);
        Ok(())
    }

    #[test]
    fn seal_open_round_trip_and_aad_binding() -> Result<()> {
        let kek = derive_kek(b"pw", &[7u8; 16], KdfParams::FLOOR)?;
        let (nonce, ct) = seal(&kek, b"aad", b"secret")?;
        assert_eq!(open(&kek, b"aad", &nonce, &ct).as_deref().map(|v| v.as_slice()), Some(&b"secret"[..]));
        assert!(open(&kek, b"other", &nonce, &ct).is_none());
        let other = derive_kek(b"pw2", &[7u8; 16], KdfParams::FLOOR)?;
        assert!(open(&other, b"aad", &nonce, &ct).is_none());
        Ok(())
    }
}
