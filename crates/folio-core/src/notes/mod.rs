//! Initials-only clinical notes. This first part is the identifier check
//! ([`identifiers`]): the rules that keep names, dates of birth, addresses and numbers out
//! of clinical text. Notes themselves (drafts, sign and amend, search) build on it.

pub mod identifiers;

use rusqlite::params;

use self::identifiers::{Checker, Hit, Subject};
use crate::db::map_err;
use crate::vault::Vault;
use crate::{clients, Result};

/// The identifier check for one client, built from the record: their names, date of birth,
/// address, setting, the people on the record, and every other client's names.
pub fn checker_for(vault: &Vault, code: &str) -> Result<Checker> {
    let record = clients::show(vault, code)?;
    let r = &record.referral;
    let mut related: Vec<String> = r.parental_responsibility.iter().map(|c| c.name.clone()).collect();
    related.extend([r.setting_contact.name.clone(), r.gp_name.clone(), r.referrer_name.clone()]);
    related.extend(record.professionals.iter().map(|p| p.name.clone()));
    related.retain(|name| !name.trim().is_empty());
    let subject = Subject {
        given_name: r.given_name.clone(),
        family_name: r.family_name.clone(),
        preferred_name: r.preferred_name.clone(),
        initials: record.summary.initials.clone(),
        date_of_birth: crate::dates::parse_uk("dateOfBirth", "date of birth", &r.date_of_birth).ok(),
        address: r.address.clone(),
        setting_name: r.setting_name.clone(),
        related,
    };
    let mut stmt =
        vault.conn().prepare("SELECT given_name, family_name FROM clients WHERE id != ?1").map_err(map_err)?;
    let others = stmt
        .query_map(params![record.summary.id], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?)))
        .map_err(map_err)?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(map_err)?;
    Ok(Checker::new(&subject, &others))
}

/// What identifies a person in `text`, a note about the client `code`.
pub fn check(vault: &Vault, code: &str, text: &str) -> Result<Vec<Hit>> {
    check_length(text)?;
    Ok(checker_for(vault, code)?.check(text))
}

/// The longest note Folio keeps: about 30,000 words, far past any clinical note, and a
/// bound on what a note (or a check) holds.
pub const MAX_NOTE_CHARS: usize = 200_000;

fn check_length(text: &str) -> Result<()> {
    if text.chars().count() > MAX_NOTE_CHARS {
        return Err(crate::Error::invalid(
            "text",
            "The note is longer than 200,000 characters, the most Folio keeps in one note. Split it into shorter notes.",
        ));
    }
    Ok(())
}

/// A note's text from a file: plain UTF-8 (a byte-order mark is dropped), within
/// [`crate::inputs::NOTE`] and [`MAX_NOTE_CHARS`].
pub fn read_note_file(path: &std::path::Path) -> Result<String> {
    let bytes = crate::inputs::read(path, crate::inputs::NOTE)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes).to_vec();
    let text = String::from_utf8(bytes).map_err(|_| {
        crate::Error::invalid("file", "The note file is not plain text (UTF-8). Save it as plain text and try again.")
    })?;
    check_length(&text)?;
    Ok(text)
}
