//! Notes killed mid-write: `note add`, `note sign` and `note amend`, each killed with
//! SIGKILL after a random delay spread over the command's measured length (half of the
//! delays after the password work, where the write is). After every kill: `verify` passes;
//! every acknowledged note is there (an acknowledged signature signed, an acknowledged
//! amendment's version there); and signing is all or nothing — a note is a draft with no
//! version, or signed with its versions, never signed without one; the note last written
//! shows either its old text or its new one, whole.
//!
//! `FOLIO_NOTES_CRASH_RUNS` (default 9) sets the count; the long run uses 300 (`--release`).

use super::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Op {
    Add,
    Sign,
    Amend,
}

const OPS: [Op; 3] = [Op::Add, Op::Sign, Op::Amend];

fn note_text(run: usize) -> String {
    format!(
        "## Themes\nCrashnote{run}: drew a boat on a grey sea; talked about the ending.\n## Risk\nNo concerns noted.\n"
    )
}

fn amended_text(run: usize) -> String {
    format!(
        "## Themes\nAmended{run}: drew a boat on a calm sea; talked about the ending.\n## Risk\nNo concerns noted.\n"
    )
}

/// A note as the list shows it.
#[derive(Clone, Debug, PartialEq)]
struct Seen {
    id: i64,
    signed: bool,
    versions: i64,
}

#[derive(Default)]
struct Tally {
    timed: usize,
    runs: usize,
    acknowledged: usize,
    killed: usize,
    landed: usize,
    lost: usize,
    verify_failures: usize,
    /// Signed without a version, a draft with one, or text that is neither old nor new.
    half_written: usize,
    errors: usize,
    /// Per op (in [`OPS`] order): acknowledged, killed, landed unacknowledged.
    by_op: [[usize; 3]; 3],
}

struct Notes {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    client: String,
    /// Ids of notes whose adding was acknowledged.
    acked_adds: Vec<i64>,
    /// Notes acknowledged signed; and the version count each acknowledged amendment reached.
    acked_signed: BTreeSet<i64>,
    acked_versions: BTreeMap<i64, i64>,
    /// The notes as last listed.
    seen: Vec<Seen>,
}

impl Notes {
    fn new() -> Notes {
        let tmp = tempdir();
        let dir = tmp.path().join("vault");
        init(&dir);
        let mut notes = Notes {
            _tmp: tmp,
            dir,
            client: String::new(),
            acked_adds: Vec::new(),
            acked_signed: BTreeSet::new(),
            acked_versions: BTreeMap::new(),
            seen: Vec::new(),
        };
        let o = notes.run(&[
            "--json",
            "client",
            "add",
            "--given",
            "Noor",
            "--family",
            "Quillfeather",
            "--dob",
            "01/02/2013",
            "--referral-date",
            "01/01/2024",
        ]);
        assert_eq!(code(&o), 0, "{}", text(&o.stderr));
        notes.client = json(&o)["code"].as_str().unwrap_or_default().to_string();
        notes
    }

    fn run(&self, args: &[&str]) -> Output {
        folio(&self.dir, &[&["--password-stdin"], args].concat(), &format!("{PASSWORD}\n"))
    }

    fn list(&self) -> Vec<Seen> {
        let o = self.run(&["--json", "note", "list", &self.client]);
        assert_eq!(code(&o), 0, "{}", text(&o.stderr));
        json(&o)
            .as_array()
            .into_iter()
            .flatten()
            .map(|n| Seen {
                id: n["id"].as_i64().unwrap_or(-1),
                signed: n["state"].as_str() == Some("signed"),
                versions: n["versions"].as_i64().unwrap_or(-1),
            })
            .collect()
    }

