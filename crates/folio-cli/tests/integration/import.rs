//! `import-csv`: preview, then commit.

use super::*;

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
    let preview = folio(&vault, &["--password-stdin", "import-csv", &sheet_arg], &pw);
    assert_eq!(code(&preview), 0, "{}", text(&preview.stderr));
    let shown = text(&preview.stdout);
    assert!(shown.contains("line 3: That is not a real date"), "{shown}");
    assert!(shown.contains("Nothing has been written"), "{shown}");
    let done = folio(&vault, &["--password-stdin", "import-csv", &sheet_arg, "--commit"], &pw);
    assert!(text(&done.stdout).contains("Imported 1 client(s); 1 row(s) left out"), "{}", text(&done.stdout));
    let list = folio(&vault, &["--password-stdin", "client", "list"], &pw);
    assert!(text(&list.stdout).contains("AL-0001"));
    assert!(!text(&list.stdout).contains("BS-"), "the bad row was left out");
}
