//! The `folio` binary, driven as a script would drive it. Modules mirror `src/commands/`,
//! plus `plaintext` (no marker typed through any command reaches the disk unencrypted).

mod bench;
mod clients;
mod correspondence;
mod import;
mod plaintext;
mod professionals;
mod reading;
mod sessions;
mod vault;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

pub const PASSWORD: &str = "tangerine piano lighthouse";

pub fn folio(vault: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .arg("--vault")
        .arg(vault)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("spawn folio: {e}"));
    if let Some(mut input) = child.stdin.take() {
        let _ = input.write_all(stdin.as_bytes());
    }
    child.wait_with_output().unwrap_or_else(|e| panic!("wait: {e}"))
}

pub fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn init(vault: &Path) {
    let o = folio(
        vault,
        &["init", "--practice", "Hillside Art Therapy", "--password-stdin", "--kdf-target-ms", "0"],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(code(&o), 0, "{}", text(&o.stderr));
}

pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}
