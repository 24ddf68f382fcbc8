//! The ledger's and the registers' markers, typed through the CLI (part of `plaintext.rs`).

use super::{attachment_body, Markers, Sandbox, PASSWORD};

/// The consent ledger and the record of sharing through the CLI: a consent's told text and
/// told file (the marker at its start, middle and end, and in its name), a review
/// note, a withdrawal's by-name, an agreement's signer, version and signed copy, a
/// disclosure's recipient, what, reason, decider and attachment, and a safeguarding entry's
/// every text with the identifier check's finds kept for a reason.
pub(super) fn write_ledger(
    s: &Sandbox,
    m: &mut Markers,
    client: &str,
    parent: &str,
    unshown: &mut Vec<String>,
) -> String {
    let pw = format!("{PASSWORD}\n");
    let mut shown = String::new();
    let mut hidden = |m: &mut Markers, kind: &str| {
        let marker = m.word(kind);
        unshown.push(marker.clone());
        marker
    };
    let told_file =
        s.input(&format!("{}.pdf", m.word("CONSENT-FILE-NAME")), &attachment_body(&hidden(m, "CONSENT-FILE-BYTES")));
    let told = m.word("CONSENT-TOLD-TEXT");
    let competence = m.word("CONSENT-COMPETENCE");
    let photos = [
        "consent",
        "add",
        client,
        "--purpose",
        "artwork-photos",
        "--given-by",
        parent,
        "--how",
        "written",
        "--on",
        "15/09/2026",
        "--competence",
        &competence,
        "--told-file",
        &told_file,
    ];
    let photos = s.json(PASSWORD, &photos)["id"].to_string();
    let review_note = hidden(m, "CONSENT-REVIEW-NOTE");
    s.run(&["--password-stdin", "consent", "review", &photos, "--on", "20/11/2026", "--note", &review_note], &pw);
    shown += &s.json(PASSWORD, &["consent", "show", &photos]).to_string();
    let publicity = [
        "consent",
        "add",
        client,
        "--purpose",
        "publicity",
        "--given-by",
        parent,
        "--how",
        "email",
        "--on",
        "15/09/2026",
        "--told",
        &told,
    ];
    let publicity = s.json(PASSWORD, &publicity)["id"].to_string();
    let by = m.word("WITHDRAWN-BY");
    s.run(&["--password-stdin", "consent", "withdraw", &publicity, "--on", "21/11/2026", "--by", &by], &pw);
    shown += &s.json(PASSWORD, &["consent", "list", client]).to_string();
    s.run(&["--password-stdin", "consent", "due"], &pw);

    let copy =
        s.input(&format!("{}.pdf", m.word("AGREEMENT-FILE-NAME")), &attachment_body(&hidden(m, "AGREEMENT-BYTES")));
    let (signer, version) = (m.word("AGREEMENT-SIGNED-BY"), m.word("AGREEMENT-VERSION"));
    let agreement = [
        "agreement",
        "add",
        client,
        "--kind",
        "therapy-contract",
        "--signed-on",
        "16/09/2026",
        "--signed-by",
        &signer,
        "--version",
        &version,
        "--file",
        &copy,
    ];
    s.json(PASSWORD, &agreement);
    shown += &s.json(PASSWORD, &["agreement", "list", client]).to_string();

    let shared =
        s.input(&format!("{}.pdf", m.word("DISCLOSURE-FILE-NAME")), &attachment_body(&hidden(m, "DISCLOSURE-BYTES")));
    let (name, what, reason, decided) = (
        m.word("DISCLOSURE-RECIPIENT"),
        m.word("DISCLOSURE-WHAT"),
        m.word("DISCLOSURE-REASON"),
        m.word("DISCLOSURE-DECIDED-BY"),
    );
    // The markers share a word with the client's name markers: kept with a reason (a marker).
    let (may, kept) = (m.word("DISCLOSURE-PERMITTED-USE"), m.word("DISCLOSURE-KEPT-REASON"));
    let disclosure = [
        "disclosure",
        "add",
        client,
        "--on",
        "20/11/2026",
        "--to",
        "safeguarding-team",
        "--name",
        &name,
        "--what",
        &what,
        "--basis",
        "safeguarding",
        "--reason",
        &reason,
        "--told",
        "not-told",
        "--decided-by",
        &decided,
        "--attach",
        &shared,
        "--told-confidential",
        "--permitted-use",
        &may,
        "--keep-identifiers",
        &kept,
    ];
    let disclosure = s.json(PASSWORD, &disclosure)["id"].to_string();
    shown += &s.json(PASSWORD, &["disclosure", "list", client]).to_string();

    let words: Vec<String> =
        ["SG-INVOLVED", "SG-ACCOUNT", "SG-ACTION", "SG-REFERRED-TO", "SG-REFERENCE", "SG-OUTCOME", "SG-KEPT-REASON"]
            .iter()
            .map(|k| m.word(k))
            .collect();
    let entry = [
        "safeguarding",
        "add",
        client,
        "--on",
        "20/11/2026",
        "--time",
        "10:15",
        "--involved",
        &words[0],
        "--account",
        &words[1],
        "--action",
        &words[2],
        "--referred-to",
        &words[3],
        "--referred-on",
        "20/11/2026",
        "--reference",
        &words[4],
        "--outcome",
        &words[5],
        "--disclosure",
        &disclosure,
        "--keep-identifiers",
        &words[6],
    ];
    s.json(PASSWORD, &entry);
    shown += &s.json(PASSWORD, &["safeguarding", "list", client]).to_string();
    shown += &write_registers(s, m, client);
    shown
}