    /// The command for `op` in `run`, and the note it is about (none for an add). Signing
    /// takes the oldest draft, amending the signed note with the fewest versions; with none
    /// there, a note is added instead.
    fn command(&self, op: Op, run: usize) -> (Op, Option<i64>, Vec<String>) {
        let draft = self.seen.iter().filter(|n| !n.signed).map(|n| n.id).min();
        let signed = self.seen.iter().filter(|n| n.signed).min_by_key(|n| (n.versions, n.id)).map(|n| n.id);
        let base = || vec!["--password-stdin".to_string(), "note".to_string()];
        match (op, draft, signed) {
            (Op::Sign, Some(id), _) => {
                let mut args = base();
                args.extend(["sign".into(), id.to_string()]);
                (Op::Sign, Some(id), args)
            }
            (Op::Amend, _, Some(id)) => {
                let mut args = base();
                args.extend(
                    ["amend", &id.to_string(), "--reason", &format!("Corrected in run {run}"), "--text"]
                        .map(String::from),
                );
                args.push(amended_text(run));
                (Op::Amend, Some(id), args)
            }
            _ => {
                let mut args = base();
                args.extend(["add", &self.client, "--kind", "free", "--on", "01/06/2024", "--text"].map(String::from));
                args.push(note_text(run));
                (Op::Add, None, args)
            }
        }
    }

    fn attempt(&mut self, op: Op, run: usize, delay: Duration, tally: &mut Tally) -> (Op, Option<i64>, bool) {
        let (op, target, args) = self.command(op, run);
        let before = target.and_then(|id| self.seen.iter().find(|n| n.id == id).cloned());
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = kill_after(spawn(&self.dir, &refs, &format!("{PASSWORD}\n")), delay);
        let acked = code(&o) == 0;
        let i = OPS.iter().position(|o| *o == op).unwrap_or(0);
        if delay >= TO_THE_END {
            assert!(acked, "{op:?} failed: {}", text(&o.stderr));
            tally.timed += 1;
        } else if acked {
            tally.acknowledged += 1;
            tally.by_op[i][0] += 1;
        } else if killed(&o) {
            tally.killed += 1;
            tally.by_op[i][1] += 1;
        } else {
            tally.errors += 1;
            eprintln!("run {run} ({op:?}) failed without being killed: {}", text(&o.stderr));
        }
        if acked {
            match op {
                Op::Add => {
                    let id = text(&o.stdout).trim().parse::<i64>().unwrap_or(-1);
                    assert!(id > 0, "note add prints the new id: {}", text(&o.stdout));
                    self.acked_adds.push(id);
                }
                Op::Sign => {
                    self.acked_signed.extend(target);
                }
                Op::Amend => {
                    if let Some(b) = &before {
                        self.acked_versions.insert(b.id, b.versions + 1);
                    }
                }
            }
        }
        (op, target, acked)
    }

    /// Everything checked after a kill.
    fn check(&mut self, run: usize, attempt: (Op, Option<i64>, bool), tally: &mut Tally) {
        let verify = self.run(&["verify"]);
        if code(&verify) != 0 {
            tally.verify_failures += 1;
            eprintln!("verify failed: {}{}", text(&verify.stdout), text(&verify.stderr));
        }
        let previous = std::mem::take(&mut self.seen);
        let now = self.list();
        let find = |id: i64| now.iter().find(|n| n.id == id);
        for id in &self.acked_adds {
            if find(*id).is_none() {
                tally.lost += 1;
                eprintln!("run {run}: acknowledged note {id} is missing");
            }
        }
        for id in &self.acked_signed {
            if find(*id).is_none_or(|n| !n.signed) {
                tally.lost += 1;
                eprintln!("run {run}: note {id} was acknowledged signed but is not");
            }
        }
        for (id, versions) in &self.acked_versions {
            if find(*id).is_none_or(|n| n.versions < *versions) {
                tally.lost += 1;
                eprintln!("run {run}: note {id}'s acknowledged amendment is missing");
            }
        }
        for n in &now {
            if n.signed != (n.versions >= 1) {
                tally.half_written += 1;
                eprintln!(
                    "run {run}: note {} is {} with {} versions",
                    n.id,
                    if n.signed { "signed" } else { "a draft" },
                    n.versions
                );
            }
        }
        // The note just written reads whole: its old text or its new one.
        let (op, target, acked) = attempt;
        let i = OPS.iter().position(|o| *o == op).unwrap_or(0);
        let landed = match (op, target) {
            (Op::Add, _) => now.len() > previous.len(),
            (Op::Sign, Some(id)) => find(id).is_some_and(|n| n.signed),
            (Op::Amend, Some(id)) => {
                let was = previous.iter().find(|n| n.id == id).map(|n| n.versions).unwrap_or(0);
                let is = find(id).map(|n| n.versions).unwrap_or(0);
                let o = self.run(&["--json", "note", "show", &id.to_string()]);
                let shown = json(&o)["sections"][0]["text"].as_str().unwrap_or_default().to_string();
                let whole = if is == was + 1 {
                    shown.starts_with(&format!("Amended{run}:"))
                } else {
                    is == was && !shown.starts_with(&format!("Amended{run}:"))
                };
                if !whole {
                    tally.half_written += 1;
                    eprintln!("run {run}: note {id} has {is} versions (was {was}) and shows {shown:?}");
                }
                is > was
            }
            _ => false,
        };
        if landed && !acked {
            tally.landed += 1;
            tally.by_op[i][2] += 1;
        }
        self.seen = now;
    }
}

