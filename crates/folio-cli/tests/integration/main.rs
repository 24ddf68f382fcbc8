//! The `folio` binary, driven as a script would drive it.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const PASSWORD: &str = "tangerine piano lighthouse";

fn folio(vault: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("--vault")
        .arg(vault)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn folio: {e}"));
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin.as_bytes());
    }
    child.wait_with_output().unwrap_or_else(|e| panic!("wait: {e}"))
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn init(vault: &Path) {
    let o = folio(
        vault,
        &["init", "--practice", "Hillside Art Therapy", "--password-stdin", "--kdf-target-ms", "0"],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

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
fn bench_prints_ratios_beside_a_baseline() {
    let tmp = tempdir();
    let base = tmp.path().join("base.json");
    let base_arg = base.to_string_lossy().into_owned();
    let first = folio(
        tmp.path(),
        &["bench", "--rows", "2000", "--runs", "1", "--clients", "20", "--save-baseline", &base_arg],
        "",
    );
    assert_eq!(code(&first), 0, "{}", text(&first.stderr));
    let second =
        folio(tmp.path(), &["bench", "--rows", "2000", "--runs", "1", "--clients", "20", "--baseline", &base_arg], "");
    let out = text(&second.stdout);
    assert!(out.contains("kdf_argon2id_64mib_t3"), "{out}");
    assert!(out.contains("sqlcipher / plain sqlite, scan"), "{out}");
    assert!(out.contains("client_list_search_20"), "{out}");
    let kdf_line = out.lines().find(|l| l.starts_with("kdf_argon2id")).unwrap_or_default();
    assert_eq!(kdf_line.split_whitespace().count(), 4, "name, this run, baseline, ratio: {kdf_line}");
}

#[test]
fn clients_from_referral_files_through_their_lifecycle() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    let pw = format!("{PASSWORD}\n");
    let form = tmp.path().join("referral.json");
    std::fs::write(
        &form,
        r#"{"givenName":"Jessamine","familyName":"Quartermaine","dateOfBirth":"14/03/2015","referralDate":"02/11/2026",
            "settingName":"Oakfield Primary","safeguardingConcern":true,"modality":"art",
            "parentalResponsibility":[{"name":"Morwenna Quartermaine","relationship":"mother"}]}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let form_arg = form.to_string_lossy().into_owned();
    let added = folio(&vault, &["--password-stdin", "referral", "add", &form_arg], &pw);
    assert_eq!(code(&added), 0, "{}", text(&added.stderr));
    assert!(text(&added.stdout).contains("Added JQ-0001 (referred 02/11/2026)."));

    let impossible = folio(
        &vault,
        &["--password-stdin", "client", "add", "--given", "Bram", "--family", "Stoker", "--dob", "31/02/2015"],
        &pw,
    );
    assert_eq!(code(&impossible), 1);
    assert!(text(&impossible.stderr).contains("31/02/2015 is not a real date"));

    let skip = folio(&vault, &["--password-stdin", "client", "state", "JQ-0001", "ended", "--note", "x"], &pw);
    assert_eq!(code(&skip), 1);
    assert!(text(&skip.stderr).contains("can move to"));
    for (state, on) in [("assessment", "03/11/2026"), ("in-therapy", "10/11/2026")] {
        let o = folio(&vault, &["--password-stdin", "client", "state", "JQ-0001", state, "--on", on], &pw);
        assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    }
    let end = folio(
        &vault,
        &["--password-stdin", "episode", "end", "JQ-0001", "--reason", "planned ending", "--on", "20/11/2026"],
        &pw,
    );
    assert_eq!(code(&end), 0, "{}", text(&end.stderr));
    let again = folio(&vault, &["--password-stdin", "episode", "start", "JQ-0001", "--on", "21/11/2026"], &pw);
    assert!(text(&again.stdout).contains("episode 2 started 21/11/2026"), "{}", text(&again.stdout));

    let list = folio(&vault, &["--json", "--password-stdin", "client", "list", "--safeguarding", "yes"], &pw);
    let json: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap_or_default();
    assert_eq!(json[0]["code"], "JQ-0001");
    assert_eq!(json[0]["episode"], 2);
    assert!(!text(&list.stdout).contains("Jessamine"), "lists show initials and code only");

    let show = folio(&vault, &["--password-stdin", "client", "show", "jq-0001"], &pw);
    let shown = text(&show.stdout);
    assert!(
        shown.contains("Jessamine Quartermaine")
            && shown.contains("Episode 1: 02/11/2026 to 20/11/2026 (planned ending)"),
        "{shown}"
    );

    let bad = tmp.path().join("bad.json");
    std::fs::write(&bad, r#"{"givenName": "X", "favouriteColour": "blue"}"#).unwrap_or_else(|e| panic!("{e}"));
    let refused = folio(&vault, &["--password-stdin", "referral", "add", &bad.to_string_lossy()], &pw);
    assert_eq!(code(&refused), 1);
    assert!(text(&refused.stderr).contains("unknown field `favouriteColour`"));
}

#[test]
fn the_attendance_register_through_the_cli() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    let pw = format!("{PASSWORD}\n");
    let run = |args: &[&str]| {
        let mut all = vec!["--password-stdin"];
        all.extend_from_slice(args);
        let o = folio(&vault, &all, &pw);
        assert_eq!(code(&o), 0, "{args:?}: {}", text(&o.stderr));
        text(&o.stdout)
    };
    run(&[
        "client",
        "add",
        "--given",
        "Ada",
        "--family",
        "Lovelace",
        "--dob",
        "10/12/2015",
        "--referral-date",
        "01/09/2026",
    ]);
    run(&["client", "state", "AL-0001", "assessment", "--on", "08/09/2026"]);
    run(&["client", "state", "AL-0001", "in-therapy", "--on", "15/09/2026"]);
    run(&["session", "add", "AL-0001", "--on", "15/09/2026", "--time", "14:30", "--outcome", "attended"]);
    run(&["session", "add", "AL-0001", "--on", "22/09/2026", "--outcome", "dna"]);
    let online = folio(
        &vault,
        &[
            "--password-stdin",
            "session",
            "add",
            "AL-0001",
            "--on",
            "29/09/2026",
            "--mode",
            "online",
            "--outcome",
            "attended",
            "--platform",
            "Video app",
        ],
        &pw,
    );
    assert_eq!(code(&online), 1);
    assert!(text(&online.stderr).contains("parent or carer"), "{}", text(&online.stderr));
    run(&[
        "session",
        "add",
        "AL-0001",
        "--on",
        "29/09/2026",
        "--mode",
        "online",
        "--outcome",
        "attended",
        "--platform",
        "Video app",
        "--parent-start",
        "yes",
        "--parent-end",
        "yes",
        "--parent-nearby",
        "yes",
    ]);
    let register = run(&["session", "list", "AL-0001"]);
    assert!(register.contains("Did not attend") && register.contains("online"), "{register}");
    let counts = run(&["session", "attendance", "AL-0001", "--from", "01/09/2026", "--to", "30/09/2026"]);
    assert!(counts.contains("Attended:               2 (in person 1, online 1, phone 0)"), "{counts}");
    assert!(counts.contains("Did not attend:         1"), "{counts}");

    let pdf = vault.parent().map(|p| p.join("attendance.pdf")).unwrap_or_default();
    let pdf_arg = pdf.to_string_lossy().into_owned();
    run(&["session", "attendance", "AL-0001", "--from", "01/09/2026", "--to", "30/09/2026", "--pdf", &pdf_arg]);
    let bytes = std::fs::read(&pdf).unwrap_or_default();
    assert!(bytes.starts_with(b"%PDF-"), "a PDF was written");
    // The text, as a reader sees it (poppler-utils is installed by scripts/setup.sh).
    let extracted = Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap_or_else(|e| panic!("pdftotext: {e}"));
    let words = text(&extracted.stdout);
    assert!(words.contains("Attendance summary") && words.contains("AL-0001 (AL)"), "{words}");
    assert!(words.contains("01/09/2026 to 30/09/2026"), "{words}");
    assert!(!words.contains("Lovelace"), "no names in a summary that leaves the vault: {words}");
    let again = folio(
        &vault,
        &[
            "--password-stdin",
            "session",
            "attendance",
            "AL-0001",
            "--from",
            "01/09/2026",
            "--to",
            "30/09/2026",
            "--pdf",
            &pdf_arg,
        ],
        &pw,
    );
    assert!(text(&again.stderr).contains("never overwrites"));
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
    let again =
        folio(&vault, &["demo", "--out", &vault.to_string_lossy(), "--password-stdin"], &format!("{PASSWORD}\n"));
    assert_eq!(code(&again), 1, "an existing vault is never overwritten");
    assert!(text(&again.stderr).contains("already a Folio vault"));
}

#[test]
fn the_professionals_directory_through_the_cli() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    let pw = format!("{PASSWORD}\n");
    let run = |args: &[&str]| folio(&vault, &[&["--password-stdin"], args].concat(), &pw);
    assert_eq!(code(&run(&["client", "add", "--given", "Ada", "--family", "Lovelace", "--dob", "10/12/2015"])), 0);
    let bad = run(&["professional", "add", "--name", "Priya Shah", "--role", "wizard"]);
    assert_eq!(code(&bad), 1);
    assert!(text(&bad.stderr).contains("Choose a role"));
    let added = run(&["professional", "add", "--name", "Priya Shah", "--role", "salt", "--organisation", "NHS Trust"]);
    assert!(text(&added.stdout).contains("as professional 1"), "{}", text(&added.stdout));
    assert_eq!(code(&run(&["professional", "link", "AL-0001", "1"])), 0);
    let show = run(&["--json", "client", "show", "AL-0001"]);
    let json: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap_or_default();
    assert_eq!(json["professionals"][0]["name"], "Priya Shah");
}

