//! The key file: arbitrary bytes, the real file mutated byte by byte, and — the part a
//! checksum does not catch — real key files edited field by field with the checksum
//! recomputed (parameters out of range, salts and nonces of the wrong length, unknown slot
//! kinds, hundreds of slots, deep nesting, a file past the 64 KB limit), placed as
//! `folio.key`, `folio.key.bak` or both. `vault::status` and `Vault::unlock` never panic,
//! never run the key derivation on parameters outside its range (a `u32::MAX` memory cost
//! would abort the process, a huge iteration count would hang it), answer only "damaged" or
//! "wrong password" (or open, when a sound copy really holds the key), never quote the file,
//! and a refusal leaves every byte of the folder as it was.

use std::path::Path;
use std::time::{Duration, Instant};

use folio_core::keyfile::{KeyFile, BACKUP, FORMAT, PRIMARY, VERSION};
use folio_core::{vault, ErrorCode, Vault};
use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestCaseResult};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use super::{arbitrary_bytes, folder, fuzz, messages, mutate, mutations, no_echo, Mutation, Tally};
use crate::{create, pw, tempdir, PASSWORD};

/// Text planted in hostile key files that no message may quote.
const MARKER: &str = "ZQX-keyfile-marker";

/// Where a field sits in the key file's body, and the values it is given instead.
const PARAMS: &[(&str, &[i64])] = &[
    // Out of range, or the floor (the only in-range value: each costs one real derivation).
    ("/slots/0/password/memory_kib", &[0, 1, 8, 65_535, 4_194_305, u32::MAX as i64, 1 << 32, -1, 65_536]),
    ("/slots/0/password/iterations", &[0, 1, 2, 1001, u32::MAX as i64, 1 << 40, -1, 3]),
    ("/slots/0/password/lanes", &[0, 17, 255, u32::MAX as i64, -1, 1, 16]),
];
const HEXES: &[&str] = &["/slots/0/password/salt", "/slots/0/nonce", "/slots/0/wrapped_dek"];
const TEXTS: &[&str] =
    &["/format", "/vault_id", "/created_at", "/slots/0/kind", "/slots/0/created_at", "/slots/0/password/algorithm"];
const FIELDS: &[&str] = &[
    "/format",
    "/version",
    "/vault_id",
    "/created_at",
    "/slots",
    "/slots/0/id",
    "/slots/0/kind",
    "/slots/0/password",
    "/slots/0/nonce",
    "/slots/0/wrapped_dek",
    "/slots/0/password/salt",
    "/slots/0/password/memory_kib",
    "/slots/0/password/algorithm",
];

/// Which of a list a tamper picks (modulo its length; shrinks toward the first).
fn pick<T>(i: usize, list: &[T]) -> &T {
    &list[i % list.len()]
}

#[derive(Clone, Debug)]
enum Tamper {
    Param(usize, usize),
    /// A hex field as `n` bytes (0..100), odd or non-hex text, upper case, or 30,000 digits.
    Hex(usize, Option<usize>, usize),
    Text(usize, Value),
    Number(&'static str, Value),
    /// Any field set to another type.
    Swap(usize, Value),
    Remove(usize),
    /// Copies of the slot (unknown kinds, or password slots before the real one).
    Slots(usize, String, bool),
    /// An unknown slot field nested this deep.
    Nest(usize),
    /// An unknown top-level field this long (past 64 KB, the file is refused unread).
    Pad(usize),
}

fn other_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(json!(true)),
        Just(json!(1.5)),
        Just(json!(1e300)),
        Just(json!([MARKER])),
        Just(json!({ "x": MARKER })),
        Just(json!(MARKER)),
        Just(json!(format!("{MARKER}\u{0}\u{202E}\n"))),
        any::<String>().prop_map(|s| json!(format!("{MARKER}{s}"))),
    ]
}

