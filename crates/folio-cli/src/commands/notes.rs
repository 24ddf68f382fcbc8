//! `folio note`: initials-only clinical notes, thin over `folio_core::notes`. So far the
//! identifier check (`note check`), whose `--json` is a contract for scripts.

use std::path::PathBuf;

use clap::Subcommand;
use folio_core::notes::{self, identifiers::Hit};
use folio_core::Result;

use crate::context::{read_vault, Context};

#[derive(Subcommand)]
pub enum NoteCommand {
    /// Look for anything that identifies a person in a note's text (names, date of birth,
    /// address, postcode, phone, e-mail, setting, people on the record, other clients, NHS
    /// numbers). Exit 0 whether or not anything is found.
    Check {
        /// The client the note is about (e.g. JQ-0001)
        code: String,
        /// A plain-text file holding the note
        file: PathBuf,
    },
}

pub fn run(command: NoteCommand, ctx: &Context) -> Result<()> {
    match command {
        NoteCommand::Check { code, file } => {
            let text = notes::read_note_file(&file)?;
            let hits = read_vault(ctx, |vault| notes::check(vault, &code, &text))?;
            ctx.out.value(&serde_json::json!({ "hits": hits }), || check_text(&hits));
        }
    }
    Ok(())
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
