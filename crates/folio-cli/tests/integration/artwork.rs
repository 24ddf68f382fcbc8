//! `folio artwork`: the inventory's contract for scripts (references printed alone, the
//! list's JSON keys and states) and its refusals.

use super::*;

/// Mia, in therapy since 15/09/2026, with a session (id 1) on 22/09/2026.
fn vault_with_child(tmp: &tempfile::TempDir) -> std::path::PathBuf {
    let vault = tmp.path().join("vault");
    init(&vault);
    ok(
        &vault,
        &["client", "add", "--given", "Mia", "--family", "Lee", "--dob", "10/12/2015", "--referral-date", "01/09/2026"],
    );
    ok(&vault, &["client", "state", "ML-0001", "assessment", "--on", "08/09/2026"]);
    ok(&vault, &["client", "state", "ML-0001", "in-therapy", "--on", "15/09/2026"]);
    ok(&vault, &["session", "add", "ML-0001", "--on", "22/09/2026", "--outcome", "attended"]);
    vault
}

#[test]
fn artwork_is_added_listed_moved_returned_and_disposed_through_the_cli() {
    let tmp = tempdir();
    let vault = vault_with_child(&tmp);
    let add =
        ["artwork", "add", "ML-0001", "--description", "Tide picture", "--session", "1", "--location", "Cabinet A"];
    assert_eq!(ok(&vault, &add).trim(), "ART-0001", "add prints the reference alone");
    let second =
        ["artwork", "add", "ML-0001", "--description", "Clay bowl", "--made", "29/09/2026", "--medium", "Clay"];
    assert_eq!(ok(&vault, &second).trim(), "ART-0002");
    let before = ["artwork", "add", "ML-0001", "--description", "Sketch", "--made", "01/08/2026"];
    let refused = run(&vault, &before);
    assert_eq!(code(&refused), 1, "no episode open on that day");
    assert!(text(&refused.stderr).contains("no period of therapy on that day"), "{}", text(&refused.stderr));

    let listed = json(&run(&vault, &["--json", "artwork", "list"]));
    let first = &listed[1];
    for key in ["reference", "client", "location", "state", "collectBy"] {
        assert!(first.get(key).is_some(), "artwork JSON has {key}: {first}");
    }
    assert_eq!((first["reference"].as_str(), first["client"].as_str()), (Some("ART-0001"), Some("ML-0001")));
    assert_eq!((first["location"].as_str(), first["state"].as_str()), (Some("Cabinet A"), Some("held")));
    assert!(first["collectBy"].is_null(), "in therapy: no date yet");

    ok(&vault, &["artwork", "move", "ART-0001", "--to", "School art room store", "--on", "01/10/2026"]);
    ok(&vault, &["episode", "end", "ML-0001", "--reason", "Planned ending", "--on", "31/10/2026"]);
    let listed = json(&run(&vault, &["--json", "artwork", "list", "--client", "ML-0001"]));
    assert_eq!(listed[1]["collectBy"], "31/12/2026", "two months after the end");
    assert_eq!(listed[1]["location"], "School art room store");
    let places = ok(&vault, &["artwork", "locations"]);
    assert!(places.contains("School art room store: 1 held"), "{places}");

    ok(&vault, &["artwork", "return", "ART-0001", "--on", "05/11/2026", "--to", "ML's mother"]);
    ok(&vault, &["artwork", "dispose", "ART-0002", "--on", "06/11/2026", "--how", "Shredded"]);
    let states: Vec<String> = json(&run(&vault, &["--json", "artwork", "list"]))
        .as_array()
        .map(|a| a.iter().filter_map(|i| i["state"].as_str().map(String::from)).collect())
        .unwrap_or_default();
    assert_eq!(states, ["disposed", "returned"]);
    let shown = ok(&vault, &["artwork", "show", "ART-0001"]);
    assert!(shown.contains("Placed: Cabinet A") && shown.contains("Moved: School art room store"), "{shown}");
    assert!(shown.contains("Returned to the client: ML's mother"), "{shown}");
    let again = run(&vault, &["artwork", "keep", "ART-0001", "--reason", "Exhibition"]);
    assert_eq!(code(&again), 1, "a returned item is no longer held");
    assert!(text(&again.stderr).contains("no longer held"), "{}", text(&again.stderr));
}

