//! The vault itself: `init`, `status`, `verify`, `passwd`, `settings`, `audit`, `demo`.

use std::path::PathBuf;
use std::time::Duration;

use clap::Subcommand;
use folio_core::audit::AuditEntry;
use folio_core::{vault, Clock, CreateOptions, Error, Result, Vault, VaultStatus, VerifyReport};

use crate::context::{locking, read_vault, verify_vault, with_password, with_vault, Context};

#[derive(Subcommand)]
pub enum VaultCommand {
    /// Create a new vault in a new or empty folder
    Init {
        /// The practice's name, shown when the vault is unlocked
        #[arg(long)]
        practice: String,
        /// Target time of one password derivation, in milliseconds (never below 64 MiB, t=3)
        #[arg(long, default_value_t = 1000)]
        kdf_target_ms: u64,
        /// The retention policy to start with (`folio retention policy presets`); without
        /// it, none is chosen until `folio retention policy set`
        #[arg(long, value_name = "PRESET")]
        retention: Option<String>,
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
        /// Leave out the demo's clinical will (to try setting one up)
        #[arg(long)]
        no_handover: bool,
    },
}

pub fn run(command: VaultCommand, ctx: &Context) -> Result<()> {
    let (dir, out) = (ctx.dir.as_path(), &ctx.out);
    match command {
        VaultCommand::Init { practice, kdf_target_ms, retention } => {
            // A preset is checked before anything is created.
            if let Some(id) = retention.as_deref() {
                folio_core::retention::check_preset(id)?;
            }
            // `--password-stdin` gives the new vault's password here.
            let password = ctx.passwords(ctx.password_stdin).new_password("New vault password")?;
            let options = CreateOptions { kdf_target: Duration::from_millis(kdf_target_ms) };
            let vault = Vault::create(dir, &practice, &password, &options)?;
            drop(password);
            let status = locking(vault, |vault| {
                if let Some(id) = retention.as_deref() {
                    folio_core::retention::set_preset(vault, id)?;
                }
                vault::status(dir)
            })?;
            out.value(&status, || {
                format!("Created a vault for {practice} in {}.\n{}", dir.display(), status_text(&status))
            });
        }
        VaultCommand::Status => {
            let status = vault::status(dir)?;
            out.value(&status, || status_text(&status));
        }
        VaultCommand::Verify => {
            let report = verify_vault(ctx)?;
            out.value(&report, || verify_text(&report));
            if !report.is_ok() {
                return Err(Error::Damaged { part: "data", detail: "verify found problems (listed above)".into() });
            }
        }
        VaultCommand::Passwd => {
            let mut passwords = ctx.passwords(ctx.new_password_stdin);
            let current = passwords.current_password("Current password")?;
            with_password(ctx, &current, |vault| {
                let new = passwords.new_password("New password")?;
                vault.change_password(&current, &new)
            })?;
            out.value(&serde_json::json!({"changed": true}), || {
                "Password changed. The old password no longer opens this vault.".to_string()
            });
        }
        VaultCommand::Settings { auto_lock } => {
            let settings = with_vault(ctx, |vault| match auto_lock {
                Some(minutes) => vault.set_auto_lock_minutes(minutes),
                None => vault.settings(),
            })?;
            out.value(&settings, || format!("Auto-lock after {} minutes without use.", settings.auto_lock_minutes));
        }
        VaultCommand::Audit { limit } => {
            let entries = read_vault(ctx, |vault| vault.audit_recent(limit))?;
            out.value(&entries, || audit_text(&entries));
        }
        VaultCommand::Demo { out: demo_dir, clients, seed, no_handover } => {
            let password = ctx.passwords(ctx.password_stdin).new_password("Password for the demo vault")?;
            let made = folio_core::demo::create_with(&demo_dir, &password, clients, seed, Clock::System, !no_handover)?;
            out.value(&made, || {
                format!(
                    "Created a demo vault in {}: {} fictional clients, {} episodes, {} sessions, {} notes, {} consents, {} agreements, {} disclosures, {} safeguarding log entries, {} complaints, {} incidents, {} correspondence entries, {} pieces of artwork, {} photos of artwork.",
                    demo_dir.display(),
                    made.clients,
                    made.episodes,
                    made.sessions,
                    made.notes,
                    made.consents,
                    made.agreements,
                    made.disclosures,
                    made.safeguarding_entries,
                    made.complaints,
                    made.incidents,
                    made.correspondence,
                    made.artwork,
                    made.media
                ) + &made
                    .handover_shares
                    .as_ref()
                    .map(|folder| format!(
                        "\nIts clinical will has 3 fictional share holders, any 2 of whom open the vault; their shares are in {folder} (to try opening with handover shares)."
                    ))
                    .unwrap_or_default()
            });
        }
    }
    Ok(())
}

fn status_text(s: &VaultStatus) -> String {
    let mut lines = vec![
        format!("Vault folder:      {}", s.dir),
        format!("Vault id:          {}", s.vault_id),
        format!("Created:           {}", s.created_at),
        format!("Key file:          {} version {}", s.key_file_format, s.key_file_version),
        format!("Schema supported:  {}", s.schema_version_supported),
        format!(
            "Database:          {}",
            if s.database_present { format!("present, {} bytes", s.database_bytes) } else { "MISSING".into() }
        ),
        format!(
            "Key file copies:   first {}, second {}",
            s.key_file_copies.primary.as_deref().unwrap_or("sound"),
            s.key_file_copies.backup.as_deref().unwrap_or("sound")
        ),
        "Key slots:".into(),
    ];
    for slot in &s.slots {
        let kdf = slot
            .kdf
            .map(|k| format!("argon2id, {} MiB, t={}, p={}", k.memory_kib / 1024, k.iterations, k.lanes))
            .unwrap_or_else(|| "-".into());
        lines.push(format!("  #{} {} ({kdf}), created {}", slot.id, slot.kind, slot.created_at));
    }
    lines.join("\n")
}

fn verify_text(r: &VerifyReport) -> String {
    let mut lines: Vec<String> = r
        .checks()
        .into_iter()
        .map(|c| match c.problem {
            None => format!("ok      {}", c.label),
            Some(problem) => format!("FAILED  {}: {problem}", c.label),
        })
        .collect();
    lines.push(if r.is_ok() {
        "The vault is sound.".into()
    } else {
        "Problems found. Nothing has been changed.".into()
    });
    lines.join("\n")
}

fn audit_text(entries: &[AuditEntry]) -> String {
    if entries.is_empty() {
        return "No audit entries.".into();
    }
    entries
        .iter()
        .map(|e| {
            let record = match (&e.record_type, &e.record_id) {
                (Some(t), Some(id)) => format!(" {t}:{id}"),
                _ => String::new(),
            };
            format!("{:>5}  {}  {:<10} {}{record}", e.seq, e.at, e.actor, e.action)
        })
        .collect::<Vec<_>>()
        .join("\n")
}
