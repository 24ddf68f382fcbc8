//! `folio handover`: setup writes the shares (0600) and a pack without any share; status;
//! reissue; open with shares for contact (exit 0), with too few or old shares (exit 3), with
//! a mistyped word (exit 1 naming the file and line); takeover sets the new password.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::{code, folio, init, json, ok, run, tempdir, text, PASSWORD};

const NEW_PASSWORD: &str = "saffron kettle orchard 91";

fn setup(vault: &Path, out: &Path) -> std::process::Output {
    let out = out.to_string_lossy().into_owned();
    run(
        vault,
        &[
            "handover",
            "setup",
            "--threshold",
            "2",
            "--holder",
            "Priya Shah",
            "--holder",
            "Tomasz Nowak",
            "--holder",
            "Ruth Okafor",
            "--successor",
            "Joan Whitlock",
            "--successor-profession",
            "Art therapist",
            "--laptop",
            "Study desk drawer",
            "--backups",
            "Fire safe",
            "--instructions",
            "Cabinet key: with my sister",
            "--out",
            &out,
        ],
    )
}

fn pdf_text(path: &Path) -> String {
    let o = Command::new("pdftotext").arg(path).arg("-").output().unwrap_or_else(|e| panic!("pdftotext: {e}"));
    text(&o.stdout)
}

fn open(vault: &Path, shares: &[PathBuf], mode: &str, stdin: &str, json_out: bool) -> std::process::Output {
    let mut args: Vec<String> = vec!["handover".into(), "open".into()];
    for s in shares {
        args.push("--share-file".into());
        args.push(s.to_string_lossy().into_owned());
    }
    args.extend(["--mode".to_string(), mode.to_string()]);
    if json_out {
        args.push("--json".into());
    }
    if mode == "takeover" {
        args.push("--new-password-stdin".into());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    folio(vault, &args, stdin)
}

/// The words of a share file (the numbered lines), to look for them elsewhere.
fn words_of(share: &Path) -> Vec<String> {
    let body = std::fs::read_to_string(share).unwrap_or_default();
    body.lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()))
        .flat_map(|l| l.split_whitespace().skip(1).map(str::to_string).collect::<Vec<_>>())
        .collect()
}

#[test]
fn setup_writes_private_share_files_and_a_pack_without_any_share() {
    let tmp = tempdir();
    let (vault, out) = (tmp.path().join("v"), tmp.path().join("handover"));
    init(&vault);
    let o = setup(&vault, &out);
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    assert_eq!(
        names,
        ["handover-pack.pdf", "share-1.pdf", "share-1.txt", "share-2.pdf", "share-2.txt", "share-3.pdf", "share-3.txt"]
    );
    #[cfg(unix)]
    for name in &names {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(out.join(name)).map(|m| m.permissions().mode() & 0o777).unwrap_or(0);
        assert_eq!(mode, 0o600, "{name}");
    }
    let share_2 = std::fs::read_to_string(out.join("share-2.txt")).unwrap_or_default();
    assert!(
        share_2.contains("Holder: Tomasz Nowak\n")
            && share_2.contains("Share: 2 of 3\n")
            && share_2.contains("Set: 1\n")
    );

    let pack = pdf_text(&out.join("handover-pack.pdf"));
    assert!(pack.contains("CONFIDENTIAL") && pack.contains("Ruth Okafor") && pack.contains("Joan Whitlock"), "{pack}");
    assert!(pack.contains("\"Contact only\" is a rule of the Folio software"), "{pack}");
    assert!(!pack.contains("Cabinet key"), "the instructions stay inside the vault");
    for share in ["share-1.txt", "share-2.txt", "share-3.txt"] {
        let words = words_of(&out.join(share));
        assert_eq!(words.len(), 30);
        let lines: Vec<String> = words.chunks(5).map(|l| l.join(" ")).collect();
        for line in &lines {
            assert!(!pack.contains(line.as_str()), "a line of {share} is in the pack");
        }
    }
    let sheet = pdf_text(&out.join("share-2.pdf"));
    assert!(sheet.contains("Handover share 2 of 3") && sheet.contains("Held by Tomasz Nowak"), "{sheet}");
    for word in words_of(&out.join("share-2.txt")) {
        assert!(sheet.contains(&word), "{word} missing from the sheet");
    }

    let again = setup(&vault, &tmp.path().join("second"));
    assert_eq!(code(&again), 1);
    assert!(text(&again.stderr).contains("folio handover reissue"), "{}", text(&again.stderr));
    assert!(!tmp.path().join("second").exists(), "nothing is made when refused");
    let full =
        run(&vault, &["handover", "setup", "--holder", "A B", "--successor", "C D", "--out", &out.to_string_lossy()]);
    assert_eq!(code(&full), 1);

    let status = ok(&vault, &["handover", "status"]);
    assert!(status.contains("Any 2 of 3 shares open the vault") && status.contains("share 3: Ruth Okafor"), "{status}");
    let key_file = std::fs::read_to_string(vault.join("folio.key")).unwrap_or_default();
    assert!(
        key_file.contains("\"kind\": \"handover\"") && !key_file.contains("Priya") && !key_file.contains("Whitlock")
    );
}

