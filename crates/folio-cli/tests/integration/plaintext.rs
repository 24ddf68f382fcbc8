//! Nothing in plaintext (issue 8): a distinct marker typed through the CLI into every kind
//! of record and attachment is found in no byte of the vault folder, open (WAL present) and
//! closed, nor of the throwaway HOME and TMPDIR every command ran with; also not as
//! UTF-16LE, in any case. The inputs and exports (outside the scanned folders) hold every
//! marker, which proves the markers went in and the scan finds what is there.
//!
//! `cargo test -p folio-cli --test integration plaintext -- --nocapture` prints the figure.

mod handover;
mod inventory;
mod ledger;
mod retention;

use super::*;
use std::fs;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::Child;

const NEW_PASSWORD: &str = "quiet river copper saucepan";

/// Every marker typed, each once and each distinct (one per field kind).
#[derive(Default)]
struct Markers(Vec<String>);

impl Markers {
    /// `MARKER-<KIND>-7f3a`: words for the free-text fields.
    fn word(&mut self, kind: &str) -> String {
        self.exact(&format!("MARKER-{kind}-7f3a"))
    }

    /// A marker in a field's own shape (a postcode, a phone number, an e-mail address).
    fn exact(&mut self, marker: &str) -> String {
        assert!(!self.0.iter().any(|m| m.eq_ignore_ascii_case(marker)), "{marker} is used twice");
        self.0.push(marker.to_string());
        marker.to_string()
    }

    fn email(&mut self, kind: &str) -> String {
        format!("{}@example.com", self.word(kind))
    }
}

/// The throwaway world the commands run in. Only `vault`, `demo`, `home` and `tmp` are
/// scanned; the inputs (referral forms, spreadsheet, attachment) and exports live beside them.
struct Sandbox {
    _tmp: tempfile::TempDir,
    vault: PathBuf,
    demo: PathBuf,
    home: PathBuf,
    tmp: PathBuf,
    inputs: PathBuf,
    exports: PathBuf,
}

impl Sandbox {
    fn new() -> Sandbox {
        let tmp = tempdir();
        let at = |name: &str| {
            let dir = tmp.path().join(name);
            fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{name}: {e}"));
            dir
        };
        let (home, tmpdir, inputs, exports) = (at("home"), at("tmp"), at("inputs"), at("exports"));
        let (vault, demo) = (tmp.path().join("vault"), tmp.path().join("demo"));
        Sandbox { vault, demo, home, tmp: tmpdir, inputs, exports, _tmp: tmp }
    }

    /// `folio --vault VAULT args…` with nothing of the caller's environment but PATH: HOME,
    /// TMPDIR and the XDG folders are the throwaway ones.
    fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_folio"));
        cmd.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .env("TMPDIR", &self.tmp)
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("XDG_DATA_HOME", self.home.join(".local/share"))
            .env("XDG_CACHE_HOME", self.home.join(".cache"))
            .env("XDG_STATE_HOME", self.home.join(".local/state"))
            .arg("--vault")
            .arg(&self.vault)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    /// Runs a command with `stdin` as its standard input.
    fn attempt(&self, args: &[&str], stdin: &str) -> Output {
        let mut child = self.command(args).spawn().unwrap_or_else(|e| panic!("spawn folio: {e}"));
        if let Some(mut input) = child.stdin.take() {
            let _ = input.write_all(stdin.as_bytes());
        }
        child.wait_with_output().unwrap_or_else(|e| panic!("wait: {e}"))
    }

    /// Runs a command that must succeed; returns what it printed on standard output.
    fn run(&self, args: &[&str], stdin: &str) -> String {
        let out = self.attempt(args, stdin);
        assert_eq!(code(&out), 0, "{args:?}: {}", text(&out.stderr));
        text(&out.stdout)
    }

