//! `request`: the request register's contract for scripts — the id printed alone, camelCase
//! JSON with UK dates and the deadline, exit 1 with a message naming what to fix.

use super::*;

#[test]
fn a_request_from_the_cli_with_its_deadline_extension_and_closing() {
    let (_tmp, vault) = vault_with_one_client();
    let add = [
        "request",
        "add",
        "ML-0001",
        "--kind",
        "access",
        "--received",
        "01/10/2025",
        "--summary",
        "A copy of the notes.",
        "--made-by",
        "parent",
        "--from",
        "AL (mother)",
    ];
    let id = ok(&vault, &add).trim().to_string();
    assert!(id.parse::<i64>().is_ok(), "the id alone: {id:?}");
    let shown = json(&run(&vault, &["--json", "request", "list", "--open"]));
    assert_eq!(shown[0]["due"], "03/11/2025", "01/11/2025 was a Saturday: {shown}");
    assert_eq!((shown[0]["state"].as_str(), shown[0]["madeBy"].as_str()), (Some("overdue"), Some("parent")));

    let identity = run(
        &vault,
        &["--json", "request", "identity", &id, "--on", "06/10/2025", "--how", "Passport seen", "--waited"],
    );
    assert_eq!(json(&identity)["due"], "06/11/2025", "a month from the proof of identity");
    let late =
        run(&vault, &["request", "extend", &id, "--months", "2", "--reason", "Complex.", "--told-on", "07/11/2025"]);
    assert_eq!(code(&late), 1);
    assert!(text(&late.stderr).contains("within the first month, by 06/11/2025"), "{}", text(&late.stderr));
    let extended = run(
        &vault,
        &["--json", "request", "extend", &id, "--months", "2", "--reason", "Complex.", "--told-on", "01/11/2025"],
    );
    assert_eq!(json(&extended)["due"], "06/01/2026");
    let listed = ok(&vault, &["request", "list", "--client", "ML-0001"]);
    assert!(listed.contains("answer by 06/01/2026") && listed.contains("extended by 2 months"), "{listed}");

    let refused = run(&vault, &["request", "close", &id, "--on", "05/01/2026", "--outcome", "refused"]);
    assert_eq!(code(&refused), 1);
    assert!(text(&refused.stderr).contains("Write the reasons"), "{}", text(&refused.stderr));
    let closed =
        run(&vault, &["--json", "request", "close", &id, "--on", "05/01/2026", "--outcome", "done", "--note", "Sent."]);
    assert_eq!((json(&closed)["state"].as_str(), json(&closed)["outcome"].as_str()), (Some("closed"), Some("done")));
    assert_eq!(ok(&vault, &["request", "list", "--open"]).trim(), "No rights requests recorded.");

    let kind = run(&vault, &["request", "add", "--kind", "gossip", "--received", "01/10/2025", "--summary", "x"]);
    assert_eq!(code(&kind), 1);
    assert!(text(&kind.stderr).contains("Choose the kind of request"), "{}", text(&kind.stderr));
    let help = ok(&vault, &["request", "add", "--help"]);
    assert!(help.contains("rectification") && help.contains("representative"), "the lists in the help: {help}");
}
