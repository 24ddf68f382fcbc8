//! Destruction killed mid-way (on the shared `harness.rs`): `destroy --due --confirm`, and a
//! command that writes (`settings --auto-lock`) whose unlock runs a confirmed destruction
//! (no grace period), each killed with SIGKILL after a random delay. Each client made due
//! was born in 1980 and ended therapy in 2010 (Bedfordshire's policy: everything due), with
//! a letter and its 2 MB attachment, a piece of artwork and a note. After every kill:
//! `verify` passes (the audit chain among its checks); every client made due is wholly there
//! (listed, three retention entries, its piece, its letter with the attachment's size and
//! checksum, its note found by search) and named by no destruction record, or wholly gone
//! (none of that) with exactly one record of what went; every confirmed destruction is
//! pending (its clients all there) or done (its clients all gone), never anything else and
//! no client in two; a client in therapy is never touched; an acknowledged confirmation is
//! there and an acknowledged run has run.
//!
//! Only reading commands check (they open read-only and never run a destruction); the
//! clients are made through folio-core in one unlock, which, like any writer, runs what is
//! pending first.
//!
//! `FOLIO_DESTROY_CRASH_RUNS` (default 6) sets the count; the long run uses 300.

use std::cell::RefCell;

use folio_core::correspondence::{self, Attachment, CorrespondenceForm};
use folio_core::notes::{self, rules::Section, NewNote};
use folio_core::{artwork, clients, referrals::ReferralForm};

use super::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Op {
    Confirm,
    Run,
}

const ATTACHMENT_BYTES: usize = 2 * 1024 * 1024;
/// The client in therapy throughout, never due.
const CONTROL: &str = "BN-0001";

struct Destruction {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    /// Each client made due, by code, with its attachment's seed.
    made: RefCell<BTreeMap<String, u64>>,
    /// What each run aimed at: the codes a confirmation took, the batch a run ran.
    aims: RefCell<BTreeMap<usize, Aim>>,
    /// Per operation (confirm, run), after the two timed to the end: acknowledged, killed,
    /// killed yet there (after its commit).
    by_op: RefCell<[[usize; 3]; 2]>,
}

#[derive(Clone, Debug)]
enum Aim {
    Confirmed(Vec<String>),
    Ran(i64),
}

/// What the reading commands show.
struct Seen {
    listed: BTreeSet<String>,
    /// Destruction records per code, with their categories and counts.
    records: BTreeMap<String, Vec<Vec<(String, u64)>>>,
    /// Batches: id, state, codes.
    batches: Vec<(i64, String, Vec<String>)>,
    entries: BTreeMap<String, usize>,
    pieces: BTreeMap<String, usize>,
    notes_found: usize,
}

impl Destruction {
    fn new() -> Destruction {
        let tmp = tempdir();
        let dir = tmp.path().join("vault");
        init(&dir);
        let d = Destruction {
            dir,
            _tmp: tmp,
            made: RefCell::default(),
            aims: RefCell::default(),
            by_op: RefCell::default(),
        };
        for args in [
            vec!["retention", "policy", "set", "bedfordshire"],
            vec!["destroy", "grace", "0"],
            vec!["client", "add", "--given", "Bea", "--family", "Newell", "--dob", "10/12/2015"],
        ] {
            let o = d.run(&args);
            assert_eq!(code(&o), 0, "{args:?}: {}", text(&o.stderr));
        }
        d
    }

    fn run(&self, args: &[&str]) -> Output {
        folio(&self.dir, &[&["--password-stdin"], args].concat(), &format!("{PASSWORD}\n"))
    }

    fn json_of(&self, args: &[&str]) -> serde_json::Value {
        let o = self.run(&[&["--json"], args].concat());
        assert_eq!(code(&o), 0, "{args:?}: {}", text(&o.stderr));
        json(&o)
    }

    fn list(&self, args: &[&str]) -> Vec<serde_json::Value> {
        self.json_of(args).as_array().cloned().unwrap_or_default()
    }

