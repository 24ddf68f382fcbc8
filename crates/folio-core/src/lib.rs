//! `folio-core`: everything that is Folio without a screen.
//!
//! The vault ([`vault`]) with its key file ([`keyfile`]), encrypted database ([`db`]) and
//! audit log ([`audit`]); and, in later capabilities, every domain rule. The desktop shell
//! (`src-tauri`) and the `folio` CLI are thin adapters over this crate.
//!
//! Architecture invariants (see docs/ARCHITECTURE.md):
//! - no Tauri, clap or UI types in this crate;
//! - secrets ([`secret`]) have no `Debug`, `Clone` or `Serialize` and are wiped on drop;
//! - nothing personal is written to disk unencrypted;
//! - a vault that fails to open is never deleted, recreated or repaired.

pub mod audit;
pub mod autolock;
pub mod bench;
pub mod blobs;
pub mod crypto;
pub mod dates;
pub mod db;
pub mod demo;
pub mod error;
pub mod hardening;
pub mod keyfile;
pub mod paths;
pub mod practice;
pub mod reports;
pub mod secret;
pub mod strength;
pub mod vault;

pub use error::{Error, ErrorCode, Result};
pub use secret::Password;
pub use vault::{CreateOptions, FolderKind, Settings, Vault, VaultStatus, VerifyCheck, VerifyReport};

/// Now, as an RFC 3339 UTC timestamp with second precision (events are UTC; calendar
/// facts such as birth dates are `chrono::NaiveDate`).
pub fn now_utc() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
