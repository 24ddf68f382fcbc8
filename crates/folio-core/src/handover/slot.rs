//! The handover key slot: the data key wrapped under a key derived from the handover
//! secret, beside the password slot in the key file.
//!
//! The key file is plaintext JSON, so the slot holds only what opening needs and nothing
//! personal: the set number, k and n, a random 32-byte salt, the nonce and the wrapped key.
//! Holders' names, the successor and the instructions live inside the encrypted database.
//! The key-encryption key is HKDF-SHA256 of the secret (salt: the slot's; info: the vault
//! id and set number). The data key is wrapped with XChaCha20-Poly1305, as in a password
//! slot, and the associated data binds the key file format and version, the vault id, the
//! slot id, its kind, the algorithm, the set number, k, n and the salt: no field can be
//! changed, nor the slot moved to another vault, without the slot failing to open.

use std::collections::BTreeMap;

use super::shares::HandoverSecret;
use crate::crypto;
use crate::keyfile::{KeyFile, Slot};
use crate::secret::Dek;
use crate::{Error, Result};

pub const KIND_HANDOVER: &str = "handover";
const ALGORITHM: &str = "hkdf-sha256";
const FIELD: &str = "handover";
const SALT_BYTES: usize = 32;
const NONCE_BYTES: usize = 24;
const WRAPPED_BYTES: usize = 32 + 16;

/// What a handover slot says about itself (not secret, not personal).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct HandoverParams {
    pub algorithm: String,
    /// The set of shares that opens it (1, then one more at each re-issue).
    pub set: u32,
    /// k: how many shares are needed.
    pub threshold: u8,
    /// n: how many shares were made.
    pub shares: u8,
    pub salt: String,
}

/// The handover slot and its parameters, if the key file has one. A handover slot whose
/// parameters cannot be read is damage.
pub fn find(file: &KeyFile) -> Result<Option<(&Slot, HandoverParams)>> {
    let Some(slot) = file.slots.iter().find(|s| s.kind == KIND_HANDOVER) else { return Ok(None) };
    let value = slot.extra.get(FIELD).cloned().ok_or_else(|| damaged("the handover slot has no parameters"))?;
    let params: HandoverParams =
        serde_json::from_value(value).map_err(|_| damaged("the handover slot's parameters cannot be read"))?;
    let k_of_n_sound = params.threshold >= 1 && params.threshold <= params.shares;
    if params.algorithm != ALGORITHM || !k_of_n_sound || params.set == 0 {
        return Err(damaged("the handover slot's parameters are out of range"));
    }
    Ok(Some((slot, params)))
}

/// Adds a handover slot for set `set` (k of n) wrapping `dek` under `secret`, replacing
/// any handover slot there was: the old shares stop opening this key file at once. The
/// password slot, and slots of kinds this version does not know, are kept.
pub(crate) fn add(
    file: &mut KeyFile,
    dek: &Dek,
    secret: &HandoverSecret,
    set: u32,
    threshold: u8,
    shares: u8,
    now: &str,
) -> Result<()> {
    // A new id, never the old slot's: an entry naming a slot id names one slot only.
    let id = file.slots.iter().map(|s| s.id + 1).max().unwrap_or(0);
    let mut salt = [0u8; SALT_BYTES];
    crypto::fill_random(&mut salt)?;
    let params = HandoverParams { algorithm: ALGORITHM.into(), set, threshold, shares, salt: hex::encode(salt) };
    let kek = crypto::derive_handover_kek(secret.as_bytes(), &salt, info(file, set).as_bytes())?;
    let (nonce, wrapped) = crypto::seal(&kek, aad(file, id, &params).as_bytes(), dek.as_bytes())?;
    let mut extra = BTreeMap::new();
    extra.insert(
        FIELD.to_string(),
        serde_json::to_value(&params).map_err(|e| Error::Internal(format!("handover slot: {e}")))?,
    );
    remove(file);
    file.slots.push(Slot {
        id,
        kind: KIND_HANDOVER.into(),
        created_at: now.into(),
        password: None,
        nonce: hex::encode(nonce),
        wrapped_dek: hex::encode(wrapped),
        extra,
    });
    file.slots.sort_by_key(|s| s.id);
    Ok(())
}

/// Removes the handover slot (a spent one after a takeover, or the old set's at re-issue).
pub(crate) fn remove(file: &mut KeyFile) {
    file.slots.retain(|s| s.kind != KIND_HANDOVER);
}

