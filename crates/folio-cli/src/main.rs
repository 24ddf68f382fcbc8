//! `folio`: the command-line face of Folio, thin over folio-core.
//!
//! Each call unlocks, does its work and locks again. Exit codes: 0 success, 1 error,
//! 2 usage, 3 wrong password, 4 vault damaged or tampered (see docs/cli.md).

mod bench;
mod output;
mod password;
mod practice;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use folio_core::{vault, CreateOptions, Vault};

use output::Out;
use password::PasswordSource;

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
    /// Create a new vault in a new or empty folder
    Init {
        /// The practice's name, shown when the vault is unlocked
        #[arg(long)]
        practice: String,
        /// Target time of one password derivation, in milliseconds (never below 64 MiB, t=3)
        #[arg(long, default_value_t = 1000)]
        kdf_target_ms: u64,
    },
    /// Show the vault's format, key slots and KDF parameters (no password needed, nothing personal)
    Status,
    /// Check every page, the structure, both key file copies and the audit chain
    Verify,
    /// Change the vault password (re-wraps the data key; no data is re-encrypted)
    Passwd,
    /// Show or change settings kept in the vault
    Settings {
        /// Lock the app after this many idle minutes (1-120)
        #[arg(long, value_name = "MINUTES")]
        auto_lock: Option<u32>,
    },
    /// Show the most recent audit log entries
    Audit {
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Clients: list, show, add, update, change state
    Client {
        #[command(subcommand)]
        command: practice::ClientCommand,
    },
    /// Referrals from a file (the referral form as JSON; see docs/cli.md)
    Referral {
        #[command(subcommand)]
        command: practice::ReferralCommand,
    },
    /// Episodes: re-refer a returning client, or end the current episode
    Episode {
        #[command(subcommand)]
        command: practice::EpisodeCommand,
    },
    /// The attendance register: sessions per episode
    Session {
        #[command(subcommand)]
        command: practice::SessionCommand,
    },
    /// The correspondence log: letters, emails, texts, messages, phone calls, with attachments
    Correspondence {
        #[command(subcommand)]
        command: practice::CorrespondenceCommand,
    },
    /// The professionals directory
    Professional {
        #[command(subcommand)]
        command: practice::ProfessionalCommand,
    },
    /// Import clients from a spreadsheet saved as CSV: previews every row; imports with --commit
    ImportCsv {
        file: PathBuf,
        /// Which column fills which field, e.g. --map "Family=familyName" (repeatable; "=-" skips a column)
        #[arg(long = "map", value_name = "COLUMN=FIELD")]
        map: Vec<String>,
        /// Import the good rows (all in one transaction); without it nothing is written
        #[arg(long)]
        commit: bool,
    },
    /// Create a demo vault full of plainly fictional clients, episodes and sessions
    Demo {
        /// The new vault's folder (new or empty)
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// How many fictional clients
        #[arg(long, default_value_t = 40)]
        clients: usize,
        /// The generator's seed: the same seed gives the same practice
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// Measure the KDF, unlocking, and SQLCipher against plain SQLite; compare with a baseline
    Bench {
        /// Rows in the insert/scan workload
        #[arg(long, default_value_t = 100_000)]
        rows: u32,
        /// Repetitions of each measurement (the best is kept)
        #[arg(long, default_value_t = 3)]
        runs: usize,
        /// Fictional clients in the practice for the client-list figures (0 skips them)
        #[arg(long, default_value_t = 1500)]
        clients: usize,
        /// Save this run's figures as a baseline file
        #[arg(long, value_name = "FILE")]
        save_baseline: Option<PathBuf>,
        /// Print this run beside a saved baseline, with ratios
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
    },
}

/// What every command gets: where the vault is, how to print, how to read passwords.
pub struct Context {
    pub dir: PathBuf,
    pub out: Out,
    password_stdin: bool,
    new_password_stdin: bool,
}

impl Context {
    /// Unlocks the vault with the password from the terminal or standard input.
    pub fn unlock(&self) -> folio_core::Result<Vault> {
        let mut source = PasswordSource::new(self.password_stdin, false);
        let password = source.current_password("Vault password")?;
        Vault::unlock(&self.dir, &password)
    }
}

fn main() -> ExitCode {
    if !folio_core::hardening::disable_core_dumps() {
        eprintln!("warning: could not disable core dumps on this system");
    }
    let cli = Cli::parse();
    let ctx = Context {
        dir: cli.vault.clone().unwrap_or_else(folio_core::paths::default_vault_dir),
        out: Out { json: cli.json },
        password_stdin: cli.password_stdin,
        new_password_stdin: cli.new_password_stdin,
    };
    match run(cli.command, &ctx) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            ctx.out.error(&e);
            ExitCode::from(e.code().exit_code() as u8)
        }
    }
}

