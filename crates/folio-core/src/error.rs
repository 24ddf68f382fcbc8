//! The core's error type and the closed list of error codes every adapter maps it to.
//!
//! Architecture invariant: a message never contains client data and never suggests
//! deleting anything. Adapters branch on [`ErrorCode`], never on the English text.

use std::path::Path;

/// The closed list of outcomes the UI and the CLI branch on.
#[derive(Clone, Copy, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum ErrorCode {
    /// The password does not open this vault.
    WrongPassword,
    /// The handover shares given do not open this vault (too few, of another vault or an
    /// earlier set, one twice, or a bad combination). Exit 3, as a wrong password.
    WrongShares,
    /// The database or key file is damaged or has been tampered with.
    VaultDamaged,
    /// There is no Folio vault in that folder.
    NotAVault,
    /// Creation refused: a vault already exists there.
    VaultExists,
    /// Creation refused: the folder holds other files.
    FolderNotEmpty,
    /// The vault was made by a newer version of Folio.
    NewerVault,
    /// The strength check refused the password.
    WeakPassword,
    /// A value the user typed is not acceptable; the error names the field.
    InvalidInput,
    /// The action needs an unlocked vault.
    Locked,
    /// Another Folio window or command has this vault open.
    VaultInUse,
    /// The vault cannot be written where it is (write-protected drive, read-only folder),
    /// or must be updated (written) before this command can read it.
    ReadOnly,
    /// The disk refused: permissions, a full disk, a removed drive.
    Storage,
    /// A fault inside Folio.
    Internal,
    /// Free text names someone (the identifier check): replace it with initials, or keep it
    /// with a reason. Spelt `identifiers-found`, as scripts calling `folio` were promised.
    #[serde(rename = "identifiers-found")]
    IdentifiersFound,
}

impl ErrorCode {
    /// The CLI exit status for this code (DESIGN.md, Interfaces).
    pub fn exit_code(self) -> i32 {
        match self {
            ErrorCode::WrongPassword | ErrorCode::WrongShares => 3,
            ErrorCode::VaultDamaged => 4,
            _ => 1,
        }
    }
}

/// One problem with one field of a form.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldProblem {
    pub field: &'static str,
    pub message: String,
}

/// Every way a core operation can fail.
#[derive(thiserror::Error, Debug)]
pub enum Error {
    #[error("That password does not open this vault. Check it, and Caps Lock, and try again.")]
    WrongPassword,

