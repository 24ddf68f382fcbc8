//! `correspondence`: the log and its attachments.

use super::*;

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
    assert!(text(&refused.stderr).contains("Choose a file of one of these types"), "{}", text(&refused.stderr));
}
