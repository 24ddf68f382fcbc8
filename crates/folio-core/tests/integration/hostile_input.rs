//! Hostile input (issue 8): the parsers that read what comes from outside — dates, the
//! referral JSON, spreadsheets, the key file, note text, the ledger's forms (consents,
//! agreements, disclosures, the safeguarding log) and retention's values (holds, the grace
//! period, presets, "as of" days, certificates) — are fed arbitrary and mutated input by
//! `proptest` (cargo fuzz needs nightly, which this project does not use). Each property
//! counts panics with `catch_unwind` and prints one figure line (see with `--nocapture`):
//! `hostile-input  <target>  cases=…  panics=0  vault-changes=0 …`.
//!
//! `FOLIO_FUZZ_CASES` sets the cases per property (256 by default, a few seconds each; the
//! long run uses thousands, in release). A failing case is shrunk and its seed kept under
//! `tests/proptest-regressions/`, which is committed; every defect found also has a named
//! regression test with the exact input.

mod artwork;
mod dates;
mod forms;
mod import;
mod keyfile;
mod ledger;
mod note_text;
mod referrals;
mod retention;
mod shares;

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::{Duration, Instant};

use folio_core::Vault;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestCaseResult, TestRunner};
use sha2::{Digest, Sha256};

/// Cases per property: `FOLIO_FUZZ_CASES`, or 256.
pub fn cases() -> u32 {
    std::env::var("FOLIO_FUZZ_CASES").ok().and_then(|v| v.trim().parse().ok()).unwrap_or(256)
}

/// A runner whose failures are kept beside the tests (`tests/proptest-regressions/…`) and
/// replayed first on every later run. `source` is the property's `file!()`.
pub fn runner(source: &'static str) -> TestRunner {
    TestRunner::new(Config {
        cases: cases(),
        source_file: Some(source),
        failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel("proptest-regressions"))),
        // Shrinking a case that opens a vault is slow; a few hundred steps find the input.
        max_shrink_iters: 512,
        ..Config::default()
    })
}

/// What one property saw, printed as its figure line.
#[derive(Default)]
pub struct Tally {
    pub cases: Cell<u64>,
    pub panics: Cell<u64>,
    /// Refused input that changed the vault (its folder's bytes or its rows).
    pub changes: Cell<u64>,
    pub accepted: Cell<u64>,
    pub refused: Cell<u64>,
    pub slowest: Cell<Duration>,
}

impl Tally {
    /// Runs one call on hostile input, counting a panic instead of unwinding through the
    /// runner (so the figure is real), and the slowest call (a hang would never return).
    pub fn guard<T>(&self, call: impl FnOnce() -> T) -> Result<T, TestCaseError> {
        let started = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(call));
        self.slowest.set(self.slowest.get().max(started.elapsed()));
        outcome.map_err(|payload| {
            self.panics.set(self.panics.get() + 1);
            let text = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            TestCaseError::fail(format!("panicked: {text}"))
        })
    }

    pub fn case(&self) {
        self.cases.set(self.cases.get() + 1);
    }

    pub fn outcome(&self, accepted: bool) {
        let counter = if accepted { &self.accepted } else { &self.refused };
        counter.set(counter.get() + 1);
    }

    /// Counts a refusal that changed the vault and fails the case.
    pub fn unchanged<T: PartialEq + std::fmt::Debug>(&self, before: &T, after: &T, what: &str) -> TestCaseResult {
        if before != after {
            self.changes.set(self.changes.get() + 1);
            return Err(TestCaseError::fail(format!("{what} changed the vault: {before:?} -> {after:?}")));
        }
        Ok(())
    }

    /// Prints the figure line, then fails the test if the run failed or anything counted.
    pub fn report(&self, target: &str, started: Instant, extra: &str, result: Result<(), String>) {
        println!(
            "hostile-input  {target:<9} cases={}  panics={}  vault-changes={}  accepted={}  refused={}  slowest={}ms  time={:.1}s{extra}",
            self.cases.get(),
            self.panics.get(),
            self.changes.get(),
            self.accepted.get(),
            self.refused.get(),
            self.slowest.get().as_millis(),
            started.elapsed().as_secs_f64(),
        );
        if let Err(failure) = result {
            panic!("{target}: {failure}");
        }
        assert_eq!((self.panics.get(), self.changes.get()), (0, 0), "{target}: panics and vault changes");
    }
}

