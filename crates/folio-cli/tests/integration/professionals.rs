//! `professional`: the directory and links to clients.

use super::*;

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
