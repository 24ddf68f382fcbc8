//! The demo's photos of artwork: small PNGs made here (a coloured square with a band across
//! it, no person in it), added to pieces in the inventory of clients whose consent for
//! photos of artwork counts today. A client without one is simply left without photos:
//! the demo goes through the same gate as the therapist. The last client photographed has
//! withdrawn the consent since, so the review of their photos shows on Home.

use img_parts::png::PngChunk;
use img_parts::Bytes;

use super::DemoSummary;
use crate::media::{self, MediaForm};
use crate::{artwork, Error, Result, Vault};

/// The most photos the demo adds.
const MOST: usize = 6;

const COLOURS: &[[u8; 3]] = &[[214, 96, 77], [67, 147, 195], [120, 180, 90], [230, 190, 70], [150, 110, 190]];

/// A `side`×`side` RGB PNG of `colour` with a darker band across the middle: a stand-in for
/// a photo of a painting. Made with the kept crates (zlib by `miniz_oxide`, chunks and their
/// checksums by `img-parts`).
pub fn square_png(colour: [u8; 3], side: u32) -> Vec<u8> {
    let mut raw = Vec::with_capacity(((side * 3 + 1) * side) as usize);
    for y in 0..side {
        raw.push(0); // filter: none
        let band = y >= side / 3 && y < side * 2 / 3;
        for _ in 0..side {
            raw.extend(colour.iter().map(|c| if band { c / 2 } else { *c }));
        }
    }
    let mut header = Vec::with_capacity(13);
    header.extend_from_slice(&side.to_be_bytes());
    header.extend_from_slice(&side.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB, deflate, no interlace
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, contents) in
        [(*b"IHDR", header), (*b"IDAT", miniz_oxide::deflate::compress_to_vec_zlib(&raw, 6)), (*b"IEND", Vec::new())]
    {
        out.extend_from_slice(&PngChunk::new(kind, Bytes::from(contents)).encoder().bytes());
    }
    out
}

pub(super) fn fill(vault: &mut Vault, summary: &mut DemoSummary) -> Result<()> {
    let mut pieces = artwork::list(vault, None)?;
    pieces.reverse(); // oldest first: the same photos for the same demo
    for piece in pieces {
        if summary.media >= MOST {
            break;
        }
        let form = MediaForm {
            kind: "photo".into(),
            artwork: Some(piece.reference.clone()),
            session: piece.session,
            caption: format!("Photo of {} (demo)", piece.reference),
        };
        let png = square_png(COLOURS[summary.media % COLOURS.len()], 48);
        let name = format!("{}.png", piece.reference.to_lowercase());
        match media::add_stream(vault, &piece.client, form, &name, &mut png.as_slice()) {
            Ok(_) => summary.media += 1,
            // No consent for photos that counts today: this client has none.
            Err(Error::InvalidInput { field: "consent", .. }) => {}
            Err(other) => return Err(other),
        }
    }
    // The last client photographed has since withdrawn the consent (today): their photos
    // wait on Home to be reviewed, kept with a reason or destroyed.
    if let Some(last) = media::list(vault, None)?.first() {
        let consent = crate::consents::show(vault, last.consent)?;
        let by = if consent.given_by.is_empty() { "the client".to_string() } else { consent.given_by.clone() };
        crate::consents::withdraw(vault, consent.id, "", &by)?;
    }
    Ok(())
}
