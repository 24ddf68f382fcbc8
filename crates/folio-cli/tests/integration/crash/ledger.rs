//! The consent ledger and the record of sharing killed mid-write: `consent add` with a
//! `--told-file` of a few MB (so a kill can land mid-attachment), `consent withdraw`,
//! `disclosure add` with two attachments and `safeguarding add`, each killed with SIGKILL
//! after a random delay spread over the command's measured length (half of the delays after
//! the password work, where the write is). After every kill: `verify` passes; every
//! acknowledged record is there; nothing is half-written — a consent is there with its told
//! file whole (name, size, checksum, and the first time it is seen its bytes exported) or
//! not at all, a withdrawal is all there (date, by whom, what it affects, the state
//! "withdrawn") or not at all, a disclosure has both its attachments or is not there, and
//! no record is there twice.
//!
//! `FOLIO_LEDGER_CRASH_RUNS` (default 8) sets the count; the long run uses 300 (`--release`).

use super::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Op {
    Consent,
    Withdraw,
    Disclosure,
    Safeguarding,
}

const OPS: [Op; 4] = [Op::Consent, Op::Withdraw, Op::Disclosure, Op::Safeguarding];
const WITHDRAWN_ON: &str = "20/11/2026";

fn consent_marker(run: usize) -> String {
    format!("Crash consent {run}")
}

fn withdrawer(run: usize) -> String {
    format!("Crash withdrawal {run}")
}

fn disclosure_marker(run: usize) -> String {
    format!("Crash disclosure {run}")
}

fn concern_marker(run: usize) -> String {
    format!("Crash concern {run}: seemed worried at the start of the session")
}

/// The told file of a run's consent: a form of a few MB, bytes of its own.
fn told_file(run: usize) -> (String, usize, u64) {
    (format!("form-{run}.pdf"), 4 * 1024 * 1024 + run % 4096, 1_000_000 + run as u64)
}

/// The two attachments of a run's disclosure.
fn shared_files(run: usize) -> [(String, usize, u64); 2] {
    [
        (format!("report-{run}.pdf"), 2 * 1024 * 1024 + run % 977, 2_000_000 + run as u64),
        (format!("letter-{run}.pdf"), 300 * 1024 + run % 577, 3_000_000 + run as u64),
    ]
}

/// Whether an attachment listed in JSON is the file attached, by name, size and checksum.
fn described(listed: &serde_json::Value, (name, len, seed): &(String, usize, u64)) -> bool {
    listed["fileName"].as_str() == Some(name.as_str())
        && listed["size"].as_u64() == Some(*len as u64)
        && listed["sha256"].as_str() == Some(sha256_hex(&Rng::bytes(*seed, *len)).as_str())
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
    half_written: usize,
    errors: usize,
    /// Per op (in [`OPS`] order): acknowledged, killed, landed unacknowledged.
    by_op: [[usize; 3]; 4],
}

struct Ledger {
    tmp: tempfile::TempDir,
    dir: PathBuf,
    /// Runs whose write was acknowledged, by op; a withdrawal by the consent it withdrew.
    acked: Vec<(Op, usize, Option<i64>)>,
    /// Consent ids whose told file has been exported and compared byte for byte.
    compared: BTreeSet<i64>,
    /// How long the last command ran (from its start to its end or its kill).
    last_ran: Duration,
}

