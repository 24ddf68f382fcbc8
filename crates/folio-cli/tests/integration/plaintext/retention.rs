//! Retention's and destruction's markers, typed through the CLI (part of `plaintext.rs`): a
//! legal hold's reason, and a client whose every record is due — names, setting, a letter's
//! summary, kept-identifier reason, attachment name and bytes, a piece's description and
//! location, a note, the ending's reason — shown back, then destroyed by a confirmed
//! destruction run at the next command that writes, its record listed and its certificate
//! written (for someone named by a marker, never stored).

use super::{attachment_body, Markers, Sandbox, PASSWORD};

pub(super) fn write_retention(s: &Sandbox, m: &mut Markers, client: &str, unshown: &mut Vec<String>) -> String {
    let pw = format!("{PASSWORD}\n");
    let mut shown = String::new();
    let run = |args: &[&str]| s.run(&[&["--password-stdin"], args].concat(), &pw).trim().to_string();
    run(&["retention", "policy", "set", "bedfordshire"]);
    run(&["retention", "hold", client, "--reason", &m.word("HOLD-REASON")]);
    shown += &s.json(PASSWORD, &["retention", "holds"]).to_string();

    // A client whose therapy ended in 2010: everything of theirs is due.
    let (given, family, setting) = (m.word("OLD-GIVEN"), m.word("OLD-FAMILY"), m.word("OLD-SETTING"));
    let added = s.json(
        PASSWORD,
        &[
            "client",
            "add",
            "--given",
            &given,
            "--family",
            &family,
            "--dob",
            "01/01/1980",
            "--referral-date",
            "01/09/2008",
            "--setting",
            &setting,
        ],
    );
    let old = added["code"].as_str().unwrap_or_else(|| panic!("no code: {added}")).to_string();
    run(&["client", "state", &old, "assessment", "--on", "08/09/2008"]);
    run(&["client", "state", &old, "in-therapy", "--on", "15/09/2008"]);
    let bytes = m.word("OLD-ATTACHMENT-BYTES");
    unshown.push(bytes.clone());
    let attachment = s.input(&format!("{}.txt", m.word("OLD-ATTACHMENT-NAME")), &attachment_body(&bytes));
    let (summary, kept) = (m.word("OLD-SUMMARY"), m.word("OLD-KEPT-REASON"));
    run(&[
        "correspondence",
        "add",
        &old,
        "--on",
        "05/02/2010",
        "--kind",
        "letter",
        "--direction",
        "in",
        "--with",
        "school",
        "--summary",
        &summary,
        "--attach",
        &attachment,
        "--keep-identifiers",
        &kept,
    ]);
    let (piece, place) = (m.word("OLD-ARTWORK"), m.word("OLD-LOCATION"));
    run(&["artwork", "add", &old, "--description", &piece, "--made", "01/10/2009", "--location", &place]);
    let note = m.word("OLD-NOTE");
    run(&[
        "note",
        "add",
        &old,
        "--kind",
        "free",
        "--on",
        "03/10/2009",
        "--text",
        &format!("## Themes\nBuilt a {note}."),
    ]);
    run(&["episode", "end", &old, "--reason", &m.word("OLD-END-REASON"), "--on", "31/03/2010"]);
    for args in [
        vec!["client", "show", &old],
        vec!["correspondence", "list", &old],
        vec!["artwork", "list", "--client", &old],
        vec!["note", "search", &note],
    ] {
        shown += &s.json(PASSWORD, &args).to_string();
    }

    // Reviewed, confirmed with no grace period, run by the next command that writes.
    run(&["destroy", "grace", "0"]);
    shown += &s.json(PASSWORD, &["destroy", "--due"]).to_string();
    run(&["destroy", "--due", "--confirm"]);
    let writing = s.attempt(&["--password-stdin", "settings", "--auto-lock", "7"], &pw);
    assert!(super::text(&writing.stderr).contains("were destroyed (1 client)"), "{}", super::text(&writing.stderr));
    let records = s.json(PASSWORD, &["destroy", "records"]);
    assert_eq!(records[0]["client"].as_str(), Some(old.as_str()), "{records}");
    let certificate = s.exports.join("certificate.pdf").to_string_lossy().into_owned();
    let whom = m.word("CERTIFICATE-FOR");
    unshown.push(whom.clone());
    run(&["destroy", "certificate", &records[0]["id"].to_string(), "--out", &certificate, "--for", &whom]);
    assert!(std::fs::read(&certificate).unwrap_or_default().starts_with(b"%PDF"));
    shown
}
