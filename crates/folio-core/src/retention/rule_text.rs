//! A rule's text form, short enough to type and to copy: one line per case,
//! `WHEN: TERM, TERM`, where `WHEN` is a condition's id (`always`, `17-at-end`, `child`,
//! `adult`, `safeguarding`; left out, it is `always`) and each `TERM` an anchor's id, a plus
//! sign and a period in years and months: `end+7y`, `end+2m`, `birth+1y6m`,
//! `client-record+0y`. The case is the later of its terms, as in [`super::rules`].
//!
//! ```text
//! child: birth+25y, end+7y
//! adult: end+7y
//! always: own+3y, client-record+0y
//! ```
//!
//! Parsed and printed here, so every adapter reads and shows the same form, and printing a
//! rule then parsing it gives the same rule. A refusal names the piece that is wrong and
//! says how to write it; nothing typed can panic (any length, any character, any number).

use super::rules::{Anchor, Case, Rule, Term, When};
use crate::{Error, Result};

/// The longest period a rule may give, in years (the longest seed keeps child protection
/// records 70 years).
pub const MAX_YEARS: u32 = 100;

/// The longest a case may be as text: a condition and a few periods fit many times over.
const CASE_MAX: usize = crate::text::LINE_MAX;

/// How much of a wrong piece a message repeats.
const SHOWN_MAX: usize = 40;

/// A case in its text form: `child: birth+25y, end+7y`.
pub fn case_text(case: &Case) -> String {
    let terms: Vec<String> = case.terms.iter().map(term_text).collect();
    format!("{}: {}", case.when.as_str(), terms.join(", "))
}

/// A rule in its text form, one case per line, in order.
pub fn rule_text(rule: &Rule) -> Vec<String> {
    rule.cases.iter().map(case_text).collect()
}

/// A term in its text form: `end+7y`, `end+2m`, `birth+1y6m`, `own+0y`.
pub fn term_text(term: &Term) -> String {
    let period = match (term.years, term.months) {
        (y, 0) => format!("{y}y"),
        (0, m) => format!("{m}m"),
        (y, m) => format!("{y}y{m}m"),
    };
    format!("{}+{period}", term.anchor.as_str())
}

/// A rule from the text of its cases, in order (the first case whose condition holds).
pub fn parse_rule<S: AsRef<str>>(cases: &[S]) -> Result<Rule> {
    if cases.is_empty() {
        return Err(invalid("Give the rule at least one case, like always: end+7y.".into()));
    }
    let cases = cases.iter().map(|c| parse_case(c.as_ref())).collect::<Result<Vec<_>>>()?;
    Ok(Rule { cases })
}

/// One case from its text form: `child: birth+25y, end+7y`, or `end+7y` for always.
pub fn parse_case(text: &str) -> Result<Case> {
    if text.chars().nth(CASE_MAX).is_some() {
        return Err(invalid(format!(
            "A case is at most {CASE_MAX} characters: a condition and its periods, like child: birth+25y, end+7y."
        )));
    }
    if let Some(problem) = crate::text::one_line_problem("case", text) {
        return Err(invalid(problem));
    }
    let text = text.trim();
    if text.is_empty() {
        return Err(invalid("Write the case, like always: end+7y or child: birth+25y, end+7y.".into()));
    }
    let (when, terms) = match text.split_once(':') {
        Some((when, terms)) => (parse_when(when.trim())?, terms),
        None => (When::Always, text),
    };
    if terms.contains(':') {
        return Err(invalid(format!(
            "{} has more than one colon: a case has one condition. Give each condition a case of its own.",
            shown(text)
        )));
    }
    if terms.trim().is_empty() {
        return Err(invalid(format!(
            "{} needs at least one period after the colon, like {}: end+7y.",
            shown(text),
            when.as_str()
        )));
    }
    let terms = terms.split(',').map(|piece| parse_term(piece.trim(), text)).collect::<Result<Vec<_>>>()?;
    Ok(Case { when, terms })
}

