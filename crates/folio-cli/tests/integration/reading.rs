//! Commands that only read: on a write-protected vault, beside a writer, and `verify` on a
//! damaged page, writing nothing.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use super::*;

const NOBODY: &str = "65534";

/// Makes the vault read-only for the `folio` the test runs: its folder and files lose their
/// write permission, or, for root (whom permissions do not stop), they are handed to
/// `nobody` and `folio` runs as `nobody` through `setpriv`. Either way the process cannot
/// write there, exactly as on a write-protected drive.
struct ReadOnlyVault<'a> {
    dir: &'a Path,
    as_nobody: bool,
}

impl<'a> ReadOnlyVault<'a> {
    fn new(dir: &'a Path) -> ReadOnlyVault<'a> {
        let as_nobody = Command::new("id").arg("-u").output().map(|o| text(&o.stdout).trim() == "0").unwrap_or(false);
        if as_nobody {
            let owner = format!("{NOBODY}:{NOBODY}");
            let chown = Command::new("chown").args(["-R", &owner]).arg(dir).status();
            assert!(chown.map(|s| s.success()).unwrap_or(false), "chown the vault to nobody");
            // nobody must be able to pass through the temporary folder to reach the vault.
            if let Some(parent) = dir.parent() {
                set_mode(parent, 0o711);
            }
        }
        for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{e}")).filter_map(|e| e.ok()) {
            set_mode(&entry.path(), 0o400);
        }
        set_mode(dir, 0o500);
        ReadOnlyVault { dir, as_nobody }
    }

    fn folio(&self, args: &[&str], stdin: &str) -> Output {
        let mut command = if self.as_nobody {
            let mut c = Command::new("setpriv");
            c.args(["--reuid", NOBODY, "--regid", NOBODY, "--clear-groups", env!("CARGO_BIN_EXE_folio")]);
            c
        } else {
            Command::new(env!("CARGO_BIN_EXE_folio"))
        };
        let mut child = command
            .arg("--vault")
            .arg(self.dir)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("spawn folio: {e}"));
        if let Some(mut input) = child.stdin.take() {
            let _ = std::io::Write::write_all(&mut input, stdin.as_bytes());
        }
        child.wait_with_output().unwrap_or_else(|e| panic!("wait: {e}"))
    }
}

impl Drop for ReadOnlyVault<'_> {
    fn drop(&mut self) {
        // Let the temporary folder be removed.
        set_mode(self.dir, 0o700);
    }
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap_or_else(|e| panic!("{e}"));
}

fn add_client(vault: &Path, given: &str) -> Output {
    folio(
        vault,
        &["--password-stdin", "client", "add", "--given", given, "--family", "Quill", "--dob-unknown"],
        &format!("{PASSWORD}\n"),
    )
}

#[test]
fn a_write_protected_vault_can_be_read_and_verified_and_says_it_cannot_be_changed() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    assert_eq!(code(&add_client(&vault, "Ada")), 0);
    let before = folder_snapshot(&vault);
    let pw = format!("{PASSWORD}\n");
    let protected = ReadOnlyVault::new(&vault);

    let verify = protected.folio(&["verify", "--password-stdin"], &pw);
    assert_eq!(code(&verify), 0, "{}", text(&verify.stderr));
    assert!(text(&verify.stdout).contains("The vault is sound."));
    let list = protected.folio(&["--json", "--password-stdin", "client", "list"], &pw);
    assert_eq!(code(&list), 0, "{}", text(&list.stderr));
    let json: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap_or_default();
    assert_eq!(json.as_array().map(Vec::len), Some(1));

    let add = protected.folio(
        &["--json", "--password-stdin", "client", "add", "--given", "Bea", "--family", "Rowe", "--dob-unknown"],
        &pw,
    );
    assert_eq!(code(&add), 1, "{}", text(&add.stderr));
    let err: serde_json::Value = serde_json::from_slice(&add.stdout).unwrap_or_default();
    assert_eq!(err["error"]["code"], "READ_ONLY");
    assert!(text(&add.stderr).contains("cannot be written to"), "{}", text(&add.stderr));
    drop(protected);
    assert_eq!(folder_snapshot(&vault), before, "nothing was written, not even a journal file");
}

#[test]
fn reading_commands_run_beside_an_open_writer() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    assert_eq!(code(&add_client(&vault, "Ada")), 0);
    let pw = format!("{PASSWORD}\n");
    let mut holder = super::vault::hold_lock(&vault);
    let verify = folio(&vault, &["verify", "--password-stdin"], &pw);
    let list = folio(&vault, &["--password-stdin", "client", "list"], &pw);
    let _ = holder.kill();
    let _ = holder.wait();
    assert_eq!(code(&verify), 0, "{}", text(&verify.stderr));
    assert_eq!(code(&list), 0, "{}", text(&list.stderr));
    assert!(text(&list.stdout).contains("AQ-0001"), "{}", text(&list.stdout));
}

#[test]
fn verify_on_a_damaged_page_names_it_and_writes_nothing() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    for given in ["Ada", "Bea", "Cal", "Dee"] {
        assert_eq!(code(&add_client(&vault, given)), 0);
    }
    let db = vault.join("folio.db");
    let original = std::fs::read(&db).unwrap_or_default();
    let pages = original.len() / 4096;
    // A flipped byte in a page the unlock itself reads (the schema, the settings) stops the
    // unlock as damage before verify can look; verify names a damaged page of records. Try
    // the last pages until one holds records.
    let mut found = None;
    for page in (pages.saturating_sub(8)..pages).rev() {
        let mut bytes = original.clone();
        bytes[page * 4096 + 900] ^= 0x01;
        std::fs::write(&db, &bytes).unwrap_or_else(|e| panic!("{e}"));
        let before = folder_snapshot(&vault);
        let verify = folio(&vault, &["verify", "--password-stdin"], &format!("{PASSWORD}\n"));
        assert_eq!(code(&verify), 4, "damage is exit 4: {}", text(&verify.stderr));
        assert_eq!(folder_snapshot(&vault), before, "verify changed nothing, as it says");
        let out = text(&verify.stdout);
        if !out.is_empty() {
            found = Some((page, out));
            break;
        }
    }
    let Some((page, out)) = found else { panic!("no page of records near the end of the file") };
    assert!(out.contains(&format!("page {} of {} cannot be read", page + 1, pages)), "{out}");
    assert!(!out.contains("entry 0"), "{out}");
    assert!(!out.to_lowercase().contains("b-tree") && !out.contains("malformed"), "{out}");
    assert!(out.contains("Problems found. Nothing has been changed."), "{out}");
}