    /// `--json --password-stdin args…` with `password`, parsed.
    fn json(&self, password: &str, args: &[&str]) -> serde_json::Value {
        let out = self.run(&[&["--json", "--password-stdin"], args].concat(), &format!("{password}\n"));
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?} gave no JSON ({e}): {out}"))
    }

    fn input(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.inputs.join(name);
        fs::write(&path, bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        path.to_string_lossy().into_owned()
    }

    fn scanned(&self) -> [&Path; 4] {
        [&self.vault, &self.demo, &self.home, &self.tmp]
    }
}

/// What a scan of some folders found.
struct Scan {
    files: usize,
    bytes: u64,
    found: Vec<String>,
}

/// Reads every regular file under `dirs` (recursively, links not followed) and reports each
/// marker found in it, as UTF-8 or UTF-16LE, ignoring ASCII case.
fn scan(dirs: &[&Path], markers: &[String]) -> Scan {
    let needles: Vec<(String, Vec<u8>)> = markers
        .iter()
        .flat_map(|m| {
            let lower = m.to_ascii_lowercase();
            let wide: Vec<u8> = lower.encode_utf16().flat_map(u16::to_le_bytes).collect();
            [(format!("{m} (UTF-8)"), lower.into_bytes()), (format!("{m} (UTF-16LE)"), wide)]
        })
        .collect();
    let mut result = Scan { files: 0, bytes: 0, found: Vec::new() };
    for dir in dirs {
        for file in files_under(dir) {
            let bytes = fs::read(&file).unwrap_or_else(|e| panic!("read {}: {e}", file.display())).to_ascii_lowercase();
            result.files += 1;
            result.bytes += bytes.len() as u64;
            for (what, needle) in &needles {
                if contains(&bytes, needle) {
                    result.found.push(format!("{what} in {}", file.display()));
                }
            }
        }
    }
    result
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else { return true };
    let mut at = 0;
    while let Some(i) = haystack[at..].iter().position(|&b| b == first) {
        let start = at + i + 1;
        if haystack[start..].starts_with(rest) {
            return true;
        }
        at = start;
    }
    false
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = fs::read_dir(dir) else { return out };
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        match fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => out.extend(files_under(&path)),
            Ok(m) if m.is_file() => out.push(path),
            _ => {}
        }
    }
    out
}

/// The full referral form with a marker in every free-text and contact field.
fn referral_form(m: &mut Markers, referral_date: &str) -> serde_json::Value {
    serde_json::json!({
        "givenName": m.word("GIVEN-Łucja"), "familyName": m.word("FAMILY"),
        "preferredName": m.word("PREFERRED"), "pronouns": m.word("PRONOUNS"),
        "dateOfBirth": "14/03/2015",
        "address": m.word("ADDRESS"), "postcode": m.exact("QZ7F 3AX"), "phone": m.exact("01632960731"),
        "email": m.email("EMAIL"), "ethnicity": m.word("ETHNICITY"),
        "parentalResponsibility": [{
            "name": m.word("PARENT-NAME"), "relationship": m.word("PARENT-RELATIONSHIP"),
            "phone": m.exact("07700900417"), "email": m.email("PARENT-EMAIL"), "address": m.word("PARENT-ADDRESS"),
        }],
        "settingName": m.word("SETTING"),
        "settingContact": {
            "name": m.word("SETTING-CONTACT"), "relationship": m.word("SETTING-ROLE"),
            "phone": m.exact("01632960588"), "email": m.email("SETTING-EMAIL"), "address": m.word("SETTING-ADDRESS"),
        },
        "courtOrders": m.word("COURT-ORDERS"), "referralDate": referral_date,
        "referrer": "school", "referrerName": m.word("REFERRER"), "heardAbout": m.word("HEARD-ABOUT"),
        "gpName": m.word("GP-NAME"), "gpSurgery": m.word("GP-SURGERY"), "otherProfessionals": m.word("OTHER-PROFESSIONALS"),
        "difficulty": m.word("DIFFICULTY"), "currentTreatment": m.word("CURRENT-TREATMENT"),
        "pastTreatment": m.word("PAST-TREATMENT"), "senAreas": m.word("SEN-AREAS"),
        "communicationMethods": m.word("COMMUNICATION"), "diagnoses": m.word("DIAGNOSES"),
        "allergies": m.word("ALLERGIES"), "medication": m.word("MEDICATION"),
        "safeguardingConcern": true, "safeguardingInvolvement": m.word("SAFEGUARDING"),
        "behaviourRisk": m.word("BEHAVIOUR-RISK"), "modality": "art", "funding": "school",
    })
}