#[test]
fn note_writes_killed_at_random_moments_lose_nothing_acknowledged_and_sign_all_or_nothing() {
    let runs = env_count("FOLIO_NOTES_CRASH_RUNS", 9);
    let mut rng = Rng::new(seed() ^ 0x6E6F_7465);
    let started = Instant::now();
    let mut tally = Tally::default();
    let mut notes = Notes::new();
    let unlock = {
        let t = Instant::now();
        assert_eq!(code(&notes.run(&["settings"])), 0);
        t.elapsed()
    };
    // Each op once to the end, timed (an add, its signature, an amendment).
    let mut typical = [Duration::ZERO; 3];
    for (i, op) in OPS.into_iter().enumerate() {
        let t = Instant::now();
        let attempt = notes.attempt(op, i, TO_THE_END, &mut tally);
        typical[i] = t.elapsed();
        notes.check(i, attempt, &mut tally);
    }
    println!(
        "crash  notes  typical  unlock={}ms  add={}ms  sign={}ms  amend={}ms",
        unlock.as_millis(),
        typical[0].as_millis(),
        typical[1].as_millis(),
        typical[2].as_millis()
    );
    for i in 0..runs {
        let run = OPS.len() + i;
        let which = i % OPS.len();
        let end = typical[which].mul_f64(1.1);
        let delay = if rng.below(2) == 0 {
            rng.between(Duration::ZERO, end)
        } else {
            rng.between(unlock.mul_f64(0.9).min(end), end)
        };
        let attempt = notes.attempt(OPS[which], run, delay, &mut tally);
        tally.runs += 1;
        notes.check(run, attempt, &mut tally);
    }
    let [add, sign, amend] = tally.by_op.map(|[a, k, l]| format!("{a}/{k}/{l}"));
    println!(
        "crash  notes  runs={}  timed-to-the-end={}  acknowledged={}  killed={}  landed-unacknowledged={}  lost={}  verify-failures={}  half-written={}  errors={}  time={:.1}s",
        tally.runs,
        tally.timed,
        tally.acknowledged,
        tally.killed,
        tally.landed,
        tally.lost,
        tally.verify_failures,
        tally.half_written,
        tally.errors,
        started.elapsed().as_secs_f64()
    );
    println!("crash  notes  by-op (acknowledged/killed/landed-unacknowledged)  add={add}  sign={sign}  amend={amend}");
    assert_eq!(tally.lost, 0, "acknowledged note writes lost");
    assert_eq!(tally.verify_failures, 0, "verify failed after a kill");
    assert_eq!(tally.half_written, 0, "a note half-written");
    assert_eq!(tally.errors, 0, "a note write failed without being killed");
}
