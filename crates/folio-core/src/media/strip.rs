//! Location and device metadata taken out of a photo before it is kept: EXIF (GPS, the
//! camera or phone, the time), XMP, IPTC, comments and text chunks. What stays is what the
//! picture needs (its frames, tables, colour profile and transparency), chosen by an allow
//! list, so metadata of a kind not named here is dropped too. The containers are read and
//! written with `img-parts`; the pixels are not decoded or re-encoded.

use img_parts::jpeg::{markers, Jpeg};
use img_parts::png::Png;
use img_parts::riff::{RiffChunk, RiffContent};
use img_parts::webp::{WebP, CHUNK_ALPH, CHUNK_ANIM, CHUNK_ANMF, CHUNK_ICCP, CHUNK_VP8, CHUNK_VP8L, CHUNK_VP8X};
use img_parts::Bytes;
use zeroize::Zeroizing;

use crate::{Error, Result};

/// The picture formats a photo may be in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Jpeg,
    Png,
    WebP,
}

impl Format {
    /// The format of a media type Folio keeps photos in.
    pub fn of(media_type: &str) -> Option<Format> {
        match media_type {
            "image/jpeg" => Some(Format::Jpeg),
            "image/png" => Some(Format::Png),
            "image/webp" => Some(Format::WebP),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "JPEG",
            Format::Png => "PNG",
            Format::WebP => "WebP",
        }
    }
}

/// The photo without its metadata, in wiped memory. A file that does not read as the
/// format it claims is refused, naming the field `file`.
pub fn strip(format: Format, photo: Zeroizing<Vec<u8>>) -> Result<Zeroizing<Vec<u8>>> {
    let unreadable = || {
        Error::invalid(
            "file",
            format!(
                "The photo is not a readable {} picture. Save it again as JPEG or PNG and add that.",
                format.name()
            ),
        )
    };
    // Sized up front so the copy written out never moves (a move would leave an unwiped
    // copy behind); the parser owns the wiped buffer, wiped when the last part is dropped.
    let mut out = Zeroizing::new(Vec::with_capacity(photo.len() + 64));
    let input = Bytes::from_owner(photo);
    match format {
        Format::Jpeg => {
            let mut jpeg = Jpeg::from_bytes(input).map_err(|_| unreadable())?;
            jpeg.segments_mut().retain(|s| jpeg_keeps(s.marker(), s.contents()));
            if !jpeg.segments().iter().any(|s| s.marker() == markers::SOS) {
                return Err(unreadable());
            }
            let before_scan: usize =
                jpeg.segments().iter().take_while(|s| s.marker() != markers::SOS).map(|s| s.len()).sum();
            let scan_header = jpeg.segments().iter().find(|s| s.marker() == markers::SOS).map_or(0, |s| s.len());
            jpeg.encoder().write_to(&mut *out).map_err(|_| unreadable())?;
            // Everything after the first scan header is kept as it came, which may include
            // other pictures after the end of this one (a phone's second image, with its own
            // EXIF): the photo ends at its own end-of-image marker.
            let scan = 2 + before_scan + scan_header;
            let end = end_of_image(&out, scan).ok_or_else(unreadable)?;
            out.truncate(end);
        }
        Format::Png => {
            let mut png = Png::from_bytes(input).map_err(|_| unreadable())?;
            png.chunks_mut().retain(|c| PNG_KEPT.contains(&c.kind()));
            if png.chunks().first().map(|c| c.kind()) != Some(*b"IHDR") {
                return Err(unreadable());
            }
            png.encoder().write_to(&mut *out).map_err(|_| unreadable())?;
        }
        Format::WebP => {
            let mut webp = WebP::from_bytes(input).map_err(|_| unreadable())?;
            webp.chunks_mut().retain(|c| WEBP_KEPT.contains(&c.id()));
            if !webp.chunks().iter().any(|c| [CHUNK_VP8, CHUNK_VP8L, CHUNK_ANMF].contains(&c.id())) {
                return Err(unreadable());
            }
            clear_vp8x_metadata_flags(&mut webp);
            webp.encoder().write_to(&mut *out).map_err(|_| unreadable())?;
        }
    }
    Ok(out)
}