fn parse_when(text: &str) -> Result<When> {
    if text.is_empty() {
        return Err(invalid(format!(
            "A case has a colon with no condition before it. Write one of: {}; or leave out the colon, for always.",
            ids(When::ALL.iter().map(|w| w.as_str()))
        )));
    }
    let wanted = text.to_lowercase();
    When::ALL.iter().copied().find(|w| w.as_str() == wanted).ok_or_else(|| {
        invalid(format!(
            "{} is not a condition. Write one of: {} (or no condition, for always).",
            shown(text),
            ids(When::ALL.iter().map(|w| w.as_str()))
        ))
    })
}

/// A term; `case` is the whole case, for a message about an empty piece.
fn parse_term(piece: &str, case: &str) -> Result<Term> {
    if piece.is_empty() {
        return Err(invalid(format!(
            "{} has an empty period (two commas together, or one at an end). Write a period between each pair of commas.",
            shown(case)
        )));
    }
    let lower = piece.to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or_default();
    if let Some(when) = When::ALL.iter().find(|w| w.as_str() == first) {
        return Err(invalid(format!(
            "{} needs a colon after the condition and then its periods, like {}: end+7y.",
            shown(piece),
            when.as_str()
        )));
    }
    let Some((anchor, period)) = piece.split_once('+') else {
        return Err(invalid(without_plus(piece, &lower)));
    };
    let anchor = parse_anchor(anchor.trim(), piece)?;
    let (years, months) = parse_period(period.trim(), piece, anchor)?;
    Ok(Term { anchor, years, months })
}

/// What to say about a piece with no plus sign (`lower` is the piece in lower case).
fn without_plus(piece: &str, lower: &str) -> String {
    if let Some(a) = Anchor::ALL.iter().map(|a| a.as_str()).find(|a| lower.starts_with(a)) {
        let rest = lower[a.len()..].trim_start();
        if rest.is_empty() {
            return format!(
                "{} needs a period: write {a}+7y for 7 years after it, or {a}+0y for the date itself.",
                shown(piece)
            );
        }
        if rest.starts_with('-') {
            return format!("{} counts backwards: periods count forwards from the date, like {a}+7y.", shown(piece));
        }
    }
    format!(
        "{} is not a period: write what it counts from, a plus sign and the time, like end+7y or birth+25y.",
        shown(piece)
    )
}

fn parse_anchor(text: &str, piece: &str) -> Result<Anchor> {
    if text.is_empty() {
        return Err(invalid(format!(
            "{} needs what the period counts from before the plus sign: one of {}, like end+7y.",
            shown(piece),
            ids(Anchor::ALL.iter().map(|a| a.as_str()))
        )));
    }
    let wanted = text.to_lowercase();
    Anchor::ALL.iter().copied().find(|a| a.as_str() == wanted).ok_or_else(|| {
        invalid(format!(
            "In {}, {} is not something a period counts from. Write one of: {}.",
            shown(piece),
            shown(text),
            ids(Anchor::ALL.iter().map(|a| a.as_str()))
        ))
    })
}

/// `7y`, `2m`, `1y6m`: (years, months), at most [`MAX_YEARS`] in all.
fn parse_period(text: &str, piece: &str, anchor: Anchor) -> Result<(u32, u32)> {
    let a = anchor.as_str();
    let not_a_period = || {
        invalid(format!(
            "{} is not a period: write the years with y and the months with m, like {a}+7y, {a}+2m or {a}+1y6m.",
            shown(piece)
        ))
    };
    let too_long = || invalid(format!("{} is too long: a period can be at most {MAX_YEARS} years.", shown(piece)));
    if text.is_empty() {
        return Err(invalid(format!("{} needs a time after the plus sign, like {a}+7y.", shown(piece))));
    }
    let lower = text.to_lowercase();
    let mut rest = lower.as_str();
    let mut years = None;
    let mut months = None;
    while !rest.is_empty() {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let (number, after) = rest.split_at(digits);
        if number.is_empty() {
            return Err(not_a_period());
        }
        // More than 100 years however it is written: no digit string can overflow.
        let value = number.trim_start_matches('0');
        let value: u32 = if value.is_empty() {
            0
        } else if value.len() > 5 {
            return Err(too_long());
        } else {
            value.parse().map_err(|_| too_long())?
        };
        let mut chars = after.chars();
        match chars.next() {
            None => {
                return Err(invalid(format!(
                    "{} needs a unit: write {a}+{value}y for years or {a}+{value}m for months.",
                    shown(piece)
                )))
            }
            Some('y') if years.is_none() && months.is_none() => years = Some(value),
            Some('m') if months.is_none() => months = Some(value),
            Some(_) => return Err(not_a_period()),
        }
        rest = chars.as_str();
    }
    let (years, months) = (years.unwrap_or(0), months.unwrap_or(0));
    if years > MAX_YEARS || years.saturating_mul(12).saturating_add(months) > MAX_YEARS * 12 {
        return Err(too_long());
    }
    Ok((years, months))
}