#[test]
fn correspondence_with_an_attachment_in_and_out() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    let pw = format!("{PASSWORD}\n");
    let run = |args: &[&str]| folio(&vault, &[&["--password-stdin"], args].concat(), &pw);
    assert_eq!(code(&run(&["client", "add", "--given", "Ada", "--family", "Lovelace", "--dob", "10/12/2015"])), 0);
    let scan = tmp.path().join("letter-scan.pdf");
    let body: Vec<u8> = (0..600_000u32).map(|i| (i % 253) as u8).collect();
    std::fs::write(&scan, &body).unwrap_or_else(|e| panic!("{e}"));
    let scan_arg = scan.to_string_lossy().into_owned();
    let added = run(&[
        "correspondence",
        "add",
        "AL-0001",
        "--kind",
        "letter",
        "--direction",
        "out",
        "--with",
        "school",
        "--summary",
        "Attendance summary sent to the SENCo",
        "--attach",
        &scan_arg,
    ]);
    assert_eq!(code(&added), 0, "{}", text(&added.stderr));
    let log = text(&run(&["correspondence", "list", "AL-0001"]).stdout);
    assert!(log.contains("letter-scan.pdf (600000 bytes)"), "{log}");
    let out = tmp.path().join("copy.pdf");
    let exported = run(&["correspondence", "export", "1", "--out", &out.to_string_lossy()]);
    assert_eq!(code(&exported), 0, "{}", text(&exported.stderr));
    assert!(std::fs::read(&out).unwrap_or_default() == body);
    let again = run(&["correspondence", "export", "1", "--out", &out.to_string_lossy()]);
    assert!(text(&again.stderr).contains("never overwrites"));
    let exe = tmp.path().join("tool.exe");
    std::fs::write(&exe, b"MZ").unwrap_or_else(|e| panic!("{e}"));
    let refused = run(&[
        "correspondence",
        "add",
        "AL-0001",
        "--kind",
        "email",
        "--direction",
        "in",
        "--with",
        "parent",
        "--summary",
        "x",
        "--attach",
        &exe.to_string_lossy(),
    ]);
    assert_eq!(code(&refused), 1);
    assert!(text(&refused.stderr).contains("is not one of these"));
}

#[test]
fn import_csv_previews_then_commits_good_rows() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    let pw = format!("{PASSWORD}\n");
    let sheet = tmp.path().join("clients.csv");
    std::fs::write(
        &sheet,
        "First name,Surname,DOB,Referral date\nAda,Lovelace,10/12/2015,01/09/2026\nBram,Stoker,31/02/2014,02/09/2026\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let sheet_arg = sheet.to_string_lossy().into_owned();
    let preview = folio(&vault, &["import-csv", &sheet_arg], "");
    assert_eq!(code(&preview), 0, "{}", text(&preview.stderr));
    let shown = text(&preview.stdout);
    assert!(shown.contains("line 3: 31/02/2014 is not a real date"), "{shown}");
    assert!(shown.contains("Nothing has been written"), "{shown}");
    let done = folio(&vault, &["--password-stdin", "import-csv", &sheet_arg, "--commit"], &pw);
    assert!(text(&done.stdout).contains("Imported 1 client(s); 1 row(s) left out"), "{}", text(&done.stdout));
    let list = folio(&vault, &["--password-stdin", "client", "list"], &pw);
    assert!(text(&list.stdout).contains("AL-0001"));
}
