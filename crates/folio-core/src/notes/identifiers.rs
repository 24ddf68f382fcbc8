//! The identifier check: finds what identifies a person in a clinical note, so that notes
//! keep to initials (seed 000: "All clients are identified by initials only in clinical
//! notes and correspondence").
//!
//! Two kinds of finding:
//! - **Names and places on file** — this client's names (each part of a hyphenated or
//!   apostrophe name too), address lines, setting, the people on the record, and every other
//!   client's names — matched as whole words, ignoring case and accents ("Zoe" finds "Zoë"),
//!   with one `aho-corasick` automaton over text folded by `deunicode`.
//! - **Shapes** — the client's date of birth in its usual written forms, and any postcode,
//!   phone number, e-mail address or NHS number (10 digits passing the modulus-11 check),
//!   on file or not, found with `regex`.
//!
//! Offsets are Unicode code points into the text as written (`end` exclusive), hits never
//! overlap (the longer wins), and each carries a suggestion: the client's initials for their
//! names, a neutral phrase for the rest. A [`Checker`] is built once per client and run on
//! every pause in typing.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use chrono::{Datelike, NaiveDate};
use regex::Regex;

/// What a hit is, as the CLI's `--json` and the app name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum HitKind {
    GivenName,
    FamilyName,
    PreferredName,
    DateOfBirth,
    Address,
    Postcode,
    Phone,
    Email,
    Setting,
    RelatedPerson,
    OtherClient,
    NhsNumber,
}

impl HitKind {
    /// What it matched, in words ("Zoe — the client's first name").
    pub fn in_words(self) -> &'static str {
        match self {
            HitKind::GivenName => "the client's first name",
            HitKind::FamilyName => "the client's surname",
            HitKind::PreferredName => "the name the client prefers",
            HitKind::DateOfBirth => "the client's date of birth",
            HitKind::Address => "the client's address",
            HitKind::Postcode => "a postcode",
            HitKind::Phone => "a phone number",
            HitKind::Email => "an e-mail address",
            HitKind::Setting => "the client's school or setting",
            HitKind::RelatedPerson => "a person on the client's record",
            HitKind::OtherClient => "another client's name",
            HitKind::NhsNumber => "an NHS number",
        }
    }
}

/// One thing found: the span as written, what it is, and what could replace it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Hit {
    pub text: String,
    pub kind: HitKind,
    /// Code-point offsets into the text, `end` exclusive.
    pub start: usize,
    pub end: usize,
    pub suggestion: Option<String>,
}

/// What identifies this client, from the record.
#[derive(Clone, Debug, Default)]
pub struct Subject {
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: String,
    pub initials: String,
    pub date_of_birth: Option<NaiveDate>,
    /// Lines (or comma-separated parts) of the home address.
    pub address: String,
    pub setting_name: String,
    /// People on the record: parents and carers, the setting's contact, the GP, the
    /// referrer, linked professionals.
    pub related: Vec<String>,
}

/// Names shorter than this are not looked for: a single letter is an initial.
const MIN_TERM: usize = 2;

/// Names that are also everyday words: found only when written with a capital letter
/// ("Rose said" is a hit, "the sun rose" is not).
const EVERYDAY_WORDS: &[&str] = &[
    "amber", "april", "art", "autumn", "baker", "bell", "berry", "bill", "black", "brook", "brown", "bush", "carter",
    "chase", "cook", "crystal", "daisy", "dale", "dawn", "dean", "denver", "dusty", "faith", "fisher", "ford", "fox",
    "frank", "gay", "glen", "gold", "grace", "green", "grant", "hall", "harmony", "hazel", "heather", "hill", "holly",
    "hope", "hunter", "iris", "ivy", "jack", "jade", "jay", "jewel", "joy", "june", "king", "lake", "lane", "lee",
    "lily", "long", "love", "mark", "marsh", "mason", "may", "miles", "moon", "morgan", "nick", "north", "olive",
    "page", "park", "pat", "patience", "pearl", "penny", "pepper", "piper", "price", "rain", "ray", "reed", "river",
    "robin", "rock", "rose", "ruby", "rush", "rusty", "sage", "sandy", "scarlett", "shepherd", "short", "sky", "skye",
    "smith", "snow", "sole", "spring", "star", "stone", "storm", "summer", "sunny", "swift", "taylor", "violet",
    "wade", "ward", "west", "white", "will", "winter", "wolf", "wood", "woods", "wren", "young",
];