/// Runs `property` over `strategy` and reports the figure line.
pub fn fuzz<S: Strategy>(
    target: &str,
    source: &'static str,
    strategy: S,
    tally: &Tally,
    extra: impl FnOnce() -> String,
    property: impl Fn(S::Value) -> TestCaseResult,
) {
    let started = Instant::now();
    let result = runner(source).run(&strategy, |input| {
        tally.case();
        property(input)
    });
    tally.report(target, started, &extra(), result.map_err(|e| e.to_string()));
}

/// A message (or a problem in a form) that repeats one of `markers` — values planted in
/// the input that no message may contain — is a failure. Compared ignoring case.
pub fn no_echo(messages: &[String], markers: &[&str]) -> TestCaseResult {
    for message in messages {
        let lower = message.to_lowercase();
        if let Some(marker) = markers.iter().find(|m| lower.contains(&m.to_lowercase())) {
            return Err(TestCaseError::fail(format!("a message repeats {marker:?}: {message}")));
        }
    }
    Ok(())
}

/// Every message an error carries: its own text and each field problem's.
pub fn messages(error: &folio_core::Error) -> Vec<String> {
    let mut all: Vec<String> = error.problems().into_iter().map(|p| p.message).collect();
    all.push(error.to_string());
    all
}

/// The vault folder's bytes, file by file. While the vault is open the folder holds the
/// WAL (`folio.db-wal`) and its index (`folio.db-shm`). The database and the WAL are written
/// only by a transaction that changes something (SQLite checkpoints only after a commit), so
/// their bytes are the committed state; the index is left out because SQLite rewrites it on
/// reads too (read marks), so its bytes say nothing about what was stored. A closed vault
/// has no index, and then this is every byte of the folder.
#[derive(PartialEq, Eq)]
pub struct Folder(BTreeMap<String, Vec<u8>>);

/// Names, sizes and a digest: enough to see what changed without printing megabytes.
impl std::fmt::Debug for Folder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let short = |b: &Vec<u8>| format!("{} bytes, sha256 {}", b.len(), &hex::encode(Sha256::digest(b))[..12]);
        f.debug_map().entries(self.0.iter().map(|(k, v)| (k, short(v)))).finish()
    }
}

pub fn folder(dir: &Path) -> Folder {
    let mut files = BTreeMap::new();
    for entry in fs::read_dir(dir).unwrap_or_else(|e| panic!("{e}")).filter_map(|e| e.ok()) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with("-shm") {
            let bytes = fs::read(entry.path()).unwrap_or_else(|e| panic!("{name}: {e}"));
            files.insert(name, bytes);
        }
    }
    Folder(files)
}

/// What an open vault holds, seen through its own connection: rows per table (the audit
/// log included) with the folder's committed bytes. (An import streams good rows into its
/// transaction as it reads them, so a file refused part-way has written rows and rolled
/// them back: counting statements would call that a change; what was stored did not.)
#[derive(Debug, PartialEq, Eq)]
pub struct VaultState {
    rows: BTreeMap<String, i64>,
    files: Folder,
}

impl VaultState {
    pub fn of(vault: &Vault) -> VaultState {
        let conn = vault.connection_for_tests();
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .unwrap_or_else(|e| panic!("{e}"));
        let rows = tables
            .into_iter()
            .map(|t| {
                let n = conn
                    .query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))
                    .unwrap_or_else(|e| panic!("{t}: {e}"));
                (t, n)
            })
            .collect();
        VaultState { rows, files: folder(vault.dir()) }
    }

    pub fn rows(&self, table: &str) -> i64 {
        self.rows.get(table).copied().unwrap_or(0)
    }
}

