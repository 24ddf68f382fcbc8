//! Resource limits (issue 8): a 2 GB attachment, a 100,000-row spreadsheet, a 10 MB note (and
//! the longest note Folio keeps, and a practice of notes searched)
//! and 10,000 clients each either work with the process under 200 MiB resident or are
//! refused up front with a clear message; never an out-of-memory kill.
//!
//! Peak memory is the kernel's own account of the reaped child (`wait4`'s `ru_maxrss`),
//! so nothing is sampled and nothing is missed. Linux starts that account at exec from the
//! *parent's* peak (the spawning process's memory is recorded as the child's at exec), so
//! a figure is folio's own only when it exceeds this test process's peak; otherwise it is
//! printed as an upper bound (`<=N`). This test process therefore writes its large files in
//! pieces and holds little. The password work alone (Argon2 at the floor, 64 MiB) puts
//! every unlocking command at about 75 MiB.
//!
//! In a debug build the full sizes of the spreadsheet and the large attachment take
//! minutes, so by default they run smaller and say so in their figure line;
//! `FOLIO_LIMITS_FULL=1` runs the issue's sizes. Nothing is asserted about time.

use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use super::*;

/// The issue's ceiling for a command's resident memory.
const CEILING_MIB: f64 = 200.0;
const MIB: u64 = 1024 * 1024;

fn full() -> bool {
    std::env::var("FOLIO_LIMITS_FULL").is_ok_and(|v| v == "1")
}

/// A command run to the end: what it printed, its peak resident memory and how long it took.
struct Measured {
    output: Output,
    peak_mib: f64,
    /// The peak is at most `peak_mib` (the child's own peak was below this test process's).
    bound_only: bool,
    took: Duration,
}

/// This process's own peak resident set (VmHWM), in KiB.
fn own_peak_kib() -> i64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(i64::MAX)
}

/// Runs `folio --vault VAULT ARGS` to the end and measures it.
#[allow(clippy::zombie_processes)] // reaped by `reap` (wait4), which `Child::wait` cannot replace
fn measured(vault: &Path, args: &[&str], stdin: &str) -> Measured {
    let started = Instant::now();
    let mut child = spawn(vault, args, stdin);
    let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as Box<dyn std::io::Read + Send>));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as Box<dyn std::io::Read + Send>));
    let (status, peak_kib) = reap(child.id());
    let took = started.elapsed();
    let output = Output {
        status: std::process::ExitStatus::from_raw(status),
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    };
    // Read after the child ended: this process's peak then is at least what it was at exec.
    let bound_only = peak_kib <= own_peak_kib();
    Measured { output, peak_mib: peak_kib as f64 / 1024.0, bound_only, took }
}

/// Waits for the child `pid` and returns its wait status and peak resident set in KiB.
/// `std::process::Child` does not give the child's resource usage; `wait4` does. The
/// `Child` handle must not be waited on afterwards (it is only dropped, which does not wait).
#[allow(unsafe_code)]
fn reap(pid: u32) -> (i32, i64) {
    let pid = libc::pid_t::try_from(pid).unwrap_or_else(|e| panic!("{e}"));
    let mut status: libc::c_int = 0;
    // SAFETY: `rusage` is plain integers; all zeros is a valid value of it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: both pointers are to live locals for the duration of the call, and `pid`
        // is our own child, not yet reaped.
        let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if reaped == pid {
            return (status, usage.ru_maxrss);
        }
        let error = std::io::Error::last_os_error();
        assert_eq!(error.kind(), std::io::ErrorKind::Interrupted, "wait4: {error}");
    }
}

/// Prints one figure line: `limits  WHAT  OUTCOME  peak-rss=NMiB  time=Ns  NOTE`.
fn figure(what: &str, outcome: &str, m: &Measured, note: &str) {
    println!(
        "limits  {what}  {outcome}  peak-rss={}{:.0}MiB  time={:.1}s{}{note}",
        if m.bound_only { "<=" } else { "" },
        m.peak_mib,
        m.took.as_secs_f64(),
        if note.is_empty() { "" } else { "  " }
    );
}

