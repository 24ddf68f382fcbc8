//! `folio note`: initials-only clinical notes, thin over `folio_core::notes`. The `--json`
//! of `note check` and `note search` is a contract for scripts.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use folio_core::dates::{format_uk, format_uk_timestamp};
use folio_core::notes::identifiers::Hit;
use folio_core::notes::rules::{parse_text, render_text};
use folio_core::notes::search::{self, SearchForm, SearchResults};
use folio_core::notes::templates::{self, Template, TemplateId};
use folio_core::notes::{
    self, Amendment, Draft, DraftText, NewNote, Note, NoteKind, NoteState, NoteSummary, SectionHit,
};
use folio_core::{Error, Result};

use crate::context::{read_vault, with_vault, Context};
use crate::output::{count, one_of};

#[derive(Subcommand)]
pub enum NoteCommand {
    /// Start a note as a draft (prints its id). In FILE or --text, a line starting "## "
    /// begins a section with that heading; without text the note starts from its template
    Add(AddArgs),
    /// A client's notes, newest first
    List { code: String },
    /// A note's text, its state and every signed version
    Show { id: i64 },
    /// Replace a draft's text (a signed note is locked: amend it instead)
    Edit {
        id: i64,
        #[command(flatten)]
        text: TextArgs,
    },
    /// Discard a draft: its text is removed from the vault
    Discard { id: i64 },
    /// Sign a draft, which locks it. Refused while the identifier check finds something,
    /// unless it is kept with a reason
    Sign {
        id: i64,
        /// Keep everything the identifier check finds, for this reason (recorded with the note)
        #[arg(long, value_name = "REASON")]
        keep_identifiers: Option<String>,
    },
    /// Correct a signed note: the new text is added as a version with a reason; the
    /// original stays readable
    Amend {
        id: i64,
        /// Why the note is being corrected
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        text: TextArgs,
        /// Keep everything the identifier check finds in the new text, for this reason
        #[arg(long, value_name = "REASON")]
        keep_identifiers: Option<String>,
    },
    /// Search the notes' current text: words (all must appear), prefixes (ang*) and
    /// "phrases"
    Search(SearchArgs),
    /// Every draft, oldest first; those older than the setting need signing
    Drafts,
    /// Look for anything that identifies a person in a note's text (names, date of birth,
    /// address, postcode, phone, e-mail, setting, people on the record, other clients, NHS
    /// numbers). Exit 0 whether or not anything is found.
    Check {
        /// The client the note is about (e.g. JQ-0001)
        code: String,
        /// A plain-text file holding the note
        file: PathBuf,
    },
    /// The note templates: the headings a new note starts with
    Templates,
    /// Change a template's headings, or put Folio's back. Notes already written keep theirs
    Template {
        #[arg(help = one_of::<TemplateId>("Which template"))]
        template: String,
        /// The headings, one per line (or separated by "|")
        #[arg(long, conflicts_with = "reset", required_unless_present = "reset")]
        headings: Option<String>,
        /// Use Folio's own headings again
        #[arg(long)]
        reset: bool,
    },
    /// Show or change after how many days a draft is listed as needing signature
    Settings {
        /// 1 to 90 (default 7)
        #[arg(long)]
        draft_days: Option<String>,
    },
}

#[derive(Args)]
pub struct AddArgs {
    /// The client (e.g. JQ-0001)
    code: String,
    #[arg(long, help = one_of::<NoteKind>("What kind of note"))]
    kind: String,
    /// The session in the register it is about (required for a session note; `folio
    /// session list CODE` shows the ids)
    #[arg(long)]
    session: Option<i64>,
    /// dd/mm/yyyy [default: the session's date, or today]
    #[arg(long)]
    on: Option<String>,
    #[command(flatten)]
    text: OptionalTextArgs,
}

