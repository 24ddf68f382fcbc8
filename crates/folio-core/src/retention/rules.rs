//! The retention engine's arithmetic, pure: a rule is the first of its cases whose condition
//! holds for the client, and a case is the **later** of its terms, each an anchor (the end of
//! therapy, the date of birth, the record's own date, the client record's date) plus a
//! period. Presets are rules, not code paths (`presets.rs`).
//!
//! Dates, as the issue and the seeds ask:
//! - N years or months after a date: the same date, or the month's last day where that date
//!   does not exist (31/12/2025 + 2 months → 28/02/2026; 29/02/2028 + 3 years → 28/02/2031).
//! - An age reached on a 29 February birthday falls on 1 March in a common year (the law is
//!   unsettled; a day longer rather than a day shorter).
//! - A child at the end of therapy is one whose 18th birthday is after the end date (18 on
//!   the end day is an adult).
//! - The computed date is the first day destruction is allowed ("due on").

use chrono::{Datelike, NaiveDate};

use crate::choices::choice;
use crate::dates::{add_months, age_on, format_uk};

choice! {
    /// What a retention rule covers.
    pub enum Category in "retentionCategory", field "category", choose "the category" {
        ClientRecord = "client-record" => "Client record",
        Safeguarding = "safeguarding" => "Safeguarding records",
        Correspondence = "correspondence" => "Correspondence",
        Artwork = "artwork" => "Artwork held",
        Media = "media" => "Photos and recordings",
    }
}

choice! {
    /// What a period counts from.
    pub enum Anchor in "retentionAnchor", field "anchor", choose "what the period counts from" {
        End = "end" => "The end of therapy",
        Birth = "birth" => "The date of birth",
        Own = "own" => "The record's own date",
        ClientRecord = "client-record" => "The client record's date",
    }
}

choice! {
    /// When a case of a rule applies.
    pub enum When in "retentionWhen", field "when", choose "when it applies" {
        Always = "always" => "Always",
        SeventeenAtEnd = "17-at-end" => "Aged 17 at the end of therapy",
        Child = "child" => "A child at the end of therapy",
        Adult = "adult" => "An adult at the end of therapy",
        Safeguarding = "safeguarding" => "A safeguarding concern on file",
    }
}

/// An anchor plus a period.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Term {
    pub anchor: Anchor,
    #[serde(default)]
    pub years: u32,
    #[serde(default)]
    pub months: u32,
}

/// The later of its terms, when its condition holds.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Case {
    pub when: When,
    pub terms: Vec<Term>,
}

/// The first case whose condition holds.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Rule {
    pub cases: Vec<Case>,
}

/// What the engine knows of a client and a record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// The end of the client's last episode; None while it is open.
    pub end: Option<NaiveDate>,
    pub birth: Option<NaiveDate>,
    /// A safeguarding concern on file (the referral's flag or a safeguarding log entry).
    pub safeguarding: bool,
    /// The record's own date (a letter's, a photo's).
    pub own: Option<NaiveDate>,
    /// The client record's due date, for rules that follow it.
    pub client_record: Option<NaiveDate>,
}

/// Where a record stands before any hold or destruction is considered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Countdown {
    /// The client's last episode is open: nothing counts down yet.
    InTherapy,
    /// The rule needs something the record does not have ("date of birth").
    NeedsInformation(&'static str),
    /// The first day destruction is allowed, and why, in words.
    Due { on: NaiveDate, reason: String },
}

