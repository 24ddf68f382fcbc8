//! Writing the shares and the pack into a folder: new or empty (so no share is mixed with
//! other files or overwrites one), the folder 0700 and every file 0600, each file created
//! new and synced. Messages never name the folder (a path may hold a name).

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use super::pdf;
use super::Issued;
use crate::{Error, Result};

/// The executor's pack: the letter, never a share.
pub const HANDOVER_PACK: &str = "handover-pack.pdf";
/// `share-1.txt`, `share-1.pdf`, … in holder order.
pub const SHARE_FILE_PREFIX: &str = "share-";

/// What was written, and what to tell the therapist once.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Saved {
    pub folder: String,
    /// File names, in the order written (shares in holder order, then the pack).
    pub files: Vec<String>,
    pub warning: Option<String>,
    pub backups_note: Option<String>,
    /// At a re-issue, the backups that the old shares still open.
    pub earlier_backups: Vec<crate::backups::Backup>,
}

/// The folder, made (0700) if missing; refused if it holds anything.
pub(super) fn prepare_folder(folder: &Path) -> Result<PathBuf> {
    match fs::read_dir(folder) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(Error::invalid(
                    "out",
                    "The folder chosen for the handover already holds files. Choose a new or empty folder, so that the shares are not mixed with anything else.",
                ));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            fs::create_dir_all(folder).map_err(|e| Error::storage("make the folder for the handover", e))?;
        }
        Err(e) => return Err(Error::storage("open the folder for the handover", e)),
    }
    #[cfg(unix)]
    fs::set_permissions(folder, std::os::unix::fs::PermissionsExt::from_mode(0o700))
        .map_err(|e| Error::storage("protect the folder for the handover", e))?;
    Ok(folder.to_path_buf())
}

/// Writes every share (text and sheet) and the pack. On a failure, what was written is
/// removed again.
pub(super) fn write_all(folder: &Path, issued: &Issued, pack: &[u8]) -> Result<Saved> {
    let mut saved = Saved {
        folder: folder.display().to_string(),
        files: Vec::new(),
        warning: None,
        backups_note: None,
        earlier_backups: Vec::new(),
    };
    let result = (|| -> Result<()> {
        for (i, share) in issued.shares.iter().enumerate() {
            let n = i + 1;
            let text = issued.text(i).ok_or_else(|| Error::Internal("a share went missing".into()))?;
            write_new(folder, &format!("{SHARE_FILE_PREFIX}{n}.txt"), text.as_bytes(), &mut saved)?;
            let sheet = pdf::share_sheet_pdf(share, &issued.practice)?;
            write_new(folder, &format!("{SHARE_FILE_PREFIX}{n}.pdf"), &sheet, &mut saved)?;
        }
        write_new(folder, HANDOVER_PACK, pack, &mut saved)
    })();
    match result {
        Ok(()) => Ok(saved),
        Err(e) => {
            remove(folder, &saved);
            Err(e)
        }
    }
}

/// Writes the pack alone (a re-print).
pub(super) fn write_pack(folder: &Path, pack: &[u8]) -> Result<Saved> {
    let mut saved = Saved {
        folder: folder.display().to_string(),
        files: Vec::new(),
        warning: None,
        backups_note: None,
        earlier_backups: Vec::new(),
    };
    write_new(folder, HANDOVER_PACK, pack, &mut saved)?;
    Ok(saved)
}

/// Removes the files written (a handover that was not recorded after all).
pub(super) fn remove(folder: &Path, saved: &Saved) {
    for name in &saved.files {
        let _ = fs::remove_file(folder.join(name));
    }
}

fn write_new(folder: &Path, name: &str, bytes: &[u8], saved: &mut Saved) -> Result<()> {
    let path = folder.join(name);
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&path).map_err(|e| Error::storage(format!("create {name}"), e))?;
    saved.files.push(name.to_string());
    file.write_all(bytes).and_then(|()| file.sync_all()).map_err(|e| Error::storage(format!("write {name}"), e))
}
