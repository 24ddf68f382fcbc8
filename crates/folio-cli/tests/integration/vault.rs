//! `init`, `status`, `verify`, `passwd`, `settings`, `audit`, `demo` and the exit codes.

use super::*;

#[test]
fn init_status_verify_on_a_real_vault() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    let status = folio(&vault, &["--json", "status"], "");
    assert_eq!(code(&status), 0);
    let json: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap_or_default();
    assert_eq!(json["slots"][0]["kind"], "password");
    assert!(json["slots"][0]["kdf"]["memory_kib"].as_u64().unwrap_or(0) >= 65536);
    assert!(!text(&status.stdout).contains("Hillside"), "status shows nothing personal");

    let verify = folio(&vault, &["verify", "--password-stdin"], &format!("{PASSWORD}\n"));
    assert_eq!(code(&verify), 0, "{}", text(&verify.stderr));
    assert!(text(&verify.stdout).contains("The vault is sound."));
}

#[test]
fn exit_codes_tell_wrong_password_damage_and_usage_apart() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    let wrong = folio(&vault, &["--json", "verify", "--password-stdin"], "not it at all\n");
    assert_eq!(code(&wrong), 3);
    let json: serde_json::Value = serde_json::from_slice(&wrong.stdout).unwrap_or_default();
    assert_eq!(json["error"]["code"], "WRONG_PASSWORD");
    assert!(text(&wrong.stderr).contains("does not open this vault"));

    let usage = folio(&vault, &["frobnicate"], "");
    assert_eq!(code(&usage), 2);

    let mut db = std::fs::read(vault.join("folio.db")).unwrap_or_default();
    db[300] ^= 0xff;
    std::fs::write(vault.join("folio.db"), db).unwrap_or_else(|e| panic!("{e}"));
    let damaged = folio(&vault, &["verify", "--password-stdin"], &format!("{PASSWORD}\n"));
    assert_eq!(code(&damaged), 4, "{}", text(&damaged.stderr));
    assert!(text(&damaged.stderr).contains("damaged"));
    assert!(vault.join("folio.db").exists());

    let missing = folio(&tmp.path().join("nowhere"), &["status"], "");
    assert_eq!(code(&missing), 1);
    assert!(text(&missing.stderr).contains("There is no Folio vault"));
}

#[test]
fn passwd_reads_both_passwords_from_stdin() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    let new = "quiet river copper saucepan";
    let weak = folio(&vault, &["passwd", "--password-stdin", "--new-password-stdin"], &format!("{PASSWORD}\nshort\n"));
    assert_eq!(code(&weak), 1);
    assert!(text(&weak.stderr).contains("Too short"));
    let o = folio(&vault, &["passwd", "--password-stdin", "--new-password-stdin"], &format!("{PASSWORD}\n{new}\n"));
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    assert_eq!(code(&folio(&vault, &["verify", "--password-stdin"], &format!("{PASSWORD}\n"))), 3);
    assert_eq!(code(&folio(&vault, &["verify", "--password-stdin"], &format!("{new}\n"))), 0);
}

#[test]
fn settings_and_audit_through_the_cli() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    let bad = folio(&vault, &["settings", "--password-stdin", "--auto-lock", "500"], &format!("{PASSWORD}\n"));
    assert_eq!(code(&bad), 1);
    assert!(text(&bad.stderr).contains("from 1 to 120"));
    let set = folio(&vault, &["--json", "settings", "--password-stdin", "--auto-lock", "5"], &format!("{PASSWORD}\n"));
    assert_eq!(code(&set), 0);
    let json: serde_json::Value = serde_json::from_slice(&set.stdout).unwrap_or_default();
    assert_eq!(json["autoLockMinutes"], 5);
    let audit = folio(&vault, &["audit", "--password-stdin"], &format!("{PASSWORD}\n"));
    let out = text(&audit.stdout);
    assert!(out.contains("settings.changed setting:auto_lock_minutes"), "{out}");
    assert!(out.contains("vault.created"));
}

#[test]
fn init_refuses_weak_passwords_and_existing_vaults() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    let weak = folio(&vault, &["init", "--practice", "X", "--password-stdin", "--kdf-target-ms", "0"], "password1\n");
    assert_eq!(code(&weak), 1);
    assert!(text(&weak.stderr).contains("three random words"));
    init(&vault);
    let again = folio(
        &vault,
        &["init", "--practice", "X", "--password-stdin", "--kdf-target-ms", "0"],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(code(&again), 1);
    assert!(text(&again.stderr).contains("already a Folio vault"));
    let empty = folio(&tmp.path().join("v2"), &["init", "--practice", "X", "--password-stdin"], "");
    assert_eq!(code(&empty), 1);
    assert!(text(&empty.stderr).contains("No password on standard input"));
}