/// The birthday on which `birth` turns `years` old: 29 February falls on 1 March in a
/// common year.
pub fn birthday(birth: NaiveDate, years: u32) -> NaiveDate {
    let year = birth.year().saturating_add(years as i32);
    NaiveDate::from_ymd_opt(year, birth.month(), birth.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
        .unwrap_or(NaiveDate::MAX)
}

/// A child at the end of therapy: their 18th birthday is after the end date.
pub fn child_at(birth: NaiveDate, end: NaiveDate) -> bool {
    birthday(birth, 18) > end
}

/// Applies the rule to the facts.
pub fn countdown(rule: &Rule, facts: &Facts) -> Countdown {
    let Some(end) = facts.end else { return Countdown::InTherapy };
    let mut case = None;
    for c in &rule.cases {
        let holds = match c.when {
            When::Always => true,
            When::Safeguarding => facts.safeguarding,
            When::Child | When::Adult | When::SeventeenAtEnd => {
                let Some(birth) = facts.birth else { return Countdown::NeedsInformation("date of birth") };
                match c.when {
                    When::Child => child_at(birth, end),
                    When::Adult => !child_at(birth, end),
                    _ => age_on(birth, end) == 17,
                }
            }
        };
        if holds {
            case = Some(c);
            break;
        }
    }
    let Some(case) = case else { return Countdown::NeedsInformation("a retention rule that covers this client") };
    let mut dated: Vec<(NaiveDate, String)> = Vec::new();
    for term in &case.terms {
        match term_date(term, facts, end) {
            Ok(d) => dated.push(d),
            Err(missing) => return Countdown::NeedsInformation(missing),
        }
    }
    // Latest first; a tie keeps the rule's order.
    dated.sort_by_key(|d| std::cmp::Reverse(d.0));
    let Some((on, first)) = dated.first().cloned() else {
        return Countdown::NeedsInformation("a retention rule that covers this client");
    };
    let rest = |keep: &dyn Fn(NaiveDate) -> bool| -> Vec<&str> {
        dated.iter().skip(1).filter(|(d, _)| keep(*d)).map(|(_, w)| w.as_str()).collect()
    };
    let (earlier, same) = (rest(&|d| d < on), rest(&|d| d == on));
    let mut reason = first;
    if !earlier.is_empty() {
        reason.push_str(&format!(", later than {}", earlier.join(" and ")));
    }
    if !same.is_empty() {
        reason.push_str(&format!(", the same day as {}", same.join(" and ")));
    }
    Countdown::Due { on, reason }
}

/// The first case that can never be the one used, because the cases before it cover every
/// client it covers: anything after `always` or after both `child` and `adult` (a record
/// without a date of birth stops at the first of those), `17-at-end` after `child`, and
/// any condition given twice.
pub fn never_applies(rule: &Rule) -> Option<&Case> {
    let mut before: Vec<When> = Vec::new();
    for case in &rule.cases {
        let covered = before.contains(&When::Always)
            || before.contains(&case.when)
            || (before.contains(&When::Child) && before.contains(&When::Adult))
            || (case.when == When::SeventeenAtEnd && before.contains(&When::Child));
        if covered {
            return Some(case);
        }
        before.push(case.when);
    }
    None
}

/// A term's date and its words, or what is missing to compute it.
fn term_date(term: &Term, facts: &Facts, end: NaiveDate) -> Result<(NaiveDate, String), &'static str> {
    let months = term.years.saturating_mul(12).saturating_add(term.months);
    let period = period_words(term.years, term.months);
    Ok(match term.anchor {
        Anchor::End => {
            let on = add_months(end, months);
            (on, format!("{period} after therapy ended on {}", format_uk(end)))
        }
        Anchor::Birth => {
            let birth = facts.birth.ok_or("date of birth")?;
            if term.months == 0 {
                let on = birthday(birth, term.years);
                (on, format!("the {} birthday on {}", ordinal(term.years), format_uk(on)))
            } else {
                let on = add_months(birth, months);
                (on, format!("{period} after the date of birth, on {}", format_uk(on)))
            }
        }
        Anchor::Own => {
            let own = facts.own.ok_or("the record's date")?;
            let on = add_months(own, months);
            if months == 0 {
                (on, format!("its date, {}", format_uk(own)))
            } else {
                (on, format!("{period} after its date, {}", format_uk(own)))
            }
        }
        Anchor::ClientRecord => {
            let record = facts.client_record.ok_or("the client record's date")?;
            let on = add_months(record, months);
            if months == 0 {
                (on, format!("the client record's date, {}", format_uk(record)))
            } else {
                (on, format!("{period} after the client record's date, {}", format_uk(record)))
            }
        }
    })
}

/// A term in words, without dates: "7 years after the end of therapy", "the 25th birthday",
/// "3 years after its own date", "the client record's date".
pub fn term_words(term: &Term) -> String {
    let period = period_words(term.years, term.months);
    let none = term.years == 0 && term.months == 0;
    match term.anchor {
        Anchor::End => format!("{period} after the end of therapy"),
        Anchor::Birth if term.months == 0 => format!("the {} birthday", ordinal(term.years)),
        Anchor::Birth => format!("{period} after the date of birth"),
        Anchor::Own if none => "its own date".into(),
        Anchor::Own => format!("{period} after its own date"),
        Anchor::ClientRecord if none => "the client record's date".into(),
        Anchor::ClientRecord => format!("{period} after the client record's date"),
    }
}

