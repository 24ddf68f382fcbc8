//! Tamper and decay: single-byte flips, truncations and zeroed pages in a closed vault's
//! database and in each key file copy. Every change to the database must be found (an
//! open that fails as damage, or a `verify` that reports it: exit 4), never taken for a
//! wrong password, never a panic, never silently accepted; a change to one key file copy
//! must fall back to the other.
//!
//! Runs in-process: the password is derived once and the data key reused
//! ([`Vault::open_copy_for_tests`]), so thousands of copies cost seconds. The default run
//! flips chosen offsets (salt, page 1's content, IV and HMAC, a middle page, the last page)
//! and a few random ones; `FOLIO_TAMPER_RUNS=10000` makes the long run (random offsets,
//! and a tenth as many flips of each key file copy). Each part prints its figures.

use std::fs;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::time::Instant;

use folio_core::correspondence::{self, Attachment, CorrespondenceForm};
use folio_core::{demo, Clock, ErrorCode, Vault};

use crate::{day, pw, tempdir, PASSWORD, TODAY};

const PAGE: usize = 4096;
/// SQLCipher 4's per-page reserve: a 16-byte IV then a 64-byte HMAC-SHA512, at the end.
const RESERVE: usize = 80;

/// The closed vault's files, and a reader holding its data key.
struct Original {
    db: Vec<u8>,
    primary: Vec<u8>,
    backup: Vec<u8>,
    key_holder: Vault,
    _tmp: tempfile::TempDir,
}

fn original() -> Original {
    let tmp = tempdir();
    let dir = tmp.path().join("original");
    demo::create(&dir, &pw(PASSWORD), 12, 7, Clock::on(day(TODAY))).unwrap_or_else(|e| panic!("{e}"));
    // An attachment of several chunks, so that blob pages are among those flipped.
    let mut vault = crate::unlock(&dir).unwrap_or_else(|e| panic!("{e}"));
    let code = folio_core::clients::list(&vault, &Default::default()).unwrap_or_else(|e| panic!("{e}"))[0].code.clone();
    let mut bytes: &[u8] = &[0x5a; 600 * 1024];
    let letter = CorrespondenceForm {
        on: TODAY.into(),
        kind: "letter".into(),
        direction: "in".into(),
        counterpart: "school".into(),
        counterpart_name: "SENCo".into(),
        summary: "Report from school".into(),
        ..CorrespondenceForm::default()
    };
    correspondence::add(
        &mut vault,
        &code,
        letter,
        vec![Attachment::Stream { file_name: "report.pdf".into(), reader: &mut bytes }],
        None,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    vault.lock().unwrap_or_else(|e| panic!("{e}"));
    let read = |name: &str| fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{e}"));
    let key_holder = Vault::open_read_only(&dir, &pw(PASSWORD)).unwrap_or_else(|e| panic!("{e}"));
    Original { db: read("folio.db"), primary: read("folio.key"), backup: read("folio.key.bak"), key_holder, _tmp: tmp }
}

/// What one damaged copy came to.
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    /// Refused at opening as damage, or opened and `verify` reported it.
    Detected,
    /// Opened, and `verify` found nothing: the change went unnoticed.
    Undetected,
    /// Refused, but not as damage (a wrong password, an internal error…).
    Misreported(String),
    Panicked,
}

fn check_database(original: &Original, copy: &Path, db: &[u8]) -> Verdict {
    write_vault(copy, db, &original.primary, &original.backup);
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        original.key_holder.open_copy_for_tests(copy).and_then(|vault| {
            let report = vault.verify();
            vault.lock()?;
            report
        })
    }));
    match outcome {
        Err(_) => Verdict::Panicked,
        Ok(Err(e)) if e.code() == ErrorCode::VaultDamaged => Verdict::Detected,
        Ok(Err(e)) => Verdict::Misreported(format!("{:?}: {e}", e.code())),
        Ok(Ok(report)) if !report.is_ok() => Verdict::Detected,
        Ok(Ok(_)) => Verdict::Undetected,
    }
}

