//! One module per capability, each with its clap types, its handler and its text
//! rendering. Handlers pass what the user typed to `folio_core` and print what it returns.

pub mod artwork;
pub mod backups;
pub mod bench;
pub mod clients;
pub mod consents;
pub mod correspondence;
pub mod destroy;
pub mod handover;
pub mod import;
pub mod media;
pub mod notes;
pub mod professionals;
pub mod records;
pub mod registers;
pub mod requests;
pub mod retention;
pub mod sessions;
pub mod vault;

/// A yes/no answer given on the command line (`--safeguarding yes`), for the core's
/// optional yes/no fields.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum YesNo {
    Yes,
    No,
}

impl From<YesNo> for bool {
    fn from(answer: YesNo) -> bool {
        matches!(answer, YesNo::Yes)
    }
}
