//! Pure rules for notes: a note's text as headed sections, when a risk or safeguarding
//! section counts as filled in, and how a search the therapist types becomes an FTS5 query.

use crate::{Error, Result};

/// One headed part of a note. A note keeps the headings it was written with, whatever the
/// template says later.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Section {
    /// Empty for a note without headings (a free note).
    pub heading: String,
    pub text: String,
}

/// Reads plain text in which a line starting `## ` begins a section with that heading.
/// Text before the first heading is a section without a heading (dropped when blank).
pub fn parse_text(text: &str) -> Vec<Section> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut sections: Vec<Section> = Vec::new();
    let mut current = Section::default();
    let mut started = false;
    for line in text.split('\n') {
        if let Some(heading) = line.strip_prefix("## ") {
            if started || !current.text.trim().is_empty() {
                sections.push(finish(current));
            }
            current = Section { heading: heading.trim().to_string(), text: String::new() };
            started = true;
        } else {
            current.text.push_str(line);
            current.text.push('\n');
        }
    }
    if started || !current.text.trim().is_empty() {
        sections.push(finish(current));
    }
    sections
}

fn finish(mut section: Section) -> Section {
    section.text = section.text.trim_matches('\n').to_string();
    section
}

/// The note as plain text, the inverse of [`parse_text`]: what `note show` prints and what
/// the search index holds.
pub fn render_text(sections: &[Section]) -> String {
    let mut out = String::new();
    for section in sections {
        if !out.is_empty() {
            out.push('\n');
        }
        if !section.heading.is_empty() {
            out.push_str("## ");
            out.push_str(&section.heading);
            out.push('\n');
        }
        if !section.text.is_empty() {
            out.push_str(&section.text);
            out.push('\n');
        }
    }
    out
}

/// The note as the search index holds it: "Heading: text" per section written (empty ones
/// left out), so that a snippet reads as prose ("Themes: played the [drum] …").
pub fn search_text(sections: &[Section]) -> String {
    sections
        .iter()
        .filter(|s| !s.text.trim().is_empty())
        .map(|s| if s.heading.is_empty() { s.text.clone() } else { format!("{}: {}", s.heading, s.text) })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What a section is about, from its heading: the see-note flag follows risk and
/// safeguarding sections however the therapist renamed them ("Risk assessment").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Concern {
    Risk,
    Safeguarding,
}

pub fn concern_of(heading: &str) -> Option<Concern> {
    let heading = heading.to_lowercase();
    if heading.contains("safeguard") {
        Some(Concern::Safeguarding)
    } else if heading.contains("risk") {
        Some(Concern::Risk)
    } else {
        None
    }
}

/// Answers that say there is nothing to report. A risk section reading "None noted" is not
/// filled in: the see-note flag is for something the next reader must see.
const NOTHING_TO_REPORT: &[&str] = &[
    "",
    "none",
    "no",
    "nil",
    "na",
    "n a",
    "not applicable",
    "none noted",
    "none identified",
    "none reported",
    "none known",
    "no concerns",
    "no concern",
    "no concerns noted",
    "no concerns identified",
    "no concerns raised",
    "no risk",
    "no risks",
    "no risk concerns",
    "no risks identified",
    "no risk identified",
    "no risks noted",
    "no safeguarding concerns",
    "no safeguarding concern",
    "no safeguarding issues",
    "no new concerns",
    "nothing to note",
    "nothing to report",
    "nothing of note",
];

/// True when a section says something: not blank and not a "nothing to report" answer.
pub fn is_filled_in(text: &str) -> bool {
    let words: String = text
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    !NOTHING_TO_REPORT.contains(&words.as_str())
}

/// The concerns a note's sections raise (each at most once, in order).
pub fn concerns(sections: &[Section]) -> Vec<Concern> {
    let mut out = Vec::new();
    for section in sections {
        if let Some(concern) = concern_of(&section.heading) {
            if is_filled_in(&section.text) && !out.contains(&concern) {
                out.push(concern);
            }
        }
    }
    out
}

/// The longest search Folio accepts.
pub const MAX_QUERY_CHARS: usize = 500;

