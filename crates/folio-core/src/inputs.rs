//! Files Folio reads from outside, read with care: a stated size limit checked before
//! reading (and enforced while reading, for a file that grows), regular files only (a FIFO
//! would hang Folio and a device could be endless), opened without blocking, and — for the
//! vault's own files — without following a symbolic link.
//!
//! Every limit is named here, so the messages and the docs can say it.

use std::fs::{File, OpenOptions};
use std::io::Read;
#[cfg(unix)]
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use crate::{Error, Result};

/// What a file is for: its limit and how a problem with it is reported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Input {
    /// The field a problem is reported against.
    pub field: &'static str,
    /// How messages name it ("the referral file").
    pub what: &'static str,
    /// The largest accepted size, in bytes.
    pub limit: u64,
    /// Whether a symbolic link may be followed (never for the vault's own files).
    pub follow_links: bool,
}

/// A key file copy: a few KB in practice.
pub const KEY_FILE: Input = Input { field: "keyFile", what: "the key file", limit: 64 * 1024, follow_links: false };
/// A referral form as JSON (`folio referral add FILE`).
pub const REFERRAL: Input = Input { field: "file", what: "the referral file", limit: 1024 * 1024, follow_links: true };
/// A spreadsheet to import: 100,000 rows of a full referral fit comfortably.
pub const IMPORT: Input = Input { field: "file", what: "the spreadsheet", limit: 64 * 1024 * 1024, follow_links: true };
/// An attachment (the same limit the attachment store enforces).
pub const ATTACHMENT: Input =
    Input { field: "attachment", what: "the attachment", limit: crate::blobs::MAX_SIZE, follow_links: true };

const MB: u64 = 1024 * 1024;

fn too_large(input: Input) -> Error {
    let size =
        if input.limit >= MB { format!("{} MB", input.limit / MB) } else { format!("{} KB", input.limit / 1024) };
    Error::invalid(
        input.field,
        format!("{} is larger than {size}, the most Folio reads. Choose a smaller file.", capital(input.what)),
    )
}

fn capital(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Opens a file for reading after checking it is a regular file within the limit. The
/// open never blocks (a FIFO is refused, not waited on).
pub fn open(path: &Path, input: Input) -> Result<(File, u64)> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    options.custom_flags(libc::O_NONBLOCK | if input.follow_links { 0 } else { libc::O_NOFOLLOW });
    let file = options.open(path).map_err(|e| {
        #[cfg(unix)]
        if e.raw_os_error() == Some(libc::ELOOP) {
            return Error::invalid(
                input.field,
                format!("{} is a link to another file. Choose the file itself.", capital(input.what)),
            );
        }
        Error::storage(format!("open {}", input.what), e)
    })?;
    let meta = file.metadata().map_err(|e| Error::storage(format!("open {}", input.what), e))?;
    if !meta.is_file() {
        return Err(Error::invalid(
            input.field,
            format!("{} is not an ordinary file (a folder, a device or a pipe). Choose a file.", capital(input.what)),
        ));
    }
    if meta.len() > input.limit {
        return Err(too_large(input));
    }
    Ok((file, meta.len()))
}

/// Reads a whole small file (a key file, a referral) within its limit.
pub fn read(path: &Path, input: Input) -> Result<Vec<u8>> {
    let (file, size) = open(path, input)?;
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(input.limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::storage(format!("read {}", input.what), e))?;
    if bytes.len() as u64 > input.limit {
        return Err(too_large(input));
    }
    Ok(bytes)
}

/// A reader that refuses to go past the limit (for streamed files that may grow while read).
pub fn bounded(file: File, input: Input) -> impl Read {
    file.take(input.limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp() -> tempfile::TempDir {
        tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn an_endless_device_a_pipe_a_folder_and_a_link_are_refused_up_front() {
        let dir = tmp();
        // /dev/zero is endless: refused before a byte is read.
        let zero = read(Path::new("/dev/zero"), REFERRAL).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(zero.contains("not an ordinary file"), "{zero}");
        // A FIFO with no writer would hang a blocking open.
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().map(|s| s.success()).unwrap_or(false);
        assert!(made, "mkfifo is needed for this test");
        let pipe = read(&fifo, IMPORT).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(pipe.contains("not an ordinary file"), "{pipe}");
        let folder = read(dir.path(), ATTACHMENT).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(folder.contains("not an ordinary file"), "{folder}");
        // The key file is never read through a link.
        let link = dir.path().join("folio.key");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap_or_else(|e| panic!("{e}"));
        let linked = read(&link, KEY_FILE).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(linked.contains("is a link"), "{linked}");
    }

    #[test]
    fn a_file_over_its_limit_is_refused_before_reading() {
        let dir = tmp();
        let big = dir.path().join("big.json");
        let file = File::create(&big).unwrap_or_else(|e| panic!("{e}"));
        file.set_len(REFERRAL.limit + 1).unwrap_or_else(|e| panic!("{e}"));
        let err = read(&big, REFERRAL).err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(err, "The referral file is larger than 1 MB, the most Folio reads. Choose a smaller file.");
        std::fs::write(&big, b"{}").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(read(&big, REFERRAL).ok(), Some(b"{}".to_vec()));
    }
}