/// Contents that can never open the vault (refused before any key derivation), and now
/// and then contents a sound file may hold (unknown slots, nesting, padding, other text),
/// each of which costs one real derivation.
fn tamper() -> impl Strategy<Value = Tamper> {
    let text = prop_oneof![
        Just(json!("")),
        Just(json!("password")),
        Just(json!("handover")),
        Just(json!("PASSWORD")),
        Just(json!("argon2i")),
        Just(json!(FORMAT)),
        Just(json!(format!("{FORMAT}-2"))),
        any::<String>().prop_map(Value::String),
        other_value()
    ];
    let damaging = prop_oneof![
        5 => (any::<usize>(), any::<usize>()).prop_map(|(f, v)| Tamper::Param(f, v)),
        4 => (any::<usize>(), prop::option::of(0usize..100), any::<usize>()).prop_map(|(f, n, k)| Tamper::Hex(f, n, k)),
        1 => prop_oneof![Just(json!(2)), Just(json!(u32::MAX)), Just(json!(-1)), other_value()]
            .prop_map(|v| Tamper::Number("/version", v)),
        1 => prop_oneof![Just(json!(-1)), Just(json!(1u64 << 33)), other_value()]
            .prop_map(|v| Tamper::Number("/slots/0/id", v)),
        2 => (any::<usize>(), other_value()).prop_map(|(f, v)| Tamper::Swap(f, v)),
        2 => any::<usize>().prop_map(Tamper::Remove),
        1 => (200usize..600).prop_map(|n| Tamper::Slots(n, "password".into(), true)),
        1 => (60_000usize..70_000).prop_map(Tamper::Pad),
        1 => (130usize..400).prop_map(Tamper::Nest),
    ];
    let harmless = prop_oneof![
        (any::<usize>(), text).prop_map(|(f, v)| Tamper::Text(f, v)),
        Just(Tamper::Number("/version", json!(0))),
        Just(Tamper::Number("/slots/0/id", json!(u32::MAX))),
        (0usize..150, "[a-z]{0,12}").prop_map(|(n, k)| Tamper::Slots(n, k, false)),
        (1usize..130).prop_map(Tamper::Nest),
        (1usize..2000).prop_map(Tamper::Pad),
    ];
    prop_oneof![12 => damaging, 1 => harmless]
}

fn set(doc: &mut Value, pointer: &str, value: Value) {
    let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", pointer));
    if let Some(Value::Object(o)) = doc.pointer_mut(parent) {
        o.insert(key.to_string(), value);
    }
}

fn apply(genuine: &Value, tampers: &[Tamper]) -> Value {
    let mut body = genuine.clone();
    for t in tampers {
        match t {
            Tamper::Param(f, v) => {
                let (pointer, values) = pick(*f, PARAMS);
                set(&mut body, pointer, json!(*pick(*v, values)));
            }
            Tamper::Hex(f, n, kind) => {
                let pointer = *pick(*f, HEXES);
                let current = body.pointer(pointer).and_then(Value::as_str).unwrap_or_default().to_string();
                let text = match n {
                    Some(n) => hex::encode(vec![0xA5u8; *n]),
                    None => {
                        pick(*kind, &["abc".to_string(), "zz".repeat(8), current.to_uppercase(), "0".repeat(30_000)])
                            .clone()
                    }
                };
                set(&mut body, pointer, json!(text));
            }
            Tamper::Text(f, v) => set(&mut body, pick::<&str>(*f, TEXTS), v.clone()),
            Tamper::Number(pointer, v) => set(&mut body, pointer, v.clone()),
            Tamper::Swap(f, v) => set(&mut body, pick::<&str>(*f, FIELDS), v.clone()),
            Tamper::Remove(f) => {
                let (parent, key) = pick(*f, FIELDS).rsplit_once('/').unwrap_or_default();
                if let Some(Value::Object(o)) = body.pointer_mut(parent) {
                    o.remove(key);
                }
            }
            Tamper::Slots(n, kind, first) => {
                let slot = body.pointer("/slots/0").cloned().unwrap_or(Value::Null);
                if let Some(Value::Array(slots)) = body.pointer_mut("/slots") {
                    let copies = (0..*n).map(|i| {
                        let mut s = slot.clone();
                        set(&mut s, "/kind", json!(kind));
                        set(&mut s, "/id", json!(i + 100));
                        s
                    });
                    let at = if *first { 0 } else { slots.len() };
                    slots.splice(at..at, copies);
                }
            }
            Tamper::Nest(depth) => {
                let nested = (0..*depth).fold(json!(MARKER), |inner, _| json!([inner]));
                set(&mut body, "/slots/0/share", nested);
            }
            Tamper::Pad(n) => set(&mut body, "/padding", json!(MARKER.repeat(n / MARKER.len() + 1))),
        }
    }
    body
}