fn run(command: Command, ctx: &Context) -> folio_core::Result<()> {
    let (dir, out) = (ctx.dir.as_path(), &ctx.out);
    match command {
        Command::Init { practice, kdf_target_ms } => {
            let mut source = PasswordSource::new(false, ctx.password_stdin);
            let password = source.new_password("New vault password")?;
            let options = CreateOptions { kdf_target: Duration::from_millis(kdf_target_ms) };
            let vault = Vault::create(dir, &practice, &password, &options)?;
            drop(password);
            let status = vault::status(dir)?;
            vault.lock()?;
            out.value(&status, || {
                format!("Created a vault for {practice} in {}.\n{}", dir.display(), output::status_text(&status))
            });
            Ok(())
        }
        Command::Status => {
            let status = vault::status(dir)?;
            out.value(&status, || output::status_text(&status));
            Ok(())
        }
        Command::Verify => {
            let vault = ctx.unlock()?;
            let report = vault.verify()?;
            vault.lock()?;
            out.value(&report, || output::verify_text(&report));
            if report.is_ok() {
                Ok(())
            } else {
                Err(folio_core::Error::Damaged { part: "vault", detail: "verify found problems (listed above)".into() })
            }
        }
        Command::Passwd => passwd(dir, ctx),
        Command::Settings { auto_lock } => {
            let mut vault = ctx.unlock()?;
            let settings = match auto_lock {
                Some(minutes) => vault.set_auto_lock_minutes(minutes),
                None => vault.settings(),
            };
            vault.lock()?;
            let settings = settings?;
            out.value(&settings, || format!("Auto-lock after {} minutes without use.", settings.auto_lock_minutes));
            Ok(())
        }
        Command::Audit { limit } => {
            let vault = ctx.unlock()?;
            let entries = vault.audit_recent(limit);
            vault.lock()?;
            let entries = entries?;
            out.value(&entries, || output::audit_text(&entries));
            Ok(())
        }
        Command::Client { command } => practice::client(command, ctx),
        Command::Referral { command } => practice::referral(command, ctx),
        Command::Episode { command } => practice::episode(command, ctx),
        Command::Session { command } => practice::session(command, ctx),
        Command::Professional { command } => practice::professional(command, ctx),
        Command::Correspondence { command } => practice::correspondence_cmd(command, ctx),
        Command::ImportCsv { file, map, commit } => practice::import_csv(&file, &map, commit, ctx),
        Command::Demo { out: demo_dir, clients, seed } => {
            let mut source = PasswordSource::new(false, ctx.password_stdin);
            let password = source.new_password("Password for the demo vault")?;
            let made = folio_core::demo::create(&demo_dir, &password, clients, seed, folio_core::dates::today())?;
            out.value(&made, || {
                format!(
                    "Created a demo vault in {}: {} fictional clients, {} episodes, {} sessions.",
                    demo_dir.display(),
                    made.clients,
                    made.episodes,
                    made.sessions
                )
            });
            Ok(())
        }
        Command::Bench { rows, runs, clients, save_baseline, baseline } => {
            bench::run(rows, runs, clients, save_baseline, baseline, out)
        }
    }
}

fn passwd(dir: &Path, ctx: &Context) -> folio_core::Result<()> {
    let mut source = PasswordSource::new(ctx.password_stdin, ctx.new_password_stdin);
    let current = source.current_password("Current password")?;
    let mut vault = Vault::unlock(dir, &current)?;
    let new = source.new_password("New password")?;
    let changed = vault.change_password(&current, &new);
    vault.lock()?;
    changed?;
    ctx.out.value(&serde_json::json!({"changed": true}), || {
        "Password changed. The old password no longer opens this vault.".to_string()
    });
    Ok(())
}