fn under_ceiling(what: &str, m: &Measured) {
    assert!(m.peak_mib < CEILING_MIB, "{what}: peak {:.0} MiB", m.peak_mib);
    assert_ne!(m.output.status.signal(), Some(libc::SIGKILL), "{what} was killed");
}

fn pw() -> String {
    format!("{PASSWORD}\n")
}

fn add_client(vault: &Path) {
    let o = folio(
        vault,
        &["--password-stdin", "client", "add", "--given", "Ada", "--family", "Lovelace", "--dob", "10/12/2015"],
        &pw(),
    );
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
}

fn attach(vault: &Path, file: &Path, summary: &str) -> Measured {
    let file = file.to_string_lossy().into_owned();
    let args = [
        "--password-stdin",
        "correspondence",
        "add",
        "AL-0001",
        "--kind",
        "email",
        "--direction",
        "in",
        "--with",
        "parent",
        "--summary",
        summary,
        "--attach",
        &file,
    ];
    measured(vault, &args, &pw())
}

/// A sparse file of `len` bytes (no disk used for the holes).
fn sparse(path: &Path, len: u64) {
    let file = std::fs::File::create(path).unwrap_or_else(|e| panic!("{e}"));
    file.set_len(len).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn a_2gb_attachment_is_refused_up_front_and_the_largest_allowed_streams_in_little_memory() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    add_client(&vault);

    let film = tmp.path().join("recording.m4a");
    sparse(&film, 2048 * MIB);
    let before = folder_snapshot(&vault);
    let refused = attach(&vault, &film, "The whole session recording");
    figure("2GB-attachment", "refused", &refused, "");
    assert_eq!(code(&refused.output), 1);
    let message = text(&refused.output.stderr);
    assert!(message.contains("The attachment is larger than 500 MB, the most Folio reads"), "{message}");
    assert!(!message.contains("recording.m4a"), "a chosen file's name is not repeated: {message}");
    under_ceiling("2 GB attachment", &refused);
    assert!(folder_snapshot(&vault) == before, "a refused attachment changes nothing in the vault");

    // The largest attachment Folio keeps (500 MB) is streamed in and out in chunks.
    let size = if full() { 500 * MIB } else { 64 * MIB };
    let recording = tmp.path().join("long-session.m4a");
    write_with(&recording, |w| (0..size / MIB).try_for_each(|i| w.write_all(&Rng::bytes(11 + i, MIB as usize))));
    let stored = attach(&vault, &recording, "Session recording");
    let label = format!("{}MB-attachment", size / MIB);
    let note = if full() { "" } else { "(FOLIO_LIMITS_FULL=1 for 500 MB)" };
    figure(&label, "stored", &stored, note);
    assert_eq!(code(&stored.output), 0, "{}", text(&stored.output.stderr));
    under_ceiling("the largest attachment", &stored);
    let copy = tmp.path().join("copy.m4a");
    let out = copy.to_string_lossy().into_owned();
    let exported = measured(&vault, &["--password-stdin", "correspondence", "export", "1", "--out", &out], &pw());
    figure(&label, "exported", &exported, note);
    assert_eq!(code(&exported.output), 0, "{}", text(&exported.output.stderr));
    under_ceiling("exporting the largest attachment", &exported);
    assert_eq!(std::fs::metadata(&copy).map(|m| m.len()).unwrap_or(0), size);

    // A backup of the vault holding it: copied page by page, never whole in memory.
    let drive = tmp.path().join("usb");
    std::fs::create_dir(&drive).unwrap_or_else(|e| panic!("{e}"));
    let backup = measured(&vault, &["--password-stdin", "backup", "take", &drive.to_string_lossy()], &pw());
    figure(&format!("backup-of-{}MB", size / MIB), "taken", &backup, note);
    assert_eq!(code(&backup.output), 0, "{}", text(&backup.output.stderr));
    under_ceiling("a backup of the vault holding the largest attachment", &backup);
    let folder = std::path::PathBuf::from(text(&backup.output.stdout).trim());
    assert!(std::fs::metadata(folder.join("folio.db")).map(|m| m.len()).unwrap_or(0) > size, "the backup holds it all");
}

