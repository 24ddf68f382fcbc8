//! The key file: key slots that each wrap the vault's data key, like LUKS.
//!
//! On disk (`folio.key`, with an identical second copy `folio.key.bak`) it is JSON:
//! `{"sha256": <hex of the canonical body>, "keyfile": <body>}`. The checksum tells
//! accidental damage (a flipped byte, a truncated write) apart from a wrong password: a
//! body that fails its checksum is *damaged*; a sound body whose slot does not open is a
//! *wrong password*. Each slot's AEAD binds the vault id, the format version, the slot id,
//! its kind and its KDF parameters, so no parameter can be swapped without detection.
//!
//! Slots of kinds this version does not know are kept verbatim
//! when the file is rewritten, so adding slot kinds is not a format break.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::crypto::{self, KdfParams, Kek};
use crate::error::show;
use crate::secret::{Dek, Password};
use crate::{Error, Result};

pub const FORMAT: &str = "folio-keyfile";
pub const VERSION: u32 = 1;
pub const PRIMARY: &str = "folio.key";
pub const BACKUP: &str = "folio.key.bak";

/// The body of the key file. Not secret: it holds only wrapped keys and parameters.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct KeyFile {
    pub format: String,
    pub version: u32,
    pub vault_id: String,
    pub created_at: String,
    pub slots: Vec<Slot>,
}