#[test]
fn labels_print_the_reference_initials_and_code_never_the_name_under_confidential() {
    use std::process::Command;
    let tmp = tempdir();
    let vault = vault_with_child(&tmp);
    for n in 0..23 {
        ok(&vault, &["artwork", "add", "ML-0001", "--description", &format!("Piece {n}"), "--location", "Cabinet A"]);
    }
    let pdf = tmp.path().join("labels.pdf");
    let pdf_arg = pdf.to_string_lossy().into_owned();
    let wrote = ok(&vault, &["artwork", "labels", "--out", &pdf_arg]);
    assert!(wrote.contains("Wrote 23 label(s)"), "{wrote}");
    let again = run(&vault, &["artwork", "labels", "--out", &pdf_arg]);
    assert_eq!(code(&again), 1, "never overwrites");
    let extracted = Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap_or_else(|e| panic!("pdftotext: {e}"));
    let words = text(&extracted.stdout);
    assert!(words.contains("CONFIDENTIAL"), "{words}");
    assert!(words.contains("ART-0001") && words.contains("ART-0023"), "every held piece: {words}");
    assert!(words.contains("ML · ML-0001"), "initials and code: {words}");
    assert!(!words.contains("Mia") && !words.contains("Lee "), "never the name: {words}");
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap_or_else(|e| panic!("pdfinfo: {e}"));
    let pages = text(&info.stdout)
        .lines()
        .find(|l| l.starts_with("Pages:"))
        .map(|l| l.split_whitespace().last().unwrap_or_default().to_string());
    assert_eq!(pages.as_deref(), Some("2"), "21 to a page: {}", text(&info.stdout));
}

#[test]
fn the_list_to_walk_to_the_cabinet_with_has_a_page_per_location_and_can_be_one_location() {
    use std::process::Command;
    let tmp = tempdir();
    let vault = vault_with_child(&tmp);
    ok(&vault, &["artwork", "add", "ML-0001", "--description", "Clay figure, two heads", "--location", "Cabinet A"]);
    ok(
        &vault,
        &["artwork", "add", "ML-0001", "--description", "Drum pattern drawing", "--location", "School art room store"],
    );
    ok(&vault, &["artwork", "add", "ML-0001", "--description", "Returned piece", "--location", "Cabinet A"]);
    ok(&vault, &["artwork", "return", "ART-0003", "--to", "ML"]);
    let read = |name: &str, args: &[&str]| {
        let pdf = tmp.path().join(name);
        let pdf_arg = pdf.to_string_lossy().into_owned();
        let mut all = vec!["artwork", "sheet", "--out", &pdf_arg];
        all.extend_from_slice(args);
        let wrote = ok(&vault, &all);
        let words = text(
            &Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap_or_else(|e| panic!("pdftotext: {e}")).stdout,
        );
        let info = text(&Command::new("pdfinfo").arg(&pdf).output().unwrap_or_else(|e| panic!("pdfinfo: {e}")).stdout);
        let pages = info
            .lines()
            .find(|l| l.starts_with("Pages:"))
            .map(|l| l.split_whitespace().last().unwrap_or_default().to_string());
        (wrote, words, pages)
    };
    let (wrote, words, pages) = read("all.pdf", &[]);
    assert!(wrote.contains("list of 2 piece(s)"), "only what is held: {wrote}");
    assert_eq!(pages.as_deref(), Some("2"), "a page per location");
    assert!(
        words.contains("CONFIDENTIAL") && words.contains("Cabinet A") && words.contains("School art room store"),
        "{words}"
    );
    assert!(
        words.contains("ART-0001") && words.contains("Clay figure, two heads") && words.contains("ML · ML-0001"),
        "{words}"
    );
    assert!(!words.contains("ART-0003"), "a returned piece is not on the list: {words}");
    assert!(!words.contains("Mia"), "never the name: {words}");

    let (_, one, pages) = read("one.pdf", &["--location", "school art room store"]);
    assert_eq!(pages.as_deref(), Some("1"));
    assert!(one.contains("ART-0002") && !one.contains("ART-0001"), "{one}");
    let nowhere = tmp.path().join("none.pdf").to_string_lossy().into_owned();
    let missing = run(&vault, &["artwork", "sheet", "--out", &nowhere, "--location", "Loft"]);
    assert_eq!(code(&missing), 1);
    assert!(!std::path::Path::new(&nowhere).exists(), "nothing half-written is left");
}
