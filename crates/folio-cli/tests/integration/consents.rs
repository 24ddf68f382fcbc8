//! `consent`, `agreement`, `disclosure`, `safeguarding`: the ledger's contract for scripts
//! and the online-contact gate from the CLI.

use super::*;

/// Mia, 10, in therapy, her mother Ann Lee on the referral.
fn vault_with_child(tmp: &tempfile::TempDir) -> std::path::PathBuf {
    let vault = tmp.path().join("vault");
    init(&vault);
    let referral = tmp.path().join("referral.json");
    let json = r#"{"givenName":"Mia","familyName":"Lee","dateOfBirth":"10/12/2015","referralDate":"01/09/2026",
        "parentalResponsibility":[{"name":"Ann Lee","relationship":"mother"}]}"#;
    std::fs::write(&referral, json).unwrap_or_else(|e| panic!("{e}"));
    ok(&vault, &["referral", "add", &referral.to_string_lossy()]);
    ok(&vault, &["client", "state", "ML-0001", "assessment", "--on", "08/09/2026"]);
    ok(&vault, &["client", "state", "ML-0001", "in-therapy", "--on", "15/09/2026"]);
    vault
}

const ONLINE: &[&str] = &[
    "session",
    "add",
    "ML-0001",
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
    "--on",
];

#[test]
fn a_consent_is_recorded_shown_withdrawn_and_gates_online_sessions() {
    let tmp = tempdir();
    let vault = vault_with_child(&tmp);
    let refused = run(&vault, &[ONLINE, &["20/11/2026"]].concat());
    assert_eq!(code(&refused), 1);
    assert!(text(&refused.stderr).contains("written consent for online or phone contact"), "{}", text(&refused.stderr));

    let online = ["consent", "add", "ML-0001", "--purpose", "online-contact", "--given-by", "Ann Lee"];
    let given = ["--how", "email", "--on", "15/09/2026", "--told", "Sessions on the video app; phone if it fails."];
    let without_platforms = run(&vault, &[&online[..], &given].concat());
    assert_eq!(code(&without_platforms), 1, "online contact names the platforms agreed");
    assert!(
        text(&without_platforms.stderr).contains("Name the platforms agreed"),
        "{}",
        text(&without_platforms.stderr)
    );
    let plan = ["--platforms", "Video app, phone", "--if-tech-fails", "I phone Ann and we end the session"];
    let id = ok(&vault, &[&online[..], &given, &plan].concat());
    assert_eq!(id.trim(), "1", "consent add prints the id alone");
    let shown = json(&run(&vault, &["--json", "consent", "show", "1"]));
    for key in ["id", "client", "purpose", "givenBy", "how", "given", "state", "reviewOn", "refreshOn"] {
        assert!(shown.get(key).is_some(), "consent JSON has {key}: {shown}");
    }
    assert_eq!(shown["client"], "ML-0001");
    assert_eq!(shown["purpose"], "online-contact");
    assert_eq!(shown["givenBy"], "Ann Lee");
    assert_eq!(shown["how"], "email");
    assert_eq!(shown["given"], "15/09/2026");
    assert_eq!(shown["reviewOn"], "15/09/2027");
    assert_eq!(shown["refreshOn"], "15/09/2028");
    assert_eq!(shown["state"], "current");
    assert_eq!(
        (shown["platforms"].as_str(), shown["failurePlan"].as_str()),
        (Some("Video app, phone"), Some("I phone Ann and we end the session"))
    );

    ok(&vault, &[ONLINE, &["20/11/2026"]].concat());
    let withdrawn = ok(&vault, &["consent", "withdraw", "1", "--on", "21/11/2026", "--by", "Ann Lee"]);
    assert!(withdrawn.contains("No more online or phone sessions"), "{withdrawn}");
    let again = run(&vault, &[ONLINE, &["22/11/2026"]].concat());
    assert_eq!(code(&again), 1);
    assert!(text(&again.stderr).contains("withdrawn on"), "{}", text(&again.stderr));
    assert_eq!(json(&run(&vault, &["--json", "consent", "list", "ML-0001"]))[0]["state"], "withdrawn");
    assert_eq!(json(&run(&vault, &["--json", "consent", "list"])).as_array().map(Vec::len), Some(1));

    let young = run(
        &vault,
        &[
            "consent",
            "add",
            "ML-0001",
            "--purpose",
            "therapy",
            "--given-by",
            "client",
            "--how",
            "verbal",
            "--on",
            "15/09/2026",
        ],
    );
    assert_eq!(code(&young), 1);
    assert!(text(&young.stderr).contains("competence"), "{}", text(&young.stderr));
}

