//! The complaints register, the request register and the incident log killed mid-write:
//! `complaint add`, `complaint close` (a closing is a row of its own), `request add`,
//! `request close`, `incident add` naming two clients (the incident and both its clients, or
//! nothing) and `incident report`, each killed with SIGKILL
//! after a random delay spread over the command's measured length. After every kill:
//! `verify` passes; every acknowledged write is there; nothing is half-written — a complaint
//! is there once, a closed one with its date and outcome, a request likewise, an incident with both its clients,
//! a reported one with its time and reference — and no record is there twice.
//!
//! `FOLIO_REGISTERS_CRASH_RUNS` (default 8) sets the count; the long run uses 300.

use super::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Op {
    Complaint,
    Close,
    Incident,
    Report,
    Request,
    RequestClose,
}

const OPS: [Op; 6] = [Op::Complaint, Op::Close, Op::Incident, Op::Report, Op::Request, Op::RequestClose];
const ON: &str = "20/11/2026";
const AWARE: &str = "20/11/2026 10:00";
const REPORTED: &str = "20/11/2026 11:00";

fn marker(op: Op, run: usize) -> String {
    format!("Crash {op:?} {run}")
}

struct Registers {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
}

impl Registers {
    fn new() -> Registers {
        let tmp = tempdir();
        let dir = tmp.path().join("vault");
        init(&dir);
        let registers = Registers { dir, _tmp: tmp };
        for (i, (given, family)) in [("Mia", "Lee"), ("Ben", "Ode")].into_iter().enumerate() {
            let referral = registers._tmp.path().join(format!("referral-{i}.json"));
            let json = format!(
                r#"{{"givenName":"{given}","familyName":"{family}","dateOfBirth":"10/12/2015","referralDate":"01/09/2026"}}"#
            );
            std::fs::write(&referral, json).unwrap_or_else(|e| panic!("{e}"));
            let o = registers.run(&["referral", "add", &referral.to_string_lossy()]);
            assert_eq!(code(&o), 0, "{}", text(&o.stderr));
        }
        registers
    }

    fn run(&self, args: &[&str]) -> Output {
        folio(&self.dir, &[&["--password-stdin"], args].concat(), &format!("{PASSWORD}\n"))
    }

    fn list(&self, what: &str) -> Vec<serde_json::Value> {
        let o = self.run(&["--json", what, "list"]);
        assert_eq!(code(&o), 0, "{what} list: {}", text(&o.stderr));
        json(&o).as_array().cloned().unwrap_or_default()
    }

    /// The oldest open record of a list, if any (a request is open, or overdue, until closed).
    fn oldest_open(&self, what: &str) -> Option<i64> {
        self.list(what)
            .iter()
            .filter(|v| if what == "request" { v["closed"].is_null() } else { v["state"] == "open" })
            .filter_map(|v| v["id"].as_i64())
            .min()
    }
}

impl harness::Writer for Registers {
    type Op = Op;

    fn dir(&self) -> &std::path::Path {
        &self.dir
    }

    fn ops(&self) -> Vec<Op> {
        OPS.to_vec()
    }

    /// A closing or report with nothing open adds instead.
    fn command(&self, op: Op, run: usize) -> (Op, Vec<String>) {
        let op = match op {
            Op::Close if self.oldest_open("complaint").is_none() => Op::Complaint,
            Op::Report if self.oldest_open("incident").is_none() => Op::Incident,
            Op::RequestClose if self.oldest_open("request").is_none() => Op::Request,
            op => op,
        };
        let m = marker(op, run);
        let args: Vec<String> = match op {
            Op::Complaint => {
                ["complaint", "add", "ML-0001", "--received", ON, "--summary", &m].map(String::from).to_vec()
            }
            Op::Close => {
                let id = self.oldest_open("complaint").unwrap_or_default().to_string();
                ["complaint", "close", &id, "--on", ON, "--outcome", &m].map(String::from).to_vec()
            }
            Op::Incident => {
                ["incident", "add", "--aware", AWARE, "--summary", &m, "--client", "ML-0001", "--client", "BO-0002"]
                    .map(String::from)
                    .to_vec()
            }
            Op::Report => {
                let id = self.oldest_open("incident").unwrap_or_default().to_string();
                ["incident", "report", &id, "--on", REPORTED, "--reference", &m].map(String::from).to_vec()
            }
            Op::Request => ["request", "add", "ML-0001", "--kind", "access", "--received", ON, "--summary", &m]
                .map(String::from)
                .to_vec(),
            Op::RequestClose => {
                let id = self.oldest_open("request").unwrap_or_default().to_string();
                ["request", "close", &id, "--on", ON, "--outcome", "done", "--note", &m].map(String::from).to_vec()
            }
        };
        (op, args)
    }

