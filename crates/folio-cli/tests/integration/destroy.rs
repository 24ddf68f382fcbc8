//! `folio destroy`: the preview reads only and shows codes and categories, never content;
//! confirming needs the right password and something due; a pending destruction can be
//! cancelled once; with no grace period the next command that writes destroys the client
//! (reading commands never do), leaving a destruction record, a certificate and a sound
//! audit chain; a hold placed after confirming keeps its client.

use super::*;

/// Today and `days` later or earlier, as the vault's clock reads it (the system's).
fn today_plus(days: i64) -> String {
    let mut day = folio_core::Clock::System.today();
    for _ in 0..days.unsigned_abs() {
        day = if days > 0 { day.succ_opt() } else { day.pred_opt() }.unwrap_or(day);
    }
    folio_core::dates::format_uk(day)
}

/// A client born in 1980 whose therapy ran from 2008 to 31/03/2010, with a letter (and its
/// attachment), a piece of artwork and a note: under Bedfordshire's policy everything of
/// theirs was due on 31/03/2017. Returns the code.
fn due_client(vault: &Path, given: &str, family: &str) -> String {
    let added = json(&run(
        vault,
        &[
            "--json",
            "client",
            "add",
            "--given",
            given,
            "--family",
            family,
            "--dob",
            "01/01/1980",
            "--referral-date",
            "01/09/2008",
        ],
    ));
    let code = added["code"].as_str().unwrap_or_else(|| panic!("no code: {added}")).to_string();
    ok(vault, &["client", "state", &code, "assessment", "--on", "08/09/2008"]);
    ok(vault, &["client", "state", &code, "in-therapy", "--on", "15/09/2008"]);
    let attachment = vault.with_file_name(format!("{code}-report.txt"));
    std::fs::write(&attachment, b"End of year report, page 1").unwrap_or_else(|e| panic!("{e}"));
    ok(
        vault,
        &[
            "correspondence",
            "add",
            &code,
            "--on",
            "05/02/2010",
            "--kind",
            "letter",
            "--direction",
            "in",
            "--with",
            "school",
            "--summary",
            "End of year report",
            "--attach",
            &attachment.to_string_lossy(),
        ],
    );
    ok(
        vault,
        &[
            "artwork",
            "add",
            &code,
            "--description",
            "Clay lighthouse",
            "--made",
            "01/10/2009",
            "--location",
            "Cabinet A",
        ],
    );
    ok(
        vault,
        &["note", "add", &code, "--kind", "free", "--on", "03/10/2009", "--text", "## Themes\nBuilt a lighthouse."],
    );
    ok(vault, &["episode", "end", &code, "--reason", "planned ending", "--on", "31/03/2010"]);
    code
}

/// A vault under Bedfordshire's policy with Bea Newell (BN-0001, referred in 2025: nothing
/// of hers counts down) and Ada Oldacre (AO-0002, everything due).
fn practice(tmp: &tempfile::TempDir) -> std::path::PathBuf {
    let vault = tmp.path().join("vault");
    let args = [
        "init",
        "--practice",
        "Hillside Art Therapy",
        "--password-stdin",
        "--kdf-target-ms",
        "0",
        "--retention",
        "bedfordshire",
    ];
    let o = folio(&vault, &args, &format!("{PASSWORD}\n"));
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    ok(
        &vault,
        &[
            "client",
            "add",
            "--given",
            "Bea",
            "--family",
            "Newell",
            "--dob",
            "10/12/2015",
            "--referral-date",
            "01/09/2025",
        ],
    );
    assert_eq!(due_client(&vault, "Ada", "Oldacre"), "AO-0002");
    vault
}

fn list(vault: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let o = run(vault, &[&["--json"], args].concat());
    assert_eq!(code(&o), 0, "{args:?}: {}", text(&o.stderr));
    json(&o).as_array().cloned().unwrap_or_else(|| panic!("{args:?} gave no list: {}", text(&o.stdout)))
}

/// The clients' codes, sorted.
fn codes(vault: &Path) -> Vec<String> {
    let mut codes: Vec<String> =
        list(vault, &["client", "list"]).iter().filter_map(|c| c["code"].as_str().map(String::from)).collect();
    codes.sort();
    codes
}

fn confirm(vault: &Path) -> serde_json::Value {
    let o = run(vault, &["--json", "destroy", "--due", "--confirm"]);
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    json(&o)
}

/// (category, count) pairs of a preview's or a record's categories.
fn counted(list: &serde_json::Value) -> Vec<(String, u64)> {
    list.as_array()
        .into_iter()
        .flatten()
        .map(|c| (c["category"].as_str().unwrap_or_default().to_string(), c["count"].as_u64().unwrap_or(0)))
        .collect()
}