/// Reads as a picture of `format` (a check on what was kept).
pub fn readable(format: Format, bytes: &[u8]) -> bool {
    let b = Bytes::copy_from_slice(bytes);
    match format {
        Format::Jpeg => Jpeg::from_bytes(b).is_ok(),
        Format::Png => Png::from_bytes(b).is_ok(),
        Format::WebP => WebP::from_bytes(b).is_ok(),
    }
}

const ICC_PREFIX: &[u8] = b"ICC_PROFILE\0";
const ADOBE_PREFIX: &[u8] = b"Adobe";
const JFIF_PREFIX: &[u8] = b"JFIF\0";

/// JPEG segments a picture needs: frame and scan headers, tables, restart intervals, the
/// JFIF header, the colour profile (APP2 ICC) and Adobe's colour transform (APP14). Every
/// other application segment (APP1 EXIF and XMP, APP13 IPTC, APP2 multi-picture, …) and
/// comments go.
fn jpeg_keeps(marker: u8, contents: &[u8]) -> bool {
    match marker {
        markers::APP0 => contents.starts_with(JFIF_PREFIX),
        markers::APP2 => contents.starts_with(ICC_PREFIX),
        markers::APP14 => contents.starts_with(ADOBE_PREFIX),
        0xE1..=0xEF | markers::COM => false,
        _ => true,
    }
}

/// Where the picture that starts at `scan` (its first scan header) ends: just after its
/// end-of-image marker. Entropy-coded data escapes 0xFF as FF 00; restart markers and fill
/// bytes carry no length; the segments between the scans of a progressive picture are
/// skipped by their length (so a table's bytes are never read as a marker).
fn end_of_image(bytes: &[u8], scan: usize) -> Option<usize> {
    let mut i = scan;
    while i + 1 < bytes.len() {
        if bytes[i] != 0xFF {
            i += 1;
            continue;
        }
        match bytes[i + 1] {
            0x00 | 0xFF | 0xD0..=0xD7 => i += if bytes[i + 1] == 0xFF { 1 } else { 2 },
            markers::EOI => return Some(i + 2),
            _ => {
                let len = usize::from(u16::from_be_bytes([*bytes.get(i + 2)?, *bytes.get(i + 3)?]));
                if len < 2 {
                    return None;
                }
                i += 2 + len;
            }
        }
    }
    None
}

/// PNG chunks a picture needs; text (`tEXt`, `zTXt`, `iTXt`, where XMP lives), `eXIf`,
/// `tIME` and private chunks go.
const PNG_KEPT: &[[u8; 4]] = &[
    *b"IHDR", *b"PLTE", *b"IDAT", *b"IEND", *b"tRNS", *b"cHRM", *b"gAMA", *b"iCCP", *b"sBIT", *b"sRGB", *b"cICP",
    *b"bKGD", *b"hIST", *b"pHYs", *b"sPLT", *b"acTL", *b"fcTL", *b"fdAT",
];

/// WebP chunks a picture needs; `EXIF`, `XMP ` and unknown chunks go.
const WEBP_KEPT: &[[u8; 4]] = &[CHUNK_VP8X, CHUNK_VP8, CHUNK_VP8L, CHUNK_ALPH, CHUNK_ANIM, CHUNK_ANMF, CHUNK_ICCP];