/// One key slot. `password` is set for password slots; other kinds keep their own fields
/// in `extra`, untouched by this version.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Slot {
    pub id: u32,
    pub kind: String,
    pub created_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<PasswordKdf>,
    pub nonce: String,
    pub wrapped_dek: String,
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct PasswordKdf {
    pub algorithm: String,
    #[serde(flatten)]
    pub params: KdfParams,
    pub salt: String,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Envelope {
    sha256: String,
    keyfile: KeyFile,
}

pub const KIND_PASSWORD: &str = "password";

/// Sizes a password slot's fields always have (Folio writes nothing else): a 16-byte salt,
/// XChaCha20-Poly1305's 24-byte nonce, and the 32-byte data key plus its 16-byte tag.
const SALT_BYTES: usize = 16;
const NONCE_BYTES: usize = 24;
const WRAPPED_BYTES: usize = 32 + 16;

impl KeyFile {
    pub(crate) fn new(vault_id: String, created_at: String) -> Self {
        KeyFile { format: FORMAT.into(), version: VERSION, vault_id, created_at, slots: Vec::new() }
    }

    /// Wraps `dek` under a key derived from `password` and stores it as the password slot,
    /// replacing any previous password slot. Other slots are kept.
    pub(crate) fn set_password_slot(
        &mut self,
        dek: &Dek,
        password: &Password,
        params: KdfParams,
        now: &str,
    ) -> Result<()> {
        let id = self.password_slot().map(|s| s.id).unwrap_or_else(|| self.next_slot_id());
        let mut salt = [0u8; SALT_BYTES];
        crypto::fill_random(&mut salt)?;
        let kdf = PasswordKdf { algorithm: "argon2id".into(), params, salt: hex::encode(salt) };
        let kek = crypto::derive_kek(password.as_bytes(), &salt, params)?;
        let aad = password_aad(self, id, &kdf);
        let (nonce, wrapped) = crypto::seal(&kek, aad.as_bytes(), dek.as_bytes())?;
        let slot = Slot {
            id,
            kind: KIND_PASSWORD.into(),
            created_at: now.into(),
            password: Some(kdf),
            nonce: hex::encode(nonce),
            wrapped_dek: hex::encode(wrapped),
            extra: BTreeMap::new(),
        };
        self.slots.retain(|s| s.kind != KIND_PASSWORD);
        self.slots.push(slot);
        self.slots.sort_by_key(|s| s.id);
        Ok(())
    }

    /// Unwraps the data key with a password. A sound slot that does not open means the
    /// password is wrong. Everything that can be checked without the password is checked
    /// first, so a slot no password could open (parameters out of range, a salt or nonce of
    /// the wrong size) is reported as damage and never costs a key derivation — nor, with a
    /// memory cost of 4 TiB or a billion passes, exhausts the machine.
    pub(crate) fn unlock_with_password(&self, password: &Password) -> Result<Dek> {
        let slot = self.password_slot().ok_or_else(|| damaged("it has no password slot"))?;
        let kdf = slot.password.as_ref().ok_or_else(|| damaged("the password slot has no parameters"))?;
        if kdf.algorithm != "argon2id" {
            return Err(damaged("unknown key-derivation algorithm"));
        }
        if !kdf.params.is_acceptable() {
            return Err(damaged("key-derivation parameters out of range"));
        }
        let salt = sized(&kdf.salt, SALT_BYTES, "salt")?;
        let nonce = sized(&slot.nonce, NONCE_BYTES, "nonce")?;
        let wrapped = sized(&slot.wrapped_dek, WRAPPED_BYTES, "wrapped key")?;
        let kek: Kek = crypto::derive_kek(password.as_bytes(), &salt, kdf.params)?;
        let aad = password_aad(self, slot.id, kdf);
        let plain = crypto::open(&kek, aad.as_bytes(), &nonce, &wrapped).ok_or(Error::WrongPassword)?;
        Dek::from_bytes(&plain).ok_or_else(|| damaged("the data key has the wrong length"))
    }

    pub fn password_slot(&self) -> Option<&Slot> {
        self.slots.iter().find(|s| s.kind == KIND_PASSWORD)
    }

    fn next_slot_id(&self) -> u32 {
        self.slots.iter().map(|s| s.id + 1).max().unwrap_or(0)
    }

    fn to_envelope_bytes(&self) -> Result<Vec<u8>> {
        let body = serde_json::to_vec(self).map_err(|e| Error::Internal(format!("key file encoding: {e}")))?;
        let envelope = Envelope { sha256: hex::encode(Sha256::digest(&body)), keyfile: self.clone() };
        let mut bytes =
            serde_json::to_vec_pretty(&envelope).map_err(|e| Error::Internal(format!("key file encoding: {e}")))?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}

fn password_aad(file: &KeyFile, slot_id: u32, kdf: &PasswordKdf) -> String {
    format!(
        "folio-keyslot|format={}|v{}|vault={}|slot={}|kind={}|{}|m={}|t={}|p={}|salt={}",
        file.format,
        file.version,
        file.vault_id,
        slot_id,
        KIND_PASSWORD,
        kdf.algorithm,
        kdf.params.memory_kib,
        kdf.params.iterations,
        kdf.params.lanes,
        kdf.salt
    )
}

fn damaged(detail: &str) -> Error {
    Error::Damaged { part: "key file", detail: detail.into() }
}

/// A hex field of the password slot, which is damage unless it is exactly `bytes` long.
fn sized(text: &str, bytes: usize, what: &str) -> Result<Vec<u8>> {
    match hex::decode(text) {
        Ok(decoded) if decoded.len() == bytes => Ok(decoded),
        Ok(_) => Err(damaged(&format!("the {what} has the wrong length"))),
        Err(_) => Err(damaged(&format!("unreadable {what}"))),
    }
}

/// Why a copy is unreadable, by place and kind only. serde's own message quotes what it
/// found ("invalid type: string \"…\""), and a damaged file can hold anything — up to the
/// 64 KB limit of another file's contents — which a message must not repeat.
fn unreadable(e: &serde_json::Error) -> String {
    let kind = match e.classify() {
        serde_json::error::Category::Syntax => "not valid JSON",
        serde_json::error::Category::Eof => "cut short",
        serde_json::error::Category::Data => "a field is missing or holds the wrong kind of value",
        serde_json::error::Category::Io => "could not be read",
    };
    format!("unreadable: {kind} at line {}, column {}", e.line(), e.column())
}

/// Parses and checks one copy. `Err(reason)` is a damaged or foreign copy.
fn parse_copy(bytes: &[u8]) -> std::result::Result<KeyFile, String> {
    let envelope: Envelope = serde_json::from_slice(bytes).map_err(|e| unreadable(&e))?;
    let body = serde_json::to_vec(&envelope.keyfile).map_err(|e| e.to_string())?;
    if hex::encode(Sha256::digest(&body)) != envelope.sha256 {
        return Err("checksum mismatch".into());
    }
    let file = envelope.keyfile;
    if file.format != FORMAT {
        return Err("not a Folio key file".into());
    }
    if file.version > VERSION {
        return Err(format!("key file format {} is newer than this Folio understands", file.version));
    }
    Ok(file)
}

/// What reading the key file found, beyond the file itself.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CopyHealth {
    pub primary: Option<String>,
    pub backup: Option<String>,
}

impl CopyHealth {
    /// Both copies are sound and identical.
    pub fn is_ok(&self) -> bool {
        self.primary.is_none() && self.backup.is_none()
    }
}

/// True when `dir` holds either copy of a key file.
pub(crate) fn exists(dir: &Path) -> bool {
    dir.join(PRIMARY).exists() || dir.join(BACKUP).exists()
}

/// Reads the key file, falling back to the second copy when the first is damaged.
/// Never rewrites either copy. Returns the file and a description of each copy's problem.
pub(crate) fn load(dir: &Path) -> Result<(KeyFile, CopyHealth)> {
    let read = |name: &str| -> Result<Option<std::result::Result<KeyFile, String>>> {
        // Never through a link, never a FIFO or device, never more than a few KB: a copy
        // that is any of those is a damaged copy (the other may still open the vault).
        match crate::inputs::read(&dir.join(name), crate::inputs::KEY_FILE) {
            Ok(bytes) => Ok(Some(parse_copy(&bytes))),
            Err(Error::Storage { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => Ok(None),
            // "The key file is a link to another file. Choose the file itself." becomes
            // "it is a link to another file": the advice is for files a person chooses.
            Err(Error::InvalidInput { message, .. }) => {
                let what = message.split(". ").next().unwrap_or(&message).trim_end_matches('.');
                Ok(Some(Err(what.replacen("The key file ", "it ", 1))))
            }
            Err(e) => Err(e),
        }
    };
    let primary = read(PRIMARY)?;
    let backup = read(BACKUP)?;
    let problem = |copy: &Option<std::result::Result<KeyFile, String>>| match copy {
        None => Some("missing".to_string()),
        Some(Err(reason)) => Some(reason.clone()),
        Some(Ok(_)) => None,
    };
    let mut health = CopyHealth { primary: problem(&primary), backup: problem(&backup) };
    match (primary, backup) {
        (Some(Ok(p)), Some(Ok(b))) => {
            if p != b {
                health.backup = Some("differs from the first copy".into());
            }
            Ok((p, health))
        }
        (Some(Ok(p)), _) => Ok((p, health)),
        (_, Some(Ok(b))) => Ok((b, health)),
        (None, None) => Err(Error::NotAVault(show(dir))),
        _ => Err(Error::Damaged {
            part: "key file",
            detail: format!(
                "first copy: {}; second copy: {}",
                health.primary.as_deref().unwrap_or("sound"),
                health.backup.as_deref().unwrap_or("sound")
            ),
        }),
    }
}

/// The second copy, when it is sound and says something other than `first` (the copy
/// `load` chose): a `passwd` that stopped between writing the two copies leaves the new
/// password in the second only, and a first copy edited with its checksum recomputed would
/// otherwise hide a sound second one behind "wrong password".
pub(crate) fn differing_second_copy(dir: &Path, first: &KeyFile) -> Option<KeyFile> {
    let bytes = crate::inputs::read(&dir.join(BACKUP), crate::inputs::KEY_FILE).ok()?;
    parse_copy(&bytes).ok().filter(|second| second != first)
}

/// Writes both copies atomically: the second copy first, so that a crash part-way leaves
/// the first (authoritative) copy as it was.
pub(crate) fn store(dir: &Path, file: &KeyFile) -> Result<()> {
    let bytes = file.to_envelope_bytes()?;
    write_atomic(&dir.join(BACKUP), &bytes)?;
    write_atomic(&dir.join(PRIMARY), &bytes)
}

/// Removes temporary key file copies (`.folio.key.<hex>.tmp`) left by a write that stopped
/// before its rename. Call only with the writer lock held: then no write is in progress.
pub(crate) fn remove_abandoned_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = [PRIMARY, BACKUP].iter().any(|base| name.starts_with(&format!(".{base}.")));
        if ours && name.ends_with(".tmp") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Temp file in the same folder, fsync, rename over the target, fsync the folder.
pub(crate) fn write_atomic(target: &Path, bytes: &[u8]) -> Result<()> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let mut suffix = [0u8; 6];
    crypto::fill_random(&mut suffix)?;
    let tmp: PathBuf = dir.join(format!(".{name}.{}.tmp", hex::encode(suffix)));
    let action = || format!("write {}", show(target));
    let result = (|| -> std::io::Result<()> {
        let mut options = fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut f = options.open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, target)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(|e| Error::storage(action(), e))
}

pub(crate) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Result<(KeyFile, Dek)> {
        let dek = Dek::random()?;
        let mut file = KeyFile::new("vault-1".into(), "2026-11-22T10:00:00Z".into());
        file.set_password_slot(&dek, &Password::new(b"pw one".to_vec()), KdfParams::FLOOR, "now")?;
        Ok((file, dek))
    }

    #[test]
    fn password_slot_unwraps_only_with_its_password() -> Result<()> {
        let (file, dek) = sample()?;
        let opened = file.unlock_with_password(&Password::new(b"pw one".to_vec()))?;
        assert_eq!(opened.as_bytes(), dek.as_bytes());
        assert!(matches!(file.unlock_with_password(&Password::new(b"pw two".to_vec())), Err(Error::WrongPassword)));
        Ok(())
    }

    #[test]
    fn swapping_the_vault_id_breaks_the_slot() -> Result<()> {
        let (mut file, _) = sample()?;
        file.vault_id = "vault-2".into();
        assert!(matches!(file.unlock_with_password(&Password::new(b"pw one".to_vec())), Err(Error::WrongPassword)));
        Ok(())
    }

    #[test]
    fn unknown_slot_kinds_survive_a_rewrite() -> Result<()> {
        let (mut file, dek) = sample()?;
        let mut extra = BTreeMap::new();
        extra.insert("threshold".to_string(), serde_json::json!(2));
        file.slots.push(Slot {
            id: 5,
            kind: "handover".into(),
            created_at: "x".into(),
            password: None,
            nonce: "00".into(),
            wrapped_dek: "00".into(),
            extra,
        });
        let bytes = file.to_envelope_bytes()?;
        let mut reread = parse_copy(&bytes).map_err(Error::Internal)?;
        reread.set_password_slot(&dek, &Password::new(b"new".to_vec()), KdfParams::FLOOR, "now")?;
        let handover = reread.slots.iter().find(|s| s.kind == "handover").ok_or(Error::Internal("lost".into()))?;
        assert_eq!(handover.extra.get("threshold"), Some(&serde_json::json!(2)));
        Ok(())
    }

    #[test]
    fn a_flipped_byte_is_damage_not_a_wrong_password() -> Result<()> {
        let (file, _) = sample()?;
        let bytes = file.to_envelope_bytes()?;
        let text = String::from_utf8(bytes).map_err(|e| Error::Internal(e.to_string()))?;
        let tampered = text.replacen("\"iterations\": 3", "\"iterations\": 4", 1);
        assert_ne!(tampered, text);
        assert_eq!(parse_copy(tampered.as_bytes()), Err("checksum mismatch".to_string()));
        Ok(())
    }
}