/// A piece of what was typed, in quotation marks, cut short if long. Case text is one line
/// with nothing hidden by the time a piece is shown.
fn shown(piece: &str) -> String {
    let mut chars = piece.chars();
    let head: String = chars.by_ref().take(SHOWN_MAX).collect();
    let more = if chars.next().is_some() { "…" } else { "" };
    format!("\"{head}{more}\"")
}

fn ids<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    ids.collect::<Vec<_>>().join(", ")
}

fn invalid(message: String) -> Error {
    Error::invalid("rule", message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::retention::rules::Category;
    use crate::retention::{preset, PRESETS};

    fn term(anchor: Anchor, years: u32, months: u32) -> Term {
        Term { anchor, years, months }
    }

    fn refusal(text: &str) -> String {
        match parse_case(text) {
            Ok(case) => panic!("{text:?} was read as {case:?}"),
            Err(e) => {
                assert_eq!(e.field(), Some("rule"), "{e}");
                e.to_string()
            }
        }
    }

    #[test]
    fn every_rule_of_every_preset_prints_and_parses_back_to_itself() {
        for p in PRESETS {
            let policy = preset(p.id).unwrap_or_else(|| panic!("{}", p.id));
            for category in Category::ALL {
                let rule = policy.rule(*category);
                let text = rule_text(rule);
                assert_eq!(parse_rule(&text).ok().as_ref(), Some(rule), "{} {category}: {text:?}", p.id);
            }
        }
    }

    #[test]
    fn periods_in_years_months_or_both_round_trip() {
        for (years, months) in [(0, 0), (7, 0), (0, 2), (1, 6), (0, 24), (100, 0), (0, 1200), (99, 12)] {
            let case = Case { when: When::Child, terms: vec![term(Anchor::Birth, years, months)] };
            assert_eq!(parse_case(&case_text(&case)).ok(), Some(case.clone()), "{}", case_text(&case));
        }
    }

    #[test]
    fn the_written_forms() {
        let read = |text: &str| parse_case(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(
            read("child: birth+25y, end+7y"),
            Case { when: When::Child, terms: vec![term(Anchor::Birth, 25, 0), term(Anchor::End, 7, 0)] }
        );
        assert_eq!(read("end+2m"), Case { when: When::Always, terms: vec![term(Anchor::End, 0, 2)] });
        assert_eq!(
            read("  Always :own+3Y,client-record + 0y "),
            Case { when: When::Always, terms: vec![term(Anchor::Own, 3, 0), term(Anchor::ClientRecord, 0, 0)] }
        );
        assert_eq!(read("17-at-end: birth+26y").when, When::SeventeenAtEnd);
        assert_eq!(read("safeguarding: end+1y6m").terms, vec![term(Anchor::End, 1, 6)]);
        assert_eq!(read("adult: end+007y0m").terms, vec![term(Anchor::End, 7, 0)]);
        assert_eq!(case_text(&read("always: end+0y6m")), "always: end+6m");
    }

    #[test]
    fn each_refusal_names_the_piece_and_says_how_to_write_it() {
        let cases: &[(&str, &str)] = &[
            ("end+7", "\"end+7\" needs a unit: write end+7y for years or end+7m for months."),
            ("always: end+7y, birth+25", "\"birth+25\" needs a unit: write birth+25y for years or birth+25m for months."),
            ("ending+7y", "In \"ending+7y\", \"ending\" is not something a period counts from. Write one of: end, birth, own, client-record."),
            ("kid: end+7y", "\"kid\" is not a condition. Write one of: always, 17-at-end, child, adult, safeguarding (or no condition, for always)."),
            ("end+7x", "\"end+7x\" is not a period: write the years with y and the months with m, like end+7y, end+2m or end+1y6m."),
            ("end+6m1y", "\"end+6m1y\" is not a period"),
            ("end+y", "\"end+y\" is not a period"),
            ("end+", "\"end+\" needs a time after the plus sign, like end+7y."),
            ("end", "\"end\" needs a period: write end+7y for 7 years after it, or end+0y for the date itself."),
            ("end-7y", "\"end-7y\" counts backwards"),
            ("child end+7y", "\"child end+7y\" needs a colon after the condition"),
            ("always", "\"always\" needs a colon after the condition"),
            ("child:", "\"child:\" needs at least one period after the colon, like child: end+7y."),
            ("child: end+7y,", "\"child: end+7y,\" has an empty period"),
            ("child: end+7y: birth+25y", "has more than one colon"),
            ("", "Write the case, like always: end+7y"),
            ("   ", "Write the case"),
            ("end+101y", "\"end+101y\" is too long: a period can be at most 100 years."),
            ("end+100y1m", "is too long"),
            ("end+1201m", "is too long"),
            ("end+4294967296y", "\"end+4294967296y\" is too long"),
            ("end+99999999999999999999999999999999m", "is too long"),
            ("+7y", "\"+7y\" needs what the period counts from before the plus sign: one of end, birth, own, client-record"),
            (": end+7y", "A case has a colon with no condition before it."),
            ("end+7y\u{202E}", "invisible or direction-changing character"),
            ("end+7y\nbirth+25y", "on one line"),
            ("end+7y🎨", "\"end+7y🎨\" is not a period"),
            ("🎨: end+7y", "\"🎨\" is not a condition"),
            ("end+７y", "\"end+７y\" is not a period"),
        ];
        for (text, expected) in cases {
            let message = refusal(text);
            assert!(message.contains(expected), "{text:?}: {message}");
        }
    }

    #[test]
    fn any_length_or_character_is_refused_without_a_panic() {
        let long = "end+7y, ".repeat(1_300_000);
        assert!(refusal(&long).contains("at most 200 characters"));
        let long_word = format!("{}+7y", "e".repeat(150));
        let message = refusal(&long_word);
        assert!(message.contains("…") && message.len() < 300, "{message}");
        let digits = format!("end+{}y", "9".repeat(150));
        assert!(refusal(&digits).contains("is too long"));
        for text in ["+", ":", ",", ":+", "+:", "+y", "end++7y", "é+7y", "end+ß", "end+7yy", "end+1y1y", "\u{0}"] {
            refusal(text);
        }
        assert!(parse_rule::<&str>(&[]).is_err());
    }

    #[test]
    fn every_short_text_is_refused_or_read_as_a_case_that_prints_back_to_itself() {
        let alphabet = ["end+", "child:", "7", "y", "m", ",", " ", "+", ":", "-", "🎨", "9999999999"];
        let mut level = vec![String::new()];
        let mut texts = Vec::new();
        for _ in 0..5 {
            level = level.iter().flat_map(|t| alphabet.iter().map(move |a| format!("{t}{a}"))).collect();
            texts.extend(level.iter().cloned());
        }
        let mut read = 0;
        for text in &texts {
            if let Ok(case) = parse_case(text) {
                read += 1;
                assert_eq!(parse_case(&case_text(&case)).ok().as_ref(), Some(&case), "{text:?}");
            }
        }
        assert!(read > 20, "{read} of {} read", texts.len());
    }
}