const GIVEN: [&str; 7] = ["Jessamine", "Ada", "Bram", "Corin", "Łucja", "Şenay", "Nguyễn"];
const FAMILY: [&str; 7] = ["Quartermaine", "Lovelace", "Stoker", "Applewood", "Kowalska", "Yılmaz", "Thi Lan"];

/// Writes a file in pieces through `fill` (this process never holds it whole) and returns
/// its path as an argument.
fn write_with(path: &Path, fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> String {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap_or_else(|e| panic!("{e}")));
    fill(&mut file).and_then(|()| file.flush()).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    path.to_string_lossy().into_owned()
}

/// `len` letters "a", in pieces.
fn letters(w: &mut dyn Write, len: usize) -> std::io::Result<()> {
    let piece = [b'a'; 64 * 1024];
    (0..len.div_ceil(piece.len())).try_for_each(|i| w.write_all(&piece[..piece.len().min(len - i * piece.len())]))
}

/// A spreadsheet of `rows` clients with every column a referral can take filled, as a
/// practice's export would be (about 400 bytes a row).
fn write_sheet(path: &Path, rows: usize) -> String {
    write_with(path, |w| {
        w.write_all(b"First name,Surname,Preferred name,Pronouns,DOB,Address,Postcode,Phone,Email,Ethnicity,School,Referral date,Referrer,Heard about,GP,Surgery,Difficulty,Therapy,Funding\n")?;
        (0..rows).try_for_each(|row| {
            writeln!(
                w,
                "{},{},Jess,she/her,14/03/2015,\"{} Orchard Row, Bedford\",MK40 1AA,01632 960 123,parent@example.com,Prefer not to say,Oakfield Primary School,02/09/2025,school,School newsletter,Dr Adeyemi,Castle Road Surgery,\"Finds it hard to settle in class after the move; struggles with transitions and sleep; the school reports withdrawal at break times (row {row})\",art,school",
                GIVEN[row % 7],
                FAMILY[row % 7],
                row + 1
            )
        })
    })
}

#[test]
fn a_100000_row_spreadsheet_is_previewed_and_imported_under_200_mib() {
    let rows = if full() { 100_000 } else { 10_000 };
    let note = if full() { "" } else { "(FOLIO_LIMITS_FULL=1 for 100,000 rows)" };
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    let file = write_sheet(&tmp.path().join("clients.csv"), rows);
    let what = format!("csv-{rows}-rows");
    let preview = measured(&vault, &["--password-stdin", "import-csv", &file], &pw());
    figure(&what, "previewed", &preview, note);
    assert_eq!(code(&preview.output), 0, "{}", text(&preview.output.stderr));
    assert!(text(&preview.output.stdout).contains(&format!("{rows} row(s) can be imported, 0 cannot")));
    under_ceiling("previewing the spreadsheet", &preview);
    let import = measured(&vault, &["--password-stdin", "import-csv", &file, "--commit"], &pw());
    figure(&what, "imported", &import, note);
    assert_eq!(code(&import.output), 0, "{}", text(&import.output.stderr));
    assert!(text(&import.output.stdout).contains(&format!("Imported {rows} client(s); 0 row(s) left out")));
    under_ceiling("importing the spreadsheet", &import);
}

/// One spreadsheet row with a dozen things wrong (a name too long, an impossible date, a
/// choice Folio does not know...), each with its own message.
fn write_garbled_row(w: &mut dyn Write) -> std::io::Result<()> {
    let long = "x".repeat(101);
    writeln!(w, "{long},{long},{long},{long},99/99/9999,abc,nope,???,32/13/2020,martian,dance,lottery,12345")
}

const GARBLED_HEADINGS: &[u8] =
    b"First name,Surname,Preferred name,Pronouns,DOB,Phone,Email,Postcode,Referral date,Referrer,Therapy,Funding,Initials\n";