impl Ledger {
    fn new() -> Ledger {
        let tmp = tempdir();
        let dir = tmp.path().join("vault");
        init(&dir);
        let ledger = Ledger { tmp, dir, acked: Vec::new(), compared: BTreeSet::new(), last_ran: Duration::ZERO };
        let referral = ledger.tmp.path().join("referral.json");
        let json = r#"{"givenName":"Mia","familyName":"Lee","dateOfBirth":"10/12/2015","referralDate":"01/09/2026",
            "parentalResponsibility":[{"name":"Ann Lee","relationship":"mother"}]}"#;
        std::fs::write(&referral, json).unwrap_or_else(|e| panic!("{e}"));
        for args in [
            vec!["referral", "add", &referral.to_string_lossy()],
            vec!["client", "state", "ML-0001", "assessment", "--on", "08/09/2026"],
            vec!["client", "state", "ML-0001", "in-therapy", "--on", "15/09/2026"],
        ] {
            let o = ledger.run(&args);
            assert_eq!(code(&o), 0, "{args:?}: {}", text(&o.stderr));
        }
        ledger
    }

    fn run(&self, args: &[&str]) -> Output {
        folio(&self.dir, &[&["--password-stdin"], args].concat(), &format!("{PASSWORD}\n"))
    }

    fn list(&self, what: &str) -> Vec<serde_json::Value> {
        let o = self.run(&["--json", what, "list", "ML-0001"]);
        assert_eq!(code(&o), 0, "{what} list: {}", text(&o.stderr));
        json(&o).as_array().cloned().unwrap_or_default()
    }

    fn scratch(&self, name: &str, seed: u64, len: usize) -> String {
        let path = self.tmp.path().join(name);
        std::fs::write(&path, Rng::bytes(seed, len)).unwrap_or_else(|e| panic!("{name}: {e}"));
        path.to_string_lossy().into_owned()
    }

    /// The command for `op` in `run`. A withdrawal takes the oldest consent not withdrawn;
    /// with none there, a consent is added instead.
    fn command(&self, op: Op, run: usize) -> (Op, Option<i64>, Vec<String>) {
        let mut args: Vec<String> = vec!["--password-stdin".into()];
        let open =
            self.list("consent").iter().filter(|c| c["withdrawal"].is_null()).filter_map(|c| c["id"].as_i64()).min();
        match (op, open) {
            (Op::Withdraw, Some(id)) => {
                args.extend(["consent", "withdraw", &id.to_string(), "--on", WITHDRAWN_ON, "--by"].map(String::from));
                args.push(withdrawer(run));
                (Op::Withdraw, Some(id), args)
            }
            (Op::Disclosure, _) => {
                args.extend(
                    ["disclosure", "add", "ML-0001", "--on", "20/11/2026", "--to", "school", "--basis", "safeguarding"]
                        .map(String::from),
                );
                args.extend(["--reason".into(), "Crash test: shared to keep a child safe".into()]);
                args.extend(["--told".into(), "not-told".into(), "--what".into(), disclosure_marker(run)]);
                for (name, len, seed) in shared_files(run) {
                    args.extend(["--attach".into(), self.scratch(&name, seed, len)]);
                }
                (Op::Disclosure, None, args)
            }
            (Op::Safeguarding, _) => {
                args.extend(
                    ["safeguarding", "add", "ML-0001", "--on", "20/11/2026", "--action", "Told the DSL"]
                        .map(String::from),
                );
                args.extend(["--account".to_string(), concern_marker(run)]);
                (Op::Safeguarding, None, args)
            }
            _ => {
                let (name, len, seed) = told_file(run);
                args.extend(
                    ["consent", "add", "ML-0001", "--purpose", "other", "--given-by", "Ann Lee", "--how", "written"]
                        .map(String::from),
                );
                args.extend(["--on".into(), "15/09/2026".into(), "--custom-purpose".into(), consent_marker(run)]);
                args.extend(["--told-file".into(), self.scratch(&name, seed, len)]);
                (Op::Consent, None, args)
            }
        }
    }

    fn attempt(&mut self, op: Op, run: usize, delay: Duration, tally: &mut Tally) -> (Op, Option<i64>, bool) {
        let (op, target, args) = self.command(op, run);
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        let started = Instant::now();
        let o = kill_after(spawn(&self.dir, &refs, &format!("{PASSWORD}\n")), delay);
        self.last_ran = started.elapsed();
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
            self.acked.push((op, run, target));
        }
        for entry in std::fs::read_dir(self.tmp.path()).into_iter().flatten().flatten() {
            if entry.path() != self.dir {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        (op, target, acked)
    }

    /// A consent is whole when its told file is listed as attached and, the first time it
    /// is seen, exports byte for byte.
    fn told_file_is_whole(&mut self, run: usize, consent: &serde_json::Value) -> bool {
        let file = told_file(run);
        if !described(&consent["toldFile"], &file) {
            return false;
        }
        let id = consent["id"].as_i64().unwrap_or(-1);
        if !self.compared.insert(id) {
            return true;
        }
        let out = self.tmp.path().join("exported.pdf");
        let blob = consent["toldFile"]["id"].as_i64().unwrap_or(-1).to_string();
        let o = self.run(&["correspondence", "export", &blob, "--out", &out.to_string_lossy()]);
        let same = code(&o) == 0 && std::fs::read(&out).is_ok_and(|b| b == Rng::bytes(file.2, file.1));
        let _ = std::fs::remove_file(&out);
        if !same {
            eprintln!("consent {id}'s told file does not export whole: {}", text(&o.stderr));
        }
        same
    }

    /// Everything checked after a kill.
    fn check(&mut self, run: usize, attempt: (Op, Option<i64>, bool), tally: &mut Tally) {
        let verify = self.run(&["verify"]);
        if code(&verify) != 0 {
            tally.verify_failures += 1;
            eprintln!("verify failed: {}{}", text(&verify.stdout), text(&verify.stderr));
        }
        let consents = self.list("consent");
        let disclosures = self.list("disclosure");
        let entries = self.list("safeguarding");
        let with = |list: &[serde_json::Value], key: &str, value: &str| -> Vec<serde_json::Value> {
            list.iter().filter(|v| v[key].as_str() == Some(value)).cloned().collect()
        };
        // Every consent, withdrawal, disclosure and entry present is whole.
        for c in &consents {
            let marker = c["customPurpose"].as_str().unwrap_or_default().to_string();
            let Some(r) = marker.strip_prefix("Crash consent ").and_then(|r| r.parse::<usize>().ok()) else { continue };
            if with(&consents, "customPurpose", &marker).len() != 1 || !self.told_file_is_whole(r, c) {
                tally.half_written += 1;
                eprintln!("run {run}: consent of run {r} is half-written: {c}");
            }
            let w = &c["withdrawal"];
            let whole = if w.is_null() {
                c["state"] != "withdrawn"
            } else {
                c["state"] == "withdrawn"
                    && w["on"] == WITHDRAWN_ON
                    && w["by"].as_str().is_some_and(|b| b.starts_with("Crash withdrawal "))
                    && w["affects"].as_str().is_some_and(|a| !a.is_empty())
            };
            if !whole {
                tally.half_written += 1;
                eprintln!("run {run}: a withdrawal is half-written: {c}");
            }
        }
        for d in &disclosures {
            let marker = d["what"].as_str().unwrap_or_default().to_string();
            let Some(r) = marker.strip_prefix("Crash disclosure ").and_then(|r| r.parse::<usize>().ok()) else {
                continue;
            };
            let listed = d["attachments"].as_array().cloned().unwrap_or_default();
            let files = shared_files(r);
            let whole = with(&disclosures, "what", &marker).len() == 1
                && listed.len() == files.len()
                && listed.iter().zip(&files).all(|(a, f)| described(a, f));
            if !whole {
                tally.half_written += 1;
                eprintln!("run {run}: disclosure of run {r} is half-written: {d}");
            }
        }
        for e in &entries {
            let account = e["account"].as_str().unwrap_or_default();
            if with(&entries, "account", account).len() != 1 {
                tally.half_written += 1;
                eprintln!("run {run}: a safeguarding entry is there twice: {e}");
            }
        }
        // Every acknowledged write is there.
        for (op, r, target) in &self.acked {
            let there = match op {
                Op::Consent => !with(&consents, "customPurpose", &consent_marker(*r)).is_empty(),
                Op::Withdraw => consents
                    .iter()
                    .any(|c| c["id"].as_i64() == *target && c["withdrawal"]["by"].as_str() == Some(&withdrawer(*r))),
                Op::Disclosure => !with(&disclosures, "what", &disclosure_marker(*r)).is_empty(),
                Op::Safeguarding => !with(&entries, "account", &concern_marker(*r)).is_empty(),
            };
            if !there {
                tally.lost += 1;
                eprintln!("run {run}: the acknowledged {op:?} of run {r} is missing");
            }
        }
        let (op, target, acked) = attempt;
        let landed = match op {
            Op::Consent => !with(&consents, "customPurpose", &consent_marker(run)).is_empty(),
            Op::Withdraw => consents
                .iter()
                .any(|c| c["id"].as_i64() == target && c["withdrawal"]["by"].as_str() == Some(&withdrawer(run))),
            Op::Disclosure => !with(&disclosures, "what", &disclosure_marker(run)).is_empty(),
            Op::Safeguarding => !with(&entries, "account", &concern_marker(run)).is_empty(),
        };
        if landed && !acked {
            tally.landed += 1;
            tally.by_op[OPS.iter().position(|o| *o == op).unwrap_or(0)][2] += 1;
        }
    }
}

