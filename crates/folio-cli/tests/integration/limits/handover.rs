//! The clinical will at its limits: the largest Folio takes (10 of 10 holders with
//! 200-character names, a successor of 200-character lines, instructions of 300 lines, the
//! laptop and backups at 20,000 characters) is set up with its ten share sheets and pack,
//! and opened for the contact sheet with it saved as a PDF, each under 200 MiB; a 10 MB
//! share file and a 10 MB instructions file are refused up front, the vault unchanged.

use super::*;

fn long_line(what: &str, n: usize) -> String {
    let mut line = format!("{what} {n} ");
    while line.chars().count() < folio_core::text::LINE_MAX {
        line.push('Ÿ');
    }
    line
}

#[test]
fn the_largest_clinical_will_is_made_and_opened_under_200_mib_and_huge_files_are_refused() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    let instructions = tmp.path().join("instructions.txt");
    let written: String =
        (0..300).map(|i| format!("Line {i}: the cabinet key is in the blue tin on the shelf.\n")).collect();
    assert!(written.chars().count() <= 20_000);
    std::fs::write(&instructions, &written).unwrap_or_else(|e| panic!("{e}"));
    let long_text = "Ÿ".repeat(20_000);
    let holders: Vec<String> = (1..=10).map(|i| long_line("Holder", i)).collect();
    let successor = long_line("Successor", 0);
    let out = tmp.path().join("shares");
    let out_arg = out.to_string_lossy().into_owned();
    let instructions_arg = instructions.to_string_lossy().into_owned();
    let mut args: Vec<&str> = vec!["--password-stdin", "handover", "setup", "--threshold", "10"];
    for h in &holders {
        args.extend(["--holder", h.as_str()]);
    }
    args.extend([
        "--successor",
        &successor,
        "--successor-profession",
        &successor,
        "--successor-contact",
        &successor,
        "--laptop",
        &long_text,
        "--backups",
        &long_text,
        "--instructions-file",
        &instructions_arg,
        "--out",
        &out_arg,
    ]);
    let made = measured(&vault, &args, &pw());
    figure("handover-10-of-10-longest", if code(&made.output) == 0 { "made" } else { "failed" }, &made, "");
    assert_eq!(code(&made.output), 0, "{}", text(&made.output.stderr));
    under_ceiling("setting up the largest clinical will", &made);
    let files = std::fs::read_dir(&out).map(|d| d.count()).unwrap_or_default();
    assert_eq!(files, 21, "10 share files, 10 share sheets and the pack");

    let shares: Vec<String> =
        (1..=10).map(|i| out.join(format!("share-{i}.txt")).to_string_lossy().into_owned()).collect();
    let sheet_dir = tmp.path().join("sheet");
    let sheet_arg = sheet_dir.to_string_lossy().into_owned();
    let mut open: Vec<&str> = vec!["handover", "open", "--mode", "contact", "--out", &sheet_arg];
    for s in &shares {
        open.extend(["--share-file", s.as_str()]);
    }
    let opened = measured(&vault, &open, "");
    figure("handover-contact-sheet-longest", if code(&opened.output) == 0 { "opened" } else { "failed" }, &opened, "");
    assert_eq!(code(&opened.output), 0, "{}", text(&opened.output.stderr));
    assert!(text(&opened.output.stdout).contains("Line 299"), "every line of the instructions is shown");
    under_ceiling("opening the largest clinical will", &opened);
    let pdf = sheet_dir.join("Contact sheet.pdf");
    assert!(std::fs::read(&pdf).is_ok_and(|b| b.starts_with(b"%PDF")), "the contact sheet is saved as a PDF");

    let before = folder_snapshot(&vault);
    let ten_mb = 10 * MIB as usize;
    let huge_share = write_with(&tmp.path().join("share-huge.txt"), |w| letters(w, ten_mb));
    let mut refused_open: Vec<&str> = vec!["handover", "open", "--mode", "contact", "--share-file", &huge_share];
    refused_open.extend(["--share-file", shares[1].as_str()]);
    let refused = measured(&vault, &refused_open, "");
    figure("handover-10MB-share-file", "refused", &refused, "");
    assert_eq!(code(&refused.output), 1);
    assert!(text(&refused.output.stderr).contains("larger than"), "{}", text(&refused.output.stderr));
    under_ceiling("a 10 MB share file", &refused);

    let huge_instructions = write_with(&tmp.path().join("instructions-huge.txt"), |w| letters(w, ten_mb));
    let again = tmp.path().join("again").to_string_lossy().into_owned();
    let refused = measured(
        &vault,
        &["--password-stdin", "handover", "reissue", "--instructions-file", &huge_instructions, "--out", &again],
        &pw(),
    );
    figure("handover-10MB-instructions-file", "refused", &refused, "");
    assert_eq!(code(&refused.output), 1);
    assert!(text(&refused.output.stderr).contains("larger than"), "{}", text(&refused.output.stderr));
    under_ceiling("a 10 MB instructions file", &refused);
    assert!(folder_snapshot(&vault) == before, "refused before the vault was opened");
}
