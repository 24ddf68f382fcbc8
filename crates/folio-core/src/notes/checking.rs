//! The identifier check as notes use it: the checker for a client built from the record,
//! the live check the editor runs on each pause in typing (cached between keystrokes), and
//! the check at signing and amending, which refuses while anything found is not kept with a
//! reason.

use rusqlite::params;

use super::identifiers::{Checker, Hit, Subject};
use super::rules::Section;
use super::{
    store, KeptIdentifier, SectionHit, MAX_HEADING_CHARS, MAX_KEPT, MAX_NOTE_CHARS, MAX_REASON_CHARS, MAX_SECTIONS,
};
use crate::db::map_err;
use crate::error::FoundIdentifier;
use crate::vault::Vault;
use crate::{clients, Error, Result};

// The identifier check for a client.

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

/// The checker for the client the editor is on, kept between pauses in typing: building it
/// reads every client's names, checking a 5,000-word note then takes a few milliseconds. It
/// is rebuilt when the client changes or anything was recorded since (a new client, an
/// edited referral), which the audit log's length tells.
#[derive(Default)]
pub struct LiveCheck {
    cached: Option<(String, i64, Checker)>,
}

impl LiveCheck {
    /// Hits in each section of a draft, leaving out what the therapist kept.
    pub fn check(
        &mut self,
        vault: &Vault,
        code: &str,
        sections: &[Section],
        kept: &[KeptIdentifier],
    ) -> Result<Vec<SectionHit>> {
        check_sections_size(sections)?;
        let head = store::audit_length(vault.conn())?;
        let code = code.trim().to_uppercase();
        let fresh = matches!(&self.cached, Some((c, h, _)) if *c == code && *h == head);
        if !fresh {
            self.cached = Some((code.clone(), head, checker_for(vault, &code)?));
        }
        let Some((_, _, checker)) = &self.cached else {
            return Err(Error::Internal("the identifier check was not built".into()));
        };
        Ok(section_hits(checker, sections, kept))
    }
}

pub(super) fn section_hits(checker: &Checker, sections: &[Section], kept: &[KeptIdentifier]) -> Vec<SectionHit> {
    let mut out = Vec::new();
    for (i, section) in sections.iter().enumerate() {
        for hit in checker.check(&section.text) {
            if kept.iter().any(|k| k.covers(&hit)) {
                continue;
            }
            let described = format!("{} — {}", hit.text, hit.kind.in_words());
            out.push(SectionHit { section: i, hit, described });
        }
    }
    out
}

pub(super) fn check_length(text: &str) -> Result<()> {
    if text.chars().count() > MAX_NOTE_CHARS {
        return Err(Error::invalid(
            "text",
            "The note is longer than 200,000 characters, the most Folio keeps in one note. Split it into shorter notes.",
        ));
    }
    Ok(())
}

pub(super) fn check_sections_size(sections: &[Section]) -> Result<()> {
    if sections.len() > MAX_SECTIONS {
        return Err(Error::invalid("sections", format!("A note can have up to {MAX_SECTIONS} sections.")));
    }
    let total: usize = sections.iter().map(|s| s.heading.chars().count() + s.text.chars().count()).sum();
    check_length_total(total)?;
    if sections.iter().any(|s| s.heading.chars().count() > MAX_HEADING_CHARS || s.heading.contains('\n')) {
        return Err(Error::invalid("sections", "A heading must be one line of up to 200 characters."));
    }
    // A heading is one line of visible text: a hidden character could split a name so that
    // the identifier check misses it, and headings are named in messages.
    if sections.iter().any(|s| s.heading.chars().any(crate::text::is_hidden)) {
        return Err(Error::invalid(
            "sections",
            "A heading holds an invisible or direction-changing character (often pasted in by accident). Type the heading again.",
        ));
    }
    Ok(())
}