    /// A client with everything due, made in one unlock through folio-core (which first runs
    /// any destruction pending, as every writer does).
    fn make_due(&self, run: usize) -> String {
        let made = || -> folio_core::Result<String> {
            let password = folio_core::Password::new(PASSWORD.as_bytes().to_vec());
            let mut vault = folio_core::Vault::unlock(&self.dir, &password)?;
            let form = ReferralForm {
                given_name: "Ada".into(),
                family_name: "Oldacre".into(),
                date_of_birth: "01/01/1980".into(),
                referral_date: "01/09/2008".into(),
                ..ReferralForm::default()
            };
            let code = clients::add_referral(&mut vault, form)?.code;
            clients::change_state(&mut vault, &code, "assessment", "08/09/2008", "")?;
            clients::change_state(&mut vault, &code, "in-therapy", "15/09/2008", "")?;
            let letter = CorrespondenceForm {
                on: "05/02/2010".into(),
                kind: "letter".into(),
                direction: "in".into(),
                counterpart: "school".into(),
                summary: "End of year report".into(),
                ..CorrespondenceForm::default()
            };
            let bytes = Rng::bytes(run as u64, ATTACHMENT_BYTES);
            let attachment = Attachment::Stream { file_name: "report.pdf".into(), reader: &mut bytes.as_slice() };
            correspondence::add(&mut vault, &code, letter, vec![attachment], None)?;
            let piece = artwork::ArtworkForm {
                description: "Clay lighthouse".into(),
                made: "01/10/2009".into(),
                location: "Cabinet A".into(),
                ..artwork::ArtworkForm::default()
            };
            artwork::add(&mut vault, &code, piece)?;
            let note = NewNote {
                kind: "free".into(),
                on: "03/10/2009".into(),
                sections: vec![Section { heading: String::new(), text: "Built a lighthouse.".into() }],
                ..NewNote::default()
            };
            notes::start(&mut vault, &code, note)?;
            clients::change_state(&mut vault, &code, "ended", "31/03/2010", "planned ending")?;
            vault.lock()?;
            Ok(code)
        };
        let code = made().unwrap_or_else(|e| panic!("making a due client: {e}"));
        self.made.borrow_mut().insert(code.clone(), run as u64);
        code
    }

    /// The codes due and not yet confirmed.
    fn due(&self) -> Vec<String> {
        let preview = self.json_of(&["destroy", "--due"]);
        preview["clients"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|c| c["client"].as_str().map(String::from))
            .collect()
    }

    fn pending_batch(&self) -> Option<i64> {
        self.list(&["destroy", "pending"])
            .iter()
            .filter(|b| b["state"] == "pending")
            .filter_map(|b| b["id"].as_i64())
            .max()
    }

    fn seen(&self) -> Seen {
        let listed =
            self.list(&["client", "list"]).iter().filter_map(|c| c["code"].as_str().map(String::from)).collect();
        let mut records: BTreeMap<String, Vec<Vec<(String, u64)>>> = BTreeMap::new();
        for r in self.list(&["destroy", "records"]) {
            let categories = r["categories"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|c| (c["category"].as_str().unwrap_or_default().to_string(), c["count"].as_u64().unwrap_or(0)))
                .collect();
            records.entry(r["client"].as_str().unwrap_or_default().to_string()).or_default().push(categories);
        }
        let batches = self
            .list(&["destroy", "pending"])
            .iter()
            .map(|b| {
                let codes = b["clients"].as_array().into_iter().flatten();
                let codes = codes.filter_map(|c| c["client"].as_str().map(String::from)).collect();
                (b["id"].as_i64().unwrap_or(-1), b["state"].as_str().unwrap_or_default().to_string(), codes)
            })
            .collect();
        let count = |items: Vec<serde_json::Value>, key: &str| {
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for item in items {
                *counts.entry(item[key].as_str().unwrap_or_default().to_string()).or_default() += 1;
            }
            counts
        };
        Seen {
            listed,
            records,
            batches,
            entries: count(self.list(&["retention", "status"]), "client"),
            pieces: count(self.list(&["artwork", "list"]), "client"),
            notes_found: self.list(&["note", "search", "lighthouse"]).len(),
        }
    }

    /// The client is all there: its entries, its piece, its letter whole as attached.
    fn whole(&self, code: &str, seed: u64, seen: &Seen) -> bool {
        if seen.entries.get(code) != Some(&3) || seen.pieces.get(code) != Some(&1) {
            return false;
        }
        let letters = self.list(&["correspondence", "list", code]);
        let expected = sha256_hex(&Rng::bytes(seed, ATTACHMENT_BYTES));
        matches!(&letters[..], [letter] if matches!(
            letter["attachments"].as_array().map(Vec::as_slice),
            Some([a]) if a["size"].as_u64() == Some(ATTACHMENT_BYTES as u64) && a["sha256"].as_str() == Some(expected.as_str())
        ))
    }
}

impl harness::Writer for Destruction {
    type Op = Op;

