//! The artwork inventory's and the photos' and recordings' markers, typed through the CLI
//! (part of `plaintext.rs`).

use super::{attachment_body, Markers, Sandbox, PASSWORD};

/// A piece's description, medium, size and location, the location it moved to, who took
/// it; a second piece's disposal; a photo's caption and file name; a recording's caption,
/// file name and bytes (the marker at its start, middle and end).
pub(super) fn write_inventory(
    s: &Sandbox,
    m: &mut Markers,
    client: &str,
    parent: &str,
    unshown: &mut Vec<String>,
) -> String {
    let pw = format!("{PASSWORD}\n");
    let mut shown = String::new();
    let run = |args: &[&str]| s.run(&[&["--password-stdin"], args].concat(), &pw).trim().to_string();
    let (description, medium, size, place) =
        (m.word("ART-DESCRIPTION"), m.word("ART-MEDIUM"), m.word("ART-SIZE"), m.word("ART-LOCATION"));
    let piece = run(&[
        "artwork",
        "add",
        client,
        "--description",
        &description,
        "--medium",
        &medium,
        "--size",
        &size,
        "--location",
        &place,
    ]);
    let moved = m.word("ART-MOVED-TO");
    run(&["artwork", "move", &piece, "--to", &moved]);
    let second = run(&["artwork", "add", client, "--description", &m.word("ART-SECOND"), "--location", &place]);
    let how = m.word("ART-DISPOSED-HOW");
    run(&["artwork", "dispose", &second, "--how", &how]);
    shown += &s.json(PASSWORD, &["artwork", "show", &second]).to_string();
    shown += &s.json(PASSWORD, &["artwork", "locations"]).to_string();

    // A photo of the first piece and a recording, each behind its consent (given in the current episode).
    let consent = ["--given-by", parent, "--how", "written", "--on", "05/10/2026"];
    run(&[&["consent", "add", client, "--purpose", "artwork-photos"][..], &consent].concat());
    run(&["session", "settings", "--records-sessions", "yes"]);
    let plan = m.word("RECORDING-PLAN");
    run(&[&["consent", "add", client, "--purpose", "recording", "--plan", &plan][..], &consent].concat());
    let photo = s.input(&format!("{}.png", m.word("PHOTO-FILE-NAME")), &folio_core::demo::square_png([1, 2, 3], 16));
    let caption = m.word("PHOTO-CAPTION");
    run(&["media", "add", client, &photo, "--kind", "photo", "--artwork", &piece, "--caption", &caption]);
    let bytes = m.word("RECORDING-BYTES");
    unshown.push(bytes.clone());
    let recording = s.input(&format!("{}.wav", m.word("RECORDING-FILE-NAME")), &attachment_body(&bytes));
    let said = m.word("RECORDING-CAPTION");
    run(&["media", "add", client, &recording, "--kind", "audio", "--caption", &said]);
    shown += &s.json(PASSWORD, &["media", "list", "--client", client]).to_string();
    shown += &s.json(PASSWORD, &["consent", "list", client]).to_string();

    let to = m.word("ART-RETURNED-TO");
    run(&["artwork", "return", &piece, "--to", &to]);
    shown += &s.json(PASSWORD, &["artwork", "show", &piece]).to_string();
    shown
}