/// The extended header says whether EXIF and XMP follow; they no longer do.
fn clear_vp8x_metadata_flags(webp: &mut WebP) {
    const EXIF_AND_XMP: u8 = 0b0000_1100;
    for chunk in webp.chunks_mut().iter_mut().filter(|c| c.id() == CHUNK_VP8X) {
        if let Some(data) = chunk.content().data() {
            let mut header = data.to_vec();
            if let Some(flags) = header.first_mut() {
                *flags &= !EXIF_AND_XMP;
            }
            *chunk = RiffChunk::new(CHUNK_VP8X, RiffContent::Data(Bytes::from(header)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A baseline JPEG's tables, frame, scan and end: a whole container (the tests read
    /// containers, never pixels).
    const TINY_JPEG_BODY: &[u8] = &[
        0xFF, 0xDB, 0x00, 0x43, 0x00, 0x08, 0x06, 0x06, 0x07, 0x06, 0x05, 0x08, 0x07, 0x07, 0x07, 0x09, 0x09, 0x08,
        0x0A, 0x0C, 0x14, 0x0D, 0x0C, 0x0B, 0x0B, 0x0C, 0x19, 0x12, 0x13, 0x0F, 0x14, 0x1D, 0x1A, 0x1F, 0x1E, 0x1D,
        0x1A, 0x1C, 0x1C, 0x20, 0x24, 0x2E, 0x27, 0x20, 0x22, 0x2C, 0x23, 0x1C, 0x1C, 0x28, 0x37, 0x29, 0x2C, 0x30,
        0x31, 0x34, 0x34, 0x34, 0x1F, 0x27, 0x39, 0x3D, 0x38, 0x32, 0x3C, 0x2E, 0x33, 0x34, 0x32, 0xFF, 0xC0, 0x00,
        0x0B, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00, 0xFF, 0xC4, 0x00, 0x14, 0x00, 0x01, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09, 0xFF, 0xC4,
        0x00, 0x14, 0x10, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x2A, 0x9F, 0xFF, 0xD9,
    ];

    fn segment(marker: u8, contents: &[u8]) -> Vec<u8> {
        let mut out = vec![0xFF, marker];
        out.extend_from_slice(&((contents.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(contents);
        out
    }

    #[test]
    fn a_jpeg_loses_exif_xmp_iptc_comments_and_a_second_picture_and_keeps_its_profile() -> Result<()> {
        let mut photo = vec![0xFF, 0xD8];
        photo.extend(segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"));
        photo.extend(segment(0xE1, b"Exif\0\0MM\0*GPS-52.2053N"));
        photo.extend(segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Phone</x:xmpmeta>"));
        photo.extend(segment(0xED, b"Photoshop 3.0\08BIM-IPTC-byline"));
        photo.extend(segment(0xFE, b"taken at home"));
        photo.extend(segment(0xE2, b"ICC_PROFILE\0\x01\x01profile"));
        photo.extend(segment(0xE2, b"MPF\0multi-picture"));
        photo.extend_from_slice(TINY_JPEG_BODY);
        // A second picture after the first one's end, with its own EXIF.
        photo.extend([0xFF, 0xD8]);
        photo.extend(segment(0xE1, b"Exif\0\0MM\0*SECOND-GPS"));
        photo.extend_from_slice(TINY_JPEG_BODY);
        let out = strip(Format::Jpeg, Zeroizing::new(photo))?;
        let text = String::from_utf8_lossy(&out);
        for gone in ["Exif", "GPS", "xmpmeta", "IPTC", "taken at home", "MPF", "SECOND"] {
            assert!(!text.contains(gone), "{gone} is still in the photo");
        }
        assert!(text.contains("ICC_PROFILE") && text.contains("JFIF"), "the colour profile and header stay");
        assert!(out.ends_with(&[0x2A, 0x9F, 0xFF, 0xD9]), "the photo ends at its own end");
        assert!(readable(Format::Jpeg, &out));
        Ok(())
    }

    #[test]
    fn a_file_that_is_not_the_picture_it_claims_is_refused_naming_the_file() {
        for format in [Format::Jpeg, Format::Png, Format::WebP] {
            let refused = strip(format, Zeroizing::new(b"RIFF not really a picture".to_vec())).err();
            assert_eq!(refused.as_ref().and_then(|e| e.field()), Some("file"));
            let words = refused.map(|e| e.to_string()).unwrap_or_default();
            assert!(words.contains(&format!("not a readable {}", format.name())), "{words}");
        }
    }

    #[test]
    fn a_jpeg_scan_is_walked_past_escaped_bytes_restarts_and_tables() {
        // FF 00 (an escaped byte), FF D0 (a restart), a table holding FF D9 inside it, the end.
        let scan =
            [0x01, 0xFF, 0x00, 0x02, 0xFF, 0xD0, 0x03, 0xFF, 0xC4, 0x00, 0x04, 0xFF, 0xD9, 0x05, 0xFF, 0xD9, 0x07];
        assert_eq!(end_of_image(&scan, 0), Some(16));
        assert_eq!(end_of_image(&scan[..14], 0), None, "no end: not a whole picture");
    }
}
