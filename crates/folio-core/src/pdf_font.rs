//! A TrueType font embedded in a PDF, so that names in any script the font covers (Polish,
//! Turkish, Vietnamese, Cyrillic, Greek, …) print as written and can be copied back out.
//!
//! The font is written as a Type0 font with a CIDFontType2 descendant (`Identity-H`, the
//! glyph id is the character code), a subset of the TrueType file holding only the glyphs
//! the text uses (`subsetter`), their widths and a ToUnicode map. Glyph lookup and metrics
//! come from `skrifa` (fontations; `ttf-parser` is unmaintained, RUSTSEC-2026-0192). There is
//! no shaping: each character is one glyph, left to right, which is right for the alphabetic
//! scripts above but not for Arabic or Indic scripts. A character the font lacks prints as
//! the replacement character (U+FFFD).
//!
//! [`text_page`] lays out one A4 page of text in DejaVu Sans, bundled from
//! `assets/fonts/` (licence: `assets/fonts/LICENSE-DejaVu.txt`).

use std::collections::BTreeMap;

use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Name, Pdf, Rect, Ref, Str};
use sha2::{Digest, Sha256};
use skrifa::font::attribute::Style;
use skrifa::font::Font;
use skrifa::raw::types::NameId;
use skrifa::GlyphId;
use subsetter::GlyphRemapper;

use crate::{Error, Result};

/// DejaVu Sans (regular), bundled with Folio.
pub const DEJAVU_SANS: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
/// DejaVu Sans Bold, bundled with Folio.
pub const DEJAVU_SANS_BOLD: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// Shown for characters the font has no glyph for (and extracted as such).
const REPLACEMENT: char = '\u{FFFD}';

/// The character collection of an `Identity-H` font: character code = CID = glyph id.
const IDENTITY: SystemInfo<'static> = SystemInfo { registry: Str(b"Adobe"), ordering: Str(b"Identity"), supplement: 0 };

/// One font prepared for one PDF: the glyphs for a known text, renumbered 1.. in the subset
/// (0 is `.notdef`). The font file is `'static`: Folio's fonts are compiled in.
pub struct PdfFont {
    data: &'static [u8],
    font: Font,
    remapper: GlyphRemapper,
    /// Character → glyph id in the subset.
    codes: BTreeMap<char, u16>,
    /// Glyph id in the subset → the character it shows (the ToUnicode map).
    unicode: BTreeMap<u16, char>,
}

impl PdfFont {
    /// Prepares `data` (a TrueType font file) to show `text`, and nothing else: every
    /// string later passed to [`encode`](Self::encode) must be made of characters of `text`.
    pub fn new(data: &'static [u8], text: &str) -> Result<Self> {
        let font = Font::new(data, 0).ok_or_else(|| Error::Internal("read the PDF font".into()))?;
        let mut prepared =
            PdfFont { data, font, remapper: GlyphRemapper::new(), codes: BTreeMap::new(), unicode: BTreeMap::new() };
        for c in text.chars().filter(|c| !c.is_control()) {
            if prepared.codes.contains_key(&c) {
                continue;
            }
            let (glyph, shown) = match prepared.glyph(c) {
                Some(glyph) => (glyph, c),
                None => (prepared.glyph(REPLACEMENT).unwrap_or(0), REPLACEMENT),
            };
            let code = prepared.remapper.remap(glyph);
            prepared.codes.insert(c, code);
            if code != 0 {
                prepared.unicode.entry(code).or_insert(shown);
            }
        }
        Ok(prepared)
    }

    /// The font's glyph for `c` (TrueType glyph ids fit in 16 bits).
    fn glyph(&self, c: char) -> Option<u16> {
        self.font.charmap().map_unicode(c).and_then(|glyph| u16::try_from(glyph.to_u32()).ok()).filter(|&g| g != 0)
    }

    /// `text` as the two-byte glyph ids that `Content::show` takes for this font. Control
    /// characters are dropped.
    pub fn encode(&self, text: &str) -> Result<Vec<u8>> {
        let mut bytes = Vec::with_capacity(2 * text.len());
        for c in text.chars().filter(|c| !c.is_control()) {
            let code = self
                .codes
                .get(&c)
                .ok_or_else(|| Error::Internal("PDF text uses a character the font was not prepared for".into()))?;
            bytes.extend_from_slice(&code.to_be_bytes());
        }
        Ok(bytes)
    }

