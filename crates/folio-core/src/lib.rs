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

pub mod agreements;
pub mod artwork;
pub mod autolock;
pub mod backups;
pub mod bench;
pub mod blobs;
pub mod choices;
pub mod client_ids;
pub mod clients;
pub mod clock;
pub mod complaints;
pub mod consents;
pub mod correspondence;
pub mod crypto;
pub mod dates;
pub mod db;
pub mod demo;
pub mod disclosures;
pub mod error;
pub mod handover;
pub mod hardening;
pub mod holidays;
pub mod import;
pub mod incidents;
pub mod inputs;
pub mod keyfile;
pub mod media;
pub mod notes;
pub mod paths;
pub mod pdf_font;
pub mod professionals;
pub mod referrals;
pub mod reports;
pub mod requests;
pub mod retention;
pub mod safeguarding;
pub mod secret;
pub mod sessions;
pub mod strength;
pub mod text;
pub mod vault;

pub use clock::Clock;
pub use error::{Error, ErrorCode, Result};
pub use secret::Password;
pub use vault::audit;
pub use vault::{CreateOptions, FolderKind, Settings, Vault, VaultStatus, VerifyCheck, VerifyReport};