    #[error("The vault's {part} is damaged or has been changed outside Folio. Nothing has been changed or deleted: keep the folder as it is, and restore from a backup or ask for help. (Technical detail: {detail}.)")]
    Damaged { part: &'static str, detail: String },

    /// Handover shares that do not open this vault: too few, of another vault or an earlier
    /// set, the same share twice, or a combination that does not open the slot. The message
    /// says which (never "damaged"); the code is `WRONG_SHARES` (exit 3, as for a
    /// password that does not open it).
    #[error("{0}")]
    WrongShares(String),

    /// One of the handover shares given is refused on its own (another vault, an earlier
    /// set, a second copy of a share given before it). `field` names it by its place
    /// among the shares given (`share-2`: the second), so a form can point at it. Code
    /// `WRONG_SHARES`, exit 3.
    #[error("{message}")]
    ShareRefused { field: &'static str, message: String },

    #[error("There is no Folio vault in {0}. Check the folder, or create a new vault.")]
    NotAVault(String),

    #[error("There is already a Folio vault in {0}. Unlock it instead, or choose another folder.")]
    VaultExists(String),

    #[error("The folder {0} already holds other files. Choose a new or empty folder for the vault.")]
    FolderNotEmpty(String),

    #[error("This vault was made by a newer version of Folio (format {found}; this version reads up to {supported}). Install the newer Folio to open it; nothing has been changed.")]
    NewerVault { found: i64, supported: i64 },

    #[error("{0}")]
    WeakPassword(String),

    #[error("{message}")]
    InvalidInput { field: &'static str, message: String },

    /// A form with one or more problems, all reported at once.
    #[error("{}", .0.iter().map(|p| p.message.as_str()).collect::<Vec<_>>().join(" "))]
    InvalidForm(Vec<FieldProblem>),

    #[error("The vault is locked. Unlock it first.")]
    Locked,

    #[error("Folio is open on this vault in another window or command. Close it there, then try again; nothing has been changed.")]
    VaultInUse,

    #[error("This vault is on a drive or in a folder that cannot be written to, so it cannot be changed there. Turn off the drive's write protection, or copy the whole vault folder to a drive that can be written to, then try again. Nothing has been changed.")]
    ReadOnlyVault,

    #[error("This vault was last used with an older version of Folio and must be updated before it can be read, which changes it. Open it in the Folio app (or run a command that changes something) first, then try again. Nothing has been changed.")]
    NeedsUpdate,

    #[error("Could not {action}: {}.{}", in_words(.source), advice(.source))]
    Storage {
        action: String,
        #[source]
        source: std::io::Error,
    },

    #[error("Something went wrong inside Folio ({0}). Nothing has been deleted.")]
    Internal(String),

    /// The identifier check found something in free text that was neither replaced nor kept
    /// with a reason. `hits` say where, never what (the message neither).
    #[error("{message}")]
    IdentifiersFound { message: String, hits: Vec<FoundIdentifier> },
}

/// Where the identifier check found something in one field of a form: the field, what it
/// is, and its code-point offsets (`end` exclusive). Never the text itself.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FoundIdentifier {
    pub field: &'static str,
    pub kind: crate::notes::identifiers::HitKind,
    pub start: usize,
    pub end: usize,
}

impl Error {
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::WrongPassword => ErrorCode::WrongPassword,
            Error::WrongShares(_) | Error::ShareRefused { .. } => ErrorCode::WrongShares,
            Error::Damaged { .. } => ErrorCode::VaultDamaged,
            Error::NotAVault(_) => ErrorCode::NotAVault,
            Error::VaultExists(_) => ErrorCode::VaultExists,
            Error::FolderNotEmpty(_) => ErrorCode::FolderNotEmpty,
            Error::NewerVault { .. } => ErrorCode::NewerVault,
            Error::WeakPassword(_) => ErrorCode::WeakPassword,
            Error::InvalidInput { .. } | Error::InvalidForm(_) => ErrorCode::InvalidInput,
            Error::Locked => ErrorCode::Locked,
            Error::VaultInUse => ErrorCode::VaultInUse,
            Error::ReadOnlyVault | Error::NeedsUpdate => ErrorCode::ReadOnly,
            Error::Storage { .. } => ErrorCode::Storage,
            Error::Internal(_) => ErrorCode::Internal,
            Error::IdentifiersFound { .. } => ErrorCode::IdentifiersFound,
        }
    }

    /// The input field an error is about, for forms that show it beside the field.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::InvalidInput { field, .. } | Error::ShareRefused { field, .. } => Some(field),
            Error::InvalidForm(problems) => problems.first().map(|p| p.field),
            Error::IdentifiersFound { hits, .. } => hits.first().map(|h| h.field),
            Error::WeakPassword(_) => Some("password"),
            Error::VaultExists(_) | Error::FolderNotEmpty(_) | Error::NotAVault(_) => Some("dir"),
            _ => None,
        }
    }

    /// Every field problem, for forms that show each beside its field.
    pub fn problems(&self) -> Vec<FieldProblem> {
        match self {
            Error::InvalidForm(problems) => problems.clone(),
            Error::InvalidInput { field, message } => vec![FieldProblem { field, message: message.clone() }],
            Error::IdentifiersFound { hits, .. } => {
                let mut fields: Vec<&'static str> = hits.iter().map(|h| h.field).collect();
                fields.dedup();
                fields
                    .into_iter()
                    .map(|field| {
                        let kinds: Vec<&str> =
                            hits.iter().filter(|h| h.field == field).map(|h| h.kind.in_words()).collect();
                        FieldProblem {
                            field,
                            message: format!(
                                "This names someone: {}. Write initials instead, or keep it with a reason.",
                                kinds.join(", ")
                            ),
                        }
                    })
                    .collect()
            }
            other => {
                other.field().map(|field| vec![FieldProblem { field, message: other.to_string() }]).unwrap_or_default()
            }
        }
    }

    /// Where the identifier check found something, when that is the refusal.
    pub fn hits(&self) -> &[FoundIdentifier] {
        match self {
            Error::IdentifiersFound { hits, .. } => hits,
            _ => &[],
        }
    }

    pub(crate) fn storage(action: impl Into<String>, source: std::io::Error) -> Self {
        Error::Storage { action: action.into(), source }
    }

    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::InvalidInput { field, message: message.into() }
    }

    pub(crate) fn db_damaged(detail: impl std::fmt::Display) -> Self {
        Error::Damaged { part: "database", detail: detail.to_string() }
    }
}

