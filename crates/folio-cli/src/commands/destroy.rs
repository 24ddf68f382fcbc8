//! `folio destroy`: destruction of records due under the retention policy; thin over
//! `folio_core::retention`. `--due` previews what is due today (reading only), `--due
//! --confirm` confirms it (the password again) and starts the grace period, `pending`
//! lists the batches, `cancel ID` cancels one, `records` lists what remains of destroyed
//! records and `certificate ID --out FILE --for WHOM` writes a certificate. A batch runs
//! at the next unlock to change the vault once its grace period has passed. `--json`
//! prints the core's types: a contract.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand};
use folio_core::dates::format_uk;
use folio_core::retention::{self, BatchState, ClientDue, Destruction, DestructionRecord, Preview};
use folio_core::{Error, Result};

use crate::context::{read_vault, with_password, with_vault, Context};

#[derive(Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct DestroyArgs {
    /// Show what is due for destruction today and not on hold (codes, categories, counts,
    /// references; never content). Nothing changes without --confirm
    #[arg(long, required = true)]
    due: bool,
    /// With --due: confirm it (the password is asked); it runs after the grace period
    /// unless cancelled
    #[arg(long, requires = "due")]
    confirm: bool,
    #[command(subcommand)]
    command: Option<DestroyCommand>,
}

#[derive(Subcommand)]
pub enum DestroyCommand {
    /// Every confirmed destruction: pending, cancelled and done
    Pending,
    /// Cancel a pending destruction before it runs
    Cancel { id: i64 },
    /// What remains of destroyed records: code, categories, counts, rule, dates
    Records,
    /// Write a destruction certificate (PDF) into a new file
    Certificate {
        /// The destruction record's number (see `folio destroy records`)
        id: i64,
        /// The new PDF file (never overwritten)
        #[arg(long)]
        out: PathBuf,
        /// Who the certificate is for (printed under CONFIDENTIAL)
        #[arg(long = "for", value_name = "WHOM")]
        for_whom: String,
    },
    /// Set the grace period between confirming and destroying (0 to 90 days)
    Grace { days: String },
}

pub fn run(args: DestroyArgs, ctx: &Context) -> Result<()> {
    let out = &ctx.out;
    match (args.command, args.due, args.confirm) {
        // clap asks for --due when no subcommand is given.
        (None, _, false) => {
            let preview = read_vault(ctx, retention::preview)?;
            out.value(&preview, || preview_text(&preview));
        }
        (None, _, true) => {
            let password = ctx.passwords(false).current_password("Vault password")?;
            let batch = with_password(ctx, &password, |vault| retention::confirm(vault, &password))?;
            out.value(&batch, || {
                format!(
                    "Destruction {} confirmed: it runs on or after {} unless cancelled (folio destroy cancel {}).\n{}",
                    batch.id,
                    format_uk(batch.runs_on),
                    batch.id,
                    clients_text(&batch.clients)
                )
            });
        }
        (Some(DestroyCommand::Pending), ..) => {
            let batches = read_vault(ctx, retention::pending)?;
            out.value(&batches, || batches_text(&batches));
        }
        (Some(DestroyCommand::Cancel { id }), ..) => {
            let batch = with_vault(ctx, |vault| retention::cancel(vault, id))?;
            out.value(&batch, || format!("Destruction {} cancelled: nothing of it will be destroyed.", batch.id));
        }
        (Some(DestroyCommand::Records), ..) => {
            let records = read_vault(ctx, retention::records)?;
            out.value(&records, || records_text(&records));
        }
        (Some(DestroyCommand::Certificate { id, out: path, for_whom }), ..) => {
            let pdf = read_vault(ctx, |vault| retention::destruction_certificate_pdf(vault, id, &for_whom))?;
            let mut file = std::fs::File::create_new(&path).map_err(|e| Error::Storage {
                action: "create the certificate file (Folio never overwrites one; choose a new name)".into(),
                source: e,
            })?;
            if let Err(e) = file.write_all(&pdf).and_then(|()| file.sync_all()) {
                let _ = std::fs::remove_file(&path);
                return Err(Error::Storage { action: "write the certificate file".into(), source: e });
            }
            out.value(&serde_json::json!({ "record": id, "file": path.display().to_string() }), || {
                format!("Destruction certificate {id} written to {}.", path.display())
            });
        }
        (Some(DestroyCommand::Grace { days }), ..) => {
            let days = with_vault(ctx, |vault| retention::destroy::set_grace_days(vault, &days))?;
            out.value(&serde_json::json!({ "graceDays": days }), || {
                format!("A confirmed destruction now runs {days} days after it is confirmed.")
            });
        }
    }
    Ok(())
}

fn preview_text(p: &Preview) -> String {
    let mut text = if p.clients.is_empty() {
        "Nothing is due for destruction today.".to_string()
    } else {
        format!(
            "Due for destruction on {}. Confirmed today (folio destroy --due --confirm), it runs on or after {} ({} days' grace).\n{}",
            format_uk(p.today),
            format_uk(p.runs_on),
            p.grace_days,
            clients_text(&p.clients)
        )
    };
    for w in &p.waiting {
        text.push_str(&format!("\n{}: {}", w.client, w.reason));
    }
    for r in &p.reminders {
        text.push_str(&format!("\nFirst: {r}"));
    }
    text
}

fn clients_text(clients: &[ClientDue]) -> String {
    clients
        .iter()
        .map(|c| {
            let counts: Vec<String> = c.counts.iter().map(|n| format!("{} {}", n.category.label(), n.count)).collect();
            let what = if c.whole { "everything" } else { "these records" };
            let items: Vec<String> =
                c.items.iter().filter_map(|i| i.item.as_ref().map(|r| format!("{} {r}", i.category.label()))).collect();
            let refs = if items.is_empty() { String::new() } else { format!(" ({})", items.join(", ")) };
            format!("{}: {what}: {}{refs}", c.client, counts.join(", "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn batches_text(batches: &[Destruction]) -> String {
    if batches.is_empty() {
        return "No destruction has been confirmed.".into();
    }
    batches
        .iter()
        .map(|b| {
            let state = match b.state {
                BatchState::Pending => format!("pending, runs on or after {}", format_uk(b.runs_on)),
                BatchState::Cancelled => format!("cancelled on {}", b.ended_on.map(format_uk).unwrap_or_default()),
                BatchState::Done => format!("run on {}", b.ended_on.map(format_uk).unwrap_or_default()),
            };
            format!("{}  confirmed {}  {state}\n{}", b.id, format_uk(b.confirmed_on), clients_text(&b.clients))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn records_text(records: &[DestructionRecord]) -> String {
    if records.is_empty() {
        return "No records have been destroyed.".into();
    }
    records
        .iter()
        .map(|r| {
            let parts: Vec<String> = r
                .categories
                .iter()
                .map(|c| format!("{} {} (due {}; {})", c.category.label(), c.count, format_uk(c.due_on), c.rule))
                .collect();
            format!("{}  {}  destroyed {}: {}", r.id, r.client, format_uk(r.destroyed_on), parts.join("; "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}