/// What a term in the automaton stands for.
struct Term {
    kind: HitKind,
    everyday: bool,
}

/// A client's identifiers, ready to check text against (build once, check often).
pub struct Checker {
    names: Option<AhoCorasick>,
    terms: Vec<Term>,
    date_of_birth: Option<NaiveDate>,
    initials: String,
}

impl Checker {
    /// `others` are the other clients' (given, family) names.
    pub fn new(subject: &Subject, others: &[(String, String)]) -> Checker {
        let mut patterns: Vec<String> = Vec::new();
        let mut terms: Vec<Term> = Vec::new();
        let mut add = |text: &str, kind: HitKind, parts: bool| {
            for variant in name_variants(text, parts) {
                if variant.chars().filter(|c| c.is_alphanumeric()).count() >= MIN_TERM && !patterns.contains(&variant) {
                    let everyday = EVERYDAY_WORDS.contains(&variant.as_str());
                    patterns.push(variant);
                    terms.push(Term { kind, everyday });
                }
            }
        };
        // This client's own first: where the same word is on file twice, the closer wins.
        add(&subject.given_name, HitKind::GivenName, true);
        add(&subject.family_name, HitKind::FamilyName, true);
        add(&subject.preferred_name, HitKind::PreferredName, true);
        for line in subject.address.split(['\n', ',']) {
            if line.chars().filter(|c| c.is_alphanumeric()).count() >= 4 {
                add(line, HitKind::Address, false);
            }
        }
        add(&subject.setting_name, HitKind::Setting, false);
        for person in &subject.related {
            add(person, HitKind::RelatedPerson, true);
        }
        for (given, family) in others {
            add(&format!("{given} {family}"), HitKind::OtherClient, false);
            add(given, HitKind::OtherClient, true);
            add(family, HitKind::OtherClient, true);
        }
        let names = (!patterns.is_empty())
            .then(|| AhoCorasickBuilder::new().match_kind(MatchKind::Standard).build(&patterns).ok())
            .flatten();
        Checker { names, terms, date_of_birth: subject.date_of_birth, initials: subject.initials.clone() }
    }

    /// Every identifier in `text`, sorted by `start`, none overlapping.
    pub fn check(&self, text: &str) -> Vec<Hit> {
        let chars = CharIndex::new(text);
        let mut found: Vec<(usize, usize, HitKind)> = Vec::new();
        self.find_names(text, &mut found);
        self.find_shapes(text, &chars, &mut found);
        // The longer of two overlapping hits wins; then the earlier.
        found.sort_by(|a, b| a.0.cmp(&b.0).then((b.1 - b.0).cmp(&(a.1 - a.0))));
        let mut hits: Vec<Hit> = Vec::new();
        let mut kept: Vec<(usize, usize, HitKind)> = Vec::new();
        for candidate in found {
            let overlaps = kept.iter().position(|k| candidate.0 < k.1 && k.0 < candidate.1);
            match overlaps {
                None => kept.push(candidate),
                Some(i) if candidate.1 - candidate.0 > kept[i].1 - kept[i].0 => kept[i] = candidate,
                Some(_) => {}
            }
        }
        kept.sort();
        for (start, end, kind) in kept {
            hits.push(Hit {
                text: chars.slice(text, start, end).to_string(),
                kind,
                start,
                end,
                suggestion: self.suggestion(kind),
            });
        }
        hits
    }

    fn find_names(&self, text: &str, found: &mut Vec<(usize, usize, HitKind)>) {
        let Some(names) = &self.names else { return };
        let folded = fold(text);
        let bytes = folded.text.as_bytes();
        let is_word = |b: u8| b.is_ascii_alphanumeric();
        for m in names.find_overlapping_iter(&folded.text) {
            let (s, e) = (m.start(), m.end());
            let bounded = (s == 0 || !is_word(bytes[s - 1])) && (e == bytes.len() || !is_word(bytes[e]));
            if !bounded {
                continue;
            }
            let term = &self.terms[m.pattern().as_usize()];
            let (start, end) = (folded.origin[s], folded.origin[e - 1] + 1);
            if term.everyday && !starts_with_capital(text, start) {
                continue;
            }
            found.push((start, end, term.kind));
        }
    }