fn check_length_total(chars: usize) -> Result<()> {
    if chars > MAX_NOTE_CHARS {
        return check_length(&" ".repeat(MAX_NOTE_CHARS + 1));
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

/// Before a note is signed or amended: text that is not blank, no hidden characters, and
/// every identifier found kept with a reason. Returns what is kept.
pub(super) fn settle_identifiers(
    vault: &Vault,
    code: &str,
    sections: &[Section],
    mut kept: Vec<KeptIdentifier>,
    keep_all: Option<&str>,
) -> Result<Vec<KeptIdentifier>> {
    if sections.iter().all(|s| s.text.trim().is_empty()) {
        return Err(Error::invalid("text", "The note is empty. Write the note before signing it."));
    }
    for section in sections {
        if section.text.chars().any(|c| crate::text::is_hidden(c) && c != '\n' && c != '\t') {
            return Err(Error::invalid(
                "text",
                format!(
                    "{} holds an invisible or direction-changing character (often pasted in by accident), which could hide a name from the identifier check. Type that part again.",
                    section_name(section)
                ),
            ));
        }
    }
    check_kept(&kept)?;
    let checker = checker_for(vault, code)?;
    let mut heading_hits = 0;
    for section in sections {
        heading_hits += checker.check(&section.heading).len();
    }
    if heading_hits > 0 && keep_all.is_none() {
        return Err(Error::invalid(
            "text",
            "A heading of this note names or identifies someone. Change the heading to initials or a neutral word.",
        ));
    }
    // What was kept for text no longer in the note is not carried into this version.
    let everything = section_hits(&checker, sections, &[]);
    kept.retain(|k| everything.iter().any(|found| k.covers(&found.hit)));
    let remaining = section_hits(&checker, sections, &kept);
    if remaining.is_empty() {
        return Ok(kept);
    }
    match keep_all.map(str::trim) {
        Some(reason) if !reason.is_empty() => {
            check_keep_reason(reason)?;
            for found in remaining {
                let keep = KeptIdentifier { text: found.hit.text, kind: found.hit.kind, reason: reason.to_string() };
                if !kept.iter().any(|k| k.text == keep.text && k.kind == keep.kind) {
                    kept.push(keep);
                }
            }
            Ok(kept)
        }
        Some(_) => {
            Err(Error::invalid("keepIdentifiers", "Give the reason for keeping what the identifier check found."))
        }
        None => Err(Error::invalid("text", found_in_words(sections, &remaining))),
    }
}

/// "This note identifies someone in 2 places: the client's first name (in Themes), a
/// postcode (in Plan). …" — what was found, never the text itself (messages carry no client
/// data).
fn found_in_words(sections: &[Section], found: &[SectionHit]) -> String {
    let places: Vec<String> = found
        .iter()
        .take(10)
        .map(|f| {
            format!("{} (in {})", f.hit.kind.in_words(), sections.get(f.section).map(section_name).unwrap_or_default())
        })
        .collect();
    let more = if found.len() > 10 { format!(" and {} more", found.len() - 10) } else { String::new() };
    let count = if found.len() == 1 { "1 place".to_string() } else { format!("{} places", found.len()) };
    format!(
        "This note identifies someone in {count}: {}{more}. Replace each with initials or a neutral word, or keep them with a reason.",
        places.join(", ")
    )
}

fn section_name(section: &Section) -> String {
    if section.heading.is_empty() {
        "the note".to_string()
    } else {
        format!("the section \u{201c}{}\u{201d}", section.heading)
    }
}

pub(super) fn check_kept(kept: &[KeptIdentifier]) -> Result<()> {
    if kept.len() > MAX_KEPT {
        return Err(Error::invalid("kept", "Too many kept identifiers in one note."));
    }
    for k in kept {
        if k.reason.trim().is_empty() {
            return Err(Error::invalid("kept", "Give the reason for keeping what the identifier check found."));
        }
        if k.reason.chars().count() > MAX_REASON_CHARS || k.text.chars().count() > MAX_HEADING_CHARS {
            return Err(Error::invalid("kept", "A reason for keeping an identifier is longer than 2,000 characters."));
        }
    }
    Ok(())
}

/// One field of free text outside notes, for the identifier check: its form field (the
/// refusal names it), its label in words, and the text.
pub struct FreeText<'a> {
    pub field: &'static str,
    pub label: &'a str,
    pub text: &'a str,
}

/// The identifier check on free text outside notes (correspondence, disclosures, the
/// safeguarding log), seed 000: "initials only in clinical notes and correspondence".
/// Everything found must be kept: hit by hit with its reason (`kept`, the app), or all at
/// once with `keep_all`'s reason (the CLI's `--keep-identifiers`). Refused with
/// [`Error::IdentifiersFound`] otherwise; returns what is kept, to be stored with the entry.
pub fn settle_free_text(
    vault: &Vault,
    code: &str,
    fields: &[FreeText<'_>],
    kept: &[KeptIdentifier],
    keep_all: Option<&str>,
) -> Result<Vec<KeptIdentifier>> {
    let checker = checker_for(vault, code)?;
    let mut found: Vec<(&FreeText<'_>, Hit)> = Vec::new();
    for field in fields {
        found.extend(checker.check(field.text).into_iter().map(|hit| (field, hit)));
    }
    for k in kept {
        check_keep_reason(&k.reason)?;
    }
    let mut keeping: Vec<KeptIdentifier> = Vec::new();
    let mut left: Vec<(&FreeText<'_>, Hit)> = Vec::new();
    for (field, hit) in found {
        if keeping.iter().any(|k| k.covers(&hit)) {
            continue;
        }
        match kept.iter().find(|k| k.covers(&hit)) {
            Some(k) => keeping.push(k.clone()),
            None => left.push((field, hit)),
        }
    }
    if left.is_empty() {
        return Ok(keeping);
    }
    match keep_all.map(str::trim) {
        Some(reason) if !reason.is_empty() => {
            check_keep_reason(reason)?;
            for (_, hit) in left {
                if !keeping.iter().any(|k| k.covers(&hit)) {
                    keeping.push(KeptIdentifier { text: hit.text, kind: hit.kind, reason: reason.to_string() });
                }
            }
            Ok(keeping)
        }
        Some(_) => {
            Err(Error::invalid("keepIdentifiers", "Give the reason for keeping what the identifier check found."))
        }
        None => {
            let places: Vec<String> =
                left.iter().take(10).map(|(f, hit)| format!("{} (in {})", hit.kind.in_words(), f.label)).collect();
            let count = if left.len() == 1 { "1 place".to_string() } else { format!("{} places", left.len()) };
            Err(Error::IdentifiersFound {
                message: format!(
                    "This identifies someone in {count}: {}. Write initials instead, or keep them with a reason.",
                    places.join(", ")
                ),
                hits: left
                    .iter()
                    .map(|(f, hit)| FoundIdentifier { field: f.field, kind: hit.kind, start: hit.start, end: hit.end })
                    .collect(),
            })
        }
    }
}

/// The reason for keeping what the identifier check found: one line, at most
/// [`MAX_REASON_CHARS`] characters (it is stored with every identifier kept).
fn check_keep_reason(reason: &str) -> Result<()> {
    if let Some(problem) = crate::text::one_line_problem("reason", reason) {
        return Err(Error::invalid("keepIdentifiers", problem));
    }
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(Error::invalid("keepIdentifiers", "The reason is longer than 2,000 characters. Shorten it."));
    }
    Ok(())
}
