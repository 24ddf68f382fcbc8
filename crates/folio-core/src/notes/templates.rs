//! Note templates: the headed sections a new note starts with. Folio ships one per kind
//! (two for session notes: the art or music made is described by the client's modality),
//! and the therapist can edit them in settings. A note copies its template's headings when
//! it is started, so editing a template never changes a note already written.

use rusqlite::OptionalExtension;

use super::rules::Section;
use super::NoteKind;
use crate::audit::Action;
use crate::choices::choice;
use crate::db::map_err;
use crate::referrals::Modality;
use crate::vault::Record;
use crate::{Error, Result, Vault};

choice! {
    /// Which template: one per kind, and the session note by modality.
    pub enum TemplateId in "noteTemplate", field "template", choose "a template" {
        SessionNoteArt = "session-note-art" => "Session note (art therapy)",
        SessionNoteMusic = "session-note-music" => "Session note (music therapy)",
        ProgressReview = "progress-review" => "Progress review",
        Assessment = "assessment" => "Assessment",
        EndOfTherapy = "end-of-therapy" => "End-of-therapy summary",
        Free = "free" => "Free note",
    }
}

impl TemplateId {
    /// The template a new note of `kind` starts from, for a client in `modality`.
    pub fn for_note(kind: NoteKind, modality: Option<Modality>) -> TemplateId {
        match kind {
            NoteKind::SessionNote if modality == Some(Modality::Music) => TemplateId::SessionNoteMusic,
            NoteKind::SessionNote => TemplateId::SessionNoteArt,
            NoteKind::ProgressReview => TemplateId::ProgressReview,
            NoteKind::Assessment => TemplateId::Assessment,
            NoteKind::EndOfTherapy => TemplateId::EndOfTherapy,
            NoteKind::Free => TemplateId::Free,
        }
    }

    /// The headings Folio ships (seed 003: themes, risk, safeguarding, outcomes; sessional
    /// notes "outline the course of the work with evaluation and review of progress").
    pub fn default_headings(self) -> &'static [&'static str] {
        match self {
            TemplateId::SessionNoteArt => {
                &["Themes", "Engagement", "Art made: materials and media", "Risk", "Safeguarding", "Outcomes", "Plan"]
            }
            TemplateId::SessionNoteMusic => &[
                "Themes",
                "Engagement",
                "Music made: instruments and musical elements",
                "Risk",
                "Safeguarding",
                "Outcomes",
                "Plan",
            ],
            TemplateId::ProgressReview => &[
                "Progress since the last review",
                "Goals and how they are being met",
                "Engagement",
                "Risk",
                "Safeguarding",
                "Evaluation",
                "Plan",
            ],
            TemplateId::Assessment => &[
                "Reason for referral",
                "Presentation",
                "Response to art or music making",
                "Strengths",
                "Risk",
                "Safeguarding",
                "Recommendation",
            ],
            TemplateId::EndOfTherapy => {
                &["Summary of the work", "Outcomes", "The ending", "Risk", "Safeguarding", "Recommendations"]
            }
            TemplateId::Free => &[],
        }
    }
}

/// A template as settings show it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Template {
    pub id: TemplateId,
    pub headings: Vec<String>,
    /// The therapist changed it from Folio's own.
    pub edited: bool,
}

const MAX_HEADINGS: usize = 20;
const MAX_HEADING_CHARS: usize = 80;

fn setting_key(id: TemplateId) -> String {
    format!("note_template.{}", id.as_str())
}

/// Every template, as the therapist has them.
pub fn list(vault: &Vault) -> Result<Vec<Template>> {
    TemplateId::ALL.iter().map(|id| get(vault, *id)).collect()
}

/// One template: the therapist's version if she edited it, else Folio's.
pub fn get(vault: &Vault, id: TemplateId) -> Result<Template> {
    let stored: Option<String> = vault
        .conn()
        .query_row("SELECT value FROM settings WHERE key = ?1", [setting_key(id)], |r| r.get(0))
        .optional()
        .map_err(map_err)?;
    // A stored value that does not read back (changed outside Folio) falls back to Folio's.
    match stored.and_then(|json| serde_json::from_str::<Vec<String>>(&json).ok()) {
        Some(headings) => Ok(Template { id, headings, edited: true }),
        None => Ok(Template { id, headings: defaults(id), edited: false }),
    }
}