    fn find_shapes(&self, text: &str, chars: &CharIndex, found: &mut Vec<(usize, usize, HitKind)>) {
        let p = patterns();
        let mut push = |m: regex::Match<'_>, kind: HitKind| found.push((chars.at(m.start()), chars.at(m.end()), kind));
        if let Some(dob) = self.date_of_birth {
            // (pattern, which groups hold day, month, year; a month may be a name)
            let forms: [(&Regex, [usize; 3]); 4] = [
                (&p.numeric_date, [1, 2, 3]),
                (&p.iso_date, [3, 2, 1]),
                (&p.day_month_year, [1, 2, 3]),
                (&p.month_day_year, [2, 1, 3]),
            ];
            for (pattern, [d, m, y]) in forms {
                for caps in pattern.captures_iter(text) {
                    let (Some(all), Some(day), Some(month), Some(year)) =
                        (caps.get(0), caps.get(d), caps.get(m), caps.get(y))
                    else {
                        continue;
                    };
                    if same_day(dob, day.as_str(), &month_number(month.as_str()), year.as_str()) {
                        push(all, HitKind::DateOfBirth);
                    }
                }
            }
        }
        for m in p.postcode.find_iter(text) {
            push(m, HitKind::Postcode);
        }
        for m in p.email.find_iter(text) {
            push(m, HitKind::Email);
        }
        for m in p.phone.find_iter(text) {
            let digits = m.as_str().chars().filter(char::is_ascii_digit).count();
            let international = m.as_str().trim_start().starts_with('+');
            if (international && (11..=12).contains(&digits)) || (!international && (10..=11).contains(&digits)) {
                push(m, HitKind::Phone);
            }
        }
        for m in p.nhs_number.find_iter(text) {
            if nhs_number_is_valid(m.as_str()) {
                push(m, HitKind::NhsNumber);
            }
        }
    }

    fn suggestion(&self, kind: HitKind) -> Option<String> {
        let initials = (!self.initials.is_empty()).then(|| self.initials.clone());
        match kind {
            HitKind::GivenName | HitKind::FamilyName | HitKind::PreferredName => initials,
            HitKind::DateOfBirth => Some("their date of birth".into()),
            HitKind::Address | HitKind::Postcode => Some("their home".into()),
            HitKind::Phone => Some("their phone number".into()),
            HitKind::Email => Some("their e-mail address".into()),
            HitKind::Setting => Some("their school".into()),
            HitKind::RelatedPerson => Some("a person close to them".into()),
            HitKind::OtherClient => Some("another child".into()),
            HitKind::NhsNumber => None,
        }
    }
}

/// Titles are not names: "Dr" alone is not a hit.
const TITLES: &[&str] = &["dr", "mr", "mrs", "ms", "miss", "mx", "prof", "rev", "sir", "dame", "lady", "lord"];

/// A name as it is looked for: folded, also spelt without its joins ("O'Brien-Hart" as
/// "obrien hart", "obrienhart", "o brien hart"…), and, for a person (`parts`), each part
/// that is not a title ("brien", "hart").
fn name_variants(name: &str, parts: bool) -> Vec<String> {
    let folded = fold(name.trim()).text.split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.is_empty() {
        return Vec::new();
    }
    let mut variants: Vec<String> = Vec::new();
    for apostrophe in ["'", "", " "] {
        for hyphen in ["-", "", " "] {
            let v = folded.replace('\'', apostrophe).replace('-', hyphen);
            let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
            if !variants.contains(&v) {
                variants.push(v);
            }
        }
    }
    if parts {
        // Each part of a hyphenated name as written ("O'Brien" of "O'Brien-Hart"), with and
        // without its apostrophe; then each word ("Brien", "Hart").
        for part in folded.replace('-', " ").split_whitespace().filter(|p| p.contains('\'')) {
            for apostrophe in ["'", "", " "] {
                let v = part.replace('\'', apostrophe);
                if !variants.contains(&v) {
                    variants.push(v);
                }
            }
        }
        for part in folded.replace(['-', '\''], " ").split_whitespace() {
            if !TITLES.contains(&part) && !variants.iter().any(|v| v == part) {
                variants.push(part.to_string());
            }
        }
    }
    variants
}

