use std::path::{Path, PathBuf};
use std::process::Command;

use folio_core::sessions::{self, SessionForm};
use folio_core::{clients, reports, Error, Result, Vault};

use crate::{create_named, referral, tempdir};

const PRACTICE: &str = "Pracownia Łucji — Αθηνά";

fn io(e: std::io::Error) -> Error {
    Error::Internal(e.to_string())
}

/// The text a reader copies out of a PDF, as poppler's `pdftotext` extracts it (keeping
/// the layout, so a label and its count stay on one line). poppler-utils is installed by
/// scripts/setup.sh; without it this fails rather than skipping.
fn pdf_text(path: &Path) -> String {
    let output =
        Command::new("pdftotext").args(["-enc", "UTF-8", "-layout"]).arg(path).arg("-").output().unwrap_or_else(|e| {
            panic!("pdftotext (poppler-utils) is needed to read the PDF back: run scripts/setup.sh ({e})")
        });
    assert!(output.status.success(), "pdftotext failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap_or_else(|e| panic!("pdftotext gave non-UTF-8 text: {e}"))
}

/// The number at the end of the line that starts with `label`.
fn count_for(text: &str, label: &str) -> Option<u32> {
    text.lines()
        .find(|l| l.trim_start().starts_with(label))
        .and_then(|l| l.split_whitespace().last())
        .and_then(|n| n.parse().ok())
}

fn files_in(folder: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(folder).map_err(io)?.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    Ok(files)
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Łucja Şenay, in therapy from 15/09/2026 with four sessions; returns her code.
fn lucja(vault: &mut Vault) -> Result<String> {
    let client = clients::add_referral(vault, referral("Łucja", "Şenay", "14/03/2015", "01/09/2026"))?;
    let code = client.code;
    clients::change_state(vault, &code, "assessment", "08/09/2026", "")?;
    clients::change_state(vault, &code, "in-therapy", "15/09/2026", "")?;
    let session = |on: &str, outcome: &str| SessionForm {
        on: on.into(),
        mode: "in-person".into(),
        outcome: outcome.into(),
        ..SessionForm::default()
    };
    sessions::add(vault, &code, session("15/09/2026", "attended"))?;
    sessions::add(vault, &code, session("22/09/2026", "did-not-attend"))?;
    crate::allow_online_contact(vault, &code, "15/09/2026")?;
    sessions::add(
        vault,
        &code,
        SessionForm {
            mode: "online".into(),
            platform: "Video call app".into(),
            parent_contacted_start: Some(true),
            parent_contacted_end: Some(true),
            parent_nearby: Some(true),
            ..session("29/09/2026", "attended")
        },
    )?;
    sessions::add(vault, &code, session("25/11/2026", "planned"))?;
    Ok(code)
}

#[test]
fn an_attendance_summary_prints_the_code_initials_and_practice_in_any_script_and_never_overwrites() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create_named(&tmp.path().join("v"), PRACTICE);
    let code = lucja(&mut vault)?;
    assert_eq!(code, "LS-0001", "codes are ASCII whatever the initials' script");
    let folder = tmp.path().join("reports");

    let first = reports::save_attendance_pdf(&mut vault, &code, "01/09/2026", "30/11/2026", "", &folder)?;
    let first_bytes = std::fs::read(&first).map_err(io)?;
    assert!(first_bytes.starts_with(b"%PDF-"));
    let senco = "the SENCo at Oakfield Primary";
    let second = reports::save_attendance_pdf(&mut vault, &code, "01/09/2026", "30/11/2026", senco, &folder)?;
    assert_eq!(file_name(&first), "Attendance LS-0001 01-09-2026 to 30-11-2026.pdf");
    assert_eq!(file_name(&second), "Attendance LS-0001 01-09-2026 to 30-11-2026 (2).pdf");
    let mut both = [first.clone(), second.clone()];
    both.sort();
    assert_eq!(files_in(&folder)?, both, "two files, side by side");
    assert_eq!(std::fs::read(&first).map_err(io)?, first_bytes, "the first file is never overwritten");
    let exported = vault.audit_recent(2)?.into_iter().filter(|e| e.action == "report.attendance_exported").count();
    assert_eq!(exported, 2, "each copy that left the vault is recorded");

    let text = pdf_text(&second);
    assert!(text.contains("CONFIDENTIAL"), "every PDF Folio writes is marked: {text}");
    assert!(text.contains("For the SENCo at Oakfield Primary only."), "and says who it is for: {text}");
    let unnamed = pdf_text(&first);
    assert!(
        unnamed.contains("CONFIDENTIAL") && unnamed.contains("For the school or funder it was prepared for only."),
        "{unnamed}"
    );
    assert!(text.contains("Attendance summary"), "{text}");
    assert!(text.contains(PRACTICE), "the practice name prints as written: {text}");
    assert!(text.contains("Client: LS-0001 (ŁŞ)"), "code and initials: {text}");
    assert!(text.contains("Period: 01/09/2026 to 30/11/2026"), "{text}");
    assert!(text.contains("Produced by Folio on 22/11/2026"), "dated by the vault's clock: {text}");
    assert!(!text.contains("Łucja") && !text.contains("Şenay"), "a summary names the client by code only: {text}");
    assert!(!text.contains('\u{FFFD}') && !text.contains('?'), "no character is lost: {text}");
    assert_eq!(count_for(&text, "Sessions attended"), Some(2), "{text}");
    assert_eq!(count_for(&text, "in person"), Some(1), "{text}");
    assert_eq!(count_for(&text, "online"), Some(1), "{text}");
    assert_eq!(count_for(&text, "Did not attend"), Some(1), "{text}");
    assert_eq!(count_for(&text, "Still planned in this period"), Some(1), "{text}");
    Ok(())
}