#[test]
fn open_for_contact_with_two_shares_and_refusals_with_their_exit_codes() {
    let tmp = tempdir();
    let (vault, out) = (tmp.path().join("v"), tmp.path().join("h"));
    init(&vault);
    ok(&vault, &["client", "add", "--given", "Amira", "--family", "Qureshi", "--dob", "03/05/2015"]);
    ok(&vault, &["client", "state", "AQ-0001", "assessment"]);
    ok(&vault, &["client", "state", "AQ-0001", "in-therapy"]);
    assert_eq!(code(&setup(&vault, &out)), 0);
    let share = |n: usize| out.join(format!("share-{n}.txt"));

    let o = open(&vault, &[share(1), share(3)], "contact", "", true);
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    let sheet = json(&o);
    assert_eq!(sheet["clients"][0]["name"], "Amira Qureshi");
    assert_eq!(sheet["shares"], serde_json::json!([1, 3]));
    let printed = tmp.path().join("printed");
    let o = run(
        &vault,
        &[
            "handover",
            "open",
            "--share-file",
            &share(1).to_string_lossy(),
            "--share-file",
            &share(2).to_string_lossy(),
            "--mode",
            "contact",
            "--out",
            &printed.to_string_lossy(),
        ],
    );
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    let pdf = pdf_text(&printed.join("Contact sheet.pdf"));
    assert!(pdf.contains("Amira Qureshi (AQ-0001), a child") && pdf.contains("Cabinet key: with my sister"), "{pdf}");
    let plain = open(&vault, &[share(2), share(1)], "contact", "", false);
    assert!(text(&plain.stdout).contains("Amira Qureshi (AQ-0001), a child: In therapy"), "{}", text(&plain.stdout));
    let audit = ok(&vault, &["audit", "--json"]);
    assert!(audit.contains("handover.opened_for_contact") && audit.contains("set 1: shares 1, 2"), "{audit}");

    let one = open(&vault, &[share(2)], "contact", "", false);
    assert_eq!(code(&one), 3);
    assert!(text(&one.stderr).contains("2 of 3 needed; 1 given"), "{}", text(&one.stderr));
    let same = open(&vault, &[share(2), share(2)], "contact", "", true);
    assert_eq!(code(&same), 3);
    let refusal = json(&same);
    assert_eq!(refusal["error"]["code"], "WRONG_SHARES", "never WRONG_PASSWORD or VAULT_DAMAGED");
    assert_eq!(refusal["error"]["field"], "share-2", "the second share given is the one refused");

    let body = std::fs::read_to_string(share(3)).unwrap_or_default();
    let mistyped: Vec<String> = body
        .lines()
        .map(|l| match l.strip_prefix("2  ") {
            Some(rest) => {
                let w: Vec<&str> = rest.split(' ').collect();
                format!("2  {} {} {} {} {}", w[1], w[0], w[2], w[3], w[4])
            }
            None => l.to_string(),
        })
        .collect();
    let typo = tmp.path().join("typed-share-3.txt");
    std::fs::write(&typo, mistyped.join("\n")).unwrap_or_else(|e| panic!("{e}"));
    let o = open(&vault, &[share(1), typo], "contact", "", false);
    assert_eq!(code(&o), 1);
    assert!(text(&o.stderr).contains("typed-share-3.txt cannot be read: line 2 does not check"), "{}", text(&o.stderr));

    let reissued = run(&vault, &["handover", "reissue", "--out", &tmp.path().join("h2").to_string_lossy()]);
    assert_eq!(code(&reissued), 0, "{}", text(&reissued.stderr));
    assert!(text(&reissued.stderr).contains("still opens with the shares of set 1"), "{}", text(&reissued.stderr));
    let old = open(&vault, &[share(1), share(2)], "contact", "", false);
    assert_eq!(code(&old), 3);
    assert!(text(&old.stderr).contains("earlier set of shares (set 1)"), "{}", text(&old.stderr));
    let new = tmp.path().join("h2");
    assert_eq!(code(&open(&vault, &[new.join("share-1.txt"), new.join("share-3.txt")], "contact", "", false)), 0);

    let printed = run(&vault, &["handover", "print", "--out", &tmp.path().join("pack").to_string_lossy()]);
    assert_eq!(code(&printed), 0, "{}", text(&printed.stderr));
    let pack = pdf_text(&tmp.path().join("pack").join("handover-pack.pdf"));
    assert!(pack.contains("set 2"), "{pack}");
}

