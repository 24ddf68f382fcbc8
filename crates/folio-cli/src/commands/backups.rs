//! `folio backup`: take a backup into a folder (a USB drive), list those taken, and say
//! whether one is due; thin over `folio_core::backups`.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::Subcommand;
use folio_core::backups::{self, Backup};
use folio_core::dates::format_london;
use folio_core::Result;

use crate::context::{read_vault, with_vault, Context};

#[derive(Subcommand)]
pub enum BackupCommand {
    /// Copy the whole vault, still encrypted, into a new folder inside DIR (prints that folder)
    Take {
        /// The folder to put the backup in, best on a USB drive kept somewhere safe
        dir: PathBuf,
    },
    /// The backups taken, newest first, with the handover shares that open each
    List,
    /// When the last backup was taken, and whether one is due (exit 0 either way)
    Status,
}

pub fn run(command: BackupCommand, ctx: &Context) -> Result<()> {
    match command {
        BackupCommand::Take { dir } => {
            // A percentage on a terminal only: scripts read standard output alone.
            let tell = std::io::stderr().is_terminal() && !ctx.out.json;
            let mut shown = u64::MAX;
            let taken = with_vault(ctx, |vault| {
                backups::take(vault, &dir, &mut |done, all| {
                    let percent = (done * 100).checked_div(all).unwrap_or(100);
                    if tell && percent != shown {
                        shown = percent;
                        eprint!("\rBacking up: {percent}%");
                        let _ = std::io::stderr().flush();
                    }
                })
            })?;
            if tell {
                eprintln!();
            }
            ctx.out.value(&taken, || taken.folder.clone());
        }
        BackupCommand::List => {
            let list = read_vault(ctx, backups::list)?;
            ctx.out.value(&list, || {
                if list.is_empty() {
                    return "No backups taken yet.".into();
                }
                list.iter().map(backup_text).collect::<Vec<_>>().join("\n")
            });
        }
        BackupCommand::Status => {
            let status = read_vault(ctx, backups::status)?;
            ctx.out.value(&status, || status.words.clone());
        }
    }
    Ok(())
}

fn backup_text(b: &Backup) -> String {
    let opens = match b.handover_set {
        Some(set) => format!("the password of that day, or the handover shares of set {set}"),
        None => "the password of that day".into(),
    };
    let mut text = format!(
        "{:>4}  {}  {}  {} MB\n      opens with {opens}",
        b.id,
        format_london(b.taken_at),
        b.folder,
        mb(b.bytes)
    );
    if b.destroyed_since > 0 {
        let clients =
            if b.destroyed_since == 1 { "1 client".to_string() } else { format!("{} clients", b.destroyed_since) };
        text.push_str(&format!(
            "\n      still holds the records of {clients} destroyed since: delete it once a newer backup is taken"
        ));
    }
    text
}

fn mb(bytes: u64) -> String {
    format!("{:.1}", bytes as f64 / 1_000_000.0)
}
