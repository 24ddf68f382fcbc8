//! `folio agreement`, `folio disclosure` and `folio safeguarding`: the signed agreements,
//! the disclosure register and the safeguarding log, thin over `folio_core::{agreements,
//! disclosures, safeguarding}`.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::PathBuf;

use clap::{Args, Subcommand};
use folio_core::agreements::{self, Agreement, AgreementForm, AgreementKind};
use folio_core::blobs::Incoming;
use folio_core::dates::format_uk;
use folio_core::disclosures::{self, Basis, Disclosure, DisclosureForm, Recipient, Told};
use folio_core::safeguarding::{self, SafeguardingEntry, SafeguardingForm};
use folio_core::Result;

use crate::context::{read_vault, with_vault, Context};
use crate::output::one_of;

#[derive(Subcommand)]
pub enum AgreementCommand {
    /// Record a signed agreement, with its signed copy
    Add {
        code: String,
        #[arg(long, help = one_of::<AgreementKind>("Which agreement"))]
        kind: String,
        /// dd/mm/yyyy [default: today]
        #[arg(long)]
        signed_on: Option<String>,
        /// Who signed
        #[arg(long)]
        signed_by: String,
        /// The version of the wording
        #[arg(long, default_value = "")]
        version: String,
        /// The signed copy (PDF or image), kept encrypted
        #[arg(long, value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// A client's agreements; the current ones are marked
    List { code: String },
}

#[derive(Subcommand)]
pub enum DisclosureCommand {
    /// Record a sharing of information outside the therapy
    Add(Box<DisclosureArgs>),
    /// A client's disclosures, newest first
    List { code: String },
}

#[derive(Args)]
pub struct DisclosureArgs {
    code: String,
    /// dd/mm/yyyy [default: today]
    #[arg(long)]
    on: Option<String>,
    #[arg(long = "to", help = one_of::<Recipient>("Who received it"))]
    recipient: String,
    /// Who exactly (a name or a team)
    #[arg(long, default_value = "")]
    name: String,
    /// The professionals directory id, when it is one
    #[arg(long)]
    professional: Option<i64>,
    /// What was shared, in summary
    #[arg(long)]
    what: String,
    #[arg(long, help = one_of::<Basis>("The basis for sharing"))]
    basis: String,
    /// The consent relied on (its id), for --basis consent
    #[arg(long)]
    consent: Option<i64>,
    /// Why it was shared without consent (required unless the basis is consent or supervision)
    #[arg(long, default_value = "")]
    reason: String,
    #[arg(long, help = one_of::<Told>("Whether the client or parent was told"))]
    told: String,
    /// dd/mm/yyyy: when they were told
    #[arg(long, default_value = "")]
    told_on: String,
    /// Who decided [default: the therapist]
    #[arg(long, default_value = "")]
    decided_by: String,
    /// A file shared or recording it (repeatable)
    #[arg(long = "attach", value_name = "FILE")]
    attachments: Vec<PathBuf>,
    /// The recipient was told it is confidential
    #[arg(long)]
    told_confidential: bool,
    /// What the recipient may do with it
    #[arg(long, default_value = "")]
    permitted_use: String,
    /// Keep what the identifier check finds, for this reason (recorded with the disclosure)
    #[arg(long, value_name = "REASON")]
    keep_identifiers: Option<String>,
}

#[derive(Subcommand)]
pub enum SafeguardingCommand {
    /// Record a concern (initials only: the identifier check runs on the text)
    Add(Box<SafeguardingArgs>),
    /// A client's safeguarding log, newest first
    List { code: String },
}

#[derive(Args)]
pub struct SafeguardingArgs {
    code: String,
    /// dd/mm/yyyy [default: today]
    #[arg(long)]
    on: Option<String>,
    /// HH:MM
    #[arg(long, default_value = "")]
    time: String,
    /// Who was involved (by role and initials)
    #[arg(long, default_value = "")]
    involved: String,
    /// What was said or seen, in your words
    #[arg(long, default_value = "")]
    account: String,
    /// What you did
    #[arg(long, default_value = "")]
    action: String,
    /// The referral made: to whom
    #[arg(long, default_value = "")]
    referred_to: String,
    /// dd/mm/yyyy
    #[arg(long, default_value = "")]
    referred_on: String,
    #[arg(long, default_value = "")]
    reference: String,
    #[arg(long, default_value = "")]
    outcome: String,
    /// A note this is about (its id)
    #[arg(long)]
    note: Option<i64>,
    /// A disclosure it led to (its id)
    #[arg(long)]
    disclosure: Option<i64>,
    /// The earlier entry this follows up (its id)
    #[arg(long)]
    follows: Option<i64>,
    /// Keep what the identifier check finds, for this reason (recorded with the entry)
    #[arg(long, value_name = "REASON")]
    keep_identifiers: Option<String>,
}

/// Opens files to stream into the vault (checked against the attachment limits first).
fn open_all(paths: &[PathBuf]) -> Result<Vec<(String, BufReader<File>)>> {
    paths
        .iter()
        .map(|path| {
            let (file, _) = folio_core::inputs::open(path, folio_core::inputs::ATTACHMENT)?;
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            Ok((name, BufReader::new(file)))
        })
        .collect()
}

fn incoming(files: &mut [(String, BufReader<File>)]) -> Vec<Incoming<'_>> {
    files
        .iter_mut()
        .map(|(file_name, reader)| Incoming::Stream { file_name: file_name.clone(), reader: reader as &mut dyn Read })
        .collect()
}