/// Locks the vault, opens it again and checks it: every page, the structure, both key file
/// copies and the audit chain — what the fuzzing left behind is a sound vault.
pub fn reopen_and_verify(vault: Vault) {
    let dir = vault.dir().to_path_buf();
    vault.lock().unwrap_or_else(|e| panic!("{e}"));
    let vault = crate::unlock(&dir).unwrap_or_else(|e| panic!("{e}"));
    let report = vault.verify().unwrap_or_else(|e| panic!("{e}"));
    assert!(report.is_ok(), "{:?}", report.checks());
}

/// Cases written into one vault before it is retired for a new one.
const CASES_PER_VAULT: u64 = 500;

/// The open vault a property writes into. Each case reads the whole folder, so one vault
/// that grew for 20,000 cases would make the long run quadratic: every
/// [`CASES_PER_VAULT`] cases it is retired — locked, reopened and verified — for a new one.
pub struct Vaults {
    root: tempfile::TempDir,
    made: Cell<u64>,
    cases: Cell<u64>,
    current: std::cell::RefCell<Option<Vault>>,
}

impl Vaults {
    pub fn new() -> Vaults {
        Vaults { root: crate::tempdir(), made: Cell::new(0), cases: Cell::new(0), current: Default::default() }
    }

    /// A scratch folder beside the vaults, for the files a property writes.
    pub fn scratch(&self) -> std::path::PathBuf {
        let dir = self.root.path().join("scratch");
        fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        dir
    }

    pub fn with<T>(&self, use_it: impl FnOnce(&mut Vault) -> T) -> T {
        let mut current = self.current.borrow_mut();
        if self.cases.get().is_multiple_of(CASES_PER_VAULT) {
            if let Some(old) = current.take() {
                reopen_and_verify(old);
            }
            self.made.set(self.made.get() + 1);
            *current = Some(crate::create(&self.root.path().join(format!("v{}", self.made.get()))));
        }
        self.cases.set(self.cases.get() + 1);
        match current.as_mut() {
            Some(vault) => use_it(vault),
            None => panic!("no vault"),
        }
    }

    /// For the figure line: how many vaults the property wrote into.
    pub fn figure(&self) -> String {
        format!("  vaults={}", self.made.get())
    }

    /// Verifies the vault in use, as each retired one was.
    pub fn finish(self) {
        if let Some(vault) = self.current.into_inner() {
            reopen_and_verify(vault);
        }
    }
}

/// Pieces of text that parsers trip on, spliced into otherwise valid input.
pub const TOKENS: &[&[u8]] = &[
    b"\"",
    b"\\",
    b"\0",
    b"\xEF\xBB\xBF",     // UTF-8 byte-order mark
    b"\xFF\xFE",         // UTF-16 byte-order mark
    b"\xC3",             // a cut-off UTF-8 sequence
    b"\xED\xA0\x80",     // an encoded surrogate (invalid UTF-8)
    b"\xF4\x90\x80\x80", // beyond U+10FFFF
    b"\r\n",
    b"\r",
    b"\n",
    b",",
    b";",
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b"null",
    b"true",
    b"-1",
    b"1e999",
    b"18446744073709551616",
    b"\"\\ud800\"",
    b"\\u0000",
    b"=cmd|' /C calc'!A0",
    b"@SUM(1+1)",
    "🎨".as_bytes(),
    "\u{200B}".as_bytes(),
    "\u{202E}".as_bytes(),
    "\u{FEFF}".as_bytes(),
    b"29/02/2025",
    b"31/02/2015",
    b"00/00/0000",
    b"01/01/99999",
];