/// A rule in words: each case's condition and the later of its terms.
pub fn rule_words(rule: &Rule) -> String {
    let text = rule
        .cases
        .iter()
        .map(|c| {
            let terms: Vec<String> = c.terms.iter().map(term_words).collect();
            let what = if terms.len() > 1 { format!("the later of {}", terms.join(" and ")) } else { terms.concat() };
            match c.when {
                When::Always => what,
                other => format!("{}: {what}", other.label().to_lowercase()),
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// "7 years", "2 months", "1 year and 6 months".
pub fn period_words(years: u32, months: u32) -> String {
    let unit = |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match (years, months) {
        (0, 0) => "no time".into(),
        (y, 0) => unit(y, "year", "years"),
        (0, m) => unit(m, "month", "months"),
        (y, m) => format!("{} and {}", unit(y, "year", "years"), unit(m, "month", "months")),
    }
}

/// "1st", "2nd", "3rd", "11th", "21st", "25th".
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        crate::dates::parse_uk("on", "date", text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn term(anchor: Anchor, years: u32, months: u32) -> Term {
        Term { anchor, years, months }
    }

    #[test]
    fn periods_end_on_the_same_date_or_the_months_last_day() {
        assert_eq!(add_months(d("31/12/2025"), 2), d("28/02/2026"));
        assert_eq!(add_months(d("29/02/2028"), 36), d("28/02/2031"));
        assert_eq!(add_months(d("31/12/2027"), 2), d("29/02/2028"));
    }

    #[test]
    fn a_29_february_birthday_is_reached_on_1_march_in_a_common_year() {
        assert_eq!(birthday(d("29/02/2012"), 18), d("01/03/2030"));
        assert_eq!(birthday(d("29/02/2012"), 20), d("29/02/2032"));
        assert_eq!(birthday(d("14/03/2010"), 25), d("14/03/2035"));
    }

    #[test]
    fn eighteen_on_the_end_day_is_an_adult() {
        assert!(!child_at(d("14/03/2008"), d("14/03/2026")));
        assert!(child_at(d("14/03/2008"), d("13/03/2026")));
        // Born 29/02/2008: 18 on 01/03/2026.
        assert!(child_at(d("29/02/2008"), d("28/02/2026")));
        assert!(!child_at(d("29/02/2008"), d("01/03/2026")));
    }

    #[test]
    fn the_later_term_wins_and_the_reason_says_so() {
        let rule = Rule {
            cases: vec![Case { when: When::Always, terms: vec![term(Anchor::End, 7, 0), term(Anchor::Birth, 25, 0)] }],
        };
        let facts = Facts { end: Some(d("14/03/2026")), birth: Some(d("02/01/2006")), ..Facts::default() };
        assert_eq!(
            countdown(&rule, &facts),
            Countdown::Due {
                on: d("14/03/2033"),
                reason: "7 years after therapy ended on 14/03/2026, later than the 25th birthday on 02/01/2031".into()
            }
        );
        let young = Facts { birth: Some(d("02/01/2016")), ..facts };
        assert_eq!(
            countdown(&rule, &young),
            Countdown::Due {
                on: d("02/01/2041"),
                reason: "the 25th birthday on 02/01/2041, later than 7 years after therapy ended on 14/03/2026".into()
            }
        );
    }

    #[test]
    fn nothing_counts_down_in_therapy_and_a_missing_birth_date_is_named() {
        let rule = Rule { cases: vec![Case { when: When::Child, terms: vec![term(Anchor::End, 5, 0)] }] };
        assert_eq!(countdown(&rule, &Facts::default()), Countdown::InTherapy);
        let ended = Facts { end: Some(d("14/03/2026")), ..Facts::default() };
        assert_eq!(countdown(&rule, &ended), Countdown::NeedsInformation("date of birth"));
    }

    #[test]
    fn a_case_covered_by_the_cases_before_it_is_found() {
        let rule = |whens: &[When]| Rule {
            cases: whens.iter().map(|w| Case { when: *w, terms: vec![term(Anchor::End, 1, 0)] }).collect(),
        };
        let first_unused = |whens: &[When]| never_applies(&rule(whens)).map(|c| c.when);
        use When::*;
        assert_eq!(first_unused(&[SeventeenAtEnd, Child, Adult]), None);
        assert_eq!(first_unused(&[Safeguarding, Child, Adult]), None);
        assert_eq!(first_unused(&[Child, Safeguarding, Always]), None);
        assert_eq!(first_unused(&[Always, Child]), Some(Child));
        assert_eq!(first_unused(&[Child, Adult, Safeguarding]), Some(Safeguarding));
        assert_eq!(first_unused(&[Child, SeventeenAtEnd, Adult]), Some(SeventeenAtEnd));
        assert_eq!(first_unused(&[Adult, Safeguarding, Adult]), Some(Adult));
    }

    #[test]
    fn words_for_periods_and_birthdays() {
        assert_eq!(period_words(1, 6), "1 year and 6 months");
        assert_eq!(period_words(0, 2), "2 months");
        assert_eq!(
            [1, 2, 3, 11, 12, 13, 21, 25, 26].map(ordinal),
            ["1st", "2nd", "3rd", "11th", "12th", "13th", "21st", "25th", "26th"]
        );
    }
}