fn write_vault(dir: &Path, db: &[u8], primary: &[u8], backup: &[u8]) {
    let _ = fs::remove_dir_all(dir);
    fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{e}"));
    for (name, bytes) in [("folio.db", db), ("folio.key", primary), ("folio.key.bak", backup)] {
        fs::write(dir.join(name), bytes).unwrap_or_else(|e| panic!("{e}"));
    }
}

/// A small seeded generator (xorshift64*): the same runs every time, no extra crate.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n as u64) as usize
    }
}

fn long_runs() -> Option<usize> {
    std::env::var("FOLIO_TAMPER_RUNS").ok().and_then(|v| v.parse().ok())
}

#[derive(Default)]
struct Tally {
    total: usize,
    detected: usize,
    undetected: Vec<String>,
    misreported: Vec<String>,
    panics: usize,
}

impl Tally {
    fn add(&mut self, what: String, verdict: Verdict) {
        self.total += 1;
        match verdict {
            Verdict::Detected => self.detected += 1,
            Verdict::Undetected => self.undetected.push(what),
            Verdict::Misreported(how) => self.misreported.push(format!("{what}: {how}")),
            Verdict::Panicked => self.panics += 1,
        }
    }

    /// Prints the figures (`handled` names what the good outcome is) and asserts the goals.
    fn report(&self, part: &str, handled: &str, started: Instant) {
        println!(
            "tamper  {part}  total={}  {handled}={}  undetected={}  misreported={}  panics={}  seconds={:.1}",
            self.total,
            self.detected,
            self.undetected.len(),
            self.misreported.len(),
            self.panics,
            started.elapsed().as_secs_f64()
        );
        assert!(self.undetected.is_empty(), "{part}: changes that went unnoticed: {:?}", self.undetected);
        assert!(self.misreported.is_empty(), "{part}: damage reported as something else: {:?}", self.misreported);
        assert_eq!(self.panics, 0, "{part}: panics");
    }
}

#[test]
fn every_flip_truncation_or_zeroed_page_of_the_database_is_found_as_damage() {
    let original = original();
    let tmp = tempdir();
    let copy = tmp.path().join("copy");
    let len = original.db.len();
    let pages = len / PAGE;
    assert!(pages >= 20, "a lived-in vault: {pages} pages");
    let started = Instant::now();
    let mut flips = Tally::default();
    let offsets: Vec<(String, usize)> = match long_runs() {
        Some(n) => {
            let mut rng = Rng(0x00f0_110f_0110);
            (0..n).map(|_| rng.below(len)).map(|o| (format!("byte {o}"), o)).collect()
        }
        None => {
            let middle = (pages / 2) * PAGE;
            let last = (pages - 1) * PAGE;
            let mut chosen = vec![
                ("the salt".to_string(), 5),
                ("page 1's content".into(), 100),
                ("page 1's IV".into(), PAGE - RESERVE + 3),
                ("page 1's HMAC".into(), PAGE - 10),
                ("page 2's content".into(), PAGE + 500),
                ("a middle page's content".into(), middle + 1234),
                ("a middle page's IV".into(), middle + PAGE - RESERVE),
                ("a middle page's HMAC".into(), middle + PAGE - 1),
                ("the last page's content".into(), last + 17),
                ("the last byte".into(), len - 1),
            ];
            let mut rng = Rng(2026);
            chosen.extend((0..30).map(|_| rng.below(len)).map(|o| (format!("byte {o}"), o)));
            chosen
        }
    };
    for (what, offset) in offsets {
        let mut db = original.db.clone();
        db[offset] ^= 1 << (offset % 8);
        flips.add(what, check_database(&original, &copy, &db));
    }
    flips.report("database-flips", "detected", started);

    let started = Instant::now();
    let mut cuts = Tally::default();
    let mut cut = |what: &str, db: Vec<u8>| cuts.add(what.into(), check_database(&original, &copy, &db));
    cut("truncated to nothing after page 1", original.db[..PAGE].to_vec());
    cut("truncated to half", original.db[..(pages / 2) * PAGE].to_vec());
    cut("the last page cut off", original.db[..len - PAGE].to_vec());
    cut("cut mid-page", original.db[..len - 100].to_vec());
    for page in [0, 1, pages / 2, pages - 1] {
        let mut db = original.db.clone();
        db[page * PAGE..(page + 1) * PAGE].fill(0);
        cut(&format!("page {} zeroed", page + 1), db);
    }
    cuts.report("database-truncations-and-zeroed-pages", "detected", started);
}

