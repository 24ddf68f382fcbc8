//! `backup`: the folder printed alone, the backup a vault that opens with the same
//! password, the list and the reminder, refusals with exit 1; a re-issue names the backups
//! the old shares still open.

use super::*;

#[test]
fn a_backup_from_the_cli_opens_as_a_vault_and_is_listed() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    let drive = tmp.path().join("usb");
    std::fs::create_dir(&drive).unwrap_or_else(|e| panic!("{e}"));
    init(&vault);
    assert!(ok(&vault, &["backup", "status"]).starts_with("No backup has been taken yet"));
    let folder = ok(&vault, &["backup", "take", &drive.to_string_lossy()]).trim().to_string();
    assert!(
        folder.starts_with(&*drive.to_string_lossy()) && folder.contains("folio-backup-"),
        "the folder alone: {folder:?}"
    );
    let backup = std::path::Path::new(&folder);
    let verified = run(backup, &["verify"]);
    assert_eq!(code(&verified), 0, "the backup verifies as a vault: {}", text(&verified.stderr));
    let listed = json(&run(&vault, &["--json", "backup", "list"]));
    assert_eq!(listed[0]["folder"], folder.as_str());
    assert!(listed[0]["handoverSet"].is_null() && listed[0]["bytes"].as_u64().unwrap_or(0) > 0, "{listed}");
    let status = json(&run(&vault, &["--json", "backup", "status"]));
    assert_eq!((status["due"].as_bool(), status["daysSince"].as_i64()), (Some(false), Some(0)), "{status}");

    let inside = run(&vault, &["backup", "take", &vault.to_string_lossy()]);
    assert_eq!(code(&inside), 1);
    assert!(text(&inside.stderr).contains("outside the vault's own folder"), "{}", text(&inside.stderr));
    let gone = run(&vault, &["backup", "take", &tmp.path().join("unplugged").to_string_lossy()]);
    assert_eq!(code(&gone), 1);
    assert!(text(&gone.stderr).contains("Check that the drive is connected"), "{}", text(&gone.stderr));
    assert_eq!(json(&run(&vault, &["--json", "backup", "list"])).as_array().map(Vec::len), Some(1));
}

#[test]
fn a_reissue_names_the_backups_the_old_shares_still_open() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    let drive = tmp.path().join("usb");
    std::fs::create_dir(&drive).unwrap_or_else(|e| panic!("{e}"));
    init(&vault);
    let setup = |verb: &str, out: &str| {
        let out = tmp.path().join(out).to_string_lossy().into_owned();
        let args = [
            "handover",
            verb,
            "--threshold",
            "2",
            "--holder",
            "Ann",
            "--holder",
            "Bo",
            "--holder",
            "Cy",
            "--successor",
            "Dee",
            "--out",
            &out,
        ];
        run(&vault, &args)
    };
    assert_eq!(code(&setup("setup", "set-1")), 0);
    let folder = ok(&vault, &["backup", "take", &drive.to_string_lossy()]).trim().to_string();
    assert_eq!(json(&run(&vault, &["--json", "backup", "list"]))[0]["handoverSet"], 1);
    let reissued = setup("reissue", "set-2");
    assert_eq!(code(&reissued), 0, "{}", text(&reissued.stderr));
    let said = text(&reissued.stderr);
    assert!(said.contains("1 backup taken before today still opens with the old shares"), "{said}");
    assert!(said.contains(&folder) && said.contains("(opens with the shares of set 1)"), "{said}");
}