/// An attachment of three chunks or so with the marker at its start, middle and end.
fn attachment_body(marker: &str) -> Vec<u8> {
    let mut body = Vec::new();
    for i in 0..3 {
        body.extend_from_slice(marker.as_bytes());
        body.extend((0..250_000u32).map(|j| b'a' + ((i * 7 + j) % 26) as u8));
    }
    body.extend_from_slice(marker.as_bytes());
    body
}

/// Starts `passwd`, which unlocks the vault and then waits on standard input for the new
/// password: the vault is open (locked to this process, WAL present) for as long as the
/// test keeps the pipe open without the second line. Returns once the WAL exists.
fn hold_open(s: &Sandbox) -> (Child, std::process::ChildStdin) {
    let wal = s.vault.join("folio.db-wal");
    assert!(!wal.exists(), "a closed vault leaves no WAL behind");
    let mut child = s
        .command(&["--password-stdin", "--new-password-stdin", "passwd"])
        .spawn()
        .unwrap_or_else(|e| panic!("spawn folio passwd: {e}"));
    let mut stdin = child.stdin.take().unwrap_or_else(|| panic!("no stdin"));
    writeln!(stdin, "{PASSWORD}").unwrap_or_else(|e| panic!("{e}"));
    stdin.flush().unwrap_or_else(|e| panic!("{e}"));
    while !wal.exists() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("passwd ended ({status}) before the vault was open");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    (child, stdin)
}

fn report(when: &str, markers: usize, scan: &Scan) {
    println!(
        "plaintext  cli  {when}  markers={markers}  files-scanned={}  bytes={}  found={}",
        scan.files,
        scan.bytes,
        scan.found.len()
    );
    assert!(scan.found.is_empty(), "{when}: markers found in plaintext:\n{}", scan.found.join("\n"));
}

/// What [`write_every_kind`] left in the vault.
struct Written {
    client: String,
    blob_id: String,
    attachment_marker: String,
    /// Markers that go in but are never shown back (attachments' bytes, a review's note).
    unshown: Vec<String>,
    /// Everything the vault showed back, to prove each marker went in.
    shown: String,
}

