//! Labels for the pieces held: a sheet of 21 per page (3 across, 7 down, 63.5 × 38.1 mm,
//! the common A4 label sheet), each with the reference, the client's initials and code and
//! the date made; never a name. The sheet is headed CONFIDENTIAL in its top margin, as every
//! PDF Folio writes.

use std::io::Write;

use super::{list, ArtworkState};
use crate::audit::Action;
use crate::dates::format_uk;
use crate::pdf_font::{text_pages, Confidential, TextLine};
use crate::vault::Record;
use crate::{Error, Result, Vault};

const ACROSS: usize = 3;
const DOWN: usize = 7;
const LEFT_MM: f32 = 7.2;
const TOP_MM: f32 = 15.15;
const PITCH_ACROSS_MM: f32 = 66.0;
const PITCH_DOWN_MM: f32 = 38.1;

/// The labels of every piece held (one client's with `client`), as PDF bytes, and how many.
pub fn labels_pdf(vault: &Vault, client: Option<&str>) -> Result<(Vec<u8>, usize)> {
    let held: Vec<_> = list(vault, client)?.into_iter().filter(|a| a.state == ArtworkState::Held).collect();
    if held.is_empty() {
        return Err(Error::invalid("client", "No piece is held, so there is nothing to label."));
    }
    let mut pages: Vec<Vec<TextLine>> = Vec::new();
    for (n, item) in held.iter().enumerate() {
        if n % (ACROSS * DOWN) == 0 {
            pages.push(Vec::new());
        }
        let (col, row) = ((n % ACROSS) as f32, ((n / ACROSS) % DOWN) as f32);
        let x = LEFT_MM + col * PITCH_ACROSS_MM + 5.0;
        let top = 297.0 - TOP_MM - row * PITCH_DOWN_MM;
        let line =
            |dy: f32, size: f32, bold: bool, text: String| TextLine { x_mm: x, y_mm: top - dy, size, bold, text };
        let page = pages.last_mut().ok_or_else(|| Error::Internal("no label page".into()))?;
        page.push(line(12.0, 16.0, true, item.reference.clone()));
        page.push(line(20.0, 11.0, false, format!("{} · {}", item.initials, item.client)));
        page.push(line(27.0, 9.0, false, format!("Made {}", format_uk(item.made))));
    }
    let bytes = text_pages(&Confidential { for_whom: "the therapist's artwork store" }, &pages)?;
    Ok((bytes, held.len()))
}

/// Writes the labels to `out` and records in the audit log that they left the vault.
/// Returns how many labels were written.
pub fn write_labels(vault: &mut Vault, client: Option<&str>, out: &mut dyn Write) -> Result<usize> {
    let (bytes, count) = labels_pdf(vault, client)?;
    vault.write(|tx| {
        let which = client.map(|c| c.trim().to_uppercase()).unwrap_or_else(|| "all".into());
        tx.record(Action::ArtworkLabelsPrinted, Record::new("artwork_labels", which))?;
        out.write_all(&bytes).and_then(|()| out.flush()).map_err(|e| Error::storage("write the labels", e))
    })?;
    Ok(count)
}

/// Saves the labels into `folder` (never overwriting a file); returns its path.
pub fn save_labels(vault: &mut Vault, client: Option<&str>, folder: &std::path::Path) -> Result<std::path::PathBuf> {
    let (bytes, _) = labels_pdf(vault, client)?;
    vault.write(|tx| {
        let which = client.map(|c| c.trim().to_uppercase()).unwrap_or_else(|| "all".into());
        tx.record(Action::ArtworkLabelsPrinted, Record::new("artwork_labels", which))?;
        crate::reports::save_new_file(folder, "Artwork labels", "pdf", &bytes)
    })
}