    /// The text that a PDF reader extracts from `codes` through this font's ToUnicode map
    /// (the inverse of [`encode`](Self::encode) for characters the font covers).
    pub fn decode(&self, codes: &[u8]) -> String {
        codes
            .chunks(2)
            .map(|pair| {
                let code = u16::from_be_bytes([pair[0], pair.get(1).copied().unwrap_or(0)]);
                self.unicode.get(&code).copied().unwrap_or(REPLACEMENT)
            })
            .collect()
    }

    /// Font units → PDF glyph space (1/1000 em).
    fn scale(&self, value: f32) -> f32 {
        value * 1000.0 / f32::from(self.font.units_per_em().max(1))
    }

    /// Advance widths of the subset's glyphs, indexed by glyph id in the subset.
    fn widths(&self) -> Vec<f32> {
        let metrics = self.font.glyph_metrics();
        self.remapper.remapped_gids().map(|old| self.scale(metrics.h_advance(GlyphId::from(old)))).collect()
    }

    /// The PostScript name with the six-letter subset tag the PDF format asks for
    /// (`ABCDEF+DejaVuSans`), the tag derived from the glyphs kept.
    fn base_font(&self) -> String {
        let names = self.font.names();
        let postscript = names.get(NameId::POSTSCRIPT_NAME).and_then(|name| name.english_or_first());
        let mut postscript: String = postscript
            .map(|name| name.name().chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').take(63).collect())
            .unwrap_or_default();
        if postscript.is_empty() {
            postscript.push_str("Font");
        }
        let mut hash = Sha256::new();
        for glyph in self.remapper.remapped_gids() {
            hash.update(glyph.to_be_bytes());
        }
        let tag: String = hash.finalize().iter().take(6).map(|b| char::from(b'A' + b % 26)).collect();
        format!("{tag}+{postscript}")
    }

    /// Writes the font (Type0 font, CIDFontType2 font, font descriptor, subsetted font file
    /// and ToUnicode map) into `pdf`, taking object ids from `next`. Returns the id of the
    /// Type0 font, for the page's font resources.
    pub fn write(&self, pdf: &mut Pdf, next: &mut Ref) -> Result<Ref> {
        let (type0, cid, descriptor, file, cmap) = (next.bump(), next.bump(), next.bump(), next.bump(), next.bump());
        let base_font = self.base_font();

        pdf.type0_font(type0)
            .base_font(Name(base_font.as_bytes()))
            .encoding_predefined(Name(b"Identity-H"))
            .descendant_font(cid)
            .to_unicode(cmap);

        let widths = self.widths();
        let mut cid_font = pdf.cid_font(cid);
        cid_font
            .subtype(CidFontType::Type2)
            .base_font(Name(base_font.as_bytes()))
            .system_info(IDENTITY)
            .font_descriptor(descriptor)
            .default_width(widths.first().copied().unwrap_or(0.0))
            .cid_to_gid_map_predefined(Name(b"Identity"));
        cid_font.widths().consecutive(0, widths);
        drop(cid_font);

        let metrics = self.font.metrics();
        let style = self.font.style_metrics();
        let attributes = self.font.default_attributes();
        let line = if metrics.use_typo_metrics { metrics.typo_line.or(metrics.hhea_line) } else { metrics.hhea_line };
        let (ascent, descent) = line.map_or((0.0, 0.0), |l| (l.ascender.to_f32(), l.descender.to_f32()));
        let (ascent, descent) = (self.scale(ascent), self.scale(descent));
        // Older OS/2 tables (DejaVu's) have no cap height: the top of "H" is one.
        let cap_height = metrics.cap_height.map(|h| h.to_f32()).or_else(|| {
            let h = self.font.charmap().map_unicode('H')?;
            Some(self.font.glyph_metrics().extents(h)?.y_bearing)
        });
        let bbox = metrics.bounds;
        let mut flags = FontFlags::SYMBOLIC;
        flags.set(FontFlags::FIXED_PITCH, style.is_fixed_pitch.unwrap_or(false));
        flags.set(FontFlags::ITALIC, attributes.style != Style::Normal);
        pdf.font_descriptor(descriptor)
            .name(Name(base_font.as_bytes()))
            .flags(flags)
            .bbox(Rect::new(
                self.scale(bbox.x_min.to_f32()),
                self.scale(bbox.y_min.to_f32()),
                self.scale(bbox.x_max.to_f32()),
                self.scale(bbox.y_max.to_f32()),
            ))
            .italic_angle(style.italic_angle.map_or(0.0, |a| a.to_f32()))
            .ascent(ascent)
            .descent(descent)
            .cap_height(cap_height.map_or(ascent, |h| self.scale(h)))
            // Not in TrueType files; the usual estimate from the weight.
            .stem_v(10.0 + 0.244 * (attributes.weight.value() - 50.0))
            .font_file2(file);

        let subset = subsetter::subset(self.data, 0, &self.remapper)
            .map_err(|e| Error::Internal(format!("subset the PDF font: {e}")))?;
        let length = i32::try_from(subset.len()).map_err(|_| Error::Internal("PDF font subset too large".into()))?;
        pdf.stream(file, &subset).pair(Name(b"Length1"), length);

        let mut map = UnicodeCmap::new(Name(b"Folio-UTF16"), IDENTITY);
        for (&code, &c) in &self.unicode {
            map.pair(code, c);
        }
        pdf.cmap(cmap, &map.finish());
        Ok(type0)
    }
}

const MM: f32 = 72.0 / 25.4;

/// One line of text on a [`text_page`].
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// Start of the baseline, in millimetres from the left edge of the page.
    pub x_mm: f32,
    /// Baseline, in millimetres from the bottom edge of the page.
    pub y_mm: f32,
    /// Font size in points.
    pub size: f32,
    /// DejaVu Sans Bold rather than DejaVu Sans.
    pub bold: bool,
    /// The text, on one line (control characters are dropped).
    pub text: String,
}