fn pairs(expected: &[(&str, u64)]) -> Vec<(String, u64)> {
    expected.iter().map(|(c, n)| (c.to_string(), *n)).collect()
}

#[test]
fn the_preview_lists_the_due_client_by_code_and_category_and_changes_nothing() {
    let tmp = tempdir();
    let vault = practice(&tmp);
    let folder = folder_snapshot(&vault);
    let audit = text(&run(&vault, &["--json", "audit", "--limit", "1000"]).stdout);

    let shown = ok(&vault, &["destroy", "--due"]);
    assert!(shown.contains(&format!("Due for destruction on {}", today_plus(0))), "{shown}");
    assert!(shown.contains("AO-0002: everything: Client record 1, Correspondence 1, Artwork held 1"), "{shown}");
    assert!(!shown.contains("BN-0001"), "a client in therapy is not due: {shown}");
    let preview = json(&run(&vault, &["--json", "destroy", "--due"]));
    for key in ["today", "graceDays", "runsOn", "clients", "waiting"] {
        assert!(preview.get(key).is_some(), "the preview has {key}: {preview}");
    }
    assert_eq!((preview["graceDays"].as_u64(), preview["runsOn"].as_str()), (Some(14), Some(today_plus(14).as_str())));
    let clients = preview["clients"].as_array().cloned().unwrap_or_default();
    assert_eq!(clients.len(), 1, "{preview}");
    let ada = &clients[0];
    assert_eq!((ada["client"].as_str(), ada["whole"].as_bool()), (Some("AO-0002"), Some(true)));
    assert_eq!(counted(&ada["counts"]), pairs(&[("client-record", 1), ("correspondence", 1), ("artwork", 1)]));
    let items: Vec<(&str, Option<&str>, Option<&str>)> = ada["items"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|i| (i["category"].as_str().unwrap_or_default(), i["item"].as_str(), i["dueOn"].as_str()))
        .collect();
    assert_eq!(
        items,
        [
            ("client-record", None, Some("31/03/2017")),
            ("correspondence", Some("1"), Some("31/03/2017")),
            ("artwork", Some("ART-0001"), Some("31/05/2010")),
        ]
    );
    assert_eq!(preview["waiting"], serde_json::json!([]));
    let said = format!("{shown}{preview}");
    for content in ["Ada", "Oldacre", "End of year report", "lighthouse", "Cabinet A", "01/01/1980"] {
        assert!(!said.contains(content), "the preview shows no content ({content}): {said}");
    }

    assert_eq!(folder_snapshot(&vault), folder, "the preview wrote nothing to the vault folder");
    assert_eq!(text(&run(&vault, &["--json", "audit", "--limit", "1000"]).stdout), audit, "nor the audit log");
    assert_eq!(list(&vault, &["destroy", "pending"]), Vec::<serde_json::Value>::new());
}

#[test]
fn confirming_takes_the_right_password_and_makes_one_pending_destruction_that_waits_its_grace_period() {
    let tmp = tempdir();
    let vault = practice(&tmp);
    let wrong = folio(&vault, &["--password-stdin", "destroy", "--due", "--confirm"], "wrong horse battery staple\n");
    assert_eq!(code(&wrong), 3, "the wrong-password exit code: {}", text(&wrong.stderr));
    assert_eq!(list(&vault, &["destroy", "pending"]), Vec::<serde_json::Value>::new(), "no destruction was made");

    let batch = confirm(&vault);
    let today = today_plus(0);
    assert_eq!(batch["state"], "pending", "{batch}");
    assert_eq!(
        (batch["confirmedOn"].as_str(), batch["runsOn"].as_str()),
        (Some(today.as_str()), Some(today_plus(14).as_str()))
    );
    assert!(batch["endedOn"].is_null(), "{batch}");
    assert_eq!(batch["clients"][0]["client"], "AO-0002");
    let id = batch["id"].as_i64().unwrap_or_else(|| panic!("no id: {batch}"));
    let pending = list(&vault, &["destroy", "pending"]);
    assert_eq!((pending.len(), pending[0]["id"].as_i64()), (1, Some(id)));
    let status = list(&vault, &["retention", "status", "--client", "AO-0002"]);
    assert_eq!(status.len(), 3, "{status:?}");
    assert!(status.iter().all(|e| e["state"] == "destruction-pending"), "{status:?}");
    assert!(ok(&vault, &["destroy", "--due"]).contains("Nothing is due for destruction today."));

    // Within the grace period, commands that write do not destroy.
    ok(&vault, &["settings", "--auto-lock", "15"]);
    assert_eq!(codes(&vault), ["AO-0002", "BN-0001"], "nothing is destroyed before its day");
    let audit = text(&run(&vault, &["--json", "audit"]).stdout);
    assert!(audit.contains("retention.destruction_confirmed"), "{audit}");
}

