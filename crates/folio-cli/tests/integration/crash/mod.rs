//! Crash consistency (issue 8): writers killed with SIGKILL at random moments.
//!
//! Each run starts one real `folio` command that writes — a referral from a file, a
//! session, a letter with two attachments streamed in (megabytes, so a kill can land
//! mid-stream), a spreadsheet import of hundreds of rows — and kills it after a random
//! delay spread over that command's measured duration. Most of a command's time is the
//! password work (Argon2), so half the delays are drawn from after it, where the writing
//! is. After every kill: `verify` passes, every write that printed success is present, and
//! every write that did not is wholly present or wholly absent (an entry only with both
//! attachments, byte for byte; an import with all its rows or none).
//!
//! The password change is killed the same way, half the time at a random moment and half
//! the moment its key file write begins; afterwards exactly one of the two passwords opens.
//!
//! Notes are added, signed and amended the same way (`notes.rs`): signing is all or nothing.
//! So are consents (with a told file of a few MB), withdrawals, disclosures (with two
//! attachments) and safeguarding log entries (`ledger.rs`); complaints, their closing,
//! rights requests and their closing, incidents with their clients and reports to the ICO
//! (`registers.rs`); artwork recorded,
//! moved, returned and disposed of (`artwork.rs`); destruction confirmed and run
//! (`destroy.rs`): a client all there or all gone with its record; backups (`backups.rs`):
//! whole and listed, or only a hidden partial folder. The later parts share
//! `harness.rs`.
//!
//! `FOLIO_CRASH_RUNS` (default 12) and `FOLIO_PASSWD_CRASH_RUNS` (default 6) set the
//! counts; the long run is 1,000 and 200 (`--release`). `FOLIO_CRASH_SEED` chooses
//! another sequence of delays. Nothing is asserted about time; the figures print it.

use std::collections::{BTreeMap, BTreeSet};
use std::os::unix::process::ExitStatusExt;
use std::path::PathBuf;
use std::process::{Child, Output};
use std::time::{Duration, Instant};

use super::*;

mod artwork;
mod backups;
mod destroy;
mod handover;
mod harness;
mod ledger;
mod notes;
mod passwd;
mod registers;

/// Rows in each imported spreadsheet: enough that an import takes a while to be killed in.
const IMPORT_ROWS: usize = 600;
/// A fresh vault every this many runs, so that the long run's vault stays a practice's size.
const RUNS_PER_VAULT: usize = 100;
/// A delay no write takes: the command runs to the end.
const TO_THE_END: Duration = Duration::from_secs(600);

fn seed() -> u64 {
    std::env::var("FOLIO_CRASH_SEED").ok().and_then(|s| s.trim().parse().ok()).unwrap_or(20_261_130)
}