/// Regression for two ways a spreadsheet within the 64 MB limit took unbounded memory: a
/// preview kept every checked row (about 1.3 KB each; 500 MiB for 400,000 short rows), and
/// every bad row's dozen reasons (312 MiB for 100,000 bad rows). Now good rows are not
/// kept, only the first 1,000 bad rows are listed, and a file of more than 100,000 rows is
/// refused. This file has 100,000 bad rows and then 300,000 good ones (57 MB).
#[test]
fn a_spreadsheet_of_more_rows_than_folio_imports_is_refused_in_bounded_memory() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    let file = write_with(&tmp.path().join("everyone.csv"), |w| {
        w.write_all(GARBLED_HEADINGS)?;
        (0..100_000).try_for_each(|_| write_garbled_row(w))?;
        (0..300_000).try_for_each(|_| w.write_all(b"Ada,,,,10/12/2015,,,,01/09/2025,,,,\n"))
    });
    // Importing refuses at the same row (nothing is written: the good rows come after it);
    // it doubles this test's time in a debug build, so it runs with the full sizes.
    let mut calls = vec![vec!["--password-stdin", "import-csv", &file]];
    if full() {
        calls.push(vec!["--password-stdin", "import-csv", &file, "--commit"]);
    }
    for args in calls {
        let refused = measured(&vault, &args, &pw());
        let outcome = if args.len() == 3 { "preview-refused" } else { "import-refused" };
        figure("csv-400000-rows-100000-bad", outcome, &refused, "");
        assert_eq!(code(&refused.output), 1, "{}", text(&refused.output.stdout));
        let message = text(&refused.output.stderr);
        assert!(message.contains("more than 100,000 rows, the most Folio imports at once"), "{message}");
        under_ceiling("a spreadsheet of too many rows", &refused);
    }
    let list = folio(&vault, &["--password-stdin", "--json", "client", "list"], &pw());
    assert_eq!(json(&list), serde_json::json!([]), "nothing was imported");

    let huge = tmp.path().join("huge.csv");
    sparse(&huge, 65 * MIB);
    let huge = huge.to_string_lossy().into_owned();
    let refused = measured(&vault, &["--password-stdin", "import-csv", &huge], &pw());
    figure("csv-65MB", "refused", &refused, "");
    let message = text(&refused.output.stderr);
    assert!(message.contains("The spreadsheet is larger than 64 MB, the most Folio reads"), "{message}");
    under_ceiling("a spreadsheet over the size limit", &refused);

    let some_bad = write_with(&tmp.path().join("some-bad.csv"), |w| {
        w.write_all(GARBLED_HEADINGS)?;
        (0..1_500).try_for_each(|_| write_garbled_row(w))
    });
    let shown = text(&folio(&vault, &["--password-stdin", "import-csv", &some_bad], &pw()).stdout);
    assert_eq!(shown.matches("\nline ").count(), 1_000, "the first 1,000 bad rows are listed");
    assert!(shown.contains("... and 500 more row(s) that cannot be imported: only the first 1000 are listed."));
    assert!(shown.contains("0 row(s) can be imported, 1500 cannot"), "every bad row is counted");
}

