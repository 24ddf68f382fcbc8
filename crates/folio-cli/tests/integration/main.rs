//! The `folio` binary, driven as a script would drive it. Modules mirror `src/commands/`,
//! plus `plaintext` (no marker typed through any command reaches the disk unencrypted).

mod artwork;
mod backups;
mod bench;
mod clients;
mod consents;
mod correspondence;
mod crash;
mod destroy;
mod handover;
mod import;
mod limits;
mod media;
mod notes;
mod plaintext;
mod professionals;
mod reading;
mod registers;
mod remote_contact;
mod requests;
mod retention;
mod sessions;
mod vault;

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

pub const PASSWORD: &str = "tangerine piano lighthouse";

pub fn folio(vault: &Path, args: &[&str], stdin: &str) -> Output {
    spawn(vault, args, stdin).wait_with_output().unwrap_or_else(|e| panic!("wait: {e}"))
}

/// Starts `folio --vault VAULT ARGS` with `stdin` written and closed, without waiting for
/// it (the crash suite kills it; the limits suite measures it as it is reaped).
pub fn spawn(vault: &Path, args: &[&str], stdin: &str) -> Child {
    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("--vault")
        .arg(vault)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn folio: {e}"));
    if let Some(mut input) = child.stdin.take() {
        // A child killed before it reads its password closes the pipe; that is not an error here.
        let _ = input.write_all(stdin.as_bytes());
    }
    child
}

/// `folio --vault VAULT --password-stdin ARGS` with the test password.
pub fn run(vault: &Path, args: &[&str]) -> Output {
    folio(vault, &[&["--password-stdin"], args].concat(), &format!("{PASSWORD}\n"))
}

/// [`run`], which must succeed; its standard output.
pub fn ok(vault: &Path, args: &[&str]) -> String {
    let o = run(vault, args);
    assert_eq!(code(&o), 0, "{args:?}: {}", text(&o.stderr));
    text(&o.stdout)
}

/// The `--json` standard output of a call, parsed (Null if it is not JSON).
pub fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_default()
}

/// A count from the environment (the long runs of the reliability suite), else `default`.
pub fn env_count(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok()).unwrap_or(default)
}

pub fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn init(vault: &Path) {
    let o = folio(
        vault,
        &["init", "--practice", "Hillside Art Therapy", "--password-stdin", "--kdf-target-ms", "0"],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
}

/// A new vault with one client, ML-0001 (Mia Lee, born 10/12/2015, referred 01/09/2025).
pub fn vault_with_one_client() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    let referral = tmp.path().join("referral.json");
    std::fs::write(
        &referral,
        r#"{"givenName":"Mia","familyName":"Lee","dateOfBirth":"10/12/2015","referralDate":"01/09/2025"}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let o =
        folio(&vault, &["--password-stdin", "referral", "add", &referral.to_string_lossy()], &format!("{PASSWORD}\n"));
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    (tmp, vault)
}

pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

/// A small seeded generator (xorshift64*): the same seed gives the same delays and the
/// same attachment bytes, so a failing run can be repeated.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// A duration drawn evenly from `lo..=hi`.
    pub fn between(&mut self, lo: Duration, hi: Duration) -> Duration {
        let span = hi.saturating_sub(lo).as_micros() as u64;
        lo + Duration::from_micros(self.below(span + 1))
    }

    /// `len` bytes that depend on `seed` only (an attachment's content, regenerated to compare).
    pub fn bytes(seed: u64, len: usize) -> Vec<u8> {
        let mut rng = Rng::new(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let mut out = Vec::with_capacity(len + 8);
        while out.len() < len {
            out.extend_from_slice(&rng.next_u64().to_le_bytes());
        }
        out.truncate(len);
        out
    }
}

/// Every file in a folder, by name, with its bytes: equal before and after means nothing
/// in it changed (not even a new journal file).
pub fn folder_snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(|e| e.ok())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap_or_default()))
        .collect();
    files.sort();
    files
}