/// Types a marker into every kind of record through the CLI, and runs the commands that
/// only read, and `demo`.
fn write_every_kind(s: &Sandbox, m: &mut Markers) -> Written {
    let pw = format!("{PASSWORD}\n");
    let mut shown = String::new();

    let practice = m.word("PRACTICE");
    shown += &s.run(&["init", "--practice", &practice, "--password-stdin", "--kdf-target-ms", "0"], &pw);
    s.run(&["--password-stdin", "settings", "--auto-lock", "7"], &pw);

    // The full referral, then corrected (the replaced words must not linger either).
    let form = referral_form(m, "01/09/2026");
    let added = s.json(PASSWORD, &["referral", "add", &s.input("referral.json", form.to_string().as_bytes())]);
    let client = added["code"].as_str().unwrap_or_else(|| panic!("no code: {added}")).to_string();
    shown += &s.json(PASSWORD, &["client", "show", &client]).to_string();
    let mut corrected = form.clone();
    corrected["allergies"] = m.word("ALLERGIES-CORRECTED").into();
    corrected["difficulty"] = m.word("DIFFICULTY-CORRECTED").into();
    s.run(
        &[
            "--password-stdin",
            "client",
            "update",
            &client,
            &s.input("corrected.json", corrected.to_string().as_bytes()),
        ],
        &pw,
    );

    // The short referral.
    let (given, family, setting) = (m.word("SHORT-GIVEN"), m.word("SHORT-FAMILY"), m.word("SHORT-SETTING"));
    let short = s.json(
        PASSWORD,
        &["client", "add", "--given", &given, "--family", &family, "--dob", "02/02/2016", "--setting", &setting],
    );
    let short_code = short["code"].as_str().unwrap_or_default().to_string();

    // The lifecycle: notes on moves, an episode ended with a reason, a re-referral.
    let note = m.word("STATE-NOTE");
    s.run(&["--password-stdin", "client", "state", &client, "assessment", "--on", "08/09/2026", "--note", &note], &pw);
    s.run(&["--password-stdin", "client", "state", &client, "in-therapy", "--on", "15/09/2026"], &pw);

    // A written consent for online contact from the parent on the referral (seed 004),
    // with what they were told.
    let parent = corrected["parentalResponsibility"][0]["name"].as_str().unwrap_or_default().to_string();
    let told = m.word("CONSENT-TOLD");
    let (platforms, fails) = (m.word("CONSENT-PLATFORMS"), m.word("CONSENT-FAILURE-PLAN"));
    let consent = [
        "consent",
        "add",
        &client,
        "--purpose",
        "online-contact",
        "--given-by",
        &parent,
        "--how",
        "written",
        "--on",
        "15/09/2026",
        "--told",
        &told,
        "--platforms",
        &platforms,
        "--if-tech-fails",
        &fails,
    ];
    shown += &s.json(PASSWORD, &consent).to_string();
    let mut unshown = Vec::new();
    shown += &ledger::write_ledger(s, m, &client, &parent, &mut unshown);

    // Sessions: an online one with its platform, a planned one given its outcome later.
    let platform = m.word("PLATFORM");
    let agreed = m.word("PLATFORM-AGREED");
    let online = [
        "session",
        "add",
        &client,
        "--on",
        "22/09/2026",
        "--outcome",
        "attended",
        "--mode",
        "online",
        "--platform",
        &platform,
        "--parent-start",
        "yes",
        "--parent-end",
        "yes",
        "--parent-nearby",
        "yes",
        "--platform-agreed",
        &agreed,
    ];
    s.json(PASSWORD, &online);
    let planned = s.json(PASSWORD, &["session", "add", &client, "--on", "29/09/2026", "--outcome", "planned"]);
    let session_id = planned["id"].to_string();
    s.run(&["--password-stdin", "session", "outcome", &client, &session_id, "attended"], &pw);
    shown += &s.json(PASSWORD, &["session", "list", &client]).to_string();

    // Correspondence with an attachment whose name and bytes hold markers.
    let body_marker = m.word("ATTACHMENT-BYTES");
    let attach_name = format!("{}.txt", m.word("ATTACHMENT-NAME"));
    let attachment = s.input(&attach_name, &attachment_body(&body_marker));
    let (summary, counterpart) = (m.word("SUMMARY"), m.word("COUNTERPART"));
    let kept_reason = m.word("CORRESPONDENCE-KEPT-REASON");
    let logged = s.json(
        PASSWORD,
        &[
            "correspondence",
            "add",
            &client,
            "--kind",
            "letter",
            "--direction",
            "in",
            "--with",
            "school",
            "--on",
            "30/09/2026",
            "--name",
            &counterpart,
            "--summary",
            &summary,
            "--attach",
            &attachment,
            "--keep-identifiers",
            &kept_reason,
        ],
    );
    let blob_id = logged["attachments"][0]["id"].to_string();
    shown += &s.json(PASSWORD, &["correspondence", "list", &client]).to_string();

    // A professional, linked to the client.
    let (pro_name, pro_org) = (m.word("PROFESSIONAL"), m.word("ORGANISATION"));
    let (pro_phone, pro_email) = (m.exact("01632960999"), m.email("PROFESSIONAL-EMAIL"));
    let pro = s.json(
        PASSWORD,
        &[
            "professional",
            "add",
            "--name",
            &pro_name,
            "--role",
            "salt",
            "--organisation",
            &pro_org,
            "--phone",
            &pro_phone,
            "--email",
            &pro_email,
        ],
    );
    s.run(&["--password-stdin", "professional", "link", &client, &pro["id"].to_string()], &pw);

    // The episode ends with a reason; the client is referred again with a note.
    let reason = m.word("END-REASON");
    s.run(&["--password-stdin", "episode", "end", &client, "--reason", &reason, "--on", "01/10/2026"], &pw);
    let again = m.word("REREFERRAL-NOTE");
    s.run(&["--password-stdin", "episode", "start", &client, "--on", "02/10/2026", "--note", &again], &pw);
    shown += &s.json(PASSWORD, &["client", "show", &client]).to_string();

    // A spreadsheet: previewed, then imported.
    let row = [
        m.word("CSV-GIVEN"),
        m.word("CSV-FAMILY"),
        m.word("CSV-ADDRESS"),
        m.exact("QZ8F 4AY"),
        m.exact("01632960444"),
        m.email("CSV-EMAIL"),
        m.word("CSV-SCHOOL"),
        m.word("CSV-GP"),
        m.word("CSV-SURGERY"),
        m.word("CSV-DIFFICULTY"),
        m.word("CSV-HEARD-ABOUT"),
    ];
    let sheet = format!(
        "First name,Surname,Address,Postcode,Phone,Email,School,GP,Surgery,Difficulty,Heard about,DOB,Referral date\n{},05/05/2014,03/09/2026\n",
        row.join(",")
    );
    let sheet = s.input("clients.csv", sheet.as_bytes());
    s.run(&["--password-stdin", "import-csv", &sheet], &pw);
    s.run(&["--password-stdin", "import-csv", &sheet, "--commit"], &pw);
    let imported = s.json(PASSWORD, &["client", "list", "--search", &row[1]]);
    shown += &s.json(PASSWORD, &["client", "show", imported[0]["code"].as_str().unwrap_or_default()]).to_string();
    shown += &s.json(PASSWORD, &["client", "show", &short_code]).to_string();

    // Notes: a draft from a file, then edited; signed with what the identifier check finds
    // (the client's names are markers) kept with a reason; amended with a reason; a template
    // with a marked heading; searched.
    let first = m.word("NOTE-FILE-TEXT");
    let file = s.input("note.txt", format!("## Themes\nDrew a {first} boat.\n").as_bytes());
    let add = ["--password-stdin", "note", "add", &client, "--kind", "free", "--on", "03/10/2026", &file];
    let id = s.run(&add, &pw).trim().to_string();
    shown += &s.json(PASSWORD, &["note", "show", &id]).to_string();
    let edited = m.word("NOTE-EDITED");
    s.run(&["--password-stdin", "note", "edit", &id, "--text", &format!("## Themes\nDrew a {edited} boat.")], &pw);
    let kept = m.word("NOTE-KEPT-REASON");
    s.run(&["--password-stdin", "note", "sign", &id, "--keep-identifiers", &kept], &pw);
    let (amended, reason) = (m.word("NOTE-AMENDED"), m.word("NOTE-AMEND-REASON"));
    let text = format!("## Themes\nDrew a {amended} boat.");
    s.run(
        &["--password-stdin", "note", "amend", &id, "--reason", &reason, "--keep-identifiers", &kept, "--text", &text],
        &pw,
    );
    shown += &s.json(PASSWORD, &["note", "show", &id]).to_string();
    let heading = m.word("NOTE-HEADING");
    s.run(
        &["--password-stdin", "note", "template", "progress-review", "--headings", &format!("Progress|{heading}|Plan")],
        &pw,
    );
    shown += &s.json(PASSWORD, &["note", "templates"]).to_string();
    s.run(&["--password-stdin", "note", "add", &client, "--kind", "progress-review", "--on", "04/10/2026"], &pw);
    shown += &s.json(PASSWORD, &["note", "search", &amended]).to_string();
    s.run(&["--password-stdin", "note", "drafts"], &pw);

    shown += &inventory::write_inventory(s, m, &client, &parent, &mut unshown);
    shown += &retention::write_retention(s, m, &client, &mut unshown);
    shown += &handover::write_handover(s, m);
    // A backup of all the above onto a "USB drive" inside the scanned HOME.
    let drive = s.home.join("usb-drive");
    fs::create_dir_all(&drive).unwrap_or_else(|e| panic!("{e}"));
    s.run(&["--password-stdin", "backup", "take", &drive.to_string_lossy()], &pw);
    s.run(&["--password-stdin", "backup", "list"], &pw);

    // Commands that only read, and the demo practice (in its own scanned folder).
    s.run(&["status"], "");
    s.run(&["--password-stdin", "client", "list"], &pw);
    s.run(&["--password-stdin", "audit"], &pw);
    s.run(&["--password-stdin", "verify"], &pw);
    let demo = s.demo.to_string_lossy().into_owned();
    s.run(&["--password-stdin", "demo", "--out", &demo, "--clients", "3"], &pw);

    Written { client, blob_id, attachment_marker: body_marker, unshown, shown }
}