/// Beside notes (below), the longest free text Folio takes is a referral's long fields (in a
/// referral file or a spreadsheet cell) and a correspondence summary.
#[test]
fn a_10mb_note_is_refused_up_front_with_modest_memory() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    add_client(&vault);
    let ten_mb = 10 * MIB as usize;
    let form = |path: &Path, difficulty: usize| {
        write_with(path, |w| {
            w.write_all(br#"{"givenName": "Bram", "familyName": "Stoker", "dateOfBirthUnknown": true, "referralDate": "01/09/2025", "difficulty": ""#)?;
            letters(w, difficulty)?;
            w.write_all(b"\"}")
        })
    };
    let before = folder_snapshot(&vault);
    let big = form(&tmp.path().join("referral.json"), ten_mb);
    let refused = measured(&vault, &["--password-stdin", "referral", "add", &big], &pw());
    figure("10MB-referral-file", "refused", &refused, "");
    assert_eq!(code(&refused.output), 1);
    let message = text(&refused.output.stderr);
    assert!(message.contains("The referral file is larger than 1 MB, the most Folio reads"), "{message}");
    under_ceiling("a 10 MB referral file", &refused);
    assert!(folder_snapshot(&vault) == before, "refused before the vault was opened");

    let long = form(&tmp.path().join("long.json"), 1_000_000);
    let refused = measured(&vault, &["--json", "--password-stdin", "referral", "add", &long], &pw());
    figure("1MB-referral-difficulty", "refused", &refused, "");
    assert_eq!(code(&refused.output), 1);
    assert!(text(&refused.output.stderr).contains("longer than 20000 characters"), "{}", text(&refused.output.stderr));
    assert_eq!(json(&refused.output)["error"]["field"], "difficulty");
    under_ceiling("a referral with a 1 MB field", &refused);

    let sheet = write_with(&tmp.path().join("note.csv"), |w| {
        w.write_all(b"First name,Surname,DOB,Referral date,Difficulty\nBram,Stoker,unknown,01/09/2025,")?;
        letters(w, ten_mb)?;
        w.write_all(b"\n")
    });
    let refused = measured(&vault, &["--password-stdin", "import-csv", &sheet, "--commit"], &pw());
    figure("10MB-spreadsheet-cell", "row-refused", &refused, "");
    let shown = text(&refused.output.stdout);
    assert!(shown.contains("line 2: This is longer than 20000 characters"), "{shown}");
    assert!(shown.contains("Imported 0 client(s); 1 row(s) left out"), "{shown}");
    under_ceiling("a spreadsheet with a 10 MB cell", &refused);

    // Linux takes no single argument over 128 KiB, so a 10 MB summary never reaches Folio;
    // the longest that can is refused by Folio's own limit.
    let spawned = std::process::Command::new(env!("CARGO_BIN_EXE_folio")).arg("a".repeat(ten_mb)).output();
    assert_eq!(spawned.err().and_then(|e| e.raw_os_error()), Some(libc::E2BIG));
    let summary = "a".repeat(120_000);
    let refused = attach_summary(&vault, &summary);
    figure("120KB-summary", "refused", &refused, "(a 10 MB argument is refused by the OS: E2BIG)");
    assert_eq!(code(&refused.output), 1);
    let message = text(&refused.output.stderr);
    assert!(message.contains("The summary is longer than 20000 characters"), "{message}");
    under_ceiling("a 120 KB summary", &refused);
}

fn attach_summary(vault: &Path, summary: &str) -> Measured {
    let args = [
        "--password-stdin",
        "correspondence",
        "add",
        "AL-0001",
        "--kind",
        "email",
        "--direction",
        "in",
        "--with",
        "parent",
        "--summary",
        summary,
    ];
    measured(vault, &args, &pw())
}

#[test]
fn ten_thousand_clients_are_listed_and_searched_under_200_mib() {
    let clients = 10_000;
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    let file = write_sheet(&tmp.path().join("practice.csv"), clients);
    let import = measured(&vault, &["--password-stdin", "import-csv", &file, "--commit"], &pw());
    figure("10000-clients", "imported", &import, "");
    assert_eq!(code(&import.output), 0, "{}", text(&import.output.stderr));
    under_ceiling("importing 10,000 clients", &import);
    for (what, args, expected) in [
        ("listed", vec!["--password-stdin", "--json", "client", "list"], clients),
        (
            "searched",
            vec!["--password-stdin", "--json", "client", "list", "--search", "quartermaine"],
            clients.div_ceil(7),
        ),
        ("by-next-session", vec!["--password-stdin", "--json", "client", "list", "--sort", "next-session"], clients),
        ("in-a-setting", vec!["--password-stdin", "--json", "client", "list", "--setting", "oakfield"], clients),
    ] {
        let m = measured(&vault, &args, &pw());
        figure("10000-clients", what, &m, "");
        assert_eq!(code(&m.output), 0, "{}", text(&m.output.stderr));
        assert_eq!(json(&m.output).as_array().map(Vec::len), Some(expected), "{what}");
        under_ceiling(what, &m);
    }
    let shown = measured(&vault, &["--password-stdin", "--json", "client", "show", "JQ-0001"], &pw());
    figure("10000-clients", "one-shown", &shown, "");
    assert_eq!(json(&shown.output)["summary"]["code"], "JQ-0001", "{}", text(&shown.output.stderr));
    under_ceiling("showing one of 10,000 clients", &shown);
}

