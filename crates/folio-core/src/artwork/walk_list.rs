//! The list to walk to the cabinet with: one page (or more) per location, each piece held
//! there on a line with a box to tick, its reference, the client's initials and code, the
//! date made, what it is, and where it stands against its collection date. Overdue pieces
//! come first so the walk starts with what is to be disposed of. Initials and codes only,
//! never a name; headed CONFIDENTIAL as every PDF Folio writes.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{list, Artwork, ArtworkState, CollectionState};
use crate::audit::Action;
use crate::dates::format_uk;
use crate::pdf_font::{text_pages, Confidential, TextLine};
use crate::vault::Record;
use crate::{Error, Result, Vault};

/// Where items with no recorded location are listed.
pub const NO_LOCATION: &str = "No location recorded";
const LINES_PER_PAGE: usize = 30;
const DESCRIPTION_CHARS: usize = 32;

/// The walking list of every location (or only `location`), as PDF bytes, and how many
/// pieces it lists.
pub fn location_list_pdf(vault: &Vault, location: Option<&str>) -> Result<(Vec<u8>, usize)> {
    let wanted = location.map(str::trim).filter(|l| !l.is_empty());
    let mut held: Vec<Artwork> = list(vault, None)?
        .into_iter()
        .filter(|a| a.state == ArtworkState::Held)
        .filter(|a| wanted.is_none_or(|w| a.location.as_deref().is_some_and(|l| l.eq_ignore_ascii_case(w))))
        .collect();
    if held.is_empty() {
        let message = match wanted {
            Some(_) => "Nothing is held at that location. Check its name in the list of locations.",
            None => "No piece is held, so there is nothing to list.",
        };
        return Err(Error::invalid("location", message));
    }
    let urgency = |c: CollectionState| match c {
        CollectionState::Overdue => 0,
        CollectionState::Due => 1,
        CollectionState::NotDue => 2,
    };
    held.sort_by(|a, b| {
        let place = |x: &Artwork| x.location.clone().unwrap_or_else(|| NO_LOCATION.to_string()).to_lowercase();
        place(a)
            .cmp(&place(b))
            .then(urgency(a.collection).cmp(&urgency(b.collection)))
            .then(a.reference.cmp(&b.reference))
    });
    let mut pages: Vec<Vec<TextLine>> = Vec::new();
    for group in held.chunk_by(|a, b| a.location == b.location) {
        let place = group[0].location.clone().unwrap_or_else(|| NO_LOCATION.to_string());
        for (n, chunk) in group.chunks(LINES_PER_PAGE).enumerate() {
            let heading = if n == 0 { place.clone() } else { format!("{place} (continued)") };
            pages.push(page(&heading, group.len(), chunk));
        }
    }
    let bytes = text_pages(&Confidential { for_whom: "the therapist's artwork store" }, &pages)?;
    Ok((bytes, held.len()))
}

fn page(heading: &str, count: usize, items: &[Artwork]) -> Vec<TextLine> {
    let line = |x_mm, y_mm, size, bold, text: String| TextLine { x_mm, y_mm, size, bold, text };
    let mut lines = vec![
        line(20.0, 272.0, 15.0, true, heading.to_string()),
        line(20.0, 265.0, 9.5, false, format!("{count} held here. Tick each piece as you find it.")),
        line(20.0, 256.0, 9.0, true, "Reference".into()),
        line(45.0, 256.0, 9.0, true, "Client".into()),
        line(72.0, 256.0, 9.0, true, "Made".into()),
        line(94.0, 256.0, 9.0, true, "What it is".into()),
        line(154.0, 256.0, 9.0, true, "Collection".into()),
    ];
    for (row, item) in items.iter().enumerate() {
        let y = 248.0 - row as f32 * 7.5;
        lines.push(line(14.0, y, 10.0, false, "☐".into()));
        lines.push(line(20.0, y, 9.5, true, item.reference.clone()));
        lines.push(line(45.0, y, 9.0, false, format!("{} · {}", item.initials, item.client)));
        lines.push(line(72.0, y, 9.0, false, format_uk(item.made)));
        lines.push(line(94.0, y, 9.0, false, shortened(&item.description)));
        lines.push(line(154.0, y, 8.0, item.collection != CollectionState::NotDue, collection_words(item)));
    }
    lines
}

fn shortened(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= DESCRIPTION_CHARS {
        return one_line;
    }
    let cut: String = one_line.chars().take(DESCRIPTION_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

fn collection_words(item: &Artwork) -> String {
    match (item.collection, item.collect_by) {
        (CollectionState::Overdue, Some(on)) => format!("Overdue since {}", format_uk(on)),
        (CollectionState::Due, Some(on)) => format!("Collect by {}", format_uk(on)),
        _ => "In therapy".into(),
    }
}

/// Writes the walking list to `out` and records in the audit log that it left the vault.
/// Returns how many pieces it lists.
pub fn write_location_list(vault: &mut Vault, location: Option<&str>, out: &mut dyn Write) -> Result<usize> {
    let (bytes, count) = location_list_pdf(vault, location)?;
    vault.write(|tx| {
        tx.record(Action::ArtworkListPrinted, Record::new("artwork_list", location_key(location)))?;
        out.write_all(&bytes).and_then(|()| out.flush()).map_err(|e| Error::storage("write the list", e))
    })?;
    Ok(count)
}

/// Saves the walking list into `folder` (never overwriting a file); returns its path.
pub fn save_location_list(vault: &mut Vault, location: Option<&str>, folder: &Path) -> Result<PathBuf> {
    let (bytes, _) = location_list_pdf(vault, location)?;
    vault.write(|tx| {
        tx.record(Action::ArtworkListPrinted, Record::new("artwork_list", location_key(location)))?;
        crate::reports::save_new_file(folder, "Artwork by location", "pdf", &bytes)
    })
}

/// The audit entry names no location (a location may be a school's name): "all" or "one".
fn location_key(location: Option<&str>) -> &'static str {
    if location.is_some_and(|l| !l.trim().is_empty()) {
        "one"
    } else {
        "all"
    }
}