/// What the operating system said, in words: never its error number ("os error 2") and
/// never a path (it may hold a client's name).
fn in_words(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "it is not there".into(),
        PermissionDenied => "permission was refused".into(),
        AlreadyExists => "something with that name is already there".into(),
        StorageFull | QuotaExceeded => "the disk is full".into(),
        ReadOnlyFilesystem => "the drive is read-only".into(),
        IsADirectory => "it is a folder, not a file".into(),
        NotADirectory => "a part of the path is a file, not a folder".into(),
        Interrupted | TimedOut => "the drive stopped answering".into(),
        UnexpectedEof => "the file ended early".into(),
        // Folio's own explanations (io::Error::other("…")) are already words.
        Other => e.get_ref().map(|inner| inner.to_string()).unwrap_or_else(|| "the system refused".into()),
        kind => kind.to_string(),
    }
}

/// What to do about it, for the failures where there is something to do. Folio's own
/// explanations (`io::Error::other`) already say it, and get nothing more.
fn advice(e: &std::io::Error) -> &'static str {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => " Check that the drive is connected and that the file or folder is still there.",
        PermissionDenied => " Check that your user account may read and write there.",
        StorageFull | QuotaExceeded => " Make some space on the drive, then try again.",
        ReadOnlyFilesystem => " Turn off the drive's write protection, or choose a drive that can be written to.",
        Interrupted | TimedOut | UnexpectedEof | BrokenPipe => {
            " Check that the drive is still connected, then try again."
        }
        _ => "",
    }
}