#[test]
fn confirming_with_nothing_due_is_refused_plainly_and_makes_nothing() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    ok(&vault, &["client", "add", "--given", "Bea", "--family", "Newell", "--dob", "10/12/2015"]);
    for policy in [None, Some("bedfordshire")] {
        if let Some(p) = policy {
            ok(&vault, &["retention", "policy", "set", p]);
        }
        let o = run(&vault, &["destroy", "--due", "--confirm"]);
        assert_eq!(code(&o), 1, "{policy:?}: {}", text(&o.stdout));
        let said = text(&o.stderr);
        assert!(said.contains("Nothing is due for destruction today: there is nothing to confirm."), "{said}");
        assert_eq!(list(&vault, &["destroy", "pending"]), Vec::<serde_json::Value>::new());
    }
    let o = run(&vault, &["--json", "destroy", "--due", "--confirm"]);
    assert_eq!(json(&o)["error"]["field"], "due", "{}", text(&o.stdout));
}

#[test]
fn a_pending_destruction_is_cancelled_once_and_then_never_runs() {
    let tmp = tempdir();
    let vault = practice(&tmp);
    let id = confirm(&vault)["id"].to_string();
    let cancelled = json(&run(&vault, &["--json", "destroy", "cancel", &id]));
    assert_eq!(
        (cancelled["state"].as_str(), cancelled["endedOn"].as_str()),
        (Some("cancelled"), Some(today_plus(0).as_str()))
    );
    let status = list(&vault, &["retention", "status", "--client", "AO-0002"]);
    assert!(status.iter().all(|e| e["state"] == "due"), "due again, to be reviewed again: {status:?}");

    let again = run(&vault, &["destroy", "cancel", &id]);
    assert_eq!(code(&again), 1);
    assert!(text(&again.stderr).contains("This destruction is no longer pending"), "{}", text(&again.stderr));
    let unknown = run(&vault, &["destroy", "cancel", "999"]);
    assert_eq!(code(&unknown), 1);
    assert!(text(&unknown.stderr).contains("There is no destruction with that number"), "{}", text(&unknown.stderr));
    assert_eq!(code(&run(&vault, &["destroy", "cancel", "nine"])), 2, "not a number: usage");

    // A cancelled destruction never runs, even with no grace period and a command that writes.
    ok(&vault, &["destroy", "grace", "0"]);
    ok(&vault, &["settings", "--auto-lock", "15"]);
    assert_eq!(codes(&vault), ["AO-0002", "BN-0001"]);
    assert_eq!(list(&vault, &["destroy", "records"]), Vec::<serde_json::Value>::new());
    let batches = list(&vault, &["destroy", "pending"]);
    assert_eq!((batches.len(), batches[0]["state"].as_str()), (1, Some("cancelled")));
}

