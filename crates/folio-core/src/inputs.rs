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
/// A note's text from a file (`folio note check`): 200,000 characters fit in 1 MB of UTF-8
/// unless most are outside Latin, and then the note's own limit says so.
pub const NOTE: Input = Input { field: "file", what: "the note file", limit: 1024 * 1024, follow_links: true };
/// A handover share as text (`share-2.txt`): well under 1 KB as Folio writes it.
pub const SHARE: Input = Input { field: "share", what: "the share file", limit: 16 * 1024, follow_links: true };
/// The therapist's handover instructions from a file (20,000 characters at most).
pub const INSTRUCTIONS: Input =
    Input { field: "instructions", what: "the instructions file", limit: 256 * 1024, follow_links: true };
/// A spreadsheet to import: 100,000 rows of a full referral fit comfortably.
pub const IMPORT: Input = Input { field: "file", what: "the spreadsheet", limit: 64 * 1024 * 1024, follow_links: true };
/// An attachment (the same limit the attachment store enforces).
pub const ATTACHMENT: Input =
    Input { field: "attachment", what: "the attachment", limit: crate::blobs::MAX_SIZE, follow_links: true };

/// A photo of artwork: read whole (into wiped memory) to strip its metadata, so it has its
/// own, smaller limit; a phone's largest photos fit.
pub const PHOTO: Input = Input { field: "file", what: "the photo", limit: 30 * 1024 * 1024, follow_links: true };
/// A recording of a session: two hours of uncompressed CD-quality audio fit (streamed,
/// never whole in memory).
pub const RECORDING: Input =
    Input { field: "file", what: "the recording", limit: crate::blobs::RECORDING_MAX_SIZE, follow_links: true };

/// What a file added with `kind` (`photo`, `audio`, `video`, as typed) is read as: a
/// photo, or a recording (an unknown kind is refused by the media capability itself).
pub fn media_input(kind: &str) -> Input {
    if kind.trim().eq_ignore_ascii_case("photo") {
        PHOTO
    } else {
        RECORDING
    }
}

const MB: u64 = 1024 * 1024;

/// Text that arrived whole (the app hands over a spreadsheet it read) within `input`'s limit.
pub fn check_text(text: &str, input: Input) -> Result<()> {
    if text.len() as u64 > input.limit {
        return Err(too_large(input));
    }
    Ok(())
}

pub(crate) fn too_large(input: Input) -> Error {
    let size = in_units(input.limit);
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

/// A reader that refuses to go past the limit (for streamed files that may grow while they
/// are read): past it, reading fails with a plain reason rather than stopping quietly, so a
/// file is never kept cut short.
pub fn bounded(file: File, input: Input) -> impl Read {
    Bounded { inner: file, left: input.limit, input }
}

struct Bounded {
    inner: File,
    left: u64,
    input: Input,
}

impl Read for Bounded {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left == 0 {
            // At the limit: one more byte means the file grew past it.
            let mut probe = [0u8; 1];
            return match self.inner.read(&mut probe)? {
                0 => Ok(0),
                _ => Err(std::io::Error::other(format!(
                    "{} grew past {} while it was being read, the most Folio reads",
                    self.input.what,
                    in_units(self.input.limit)
                ))),
            };
        }
        let most = buf.len().min(usize::try_from(self.left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..most])?;
        self.left -= n as u64;
        Ok(n)
    }
}

fn in_units(limit: u64) -> String {
    if limit >= MB {
        format!("{} MB", limit / MB)
    } else if limit >= 1024 {
        format!("{} KB", limit / 1024)
    } else {
        format!("{limit} bytes")
    }
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

    #[test]
    fn a_file_that_grows_past_its_limit_while_read_fails_rather_than_being_cut_short() {
        let dir = tmp();
        let path = dir.path().join("growing.csv");
        std::fs::write(&path, b"0123456789A").unwrap_or_else(|e| panic!("{e}"));
        let small = Input { field: "file", what: "the spreadsheet", limit: 10, follow_links: true };
        let file = File::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let mut out = Vec::new();
        let err = bounded(file, small).read_to_end(&mut out).err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(err, "the spreadsheet grew past 10 bytes while it was being read, the most Folio reads");
        // Exactly at the limit is whole.
        std::fs::write(&path, b"0123456789").unwrap_or_else(|e| panic!("{e}"));
        let file = File::open(&path).unwrap_or_else(|e| panic!("{e}"));
        out.clear();
        assert_eq!(bounded(file, small).read_to_end(&mut out).ok(), Some(10));
    }
}
