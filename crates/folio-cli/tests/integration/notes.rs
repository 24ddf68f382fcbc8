//! `note check`: the identifier check's contract for scripts.

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