#[test]
fn demo_makes_a_lived_in_practice() {
    let tmp = tempdir();
    let vault = tmp.path().join("demo");
    let made = folio(
        &vault,
        &["--json", "demo", "--out", &vault.to_string_lossy(), "--clients", "8", "--password-stdin"],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(code(&made), 0, "{}", text(&made.stderr));
    let json: serde_json::Value = serde_json::from_slice(&made.stdout).unwrap_or_default();
    assert_eq!(json["clients"], 8);
    let list = folio(&vault, &["--json", "--password-stdin", "client", "list"], &format!("{PASSWORD}\n"));
    let clients: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap_or_default();
    assert_eq!(clients.as_array().map(Vec::len), Some(8));
    // Its clinical will: 2 of 3, the shares beside the vault (never inside it), and they open it.
    let shares = tmp.path().join("demo-handover-shares");
    assert_eq!(json["handoverShares"], shares.to_string_lossy().as_ref());
    assert!(!vault.join("share-1.txt").exists(), "no share inside the vault folder");
    let status = folio(&vault, &["--json", "--password-stdin", "handover", "status"], &format!("{PASSWORD}\n"));
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap_or_default();
    assert_eq!((status["threshold"].as_u64(), status["shares"].as_u64()), (Some(2), Some(3)), "{status}");
    let opened = folio(
        &vault,
        &[
            "--json",
            "handover",
            "open",
            "--share-file",
            &shares.join("share-1.txt").to_string_lossy(),
            "--share-file",
            &shares.join("share-3.txt").to_string_lossy(),
            "--mode",
            "contact",
        ],
        "",
    );
    assert_eq!(code(&opened), 0, "{}", text(&opened.stderr));
    let sheet: serde_json::Value = serde_json::from_slice(&opened.stdout).unwrap_or_default();
    assert!(sheet["instructions"].as_str().is_some_and(|i| i.contains("grey cabinet")), "{sheet}");
    let bare = tmp.path().join("bare");
    let made = folio(
        &bare,
        &["--json", "demo", "--out", &bare.to_string_lossy(), "--clients", "2", "--no-handover", "--password-stdin"],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(code(&made), 0, "{}", text(&made.stderr));
    let bare_json: serde_json::Value = serde_json::from_slice(&made.stdout).unwrap_or_default();
    assert!(bare_json["handoverShares"].is_null() && !tmp.path().join("bare-handover-shares").exists());
    let again =
        folio(&vault, &["demo", "--out", &vault.to_string_lossy(), "--password-stdin"], &format!("{PASSWORD}\n"));
    assert_eq!(code(&again), 1, "an existing vault is never overwritten");
    assert!(text(&again.stderr).contains("already a Folio vault"));
}

/// A process holding the vault folder's lock, as an open Folio window does (`flock` from
/// util-linux takes the same advisory lock Folio takes).
pub(crate) fn hold_lock(vault: &Path) -> std::process::Child {
    // --no-fork: the lock belongs to the process we kill, not to a child it forked.
    let child = Command::new("flock")
        .args(["--exclusive", "--no-fork"])
        .arg(vault)
        .args(["sleep", "60"])
        .spawn()
        .unwrap_or_else(|e| panic!("flock (util-linux) is needed for this test: {e}"));
    // Until the holder has the lock, a Folio command would still get in.
    for _ in 0..100 {
        let probe = Command::new("flock").args(["--nonblock", "--exclusive"]).arg(vault).arg("true").status();
        if probe.map(|s| !s.success()).unwrap_or(false) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child
}

#[test]
fn a_second_writer_is_refused_plainly_and_a_killed_one_leaves_no_lock() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    let pw = format!("{PASSWORD}\n");
    let mut holder = hold_lock(&vault);
    let refused = folio(
        &vault,
        &["--password-stdin", "client", "add", "--given", "Ada", "--family", "Lovelace", "--dob-unknown"],
        &pw,
    );
    assert_eq!(code(&refused), 1, "{}", text(&refused.stderr));
    assert!(
        text(&refused.stderr).contains("Folio is open on this vault in another window or command"),
        "{}",
        text(&refused.stderr)
    );
    assert!(!text(&refused.stderr).to_lowercase().contains("database is locked"));
    // `status` reads only the key file and runs beside the writer.
    assert_eq!(code(&folio(&vault, &["status"], "")), 0);
    // The holder dies without cleaning up: the system drops its lock.
    let _ = holder.kill();
    let _ = holder.wait();
    let added = folio(
        &vault,
        &["--password-stdin", "client", "add", "--given", "Ada", "--family", "Lovelace", "--dob-unknown"],
        &pw,
    );
    assert_eq!(code(&added), 0, "{}", text(&added.stderr));
    let list = folio(&vault, &["--json", "--password-stdin", "client", "list"], &pw);
    let json: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap_or_default();
    assert_eq!(json.as_array().map(Vec::len), Some(1), "the refused command added nothing");
}

#[test]
fn endless_or_hanging_inputs_are_refused_at_once() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    // A key file that is a link to an endless device: every command says "damaged", fast.
    for copy in ["folio.key", "folio.key.bak"] {
        std::fs::remove_file(vault.join(copy)).unwrap_or_else(|e| panic!("{e}"));
        std::os::unix::fs::symlink("/dev/zero", vault.join(copy)).unwrap_or_else(|e| panic!("{e}"));
    }
    let status = folio(&vault, &["status"], "");
    assert_eq!(code(&status), 4, "{}", text(&status.stderr));
    assert!(text(&status.stderr).contains("is a link"), "{}", text(&status.stderr));
    let unlock = folio(&vault, &["--password-stdin", "client", "list"], &format!("{PASSWORD}\n"));
    assert_eq!(code(&unlock), 4, "{}", text(&unlock.stderr));

    // A spreadsheet that is a FIFO with no writer would hang a blocking open.
    let other = tmp.path().join("other");
    init(&other);
    let fifo = tmp.path().join("clients.csv");
    assert!(Command::new("mkfifo").arg(&fifo).status().map(|s| s.success()).unwrap_or(false));
    let piped = folio(&other, &["--password-stdin", "import-csv", &fifo.to_string_lossy()], &format!("{PASSWORD}\n"));
    assert_eq!(code(&piped), 1, "{}", text(&piped.stderr));
    assert!(text(&piped.stderr).contains("not an ordinary file"), "{}", text(&piped.stderr));

    // An endless standard input is read only up to a password's length.
    let endless = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["--vault", &other.to_string_lossy(), "--password-stdin", "client", "list"])
        .stdin(std::fs::File::open("/dev/zero").unwrap_or_else(|e| panic!("{e}")))
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(code(&endless), 3, "a 4 KB line of zero bytes is simply the wrong password");
}