/// Unwraps the data key with a recovered secret. The caller has checked the shares against
/// the slot (vault, set, k, n); a slot that does not open now means the shares, together,
/// are not this set's: "wrong shares", never damage.
pub(crate) fn unlock(file: &KeyFile, secret: &HandoverSecret, wrong: impl FnOnce() -> Error) -> Result<Dek> {
    let (slot, params) = find(file)?.ok_or_else(|| damaged("the handover slot has gone"))?;
    let salt = sized(&params.salt, SALT_BYTES, "salt")?;
    let nonce = sized(&slot.nonce, NONCE_BYTES, "nonce")?;
    let wrapped = sized(&slot.wrapped_dek, WRAPPED_BYTES, "wrapped key")?;
    let kek = crypto::derive_handover_kek(secret.as_bytes(), &salt, info(file, params.set).as_bytes())?;
    let plain = crypto::open(&kek, aad(file, slot.id, &params).as_bytes(), &nonce, &wrapped).ok_or_else(wrong)?;
    Dek::from_bytes(&plain).ok_or_else(|| damaged("the data key has the wrong length"))
}

fn info(file: &KeyFile, set: u32) -> String {
    format!("folio-handover-kek|vault={}|set={set}", file.vault_id)
}

fn aad(file: &KeyFile, slot_id: u32, p: &HandoverParams) -> String {
    format!(
        "folio-keyslot|format={}|v{}|vault={}|slot={slot_id}|kind={KIND_HANDOVER}|{}|set={}|k={}|n={}|salt={}",
        file.format, file.version, file.vault_id, p.algorithm, p.set, p.threshold, p.shares, p.salt
    )
}

fn damaged(detail: &str) -> Error {
    Error::Damaged { part: "key file", detail: detail.into() }
}

fn sized(text: &str, bytes: usize, what: &str) -> Result<Vec<u8>> {
    match hex::decode(text) {
        Ok(decoded) if decoded.len() == bytes => Ok(decoded),
        _ => Err(damaged(&format!("the handover slot's {what} cannot be read"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::KdfParams;
    use crate::Password;

    fn file_with_slot(secret: &HandoverSecret) -> Result<(KeyFile, Dek)> {
        let dek = Dek::random()?;
        let mut file = KeyFile::new("vault-1".into(), "now".into());
        file.set_password_slot(&dek, &Password::new(b"pw".to_vec()), KdfParams::FLOOR, "now")?;
        add(&mut file, &dek, secret, 1, 2, 3, "now")?;
        Ok((file, dek))
    }

    fn wrong() -> Error {
        Error::WrongShares("wrong".into())
    }

    #[test]
    fn the_slot_opens_with_its_secret_only_and_keeps_the_password_slot() -> Result<()> {
        let secret = HandoverSecret::random()?;
        let (file, dek) = file_with_slot(&secret)?;
        assert_eq!(unlock(&file, &secret, wrong)?.as_bytes(), dek.as_bytes());
        assert!(matches!(unlock(&file, &HandoverSecret::random()?, wrong), Err(Error::WrongShares(_))));
        assert!(file.password_slot().is_some());
        let json = serde_json::to_string(&file).unwrap_or_default();
        assert!(json.contains(r#""kind":"handover""#) && json.contains(r#""threshold":2"#), "{json}");
        Ok(())
    }

    #[test]
    fn every_bound_parameter_breaks_the_slot_when_changed() -> Result<()> {
        let secret = HandoverSecret::random()?;
        let (file, _) = file_with_slot(&secret)?;
        let edits: [fn(&mut HandoverParams); 3] = [|p| p.set = 2, |p| p.threshold = 1, |p| p.shares = 4];
        for edit in edits {
            let mut changed = file.clone();
            let slot = changed.slots.iter_mut().find(|s| s.kind == KIND_HANDOVER).ok_or_else(wrong)?;
            let mut params: HandoverParams =
                serde_json::from_value(slot.extra[FIELD].clone()).map_err(|e| Error::Internal(e.to_string()))?;
            edit(&mut params);
            slot.extra.insert(FIELD.into(), serde_json::to_value(&params).map_err(|e| Error::Internal(e.to_string()))?);
            assert!(matches!(unlock(&changed, &secret, wrong), Err(Error::WrongShares(_))));
        }
        let mut moved = file.clone();
        moved.vault_id = "vault-2".into();
        assert!(matches!(unlock(&moved, &secret, wrong), Err(Error::WrongShares(_))));
        Ok(())
    }

    #[test]
    fn a_new_set_replaces_the_old_slot_under_a_new_id() -> Result<()> {
        let (old, new) = (HandoverSecret::random()?, HandoverSecret::random()?);
        let (mut file, dek) = file_with_slot(&old)?;
        let first_id = find(&file)?.map(|(s, _)| s.id);
        add(&mut file, &dek, &new, 2, 2, 3, "later")?;
        assert_eq!(file.slots.iter().filter(|s| s.kind == KIND_HANDOVER).count(), 1);
        assert_ne!(find(&file)?.map(|(s, _)| s.id), first_id);
        assert!(unlock(&file, &old, wrong).is_err());
        assert_eq!(unlock(&file, &new, wrong)?.as_bytes(), dek.as_bytes());
        Ok(())
    }
}
