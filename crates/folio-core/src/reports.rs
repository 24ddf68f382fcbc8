//! Printable reports. The attendance summary is for a school or funder: counts only, no
//! clinical content, the client named by code and initials. The PDF is written with
//! `pdf-writer` (typst's PDF layer) in DejaVu Sans, embedded and subset to the characters
//! used ([`crate::pdf_font`]), so names in Polish, Turkish, Vietnamese, Cyrillic or Greek
//! print as written and copy back out of the PDF.

use chrono::NaiveDate;

use crate::dates::format_uk;
use crate::pdf_font::{text_page, Confidential, TextLine};
use std::path::{Path, PathBuf};

use crate::audit::Action;
use crate::vault::Record;
use crate::{clients, sessions};
use crate::{Error, Result, Vault};

/// Whom an attendance summary is for when the therapist does not say.
pub const ATTENDANCE_FOR_DEFAULT: &str = "the school or funder it was prepared for";

/// An attendance summary for one client and period, as PDF bytes.
fn attendance_pdf(vault: &Vault, code: &str, from: NaiveDate, to: NaiveDate, for_whom: &str) -> Result<Vec<u8>> {
    let today = vault.today();
    let client = clients::summary_for_code(vault, code)?;
    let counts = sessions::counts_between(vault.conn(), code, from, to)?;
    let practice = vault.practice_name()?;

    let mut lines: Vec<(f32, bool, f32, String)> = vec![
        (22.0, true, 14.0, "Attendance summary".into()),
        (13.0, false, 12.0, practice),
        (12.0, false, 8.0, format!("Client: {} ({})", client.code, client.initials)),
        (12.0, false, 14.0, format!("Period: {} to {}", format_uk(from), format_uk(to))),
    ];
    let rows = [
        ("Sessions attended", counts.attended),
        ("   in person", counts.in_person),
        ("   online", counts.online),
        ("   by phone", counts.phone),
        ("Did not attend", counts.did_not_attend),
        ("Cancelled by the client or family", counts.cancelled_by_client),
        ("Cancelled by the therapist", counts.cancelled_by_therapist),
        ("Still planned in this period", counts.planned),
    ];

    let mut page = Vec::new();
    let mut text_at = |x_mm: f32, y_mm: f32, size: f32, bold: bool, text: String| {
        page.push(TextLine { x_mm, y_mm, size, bold, text });
    };
    let mut y = 270.0;
    for (size, heavy, gap, text) in lines.drain(..) {
        text_at(25.0, y, size, heavy, text);
        y -= gap;
    }
    for (label, value) in rows {
        text_at(25.0, y, 12.0, false, label.to_string());
        text_at(150.0, y, 12.0, true, value.to_string());
        y -= 8.0;
    }
    y -= 8.0;
    text_at(
        25.0,
        y,
        9.0,
        false,
        format!("Produced by Folio on {}. Counts only: this summary holds no clinical content.", format_uk(today)),
    );
    text_page(&Confidential { for_whom }, &page)
}

/// Writes the attendance summary into `folder` (created if needed) under a name that says
/// what it is, never overwriting a file, and records in the audit log that it left the
/// vault. Returns the file's path. `for_whom` is printed under "CONFIDENTIAL" ("the
/// SENCo at Oakfield Primary"); empty, [`ATTENDANCE_FOR_DEFAULT`].
pub fn save_attendance_pdf(
    vault: &mut Vault,
    code: &str,
    from: &str,
    to: &str,
    for_whom: &str,
    folder: &Path,
) -> Result<PathBuf> {
    let (from, to) = sessions::parse_period(from, to)?;
    let for_whom = match crate::text::typed("forWhom", "who it is for", for_whom, true)? {
        empty if empty.is_empty() => ATTENDANCE_FOR_DEFAULT.to_string(),
        named => named,
    };
    let bytes = attendance_pdf(vault, code, from, to, &for_whom)?;
    let client = clients::summary_for_code(vault, code)?;
    let stem = format!("Attendance {} {} to {}", client.code, from.format("%d-%m-%Y"), to.format("%d-%m-%Y"));
    vault.write(|tx| {
        tx.record(Action::AttendanceSummaryExported, Record::new("client", client.id))?;
        // Written inside the change: if the file cannot be written, the entry rolls back.
        save_new_file(folder, &stem, "pdf", &bytes)
    })
}

/// Writes `bytes` into `folder` (created if needed) as `stem.ext`, or `stem (2).ext`… if
/// that exists: never overwriting a file. Messages name no path (it may hold a name).
pub(crate) fn save_new_file(folder: &Path, stem: &str, ext: &str, bytes: &[u8]) -> Result<PathBuf> {
    let (mut file, path) = create_new_file(folder, stem, ext)?;
    let written = std::io::Write::write_all(&mut file, bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| Error::storage("write the file into the chosen folder", e));
    finish_new_file(written, path)
}