#[test]
fn ledger_writes_killed_at_random_moments_lose_nothing_acknowledged_and_leave_nothing_half_written() {
    let runs = env_count("FOLIO_LEDGER_CRASH_RUNS", 8);
    let mut rng = Rng::new(seed() ^ 0x6C65_6467);
    let started = Instant::now();
    let mut tally = Tally::default();
    let mut ledger = Ledger::new();
    let unlock = {
        let t = Instant::now();
        assert_eq!(code(&ledger.run(&["settings"])), 0);
        t.elapsed()
    };
    // Each op once to the end, timed.
    let mut typical = [Duration::ZERO; 4];
    for (i, op) in OPS.into_iter().enumerate() {
        let attempt = ledger.attempt(op, i, TO_THE_END, &mut tally);
        typical[i] = ledger.last_ran;
        ledger.check(i, attempt, &mut tally);
    }
    println!(
        "crash  ledger  typical  unlock={}ms  consent={}ms  withdraw={}ms  disclosure={}ms  safeguarding={}ms",
        unlock.as_millis(),
        typical[0].as_millis(),
        typical[1].as_millis(),
        typical[2].as_millis(),
        typical[3].as_millis()
    );
    for i in 0..runs {
        let run = OPS.len() + i;
        let which = i % OPS.len();
        // Up to half again the measured length: a busy machine runs a command slower than
        // when it was timed, and some writes should run to the end and be acknowledged.
        let end = typical[which].mul_f64(1.5);
        let delay = if rng.below(2) == 0 {
            rng.between(Duration::ZERO, end)
        } else {
            rng.between(unlock.mul_f64(0.9).min(end), end)
        };
        let attempt = ledger.attempt(OPS[which], run, delay, &mut tally);
        tally.runs += 1;
        ledger.check(run, attempt, &mut tally);
        if runs >= 100 && (i + 1) % 100 == 0 {
            println!(
                "crash  ledger  progress  runs={}  lost={}  verify-failures={}  half-written={}  time={:.0}s",
                i + 1,
                tally.lost,
                tally.verify_failures,
                tally.half_written,
                started.elapsed().as_secs_f64()
            );
        }
    }
    let [consent, withdraw, disclosure, safeguarding] = tally.by_op.map(|[a, k, l]| format!("{a}/{k}/{l}"));
    println!(
        "crash  ledger  runs={}  timed-to-the-end={}  acknowledged={}  killed={}  landed-unacknowledged={}  lost={}  verify-failures={}  half-written={}  errors={}  time={:.1}s",
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
    println!(
        "crash  ledger  by-op (acknowledged/killed/landed-unacknowledged)  consent={consent}  withdraw={withdraw}  disclosure={disclosure}  safeguarding={safeguarding}"
    );
    assert_eq!(tally.lost, 0, "acknowledged ledger writes lost");
    assert_eq!(tally.verify_failures, 0, "verify failed after a kill");
    assert_eq!(tally.half_written, 0, "a ledger record half-written");
    assert_eq!(tally.errors, 0, "a ledger write failed without being killed");
}
