//! `folio`: the command-line face of Folio, thin over folio-core.
//!
//! Each call unlocks, does its work and locks again ([`context::with_vault`]). Commands
//! pass what the user typed (dates as dd/mm/yyyy, choices as words) to the core, which
//! parses and checks it; the CLI only prints the result. Exit codes: 0 success, 1 error,
//! 2 usage, 3 wrong password or shares, 4 vault damaged or tampered (see docs/cli.md).
//!
//! Code map: `commands/<capability>.rs` holds each capability's clap types, handler and
//! text rendering; `context.rs` the unlock-work-lock helper; `output.rs` text and JSON
//! printing; `password.rs` reading passwords.

mod commands;
mod context;
mod output;
mod password;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use commands::{
    artwork, backups, bench, clients, consents, correspondence, destroy, handover, import, media, notes, professionals,
    records, registers, requests, retention, sessions, vault,
};

use context::Context;
use output::Out;

#[derive(Parser)]
#[command(name = "folio", version, about = "Folio: the locked filing cabinet of a sole-practitioner therapist.")]
struct Cli {
    /// The vault folder [default: $FOLIO_VAULT, else ~/.local/share/folio/vault]
    #[arg(long, global = true, value_name = "DIR")]
    vault: Option<PathBuf>,
    /// Print machine-readable JSON on standard output
    #[arg(long, global = true)]
    json: bool,
    /// Read the password from the first line of standard input (for `init`, the new one)
    #[arg(long, global = true)]
    password_stdin: bool,
    /// Read the new password from the next line of standard input (`passwd`)
    #[arg(long, global = true)]
    new_password_stdin: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    #[command(flatten)]
    Vault(vault::VaultCommand),
    /// Clients: list, show, add, update, change state
    Client {
        #[command(subcommand)]
        command: clients::ClientCommand,
    },
    /// Referrals from a file (the referral form as JSON; see docs/cli.md)
    Referral {
        #[command(subcommand)]
        command: clients::ReferralCommand,
    },
    /// Episodes: re-refer a returning client, or end the current episode
    Episode {
        #[command(subcommand)]
        command: clients::EpisodeCommand,
    },
    /// The attendance register: sessions per episode
    Session {
        #[command(subcommand)]
        command: sessions::SessionCommand,
    },
    /// The consent ledger: who agreed to what, how and when; reviews, refreshes, withdrawals
    Consent {
        #[command(subcommand)]
        command: consents::ConsentCommand,
    },
    /// Signed agreements: the confidentiality agreement, the therapy contract or work agreement
    Agreement {
        #[command(subcommand)]
        command: records::AgreementCommand,
    },
    /// The disclosure register: every sharing of information outside the therapy
    Disclosure {
        #[command(subcommand)]
        command: records::DisclosureCommand,
    },
    /// The safeguarding log: concerns, actions, referrals, outcomes (initials only)
    Safeguarding {
        #[command(subcommand)]
        command: records::SafeguardingCommand,
    },
    /// The complaints register: received, stages (therapist, commissioner, HCPC, ICO), closing
    Complaint {
        #[command(subcommand)]
        command: registers::ComplaintCommand,
    },
    /// The incident and personal data breach log, with the 72 hours to report to the ICO
    Incident {
        #[command(subcommand)]
        command: registers::IncidentCommand,
    },
    /// Backups: the whole vault, still encrypted, copied into a folder on a USB drive
    Backup {
        #[command(subcommand)]
        command: backups::BackupCommand,
    },
    /// The request register: rights requests (access, erasure, ...) and their legal deadlines
    Request {
        #[command(subcommand)]
        command: requests::RequestCommand,
    },
    /// The artwork inventory: where each piece is kept, collection after therapy, disposal
    Artwork {
        #[command(subcommand)]
        command: artwork::ArtworkCommand,
    },
    /// Photos of artwork and recordings of sessions, behind the client's consent
    Media {
        #[command(subcommand)]
        command: media::MediaCommand,
    },
    /// Retention: the practice's policy, where every record stands, legal holds
    Retention {
        #[command(subcommand)]
        command: retention::RetentionCommand,
    },
    /// Destruction of records due under the retention policy: preview, confirm, cancel
    Destroy(destroy::DestroyArgs),
    /// The clinical will: k-of-n handover shares, the pack, opening without the therapist
    Handover {
        #[command(subcommand)]
        command: handover::HandoverCommand,
    },
    /// The correspondence log: letters, emails, texts, messages, phone calls, with attachments
    Correspondence {
        #[command(subcommand)]
        command: correspondence::CorrespondenceCommand,
    },
    /// Initials-only clinical notes: drafts, the identifier check, signing, amendments, search
    Note {
        #[command(subcommand)]
        command: notes::NoteCommand,
    },
    /// The professionals directory
    Professional {
        #[command(subcommand)]
        command: professionals::ProfessionalCommand,
    },
    /// Import clients from a spreadsheet saved as CSV: previews every row; imports with --commit
    ImportCsv(import::ImportArgs),
    /// Measure the KDF, unlocking, and SQLCipher against plain SQLite; compare with a baseline
    Bench(bench::BenchArgs),
}

fn main() -> ExitCode {
    if !folio_core::hardening::disable_core_dumps() {
        eprintln!("warning: could not disable core dumps on this system");
    }
    let cli = Cli::parse();
    let ctx = Context {
        dir: cli.vault.unwrap_or_else(folio_core::paths::default_vault_dir),
        out: Out { json: cli.json },
        password_stdin: cli.password_stdin,
        new_password_stdin: cli.new_password_stdin,
    };
    let done = match cli.command {
        Command::Vault(command) => vault::run(command, &ctx),
        Command::Client { command } => clients::client(command, &ctx),
        Command::Referral { command } => clients::referral(command, &ctx),
        Command::Episode { command } => clients::episode(command, &ctx),
        Command::Session { command } => sessions::run(command, &ctx),
        Command::Consent { command } => consents::run(command, &ctx),
        Command::Correspondence { command } => correspondence::run(command, &ctx),
        Command::Agreement { command } => records::agreement(command, &ctx),
        Command::Disclosure { command } => records::disclosure(command, &ctx),
        Command::Safeguarding { command } => records::safeguarding(command, &ctx),
        Command::Complaint { command } => registers::complaint(command, &ctx),
        Command::Request { command } => requests::run(command, &ctx),
        Command::Backup { command } => backups::run(command, &ctx),
        Command::Artwork { command } => artwork::run(command, &ctx),
        Command::Media { command } => media::run(command, &ctx),
        Command::Retention { command } => retention::run(command, &ctx),
        Command::Destroy(args) => destroy::run(args, &ctx),
        Command::Handover { command } => handover::run(command, &ctx),
        Command::Incident { command } => registers::incident(command, &ctx),
        Command::Note { command } => notes::run(command, &ctx),
        Command::Professional { command } => professionals::run(command, &ctx),
        Command::ImportCsv(args) => import::run(args, &ctx),
        Command::Bench(args) => bench::run(args, &ctx),
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            ctx.out.error(&e);
            ExitCode::from(e.code().exit_code() as u8)
        }
    }
}