/// Splits `text` into lines of at most `chars` characters, breaking between words (a word
/// longer than a line is cut), for a paragraph on a [`text_page`], which sets one line each.
/// About 85 characters of 10 pt fit between 25 mm margins.
pub fn wrap(text: &str, chars: usize) -> Vec<String> {
    let chars = chars.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let used = current.chars().count();
            let room = if used == 0 { chars } else { chars.saturating_sub(used + 1) };
            if word.len() <= room {
                if used > 0 {
                    current.push(' ');
                }
                current.extend(word);
                break;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut current));
                continue;
            }
            let rest = word.split_off(chars);
            lines.push(word.into_iter().collect());
            word = rest;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// Who a document is for, printed under "CONFIDENTIAL" at the top of every page Folio
/// writes (seed 002: information shared is marked confidential and says who may see it).
pub struct Confidential<'a> {
    /// "the school or funder it was prepared for", "the executor of the clinical will".
    pub for_whom: &'a str,
}

impl Confidential<'_> {
    /// The header lines, in the top 15 mm (clear of a label sheet's first row):
    /// "CONFIDENTIAL" in bold, who it is for beside it, and not to pass it on under that.
    pub(crate) fn header(&self) -> [TextLine; 3] {
        let for_whom = self.for_whom.trim();
        let line = |x_mm, y_mm, size, bold, text: String| TextLine { x_mm, y_mm, size, bold, text };
        [
            line(25.0, 289.0, 10.0, true, "CONFIDENTIAL".into()),
            line(55.0, 289.0, 9.0, false, format!("For {for_whom} only.")),
            line(55.0, 285.0, 8.0, false, "Do not pass it on without the therapist's agreement.".into()),
        ]
    }
}

/// One A4 page holding `lines` in DejaVu Sans, as PDF bytes, headed "CONFIDENTIAL" and who
/// it is for: every PDF Folio writes goes through here or [`text_pages`], so none can leave
/// without the mark. Only the fonts used are embedded, each subset to the characters used.
pub fn text_page(mark: &Confidential<'_>, lines: &[TextLine]) -> Result<Vec<u8>> {
    text_pages(mark, &[lines.to_vec()])
}

