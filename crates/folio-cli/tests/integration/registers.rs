//! `complaint` and `incident`: the registers' contract for scripts — ids printed alone,
//! camelCase JSON with UK dates and times, and exit 1 with a message naming what to fix.

use super::*;

#[test]
fn complaints_from_the_cli() {
    let (_tmp, vault) = vault_with_one_client();
    let add = [
        "complaint",
        "add",
        "ML-0001",
        "--received",
        "02/10/2025",
        "--summary",
        "Not told the sessions would end.",
        "--from",
        "AL (mother)",
        "--how",
        "email",
    ];
    let o = run(&vault, &add);
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    let id = text(&o.stdout).trim().to_string();
    assert!(id.parse::<i64>().is_ok(), "the id alone: {id:?}");
    let staged = run(&vault, &["--json", "complaint", "stage", &id, "--stage", "commissioner", "--on", "20/10/2025"]);
    assert_eq!(json(&staged)["stages"], serde_json::json!([{"stage": "commissioner", "on": "20/10/2025"}]));
    let early = run(&vault, &["complaint", "stage", &id, "--stage", "hcpc", "--on", "01/10/2025"]);
    assert_eq!(code(&early), 1);
    assert!(text(&early.stderr).contains("before the complaint was received (02/10/2025)"), "{}", text(&early.stderr));
    let practice =
        run(&vault, &["complaint", "add", "--received", "01/11/2025", "--summary", "About the waiting list."]);
    assert_eq!(code(&practice), 0, "a complaint about the practice: {}", text(&practice.stderr));
    let closed = run(
        &vault,
        &[
            "--json",
            "complaint",
            "close",
            &id,
            "--on",
            "01/11/2025",
            "--outcome",
            "Resolved.",
            "--response",
            "Met and apologised.",
        ],
    );
    let c = json(&closed);
    assert_eq!(
        (c["state"].as_str(), c["closed"].as_str(), c["outcome"].as_str()),
        (Some("closed"), Some("01/11/2025"), Some("Resolved."))
    );

    let list = json(&run(&vault, &["--json", "complaint", "list"]));
    let first = &list[0];
    for key in
        ["id", "client", "received", "from", "how", "summary", "stages", "closed", "response", "outcome", "state"]
    {
        assert!(first.get(key).is_some(), "{key} in {first}");
    }
    assert_eq!((first["state"].as_str(), first["client"].is_null()), (Some("open"), true), "open first");
    assert_eq!(
        (list[1]["client"].as_str(), list[1]["received"].as_str(), list[1]["how"].as_str()),
        (Some("ML-0001"), Some("02/10/2025"), Some("email"))
    );
    let mine = json(&run(&vault, &["--json", "complaint", "list", "--client", "ML-0001"]));
    assert_eq!(mine.as_array().map(Vec::len), Some(1));

    let future = run(&vault, &["complaint", "add", "ML-0001", "--received", "01/01/2099", "--summary", "x"]);
    assert_eq!(code(&future), 1);
    assert!(text(&future.stderr).contains("cannot be in the future"));
    let how = run(
        &vault,
        &["complaint", "add", "ML-0001", "--received", "01/01/2025", "--summary", "x", "--how", "carrier-pigeon"],
    );
    assert_eq!(code(&how), 1);
    assert!(text(&how.stderr).contains("Choose how it was received") && !text(&how.stderr).contains("pigeon"));
    let bad_stage = run(&vault, &["complaint", "stage", "999", "--stage", "therapist", "--on", "01/01/2025"]);
    assert_eq!(code(&bad_stage), 1);
    assert!(text(&bad_stage.stderr).contains("no complaint with that id"));
}

#[test]
fn incidents_from_the_cli() {
    let (_tmp, vault) = vault_with_one_client();
    let add = [
        "incident",
        "add",
        "--aware",
        "24/10/2025 10:00",
        "--summary",
        "A letter about ML went to the wrong house.",
        "--client",
        "ML-0001",
        "--risk",
        "Low",
        "--actions",
        "Collected it",
        "--people-told",
        "AL told by phone",
    ];
    let o = run(&vault, &add);
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    let id = text(&o.stdout).trim().to_string();
    assert!(id.parse::<i64>().is_ok(), "the id alone: {id:?}");
    let list = json(&run(&vault, &["--json", "incident", "list"]));
    let i = &list[0];
    assert_eq!(
        (i["aware"].as_str(), i["reportBy"].as_str()),
        (Some("24/10/2025 10:00"), Some("27/10/2025 09:00")),
        "clocks went back on 26/10/2025"
    );
    assert_eq!(
        (i["state"].as_str(), i["clients"].clone(), i["overdue"].as_bool()),
        (Some("open"), serde_json::json!(["ML-0001"]), Some(true))
    );
    for key in [
        "id",
        "summary",
        "risk",
        "actions",
        "peopleTold",
        "mustReport",
        "decisionReason",
        "reportedOn",
        "lateReason",
        "reference",
        "minutesLeft",
        "countdown",
    ] {
        assert!(i.get(key).is_some(), "{key} in {i}");
    }
    let late = run(&vault, &["incident", "report", &id, "--on", "27/10/2025 10:00"]);
    assert_eq!(code(&late), 1);
    assert!(text(&late.stderr).contains("after the deadline (27/10/2025 09:00)"), "{}", text(&late.stderr));
    let reported = json(&run(
        &vault,
        &["--json", "incident", "report", &id, "--on", "27/10/2025 10:00", "--late-reason", "Away at a funeral."],
    ));
    assert_eq!(
        (reported["state"].as_str(), reported["reportedOn"].as_str(), reported["lateReason"].as_str()),
        (Some("reported"), Some("27/10/2025 10:00"), Some("Away at a funeral."))
    );

    let other = text(
        &run(
            &vault,
            &["incident", "add", "--aware", "01/11/2025 09:00", "--summary", "A concern about online contact."],
        )
        .stdout,
    )
    .trim()
    .to_string();
    let unreasoned = run(&vault, &["incident", "decide", &other, "--report", "no", "--reason", ""]);
    assert_eq!(code(&unreasoned), 1);
    assert!(text(&unreasoned.stderr).contains("Give the reason for the decision"));
    let decided = json(&run(
        &vault,
        &["--json", "incident", "decide", &other, "--report", "no", "--reason", "No personal data left the practice."],
    ));
    assert_eq!(
        (decided["state"].as_str(), decided["mustReport"].as_bool(), decided["decisionReason"].as_str()),
        (Some("not-reported"), Some(false), Some("No personal data left the practice."))
    );

    let skipped = run(&vault, &["incident", "add", "--aware", "30/03/2025 01:30", "--summary", "x"]);
    assert_eq!(code(&skipped), 1);
    assert!(
        text(&skipped.stderr).contains("did not happen") && !text(&skipped.stderr).contains("01:30"),
        "{}",
        text(&skipped.stderr)
    );
    let shape = run(&vault, &["--json", "incident", "add", "--aware", "2025-10-24", "--summary", "x"]);
    assert_eq!(code(&shape), 1);
    assert_eq!(json(&shape)["error"]["field"].as_str(), Some("aware"));
}