#[test]
fn with_no_grace_period_the_next_command_that_writes_destroys_the_client_but_a_reading_one_never_does() {
    let tmp = tempdir();
    let vault = practice(&tmp);
    assert_eq!(list(&vault, &["note", "search", "lighthouse"]).len(), 1, "the note is found before");
    let grace = run(&vault, &["--json", "destroy", "grace", "0"]);
    assert_eq!(json(&grace), serde_json::json!({"graceDays": 0}));
    for refused in ["91", "1.5", "two", ""] {
        let o = run(&vault, &["destroy", "grace", refused]);
        assert_eq!(code(&o), 1, "{refused:?}");
        assert!(text(&o.stderr).contains("Enter a number of days from 0 to 90."), "{}", text(&o.stderr));
    }
    let batch = confirm(&vault);
    assert_eq!(batch["runsOn"].as_str(), Some(today_plus(0).as_str()), "runs today: {batch}");
    let letter = list(&vault, &["correspondence", "list", "AO-0002"]);
    let attachment = letter[0]["attachments"][0]["id"].to_string();

    // Commands that only read open the vault read-only: they never destroy.
    let folder = folder_snapshot(&vault);
    for reading in [
        vec!["client", "list"],
        vec!["client", "show", "AO-0002"],
        vec!["retention", "status"],
        vec!["destroy", "--due"],
        vec!["destroy", "pending"],
        vec!["audit"],
        vec!["verify"],
    ] {
        let o = run(&vault, &reading);
        assert_eq!(code(&o), 0, "{reading:?}: {}", text(&o.stderr));
        assert!(!text(&o.stderr).contains("destroyed"), "{reading:?}: {}", text(&o.stderr));
    }
    assert_eq!(folder_snapshot(&vault), folder, "nothing was written");
    assert_eq!(list(&vault, &["destroy", "pending"])[0]["state"], "pending");

    // The next command that writes runs it, and says so.
    let writing = run(&vault, &["settings", "--auto-lock", "15"]);
    assert_eq!(code(&writing), 0, "{}", text(&writing.stderr));
    assert!(
        text(&writing.stderr)
            .contains("As confirmed earlier, the records due for destruction were destroyed (1 client)."),
        "{}",
        text(&writing.stderr)
    );
    let done = list(&vault, &["destroy", "pending"]);
    assert_eq!((done[0]["state"].as_str(), done[0]["endedOn"].as_str()), (Some("done"), Some(today_plus(0).as_str())));

    // Gone from the list, search, status and every record of theirs.
    assert_eq!(codes(&vault), ["BN-0001"]);
    assert!(list(&vault, &["client", "list", "--search", "Oldacre"]).is_empty());
    assert!(list(&vault, &["note", "search", "lighthouse"]).is_empty(), "the note's search entry went too");
    assert!(list(&vault, &["retention", "status"]).iter().all(|e| e["client"] != "AO-0002"));
    assert!(list(&vault, &["artwork", "list"]).is_empty());
    for gone in [vec!["client", "show", "AO-0002"], vec!["correspondence", "list", "AO-0002"]] {
        assert_eq!(code(&run(&vault, &gone)), 1, "{gone:?}");
    }
    let out = tmp.path().join("letter.txt");
    let export = run(&vault, &["correspondence", "export", &attachment, "--out", &out.to_string_lossy()]);
    assert_eq!(code(&export), 1, "the attachment went with its letter");
    assert!(!out.exists());

    // What remains: the destruction record, and a certificate of it.
    let records = list(&vault, &["destroy", "records"]);
    assert_eq!(records.len(), 1, "{records:?}");
    let record = &records[0];
    assert_eq!((record["client"].as_str(), record["batch"].as_i64()), (Some("AO-0002"), batch["id"].as_i64()));
    assert_eq!(record["destroyedOn"].as_str(), Some(today_plus(0).as_str()));
    assert_eq!(counted(&record["categories"]), pairs(&[("client-record", 1), ("correspondence", 1), ("artwork", 1)]));
    assert_eq!(record["categories"][0]["dueOn"], "31/03/2017");
    assert!(record["categories"][0]["rule"].as_str().is_some_and(|r| r.contains("25th birthday")), "{record}");
    let words = ok(&vault, &["destroy", "records"]);
    assert!(
        words.contains("AO-0002") && words.contains("Client record 1") && words.contains("Correspondence 1"),
        "{words}"
    );
    let kept = format!("{words}{records:?}");
    for content in ["Ada", "Oldacre", "End of year report", "lighthouse", "Cabinet A"] {
        assert!(!kept.contains(content), "the record holds no content ({content}): {kept}");
    }
    let id = record["id"].to_string();
    let pdf = tmp.path().join("certificate.pdf");
    let pdf_arg = pdf.to_string_lossy().into_owned();
    ok(&vault, &["destroy", "certificate", &id, "--out", &pdf_arg, "--for", "the practice's records"]);
    let written = std::fs::read(&pdf).unwrap_or_default();
    assert!(written.starts_with(b"%PDF"), "a PDF");
    let again = run(&vault, &["destroy", "certificate", &id, "--out", &pdf_arg, "--for", "an auditor"]);
    assert_eq!(code(&again), 1, "an existing file is never overwritten");
    assert!(text(&again.stderr).contains("never overwrites"), "{}", text(&again.stderr));
    assert_eq!(std::fs::read(&pdf).unwrap_or_default(), written, "the first certificate is untouched");
    let other = tmp.path().join("other.pdf");
    let unknown = run(&vault, &["destroy", "certificate", "99", "--out", &other.to_string_lossy(), "--for", "x"]);
    assert_eq!(code(&unknown), 1);
    assert!(!other.exists(), "no file for a record that does not exist");

    // The audit chain verifies, and the log names the batch.
    let verify = run(&vault, &["verify"]);
    assert_eq!(code(&verify), 0, "{}{}", text(&verify.stdout), text(&verify.stderr));
    let audit = list(&vault, &["audit", "--limit", "1000"]);
    let destroyed: Vec<&serde_json::Value> = audit.iter().filter(|e| e["action"] == "retention.destroyed").collect();
    assert_eq!(destroyed.len(), 1, "{audit:?}");
    assert_eq!(destroyed[0]["record_id"].as_str(), Some(batch["id"].to_string().as_str()));

    // A later command that writes destroys nothing more.
    let later = run(&vault, &["settings", "--auto-lock", "15"]);
    assert!(!text(&later.stderr).contains("destroyed"), "{}", text(&later.stderr));
    assert_eq!(list(&vault, &["destroy", "records"]).len(), 1);
}

