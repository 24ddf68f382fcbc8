//! `folio retention`: the contract for scripts (`retention status --json` keys and states,
//! `--as-of`, presets by id, `init --retention`), editing a rule as text, and the legal
//! hold's rules.

use super::*;

/// A vault with the given preset (or none), Mia (born 10/12/2015) whose therapy ended on
/// 31/03/2026 with a letter of 05/02/2026, and Ola (an adult, born 01/01/1990) in therapy.
fn practice(tmp: &tempfile::TempDir, preset: Option<&str>) -> std::path::PathBuf {
    let vault = tmp.path().join("vault");
    let mut args = vec!["init", "--practice", "Hillside Art Therapy", "--password-stdin", "--kdf-target-ms", "0"];
    if let Some(p) = preset {
        args.extend(["--retention", p]);
    }
    let o = folio(&vault, &args, &format!("{PASSWORD}\n"));
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    for (given, family, dob) in [("Mia", "Lee", "10/12/2015"), ("Ola", "Nowak", "01/01/1990")] {
        ok(
            &vault,
            &["client", "add", "--given", given, "--family", family, "--dob", dob, "--referral-date", "01/09/2025"],
        );
    }
    for code in ["ML-0001", "ON-0002"] {
        ok(&vault, &["client", "state", code, "assessment", "--on", "08/09/2025"]);
        ok(&vault, &["client", "state", code, "in-therapy", "--on", "15/09/2025"]);
    }
    ok(
        &vault,
        &[
            "correspondence",
            "add",
            "ML-0001",
            "--on",
            "05/02/2026",
            "--kind",
            "letter",
            "--direction",
            "in",
            "--with",
            "school",
            "--summary",
            "End-of-term report",
        ],
    );
    ok(&vault, &["episode", "end", "ML-0001", "--reason", "planned ending", "--on", "31/03/2026"]);
    vault
}

fn status(vault: &std::path::Path, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["--json", "retention", "status"];
    args.extend_from_slice(extra);
    json(&run(vault, &args)).as_array().cloned().unwrap_or_default()
}

#[test]
fn a_new_vault_has_no_policy_until_one_is_chosen_and_then_every_entry_has_its_date() {
    let tmp = tempdir();
    let vault = practice(&tmp, None);
    let before = status(&vault, &[]);
    assert!(!before.is_empty());
    for e in &before {
        assert_eq!(e["state"], "needs-information", "{e}");
        assert!(e["reason"].as_str().unwrap_or_default().contains("choose a retention policy"), "{e}");
    }
    let presets = json(&run(&vault, &["--json", "retention", "policy", "presets"]));
    let ids: Vec<&str> = presets.as_array().into_iter().flatten().filter_map(|p| p["id"].as_str()).collect();
    assert_eq!(ids, ["bedfordshire", "cambridge", "mind", "nhs"]);
    assert_eq!(code(&run(&vault, &["retention", "policy", "set", "gdpr"])), 1, "an unknown preset is refused");
    ok(&vault, &["retention", "policy", "set", "bedfordshire"]);

    let after = status(&vault, &[]);
    for e in &after {
        for key in ["client", "category", "item", "state", "dueOn", "reason"] {
            assert!(e.get(key).is_some(), "status JSON has {key}: {e}");
        }
    }
    let find = |client: &str, category: &str| after.iter().find(|e| e["client"] == client && e["category"] == category);
    let record = find("ML-0001", "client-record").unwrap_or_else(|| panic!("{after:?}"));
    // The later of 7 years after the end (31/03/2033) and the 25th birthday (10/12/2040).
    assert_eq!((record["state"].as_str(), record["dueOn"].as_str()), (Some("kept"), Some("10/12/2040")));
    assert!(record["item"].is_null());
    assert_eq!(
        record["reason"],
        "The 25th birthday on 10/12/2040, later than 7 years after therapy ended on 31/03/2026."
    );
    let letter = find("ML-0001", "correspondence").unwrap_or_else(|| panic!("{after:?}"));
    assert_eq!((letter["item"].as_str(), letter["dueOn"].as_str()), (Some("1"), Some("10/12/2040")));
    let ola = find("ON-0002", "client-record").unwrap_or_else(|| panic!("{after:?}"));
    assert_eq!((ola["state"].as_str(), ola["dueOn"].as_str()), (Some("in-therapy"), None));
    assert!(find("ML-0001", "safeguarding").is_none(), "no safeguarding entry without a concern");

    // --as-of checks the engine on any day and changes nothing.
    let later = status(&vault, &["--as-of", "10/12/2040", "--client", "ML-0001"]);
    assert_eq!(later.len(), 2);
    assert!(later.iter().all(|e| e["state"] == "due"), "{later:?}");
    let day_before = status(&vault, &["--as-of", "09/12/2040", "--client", "ml-0001"]);
    assert!(day_before.iter().all(|e| e["state"] == "kept"), "{day_before:?}");
    assert_eq!(code(&run(&vault, &["retention", "status", "--as-of", "31/02/2030"])), 1, "a malformed day is refused");

    // A change of policy is logged with the old and new rules, and every date follows.
    ok(&vault, &["retention", "policy", "set", "nhs"]);
    let nhs = status(&vault, &["--client", "ML-0001"]);
    assert_eq!(nhs[0]["dueOn"], "10/12/2040", "the 25th birthday under the NHS code too");
    let changes = json(&run(&vault, &["--json", "retention", "policy", "changes"]));
    assert_eq!(changes.as_array().map(Vec::len), Some(2));
    assert_eq!(
        (changes[1]["old"]["preset"].as_str(), changes[1]["new"]["preset"].as_str()),
        (Some("bedfordshire"), Some("nhs"))
    );
}