#[test]
fn markers_typed_into_every_kind_of_record_are_found_nowhere_in_plaintext() {
    let s = Sandbox::new();
    let mut m = Markers::default();
    let pw = format!("{PASSWORD}\n");
    let Written { client, blob_id, attachment_marker, unshown, shown } = write_every_kind(&s, &mut m);
    let markers = &m.0;
    let shown = shown.to_lowercase();
    let missing: Vec<&String> = markers
        .iter()
        .filter(|k| **k != attachment_marker && !unshown.contains(k) && !shown.contains(&k.to_lowercase()))
        .collect();
    assert!(missing.is_empty(), "the vault never showed these back, so they were not typed in: {missing:?}");

    // Open: `passwd` holds the vault, unlocked, while it waits for the new password.
    let (holder, mut stdin) = hold_open(&s);
    // (A writing command: reading ones run beside the holder.)
    let refused = s.attempt(&["--password-stdin", "settings", "--auto-lock", "9"], &pw);
    assert_eq!(code(&refused), 1);
    assert!(text(&refused.stderr).contains("open on this vault in another"), "{}", text(&refused.stderr));
    let wal = fs::metadata(s.vault.join("folio.db-wal")).map(|m| m.len()).unwrap_or(0);
    let secrets: Vec<String> =
        markers.iter().cloned().chain([PASSWORD.to_string(), NEW_PASSWORD.to_string()]).collect();
    let open = scan(&s.scanned(), &secrets);
    println!("plaintext  cli  (the WAL of the open vault holds {wal} bytes)");
    writeln!(stdin, "{NEW_PASSWORD}").unwrap_or_else(|e| panic!("{e}"));
    drop(stdin);
    let changed = holder.wait_with_output().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(code(&changed), 0, "passwd: {}", text(&changed.stderr));
    report("open", markers.len(), &open);

    // Exports (outside the scanned folders) hold what was written into the vault.
    let pdf = s.exports.to_string_lossy().into_owned();
    s.run(
        &[
            "--password-stdin",
            "session",
            "attendance",
            &client,
            "--from",
            "01/09/2026",
            "--to",
            "30/09/2026",
            "--pdf",
            &pdf,
        ],
        &format!("{NEW_PASSWORD}\n"),
    );
    let out = s.exports.join("attachment.txt");
    let out_arg = out.to_string_lossy().into_owned();
    s.run(&["--password-stdin", "correspondence", "export", &blob_id, "--out", &out_arg], &format!("{NEW_PASSWORD}\n"));
    s.run(&["--password-stdin", "verify"], &format!("{NEW_PASSWORD}\n"));
    let control = scan(&[&s.inputs, &s.exports], std::slice::from_ref(&attachment_marker));
    assert_eq!(
        control.found.len(),
        2,
        "the scan finds the attachment's marker in its source and its export: {:?}",
        control.found
    );

    // Closed.
    assert!(!s.vault.join("folio.db-wal").exists(), "a closed vault leaves no WAL behind");
    report("closed", markers.len(), &scan(&s.scanned(), &secrets));
}