pub fn agreement(command: AgreementCommand, ctx: &Context) -> Result<()> {
    match command {
        AgreementCommand::Add { code, kind, signed_on, signed_by, version, file } => {
            let mut files = open_all(file.as_slice())?;
            let form = AgreementForm { kind, signed_on: signed_on.unwrap_or_default(), signed_by, version };
            let added = with_vault(ctx, |vault| agreements::add(vault, &code, form, incoming(&mut files).pop()))?;
            ctx.out.value(&added, || added.id.to_string());
        }
        AgreementCommand::List { code } => {
            let list = read_vault(ctx, |vault| agreements::list(vault, &code))?;
            ctx.out.value(&list, || agreements_text(&list));
        }
    }
    Ok(())
}

pub fn disclosure(command: DisclosureCommand, ctx: &Context) -> Result<()> {
    match command {
        DisclosureCommand::Add(a) => {
            let mut files = open_all(&a.attachments)?;
            let form = DisclosureForm {
                on: a.on.unwrap_or_default(),
                recipient: a.recipient,
                recipient_name: a.name,
                professional: a.professional,
                what: a.what,
                basis: a.basis,
                consent: a.consent,
                reason: a.reason,
                told: a.told,
                told_on: a.told_on,
                decided_by: a.decided_by,
                told_confidential: a.told_confidential,
                permitted_use: a.permitted_use,
                kept: Vec::new(),
            };
            let keep = a.keep_identifiers.as_deref();
            let added = with_vault(ctx, |vault| disclosures::add(vault, &a.code, form, incoming(&mut files), keep))?;
            ctx.out.value(&added, || added.id.to_string());
        }
        DisclosureCommand::List { code } => {
            let list = read_vault(ctx, |vault| disclosures::list(vault, &code))?;
            ctx.out.value(&list, || disclosures_text(&list));
        }
    }
    Ok(())
}

pub fn safeguarding(command: SafeguardingCommand, ctx: &Context) -> Result<()> {
    match command {
        SafeguardingCommand::Add(a) => {
            let form = SafeguardingForm {
                kept: Vec::new(),
                on: a.on.unwrap_or_default(),
                time: a.time,
                involved: a.involved,
                account: a.account,
                action: a.action,
                referred_to: a.referred_to,
                referred_on: a.referred_on,
                reference: a.reference,
                outcome: a.outcome,
                note: a.note,
                disclosure: a.disclosure,
                follows: a.follows,
            };
            let added =
                with_vault(ctx, |vault| safeguarding::add(vault, &a.code, form, a.keep_identifiers.as_deref()))?;
            ctx.out.value(&added, || added.id.to_string());
        }
        SafeguardingCommand::List { code } => {
            let list = read_vault(ctx, |vault| safeguarding::list(vault, &code))?;
            ctx.out.value(&list, || safeguarding_text(&list));
        }
    }
    Ok(())
}

fn agreements_text(list: &[Agreement]) -> String {
    if list.is_empty() {
        return "No signed agreement on file. Record one with: folio agreement add CODE --kind therapy-contract …"
            .into();
    }
    list.iter()
        .map(|a| {
            format!(
                "{:>4}  {}  {} signed by {}{}{}{}",
                a.id,
                format_uk(a.signed_on),
                a.kind.label(),
                a.signed_by,
                if a.version.is_empty() { String::new() } else { format!(", wording {}", a.version) },
                a.signed_copy.as_ref().map(|f| format!(", signed copy [{}] {}", f.id, f.file_name)).unwrap_or_default(),
                if a.current { "  — current" } else { "" }
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn disclosures_text(list: &[Disclosure]) -> String {
    if list.is_empty() {
        return "No disclosures recorded.".into();
    }
    list.iter()
        .map(|d| {
            let to = if d.recipient_name.is_empty() {
                d.recipient.label().to_string()
            } else {
                format!("{} ({})", d.recipient.label(), d.recipient_name)
            };
            let basis = match d.consent {
                Some(id) => format!("{} {id}", d.basis.label()),
                None => d.basis.label().to_string(),
            };
            let told = match d.told_on {
                Some(on) => format!("{} on {}", d.told.label(), format_uk(on)),
                None => d.told.label().to_string(),
            };
            let mut line = format!(
                "{:>4}  {}  to {to}: {}\n      basis: {basis}; {told}; decided by {}",
                d.id,
                format_uk(d.on),
                d.what,
                d.decided_by
            );
            if !d.reason.is_empty() {
                line.push_str(&format!("\n      reason: {}", d.reason));
            }
            let confidential =
                if d.told_confidential { "told it is confidential" } else { "not told it is confidential" };
            match d.permitted_use.as_str() {
                "" => line.push_str(&format!("\n      {confidential}")),
                may => line.push_str(&format!("\n      {confidential}; they may: {may}")),
            }
            for k in &d.kept {
                line.push_str(&format!("\n      kept: {} ({}), because {}", k.text, k.kind.in_words(), k.reason));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn safeguarding_text(list: &[SafeguardingEntry]) -> String {
    if list.is_empty() {
        return "No safeguarding concerns logged.".into();
    }
    list.iter()
        .map(|e| {
            let mut lines = vec![format!(
                "{:>4}  {}{}{}",
                e.id,
                format_uk(e.on),
                if e.time.is_empty() { String::new() } else { format!(" {}", e.time) },
                e.follows.map(|f| format!("  (follows up {f})")).unwrap_or_default()
            )];
            for (label, text) in
                [("involved", &e.involved), ("account", &e.account), ("action", &e.action), ("outcome", &e.outcome)]
            {
                if !text.is_empty() {
                    lines.push(format!("      {label}: {text}"));
                }
            }
            if !e.referred_to.is_empty() {
                let on = e.referred_on.map(|d| format!(" on {}", format_uk(d))).unwrap_or_default();
                let reference = if e.reference.is_empty() { String::new() } else { format!(", ref {}", e.reference) };
                lines.push(format!("      referred to {}{on}{reference}", e.referred_to));
            }
            lines.join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n")
}