/// The body with its checksum recomputed as Folio computes it (over the body as it reads
/// it back), so only the contents can give it away.
fn envelope(body: &Value) -> Vec<u8> {
    let canonical = serde_json::from_value::<KeyFile>(body.clone())
        .ok()
        .and_then(|k| serde_json::to_vec(&k).ok())
        .unwrap_or_else(|| serde_json::to_vec(body).unwrap_or_default());
    let sha = hex::encode(Sha256::digest(&canonical));
    serde_json::to_vec_pretty(&json!({ "sha256": sha, "keyfile": body })).unwrap_or_default()
}

#[derive(Clone, Debug)]
enum Copy {
    Bytes(Vec<u8>),
    Mutated(Vec<Mutation>),
    Tampered(Vec<Tamper>),
    Large(usize),
}

fn copy() -> impl Strategy<Value = Copy> {
    prop_oneof![
        2 => arbitrary_bytes().prop_map(Copy::Bytes),
        3 => mutations(4, 5000).prop_map(Copy::Mutated),
        6 => prop::collection::vec(tamper(), 1..4).prop_map(Copy::Tampered),
        1 => (65_537usize..70_000).prop_map(Copy::Large),
    ]
}

/// Which copies are hostile: the other is the real file, missing, or hostile too.
#[derive(Clone, Copy, Debug)]
enum Layout {
    PrimaryBadBackupReal,
    PrimaryRealBackupBad,
    BothSame,
    BothDifferent,
    PrimaryBadBackupMissing,
    PrimaryMissingBackupBad,
}

fn layout() -> impl Strategy<Value = Layout> {
    use Layout::*;
    // A real copy beside a bad one opens the vault: a whole unlock (one real derivation and
    // a rewrite of the bad copy), so rarer; the fallback is tested by name in vault.rs.
    prop_oneof![
        1 => Just(PrimaryBadBackupReal), 1 => Just(PrimaryRealBackupBad), 10 => Just(BothSame),
        10 => Just(BothDifferent), 10 => Just(PrimaryBadBackupMissing), 10 => Just(PrimaryMissingBackupBad),
    ]
}

struct Template {
    db: Vec<u8>,
    real: Vec<u8>,
    body: Value,
    file: KeyFile,
}

fn render(t: &Template, c: &Copy) -> Vec<u8> {
    match c {
        Copy::Bytes(b) => b.clone(),
        Copy::Mutated(m) => mutate(&t.real, m),
        Copy::Tampered(tampers) => envelope(&apply(&t.body, tampers)),
        Copy::Large(n) => envelope(&apply(&t.body, &[Tamper::Pad(*n)])),
    }
}

/// The key file's outer shape, as Folio declares it.
#[derive(serde::Deserialize)]
struct Envelope {
    sha256: String,
    keyfile: KeyFile,
}