#[test]
fn consent_due_lists_reviews_and_refreshes_as_of_a_day() {
    let tmp = tempdir();
    let vault = vault_with_child(&tmp);
    ok(
        &vault,
        &[
            "consent",
            "add",
            "ML-0001",
            "--purpose",
            "artwork-photos",
            "--given-by",
            "Ann Lee",
            "--how",
            "written",
            "--on",
            "15/09/2026",
        ],
    );
    assert_eq!(json(&run(&vault, &["--json", "consent", "due", "--as-of", "14/09/2027"])), serde_json::json!([]));
    let due = json(&run(&vault, &["--json", "consent", "due", "--as-of", "15/09/2027"]));
    assert_eq!(due[0]["state"], "review-due");
    let expired = json(&run(&vault, &["--json", "consent", "due", "--as-of", "15/09/2028"]));
    assert_eq!(expired[0]["state"], "expired");
    assert!(ok(&vault, &["consent", "due"]).contains("No consent is due"));
}

#[test]
fn a_setting_marked_as_a_school_refreshes_consents_at_a_new_episode() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    let add = ["client", "add", "--given", "Kai", "--family", "Reed", "--dob", "02/02/1990", "--referral-date"];
    let unnamed = run(&vault, &[&add[..], &["01/09/2026", "--setting-is-school"]].concat());
    assert_eq!(code(&unnamed), 2, "a school needs its name: {}", text(&unnamed.stderr));
    ok(&vault, &[&add[..], &["01/09/2026", "--setting", "Oakfield Primary", "--setting-is-school"]].concat());
    assert!(ok(&vault, &["client", "show", "KR-0001"]).contains("Oakfield Primary (a school)"));
    ok(&vault, &["client", "state", "KR-0001", "assessment", "--on", "08/09/2026"]);
    ok(&vault, &["client", "state", "KR-0001", "in-therapy", "--on", "15/09/2026"]);
    let consent = ["consent", "add", "KR-0001", "--purpose", "therapy", "--given-by", "client", "--how", "written"];
    ok(&vault, &[&consent[..], &["--on", "10/09/2026"]].concat());
    ok(&vault, &["episode", "end", "KR-0001", "--reason", "End of term", "--on", "01/10/2026"]);
    ok(&vault, &["episode", "start", "KR-0001", "--on", "05/11/2026"]);
    let listed = json(&run(&vault, &["--json", "consent", "list", "KR-0001"]));
    assert_eq!(listed[0]["refreshOn"], "05/11/2026", "{listed}");
    assert_eq!(listed[0]["state"], "expired");
}

