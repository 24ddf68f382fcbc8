//! The create screen's checks: the folder and the practice name, each problem named so the
//! screen can show them all at once. Reads the folder only to say whether a vault can be
//! made there; writes nothing.

use std::path::PathBuf;

use super::{probe, FolderKind};
use crate::error::show;
use crate::{Error, Result};

/// The longest practice name, in characters (it heads every PDF).
pub const MAX_PRACTICE_NAME: usize = 120;

/// The vault folder as typed: required, surrounding spaces ignored.
pub fn folder_from_text(dir: &str) -> Result<PathBuf> {
    let dir = dir.trim();
    if dir.is_empty() {
        return Err(Error::invalid("dir", "Enter the folder for the vault."));
    }
    Ok(PathBuf::from(dir))
}

/// The create screen's folder and practice name, checked together so that every problem
/// is shown at once (the password is checked when the vault is created). Reads the folder
/// only to say whether a vault can be made there; writes nothing.
pub fn check_new_vault(dir: &str, practice_name: &str) -> Result<()> {
    let mut problems = Vec::new();
    let mut note = |r: Result<()>| {
        if let Err(e) = r {
            problems.extend(e.problems());
        }
    };
    note(folder_from_text(dir).and_then(|d| match probe(&d)? {
        FolderKind::Vault => Err(Error::VaultExists(show(&d))),
        FolderKind::NotEmpty => Err(Error::FolderNotEmpty(show(&d))),
        FolderKind::Empty => Ok(()),
    }));
    note(validate_practice_name(practice_name).map(|_| ()));
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::InvalidForm(problems))
    }
}

pub(super) fn validate_practice_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::invalid("practiceName", "Enter the name of your practice."));
    }
    if name.chars().count() > MAX_PRACTICE_NAME {
        return Err(Error::invalid(
            "practiceName",
            format!("Enter a practice name of {MAX_PRACTICE_NAME} characters or fewer."),
        ));
    }
    if let Some(message) = crate::text::one_line_problem("practice name", name) {
        return Err(Error::invalid("practiceName", message));
    }
    Ok(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_vault_reports_folder_and_name_problems_together() {
        let problems = check_new_vault("  ", " ").err().map(|e| e.problems()).unwrap_or_default();
        let fields: Vec<&str> = problems.iter().map(|p| p.field).collect();
        assert_eq!(fields, ["dir", "practiceName"]);
        assert!(check_new_vault("/nonexistent/folio-new-vault", "Hillside").is_ok());
    }

    #[test]
    fn practice_names_are_checked() {
        assert!(validate_practice_name("  ").is_err());
        assert!(validate_practice_name(&"a".repeat(121)).is_err());
        assert!(validate_practice_name("a\nb").is_err());
        assert_eq!(validate_practice_name(" Ðàvid's 🎨 Studio ").ok().as_deref(), Some("Ðàvid's 🎨 Studio"));
    }
}