fn defaults(id: TemplateId) -> Vec<String> {
    id.default_headings().iter().map(|h| h.to_string()).collect()
}

/// The empty sections a new note of this template starts with (a free note: one untitled).
pub fn sections_of(template: &Template) -> Vec<Section> {
    if template.headings.is_empty() {
        return vec![Section::default()];
    }
    template.headings.iter().map(|h| Section { heading: h.clone(), text: String::new() }).collect()
}

/// Changes a template from the headings typed one per line. Notes already written keep
/// theirs.
pub fn set(vault: &mut Vault, template: &str, headings: &str) -> Result<Template> {
    let id = TemplateId::parse(template)?;
    let headings = validate_headings(headings)?;
    let json = serde_json::to_string(&headings).map_err(|e| Error::Internal(e.to_string()))?;
    let key = setting_key(id);
    vault.write(|tx| {
        crate::db::put_setting(tx, &key, &json)?;
        tx.record(Action::SettingChanged, Record::new("setting", &key))
    })?;
    get(vault, id)
}

/// Puts Folio's own headings back.
pub fn reset(vault: &mut Vault, template: &str) -> Result<Template> {
    let id = TemplateId::parse(template)?;
    let key = setting_key(id);
    vault.write(|tx| {
        tx.execute("DELETE FROM settings WHERE key = ?1", [&key]).map_err(map_err)?;
        tx.record(Action::SettingChanged, Record::new("setting", &key))
    })?;
    get(vault, id)
}

fn validate_headings(typed: &str) -> Result<Vec<String>> {
    let mut headings: Vec<String> = Vec::new();
    for line in typed.lines() {
        let heading = line.trim().trim_start_matches('#').trim();
        if heading.is_empty() {
            continue;
        }
        if let Some(problem) = crate::text::one_line_problem("heading", heading) {
            return Err(Error::invalid("headings", problem));
        }
        if heading.chars().count() > MAX_HEADING_CHARS {
            return Err(Error::invalid(
                "headings",
                format!("A heading is longer than {MAX_HEADING_CHARS} characters. Shorten it."),
            ));
        }
        if headings.iter().any(|h| h.to_lowercase() == heading.to_lowercase()) {
            return Err(Error::invalid("headings", "Two headings are the same. Give each section its own heading."));
        }
        headings.push(heading.to_string());
    }
    if headings.len() > MAX_HEADINGS {
        return Err(Error::invalid(
            "headings",
            format!("A template can have up to {MAX_HEADINGS} headings. Remove some."),
        ));
    }
    Ok(headings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_typed_one_per_line() {
        assert_eq!(
            validate_headings("Themes\n\n  ## Risk  \nPlan\n").ok(),
            Some(vec!["Themes".to_string(), "Risk".to_string(), "Plan".to_string()])
        );
        assert!(validate_headings("Risk\nrisk").is_err(), "duplicates are refused");
        assert!(validate_headings(&"x".repeat(81)).is_err());
        assert!(validate_headings(&(0..21).map(|i| format!("H{i}\n")).collect::<String>()).is_err());
        assert!(validate_headings("Ri\u{202E}sk").is_err());
        assert_eq!(validate_headings("").ok(), Some(vec![]), "no headings: one untitled section");
    }

    #[test]
    fn a_session_note_describes_what_was_made_by_modality() {
        assert_eq!(TemplateId::for_note(NoteKind::SessionNote, Some(Modality::Music)), TemplateId::SessionNoteMusic);
        assert_eq!(TemplateId::for_note(NoteKind::SessionNote, Some(Modality::Art)), TemplateId::SessionNoteArt);
        assert!(TemplateId::SessionNoteMusic.default_headings().iter().any(|h| h.contains("instruments")));
        assert!(TemplateId::SessionNoteArt.default_headings().iter().any(|h| h.contains("materials and media")));
    }
}