#[test]
fn agreements_disclosures_and_the_safeguarding_log_from_the_cli() {
    let tmp = tempdir();
    let vault = vault_with_child(&tmp);
    let copy = tmp.path().join("contract.pdf");
    std::fs::write(&copy, b"%PDF-1.4 signed").unwrap_or_else(|e| panic!("{e}"));
    let id = ok(
        &vault,
        &[
            "agreement",
            "add",
            "ML-0001",
            "--kind",
            "therapy-contract",
            "--signed-on",
            "02/09/2026",
            "--signed-by",
            "Ann Lee",
            "--version",
            "v3",
            "--file",
            &copy.to_string_lossy(),
        ],
    );
    assert_eq!(id.trim(), "1");
    let list = json(&run(&vault, &["--json", "agreement", "list", "ML-0001"]));
    assert_eq!(
        (list[0]["current"].as_bool(), list[0]["signedCopy"]["fileName"].as_str()),
        (Some(true), Some("contract.pdf"))
    );

    let no_reason = run(
        &vault,
        &[
            "disclosure",
            "add",
            "ML-0001",
            "--to",
            "school",
            "--what",
            "Attendance",
            "--basis",
            "legal-duty",
            "--told",
            "not-told",
        ],
    );
    assert_eq!(code(&no_reason), 1);
    assert!(text(&no_reason.stderr).contains("reason"), "{}", text(&no_reason.stderr));
    ok(
        &vault,
        &[
            "disclosure",
            "add",
            "ML-0001",
            "--to",
            "supervisor",
            "--what",
            "Themes of the work",
            "--basis",
            "supervision",
            "--told",
            "not-told",
        ],
    );
    assert!(ok(&vault, &["disclosure", "list", "ML-0001"]).contains("Routine clinical supervision"));

    let named = run(
        &vault,
        &[
            "safeguarding",
            "add",
            "ML-0001",
            "--account",
            "Mia said she is scared at home.",
            "--action",
            "DSL told",
            "--on",
            "20/11/2026",
        ],
    );
    assert_eq!(code(&named), 1, "initials only");
    ok(
        &vault,
        &[
            "safeguarding",
            "add",
            "ML-0001",
            "--account",
            "ML said she is scared at home.",
            "--action",
            "Rang the front door the same afternoon",
            "--on",
            "20/11/2026",
            "--time",
            "15:10",
            "--referred-to",
            "MASH",
            "--referred-on",
            "20/11/2026",
        ],
    );
    let no_action =
        run(&vault, &["safeguarding", "add", "ML-0001", "--account", "ML seemed tired.", "--on", "20/11/2026"]);
    assert_eq!(code(&no_action), 1, "a concern is recorded with its action, even when nothing was shared");
    assert!(text(&no_action.stderr).contains("Write the action you took"), "{}", text(&no_action.stderr));
    let log = ok(&vault, &["safeguarding", "list", "ML-0001"]);
    assert!(log.contains("20/11/2026 15:10") && log.contains("referred to MASH on 20/11/2026"), "{log}");
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    let tmp = tempdir();
    let vault = vault_with_child(&tmp);
    ok(
        &vault,
        &[
            "consent",
            "add",
            "ML-0001",
            "--purpose",
            "supervision",
            "--given-by",
            "Ann Lee",
            "--how",
            "written",
            "--on",
            "15/09/2026",
        ],
    );
    // `folio consent list | head -0`: the reading end is closed before Folio writes.
    let (reader, writer) = std::io::pipe().unwrap_or_else(|e| panic!("{e}"));
    drop(reader);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["--vault", &vault.to_string_lossy(), "--password-stdin", "consent", "list"])
        .stdin(Stdio::piped())
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(format!("{PASSWORD}\n").as_bytes());
    }
    let done = child.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(code(&done), 0, "{}", text(&done.stderr));
    assert!(!text(&done.stderr).contains("panicked"), "{}", text(&done.stderr));
}

#[test]
fn consent_intervals_are_listed_and_changed() {
    let tmp = tempdir();
    let vault = vault_with_child(&tmp);
    let listed = ok(&vault, &["consent", "intervals"]);
    assert!(
        listed.contains("Photos of artwork") && listed.contains("review every 12 months, refresh after 24 months"),
        "{listed}"
    );
    let changed = json(&run(
        &vault,
        &["--json", "consent", "intervals", "supervision", "--review-months", "6", "--refresh-months", "12"],
    ));
    assert_eq!(changed[0]["reviewMonths"], 6);
    let usage = run(&vault, &["consent", "intervals", "supervision", "--review-months", "6"]);
    assert_eq!(code(&usage), 2, "both intervals are needed");
}