#[test]
fn a_flip_in_one_key_file_copy_falls_back_to_the_other() {
    let original = original();
    let tmp = tempdir();
    let copy = tmp.path().join("copy");
    let sound = folio_core::vault::status(&tmp_vault(&tmp, &original)).unwrap_or_else(|e| panic!("{e}"));
    for (name, bytes) in [("first", &original.primary), ("second", &original.backup)] {
        let started = Instant::now();
        let mut tally = Tally::default();
        let offsets: Vec<usize> = match long_runs() {
            Some(n) => {
                let mut rng = Rng(0x6b65_7966 + bytes.len() as u64);
                (0..(n / 10).max(1)).map(|_| rng.below(bytes.len())).collect()
            }
            None => {
                let mut chosen =
                    vec![0, 1, bytes.len() / 4, bytes.len() / 2, bytes.len() * 3 / 4, bytes.len() - 2, bytes.len() - 1];
                let mut rng = Rng(7);
                chosen.extend((0..20).map(|_| rng.below(bytes.len())));
                chosen
            }
        };
        for offset in offsets {
            let mut flipped = bytes.clone();
            flipped[offset] ^= 1 << (offset % 8);
            let (primary, backup) =
                if name == "first" { (&flipped, &original.backup) } else { (&original.primary, &flipped) };
            write_vault(&copy, &original.db, primary, backup);
            let outcome = catch_unwind(AssertUnwindSafe(|| folio_core::vault::status(&copy)));
            let verdict = match outcome {
                Err(_) => Verdict::Panicked,
                Ok(Err(e)) => Verdict::Misreported(format!("{:?}: {e}", e.code())),
                // The other copy is used: the same slots as the sound vault, and the vault
                // opens with the data key (the password's own check is below, once).
                Ok(Ok(status)) if status.slots == sound.slots => {
                    match original.key_holder.open_copy_for_tests(&copy).and_then(Vault::lock) {
                        Ok(()) => Verdict::Detected,
                        Err(e) => Verdict::Misreported(format!("{:?}: {e}", e.code())),
                    }
                }
                Ok(Ok(_)) => Verdict::Undetected,
            };
            tally.add(format!("{name} copy, byte {offset}"), verdict);
        }
        tally.report(&format!("key-file-{name}-copy-flips"), "opened-with-the-other-copy", started);
    }
    // Once with the real password: a flipped first copy is neither a wrong password nor
    // damage; the vault opens with the second, and says so.
    let mut flipped = original.primary.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x04;
    write_vault(&copy, &original.db, &flipped, &original.backup);
    let reader = Vault::open_read_only(&copy, &pw(PASSWORD)).unwrap_or_else(|e| panic!("{e}"));
    assert!(reader.repaired_on_opening().unwrap_or_default().contains("first copy of the key file is damaged"));
}

/// The original's files in a folder of their own, for `status`.
fn tmp_vault(tmp: &tempfile::TempDir, original: &Original) -> std::path::PathBuf {
    let dir = tmp.path().join("sound");
    write_vault(&dir, &original.db, &original.primary, &original.backup);
    dir
}