/// A filled black rectangle on a page, in millimetres from the bottom-left corner: a QR
/// code's modules, drawn as vectors so that it prints sharp at any size with no image.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FilledRect {
    pub x_mm: f32,
    pub y_mm: f32,
    pub w_mm: f32,
    pub h_mm: f32,
}

/// What one page holds: lines of text and filled rectangles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageContent {
    pub lines: Vec<TextLine>,
    pub rects: Vec<FilledRect>,
}

/// A4 pages, each holding its lines and each headed with the mark (as [`text_page`]).
pub fn text_pages(mark: &Confidential<'_>, pages: &[Vec<TextLine>]) -> Result<Vec<u8>> {
    let pages: Vec<PageContent> =
        pages.iter().map(|lines| PageContent { lines: lines.clone(), rects: Vec::new() }).collect();
    drawn_pages(mark, &pages)
}

/// A4 pages of text and filled rectangles, each headed with the mark (as [`text_page`]).
pub fn drawn_pages(mark: &Confidential<'_>, contents: &[PageContent]) -> Result<Vec<u8>> {
    let pages: Vec<Vec<TextLine>> =
        contents.iter().map(|page| mark.header().into_iter().chain(page.lines.iter().cloned()).collect()).collect();
    let all = || pages.iter().flatten();
    let text = |bold: bool| all().filter(|l| l.bold == bold).map(|l| l.text.as_str()).collect::<String>();
    let (regular_text, bold_text) = (text(false), text(true));
    let regular = PdfFont::new(DEJAVU_SANS, &regular_text)?;
    let bold = PdfFont::new(DEJAVU_SANS_BOLD, &bold_text)?;

    let mut next = Ref::new(1);
    let (catalog, tree) = (next.bump(), next.bump());
    let refs: Vec<(Ref, Ref)> = pages.iter().map(|_| (next.bump(), next.bump())).collect();
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids(refs.iter().map(|(page, _)| *page)).count(refs.len() as i32);
    let regular_id = if regular_text.is_empty() { None } else { Some(regular.write(&mut pdf, &mut next)?) };
    let bold_id = if bold_text.is_empty() { None } else { Some(bold.write(&mut pdf, &mut next)?) };

    for ((lines, drawn), (page, stream)) in pages.iter().zip(contents).zip(&refs) {
        let mut p = pdf.page(*page);
        p.media_box(Rect::new(0.0, 0.0, 210.0 * MM, 297.0 * MM));
        p.parent(tree);
        p.contents(*stream);
        let mut resources = p.resources();
        let mut fonts = resources.fonts();
        if let Some(id) = regular_id {
            fonts.pair(Name(b"F1"), id);
        }
        if let Some(id) = bold_id {
            fonts.pair(Name(b"F2"), id);
        }
        drop(fonts);
        drop(resources);
        drop(p);

        let mut content = Content::new();
        for line in lines.iter().filter(|l| !l.text.is_empty()) {
            let (name, font) = if line.bold { (Name(b"F2"), &bold) } else { (Name(b"F1"), &regular) };
            content.begin_text();
            content.set_font(name, line.size);
            content.next_line(line.x_mm * MM, line.y_mm * MM);
            content.show(Str(&font.encode(&line.text)?));
            content.end_text();
        }
        if !drawn.rects.is_empty() {
            content.set_fill_gray(0.0);
            for r in &drawn.rects {
                content.rect(r.x_mm * MM, r.y_mm * MM, r.w_mm * MM, r.h_mm * MM);
            }
            content.fill_nonzero();
        }
        pdf.stream(*stream, &content.finish());
    }
    Ok(pdf.finish())
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn paragraphs_wrap_between_words_and_cut_only_a_word_too_long_for_a_line() {
        assert_eq!(wrap("the later of 7 years after the end", 12), ["the later of", "7 years", "after the", "end"]);
        assert_eq!(wrap("ABCDEFGHIJ xy", 4), ["ABCD", "EFGH", "IJ", "xy"]);
        assert_eq!(wrap("  ", 10), Vec::<String>::new());
        assert_eq!(wrap("🎨🎨🎨 à", 2), ["🎨🎨", "🎨", "à"]);
        assert!(wrap(&"word ".repeat(1000), 85).iter().all(|l| l.chars().count() <= 85));
    }
}