    fn check(&self, run: usize, op: Op, acked: &[(Op, usize)], tally: &mut harness::Tally) -> bool {
        let complaints = self.list("complaint");
        let incidents = self.list("incident");
        let requests = self.list("request");
        let count = |list: &[serde_json::Value], key: &str, value: &str| {
            list.iter().filter(|v| v[key].as_str() == Some(value)).count()
        };
        for c in &complaints {
            let summary = c["summary"].as_str().unwrap_or_default();
            let closed_whole = match c["state"].as_str() {
                Some("open") => c["closed"].is_null() && c["outcome"] == "",
                Some("closed") => {
                    c["closed"] == ON && c["outcome"].as_str().is_some_and(|o| o.starts_with("Crash Close"))
                }
                _ => false,
            };
            if count(&complaints, "summary", summary) != 1 || !closed_whole {
                tally.half(run, format!("a complaint is half-written or there twice: {c}"));
            }
        }
        for i in &incidents {
            let summary = i["summary"].as_str().unwrap_or_default();
            let clients = i["clients"].as_array().map(|c| c.len()).unwrap_or_default();
            let report_whole = match i["state"].as_str() {
                Some("open") => i["reportedOn"].is_null() && i["reportBy"] == "23/11/2026 10:00",
                Some("reported") => {
                    i["reportedOn"] == REPORTED
                        && i["reference"].as_str().is_some_and(|r| r.starts_with("Crash Report"))
                }
                _ => false,
            };
            if count(&incidents, "summary", summary) != 1 || clients != 2 || !report_whole {
                tally.half(run, format!("an incident is half-written or there twice: {i}"));
            }
        }
        for q in &requests {
            let summary = q["summary"].as_str().unwrap_or_default();
            let closed_whole = if q["closed"].is_null() {
                q["outcome"].is_null() && q["note"] == "" && q["due"] == "21/12/2026"
            } else {
                q["closed"] == ON
                    && q["outcome"] == "done"
                    && q["note"].as_str().is_some_and(|n| n.starts_with("Crash RequestClose"))
            };
            if count(&requests, "summary", summary) != 1 || !closed_whole {
                tally.half(run, format!("a request is half-written or there twice: {q}"));
            }
        }
        let there = |op: Op, r: usize| match op {
            Op::Complaint => count(&complaints, "summary", &marker(op, r)) == 1,
            Op::Close => count(&complaints, "outcome", &marker(op, r)) == 1,
            Op::Incident => count(&incidents, "summary", &marker(op, r)) == 1,
            Op::Report => count(&incidents, "reference", &marker(op, r)) == 1,
            Op::Request => count(&requests, "summary", &marker(op, r)) == 1,
            Op::RequestClose => count(&requests, "note", &marker(op, r)) == 1,
        };
        for (op, r) in acked {
            if !there(*op, *r) {
                tally.lost(run, format!("the acknowledged {op:?} of run {r} is missing"));
            }
        }
        there(op, run)
    }
}

#[test]
fn register_writes_killed_at_random_moments_lose_nothing_acknowledged_and_leave_nothing_half_written() {
    let runs = env_count("FOLIO_REGISTERS_CRASH_RUNS", 8);
    harness::drive("registers", &Registers::new(), runs, 0x7265_6769);
}