/// Lets `child` run for `delay`, then kills it with SIGKILL unless it has already finished,
/// and reaps it. Success (exit 0, its confirmation printed) means the write was acknowledged.
fn kill_after(mut child: Child, delay: Duration) -> Output {
    let deadline = Instant::now() + delay;
    loop {
        let now = Instant::now();
        if now >= deadline || child.try_wait().ok().flatten().is_some() {
            break;
        }
        std::thread::sleep((deadline - now).min(Duration::from_millis(1)));
    }
    // Killing a child that has already exited does nothing; its exit status tells.
    let _ = child.kill();
    child.wait_with_output().unwrap_or_else(|e| panic!("wait: {e}"))
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

fn killed(o: &Output) -> bool {
    o.status.signal() == Some(libc::SIGKILL)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Referral,
    Session,
    Letter,
    Import,
}

const KINDS: [Kind; 4] = [Kind::Referral, Kind::Session, Kind::Letter, Kind::Import];

/// One write that was started, and whether it printed success before it was killed.
struct Attempt {
    run: usize,
    kind: Kind,
    acked: bool,
}

fn referral_marker(run: usize) -> String {
    format!("Crash referral {run}")
}

fn import_marker(run: usize) -> String {
    format!("Crash import {run}")
}

fn letter_marker(run: usize) -> String {
    format!("Crash letter {run}")
}

/// A different past date for each run's session (all after the session client's referral).
fn session_date(run: usize) -> String {
    format!("{:02}/{:02}/{}", 1 + run % 28, 1 + (run / 28) % 12, 2020 + run / 336)
}

/// The two attachments of a run's letter: a scan of a few MB and a photo, each with bytes
/// of its own.
fn letter_files(run: usize) -> [(String, usize, u64); 2] {
    [
        (format!("scan-{run}.pdf"), 3 * 1024 * 1024 + run % 4096, run as u64 * 2 + 1),
        (format!("photo-{run}.jpg"), 700 * 1024 + run % 977, run as u64 * 2 + 2),
    ]
}

/// What the figures count. Lost and half-written are sets of runs, so a write found
/// wrong again at a later check is counted once.
#[derive(Default)]
struct Tally {
    /// Writes run to the end to time them (acknowledged, and checked like the rest).
    timed: usize,
    runs: usize,
    acknowledged: usize,
    killed: usize,
    /// Killed after its commit but before it printed success: present, not acknowledged.
    landed: usize,
    lost: BTreeSet<usize>,
    half_written: BTreeSet<usize>,
    verify_failures: usize,
    errors: usize,
    /// Per kind (in [`KINDS`] order): acknowledged, killed, landed unacknowledged.
    by_kind: [[usize; 3]; 4],
}

impl Tally {
    fn by_kind(&self) -> String {
        KINDS
            .iter()
            .zip(&self.by_kind)
            .map(|(kind, [acked, killed, landed])| {
                format!("{}={acked}/{killed}/{landed}", format!("{kind:?}").to_lowercase())
            })
            .collect::<Vec<_>>()
            .join("  ")
    }
}

fn index_of(kind: Kind) -> usize {
    KINDS.iter().position(|k| *k == kind).unwrap_or(0)
}

/// One vault under test and every write attempted on it.
struct Practice {
    tmp: tempfile::TempDir,
    dir: PathBuf,
    session_client: String,
    letter_client: String,
    attempts: Vec<Attempt>,
    /// Runs whose letter attachments have been exported and compared byte for byte.
    compared: BTreeSet<usize>,
}

impl Practice {
    fn new() -> Practice {
        let tmp = tempdir();
        let dir = tmp.path().join("vault");
        init(&dir);
        let mut practice = Practice {
            tmp,
            dir,
            session_client: String::new(),
            letter_client: String::new(),
            attempts: Vec::new(),
            compared: BTreeSet::new(),
        };
        practice.session_client = practice.add_client("Sol", "Sessions", "Crash sessions");
        practice.letter_client = practice.add_client("Cora", "Letters", "Crash letters");
        practice
    }

    fn add_client(&self, given: &str, family: &str, setting: &str) -> String {
        let args = [
            "--json",
            "client",
            "add",
            "--given",
            given,
            "--family",
            family,
            "--dob",
            "01/02/2012",
            "--referral-date",
            "01/01/2020",
            "--setting",
            setting,
        ];
        let o = self.run(&args);
        assert_eq!(code(&o), 0, "{}", text(&o.stderr));
        json(&o)["code"].as_str().unwrap_or_default().to_string()
    }

    fn run(&self, args: &[&str]) -> Output {
        folio(&self.dir, &[&["--password-stdin"], args].concat(), &format!("{PASSWORD}\n"))
    }

    fn scratch(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    fn write_scratch(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.scratch(name);
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {name}: {e}"));
        path.to_string_lossy().into_owned()
    }

    /// The command that makes `kind`'s write for `run`, with its input files written.
    fn command(&self, kind: Kind, run: usize) -> Vec<String> {
        let mut args: Vec<String> = vec!["--password-stdin".into()];
        match kind {
            Kind::Referral => {
                let form = serde_json::json!({
                    "givenName": "Jessamine", "familyName": "Quartermaine", "preferredName": "Jess",
                    "dateOfBirth": "14/03/2015", "address": "1 Orchard Row, Bedford", "postcode": "MK40 1AA",
                    "phone": "01632 960 123", "email": "parent@example.com",
                    "parentalResponsibility": [{"name": "Morwenna Quartermaine", "relationship": "mother",
                        "phone": "07700 900123", "email": "", "address": ""}],
                    "settingName": referral_marker(run), "referralDate": "02/11/2025", "referrer": "school",
                    "difficulty": "Finds transitions hard. ".repeat(200), "allergies": "Peanuts",
                    "safeguardingConcern": true, "safeguardingInvolvement": "Social worker allocated",
                    "modality": "art", "funding": "school"
                });
                let file = self.write_scratch(&format!("referral-{run}.json"), form.to_string().as_bytes());
                args.extend(["referral".into(), "add".into(), file]);
            }
            Kind::Session => {
                args.extend(["session", "add", &self.session_client, "--on"].map(String::from));
                args.extend([session_date(run), "--outcome".into(), "attended".into()]);
            }
            Kind::Letter => {
                args.extend(["correspondence", "add", &self.letter_client].map(String::from));
                args.extend(
                    ["--kind", "letter", "--direction", "in", "--with", "school", "--summary"].map(String::from),
                );
                args.push(letter_marker(run));
                for (name, len, seed) in letter_files(run) {
                    let file = self.write_scratch(&name, &Rng::bytes(seed, len));
                    args.extend(["--attach".into(), file]);
                }
            }
            Kind::Import => {
                let mut sheet = String::from("First name,Surname,DOB,Referral date,School,Difficulty\n");
                for row in 0..IMPORT_ROWS {
                    sheet.push_str(&format!(
                        "Ada,Lovelace,10/12/2015,01/09/2025,{},Row {row} of a practice's waiting list\n",
                        import_marker(run)
                    ));
                }
                let file = self.write_scratch(&format!("sheet-{run}.csv"), sheet.as_bytes());
                args.extend(["import-csv".into(), file, "--commit".into()]);
            }
        }
        args
    }

    /// Starts `kind`'s write for `run`, kills it after `delay` (a long delay lets it finish)
    /// and records whether it was acknowledged.
    fn attempt(&mut self, kind: Kind, run: usize, delay: Duration, tally: &mut Tally) {
        let args = self.command(kind, run);
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = kill_after(spawn(&self.dir, &refs, &format!("{PASSWORD}\n")), delay);
        let acked = code(&o) == 0;
        if delay >= TO_THE_END {
            assert!(acked, "{kind:?} failed: {}", text(&o.stderr));
            tally.timed += 1;
        } else if acked {
            tally.acknowledged += 1;
            tally.by_kind[index_of(kind)][0] += 1;
        } else if killed(&o) {
            tally.killed += 1;
            tally.by_kind[index_of(kind)][1] += 1;
        } else {
            tally.errors += 1;
            eprintln!("run {run} ({kind:?}) failed without being killed: {}", text(&o.stderr));
        }
        self.attempts.push(Attempt { run, kind, acked });
        // Scratch inputs are not needed once written (the letters' bytes are regenerated).
        for entry in std::fs::read_dir(self.tmp.path()).into_iter().flatten().flatten() {
            if entry.path() != self.dir {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    /// Everything checked after a kill: verify, then every write attempted so far.
    fn check(&mut self, tally: &mut Tally) {
        let verify = self.run(&["verify"]);
        if code(&verify) != 0 {
            tally.verify_failures += 1;
            eprintln!("verify failed: {}{}", text(&verify.stdout), text(&verify.stderr));
        }
        let clients = self.counts(&["--json", "client", "list"], |c| c["settingName"].as_str().map(String::from));
        let sessions = self.counts(&["--json", "session", "list", &self.session_client.clone()], |s| {
            s["on"].as_str().map(String::from)
        });
        let letters = self.run(&["--json", "correspondence", "list", &self.letter_client.clone()]);
        let letters = json(&letters).as_array().cloned().unwrap_or_default();
        let latest = self.attempts.last().map(|a| a.run);
        let mut landed = false;
        let attempts: Vec<(usize, Kind, bool)> = self.attempts.iter().map(|a| (a.run, a.kind, a.acked)).collect();
        for (run, kind, acked) in attempts {
            let (found, whole) = match kind {
                Kind::Referral => {
                    let n = clients.get(&referral_marker(run)).copied().unwrap_or(0);
                    (n, n <= 1)
                }
                Kind::Import => {
                    let n = clients.get(&import_marker(run)).copied().unwrap_or(0);
                    (n, n == 0 || n == IMPORT_ROWS)
                }
                Kind::Session => {
                    let n = sessions.get(&session_date(run)).copied().unwrap_or(0);
                    (n, n <= 1)
                }
                Kind::Letter => {
                    let entries: Vec<&serde_json::Value> =
                        letters.iter().filter(|e| e["summary"].as_str() == Some(letter_marker(run).as_str())).collect();
                    let whole = entries.len() <= 1 && entries.iter().all(|e| self.letter_is_whole(run, e));
                    (entries.len(), whole)
                }
            };
            if acked && found == 0 {
                tally.lost.insert(run);
            }
            if !whole {
                tally.half_written.insert(run);
                eprintln!("run {run} ({kind:?}) is half-written: {found} found");
            }
            if Some(run) == latest && !acked && found > 0 {
                landed = true;
                tally.by_kind[index_of(kind)][2] += 1;
            }
        }
        tally.landed += usize::from(landed);
    }

    /// Runs a `--json` list and counts its entries by `key`.
    fn counts(&self, args: &[&str], key: impl Fn(&serde_json::Value) -> Option<String>) -> BTreeMap<String, usize> {
        let o = self.run(args);
        assert_eq!(code(&o), 0, "{args:?}: {}", text(&o.stderr));
        let mut counts = BTreeMap::new();
        for item in json(&o).as_array().into_iter().flatten() {
            if let Some(k) = key(item) {
                *counts.entry(k).or_insert(0) += 1;
            }
        }
        counts
    }

    /// A letter is whole when both attachments are listed with their names, sizes and
    /// checksums as attached and, the first time it is seen, the scan (the larger, streamed
    /// first, so the one a kill most often cuts) exports byte for byte as it was attached.
    fn letter_is_whole(&mut self, run: usize, entry: &serde_json::Value) -> bool {
        let listed = entry["attachments"].as_array().cloned().unwrap_or_default();
        let files = letter_files(run);
        let described = listed.len() == files.len()
            && listed.iter().zip(&files).all(|(a, (name, len, seed))| {
                a["fileName"].as_str() == Some(name.as_str())
                    && a["size"].as_u64() == Some(*len as u64)
                    && a["sha256"].as_str() == Some(sha256_hex(&Rng::bytes(*seed, *len)).as_str())
            });
        if !described {
            return false;
        }
        if !self.compared.insert(run) {
            return true;
        }
        let (_, len, seed) = &files[0];
        let out = self.scratch("exported.pdf");
        let id = listed[0]["id"].as_i64().unwrap_or(-1).to_string();
        let o = self.run(&["correspondence", "export", &id, "--out", &out.to_string_lossy()]);
        let same = code(&o) == 0 && std::fs::read(&out).is_ok_and(|b| b == Rng::bytes(*seed, *len));
        let _ = std::fs::remove_file(&out);
        same
    }

    /// Runs each kind of write once to the end, timed: how long a kill can take to land.
    /// These writes are acknowledged attempts like any other.
    fn calibrate(&mut self, next_run: &mut usize, tally: &mut Tally) -> [Duration; 4] {
        KINDS.map(|kind| {
            let started = Instant::now();
            self.attempt(kind, *next_run, TO_THE_END, tally);
            *next_run += 1;
            started.elapsed()
        })
    }
}

#[test]
fn writers_killed_at_random_moments_lose_no_acknowledged_write_and_leave_nothing_half_written() {
    let runs = env_count("FOLIO_CRASH_RUNS", 12);
    let seed = seed();
    let mut rng = Rng::new(seed);
    let started = Instant::now();
    let mut tally = Tally::default();
    let mut next_run = 0;
    let mut practice = Practice::new();
    let unlock = {
        let t = Instant::now();
        assert_eq!(code(&practice.run(&["settings"])), 0);
        t.elapsed()
    };
    let mut typical = practice.calibrate(&mut next_run, &mut tally);
    println!(
        "crash  typical  unlock={}ms  referral={}ms  session={}ms  letter={}ms  import={}ms",
        unlock.as_millis(),
        typical[0].as_millis(),
        typical[1].as_millis(),
        typical[2].as_millis(),
        typical[3].as_millis()
    );
    for i in 0..runs {
        if i > 0 && i % RUNS_PER_VAULT == 0 {
            practice = Practice::new();
            typical = practice.calibrate(&mut next_run, &mut tally);
        }
        let which = i % KINDS.len();
        let end = typical[which].mul_f64(1.1);
        // Half anywhere in the command's life, half after the password work, where the write is.
        let delay = if rng.below(2) == 0 {
            rng.between(Duration::ZERO, end)
        } else {
            rng.between(unlock.mul_f64(0.9).min(end), end)
        };
        practice.attempt(KINDS[which], next_run, delay, &mut tally);
        tally.runs += 1;
        next_run += 1;
        practice.check(&mut tally);
        if runs > RUNS_PER_VAULT && (i + 1) % RUNS_PER_VAULT == 0 {
            println!(
                "crash  progress  runs={}  lost={}  verify-failures={}  half-written={}  time={:.0}s",
                i + 1,
                tally.lost.len(),
                tally.verify_failures,
                tally.half_written.len(),
                started.elapsed().as_secs_f64()
            );
        }
    }
    println!(
        "crash  runs={}  timed-to-the-end={}  acknowledged={}  killed={}  landed-unacknowledged={}  lost={}  verify-failures={}  half-written={}  errors={}  seed={seed}  time={:.1}s",
        tally.runs,
        tally.timed,
        tally.acknowledged,
        tally.killed,
        tally.landed,
        tally.lost.len(),
        tally.verify_failures,
        tally.half_written.len(),
        tally.errors,
        started.elapsed().as_secs_f64()
    );
    println!("crash  by-kind (acknowledged/killed/landed-unacknowledged)  {}", tally.by_kind());
    assert!(tally.lost.is_empty(), "acknowledged writes lost in runs {:?}", tally.lost);
    assert_eq!(tally.verify_failures, 0, "verify failed after a kill");
    assert!(tally.half_written.is_empty(), "half-written in runs {:?}", tally.half_written);
    assert_eq!(tally.errors, 0, "a write failed without being killed");
}

/// The app streams a chosen file into a pending upload piece by piece, each piece its own
/// transaction; a window closed (or killed) mid-upload leaves those pieces behind, claimed by
/// no record. The CLI cannot make one, so the test leaves one through folio-core itself (the
/// state on disk is the same as after a kill between pieces), then checks that no command
/// shows it, that it cannot be exported, and that the vault verifies.
#[test]
fn a_pending_upload_left_by_a_dead_window_is_never_visible() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    let pw = format!("{PASSWORD}\n");
    let run = |args: &[&str]| folio(&vault, &[&["--password-stdin"], args].concat(), &pw);
    assert_eq!(code(&run(&["client", "add", "--given", "Ada", "--family", "Lovelace", "--dob", "10/12/2015"])), 0);
    let upload = {
        let password = folio_core::Password::new(PASSWORD.as_bytes().to_vec());
        let mut open = folio_core::Vault::unlock(&vault, &password).unwrap_or_else(|e| panic!("{e}"));
        let piece = Rng::bytes(7, folio_core::blobs::CHUNK_SIZE);
        let id = folio_core::blobs::begin_upload(&mut open, "half-sent.pdf").unwrap_or_else(|e| panic!("{e}"));
        for _ in 0..3 {
            folio_core::blobs::append_upload(&mut open, id, &piece).unwrap_or_else(|e| panic!("{e}"));
        }
        open.lock().unwrap_or_else(|e| panic!("{e}"));
        id
    };
    let log = run(&["--json", "correspondence", "list", "AL-0001"]);
    assert_eq!(json(&log), serde_json::json!([]), "{}", text(&log.stderr));
    let out = tmp.path().join("leaked.pdf");
    let export = run(&["correspondence", "export", &upload.to_string(), "--out", &out.to_string_lossy()]);
    assert_eq!(code(&export), 1, "a pending upload is never exported: {}", text(&export.stdout));
    assert!(text(&export.stderr).contains(&format!("There is no attachment {upload}")), "{}", text(&export.stderr));
    assert!(!out.exists());
    assert_eq!(code(&run(&["verify"])), 0);
}