/// A copy Folio reads as sound: within 64 KB, the checksum of its body matches, the format
/// is Folio's and not newer.
fn sound(bytes: &[u8]) -> Option<KeyFile> {
    let envelope: Envelope = serde_json::from_slice(bytes).ok()?;
    let sha = hex::encode(Sha256::digest(serde_json::to_vec(&envelope.keyfile).ok()?));
    let file = envelope.keyfile;
    (bytes.len() <= 64 * 1024 && envelope.sha256 == sha && file.format == FORMAT && file.version <= VERSION)
        .then_some(file)
}

/// Whether the copy's password slot could ever be opened: parameters, in range, the right
/// lengths. Folio must find out without running the key derivation.
fn possible(file: &KeyFile) -> bool {
    let Some(slot) = file.password_slot() else { return false };
    let Some(kdf) = &slot.password else { return false };
    let len = |h: &str| hex::decode(h).map(|b| b.len()).unwrap_or(usize::MAX);
    let p = kdf.params;
    kdf.algorithm == "argon2id"
        && (65_536..=1024 * 1024).contains(&p.memory_kib)
        && (3..=1000).contains(&p.iterations)
        && (1..=16).contains(&p.lanes)
        && (len(&kdf.salt), len(&slot.nonce), len(&slot.wrapped_dek)) == (16, 24, 48)
}

/// Whether everything the slot's AEAD binds is the real file's: then it opens the vault.
fn opens(file: &KeyFile, real: &KeyFile) -> bool {
    let bound = |f: &KeyFile| {
        f.password_slot().map(|s| {
            let kdf = s.password.as_ref().map(|k| (k.algorithm.clone(), k.params, k.salt.clone()));
            (
                f.format.clone(),
                f.version,
                f.vault_id.clone(),
                s.id,
                kdf,
                hex::decode(&s.nonce).ok(),
                hex::decode(&s.wrapped_dek).ok(),
            )
        })
    };
    bound(file) == bound(real)
}

fn check(tally: &Tally, t: &Template, kdf_time: Duration, seen: &Seen, input: (Copy, Copy, Layout)) -> TestCaseResult {
    let (a, b) = (render(t, &input.0), render(t, &input.1));
    let (primary, backup) = match input.2 {
        Layout::PrimaryBadBackupReal => (Some(a), Some(t.real.clone())),
        Layout::PrimaryRealBackupBad => (Some(t.real.clone()), Some(a)),
        Layout::BothSame => (Some(a.clone()), Some(a)),
        Layout::BothDifferent => (Some(a), Some(b)),
        Layout::PrimaryBadBackupMissing => (Some(a), None),
        Layout::PrimaryMissingBackupBad => (None, Some(a)),
    };
    let tmp = tempdir();
    let dir = vault_with(t, tmp.path(), primary.as_deref(), backup.as_deref());
    // What Folio should find: the first sound copy decides; when the password does not open
    // it, a sound second copy that differs is tried too (a passwd stopped between its writes).
    let chosen = [&primary, &backup].into_iter().flatten().find_map(|c| sound(c));
    let second = backup.as_deref().and_then(sound).filter(|b| Some(b) != chosen.as_ref());
    let second_opens = second.as_ref().is_some_and(|b| possible(b) && opens(b, &t.file));
    let before = folder(&dir);

    let status = tally.guard(|| vault::status(&dir))?;
    tally.unchanged(&before, &folder(&dir), "status")?;
    match &status {
        Ok(s) => {
            prop_assert!(chosen.is_some(), "status read a key file with no sound copy");
            let health = [&s.key_file_copies.primary, &s.key_file_copies.backup];
            let texts: Vec<String> = health.into_iter().flatten().cloned().collect();
            no_echo(&texts, &[MARKER])?;
            prop_assert!(texts.iter().all(|t| t.len() < 300), "{:?}", texts);
        }
        Err(e) => {
            prop_assert_eq!(e.code(), ErrorCode::VaultDamaged, "{}", e);
            prop_assert!(chosen.is_none(), "a sound copy was refused: {}", e);
        }
    }

    let started = Instant::now();
    let unlocked = tally.guard(|| Vault::unlock(&dir, &pw(PASSWORD)))?;
    let took = started.elapsed();
    match unlocked {
        Ok(v) => {
            tally.outcome(true);
            let file = chosen.ok_or_else(|| TestCaseError::fail("opened with no sound copy"))?;
            prop_assert!(opens(&file, &t.file) || second_opens, "opened with a copy whose slot is not the real one");
            drop(v);
            // Opened with one copy: both are now sound and identical (a bad one was rewritten).
            let after = vault::status(&dir).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(after.key_file_copies.is_ok(), "{:?}", after.key_file_copies);
        }
        Err(e) => {
            tally.outcome(false);
            tally.unchanged(&before, &folder(&dir), "a refused unlock")?;
            no_echo(&messages(&e), &[MARKER])?;
            prop_assert!(e.to_string().len() < 1000, "{}", e);
            let expected = match &chosen {
                Some(file) if possible(file) => {
                    prop_assert!(!opens(file, &t.file), "the real slot did not open: {}", e);
                    prop_assert!(!second_opens, "the second copy's real slot was not tried: {}", e);
                    ErrorCode::WrongPassword
                }
                _ => {
                    // Refused without deriving a key: far quicker than one derivation.
                    if took > kdf_time / 2 {
                        seen.slow.set(seen.slow.get() + 1);
                    }
                    ErrorCode::VaultDamaged
                }
            };
            prop_assert_eq!(e.code(), expected, "{}", e);
            let counter = if expected == ErrorCode::WrongPassword { &seen.wrong } else { &seen.damaged };
            counter.set(counter.get() + 1);
        }
    }
    Ok(())
}