/// Notes: a note file of 1 MB (the most Folio reads) and one of 10 MB are refused with the
/// reason; the longest note Folio keeps (200,000 characters, here about 250 KB of prose with
/// emoji) is added, signed, shown and searched under the ceiling.
#[test]
fn a_1mb_note_is_refused_plainly_and_the_longest_note_is_kept_under_200_mib() {
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    add_client(&vault);
    let add =
        |file: &str| measured(&vault, &["--password-stdin", "note", "add", "AL-0001", "--kind", "free", file], &pw());
    let before = folder_snapshot(&vault);
    let ten = write_with(&tmp.path().join("ten.txt"), |w| letters(w, 10 * MIB as usize));
    let refused = add(&ten);
    figure("10MB-note-file", "refused", &refused, "");
    assert_eq!(code(&refused.output), 1);
    assert!(text(&refused.output.stderr).contains("larger than 1 MB"), "{}", text(&refused.output.stderr));
    under_ceiling("a 10 MB note file", &refused);

    let one = write_with(&tmp.path().join("one.txt"), |w| {
        (0..MIB / 16).try_for_each(|_| w.write_all(b"drew a boat.  \n\n"))?;
        w.write_all(&vec![b'.'; (MIB % 16) as usize])
    });
    assert_eq!(std::fs::metadata(&one).map(|m| m.len()).unwrap_or(0), MIB);
    let refused = add(&one);
    figure("1MB-note-file", "refused", &refused, "");
    assert_eq!(code(&refused.output), 1);
    let message = text(&refused.output.stderr);
    assert!(message.contains("longer than 200,000 characters"), "{message}");
    under_ceiling("a 1 MB note file", &refused);
    assert!(folder_snapshot(&vault) == before, "refused notes change nothing");

    // The longest kept: 199,990 characters, a quarter of them four-byte emoji.
    let piece = "drew 🎨 boat ";
    let longest = write_with(&tmp.path().join("longest.txt"), |w| {
        w.write_all(b"## Themes\n")?;
        (0..199_900 / piece.chars().count()).try_for_each(|_| w.write_all(piece.as_bytes()))
    });
    let size = std::fs::metadata(&longest).map(|m| m.len()).unwrap_or(0);
    let added = add(&longest);
    figure(&format!("{}KB-note", size / 1024), "added", &added, "");
    assert_eq!(code(&added.output), 0, "{}", text(&added.output.stderr));
    under_ceiling("adding the longest note", &added);
    let id = text(&added.output.stdout).trim().to_string();
    for (what, args) in [
        ("signed", vec!["--password-stdin", "note", "sign", &id]),
        ("shown", vec!["--password-stdin", "--json", "note", "show", &id]),
        ("searched", vec!["--password-stdin", "--json", "note", "search", "boat"]),
    ] {
        let m = measured(&vault, &args, &pw());
        figure(&format!("{}KB-note", size / 1024), what, &m, "");
        assert_eq!(code(&m.output), 0, "{what}: {}", text(&m.output.stderr));
        under_ceiling(what, &m);
    }
}