/// One change to a valid file.
#[derive(Clone, Debug)]
pub enum Mutation {
    /// XOR one byte with a non-zero mask.
    Flip(Index, u8),
    Insert(Index, Vec<u8>),
    Delete(Index, usize),
    /// Repeats a slice in place.
    Duplicate(Index, usize),
    Token(Index, Index),
    /// Opening brackets, `[[[[…`, `{"a":{"a":…` or quotes, many deep.
    Nest(Index, usize, u8),
    /// A long run of one byte (a huge string or cell).
    Long(Index, usize, u8),
    Truncate(Index),
}

/// Up to `max` mutations; `long` bounds the length of a generated run.
pub fn mutations(max: usize, long: usize) -> impl Strategy<Value = Vec<Mutation>> {
    let one = prop_oneof![
        4 => (any::<Index>(), 1..=255u8).prop_map(|(i, m)| Mutation::Flip(i, m)),
        3 => (any::<Index>(), prop::collection::vec(any::<u8>(), 1..8)).prop_map(|(i, b)| Mutation::Insert(i, b)),
        3 => (any::<Index>(), 1..64usize).prop_map(|(i, n)| Mutation::Delete(i, n)),
        1 => (any::<Index>(), 1..64usize).prop_map(|(i, n)| Mutation::Duplicate(i, n)),
        4 => (any::<Index>(), any::<Index>()).prop_map(|(i, t)| Mutation::Token(i, t)),
        1 => (any::<Index>(), 1..3000usize, prop::sample::select(b"[{\"(".to_vec()))
            .prop_map(|(i, n, b)| Mutation::Nest(i, n, b)),
        1 => (any::<Index>(), 1..=long, prop::sample::select(b"a \"\0\xFF,\n".to_vec()))
            .prop_map(|(i, n, b)| Mutation::Long(i, n, b)),
        1 => any::<Index>().prop_map(Mutation::Truncate),
    ];
    prop::collection::vec(one, 1..=max)
}

/// Applies the mutations in order.
pub fn mutate(seed: &[u8], changes: &[Mutation]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for change in changes {
        let at = |i: &Index, len: usize| i.index(len + 1);
        match change {
            Mutation::Flip(i, mask) if !bytes.is_empty() => {
                let i = i.index(bytes.len());
                bytes[i] ^= mask;
            }
            Mutation::Flip(..) => {}
            Mutation::Insert(i, new) => {
                let i = at(i, bytes.len());
                bytes.splice(i..i, new.iter().copied());
            }
            Mutation::Delete(i, n) => {
                let i = at(i, bytes.len());
                let end = (i + n).min(bytes.len());
                bytes.drain(i..end);
            }
            Mutation::Duplicate(i, n) => {
                let i = at(i, bytes.len());
                let end = (i + n).min(bytes.len());
                let copy = bytes[i..end].to_vec();
                bytes.splice(i..i, copy);
            }
            Mutation::Token(i, t) => {
                let i = at(i, bytes.len());
                bytes.splice(i..i, t.get(TOKENS).iter().copied());
            }
            Mutation::Nest(i, n, open) => {
                let i = at(i, bytes.len());
                let piece: &[u8] = if *open == b'{' { b"{\"a\":" } else { std::slice::from_ref(open) };
                bytes.splice(i..i, piece.repeat(*n));
            }
            Mutation::Long(i, n, b) => {
                let i = at(i, bytes.len());
                bytes.splice(i..i, std::iter::repeat_n(*b, *n));
            }
            Mutation::Truncate(i) => {
                let i = at(i, bytes.len());
                bytes.truncate(i);
            }
        }
    }
    bytes
}

/// Arbitrary bytes: mostly short, now and then long.
pub fn arbitrary_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        8 => prop::collection::vec(any::<u8>(), 0..512),
        1 => prop::collection::vec(any::<u8>(), 512..16_384),
        // Text-like bytes (printable ASCII and separators) get further into a parser.
        3 => prop::collection::vec(prop::sample::select(b" ,;\"'{}[]:/\\\n\r\t0123456789abcxyzAZ-.=@".to_vec()), 0..512),
    ]
}

/// Writes `bytes` to a fresh file in `dir` and returns its path.
pub fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
    path
}