/// The complaints register, the incident log and the request register: a complaint's from,
/// summary, response and outcome; an incident's summary, risk, actions, people told,
/// decision reason, late reason and ICO reference; then [`write_requests`].
fn write_registers(s: &Sandbox, m: &mut Markers, client: &str) -> String {
    let (from, summary) = (m.word("COMPLAINT-FROM"), m.word("COMPLAINT-SUMMARY"));
    let complaint = ["complaint", "add", client, "--received", "02/10/2026", "--from", &from, "--summary", &summary];
    let complaint = s.json(PASSWORD, &complaint)["id"].to_string();
    s.json(PASSWORD, &["complaint", "stage", &complaint, "--stage", "therapist", "--on", "02/10/2026"]);
    let (outcome, response) = (m.word("COMPLAINT-OUTCOME"), m.word("COMPLAINT-RESPONSE"));
    let close =
        ["complaint", "close", &complaint, "--on", "20/10/2026", "--outcome", &outcome, "--response", &response];
    s.json(PASSWORD, &close);
    let mut shown = s.json(PASSWORD, &["complaint", "list"]).to_string();

    let words: Vec<String> =
        ["INCIDENT-SUMMARY", "INCIDENT-RISK", "INCIDENT-ACTIONS", "INCIDENT-TOLD"].iter().map(|k| m.word(k)).collect();
    let incident = [
        "incident",
        "add",
        "--aware",
        "24/10/2026 10:00",
        "--summary",
        &words[0],
        "--client",
        client,
        "--risk",
        &words[1],
        "--actions",
        &words[2],
        "--people-told",
        &words[3],
    ];
    let reported = s.json(PASSWORD, &incident)["id"].to_string();
    let (late, reference) = (m.word("INCIDENT-LATE-REASON"), m.word("INCIDENT-REFERENCE"));
    let report = [
        "incident",
        "report",
        &reported,
        "--on",
        "27/10/2026 11:00",
        "--late-reason",
        &late,
        "--reference",
        &reference,
    ];
    s.json(PASSWORD, &report);
    let other = s.json(PASSWORD, &["incident", "add", "--aware", "01/11/2026 09:00", "--summary", "A second incident"]);
    let reason = m.word("INCIDENT-DECISION-REASON");
    s.json(PASSWORD, &["incident", "decide", &other["id"].to_string(), "--report", "no", "--reason", &reason]);
    shown += &s.json(PASSWORD, &["incident", "list"]).to_string();
    shown += &write_requests(s, m, client);
    shown
}

/// The request register: a request's from and summary, the identity check's how, an
/// extension's reason and the closing's note.
fn write_requests(s: &Sandbox, m: &mut Markers, client: &str) -> String {
    let (from, summary) = (m.word("REQUEST-FROM"), m.word("REQUEST-SUMMARY"));
    let add = [
        "request",
        "add",
        client,
        "--kind",
        "access",
        "--received",
        "02/10/2026",
        "--from",
        &from,
        "--summary",
        &summary,
    ];
    let id = s.json(PASSWORD, &add)["id"].to_string();
    let how = m.word("REQUEST-IDENTITY-HOW");
    s.json(PASSWORD, &["request", "identity", &id, "--on", "03/10/2026", "--how", &how]);
    let reason = m.word("REQUEST-EXTENSION-REASON");
    s.json(PASSWORD, &["request", "extend", &id, "--months", "1", "--reason", &reason, "--told-on", "20/10/2026"]);
    let note = m.word("REQUEST-NOTE");
    s.json(PASSWORD, &["request", "close", &id, "--on", "20/11/2026", "--outcome", "done", "--note", &note]);
    s.json(PASSWORD, &["request", "list"]).to_string()
}
