//! The clinical will killed mid-write (on the shared `harness.rs`): setting it up or
//! re-issuing its shares (`handover setup|reissue`: a new key slot written into the key file,
//! then its set recorded) and taking the vault over with two shares (`handover open --mode
//! takeover`: the successor's password slot written, the old one and the handover slot
//! removed, then the takeover recorded), each killed with SIGKILL after a random delay.
//!
//! After every kill, and a writing unlock (which mends the key file's copies and records a
//! takeover found unrecorded):
//! `verify` passes and the password opens the vault; a clinical will shown as in force is
//! one whose shares open the vault, and the set before it never does; no will in force is
//! either a takeover recorded for the last set, or said plainly to have stopped mid-way
//! (never a vault whose handover silently stopped working); an acknowledged setup or
//! re-issue is the will in force, an acknowledged takeover is recorded and its shares no
//! longer open the vault.
//!
//! A third of the kills come just after the key file write begins: the few milliseconds
//! between it and the record committing are where a stop leaves the two disagreeing.
//!
//! `FOLIO_HANDOVER_CRASH_RUNS` (default 6) sets the count; the long run uses 300.

use std::cell::RefCell;
use std::path::Path;

use super::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Op {
    /// Set up, or re-issue when a will is in force.
    Issue,
    Takeover,
}

struct Handover {
    tmp: tempfile::TempDir,
    dir: PathBuf,
    /// The set each run's shares belong to (read from its share-1.txt once written).
    sets: RefCell<BTreeMap<u32, PathBuf>>,
    /// The set each takeover run aimed at.
    aims: RefCell<BTreeMap<usize, u32>>,
}

/// The set number a share file says it belongs to.
fn set_of(share: &Path) -> Option<u32> {
    let text = std::fs::read_to_string(share).ok()?;
    text.lines().find_map(|l| l.strip_prefix("Set:")).and_then(|n| n.trim().parse().ok())
}

impl Handover {
    fn new() -> Handover {
        let tmp = tempdir();
        let dir = tmp.path().join("vault");
        init(&dir);
        Handover { dir, tmp, sets: RefCell::default(), aims: RefCell::default() }
    }

    fn run(&self, args: &[&str]) -> Output {
        folio(&self.dir, &[&["--password-stdin"], args].concat(), &format!("{PASSWORD}\n"))
    }

    fn folder(&self, run: usize) -> PathBuf {
        self.tmp.path().join(format!("shares-{run}"))
    }

    /// The will in force (its set), if any.
    fn current(&self) -> Option<u32> {
        let o = self.run(&["--json", "handover", "status"]);
        assert_eq!(code(&o), 0, "handover status: {}", text(&o.stderr));
        json(&o)["set"].as_u64().map(|s| s as u32)
    }

    /// Whether shares 1 and 3 of `set` open the vault for the contact sheet (exit 0), or are
    /// refused as wrong shares (exit 3); anything else is a failure of its own.
    fn opens(&self, set: u32) -> Option<bool> {
        let folder = self.sets.borrow().get(&set).cloned()?;
        let o = folio(
            &self.dir,
            &[
                "handover",
                "open",
                "--share-file",
                &folder.join("share-1.txt").to_string_lossy(),
                "--share-file",
                &folder.join("share-3.txt").to_string_lossy(),
                "--mode",
                "contact",
            ],
            "",
        );
        match code(&o) {
            0 => Some(true),
            3 => Some(false),
            _ => panic!("opening with the shares of set {set} failed: {}", text(&o.stderr)),
        }
    }

    /// From the audit log: the sets recorded as made (set up or re-issued), and those
    /// recorded as taken over (on time, or found at the next unlock).
    fn recorded(&self) -> (BTreeSet<u32>, BTreeSet<u32>) {
        let entries = self.run(&["--json", "audit", "--limit", "100000"]);
        let entries = json(&entries).as_array().cloned().unwrap_or_default();
        let (mut made, mut taken) = (BTreeSet::new(), BTreeSet::new());
        for e in &entries {
            let id = e["record_id"].as_str().unwrap_or_default();
            match e["action"].as_str() {
                Some("handover.set_up" | "handover.reissued") => made.extend(id.parse::<u32>().ok()),
                Some("handover.taken_over") => taken.extend(
                    id.strip_prefix("set ").and_then(|r| r.split(':').next()).and_then(|n| n.parse::<u32>().ok()),
                ),
                Some("handover.takeover_found") => taken.extend(id.parse::<u32>().ok()),
                _ => {}
            }
        }
        (made, taken)
    }
}

