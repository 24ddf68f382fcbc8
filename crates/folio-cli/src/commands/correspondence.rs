//! `folio correspondence`: the log and its attachments, thin over
//! `folio_core::correspondence`.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::PathBuf;

use clap::{Args, Subcommand};
use folio_core::correspondence::{
    self, Attachment, CorrespondenceEntry, CorrespondenceForm, Counterpart, Direction, Kind,
};
use folio_core::dates::format_uk;
use folio_core::{Error, Result};

use crate::context::{read_vault, with_vault, Context};
use crate::output::one_of;

#[derive(Subcommand)]
pub enum CorrespondenceCommand {
    /// Log a letter, email, text, app message or phone call, with attachments
    Add(Box<AddArgs>),
    /// The correspondence log of a client, newest first
    List { code: String },
    /// Write an attachment out of the vault to FILE (recorded in the audit log)
    Export {
        id: i64,
        /// A new file: Folio never overwrites one
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

#[derive(Args)]
pub struct AddArgs {
    code: String,
    /// dd/mm/yyyy [default: today]
    #[arg(long)]
    on: Option<String>,
    #[arg(long, help = one_of::<Kind>("What it was"))]
    kind: String,
    #[arg(long, help = one_of::<Direction>("Whether it came in or went out"))]
    direction: String,
    #[arg(long = "with", help = one_of::<Counterpart>("Who it was with"))]
    counterpart: String,
    /// Who exactly (optional)
    #[arg(long, default_value = "")]
    name: String,
    /// What was said or sent
    #[arg(long)]
    summary: String,
    /// A file to keep with the entry (repeatable): images, PDF, audio, documents
    #[arg(long = "attach", value_name = "FILE")]
    attachments: Vec<PathBuf>,
    /// Why contact with a child falls on a day without a session (needed then)
    #[arg(long, value_name = "REASON")]
    outside_reason: Option<String>,
    /// Keep everything the identifier check finds in the summary, for this reason
    #[arg(long, value_name = "REASON")]
    keep_identifiers: Option<String>,
}

pub fn run(command: CorrespondenceCommand, ctx: &Context) -> Result<()> {
    let out = &ctx.out;
    match command {
        CorrespondenceCommand::Add(args) => {
            let mut files = Vec::new();
            for path in &args.attachments {
                let (file, _) = folio_core::inputs::open(path, folio_core::inputs::ATTACHMENT)?;
                let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                files.push((file_name, BufReader::new(file)));
            }
            let form = CorrespondenceForm {
                on: args.on.unwrap_or_default(),
                kind: args.kind,
                direction: args.direction,
                counterpart: args.counterpart,
                counterpart_name: args.name,
                summary: args.summary,
                outside_reason: args.outside_reason.unwrap_or_default(),
                kept: Vec::new(),
            };
            let added = with_vault(ctx, |vault| {
                let attachments = files
                    .iter_mut()
                    .map(|(file_name, reader)| Attachment::Stream {
                        file_name: file_name.clone(),
                        reader: reader as &mut dyn Read,
                    })
                    .collect();
                correspondence::add(vault, &args.code, form, attachments, args.keep_identifiers.as_deref())
            })?;
            // Warnings and reminders go to standard error, so they are seen under --json too.
            for line in added.warnings.iter().chain(&added.reminders) {
                eprintln!("warning: {line}");
            }
            out.value(&added, || {
                format!(
                    "Logged entry {} on {} with {} attachment(s).",
                    added.id,
                    format_uk(added.on),
                    added.attachments.len()
                )
            });
        }
        CorrespondenceCommand::List { code } => {
            let log = read_vault(ctx, |vault| correspondence::list(vault, &code))?;
            out.value(&log, || log_text(&log));
        }
        CorrespondenceCommand::Export { id, out: path } => {
            if path.exists() {
                return Err(Error::InvalidInput {
                    field: "out",
                    message: format!(
                        "{} already exists. Choose a new file name; Folio never overwrites a file.",
                        path.display()
                    ),
                });
            }
            let mut created = false;
            let written = with_vault(ctx, |vault| {
                let mut file = File::create_new(&path)
                    .map_err(|e| Error::Storage { action: format!("create {}", path.display()), source: e })?;
                created = true;
                correspondence::export_attachment(vault, id, &mut file)
            });
            if written.is_err() && created {
                // A half-written copy this call made; never anyone else's file.
                let _ = std::fs::remove_file(&path);
            }
            let info = written?;
            out.value(&info, || format!("Wrote {} ({} bytes) to {}.", info.file_name, info.size, path.display()));
        }
    }
    Ok(())
}

fn log_text(log: &[CorrespondenceEntry]) -> String {
    if log.is_empty() {
        return "No correspondence logged yet.".into();
    }
    log.iter()
        .map(|e| {
            let with = if e.counterpart_name.is_empty() {
                e.counterpart.label().to_string()
            } else {
                format!("{} ({})", e.counterpart.label(), e.counterpart_name)
            };
            let mut entry = format!(
                "{:>4}  {}  {}, {}, {with}: {}",
                e.id,
                format_uk(e.on),
                e.kind.label(),
                e.direction.label().to_lowercase(),
                e.summary
            );
            if !e.attachments.is_empty() {
                let files: Vec<String> =
                    e.attachments.iter().map(|a| format!("[{}] {} ({} bytes)", a.id, a.file_name, a.size)).collect();
                entry.push_str(&format!("\n      attachments: {}", files.join(", ")));
            }
            for warning in &e.warnings {
                entry.push_str(&format!("\n      warning: {warning}"));
            }
            for k in &e.kept {
                entry.push_str(&format!("\n      kept: {} ({}), because {}", k.text, k.kind.in_words(), k.reason));
            }
            entry
        })
        .collect::<Vec<_>>()
        .join("\n")
}