/// How the refusals were told, for the figure line.
#[derive(Default)]
struct Seen {
    damaged: std::cell::Cell<u64>,
    wrong: std::cell::Cell<u64>,
    /// Damage refusals that took longer than half a key derivation (none should).
    slow: std::cell::Cell<u64>,
}

/// A closed vault (the template's database) whose key file copies are `primary` and
/// `backup` (`None`: missing).
fn vault_with(t: &Template, parent: &Path, primary: Option<&[u8]>, backup: Option<&[u8]>) -> std::path::PathBuf {
    let dir = parent.join("v");
    std::fs::create_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
    super::write_file(&dir, "folio.db", &t.db);
    for (name, bytes) in [(PRIMARY, primary), (BACKUP, backup)] {
        if let Some(bytes) = bytes {
            super::write_file(&dir, name, bytes);
        }
    }
    dir
}

/// A real vault, closed: its database and its key file (both copies are the same bytes).
fn template(dir: &Path) -> Template {
    create(dir).lock().unwrap_or_else(|e| panic!("{e}"));
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{e}"));
    let real = read(PRIMARY);
    assert_eq!(real, read(BACKUP));
    let envelope: Value = serde_json::from_slice(&real).unwrap_or_else(|e| panic!("{e}"));
    let body = envelope.get("keyfile").cloned().unwrap_or(Value::Null);
    let file: KeyFile = serde_json::from_value(body.clone()).unwrap_or_else(|e| panic!("{e}"));
    Template { db: read("folio.db"), real, body, file }
}

#[test]
fn hostile_key_files_are_damage_or_a_wrong_password_and_change_nothing() {
    let tmp = tempdir();
    let t = template(&tmp.path().join("template"));
    // One real derivation, to tell a refusal that ran one from one that did not.
    let started = Instant::now();
    let wrong = Vault::unlock(&tmp.path().join("template"), &pw("not the password at all"));
    let kdf_time = started.elapsed();
    assert_eq!(wrong.err().map(|e| e.code()), Some(ErrorCode::WrongPassword));
    let seen = Seen::default();
    let tally = Tally::default();
    let extra = || {
        format!(
            "  damaged={}  wrong-password={}  kdf={}ms  damage-refusals-slower-than-half-a-kdf={}",
            seen.damaged.get(),
            seen.wrong.get(),
            kdf_time.as_millis(),
            seen.slow.get()
        )
    };
    fuzz("key-file", file!(), (copy(), copy(), layout()), &tally, extra, |i| check(&tally, &t, kdf_time, &seen, i));
}