/// Shows a path the way messages name it.
pub(crate) fn show(path: &Path) -> String {
    path.display().to_string()
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn storage_messages_say_what_happened_without_error_numbers() {
        let missing = Error::storage("open the chosen file", std::io::Error::from_raw_os_error(2)).to_string();
        assert_eq!(
            missing,
            "Could not open the chosen file: it is not there. Check that the drive is connected and that the file or folder is still there."
        );
        let full = Error::storage("write to the vault", std::io::ErrorKind::StorageFull.into()).to_string();
        assert_eq!(
            full,
            "Could not write to the vault: the disk is full. Make some space on the drive, then try again."
        );
        for code in [1, 2, 5, 13, 17, 21, 28, 30] {
            let text = Error::storage("save", std::io::Error::from_raw_os_error(code)).to_string();
            assert!(!text.contains("os error"), "{text}");
        }
    }

    #[test]
    fn advice_about_drives_only_where_a_drive_is_the_likely_cause() {
        // Folio's own explanations stand alone: no drive advice tacked on.
        let too_big = Error::storage("attach the file", std::io::Error::other("it is larger than 500 MB")).to_string();
        assert_eq!(too_big, "Could not attach the file: it is larger than 500 MB.");
        let folder = Error::storage("read the file", std::io::ErrorKind::IsADirectory.into()).to_string();
        assert_eq!(folder, "Could not read the file: it is a folder, not a file.");
        let refused = Error::storage("save", std::io::ErrorKind::PermissionDenied.into()).to_string();
        assert!(refused.ends_with("Check that your user account may read and write there."), "{refused}");
        assert!(!refused.contains("drive"), "{refused}");
    }

    /// One example of every error, in the order of [`ErrorCode`]. The match has no
    /// wildcard: a new variant does not compile until it is in the catalogue.
    fn catalogue() -> Vec<Error> {
        let all = vec![
            Error::WrongPassword,
            Error::WrongShares("These shares do not open this vault: 2 of 3 are needed; 1 given. Ask another holder for their share.".into()),
            Error::ShareRefused {
                field: "share-2",
                message: "Second share is from an earlier set of shares (set 1), replaced by set 2: it no longer opens this vault. Ask its holder for their set 2 share.".into(),
            },
            Error::Damaged { part: "database", detail: "HMAC verification failed for page 51".into() },
            Error::NotAVault("/home/sam/Folio".into()),
            Error::VaultExists("/home/sam/Folio".into()),
            Error::FolderNotEmpty("/home/sam/Documents".into()),
            Error::NewerVault { found: 9, supported: 5 },
            Error::WeakPassword("Add another word or two: this password could be guessed in hours.".into()),
            Error::invalid("dateOfBirth", "Enter the date of birth as day, month and year, like 07/04/2013."),
            Error::InvalidForm(vec![FieldProblem { field: "givenName", message: "Enter the given name.".into() }]),
            Error::Locked,
            Error::VaultInUse,
            Error::ReadOnlyVault,
            Error::NeedsUpdate,
            Error::storage("write to the vault", std::io::ErrorKind::StorageFull.into()),
            Error::Internal("a change to the vault was not recorded in the audit log".into()),
            Error::IdentifiersFound {
                message: "This identifies someone in 1 place: the client's surname (in the summary). Write initials instead, or keep them with a reason.".into(),
                hits: vec![FoundIdentifier { field: "summary", kind: crate::notes::identifiers::HitKind::FamilyName, start: 8, end: 14 }],
            },
        ];
        for e in &all {
            match e {
                Error::WrongPassword
                | Error::WrongShares(_)
                | Error::ShareRefused { .. }
                | Error::Damaged { .. }
                | Error::NotAVault(_)
                | Error::VaultExists(_)
                | Error::FolderNotEmpty(_)
                | Error::NewerVault { .. }
                | Error::WeakPassword(_)
                | Error::InvalidInput { .. }
                | Error::InvalidForm(_)
                | Error::Locked
                | Error::VaultInUse
                | Error::ReadOnlyVault
                | Error::NeedsUpdate
                | Error::Storage { .. }
                | Error::Internal(_)
                | Error::IdentifiersFound { .. } => {}
            }
        }
        all
    }

    #[test]
    fn every_message_in_the_catalogue_keeps_the_rules_and_matches_docs_messages_md() {
        let mut doc = String::from(
            "# Folio's messages\n\nGenerated from `crates/folio-core/src/error.rs` by its tests (run with\n`FOLIO_UPDATE_DOCS=1` to refresh): every kind of error the app and the CLI can show, its\ncode (what the UI branches on), the CLI's exit status, and an example of its words.\nField problems (`INVALID_INPUT`) are written beside each form's rules; the tests in\n`crates/folio-core/tests/integration/errors.rs` check that none repeats what was typed.\n\n| code | exit | message |\n| --- | --- | --- |\n",
        );
        for e in catalogue() {
            let text = e.to_string();
            assert!(text.ends_with('.') || text.ends_with(".)"), "a whole sentence: {text}");
            assert!(text.len() < 500, "short enough to read: {text}");
            assert!(!text.contains("os error") && !text.contains("errno"), "{text}");
            let lower = text.to_lowercase();
            for suggestion in [
                "delete the",
                "delete it",
                "remove the",
                "remove it",
                "erase",
                "recreate",
                "start again with a new vault",
            ] {
                assert!(!lower.contains(suggestion), "never suggests destroying anything: {text}");
            }
            // Errors about the vault itself say that nothing was changed.
            if matches!(
                e.code(),
                ErrorCode::VaultDamaged | ErrorCode::NewerVault | ErrorCode::VaultInUse | ErrorCode::ReadOnly
            ) {
                assert!(lower.contains("nothing has been changed"), "{text}");
            }
            let code = serde_json::to_string(&e.code()).unwrap_or_default();
            doc.push_str(&format!(
                "| {} | {} | {} |\n",
                code.trim_matches('"'),
                e.code().exit_code(),
                text.replace('|', "\\|")
            ));
        }
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/messages.md");
        if std::env::var_os("FOLIO_UPDATE_DOCS").is_some() {
            std::fs::write(&path, &doc).unwrap_or_else(|e| panic!("{e}"));
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(committed, doc, "docs/messages.md is out of date: run the core's tests with FOLIO_UPDATE_DOCS=1");
    }
}
