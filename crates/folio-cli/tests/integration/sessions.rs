//! `session`: the register, attendance counts and the summary PDF.

use super::*;
use std::process::Command;

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
    let referral = tmp.path().join("referral.json");
    let json = r#"{"givenName":"Ada","familyName":"Lovelace","dateOfBirth":"10/12/2015","referralDate":"01/09/2026",
        "parentalResponsibility":[{"name":"Anne Lovelace","relationship":"mother"}]}"#;
    std::fs::write(&referral, json).unwrap_or_else(|e| panic!("{e}"));
    run(&["referral", "add", &referral.to_string_lossy()]);
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
    // Seed 004: the online session also needs a written consent from the parent.
    let checked = [
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
        "--parent-start",
        "yes",
        "--parent-end",
        "yes",
        "--parent-nearby",
        "yes",
    ];
    let no_consent = folio(&vault, &checked, &pw);
    assert_eq!(code(&no_consent), 1);
    assert!(text(&no_consent.stderr).contains("--purpose online-contact"), "{}", text(&no_consent.stderr));
    run(&[
        "consent",
        "add",
        "AL-0001",
        "--purpose",
        "online-contact",
        "--given-by",
        "Anne Lovelace",
        "--how",
        "written",
        "--on",
        "15/09/2026",
        "--platforms",
        "Video app, phone",
        "--if-tech-fails",
        "I phone Anne and we end the session",
    ]);
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
    assert!(register.contains("Did not attend") && register.contains("Online"), "{register}");
    let listed = folio(&vault, &["--json", "--password-stdin", "session", "list", "AL-0001"], &pw);
    let json: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap_or_default();
    assert_eq!(json[0]["mode"], "in-person");
    assert_eq!(json[0]["outcome"], "attended");
    assert_eq!(json[0]["on"], "15/09/2026");
    assert_eq!(json[1]["outcome"], "did-not-attend");
    let counts = run(&["session", "attendance", "AL-0001", "--from", "01/09/2026", "--to", "30/09/2026"]);
    assert!(counts.contains("Attended:               2 (in person 1, online 1, phone 0)"), "{counts}");
    assert!(counts.contains("Did not attend:         1"), "{counts}");

    // --pdf names a folder (made if needed); Folio names the file and says where it went.
    let reports = tmp.path().join("reports");
    let saved = folio(
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
            &reports.to_string_lossy(),
        ],
        &pw,
    );
    assert_eq!(code(&saved), 0, "{}", text(&saved.stderr));
    let pdf = reports.join("Attendance AL-0001 01-09-2026 to 30-09-2026.pdf");
    assert!(text(&saved.stderr).contains(&format!("Saved the attendance summary as {}.", pdf.display())));
    let bytes = std::fs::read(&pdf).unwrap_or_default();
    assert!(bytes.starts_with(b"%PDF-"), "a PDF was written");
    // The text, as a reader sees it (poppler-utils is installed by scripts/setup.sh).
    let extracted = Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap_or_else(|e| panic!("pdftotext: {e}"));
    let words = text(&extracted.stdout);
    assert!(words.contains("Attendance summary") && words.contains("AL-0001 (AL)"), "{words}");
    assert!(
        words.contains("CONFIDENTIAL") && words.contains("For the school or funder it was prepared for only."),
        "{words}"
    );
    assert!(words.contains("01/09/2026 to 30/09/2026"), "{words}");
    assert!(!words.contains("Lovelace"), "no names in a summary that leaves the vault: {words}");
    // A path ending in .pdf means its folder; the first file is never overwritten.
    let named = reports.join("attendance.pdf");
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
            &named.to_string_lossy(),
        ],
        &pw,
    );
    assert_eq!(code(&again), 0, "{}", text(&again.stderr));
    let second = reports.join("Attendance AL-0001 01-09-2026 to 30-09-2026 (2).pdf");
    assert!(text(&again.stderr).contains(&second.display().to_string()), "{}", text(&again.stderr));
    assert!(!named.exists());
    assert_eq!(std::fs::read(&pdf).unwrap_or_default(), bytes, "the first summary is untouched");
    let audit = run(&["audit"]);
    assert_eq!(audit.matches("report.attendance_exported").count(), 2, "{audit}");
}