#[test]
fn a_hold_placed_after_confirming_keeps_its_client_when_the_destruction_runs() {
    let tmp = tempdir();
    let vault = practice(&tmp);
    let other = due_client(&vault, "Cara", "Oswin");
    // The CLI has no clock to move, so the grace period is lived through the core with its
    // clock fixed: confirmed 20 days ago with 14 days' grace, the hold placed the next day.
    // Today's first command that writes runs the destruction.
    {
        let password = folio_core::Password::new(PASSWORD.as_bytes().to_vec());
        let mut open = folio_core::Vault::unlock(&vault, &password).unwrap_or_else(|e| panic!("{e}"));
        let day = |s: &str| folio_core::dates::parse_uk("day", "day", s).unwrap_or_else(|e| panic!("{e}"));
        open.set_clock(folio_core::Clock::on(day(&today_plus(-20))));
        let batch = folio_core::retention::confirm(&mut open, &password).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(batch.clients.len(), 2);
        open.set_clock(folio_core::Clock::on(day(&today_plus(-19))));
        folio_core::retention::hold(&mut open, "AO-0002", "A claim from the family's solicitor")
            .unwrap_or_else(|e| panic!("{e}"));
        open.lock().unwrap_or_else(|e| panic!("{e}"));
    }
    let pending = list(&vault, &["destroy", "pending"]);
    assert_eq!(
        (pending[0]["state"].as_str(), pending[0]["runsOn"].as_str()),
        (Some("pending"), Some(today_plus(-6).as_str()))
    );
    let writing = run(&vault, &["settings", "--auto-lock", "15"]);
    assert!(text(&writing.stderr).contains("were destroyed (1 client)"), "{}", text(&writing.stderr));

    assert_eq!(codes(&vault), ["AO-0002", "BN-0001"], "the held client stays; {other} went");
    let records = list(&vault, &["destroy", "records"]);
    assert_eq!(records.iter().map(|r| r["client"].as_str()).collect::<Vec<_>>(), [Some(other.as_str())]);
    assert_eq!(list(&vault, &["destroy", "pending"])[0]["state"], "done");
    let held = list(&vault, &["retention", "status", "--client", "AO-0002"]);
    assert_eq!(held.len(), 3, "every record of the held client is there: {held:?}");
    assert!(held.iter().all(|e| e["state"] == "on-hold"), "{held:?}");
    assert_eq!(list(&vault, &["correspondence", "list", "AO-0002"]).len(), 1);
    assert_eq!(list(&vault, &["note", "search", "lighthouse", "--client", "AO-0002"]).len(), 1);
    assert_eq!(code(&run(&vault, &["verify"])), 0);
}

#[test]
fn a_client_added_after_a_destruction_never_takes_the_destroyed_clients_code() {
    let tmp = tempdir();
    let vault = practice(&tmp);
    ok(&vault, &["destroy", "grace", "0"]);
    confirm(&vault);
    // The command that writes runs the destruction first, then adds a client with the same
    // initials as the one destroyed (the newest client, so the last number used).
    let added = run(&vault, &["--json", "client", "add", "--given", "Amy", "--family", "Orr", "--dob", "02/02/2016"]);
    assert!(text(&added.stderr).contains("were destroyed (1 client)"), "{}", text(&added.stderr));
    let new_code = json(&added)["code"].as_str().unwrap_or_default().to_string();
    assert_eq!(list(&vault, &["destroy", "records"])[0]["client"], "AO-0002");
    assert_ne!(new_code, "AO-0002", "a destruction record's code must name only the destroyed client");
    assert_eq!(new_code, "AO-0003", "numbers carry on after the destroyed client's");
    // A later client too, once the destroyed client's number is behind them.
    let later =
        json(&run(&vault, &["--json", "client", "add", "--given", "Al", "--family", "Ong", "--dob", "02/02/2016"]));
    assert_eq!(later["code"], "AO-0004");
}