#[test]
fn a_damaged_key_file_copy_is_mended_and_said_once() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    let key = vault.join("folio.key");
    let mut bytes = std::fs::read(&key).unwrap_or_default();
    bytes[150] ^= 0x5a;
    std::fs::write(&key, bytes).unwrap_or_else(|e| panic!("{e}"));
    let damaged = std::fs::read(&key).unwrap_or_default();
    let pw = format!("{PASSWORD}\n");
    // A command that only reads says so, and leaves the copy for a writing command to mend.
    let reading = folio(&vault, &["--password-stdin", "client", "list"], &pw);
    assert_eq!(code(&reading), 0, "{}", text(&reading.stderr));
    assert!(
        text(&reading.stderr).contains("note: The first copy of the key file is damaged")
            && text(&reading.stderr).contains("will be rewritten"),
        "{}",
        text(&reading.stderr)
    );
    assert_eq!(std::fs::read(&key).unwrap_or_default(), damaged, "a reading command writes nothing");

    let first = folio(&vault, &["--password-stdin", "settings", "--auto-lock", "7"], &pw);
    assert_eq!(code(&first), 0, "{}", text(&first.stderr));
    assert!(
        text(&first.stderr).contains("note: The first copy of the key file was damaged"),
        "{}",
        text(&first.stderr)
    );
    let second = folio(&vault, &["--password-stdin", "settings", "--auto-lock", "8"], &pw);
    assert!(!text(&second.stderr).contains("note:"), "said once: {}", text(&second.stderr));
    assert_eq!(std::fs::read(&key).ok(), std::fs::read(vault.join("folio.key.bak")).ok());
}
