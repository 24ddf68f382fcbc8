//! The artwork inventory and its photos and recordings killed mid-write: `artwork add` with
//! a new location (the item, its new location and its "placed" change land together or not
//! at all), `artwork move` to a new location, `artwork return` and `artwork dispose`, `media
//! add` of a photo (read whole, stripped, kept) and of a 3 MB recording (streamed in 256 KiB
//! chunks), each killed with SIGKILL after a random delay. After every kill: `verify`
//! passes; every acknowledged change is there; nothing is half-written — an item is there
//! once with its placing, its state is that of its latest change, each location is named
//! once, a recording is there whole (exported and compared byte for byte) or not at all —
//! and nothing is there twice.
//!
//! `FOLIO_ARTWORK_CRASH_RUNS` (default 8) sets the count; the long run uses 300.

use super::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Op {
    Add,
    Move,
    Return,
    Dispose,
    Photo,
    Recording,
}

const OPS: [Op; 6] = [Op::Add, Op::Move, Op::Return, Op::Dispose, Op::Photo, Op::Recording];
const RECORDING_BYTES: usize = 3 * 1024 * 1024;

fn marker(op: Op, run: usize) -> String {
    format!("Crash {op:?} {run}")
}

struct Inventory {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
}

impl Inventory {
    fn new() -> Inventory {
        let tmp = tempdir();
        let dir = tmp.path().join("vault");
        init(&dir);
        let referral = tmp.path().join("referral.json");
        std::fs::write(
            &referral,
            r#"{"givenName":"Mia","familyName":"Lee","dateOfBirth":"10/12/2015","referralDate":"01/09/2026",
                "parentalResponsibility":[{"name":"Ann Lee","relationship":"mother"}]}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(tmp.path().join("photo.png"), folio_core::demo::square_png([40, 90, 200], 200))
            .unwrap_or_else(|e| panic!("{e}"));
        let mut rng = Rng::new(seed() ^ 0x7265_636f);
        let recording: Vec<u8> = (0..RECORDING_BYTES).map(|_| rng.below(256) as u8).collect();
        std::fs::write(tmp.path().join("session.wav"), recording).unwrap_or_else(|e| panic!("{e}"));
        let inventory = Inventory { dir, _tmp: tmp };
        let consent = ["--given-by", "Ann Lee", "--how", "written", "--on", "01/09/2026"];
        for args in [
            vec!["referral", "add", &inventory.file("referral.json")],
            vec!["session", "settings", "--records-sessions", "yes"],
            [&["consent", "add", "ML-0001", "--purpose", "artwork-photos"][..], &consent].concat(),
            [&["consent", "add", "ML-0001", "--purpose", "recording", "--plan", "Listening back (test)"][..], &consent]
                .concat(),
        ] {
            let o = inventory.run(&args);
            assert_eq!(code(&o), 0, "{args:?}: {}", text(&o.stderr));
        }
        inventory
    }

    fn file(&self, name: &str) -> String {
        self._tmp.path().join(name).to_string_lossy().into_owned()
    }

    fn run(&self, args: &[&str]) -> Output {
        folio(&self.dir, &[&["--password-stdin"], args].concat(), &format!("{PASSWORD}\n"))
    }

    fn json_of(&self, args: &[&str]) -> Vec<serde_json::Value> {
        let o = self.run(&[&["--json"], args].concat());
        assert_eq!(code(&o), 0, "{args:?}: {}", text(&o.stderr));
        json(&o).as_array().cloned().unwrap_or_default()
    }

    /// The oldest piece still held, if any.
    fn oldest_held(&self) -> Option<String> {
        let items = self.json_of(&["artwork", "list"]);
        items.iter().filter(|v| v["state"] == "held").filter_map(|v| v["reference"].as_str()).min().map(String::from)
    }
}

impl harness::Writer for Inventory {
    type Op = Op;

    fn dir(&self) -> &std::path::Path {
        &self.dir
    }

    fn ops(&self) -> Vec<Op> {
        OPS.to_vec()
    }

    /// A change with nothing held adds instead.
    fn command(&self, op: Op, run: usize) -> (Op, Vec<String>) {
        let held = self.oldest_held();
        let op = match op {
            Op::Move | Op::Return | Op::Dispose if held.is_none() => Op::Add,
            op => op,
        };
        let m = marker(op, run);
        let piece = held.unwrap_or_default();
        let (photo, recording) = (self.file("photo.png"), self.file("session.wav"));
        let args = match op {
            Op::Add => vec!["artwork", "add", "ML-0001", "--description", &m, "--location", &m],
            Op::Move => vec!["artwork", "move", &piece, "--to", &m],
            Op::Return => vec!["artwork", "return", &piece, "--to", &m],
            Op::Dispose => vec!["artwork", "dispose", &piece, "--how", &m],
            Op::Photo => vec!["media", "add", "ML-0001", &photo, "--kind", "photo", "--caption", &m],
            Op::Recording => vec!["media", "add", "ML-0001", &recording, "--kind", "audio", "--caption", &m],
        };
        (op, args.into_iter().map(String::from).collect())
    }