/// Text folded for matching: lower-case ASCII (accents and look-alikes through
/// `deunicode`), with each folded byte's code-point index in the original.
struct Folded {
    text: String,
    origin: Vec<usize>,
}

fn fold(text: &str) -> Folded {
    let mut folded = Folded { text: String::with_capacity(text.len()), origin: Vec::with_capacity(text.len()) };
    for (i, c) in text.chars().enumerate() {
        let ascii = if c.is_ascii() {
            c.to_ascii_lowercase().to_string()
        } else {
            deunicode::deunicode_char(c).unwrap_or("").to_ascii_lowercase()
        };
        for b in ascii.bytes() {
            folded.text.push(b as char);
            folded.origin.push(i);
        }
    }
    folded
}

fn starts_with_capital(text: &str, at: usize) -> bool {
    text.chars().nth(at).is_some_and(char::is_uppercase)
}

/// Byte offsets to code-point offsets, and back, for one text.
struct CharIndex {
    /// Byte offset of each code point, then the text's length.
    starts: Vec<usize>,
}

impl CharIndex {
    fn new(text: &str) -> CharIndex {
        let mut starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        starts.push(text.len());
        CharIndex { starts }
    }

    fn at(&self, byte: usize) -> usize {
        self.starts.partition_point(|&b| b < byte)
    }

    fn slice<'t>(&self, text: &'t str, start: usize, end: usize) -> &'t str {
        let (s, e) = (self.starts[start.min(self.starts.len() - 1)], self.starts[end.min(self.starts.len() - 1)]);
        &text[s..e]
    }
}

struct Patterns {
    numeric_date: Regex,
    iso_date: Regex,
    day_month_year: Regex,
    month_day_year: Regex,
    postcode: Regex,
    email: Regex,
    phone: Regex,
    nhs_number: Regex,
}

const MONTH: &str = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        // The patterns are constants: a failure to compile is a bug caught by every test.
        let re = |p: &str| Regex::new(p).unwrap_or_else(|e| panic!("identifier pattern: {e}"));
        Patterns {
            numeric_date: re(r"\b(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})\b"),
            iso_date: re(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b"),
            day_month_year: re(&format!(r"(?i)\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+{MONTH}\.?,?\s+(\d{{4}})\b")),
            month_day_year: re(&format!(r"(?i)\b{MONTH}\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b")),
            postcode: re(r"(?i)\b[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}\b"),
            email: re(r"\b[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}\b"),
            phone: re(r"(?:\+44\s*(?:\(0\)\s*)?|\b0)\d(?:[\s\-]?\d){8,10}\b"),
            nhs_number: re(r"\b\d{3}[\s\-]?\d{3}[\s\-]?\d{4}\b"),
        }
    })
}

/// "April" → "4"; digits stay as they are.
fn month_number(name: &str) -> String {
    if name.chars().all(|c| c.is_ascii_digit()) {
        return name.to_string();
    }
    let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let lower = name.to_ascii_lowercase();
    months.iter().position(|m| lower.starts_with(m)).map(|i| (i + 1).to_string()).unwrap_or_default()
}

/// Whether day/month/year as written (a year of two digits is its last two) is `dob`.
fn same_day(dob: NaiveDate, day: &str, month: &str, year: &str) -> bool {
    let (Ok(d), Ok(m), Ok(y)) = (day.parse::<u32>(), month.parse::<u32>(), year.parse::<i32>()) else { return false };
    let year_matches = if year.len() == 2 { y == dob.year() % 100 } else { y == dob.year() };
    d == dob.day() && m == dob.month() && year_matches
}

/// The NHS number's modulus-11 check: weights 10 down to 2 on the first nine digits; the
/// check digit is 11 minus the remainder (11 → 0; 10 means no valid number).
pub fn nhs_number_is_valid(text: &str) -> bool {
    let digits: Vec<u32> = text.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 10 {
        return false;
    }
    let sum: u32 = digits[..9].iter().zip((2..=10).rev()).map(|(d, w)| d * w).sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        c => c,
    };
    check == digits[9]
}

#[cfg(test)]
#[path = "identifiers_tests.rs"]
mod tests;