/// The note's text: a file or the text itself.
#[derive(Args)]
#[group(required = true, multiple = false)]
pub struct TextArgs {
    /// A plain-text file (UTF-8) holding the note
    file: Option<PathBuf>,
    /// The note's text
    #[arg(long)]
    text: Option<String>,
}

/// The note's text, or nothing to start from the template.
#[derive(Args)]
#[group(required = false, multiple = false)]
pub struct OptionalTextArgs {
    /// A plain-text file (UTF-8) holding the note
    file: Option<PathBuf>,
    /// The note's text
    #[arg(long)]
    text: Option<String>,
}

#[derive(Args)]
pub struct SearchArgs {
    query: String,
    /// Only this client's notes
    #[arg(long)]
    client: Option<String>,
    #[arg(long, help = one_of::<NoteKind>("Only notes of this kind"))]
    kind: Option<String>,
    /// From this date (dd/mm/yyyy)
    #[arg(long)]
    from: Option<String>,
    /// Up to this date (dd/mm/yyyy)
    #[arg(long)]
    to: Option<String>,
}

fn text_of(file: Option<PathBuf>, text: Option<String>) -> Result<Option<String>> {
    match (file, text) {
        (Some(path), _) => notes::read_note_file(&path).map(Some),
        (None, Some(text)) => Ok(Some(text)),
        (None, None) => Ok(None),
    }
}

pub fn run(command: NoteCommand, ctx: &Context) -> Result<()> {
    let out = &ctx.out;
    match command {
        NoteCommand::Add(args) => {
            let sections = text_of(args.text.file, args.text.text)?.map(|t| parse_text(&t)).unwrap_or_default();
            let form = NewNote { kind: args.kind, session: args.session, on: args.on.unwrap_or_default(), sections };
            let note = with_vault(ctx, |vault| notes::start(vault, &args.code, form))?;
            out.value(&note, || note.summary.id.to_string());
        }
        NoteCommand::List { code } => {
            let list = read_vault(ctx, |vault| notes::list(vault, &code))?;
            out.value(&list, || list_text(&list));
        }
        NoteCommand::Show { id } => {
            let (note, hits) = read_vault(ctx, |vault| {
                let note = notes::show(vault, id)?;
                let hits = if note.summary.state == NoteState::Draft { notes::hits_of(vault, &note)? } else { vec![] };
                Ok((note, hits))
            })?;
            out.value(&note, || show_text(&note, &hits));
        }
        NoteCommand::Edit { id, text } => {
            let sections = parse_text(&text_of(text.file, text.text)?.unwrap_or_default());
            let summary = with_vault(ctx, |vault| {
                let kept = notes::show(vault, id)?.kept;
                notes::save_draft(vault, id, DraftText { sections, kept })
            })?;
            out.value(&summary, || format!("Saved draft note {id}. Sign it with: folio note sign {id}"));
        }
        NoteCommand::Discard { id } => {
            with_vault(ctx, |vault| notes::discard(vault, id))?;
            out.value(&serde_json::json!({ "discarded": id }), || format!("Discarded draft note {id}."));
        }
        NoteCommand::Sign { id, keep_identifiers } => {
            let note = with_vault(ctx, |vault| notes::sign(vault, id, keep_identifiers.as_deref()))?;
            out.value(&note, || format!("Signed note {id}. It is locked: correct it with folio note amend {id}."));
        }
        NoteCommand::Amend { id, reason, text, keep_identifiers } => {
            let sections = parse_text(&text_of(text.file, text.text)?.unwrap_or_default());
            let note = with_vault(ctx, |vault| {
                let kept = notes::show(vault, id)?.kept;
                notes::amend(vault, id, Amendment { reason, sections, kept }, keep_identifiers.as_deref())
            })?;
            out.value(&note, || format!("Amended note {id}: version {} added.", note.versions.len()));
        }
        NoteCommand::Search(args) => {
            let form = SearchForm {
                query: args.query,
                client: args.client.unwrap_or_default(),
                kind: args.kind.unwrap_or_default(),
                from: args.from.unwrap_or_default(),
                to: args.to.unwrap_or_default(),
            };
            let found = read_vault(ctx, |vault| search::search_results(vault, &form))?;
            out.value(&found.hits, || search_text(&found));
        }
        NoteCommand::Drafts => {
            let drafts = read_vault(ctx, notes::drafts)?;
            out.value(&drafts, || drafts_text(&drafts));
        }
        NoteCommand::Check { code, file } => {
            let text = notes::read_note_file(&file)?;
            let hits = read_vault(ctx, |vault| notes::check(vault, &code, &text))?;
            out.value(&serde_json::json!({ "hits": hits }), || check_text(&hits));
        }
        NoteCommand::Templates => {
            let list = read_vault(ctx, templates::list)?;
            out.value(&list, || list.iter().map(template_text).collect::<Vec<_>>().join("\n\n"));
        }
        NoteCommand::Template { template, headings, reset } => {
            let changed = with_vault(ctx, |vault| match (reset, headings) {
                (true, _) => templates::reset(vault, &template),
                (false, Some(headings)) => templates::set(vault, &template, &headings.replace('|', "\n")),
                (false, None) => Err(Error::InvalidInput {
                    field: "headings",
                    message: "Give the headings with --headings, or --reset.".into(),
                }),
            })?;
            out.value(&changed, || template_text(&changed));
        }
        NoteCommand::Settings { draft_days } => {
            let settings = match draft_days {
                Some(days) => with_vault(ctx, |vault| notes::set_draft_days(vault, &days))?,
                None => read_vault(ctx, notes::settings)?,
            };
            out.value(&settings, || {
                format!(
                    "Drafts are listed as needing signature after {}.",
                    count(settings.draft_days as usize, "day", "days")
                )
            });
        }
    }
    Ok(())
}