#[test]
fn takeover_sets_the_new_password_and_shows_the_checklist() {
    let tmp = tempdir();
    let (vault, out) = (tmp.path().join("v"), tmp.path().join("h"));
    init(&vault);
    assert_eq!(code(&setup(&vault, &out)), 0);
    let shares = [out.join("share-2.txt"), out.join("share-3.txt")];
    let o = open(&vault, &shares, "takeover", &format!("{NEW_PASSWORD}\n"), false);
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    let said = text(&o.stdout);
    assert!(said.contains("Set up a handover of your own") && said.contains("[ ] own-handover"), "{said}");
    assert!(said.contains("Cabinet key: with my sister"), "{said}");

    let old = run(&vault, &["status"]);
    assert_eq!(code(&old), 0, "status needs no password");
    assert!(!text(&old.stdout).contains("handover"), "{}", text(&old.stdout));
    assert_eq!(code(&run(&vault, &["client", "list"])), 3, "the old password is refused");
    let new = folio(&vault, &["--password-stdin", "handover", "tick", "instructions"], &format!("{NEW_PASSWORD}\n"));
    assert_eq!(code(&new), 0, "{}", text(&new.stderr));
    assert!(text(&new.stdout).contains("[x] instructions"));
    let spent = open(&vault, &shares, "contact", "", false);
    assert_eq!(code(&spent), 3);
    let _ = PASSWORD;
}

#[test]
fn a_review_with_nothing_to_change_is_recorded_and_moves_the_next_review() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    let none = run(&vault, &["handover", "reviewed"]);
    assert_eq!(code(&none), 1);
    assert!(text(&none.stderr).contains("No clinical will is set up"), "{}", text(&none.stderr));
    assert_eq!(code(&setup(&vault, &tmp.path().join("h"))), 0);
    let before = json(&run(&vault, &["--json", "handover", "status"]));
    assert_eq!(before["reviewedOn"], serde_json::Value::Null);

    let o = run(&vault, &["--json", "handover", "reviewed"]);
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    let after = json(&o);
    assert_eq!(after["set"], 1, "no new shares");
    assert_eq!(after["reviewDue"], false);
    assert!(after["reviewedOn"].is_string() && after["reviewBy"].is_string(), "{after}");
    let said = ok(&vault, &["handover", "reviewed"]);
    assert!(said.contains("recorded as reviewed on") && said.contains("The next review is due by"), "{said}");
    let audit = ok(&vault, &["audit", "--json"]);
    assert_eq!(audit.matches("handover.reviewed").count(), 1, "recorded once a day: {audit}");
    assert!(ok(&vault, &["handover", "status"]).contains("Review it by"));
}

#[test]
fn one_of_one_is_set_up_with_its_warning_and_its_one_share_opens_the_vault() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    let out = tmp.path().join("h");
    let o = run(
        &vault,
        &[
            "handover",
            "setup",
            "--holder",
            "Priya Shah",
            "--successor",
            "Joan Whitlock",
            "--out",
            &out.to_string_lossy(),
        ],
    );
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("warning: With 1 share of 1, that one share opens the vault on its own"),
        "{}",
        text(&o.stderr)
    );
    let status = json(&run(&vault, &["--json", "handover", "status"]));
    assert_eq!((status["threshold"].as_u64(), status["shares"].as_u64()), (Some(1), Some(1)));
    let opened = open(&vault, &[out.join("share-1.txt")], "contact", "", true);
    assert_eq!(code(&opened), 0, "{}", text(&opened.stderr));
    assert_eq!(json(&opened)["shares"], serde_json::json!([1]));
}
