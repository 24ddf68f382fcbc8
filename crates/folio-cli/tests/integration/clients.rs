//! `client`, `referral`, `episode`, and the choices `--help` lists.

use super::*;

#[test]
fn clients_from_referral_files_through_their_lifecycle() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    let pw = format!("{PASSWORD}\n");
    let form = tmp.path().join("referral.json");
    std::fs::write(
        &form,
        r#"{"givenName":"Jessamine","familyName":"Quartermaine","dateOfBirth":"14/03/2015","referralDate":"02/11/2026",
            "settingName":"Oakfield Primary","safeguardingConcern":true,"modality":"art",
            "parentalResponsibility":[{"name":"Morwenna Quartermaine","relationship":"mother"}]}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let form_arg = form.to_string_lossy().into_owned();
    let added = folio(&vault, &["--password-stdin", "referral", "add", &form_arg], &pw);
    assert_eq!(code(&added), 0, "{}", text(&added.stderr));
    assert!(text(&added.stdout).contains("Added JQ-0001 (referred 02/11/2026)."));

    let impossible = folio(
        &vault,
        &["--password-stdin", "client", "add", "--given", "Bram", "--family", "Stoker", "--dob", "31/02/2015"],
        &pw,
    );
    assert_eq!(code(&impossible), 1);
    let refused = text(&impossible.stderr);
    assert!(refused.contains("is not a real date") && !refused.contains("31/02/2015"), "{refused}");

    let skip = folio(&vault, &["--password-stdin", "client", "state", "JQ-0001", "ended", "--note", "x"], &pw);
    assert_eq!(code(&skip), 1);
    assert!(text(&skip.stderr).contains("a client can move to"));
    for (state, on) in [("assessment", "03/11/2026"), ("in-therapy", "10/11/2026")] {
        let o = folio(&vault, &["--password-stdin", "client", "state", "JQ-0001", state, "--on", on], &pw);
        assert_eq!(code(&o), 0, "{}", text(&o.stderr));
        let label = if state == "assessment" { "Assessment" } else { "In therapy" };
        assert!(text(&o.stdout).contains(&format!("JQ-0001 moved to \"{label}\" on {on}.")), "{}", text(&o.stdout));
    }
    let in_therapy = folio(&vault, &["--json", "--password-stdin", "client", "list", "--state", "in-therapy"], &pw);
    let json: serde_json::Value = serde_json::from_slice(&in_therapy.stdout).unwrap_or_default();
    assert_eq!(json[0]["state"], "in-therapy", "choices leave the core in kebab-case");
    assert_eq!(json[0]["stateSince"], "10/11/2026");
    assert_eq!(json[0]["referralDate"], "02/11/2026");
    assert_eq!(json[0]["modality"], "art");
    let table = text(&folio(&vault, &["--password-stdin", "client", "list"], &pw).stdout);
    let lines: Vec<&str> = table.lines().collect();
    assert!(lines[0].starts_with("Code") && lines[0].contains("Next session"), "{table}");
    assert_eq!(lines[1].find("In therapy"), lines[0].find("State"), "{table}");
    assert_eq!(lines[1].find("Art therapy"), lines[0].find("Therapy"), "{table}");
    assert_eq!(lines[1].find("yes"), lines[0].find("Safeguarding"), "{table}");
    assert_eq!(lines[1].find("Oakfield Primary"), lines[0].find("Setting"), "{table}");
    let unknown = folio(&vault, &["--password-stdin", "client", "list", "--state", "on hold"], &pw);
    assert_eq!(code(&unknown), 1, "the core refuses an unknown state, naming the choices");
    assert!(text(&unknown.stderr).contains("Choose a state: Referred, Waiting list"), "{}", text(&unknown.stderr));
    let end = folio(
        &vault,
        &["--password-stdin", "episode", "end", "JQ-0001", "--reason", "planned ending", "--on", "20/11/2026"],
        &pw,
    );
    assert_eq!(code(&end), 0, "{}", text(&end.stderr));
    let again = folio(&vault, &["--password-stdin", "episode", "start", "JQ-0001", "--on", "21/11/2026"], &pw);
    assert!(text(&again.stdout).contains("episode 2 started 21/11/2026"), "{}", text(&again.stdout));

    let list = folio(&vault, &["--json", "--password-stdin", "client", "list", "--safeguarding", "yes"], &pw);
    let json: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap_or_default();
    assert_eq!(json[0]["code"], "JQ-0001");
    assert_eq!(json[0]["episode"], 2);
    assert_eq!(json[0]["state"], "referred");
    assert_eq!(json[0]["referralDate"], "21/11/2026");
    assert!(!text(&list.stdout).contains("Jessamine"), "lists show initials and code only");

    let show = folio(&vault, &["--password-stdin", "client", "show", "jq-0001"], &pw);
    let shown = text(&show.stdout);
    assert!(
        shown.contains("Jessamine Quartermaine")
            && shown.contains("Episode 1: 02/11/2026 to 20/11/2026 (planned ending)"),
        "{shown}"
    );

    let bad = tmp.path().join("bad.json");
    std::fs::write(&bad, r#"{"givenName": "X", "favouriteColour": "blue"}"#).unwrap_or_else(|e| panic!("{e}"));
    let refused = folio(&vault, &["--password-stdin", "referral", "add", &bad.to_string_lossy()], &pw);
    assert_eq!(code(&refused), 1);
    assert!(
        text(&refused.stderr).contains("has a field Folio does not know, favouriteColour"),
        "{}",
        text(&refused.stderr)
    );
    assert!(!text(&refused.stderr).contains("blue"), "what the file holds is never quoted");
    // Not an ordinary file, or an endless one: refused before reading, nothing added.
    let endless = folio(&vault, &["--password-stdin", "referral", "add", "/dev/zero"], &pw);
    assert_eq!(code(&endless), 1);
    assert!(text(&endless.stderr).contains("not an ordinary file"), "{}", text(&endless.stderr));
}

#[test]
fn help_lists_the_choices_the_core_accepts() {
    use folio_core::clients::ClientState;
    use folio_core::sessions::Outcome;
    let tmp = tempdir();
    let help = |args: &[&str]| {
        let o = folio(tmp.path(), args, "");
        assert_eq!(code(&o), 0, "{args:?}: {}", text(&o.stderr));
        text(&o.stdout)
    };
    let list = help(&["client", "list", "--help"]);
    for state in ClientState::ALL {
        assert!(list.contains(state.as_str()), "`client list --help` names {}: {list}", state.as_str());
    }
    let add = help(&["session", "add", "--help"]);
    for outcome in Outcome::ALL {
        assert!(add.contains(outcome.as_str()), "`session add --help` names {}: {add}", outcome.as_str());
    }
}

#[test]
fn the_choices_table_in_the_docs_matches_the_core() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/cli.md");
    let doc = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let section = doc.split("\n## Choices\n").nth(1).and_then(|s| s.split("\n## ").next()).unwrap_or_default();
    assert!(!section.is_empty(), "docs/cli.md has a Choices section");
    for list in folio_core::choices::catalogue() {
        for (value, label) in list.options {
            assert!(section.contains(&format!("`{value}`")), "docs/cli.md Choices lacks {}: `{value}`", list.list);
            assert!(section.contains(label), "docs/cli.md Choices lacks {}: {label}", list.list);
        }
    }
}