    fn check(&self, run: usize, op: Op, acked: &[(Op, usize)], tally: &mut harness::Tally) -> bool {
        let items = self.json_of(&["artwork", "list"]);
        let places = self.json_of(&["artwork", "locations"]);
        let mut names: Vec<&str> = places.iter().filter_map(|p| p["name"].as_str()).collect();
        let before = names.len();
        names.sort_unstable();
        names.dedup();
        if names.len() != before {
            tally.half(run, format!("a location is named twice: {places:?}"));
        }
        let events = |v: &serde_json::Value| v["history"].as_array().cloned().unwrap_or_default();
        for item in &items {
            let description = item["description"].as_str().unwrap_or_default();
            let history = events(item);
            let placed_whole = history.first().is_some_and(|e| {
                e["change"] == "placed" && e["location"].as_str() == Some(description) && names.contains(&description)
            });
            let state_follows = match history.last().and_then(|e| e["change"].as_str()) {
                Some("placed" | "moved") => item["state"] == "held",
                Some("returned") => item["state"] == "returned",
                Some("disposed") => item["state"] == "disposed",
                _ => false,
            };
            let once = items.iter().filter(|v| v["description"] == item["description"]).count() == 1;
            if !placed_whole || !state_follows || !once {
                tally.half(run, format!("a piece is half-written or there twice: {item}"));
            }
        }
        let media = self.json_of(&["media", "list"]);
        for item in &media {
            let once = media.iter().filter(|v| v["caption"] == item["caption"]).count() == 1;
            let whole = match item["kind"].as_str() {
                Some("audio") => item["size"].as_u64() == Some(RECORDING_BYTES as u64),
                Some("photo") => item["size"].as_u64().is_some_and(|n| n > 0),
                _ => false,
            };
            if !once || !whole {
                tally.half(run, format!("a photo or recording is half-written or there twice: {item}"));
            }
        }
        let captioned = |m: &str| media.iter().filter(|v| v["caption"] == m).collect::<Vec<_>>();
        // This run's recording, if it landed, is the same bytes as the file.
        if let [landed] = captioned(&marker(Op::Recording, run))[..] {
            let out = self.file(&format!("copy-{run}.wav"));
            let id = landed["id"].to_string();
            let o = self.run(&["media", "export", &id, "--out", &out]);
            let same = code(&o) == 0 && std::fs::read(&out).ok() == std::fs::read(self.file("session.wav")).ok();
            if !same {
                tally.half(run, format!("the recording of run {run} is not the file's bytes: {}", text(&o.stderr)));
            }
            let _ = std::fs::remove_file(&out);
        }
        let changes_marked = |change: &str, m: &str| {
            items
                .iter()
                .flat_map(events)
                .filter(|e| e["change"] == change && (e["detail"] == m || e["location"].as_str() == Some(m)))
                .count()
        };
        let there = |op: Op, r: usize| {
            let m = marker(op, r);
            match op {
                Op::Add => items.iter().filter(|v| v["description"] == m.as_str()).count() == 1,
                Op::Move => changes_marked("moved", &m) == 1,
                Op::Return => changes_marked("returned", &m) == 1,
                Op::Dispose => changes_marked("disposed", &m) == 1,
                Op::Photo | Op::Recording => captioned(&m).len() == 1,
            }
        };
        for (op, r) in acked {
            if !there(*op, *r) {
                tally.lost(run, format!("the acknowledged {op:?} of run {r} is missing"));
            }
        }
        for op in OPS {
            let m = marker(op, run);
            let change = match op {
                Op::Add => "placed",
                Op::Move => "moved",
                Op::Return => "returned",
                Op::Dispose => "disposed",
                Op::Photo | Op::Recording => continue,
            };
            if changes_marked(change, &m) > 1 {
                tally.half(run, format!("the {op:?} of run {run} is there twice"));
            }
        }
        there(op, run)
    }
}

#[test]
fn artwork_writes_killed_at_random_moments_lose_nothing_acknowledged_and_leave_nothing_half_written() {
    let runs = env_count("FOLIO_ARTWORK_CRASH_RUNS", 8);
    harness::drive("artwork", &Inventory::new(), runs, 0x6172_7477);
}
