//! `note`: adding, signing, amending and searching notes, and the identifier check's contract for scripts.

use super::*;

fn vault_with_zoe(tmp: &tempfile::TempDir) -> std::path::PathBuf {
    let vault = tmp.path().join("vault");
    init(&vault);
    let referral = tmp.path().join("referral.json");
    let json = r#"{"givenName":"Zoë","familyName":"O'Brien-Hart","dateOfBirth":"07/04/2013","referralDate":"02/09/2026","settingName":"St Anne's Primary"}"#;
    std::fs::write(&referral, json).unwrap_or_else(|e| panic!("{e}"));
    let added =
        folio(&vault, &["--password-stdin", "referral", "add", &referral.to_string_lossy()], &format!("{PASSWORD}\n"));
    assert_eq!(code(&added), 0, "{}", text(&added.stderr));
    vault
}

fn check(vault: &Path, note: &Path) -> Output {
    folio(
        vault,
        &["--json", "--password-stdin", "note", "check", "ZO-0001", &note.to_string_lossy()],
        &format!("{PASSWORD}\n"),
    )
}

#[test]
fn note_check_prints_hits_with_code_point_offsets_sorted_and_exits_0() {
    let tmp = tempdir();
    let vault = vault_with_zoe(&tmp);
    let note = tmp.path().join("note.txt");
    // "é" and "—" are one code point each but several bytes: offsets are code points.
    std::fs::write(&note, "Café — Zoë, born 7/4/13, at St Anne's Primary.").unwrap_or_else(|e| panic!("{e}"));
    let o = check(&vault, &note);
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    let hits = json["hits"].as_array().cloned().unwrap_or_default();
    let got: Vec<(String, String, u64, u64)> = hits
        .iter()
        .map(|h| {
            (
                h["text"].as_str().unwrap_or_default().to_string(),
                h["kind"].as_str().unwrap_or_default().to_string(),
                h["start"].as_u64().unwrap_or(u64::MAX),
                h["end"].as_u64().unwrap_or(u64::MAX),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("Zoë".to_string(), "given-name".to_string(), 7, 10),
            ("7/4/13".into(), "date-of-birth".into(), 17, 23),
            ("St Anne's Primary".into(), "setting".into(), 28, 45),
        ]
    );
    assert!(hits.iter().all(|h| h.get("suggestion").is_some()), "suggestion is always present (may be null)");

    std::fs::write(&note, "Painted a boat; talked about the sea.").unwrap_or_else(|e| panic!("{e}"));
    let clean = check(&vault, &note);
    assert_eq!(code(&clean), 0);
    let json: serde_json::Value = serde_json::from_slice(&clean.stdout).unwrap_or_default();
    assert_eq!(json, serde_json::json!({"hits": []}));
}

#[test]
fn note_check_refuses_a_file_that_is_not_text_or_a_client_that_is_not_there() {
    let tmp = tempdir();
    let vault = vault_with_zoe(&tmp);
    let note = tmp.path().join("note.bin");
    std::fs::write(&note, [0xff, 0xfe, 0x00, 0x5a]).unwrap_or_else(|e| panic!("{e}"));
    let o = check(&vault, &note);
    assert_eq!(code(&o), 1);
    assert!(text(&o.stderr).contains("not plain text"), "{}", text(&o.stderr));
    std::fs::write(&note, "fine").unwrap_or_else(|e| panic!("{e}"));
    let o = folio(
        &vault,
        &["--password-stdin", "note", "check", "XX-0009", &note.to_string_lossy()],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(code(&o), 1, "{}", text(&o.stderr));
}

/// Zoë in therapy with one attended session (id 1) on 20/11/2026.
fn vault_with_session(tmp: &tempfile::TempDir) -> std::path::PathBuf {
    let vault = vault_with_zoe(tmp);
    for args in [
        &["client", "state", "ZO-0001", "assessment", "--on", "08/09/2026"][..],
        &["client", "state", "ZO-0001", "in-therapy", "--on", "15/09/2026"],
        &["session", "add", "ZO-0001", "--on", "20/11/2026", "--outcome", "attended"],
    ] {
        let o = run(&vault, args);
        assert_eq!(code(&o), 0, "{args:?}: {}", text(&o.stderr));
    }
    vault
}

#[test]
fn a_note_is_added_refused_at_signing_while_it_names_the_client_then_signed_amended_and_found() {
    let tmp = tempdir();
    let vault = vault_with_session(&tmp);
    let file = tmp.path().join("note.txt");
    std::fs::write(&file, "## Themes\nO'Brien-Hart drew a lighthouse.\n\n## Risk\nNone noted.\n")
        .unwrap_or_else(|e| panic!("{e}"));

    // `note add` prints the new note's id alone.
    let added =
        run(&vault, &["note", "add", "ZO-0001", "--kind", "session-note", "--session", "1", &file.to_string_lossy()]);
    assert_eq!(code(&added), 0, "{}", text(&added.stderr));
    let id = text(&added.stdout).trim().to_string();
    assert_eq!(id, "1");

    // Signing is refused (exit 1) while the surname is there; the message names no one.
    let refused = run(&vault, &["note", "sign", &id]);
    assert_eq!(code(&refused), 1);
    let message = text(&refused.stderr);
    assert!(message.contains("the client's surname (in the section “Themes”)"), "{message}");
    assert!(!message.contains("Brien"), "{message}");
    let shown = text(&run(&vault, &["note", "show", &id]).stdout);
    assert!(shown.contains("Identifier check: 1 to replace"), "{shown}");
    assert!(shown.contains("O'Brien-Hart — the client's surname"), "{shown}");

    // Edited (a draft can be), then signed.
    let edited =
        run(&vault, &["note", "edit", &id, "--text", "## Themes\nZO drew a lighthouse.\n## Risk\nNone noted."]);
    assert_eq!(code(&edited), 0, "{}", text(&edited.stderr));
    let signed = run(&vault, &["--json", "note", "sign", &id]);
    assert_eq!(code(&signed), 0, "{}", text(&signed.stderr));
    assert_eq!(json(&signed)["summary"]["state"], "signed");

    // A signed note refuses edits; an amendment needs a reason and keeps the original.
    let locked = run(&vault, &["note", "edit", &id, "--text", "changed"]);
    assert_eq!(code(&locked), 1);
    assert!(text(&locked.stderr).contains("signed and locked"), "{}", text(&locked.stderr));
    let no_reason = run(&vault, &["note", "amend", &id, "--text", "## Themes\nZO drew a windmill."]);
    assert_eq!(code(&no_reason), 2, "--reason is required");
    let amended = run(
        &vault,
        &[
            "note",
            "amend",
            &id,
            "--reason",
            "wrong building",
            "--text",
            "## Themes\nZO drew a windmill.\n## Risk\nNone noted.",
        ],
    );
    assert_eq!(code(&amended), 0, "{}", text(&amended.stderr));
    let shown = json(&run(&vault, &["--json", "note", "show", &id]));
    assert_eq!(shown["versions"].as_array().map(Vec::len), Some(2));
    assert_eq!(shown["versions"][0]["sections"][0]["text"], "ZO drew a lighthouse.");
    assert_eq!(shown["versions"][1]["reason"], "wrong building");
    let history = text(&run(&vault, &["note", "show", &id]).stdout);
    assert!(history.contains("version 2, amended (wrong building)") && history.contains("lighthouse"), "{history}");

    // Search: the contract for scripts, and the amended-away word is gone.
    let found = run(&vault, &["--json", "note", "search", "windmill"]);
    assert_eq!(code(&found), 0, "{}", text(&found.stderr));
    let results = json(&found);
    let first = &results[0];
    let mut keys: Vec<&str> = first.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
    keys.sort();
    assert_eq!(keys, ["client", "date", "id", "kind", "snippet"]);
    assert_eq!(first["id"], 1);
    assert_eq!(first["client"], "ZO-0001 (ZO)");
    assert_eq!(first["date"], "20/11/2026");
    assert_eq!(first["kind"], "session-note");
    assert!(first["snippet"].as_str().unwrap_or_default().contains("[windmill]"), "{first}");
    assert_eq!(json(&run(&vault, &["--json", "note", "search", "lighthouse"])), serde_json::json!([]));
    let filtered = json(&run(&vault, &["--json", "note", "search", "wind*", "--kind", "free"]));
    assert_eq!(filtered, serde_json::json!([]));
    let bad = run(&vault, &["note", "search", "windmill", "--from", "31/02/2026"]);
    assert_eq!(code(&bad), 1);

    let list = text(&run(&vault, &["note", "list", "ZO-0001"]).stdout);
    assert!(list.contains("Session note") && list.contains("signed, amended 1 time"), "{list}");
    assert!(!list.contains("Zo\u{eb}"), "lists never show the name");
}

#[test]
fn signing_with_keep_identifiers_records_the_reason_and_drafts_are_listed_and_discarded() {
    let tmp = tempdir();
    let vault = vault_with_session(&tmp);
    let added = run(
        &vault,
        &["note", "add", "ZO-0001", "--kind", "free", "--text", "Called St Anne's Primary about Zoe's timetable."],
    );
    assert_eq!(code(&added), 0, "{}", text(&added.stderr));
    let id = text(&added.stdout).trim().to_string();
    let drafts = text(&run(&vault, &["note", "drafts"]).stdout);
    assert!(drafts.contains("Free note") && drafts.contains("ZO-0001"), "{drafts}");
    let kept = run(&vault, &["--json", "note", "sign", &id, "--keep-identifiers", "the school asked for the note"]);
    assert_eq!(code(&kept), 0, "{}", text(&kept.stderr));
    let reasons: Vec<String> = json(&kept)["kept"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .map(|k| format!("{}:{}", k["kind"].as_str().unwrap_or(""), k["reason"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(reasons, ["setting:the school asked for the note", "given-name:the school asked for the note"]);

    let template = run(&vault, &["note", "add", "ZO-0001", "--kind", "progress-review"]);
    assert_eq!(code(&template), 0, "{}", text(&template.stderr));
    let other = text(&template.stdout).trim().to_string();
    let shown = text(&run(&vault, &["note", "show", &other]).stdout);
    assert!(shown.contains("## Progress since the last review"), "a note starts from its template: {shown}");
    assert_eq!(code(&run(&vault, &["note", "discard", &other])), 0);
    assert_eq!(code(&run(&vault, &["note", "show", &other])), 1);
    assert!(text(&run(&vault, &["note", "drafts"]).stdout).contains("No drafts"));
    let session_without = run(&vault, &["note", "add", "ZO-0001", "--kind", "session-note", "--text", "x"]);
    assert_eq!(code(&session_without), 1);
    assert!(text(&session_without.stderr).contains("session"), "{}", text(&session_without.stderr));
}

#[test]
fn templates_and_the_draft_setting_are_changed_from_the_cli() {
    let tmp = tempdir();
    let vault = vault_with_session(&tmp);
    let set = run(&vault, &["note", "template", "free", "--headings", "Who|What|Next"]);
    assert_eq!(code(&set), 0, "{}", text(&set.stderr));
    let added = run(&vault, &["note", "add", "ZO-0001", "--kind", "free"]);
    let id = text(&added.stdout).trim().to_string();
    assert!(text(&run(&vault, &["note", "show", &id]).stdout).contains("## Who\n"));
    let listed = text(&run(&vault, &["note", "templates"]).stdout);
    assert!(listed.contains("Free note [free] (edited)"), "{listed}");
    assert_eq!(code(&run(&vault, &["note", "template", "free", "--reset"])), 0);
    let days = run(&vault, &["note", "settings", "--draft-days", "14"]);
    assert!(text(&days.stdout).contains("after 14 days"), "{}", text(&days.stdout));
    assert_eq!(code(&run(&vault, &["note", "settings", "--draft-days", "400"])), 1);
}