impl harness::Writer for Handover {
    type Op = Op;

    fn dir(&self) -> &Path {
        &self.dir
    }

    fn at_key_file_write(&self) -> bool {
        true
    }

    fn ops(&self) -> Vec<Op> {
        vec![Op::Issue, Op::Takeover, Op::Issue]
    }

    /// A takeover with no will in force (or its shares unknown) sets one up instead.
    fn command(&self, op: Op, run: usize) -> (Op, Vec<String>) {
        let current = self.current();
        let takeover = current.filter(|set| op == Op::Takeover && self.sets.borrow().contains_key(set));
        if let Some(set) = takeover {
            self.aims.borrow_mut().insert(run, set);
            let folder = self.sets.borrow()[&set].clone();
            let share = |n: usize| folder.join(format!("share-{n}.txt")).to_string_lossy().into_owned();
            let args = ["handover", "open", "--share-file", &share(1), "--share-file", &share(3)]
                .into_iter()
                .chain(["--mode", "takeover", "--new-password-stdin"])
                .map(String::from)
                .collect();
            return (Op::Takeover, args);
        }
        let out = self.folder(run).to_string_lossy().into_owned();
        let args: Vec<&str> = match current {
            Some(_) => vec!["handover", "reissue", "--out", &out],
            None => vec![
                "handover",
                "setup",
                "--threshold",
                "2",
                "--holder",
                "Priya Shah",
                "--holder",
                "Tomasz Nowak",
                "--holder",
                "Ruth Okafor",
                "--successor",
                "Joan Whitlock",
                "--out",
                &out,
            ],
        };
        (Op::Issue, args.into_iter().map(String::from).collect())
    }

    fn check(&self, run: usize, op: Op, acked: &[(Op, usize)], tally: &mut harness::Tally) -> bool {
        // The harness unlocked to write first (at_key_file_write): a takeover stopped before
        // it was recorded is recorded by now.
        if let Some(set) = set_of(&self.folder(run).join("share-1.txt")) {
            self.sets.borrow_mut().insert(set, self.folder(run));
        }
        let current = self.current();
        let status = self.run(&["handover", "status"]);
        let interrupted = text(&status.stdout).contains("stopped before it finished");
        let (made, taken) = self.recorded();
        match current {
            Some(set) => {
                if self.opens(set) != Some(true) {
                    tally.half(run, format!("the will in force (set {set}) does not open the vault with its shares"));
                }
                if self.sets.borrow().contains_key(&(set - 1)) && self.opens(set - 1) == Some(true) {
                    tally.half(run, format!("the shares of set {} still open the vault beside set {set}", set - 1));
                }
            }
            // No will in force: the last set made was taken over, or the screen says the
            // last setup stopped mid-way; never a will that quietly stopped working.
            None => {
                let last = made.iter().max();
                if last.is_some_and(|s| !taken.contains(s)) && !interrupted {
                    tally.half(run, format!("no will in force, set {last:?} not taken over, and nothing said"));
                }
            }
        }
        let aim = self.aims.borrow().get(&run).copied();
        if let (Op::Takeover, Some(set)) = (op, aim) {
            if taken.contains(&set) && self.opens(set) == Some(true) {
                tally.half(run, format!("set {set} is recorded taken over, yet its shares still open the vault"));
            }
        }
        let there = match op {
            Op::Issue => set_of(&self.folder(run).join("share-1.txt")).is_some_and(|s| current == Some(s)),
            Op::Takeover => aim.is_some_and(|s| taken.contains(&s) && current.is_none()),
        };
        // Each write replaces the one before, so only the one just made, if acknowledged,
        // must be the one in force.
        if !there && acked.last() == Some(&(op, run)) {
            tally.lost(run, format!("the acknowledged {op:?} of run {run} is not in force"));
        }
        there
    }
}

#[test]
fn handover_writes_killed_at_random_moments_never_leave_a_will_that_silently_does_not_open() {
    let runs = env_count("FOLIO_HANDOVER_CRASH_RUNS", 6);
    harness::drive("handover", &Handover::new(), runs, 0x6861_6e64);
}