    fn dir(&self) -> &std::path::Path {
        &self.dir
    }

    fn ops(&self) -> Vec<Op> {
        vec![Op::Confirm, Op::Run]
    }

    /// A confirmation with nothing due first makes a client due; a run with nothing pending
    /// first makes one and confirms it (to the end).
    fn command(&self, op: Op, run: usize) -> (Op, Vec<String>) {
        let mut due = self.due();
        if due.is_empty() && (op == Op::Confirm || self.pending_batch().is_none()) {
            due = vec![self.make_due(run)];
        }
        let aim = match op {
            Op::Confirm => Aim::Confirmed(due),
            Op::Run => {
                if self.pending_batch().is_none() {
                    let o = self.run(&["destroy", "--due", "--confirm"]);
                    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
                }
                Aim::Ran(self.pending_batch().unwrap_or_else(|| panic!("no pending destruction to run")))
            }
        };
        self.aims.borrow_mut().insert(run, aim);
        let args: &[&str] = match op {
            Op::Confirm => &["destroy", "--due", "--confirm"],
            Op::Run => &["settings", "--auto-lock", "15"],
        };
        (op, args.iter().map(|a| a.to_string()).collect())
    }

    fn check(&self, run: usize, op: Op, acked: &[(Op, usize)], tally: &mut harness::Tally) -> bool {
        let seen = self.seen();
        let mut present = 0;
        for (code, seed) in self.made.borrow().iter() {
            let listed = seen.listed.contains(code);
            match (listed, seen.records.get(code).map(Vec::as_slice)) {
                (true, None) if self.whole(code, *seed, &seen) => present += 1,
                (false, Some([went]))
                    if !seen.entries.contains_key(code)
                        && !seen.pieces.contains_key(code)
                        && went[..]
                            == [("client-record".into(), 1), ("correspondence".into(), 1), ("artwork".into(), 1)] => {}
                _ => tally.half(run, format!("{code} is neither all there nor all gone with its record")),
            }
        }
        if seen.notes_found != present {
            tally.half(run, format!("{} notes found for {present} clients there", seen.notes_found));
        }
        if !seen.listed.contains(CONTROL) || seen.entries.get(CONTROL) != Some(&1) || seen.records.contains_key(CONTROL)
        {
            tally.half(run, "the client in therapy was touched".into());
        }
        let mut in_batches: BTreeMap<&String, usize> = BTreeMap::new();
        for (id, state, codes) in &seen.batches {
            for code in codes {
                *in_batches.entry(code).or_default() += 1;
                let fits = match state.as_str() {
                    "pending" => seen.listed.contains(code),
                    "done" => !seen.listed.contains(code) && seen.records.contains_key(code),
                    _ => false,
                };
                if !fits {
                    tally.half(run, format!("destruction {id} is {state} but {code} does not match it"));
                }
            }
        }
        if let Some((code, n)) = in_batches.iter().find(|(_, n)| **n > 1) {
            tally.half(run, format!("{code} is in {n} destructions"));
        }
        let aims = self.aims.borrow();
        let there = |r: usize| match aims.get(&r) {
            Some(Aim::Confirmed(codes)) => codes.iter().all(|c| in_batches.contains_key(c)),
            Some(Aim::Ran(id)) => seen.batches.iter().any(|(b, state, _)| b == id && state == "done"),
            None => false,
        };
        for (op, r) in acked {
            if !there(*r) {
                tally.lost(run, format!("the acknowledged {op:?} of run {r} is not there"));
            }
        }
        let landed = there(run);
        if run >= 2 {
            let this = acked.last() == Some(&(op, run));
            let at = if this {
                0
            } else if landed {
                2
            } else {
                1
            };
            self.by_op.borrow_mut()[usize::from(op == Op::Run)][at] += 1;
        }
        landed
    }
}

#[test]
fn destruction_killed_at_random_moments_leaves_every_client_all_there_or_all_gone_with_its_record() {
    let runs = env_count("FOLIO_DESTROY_CRASH_RUNS", 6);
    let destruction = Destruction::new();
    harness::drive("destroy", &destruction, runs, 0x6465_7374);
    let [confirm, run] = *destruction.by_op.borrow();
    let figure = |[a, k, l]: [usize; 3]| format!("{a}/{}/{l}", k + l);
    println!(
        "crash  destroy  by-op (acknowledged/killed/landed-unacknowledged)  confirm={}  run={}",
        figure(confirm),
        figure(run)
    );
}