/// Unlocks a vault whose only key file copy is the real one edited by `tampers` (checksum
/// recomputed): the error, having checked that the refusal changed nothing.
fn refusal(t: &Template, tampers: &[Tamper]) -> folio_core::Error {
    let tmp = tempdir();
    let dir = vault_with(t, tmp.path(), None, Some(&envelope(&apply(&t.body, tampers))));
    let before = folder(&dir);
    let err = Vault::unlock(&dir, &pw(PASSWORD)).err().unwrap_or_else(|| panic!("{tampers:?} opened the vault"));
    assert_eq!(folder(&dir), before, "{tampers:?}");
    err
}

/// Found by the property (its seed is in `tests/proptest-regressions/`): an empty salt with
/// parameters in range went on to Argon2, which refused it, and unlocking said "Something
/// went wrong inside Folio" (INTERNAL) instead of that the key file is damaged.
#[test]
fn an_empty_salt_is_damage_not_a_fault_inside_folio() {
    let tmp = tempdir();
    let t = template(&tmp.path().join("template"));
    let salt = Tamper::Hex(0, Some(0), 0);
    let err = refusal(&t, &[salt]);
    assert_eq!(err.code(), ErrorCode::VaultDamaged, "{err}");
    assert!(err.to_string().contains("the salt has the wrong length"), "{err}");
}

/// Found by the property: a salt, nonce or wrapped key of the wrong size (95 bytes) ran a
/// full key derivation and then said "wrong password", though no password could open such a
/// slot. Now each is damage, found before any derivation, as parameters out of range are.
#[test]
fn a_slot_no_password_could_open_is_damage_found_before_any_key_derivation() {
    let tmp = tempdir();
    let t = template(&tmp.path().join("template"));
    let mut cases: Vec<(Tamper, &str)> = Vec::new();
    for (field, what) in [(0, "salt"), (1, "nonce"), (2, "wrapped key")] {
        for bytes in [95, 15] {
            cases.push((Tamper::Hex(field, Some(bytes), 0), what));
        }
    }
    // memory_kib = u32::MAX (a 4 TiB derivation), iterations = u32::MAX, lanes = 0.
    for (param, value) in [(0, 5), (1, 4), (2, 0)] {
        cases.push((Tamper::Param(param, value), "parameters out of range"));
    }
    for (tamper, what) in cases {
        let err = refusal(&t, std::slice::from_ref(&tamper));
        assert_eq!(err.code(), ErrorCode::VaultDamaged, "{tamper:?}: {err}");
        assert!(err.to_string().contains(what), "{tamper:?}: {err}");
    }
}

/// serde's messages quote what they found ("invalid type: string \"…\""): a key file
/// copy's problem is told by its place and kind, never by repeating its contents.
#[test]
fn an_unreadable_key_file_is_described_never_quoted() {
    let tmp = tempdir();
    let t = template(&tmp.path().join("template"));
    let bad = envelope(&apply(&t.body, &[Tamper::Number("/version", json!(MARKER))]));
    let dir = vault_with(&t, tmp.path(), Some(&bad), Some(&bad));
    let err = vault::status(&dir).err().unwrap_or_else(|| panic!("read a key file with a text version"));
    assert_eq!(err.code(), ErrorCode::VaultDamaged);
    assert!(!err.to_string().contains(MARKER), "{err}");
    assert!(
        err.to_string().contains("first copy: unreadable: a field is missing or holds the wrong kind of value at line"),
        "{err}"
    );
}
