//! The demo practice's clinical will: a fictional successor and three fictional holders, any
//! two of whom open the vault. Its shares are written beside the demo vault, never inside it
//! (a vault folder holds only the vault), so that a newcomer can try "Open with handover
//! shares" on the demo; a real practice's shares go to their holders.

use std::path::{Path, PathBuf};

use crate::handover::{self, HandoverForm, Successor};
use crate::{Result, Vault};

/// How many numbered folders to try beside the vault before giving up on one.
const TRIES: usize = 100;

/// Sets the demo's handover up, its shares and pack in a new folder beside `vault_dir`
/// (`demo-handover-shares`, or `…-2` if that one holds files). Returns that folder.
pub(super) fn fill(vault: &mut Vault, vault_dir: &Path) -> Result<PathBuf> {
    let folder = beside(vault_dir);
    handover::setup_into(vault, &form(), &folder, false)?;
    Ok(folder)
}

fn form() -> HandoverForm {
    HandoverForm {
        threshold: "2".into(),
        holders: vec![
            "Hazel Foxglove (colleague, demo)".into(),
            "Orrin Kettlewell (executor, demo)".into(),
            "Marigold Quince (clinical supervisor, demo)".into(),
        ],
        successor: Successor {
            name: "Linden Applewood (demo)".into(),
            profession: "Art therapist".into(),
            registration: "AS00000 (demo)".into(),
            contact: "01632 960 111".into(),
        },
        laptop: "In the locked desk drawer in the study (demo)".into(),
        backups: "An encrypted USB drive in the fire safe (demo)".into(),
        instructions: "Paper records: the grey cabinet in the study; its key is with the executor (demo).\n\
                       Answerphone: change the message first, then phone the families of children in therapy (demo).\n\
                       Clients who need care first: anyone with a session this week (demo)."
            .into(),
    }
}

/// The first of `NAME-handover-shares`, `NAME-handover-shares-2`, … beside the vault that
/// does not exist or is empty.
fn beside(vault_dir: &Path) -> PathBuf {
    let name = vault_dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "demo".into());
    let parent = vault_dir.parent().unwrap_or_else(|| Path::new("."));
    let candidate = |i: usize| {
        let suffix = if i == 1 { String::new() } else { format!("-{i}") };
        parent.join(format!("{name}-handover-shares{suffix}"))
    };
    (1..=TRIES)
        .map(candidate)
        .find(|p| std::fs::read_dir(p).map_or(true, |mut entries| entries.next().is_none()))
        .unwrap_or_else(|| candidate(TRIES + 1))
}
