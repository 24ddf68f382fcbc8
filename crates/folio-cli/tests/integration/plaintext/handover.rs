//! The clinical will's markers, typed through the CLI (part of `plaintext.rs`): the holders'
//! names, the successor's name, profession, registration and contact, where the laptop and
//! the backups are, and the instructions (from a file); shown back by `status`, by the
//! contact sheet opened with two shares (saved as a PDF among the exports) and by the
//! continuity checklist after a takeover. The shares and the pack are written among the
//! exports (paper, by design), never into the vault.

use super::{Markers, Sandbox, PASSWORD};

pub(super) fn write_handover(s: &Sandbox, m: &mut Markers) -> String {
    let pw = format!("{PASSWORD}\n");
    let mut shown = String::new();
    let holders = [m.word("HOLDER-ONE"), m.word("HOLDER-TWO"), m.word("HOLDER-THREE")];
    let (name, profession) = (m.word("SUCCESSOR-NAME"), m.word("SUCCESSOR-PROFESSION"));
    let (registration, contact) = (m.word("SUCCESSOR-REGISTRATION"), m.word("SUCCESSOR-CONTACT"));
    let (laptop, backups) = (m.word("LAPTOP-PLACE"), m.word("BACKUPS-PLACE"));
    let instructions = s.input("instructions.txt", format!("Keys: {}\n", m.word("INSTRUCTIONS")).as_bytes());
    let out = s.exports.join("handover");
    let out_arg = out.to_string_lossy().into_owned();
    let mut setup: Vec<&str> = vec!["--password-stdin", "handover", "setup", "--threshold", "2"];
    for h in &holders {
        setup.extend(["--holder", h.as_str()]);
    }
    setup.extend([
        "--successor",
        &name,
        "--successor-profession",
        &profession,
        "--successor-registration",
        &registration,
        "--successor-contact",
        &contact,
        "--laptop",
        &laptop,
        "--backups",
        &backups,
        "--instructions-file",
        &instructions,
        "--out",
        &out_arg,
    ]);
    s.run(&setup, &pw);
    shown += &s.json(PASSWORD, &["handover", "status"]).to_string();
    s.run(&["--password-stdin", "handover", "reviewed"], &pw);

    let share = |n: usize| out.join(format!("share-{n}.txt")).to_string_lossy().into_owned();
    let sheet = s.exports.join("contact-sheet").to_string_lossy().into_owned();
    shown += &s.run(
        &[
            "--json",
            "handover",
            "open",
            "--share-file",
            &share(1),
            "--share-file",
            &share(3),
            "--mode",
            "contact",
            "--out",
            &sheet,
        ],
        "",
    );
    // The successor keeps the same password here, so that the rest of the test opens it.
    shown += &s.run(
        &[
            "--json",
            "handover",
            "open",
            "--share-file",
            &share(2),
            "--share-file",
            &share(3),
            "--mode",
            "takeover",
            "--new-password-stdin",
        ],
        &pw,
    );
    s.run(&["--password-stdin", "handover", "tick", "instructions"], &pw);
    shown += &s.json(PASSWORD, &["handover", "checklist"]).to_string();
    shown
}
