//! The password change killed at random moments and at its key file write: afterwards
//! exactly one of the two passwords opens the vault, the key file copies are sound (or
//! mended on the next open, which says so), and `verify` passes.

use std::collections::BTreeSet;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::process::Child;
use std::time::{Duration, Instant};

use super::{kill_after, killed, seed, TO_THE_END};
use crate::*;

/// The second password of the password-change runs.
const OTHER_PASSWORD: &str = "quiet river copper saucepan";

/// Unlocks with `password` through a command that writes (so it takes the writer lock
/// whatever read-only commands do, and mends a key file copy left different). Returns its
/// exit code (0 opened, 3 wrong password) and whether it said it mended something.
fn opens(vault: &Path, password: &str) -> (i32, bool) {
    let o = folio(vault, &["--password-stdin", "settings", "--auto-lock", "15"], &format!("{password}\n"));
    if !matches!(code(&o), 0 | 3) {
        eprintln!("opening failed: {}", text(&o.stderr));
    }
    (code(&o), text(&o.stderr).contains("note:"))
}

/// The key file copies' identity (inode and modification time): a rewrite renames a new
/// file over the old one, which changes both.
fn key_file_state(vault: &Path) -> Vec<Option<(u64, i64, i64)>> {
    ["folio.key.bak", "folio.key"]
        .iter()
        .map(|name| std::fs::metadata(vault.join(name)).ok().map(|m| (m.ino(), m.mtime(), m.mtime_nsec())))
        .collect()
}

/// Key file temporary files (`.folio.key*.tmp`) in the vault folder: a write in progress,
/// or one a kill left behind.
fn temp_files(vault: &Path) -> BTreeSet<String> {
    std::fs::read_dir(vault)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".folio.key"))
        .collect()
}

/// Waits until `child` starts writing the key file (a new temporary copy appears, or a copy
/// is replaced) or ends; true if the write was seen.
pub(super) fn await_key_file_write(vault: &Path, child: &mut Child) -> bool {
    let (copies, temps) = (key_file_state(vault), temp_files(vault));
    let give_up = Instant::now() + Duration::from_secs(30);
    while Instant::now() < give_up {
        if !temp_files(vault).is_subset(&temps) || key_file_state(vault) != copies {
            return true;
        }
        if child.try_wait().ok().flatten().is_some() {
            return false;
        }
        std::thread::sleep(Duration::from_micros(200));
    }
    false
}

#[derive(Default, Debug)]
struct PasswdTally {
    runs: usize,
    acknowledged: usize,
    old_opens: usize,
    new_opens: usize,
    neither: usize,
    both: usize,
    lost: usize,
    repaired: usize,
    at_write: usize,
    copies_bad: usize,
    verify_failures: usize,
}

#[test]
fn a_password_change_killed_at_any_moment_leaves_the_old_or_the_new_password_never_neither() {
    let runs = env_count("FOLIO_PASSWD_CRASH_RUNS", 6);
    let seed = seed();
    let mut rng = Rng::new(seed ^ 0x7061_7373);
    let started = Instant::now();
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    let passwords = [PASSWORD, OTHER_PASSWORD];
    let change = |from: usize| {
        let stdin = format!("{}\n{}\n", passwords[from], passwords[1 - from]);
        spawn(&vault, &["passwd", "--password-stdin", "--new-password-stdin"], &stdin)
    };
    // One whole change, timed: the window the random kills are spread over.
    let t = Instant::now();
    let whole = kill_after(change(0), TO_THE_END);
    assert_eq!(code(&whole), 0, "{}", text(&whole.stderr));
    let typical = t.elapsed();
    let mut current = 1;
    let mut changes: usize = 1;
    let mut tally = PasswdTally::default();
    for run in 0..runs {
        let mut child = change(current);
        // Half at a random moment, half just after the key file write begins (a window of
        // a few milliseconds that random delays would rarely hit).
        let o = if run % 2 == 1 {
            tally.at_write += usize::from(await_key_file_write(&vault, &mut child));
            kill_after(child, rng.between(Duration::ZERO, Duration::from_millis(40)))
        } else {
            kill_after(child, rng.between(Duration::ZERO, typical.mul_f64(1.1)))
        };
        let acked = code(&o) == 0;
        assert!(acked || killed(&o), "passwd failed without being killed: {}", text(&o.stderr));
        tally.runs += 1;
        tally.acknowledged += usize::from(acked);
        let (old, old_mended) = opens(&vault, passwords[current]);
        let (new, new_mended) = opens(&vault, passwords[1 - current]);
        tally.repaired += usize::from(old_mended || new_mended);
        match (old == 0, new == 0) {
            (true, false) => tally.old_opens += 1,
            (false, true) => tally.new_opens += 1,
            (false, false) => tally.neither += 1,
            (true, true) => tally.both += 1,
        }
        if acked && new != 0 {
            tally.lost += 1;
        }
        let opening = if new == 0 { 1 - current } else { current };
        let verify = folio(&vault, &["--password-stdin", "verify"], &format!("{}\n", passwords[opening]));
        if code(&verify) != 0 {
            tally.verify_failures += 1;
            eprintln!("verify failed: {}{}", text(&verify.stdout), text(&verify.stderr));
        }
        let copies = json(&folio(&vault, &["--json", "status"], ""))["keyFileCopies"].clone();
        if !(copies["primary"].is_null() && copies["backup"].is_null()) {
            tally.copies_bad += 1;
            eprintln!("key file copies after run {run}: {copies}");
        }
        if opening != current {
            changes += 1;
            current = opening;
        }
    }
    let audit = folio(
        &vault,
        &["--json", "--password-stdin", "audit", "--limit", "100000"],
        &format!("{}\n", passwords[current]),
    );
    let audited = json(&audit)
        .as_array()
        .map(|entries| {
            entries
                .iter()
                .filter(|e| e["action"] == "vault.password_changed" || e["action"] == "vault.password_change_found")
                .count()
        })
        .unwrap_or(0);
    println!(
        "crash-passwd  runs={}  acknowledged={}  old-opens={}  new-opens={}  neither={}  both={}  acknowledged-lost={}  repaired-on-open={}  kills-at-key-write={}  copies-bad={}  verify-failures={}  temp-files-left={}  changes-without-audit-entry={}  seed={seed}  time={:.1}s",
        tally.runs,
        tally.acknowledged,
        tally.old_opens,
        tally.new_opens,
        tally.neither,
        tally.both,
        tally.lost,
        tally.repaired,
        tally.at_write,
        tally.copies_bad,
        tally.verify_failures,
        temp_files(&vault).len(),
        changes.saturating_sub(audited),
        started.elapsed().as_secs_f64()
    );
    assert_eq!((tally.neither, tally.both), (0, 0), "{tally:?}");
    assert_eq!(tally.lost, 0, "an acknowledged change was lost: {tally:?}");
    assert_eq!((tally.copies_bad, tally.verify_failures), (0, 0), "{tally:?}");
    // Every change in force is in the audit log (found at the next unlock if its own entry
    // was lost), and no temporary key file outlives a writing unlock.
    assert_eq!(changes.saturating_sub(audited), 0, "a password change in force without an audit entry");
    assert!(temp_files(&vault).is_empty(), "temporary key files left: {:?}", temp_files(&vault));
}