/// Turns what the therapist types into an FTS5 query: words (all must appear), prefixes
/// (`ang*`) and phrases (`"felt angry"`). Every word is quoted, so FTS5's own operators
/// (`NOT`, `NEAR`, `-`, `:`) and stray punctuation are just text and never a syntax error.
pub fn match_expression(query: &str) -> Result<String> {
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(Error::invalid("query", "The search is longer than 500 characters. Search for fewer words."));
    }
    if query.chars().any(|c| c.is_control()) {
        return Err(Error::invalid("query", "Type the search on one line."));
    }
    let mut terms: Vec<String> = Vec::new();
    let mut rest = query;
    while !rest.is_empty() {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        if let Some(after) = rest.strip_prefix('"') {
            let (phrase, tail) = match after.find('"') {
                Some(end) => (&after[..end], &after[end + 1..]),
                None => (after, ""),
            };
            let words = words_of(phrase);
            if !words.is_empty() {
                terms.push(format!("\"{}\"", words.join(" ")));
            }
            rest = tail;
        } else {
            let end = rest.find(|c: char| c.is_whitespace() || c == '"').unwrap_or(rest.len());
            let token = &rest[..end];
            rest = &rest[end..];
            let prefix = token.ends_with('*');
            let words = words_of(token);
            match (words.len(), prefix) {
                (0, _) => {}
                (1, true) => terms.push(format!("\"{}\" *", words[0])),
                (_, true) => terms.push(format!("\"{}\" *", words.join(" "))),
                (1, false) => terms.push(format!("\"{}\"", words[0])),
                // "well-being" is searched as the phrase it is.
                (_, false) => terms.push(format!("\"{}\"", words.join(" "))),
            }
        }
    }
    if terms.is_empty() {
        return Err(Error::invalid("query", "Type a word to search for."));
    }
    Ok(terms.join(" AND "))
}

/// The word characters of `text`, split where FTS5's unicode61 tokenizer splits.
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headed_text_reads_as_sections_and_back() {
        let text = "## Themes\nLoss, and the dog.\n\n## Risk\nNone noted.\n";
        let sections = parse_text(text);
        assert_eq!(
            sections,
            vec![
                Section { heading: "Themes".into(), text: "Loss, and the dog.".into() },
                Section { heading: "Risk".into(), text: "None noted.".into() },
            ]
        );
        assert_eq!(parse_text(&render_text(&sections)), sections);
        // No headings: one untitled section; Windows line ends read the same.
        assert_eq!(
            parse_text("Just text.\r\nMore.\r\n"),
            vec![Section { heading: String::new(), text: "Just text.\nMore.".into() }]
        );
        // A heading with nothing under it is kept (the note keeps its headings).
        assert_eq!(parse_text("## Plan\n").len(), 1);
        assert!(parse_text("").is_empty());
        // "##no space" is text, not a heading.
        assert_eq!(parse_text("##Themes\nx")[0].heading, "");
    }

    #[test]
    fn a_risk_or_safeguarding_section_counts_only_when_it_says_something() {
        let note = |heading: &str, text: &str| vec![Section { heading: heading.into(), text: text.into() }];
        for nothing in ["", "None.", "none noted", "No risk concerns.", "N/A", "Nothing to report", "No concerns"] {
            assert!(concerns(&note("Risk", nothing)).is_empty(), "{nothing:?} is nothing to report");
        }
        assert_eq!(concerns(&note("Risk assessment", "Spoke of wanting to run away.")), vec![Concern::Risk]);
        assert_eq!(concerns(&note("Safeguarding", "Bruise on arm; DSL informed.")), vec![Concern::Safeguarding]);
        assert!(concerns(&note("Themes", "Risk and danger in the picture.")).is_empty(), "only risk headings count");
    }

    #[test]
    fn searches_become_quoted_fts_queries_that_cannot_be_a_syntax_error() {
        let cases = [
            ("angry", "\"angry\""),
            ("angry dog", "\"angry\" AND \"dog\""),
            ("ang*", "\"ang\" *"),
            ("\"felt angry\" dog", "\"felt angry\" AND \"dog\""),
            ("NOT dog", "\"NOT\" AND \"dog\""),
            ("well-being", "\"well being\""),
            ("col:umn (x) -y", "\"col umn\" AND \"x\" AND \"y\""),
            ("\"unclosed phrase", "\"unclosed phrase\""),
            ("Zoë", "\"Zoë\""),
        ];
        for (typed, expected) in cases {
            assert_eq!(match_expression(typed).ok().as_deref(), Some(expected), "{typed}");
        }
        for nothing in ["", "   ", "***", "\"\"", "-"] {
            assert!(match_expression(nothing).is_err(), "{nothing:?}");
        }
        assert!(match_expression(&"a ".repeat(300)).is_err());
    }
}
