//! Backups (DESIGN §9): the whole vault copied, still encrypted, into a folder of its own
//! on a USB drive or another disk, checked after writing, and recorded here with the set
//! of handover shares that opens it. A backup is a vault folder: it opens with the password
//! in use the day it was taken (and that day's handover shares), which is why a re-issue
//! lists the backups still opened by the old shares.
//!
//! The backup is written under a hidden `.partial` name and renamed only once it has been
//! read back whole, so a drive pulled out part-way leaves no folder that looks like a
//! backup. The record of a backup is written after it, so a backup never holds its own
//! record.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::params;

use crate::audit::Action;
use crate::db::map_err;
use crate::error::show;
use crate::vault::Record;
use crate::{Error, Result, Vault};

/// Days after the last backup from which Home reminds the therapist to take another.
pub const REMINDER_DAYS: i64 = 7;

/// A backup taken.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Backup {
    pub id: i64,
    /// When, as "dd/mm/yyyy HH:MM" UK time.
    #[serde(with = "crate::dates::london")]
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub taken_at: DateTime<Utc>,
    /// The backup's own folder.
    pub folder: String,
    /// The set of handover shares that opens it, or null when none was set up then.
    pub handover_set: Option<u32>,
    pub bytes: u64,
    /// Clients whose records were destroyed after this backup was taken: it still holds
    /// them until it is deleted (DESIGN §6: such backups are listed).
    pub destroyed_since: u32,
}

/// Where backups stand, for Home's reminder.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupStatus {
    pub last: Option<Backup>,
    /// Whole days since the last backup.
    pub days_since: Option<i64>,
    /// True when there is none, or the last is [`REMINDER_DAYS`] old or more.
    pub due: bool,
    /// The reminder (or the reassurance) in words.
    pub words: String,
}

/// Copies the vault into a new folder inside `into` (a USB drive or another disk), checks
/// the copy, and records it. `progress` hears the pages copied and the pages in all.
/// Recorded as `backup.taken`.
pub fn take(vault: &mut Vault, into: &Path, progress: &mut dyn FnMut(u64, u64)) -> Result<Backup> {
    check_destination(vault, into)?;
    let taken_at = vault.now();
    let name = free_name(into, taken_at)?;
    let partial = into.join(format!(".{name}.partial"));
    create_private_dir(&partial)?;
    let bytes = match vault.snapshot_into(&partial, progress) {
        Ok(bytes) => bytes,
        Err(e) => {
            let _ = fs::remove_dir_all(&partial);
            return Err(e);
        }
    };
    let folder = into.join(&name);
    if let Err(e) = fs::rename(&partial, &folder).and_then(|()| crate::keyfile::sync_dir(into)) {
        let _ = fs::remove_dir_all(&partial);
        return Err(Error::storage("finish the backup", e));
    }
    let handover_set = crate::handover::set_in_force(vault)?;
    let folder_text = folder.to_string_lossy().into_owned();
    let id = vault.write(|tx| {
        tx.execute(
            "INSERT INTO backups (taken_at, folder, handover_set, bytes, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![taken_at, folder_text, handover_set, bytes as i64, tx.now_utc()],
        )
        .map_err(map_err)?;
        let id = tx.last_insert_rowid();
        tx.record(Action::BackupTaken, Record::new("backup", id))?;
        Ok(id)
    })?;
    Ok(Backup { id, taken_at, folder: folder_text, handover_set, bytes, destroyed_since: 0 })
}

/// Every backup taken, newest first, each with the clients destroyed since it was taken.
pub fn list(vault: &Vault) -> Result<Vec<Backup>> {
    let destroyed = destructions(vault)?;
    let mut stmt = vault
        .conn()
        .prepare("SELECT id, taken_at, folder, handover_set, bytes FROM backups ORDER BY taken_at DESC, id DESC")
        .map_err(map_err)?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Backup {
                id: r.get(0)?,
                taken_at: r.get(1)?,
                folder: r.get(2)?,
                handover_set: r.get(3)?,
                bytes: r.get::<_, i64>(4)?.max(0) as u64,
                destroyed_since: 0,
            })
        })
        .map_err(map_err)?;
    let mut out = rows.collect::<rusqlite::Result<Vec<_>>>().map_err(map_err)?;
    for backup in &mut out {
        backup.destroyed_since = destroyed.iter().filter(|(at, _)| *at > backup.taken_at).map(|(_, n)| n).sum();
    }
    Ok(out)
}

/// The backups that still hold records destroyed after they were taken, newest first.
pub fn holding_destroyed(vault: &Vault) -> Result<Vec<Backup>> {
    Ok(list(vault)?.into_iter().filter(|b| b.destroyed_since > 0).collect())
}

