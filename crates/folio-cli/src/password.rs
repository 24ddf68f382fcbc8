//! Reading passwords: from the terminal without echo, or line by line from standard input
//! (`--password-stdin`, `--new-password-stdin`). Buffers are zeroizing.

use std::io::{BufRead, Read};

use folio_core::{Error, Password};
use zeroize::Zeroizing;

pub struct PasswordSource {
    current_from_stdin: bool,
    new_from_stdin: bool,
}

impl PasswordSource {
    pub fn new(current_from_stdin: bool, new_from_stdin: bool) -> Self {
        PasswordSource { current_from_stdin, new_from_stdin }
    }

    pub fn current_password(&mut self, prompt: &str) -> folio_core::Result<Password> {
        if self.current_from_stdin {
            read_stdin_line()
        } else {
            read_tty(prompt)
        }
    }

    /// A new password: from stdin when either flag was given for it, else typed twice.
    pub fn new_password(&mut self, prompt: &str) -> folio_core::Result<Password> {
        if self.new_from_stdin {
            return read_stdin_line();
        }
        let first = read_tty(prompt)?;
        let second = read_tty("Type it again")?;
        if first.as_bytes() != second.as_bytes() {
            return Err(invalid("The two passwords do not match. Nothing was changed; run the command again."));
        }
        Ok(first)
    }
}

fn invalid(message: &str) -> Error {
    Error::InvalidInput { field: "password", message: message.into() }
}

/// The most read from standard input for one password line.
const MAX_PASSWORD_LINE: u64 = 4096;

fn read_stdin_line() -> folio_core::Result<Password> {
    let mut line = Zeroizing::new(String::new());
    // One line, and not an endless one: a password is never longer than this.
    let read = std::io::stdin()
        .lock()
        .take(MAX_PASSWORD_LINE)
        .read_line(&mut line)
        .map_err(|e| Error::Storage { action: "read the password from standard input".into(), source: e })?;
    if read == 0 {
        return Err(invalid("No password on standard input: give it as one line."));
    }
    let trimmed = line.trim_end_matches(['\n', '\r']);
    Ok(Password::new(trimmed.as_bytes().to_vec()))
}

fn read_tty(prompt: &str) -> folio_core::Result<Password> {
    let typed = rpassword::prompt_password(format!("{prompt}: ")).map_err(|e| {
        invalid(&format!(
            "Could not read a password from the terminal ({e}). Use --password-stdin to give it on standard input."
        ))
    })?;
    Ok(Password::from_string(typed))
}