#[test]
fn init_can_choose_the_policy_and_refuses_an_unknown_one_before_creating_anything() {
    let tmp = tempdir();
    let vault = practice(&tmp, Some("cambridge"));
    let shown = json(&run(&vault, &["--json", "retention", "policy", "show"]));
    assert_eq!(shown["preset"], "cambridge");
    // A child at the end: the later of 3 years after the 18th birthday and 5 after the end.
    assert_eq!(status(&vault, &["--client", "ML-0001"])[0]["dueOn"], "10/12/2036");

    let other = tmp.path().join("other");
    let o = folio(
        &other,
        &["init", "--practice", "P", "--password-stdin", "--kdf-target-ms", "0", "--retention", "gdpr"],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(code(&o), 1);
    assert!(text(&o.stderr).contains("bedfordshire, cambridge, mind, nhs"), "{}", text(&o.stderr));
    assert!(!other.join("folio.db").exists(), "nothing was created");
}

#[test]
fn a_legal_hold_stops_the_countdown_without_moving_the_date_and_an_open_complaint_holds_by_itself() {
    let tmp = tempdir();
    let vault = practice(&tmp, Some("bedfordshire"));
    ok(&vault, &["retention", "hold", "ML-0001", "--reason", "Claim from the family's solicitor"]);
    let held = status(&vault, &["--client", "ML-0001", "--as-of", "01/01/2041"]);
    for e in &held {
        assert_eq!((e["state"].as_str(), e["dueOn"].as_str()), (Some("on-hold"), Some("10/12/2040")), "{e}");
        assert!(e["reason"].as_str().unwrap_or_default().starts_with("On hold since"), "{e}");
    }
    assert_eq!(code(&run(&vault, &["retention", "hold", "ML-0001", "--reason", "Again"])), 1, "already on hold");
    ok(&vault, &["retention", "release", "ML-0001"]);
    assert_eq!(status(&vault, &["--client", "ML-0001", "--as-of", "01/01/2041"])[0]["state"], "due");

    ok(&vault, &["complaint", "add", "ML-0001", "--received", "01/04/2026", "--summary", "Unhappy with the ending"]);
    assert_eq!(status(&vault, &["--client", "ML-0001", "--as-of", "01/01/2041"])[0]["state"], "on-hold");
    ok(&vault, &["retention", "hold", "ML-0001", "--reason", "The complaint"]);
    let refused = run(&vault, &["retention", "release", "ML-0001"]);
    assert_eq!(code(&refused), 1);
    assert!(text(&refused.stderr).contains("complaint about this client is open"), "{}", text(&refused.stderr));
    let holds = json(&run(&vault, &["--json", "retention", "holds"]));
    assert_eq!(holds.as_array().map(Vec::len), Some(2));
}

#[test]
fn a_rule_edited_as_text_moves_every_date_and_the_log_shows_the_old_and_new_words() {
    let (tmp, other) = (tempdir(), tempdir());
    let rule = |vault: &std::path::Path, category: &str, cases: &[&str]| {
        let mut args = vec!["retention", "policy", "rule", category];
        for case in cases {
            args.extend(["--case", case]);
        }
        run(vault, &args)
    };
    let refused = |o: &std::process::Output, expected: &str| {
        assert_eq!(code(o), 1, "{}", text(&o.stderr));
        assert!(text(&o.stderr).contains(expected), "{}", text(&o.stderr));
    };

    let unchosen = practice(&other, None);
    refused(&rule(&unchosen, "client-record", &["end+10y"]), "Choose a retention policy first");

    let vault = practice(&tmp, Some("bedfordshire"));
    let due = |vault: &std::path::Path| status(vault, &["--client", "ML-0001"])[0]["dueOn"].clone();
    assert_eq!(due(&vault), "10/12/2040", "the 25th birthday");
    let shown = ok(&vault, &["retention", "policy", "show"]);
    assert!(
        shown.contains("folio retention policy rule client-record --case \"always: end+7y, birth+25y\""),
        "show gives each rule's text to copy: {shown}"
    );

    let edited = ok(&vault, &["retention", "policy", "rule", "client-record", "--case", "always: end+10y"]);
    assert!(edited.contains("Client record: 10 years after the end of therapy"), "{edited}");
    assert!(edited.contains("Every date is computed again"), "{edited}");
    let after = status(&vault, &["--client", "ML-0001"]);
    assert_eq!(after[0]["dueOn"], "31/03/2036", "10 years after therapy ended on 31/03/2026");
    assert_eq!(after[1]["dueOn"], "31/03/2036", "the letter follows the client record");

    // Refusals exit 1, say what to fix and change nothing.
    let bad = run(&vault, &["--json", "retention", "policy", "rule", "client-record", "--case", "end+7"]);
    refused(&bad, "\"end+7\" needs a unit: write end+7y for years or end+7m for months.");
    assert_eq!(
        (json(&bad)["error"]["code"].as_str(), json(&bad)["error"]["field"].as_str()),
        (Some("INVALID_INPUT"), Some("rule"))
    );
    refused(&rule(&vault, "letters", &["end+7y"]), "client-record, safeguarding, correspondence, artwork, media");
    refused(&rule(&vault, "client-record", &["ending+7y"]), "Write one of: end, birth, own, client-record.");
    refused(&rule(&vault, "client-record", &["end+10y"]), "That is already the rule for client record");
    assert_eq!(code(&run(&vault, &["retention", "policy", "rule", "client-record"])), 2, "a case is required");
    assert_eq!(due(&vault), "31/03/2036");

    // Several cases, in order; --json prints the policy.
    let policy = json(&run(
        &vault,
        &[
            "--json",
            "retention",
            "policy",
            "rule",
            "client-record",
            "--case",
            "child: birth+25y",
            "--case",
            "adult: end+10y",
        ],
    ));
    assert_eq!(policy["preset"], "bedfordshire");
    assert_eq!(policy["clientRecord"]["cases"].as_array().map(Vec::len), Some(2));
    assert_eq!(policy["clientRecord"]["cases"][0]["when"], "child");
    assert_eq!(due(&vault), "10/12/2040", "a child's record to the 25th birthday");

    let changes = ok(&vault, &["retention", "policy", "changes"]);
    assert!(
        changes.contains(
            "Client record: The later of 7 years after the end of therapy and the 25th birthday → 10 years after the end of therapy"
        ),
        "{changes}"
    );
    let logged = json(&run(&vault, &["--json", "retention", "policy", "changes"]));
    assert_eq!(logged.as_array().map(Vec::len), Some(3), "refusals are not logged");
    assert_eq!(logged[0]["changed"].as_array().map(Vec::len), Some(5), "the first choice gives every rule");
    let last = &logged[2];
    for key in ["id", "at", "old", "new", "changed"] {
        assert!(last.get(key).is_some(), "changes JSON has {key}: {last}");
    }
    assert_eq!(last["changed"].as_array().map(Vec::len), Some(1));
    assert_eq!(last["changed"][0]["category"], "client-record");
    assert_eq!(last["changed"][0]["old"], "10 years after the end of therapy");
    assert_eq!(
        last["changed"][0]["new"],
        "A child at the end of therapy: the 25th birthday; an adult at the end of therapy: 10 years after the end of therapy"
    );
}
