//! Backups killed mid-write: `backup take` into a folder of its own per run, killed with
//! SIGKILL after a random delay spread over the command's measured length (the copy, the
//! key file, the read-back, the rename, the record). After every kill: `verify` passes on
//! the vault; every acknowledged backup is listed and whole; no folder named as a backup is
//! anything but whole (a stopped backup leaves only its hidden `.partial` folder); every
//! fifth run, the backup just taken verifies as a vault of its own.
//!
//! `FOLIO_BACKUP_CRASH_RUNS` (default 8) sets the count; the long run uses 300.

use super::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Op {
    Take,
}

/// The files of a whole backup.
const WHOLE: [&str; 3] = ["folio.db", "folio.key", "folio.key.bak"];

struct Backups {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    drives: PathBuf,
}

impl Backups {
    fn new() -> Backups {
        let tmp = tempdir();
        let dir = tmp.path().join("vault");
        let drives = tmp.path().join("drives");
        std::fs::create_dir(&drives).unwrap_or_else(|e| panic!("{e}"));
        init(&dir);
        let referral = tmp.path().join("referral.json");
        std::fs::write(
            &referral,
            r#"{"givenName":"Mia","familyName":"Lee","dateOfBirth":"10/12/2015","referralDate":"01/09/2026"}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        // A 3 MB letter, so that the copy takes long enough to be killed part-way.
        let letter = tmp.path().join("letter.pdf");
        let bytes: Vec<u8> = (0..3_000_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        std::fs::write(&letter, bytes).unwrap_or_else(|e| panic!("{e}"));
        let backups = Backups { dir, drives, _tmp: tmp };
        for args in [
            ["referral", "add", &*referral.to_string_lossy()].iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            [
                "correspondence",
                "add",
                "ML-0001",
                "--kind",
                "letter",
                "--direction",
                "in",
                "--with",
                "school",
                "--summary",
                "Report",
                "--attach",
            ]
            .iter()
            .map(|s| s.to_string())
            .chain([letter.to_string_lossy().into_owned()])
            .collect(),
        ] {
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let o = folio(&backups.dir, &[&["--password-stdin"], &args[..]].concat(), &format!("{PASSWORD}\n"));
            assert_eq!(code(&o), 0, "{}", text(&o.stderr));
        }
        backups
    }

    fn drive(&self, run: usize) -> PathBuf {
        self.drives.join(format!("drive-{run}"))
    }

    fn listed(&self) -> Vec<String> {
        let o = folio(&self.dir, &["--password-stdin", "--json", "backup", "list"], &format!("{PASSWORD}\n"));
        assert_eq!(code(&o), 0, "backup list: {}", text(&o.stderr));
        json(&o)
            .as_array()
            .cloned()
            .unwrap_or_default()
            .iter()
            .filter_map(|b| b["folder"].as_str().map(String::from))
            .collect()
    }
}

fn whole(folder: &std::path::Path) -> bool {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names == WHOLE && std::fs::metadata(folder.join("folio.db")).is_ok_and(|m| m.len() > 0)
}

impl harness::Writer for Backups {
    type Op = Op;

    fn dir(&self) -> &std::path::Path {
        &self.dir
    }

    fn ops(&self) -> Vec<Op> {
        vec![Op::Take]
    }

    fn command(&self, op: Op, run: usize) -> (Op, Vec<String>) {
        let drive = self.drive(run);
        std::fs::create_dir_all(&drive).unwrap_or_else(|e| panic!("{e}"));
        (op, vec!["backup".into(), "take".into(), drive.to_string_lossy().into_owned()])
    }

    fn check(&self, run: usize, _op: Op, acked: &[(Op, usize)], tally: &mut harness::Tally) -> bool {
        let listed = self.listed();
        for folder in &listed {
            if !whole(std::path::Path::new(folder)) {
                tally.half(run, format!("a listed backup is not whole: {folder}"));
            }
        }
        let drive = self.drive(run);
        for entry in std::fs::read_dir(&drive).map(|d| d.filter_map(|e| e.ok()).collect::<Vec<_>>()).unwrap_or_default()
        {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !name.starts_with('.') && !whole(&entry.path()) {
                tally.half(run, format!("a folder named as a backup is not whole: {name}"));
            }
        }
        let in_drive = |r: usize| listed.iter().any(|f| std::path::Path::new(f).starts_with(self.drive(r)));
        for (_, r) in acked {
            if !in_drive(*r) {
                tally.lost(run, format!("the acknowledged backup of run {r} is not listed"));
            }
        }
        let there = in_drive(run);
        if there && run.is_multiple_of(5) {
            if let Some(folder) = listed.iter().find(|f| std::path::Path::new(f).starts_with(&drive)) {
                let o = folio(std::path::Path::new(folder), &["--password-stdin", "verify"], &format!("{PASSWORD}\n"));
                if code(&o) != 0 {
                    tally.half(run, format!("the backup of run {run} does not verify: {}", text(&o.stderr)));
                }
            }
        }
        there
    }
}

#[test]
fn backups_killed_at_random_moments_are_whole_or_hidden_and_never_lost_once_acknowledged() {
    let runs = env_count("FOLIO_BACKUP_CRASH_RUNS", 8);
    harness::drive("backups", &Backups::new(), runs, 0x6261_636b);
}