/// Creates `stem.ext` in `folder` (created if needed), or `stem (2).ext`… if that exists:
/// never overwriting a file. The caller writes it, then hands the outcome to
/// [`finish_new_file`].
pub(crate) fn create_new_file(folder: &Path, stem: &str, ext: &str) -> Result<(std::fs::File, PathBuf)> {
    std::fs::create_dir_all(folder).map_err(|e| Error::storage("create the chosen folder", e))?;
    let mut n = 1;
    loop {
        let name = if n == 1 { format!("{stem}.{ext}") } else { format!("{stem} ({n}).{ext}") };
        let path = folder.join(name);
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => return Ok((file, path)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
            Err(e) => return Err(Error::storage("create the file in the chosen folder", e)),
        }
    }
}

/// The path of a file [`create_new_file`] made once it is written; if writing failed, the
/// file is removed (it was this call's own, never anyone else's) and the error returned.
pub(crate) fn finish_new_file<T>(written: Result<T>, path: PathBuf) -> Result<PathBuf> {
    match written {
        Ok(_) => Ok(path),
        Err(e) => {
            let _ = std::fs::remove_file(&path);
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use pdf_writer::{Pdf, Ref};

    use crate::pdf_font::{text_page, Confidential, PdfFont, TextLine, DEJAVU_SANS, DEJAVU_SANS_BOLD};
    use crate::Result;

    const NAMES: &str = "Łucja Şenay Nguyễn Дмитрий Αθηνά";
    const MARK: Confidential<'static> = Confidential { for_whom: "the test" };

    fn line(y_mm: f32, bold: bool, text: &str) -> TextLine {
        TextLine { x_mm: 25.0, y_mm, size: 12.0, bold, text: text.into() }
    }

    fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
        haystack.windows(needle.len()).position(|w| w == needle)
    }

    fn count(haystack: &[u8], needle: &[u8]) -> usize {
        haystack.windows(needle.len()).filter(|w| *w == needle).count()
    }

    /// Every ToUnicode map in `pdf` (pdf-writer leaves streams uncompressed), read the way a
    /// PDF reader does: `<glyph id> <UTF-16BE>` pairs between `beginbfchar` and `endbfchar`.
    fn to_unicode_maps(pdf: &[u8]) -> Vec<BTreeMap<u16, String>> {
        let text = String::from_utf8_lossy(pdf);
        text.split("begincmap")
            .skip(1)
            .map(|cmap| {
                let cmap = cmap.split("endcmap").next().unwrap_or_default();
                let mut map = BTreeMap::new();
                for block in cmap.split("beginbfchar").skip(1) {
                    for pair in block.split("endbfchar").next().unwrap_or_default().lines() {
                        let hex: Vec<&str> = pair.split(['<', '>']).map(str::trim).filter(|s| !s.is_empty()).collect();
                        let [code, unicode] = hex[..] else { continue };
                        let units: Vec<u16> = (0..unicode.len())
                            .step_by(4)
                            .filter_map(|i| u16::from_str_radix(unicode.get(i..i + 4)?, 16).ok())
                            .collect();
                        if let Ok(code) = u16::from_str_radix(code, 16) {
                            map.insert(code, String::from_utf16_lossy(&units));
                        }
                    }
                }
                map
            })
            .collect()
    }

    /// What a reader extracts from the glyph ids `codes` through `map`.
    fn extract(map: &BTreeMap<u16, String>, codes: &[u8]) -> String {
        codes
            .chunks(2)
            .map(|pair| u16::from_be_bytes([pair[0], pair.get(1).copied().unwrap_or(0)]))
            .map(|code| map.get(&code).cloned().unwrap_or_else(|| "\u{FFFD}".into()))
            .collect()
    }

    /// The embedded font programs (`/FontFile2` streams), parsed back.
    fn embedded_fonts(pdf: &[u8]) -> Vec<skrifa::font::Font> {
        let mut fonts = Vec::new();
        let mut rest = pdf;
        while let Some(at) = find(rest, b"/Length1 ") {
            rest = &rest[at + 9..];
            let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            let length: usize = String::from_utf8_lossy(&rest[..digits]).parse().unwrap_or(0);
            let Some(start) = find(rest, b"stream\n").map(|s| s + 7) else { break };
            if let Some(font) = rest.get(start..start + length) {
                fonts.extend(skrifa::font::Font::new(font.to_vec(), 0));
            }
        }
        fonts
    }

    #[test]
    fn names_in_any_script_are_embedded_and_copy_back_out() -> Result<()> {
        for (data, bold) in [(DEJAVU_SANS, false), (DEJAVU_SANS_BOLD, true)] {
            let font = PdfFont::new(data, NAMES)?;
            let codes = font.encode(NAMES)?;
            assert_eq!(font.decode(&codes), NAMES);
            let mut pdf = Pdf::new();
            font.write(&mut pdf, &mut Ref::new(1))?;
            let pdf = pdf.finish();
            for key in [&b"/FontFile2"[..], b"/CIDFontType2", b"/Identity-H", b"/ToUnicode", b"/W ["] {
                assert!(find(&pdf, key).is_some(), "bold {bold}: no {}", String::from_utf8_lossy(key));
            }
            let maps = to_unicode_maps(&pdf);
            assert_eq!(maps.len(), 1);
            assert_eq!(extract(&maps[0], &codes), NAMES, "bold {bold}");
        }
        Ok(())
    }

    #[test]
    fn a_page_embeds_small_subsets_of_the_fonts_it_uses() -> Result<()> {
        let pdf = text_page(&MARK, &[line(270.0, true, NAMES), line(260.0, false, NAMES)])?;
        // Both weights on every page: the confidential header uses both.
        assert_eq!(count(&pdf, b"/FontFile2"), 2);
        assert_eq!(count(&pdf, b"/Subtype /Type0"), 2);
        // The text is shown as glyph ids, not as "?": the regular font is subset to the
        // header's line and the names, in that order.
        let header = MARK.header();
        let regular_text = format!("{}{}{NAMES}", header[1].text, header[2].text);
        let codes = PdfFont::new(DEJAVU_SANS, &regular_text)?.encode(NAMES)?;
        let mut shown = pdf_writer::Content::new();
        shown.show(pdf_writer::Str(&codes));
        assert!(find(&pdf, &shown.finish()).is_some());
        assert!(to_unicode_maps(&pdf).iter().any(|map| extract(map, &codes) == NAMES));
        // A few dozen distinct characters of DejaVu's ~6,000 glyphs.
        let fonts = embedded_fonts(&pdf);
        assert_eq!(fonts.len(), 2);
        let glyphs: Vec<u32> = fonts.iter().map(skrifa::font::Font::num_glyphs).collect();
        assert!(glyphs.iter().all(|&n| n < 100), "{glyphs:?}");
        assert!(pdf.len() < 100_000, "{} bytes", pdf.len());
        Ok(())
    }

    #[test]
    fn every_page_is_headed_confidential_and_says_who_it_is_for() -> Result<()> {
        let pdf =
            text_page(&Confidential { for_whom: "the SENCo at Oakfield Primary" }, &[line(270.0, false, "Body")])?;
        let text: String = to_unicode_maps(&pdf).iter().flat_map(|m| m.values().cloned()).collect();
        for c in "CONFIDENTIAL".chars().chain("For the SENCo at Oakfield Primary only.".chars()) {
            assert!(text.contains(c), "{c} is in a font the page uses");
        }
        let header = MARK.header();
        assert_eq!((header[0].text.as_str(), header[0].bold), ("CONFIDENTIAL", true));
        assert_eq!(header[1].text, "For the test only.");
        assert_eq!(header[2].text, "Do not pass it on without the therapist's agreement.");
        Ok(())
    }

    #[test]
    fn an_attendance_summary_stays_small() -> Result<()> {
        let mut lines = vec![
            TextLine { size: 22.0, ..line(270.0, true, "Attendance summary") },
            TextLine { size: 13.0, ..line(256.0, false, "Gabinet Terapii Łucja Şenay-Nguyễn") },
            line(244.0, false, "Client: AL-0001 (ДА)"),
            line(236.0, false, "Period: 01/09/2026 to 30/11/2026"),
        ];
        let rows = ["Sessions attended", "   in person", "Did not attend", "Cancelled by the therapist"];
        for (i, label) in rows.iter().enumerate() {
            let y = 222.0 - 8.0 * i as f32;
            lines.push(line(y, false, label));
            lines.push(line(y, true, &(i * 7).to_string()));
        }
        let footer = "Produced by Folio on 01/12/2026. Counts only: this summary holds no clinical content.";
        lines.push(TextLine { size: 9.0, ..line(180.0, false, footer) });
        let pdf = text_page(&MARK, &lines)?;
        println!("attendance summary PDF: {} bytes", pdf.len());
        assert!(pdf.len() < 100_000, "{} bytes", pdf.len());
        Ok(())
    }

    #[test]
    fn a_character_the_font_lacks_prints_as_the_replacement_character() -> Result<()> {
        // DejaVu Sans has no Han or emoji glyphs.
        let font = PdfFont::new(DEJAVU_SANS, "Ana 中 🎨\n")?;
        let codes = font.encode("Ana 中 🎨\n")?;
        assert_eq!(font.decode(&codes), "Ana \u{FFFD} \u{FFFD}");
        assert!(font.encode("Zoë").is_err(), "characters not prepared for are refused");
        Ok(())
    }
}
