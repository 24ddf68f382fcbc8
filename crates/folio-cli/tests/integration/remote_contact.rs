//! Seed 004 outside sessions and seed 000's initials-only rule, from the command line:
//! `correspondence add` refused for a text to a child without consent, a day without a
//! session needing `--outside-reason`, and the identifier check's refusal as scripts see it
//! (`identifiers-found` with where, never what) in `correspondence`, `disclosure` and
//! `safeguarding add`, unless `--keep-identifiers` is given.

use super::*;

/// Mia Lee, 10, in therapy, her mother Ann Lee on the referral, a session on 17/11/2026.
fn vault_with_child(tmp: &tempfile::TempDir) -> std::path::PathBuf {
    let vault = tmp.path().join("vault");
    init(&vault);
    let referral = tmp.path().join("referral.json");
    let json = r#"{"givenName":"Mia","familyName":"Lee-Hartley","dateOfBirth":"10/12/2015","referralDate":"01/09/2026",
        "parentalResponsibility":[{"name":"Ann Lee-Hartley","relationship":"mother"}]}"#;
    std::fs::write(&referral, json).unwrap_or_else(|e| panic!("{e}"));
    ok(&vault, &["referral", "add", &referral.to_string_lossy()]);
    ok(&vault, &["client", "state", "ML-0001", "assessment", "--on", "08/09/2026"]);
    ok(&vault, &["client", "state", "ML-0001", "in-therapy", "--on", "15/09/2026"]);
    ok(&vault, &["session", "add", "ML-0001", "--on", "17/11/2026", "--outcome", "attended"]);
    vault
}

const TEXT: &[&str] = &["correspondence", "add", "ML-0001", "--kind", "text", "--direction", "out", "--with", "client"];

#[test]
fn a_text_to_a_child_is_refused_until_written_parental_consent_and_needs_a_reason_outside_sessions() {
    let tmp = tempdir();
    let vault = vault_with_child(&tmp);
    let args = [TEXT, &["--on", "17/11/2026", "--summary", "Reminder of next week's time"]].concat();
    let refused = run(&vault, &args);
    assert_eq!(code(&refused), 1);
    let said = text(&refused.stderr);
    assert!(said.contains("written consent for online or phone contact"), "{said}");
    assert!(said.contains("folio consent add CODE --purpose online-contact"), "{said}");

    let consent = ["consent", "add", "ML-0001", "--purpose", "online-contact", "--given-by", "Ann Lee-Hartley"];
    let how =
        ["--how", "written", "--on", "10/11/2026", "--platforms", "Video app", "--if-tech-fails", "I phone her mother"];
    ok(&vault, &[&consent[..], &how].concat());
    ok(&vault, &args);

    let outside = [TEXT, &["--on", "18/11/2026", "--summary", "Confirmed the new room"]].concat();
    let refused = run(&vault, &outside);
    assert_eq!(code(&refused), 1);
    assert!(text(&refused.stderr).contains("no session in the register on 18/11/2026"), "{}", text(&refused.stderr));
    let sent = run(&vault, &[&outside[..], &["--outside-reason", "Mother asked me to confirm"]].concat());
    assert_eq!(code(&sent), 0, "{}", text(&sent.stderr));
    assert!(text(&sent.stderr).contains("warning: Outside an appointment"), "{}", text(&sent.stderr));
    let log = ok(&vault, &["correspondence", "list", "ML-0001"]);
    assert!(log.contains("warning: Outside an appointment") && log.contains("Mother asked me to confirm"), "{log}");

    let incoming =
        ["correspondence", "add", "ML-0001", "--kind", "voice-message", "--direction", "in", "--with", "client"];
    let incoming =
        [&incoming[..], &["--on", "19/11/2026", "--summary", "Asked if we could play the drum again"]].concat();
    assert_eq!(code(&run(&vault, &incoming)), 1, "a voice message on a day without a session needs the reason too");
    ok(&vault, &[&incoming[..], &["--outside-reason", "Sent by the child in the evening"]].concat());
}

/// The refusal scripts see: exit 1 and `{"error": {"code": "identifiers-found", "message",
/// "hits": [{"kind", "start", "end"}]}}`, the text never quoted.
fn assert_identifiers_found(o: &Output, kind: &str, start: u64, end: u64) {
    assert_eq!(code(o), 1, "{}", text(&o.stderr));
    let body = json(o);
    let error = &body["error"];
    assert_eq!(error["code"], "identifiers-found", "{body}");
    assert!(error["message"].as_str().is_some_and(|m| m.contains("Write initials instead")), "{body}");
    assert_eq!(error["hits"][0]["kind"], kind, "{body}");
    assert_eq!(
        (error["hits"][0]["start"].as_u64(), error["hits"][0]["end"].as_u64()),
        (Some(start), Some(end)),
        "{body}"
    );
    assert!(!body.to_string().contains("Hartley"), "never quotes what it found: {body}");
}

#[test]
fn text_naming_someone_is_refused_as_identifiers_found_unless_kept_with_a_reason() {
    let tmp = tempdir();
    let vault = vault_with_child(&tmp);
    let letter = ["correspondence", "add", "ML-0001", "--kind", "letter", "--direction", "out", "--with", "school"];
    let summary = ["--on", "17/11/2026", "--summary", "Told the SENCo Hartley is settling"];
    let refused = run(&vault, &[&["--json"][..], &letter, &summary].concat());
    assert_identifiers_found(&refused, "family-name", 15, 22);
    let kept =
        run(&vault, &[&["--json"][..], &letter, &summary, &["--keep-identifiers", "The school's own letter"]].concat());
    assert_eq!(code(&kept), 0, "{}", text(&kept.stderr));
    assert_eq!(json(&kept)["kept"][0]["reason"], "The school's own letter");

    let share = ["disclosure", "add", "ML-0001", "--to", "gp", "--basis", "legal-duty", "--told", "not-told"];
    let what = ["--what", "Mia's attendance", "--reason", "Asked by the court", "--told-confidential"];
    let refused = run(&vault, &[&["--json"][..], &share, &what].concat());
    assert_identifiers_found(&refused, "given-name", 0, 3);
    let kept = run(&vault, &[&["--json"][..], &share, &what, &["--keep-identifiers", "The GP knows her"]].concat());
    assert_eq!(code(&kept), 0, "{}", text(&kept.stderr));
    assert_eq!(json(&kept)["toldConfidential"], true);

    let concern =
        ["safeguarding", "add", "ML-0001", "--account", "Said Ann Lee-Hartley shouted", "--action", "Told the DSL"];
    let refused = run(&vault, &[&["--json"][..], &concern].concat());
    assert_eq!(json(&refused)["error"]["code"], "identifiers-found", "{}", text(&refused.stdout));
    assert_eq!(json(&refused)["error"]["hits"][0]["field"], "account");
}