fn state_words(s: &NoteSummary) -> String {
    match (s.state, s.versions) {
        (NoteState::Draft, _) => "draft".into(),
        (NoteState::Signed, 0 | 1) => "signed".into(),
        (NoteState::Signed, n) => format!("signed, amended {}", count(n as usize - 1, "time", "times")),
    }
}

fn see_note(s: &NoteSummary) -> String {
    let concerns: Vec<&str> =
        [(s.see_risk, "risk"), (s.see_safeguarding, "safeguarding")].iter().filter(|c| c.0).map(|c| c.1).collect();
    if concerns.is_empty() {
        String::new()
    } else {
        format!("  [see note: {}]", concerns.join(", "))
    }
}

fn list_text(list: &[NoteSummary]) -> String {
    if list.is_empty() {
        return "No notes yet. Start one with: folio note add CODE --kind session-note --session ID".into();
    }
    list.iter()
        .map(|s| {
            format!(
                "{:>5}  {}  {}  {} ({})  {}{}",
                s.id,
                format_uk(s.on),
                s.kind.label(),
                s.code,
                s.initials,
                state_words(s),
                see_note(s)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn show_text(note: &Note, hits: &[SectionHit]) -> String {
    let s = &note.summary;
    let mut out = vec![format!(
        "Note {} · {} · {} · {} ({}) · episode {}{}",
        s.id,
        s.kind.label(),
        format_uk(s.on),
        s.code,
        s.initials,
        s.episode,
        s.session.map(|id| format!(", session {id}")).unwrap_or_default()
    )];
    match (s.state, &s.signed_at) {
        (NoteState::Signed, Some(at)) => out.push(format!(
            "Signed by the {} on {}; {}.",
            note.signed_by.as_deref().unwrap_or("therapist"),
            format_uk_timestamp(at),
            state_words(s)
        )),
        _ => out.push(format!(
            "Draft, started {}, last saved {}.",
            format_uk_timestamp(&s.created_at),
            format_uk_timestamp(&s.saved_at)
        )),
    }
    let flag = see_note(s);
    if !flag.is_empty() {
        out.push(flag.trim().to_string());
    }
    out.push(String::new());
    out.push(render_text(&note.sections).trim_end().to_string());
    if !hits.is_empty() {
        out.push(String::new());
        out.push(format!("Identifier check: {} to replace or keep before signing:", hits.len()));
        for h in hits {
            let heading = note.sections.get(h.section).map(|s| s.heading.as_str()).unwrap_or("");
            let suggestion = h.hit.suggestion.as_deref().map(|x| format!("; suggest \"{x}\"")).unwrap_or_default();
            out.push(format!("  {}: {}{suggestion}", if heading.is_empty() { "note" } else { heading }, h.described));
        }
    }
    if !note.kept.is_empty() {
        out.push(String::new());
        out.push("Kept with a reason:".into());
        for k in &note.kept {
            out.push(format!("  \"{}\" ({}): {}", k.text, k.kind.in_words(), k.reason));
        }
    }
    if note.versions.len() > 1 {
        out.push(String::new());
        out.push("History:".into());
        for v in &note.versions {
            let what = if v.number == 1 { "signed".to_string() } else { format!("amended ({})", v.reason) };
            out.push(format!(
                "--- version {}, {} {} by the {}",
                v.number,
                what,
                format_uk_timestamp(&v.created_at),
                v.created_by
            ));
            out.push(render_text(&v.sections).trim_end().to_string());
        }
    }
    out.join("\n")
}

fn search_text(found: &SearchResults) -> String {
    let hits = &found.hits;
    if hits.is_empty() {
        return "No notes match. Try fewer words, or a prefix such as ang*.".into();
    }
    let mut lines: Vec<String> = hits
        .iter()
        .map(|h| format!("{:>5}  {}  {}  {}\n       {}", h.id, format_uk(h.date), h.client, h.kind.label(), h.snippet))
        .collect();
    lines.push(if found.shown.is_empty() {
        count(hits.len(), "note found", "notes found")
    } else {
        found.shown.clone()
    });
    lines.join("\n")
}

fn drafts_text(drafts: &[Draft]) -> String {
    if drafts.is_empty() {
        return "No drafts: every note is signed.".into();
    }
    drafts
        .iter()
        .map(|d| {
            let s = &d.summary;
            format!(
                "{:>5}  {}  {}  {} ({})  started {}{}",
                s.id,
                format_uk(s.on),
                s.kind.label(),
                s.code,
                s.initials,
                match d.days_old {
                    0 => "today".to_string(),
                    n => format!("{} ago", count(n as usize, "day", "days")),
                },
                if d.needs_signature { " — needs signing" } else { "" }
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn template_text(t: &Template) -> String {
    let headings = if t.headings.is_empty() {
        "  (no headings: one untitled section)".to_string()
    } else {
        t.headings.iter().map(|h| format!("  ## {h}")).collect::<Vec<_>>().join("\n")
    };
    format!("{} [{}]{}\n{headings}", t.id.label(), t.id.as_str(), if t.edited { " (edited)" } else { "" })
}

fn check_text(hits: &[Hit]) -> String {
    if hits.is_empty() {
        return "Nothing that identifies a person was found.".into();
    }
    let mut lines: Vec<String> = hits
        .iter()
        .map(|h| {
            let suggestion = h.suggestion.as_deref().map(|s| format!("; suggest \"{s}\"")).unwrap_or_default();
            format!("{}–{}  \"{}\" — {}{suggestion}", h.start, h.end, h.text, h.kind.in_words())
        })
        .collect();
    lines.push(format!(
        "{} found. Replace each with initials or a neutral word, or keep it with a reason when signing.",
        if hits.len() == 1 { "1 identifier".to_string() } else { format!("{} identifiers", hits.len()) }
    ));
    lines.join("\n")
}