/// Each destruction that ran: when it was recorded, and how many clients it destroyed.
fn destructions(vault: &Vault) -> Result<Vec<(DateTime<Utc>, u32)>> {
    let mut stmt = vault
        .conn()
        .prepare(
            "SELECT r.recorded_at, COUNT(d.id) FROM destruction_runs r
             JOIN destruction_records d ON d.batch_id = r.batch_id GROUP BY r.batch_id",
        )
        .map_err(map_err)?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?))).map_err(map_err)?;
    let mut out = Vec::new();
    for row in rows {
        let (at, clients) = row.map_err(map_err)?;
        let at = DateTime::parse_from_rfc3339(&at)
            .map_err(|_| Error::db_damaged("a destruction's time does not read as a time"))?
            .with_timezone(&Utc);
        out.push((at, clients));
    }
    Ok(out)
}

/// The backups that handover shares of a set before `set` still open: what a re-issue to
/// `set` must list.
pub fn opened_by_sets_before(vault: &Vault, set: u32) -> Result<Vec<Backup>> {
    Ok(list(vault)?.into_iter().filter(|b| b.handover_set.is_some_and(|s| s < set)).collect())
}

/// Where backups stand today.
pub fn status(vault: &Vault) -> Result<BackupStatus> {
    let last = list(vault)?.into_iter().next();
    let today = vault.today();
    let days_since = last.as_ref().map(|b| (today - crate::dates::london_date(b.taken_at)).num_days().max(0));
    let due = days_since.is_none_or(|d| d >= REMINDER_DAYS);
    let words = match (&last, days_since) {
        (Some(b), Some(days)) => {
            let when = match days {
                0 => "today".to_string(),
                1 => "yesterday".to_string(),
                n => format!("{n} days ago"),
            };
            let then = crate::dates::format_london(b.taken_at);
            if due {
                format!("The last backup was taken {when} ({then}). Take one now: plug in the backup drive and choose Back up now.")
            } else {
                format!("The last backup was taken {when} ({then}).")
            }
        }
        _ => "No backup has been taken yet. Take one now onto a USB drive you keep somewhere safe: a laptop can be lost, stolen or broken.".to_string(),
    };
    Ok(BackupStatus { last, days_since, due, words })
}

/// An existing folder, not inside the vault's own folder (a backup there is lost with it).
fn check_destination(vault: &Vault, into: &Path) -> Result<()> {
    let meta = fs::metadata(into).map_err(|e| Error::storage(format!("use {} for the backup", show(into)), e))?;
    if !meta.is_dir() {
        return Err(Error::invalid(
            "folder",
            "Choose a folder (on the backup drive) to put the backup in, not a file.",
        ));
    }
    let canonical = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    if canonical(into).starts_with(canonical(vault.dir())) {
        return Err(Error::invalid(
            "folder",
            "Choose a folder outside the vault's own folder, best on a USB drive: a backup beside the vault is lost with it.",
        ));
    }
    Ok(())
}

/// `folio-backup-2026-11-30-1415` (UK time), with `-2`, `-3`… when taken twice in a minute.
fn free_name(into: &Path, at: DateTime<Utc>) -> Result<String> {
    let base = format!("folio-backup-{}", at.with_timezone(&chrono_tz::Europe::London).format("%Y-%m-%d-%H%M"));
    for n in 1..1000 {
        let name = if n == 1 { base.clone() } else { format!("{base}-{n}") };
        let taken = |p: PathBuf| fs::symlink_metadata(p).is_ok();
        if !taken(into.join(&name)) && !taken(into.join(format!(".{name}.partial"))) {
            return Ok(name);
        }
    }
    Err(Error::invalid(
        "folder",
        "That folder already holds a thousand backups from this minute. Choose another folder.",
    ))
}

/// A new folder only its owner may open (0700).
fn create_private_dir(path: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(path).map_err(|e| Error::storage("make the backup's folder", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_backup_in_the_same_minute_gets_its_own_name() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let at =
            DateTime::parse_from_rfc3339("2026-07-01T13:05:00Z").map(|t| t.with_timezone(&Utc)).unwrap_or_default();
        let first = free_name(tmp.path(), at).unwrap_or_default();
        assert_eq!(first, "folio-backup-2026-07-01-1405", "UK time (BST in July)");
        fs::create_dir(tmp.path().join(&first)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(free_name(tmp.path(), at).unwrap_or_default(), "folio-backup-2026-07-01-1405-2");
    }
}