/// A practice's notes searched through the CLI: the demo practice of 60 clients (about 700
/// notes; `FOLIO_LIMITS_FULL=1`: 600 clients, about 7,000), made by `folio demo` so that this
/// process holds no vault, searched for a word in most notes, a rare word, a prefix, a
/// phrase, and with every filter.
#[test]
fn note_search_over_a_practice_of_notes_stays_under_200_mib() {
    let clients = if full() { "600" } else { "60" };
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    let out = vault.to_string_lossy().into_owned();
    let made = measured(
        &tmp.path().join("unused"),
        &["--password-stdin", "--json", "demo", "--out", &out, "--clients", clients, "--seed", "7"],
        &format!("{PASSWORD}\n{PASSWORD}\n"),
    );
    assert_eq!(code(&made.output), 0, "{}", text(&made.output.stderr));
    let notes = json(&made.output)["notes"].as_u64().unwrap_or(0);
    let what = format!("{notes}-notes");
    figure(&what, "demo-made", &made, "");
    under_ceiling("the demo practice", &made);
    let code_of = |m: &Measured| {
        json(&m.output)
            .as_array()
            .and_then(|a| a.first())
            .and_then(|c| c["code"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    let listed = measured(&vault, &["--password-stdin", "--json", "client", "list"], &pw());
    let client = code_of(&listed);
    for (search, args, at_least) in [
        ("common-word", vec!["ending"], 50),
        ("rare-word", vec!["volcano"], 1),
        ("prefix", vec!["dr*"], 50),
        ("phrase", vec!["\"no concerns noted\""], 50),
        (
            "filtered",
            vec![
                "concerns",
                "--client",
                &client,
                "--kind",
                "session-note",
                "--from",
                "01/01/2020",
                "--to",
                "31/12/2030",
            ],
            0,
        ),
    ] {
        let args = [vec!["--password-stdin", "--json", "note", "search"], args].concat();
        let m = measured(&vault, &args, &pw());
        figure(&what, search, &m, "");
        assert_eq!(code(&m.output), 0, "{search}: {}", text(&m.output.stderr));
        let found = json(&m.output).as_array().map(Vec::len).unwrap_or(0);
        assert!(found >= at_least, "{search}: {found} found");
        under_ceiling(search, &m);
    }
}

/// A file's SHA-256, read in pieces (never whole).
fn sha256_of(path: &Path) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    let mut file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{e}"));
    std::io::copy(&mut file, &mut hasher).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    format!("{:x}", hasher.finalize())
}

/// Issue 12: a 200 MB recording of a session is streamed in and out with the process
/// under 100 MiB resident (Argon2's 64 MiB at unlocking included), and comes out as it went
/// in.
#[test]
fn a_200mb_recording_is_streamed_in_and_out_under_100_mib() {
    const RECORDING_CEILING_MIB: f64 = 100.0;
    let tmp = tempdir();
    let vault = tmp.path().join("vault");
    init(&vault);
    add_client(&vault);
    let grant = ["--password-stdin", "consent", "add", "AL-0001", "--purpose", "recording", "--given-by", "client"];
    let how = ["--competence", "Judged able by the therapist", "--how", "written", "--on", "01/10/2026"];
    let grant = [&grant[..], &how, &["--plan", "Listening back to improvisations"]].concat();
    let consent = folio(&vault, &grant, &pw());
    assert_eq!(code(&consent), 0, "{}", text(&consent.stderr));

    let size = 200 * MIB;
    let recording = tmp.path().join("session.wav");
    write_with(&recording, |w| (0..size / MIB).try_for_each(|i| w.write_all(&Rng::bytes(500 + i, MIB as usize))));
    let file = recording.to_string_lossy().into_owned();
    let stored = measured(&vault, &["--password-stdin", "media", "add", "AL-0001", &file, "--kind", "audio"], &pw());
    figure("200MB-recording", "stored", &stored, "");
    assert_eq!(code(&stored.output), 0, "{}", text(&stored.output.stderr));
    assert!(stored.peak_mib < RECORDING_CEILING_MIB, "adding: peak {:.0} MiB", stored.peak_mib);

    let copy = tmp.path().join("copy.wav");
    let out = copy.to_string_lossy().into_owned();
    let exported = measured(&vault, &["--password-stdin", "media", "export", "1", "--out", &out], &pw());
    figure("200MB-recording", "exported", &exported, "");
    assert_eq!(code(&exported.output), 0, "{}", text(&exported.output.stderr));
    assert!(exported.peak_mib < RECORDING_CEILING_MIB, "exporting: peak {:.0} MiB", exported.peak_mib);
    assert_eq!(sha256_of(&copy), sha256_of(&recording), "the copy is the recording, byte for byte");
}

mod handover;
