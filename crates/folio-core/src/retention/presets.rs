//! The practices' retention policies as presets of the one engine, each citing its source.
//! Chosen at vault creation (or later in settings); the therapist may then edit any rule.
//!
//! In every preset: safeguarding records not otherwise given follow the client record;
//! correspondence is kept the later of 3 years after its own date and the client record's
//! date (seed 004: messages kept at least 3 years, never deleted automatically); artwork
//! still held, 2 months after the end of the last episode (seed 001); photos and
//! recordings with the client record.

use super::rules::{Anchor, Case, Category, Rule, Term, When};

/// A retention policy: a rule per category, and the preset it started from.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Policy {
    /// The preset's id; the rules may have been edited since.
    pub preset: String,
    pub client_record: Rule,
    pub safeguarding: Rule,
    pub correspondence: Rule,
    pub artwork: Rule,
    pub media: Rule,
}

impl Policy {
    pub fn rule(&self, category: Category) -> &Rule {
        match category {
            Category::ClientRecord => &self.client_record,
            Category::Safeguarding => &self.safeguarding,
            Category::Correspondence => &self.correspondence,
            Category::Artwork => &self.artwork,
            Category::Media => &self.media,
        }
    }

    pub fn rule_mut(&mut self, category: Category) -> &mut Rule {
        match category {
            Category::ClientRecord => &mut self.client_record,
            Category::Safeguarding => &mut self.safeguarding,
            Category::Correspondence => &mut self.correspondence,
            Category::Artwork => &mut self.artwork,
            Category::Media => &mut self.media,
        }
    }
}

/// A preset as the CLI and settings list it.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Preset {
    pub id: &'static str,
    pub name: &'static str,
    /// What it keeps, and its source.
    pub description: &'static str,
}

pub const PRESETS: &[Preset] = &[
    Preset {
        id: "bedfordshire",
        name: "Music Therapy Bedfordshire",
        description: "The client record is kept until 7 years after therapy ends or the 25th birthday, whichever is later (Music Therapy Bedfordshire privacy notice).",
    },
    Preset {
        id: "cambridge",
        name: "Cambridge Art Therapy",
        description: "A child's record is kept until 3 years after the 18th birthday or 5 years after therapy ends, whichever is later; an adult's 5 years after therapy ends (Cambridge Art Therapy privacy, confidentiality and consent policy).",
    },
    Preset {
        id: "mind",
        name: "Mind",
        description: "Adults' records 20 years after therapy ends, children's and young people's 25 years; child protection (safeguarding) records 70 years (Mind North East Essex privacy policy).",
    },
    Preset {
        id: "nhs",
        name: "NHS Records Management Code of Practice",
        description: "A child's record until the 25th birthday, or the 26th if 17 when therapy ended; an adult's 8 years after therapy ends (NHS Records Management Code of Practice).",
    },
];

fn term(anchor: Anchor, years: u32, months: u32) -> Term {
    Term { anchor, years, months }
}

fn case(when: When, terms: Vec<Term>) -> Case {
    Case { when, terms }
}

fn always(terms: Vec<Term>) -> Rule {
    Rule { cases: vec![case(When::Always, terms)] }
}

/// The preset's policy, or None for an id that is not one.
pub fn preset(id: &str) -> Option<Policy> {
    let client_record = match id {
        "bedfordshire" => always(vec![term(Anchor::End, 7, 0), term(Anchor::Birth, 25, 0)]),
        "cambridge" => Rule {
            cases: vec![
                case(When::Child, vec![term(Anchor::Birth, 21, 0), term(Anchor::End, 5, 0)]),
                case(When::Adult, vec![term(Anchor::End, 5, 0)]),
            ],
        },
        "mind" => Rule {
            cases: vec![
                case(When::Child, vec![term(Anchor::End, 25, 0)]),
                case(When::Adult, vec![term(Anchor::End, 20, 0)]),
            ],
        },
        "nhs" => Rule {
            cases: vec![
                case(When::SeventeenAtEnd, vec![term(Anchor::Birth, 26, 0)]),
                case(When::Child, vec![term(Anchor::Birth, 25, 0)]),
                case(When::Adult, vec![term(Anchor::End, 8, 0)]),
            ],
        },
        _ => return None,
    };
    let safeguarding = match id {
        "mind" => always(vec![term(Anchor::End, 70, 0)]),
        _ => always(vec![term(Anchor::ClientRecord, 0, 0)]),
    };
    Some(Policy {
        preset: id.to_string(),
        client_record,
        safeguarding,
        correspondence: always(vec![term(Anchor::Own, 3, 0), term(Anchor::ClientRecord, 0, 0)]),
        artwork: always(vec![term(Anchor::End, 0, 2)]),
        media: always(vec![term(Anchor::ClientRecord, 0, 0)]),
    })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::retention::rules::{countdown, Countdown, Facts};

    fn d(text: &str) -> NaiveDate {
        crate::dates::parse_uk("on", "date", text).unwrap_or_else(|e| panic!("{e}"))
    }

    fn due(preset_id: &str, category: Category, facts: Facts) -> String {
        let policy = preset(preset_id).unwrap_or_else(|| panic!("no preset {preset_id}"));
        match countdown(policy.rule(category), &facts) {
            Countdown::Due { on, .. } => crate::dates::format_uk(on),
            Countdown::InTherapy => "in therapy".into(),
            Countdown::NeedsInformation(what) => format!("needs {what}"),
        }
    }

    fn client(birth: &str, end: &str) -> Facts {
        Facts { birth: (!birth.is_empty()).then(|| d(birth)), end: Some(d(end)), ..Facts::default() }
    }

    /// (preset, born, therapy ended, the client record's first day of destruction).
    const CLIENT_RECORD: &[(&str, &str, &str, &str)] = &[
        // Bedfordshire: the later of 7 years after the end and the 25th birthday.
        ("bedfordshire", "02/01/2016", "14/03/2026", "02/01/2041"),
        ("bedfordshire", "02/01/1990", "14/03/2026", "14/03/2033"),
        ("bedfordshire", "29/02/2012", "31/03/2026", "01/03/2037"),
        ("bedfordshire", "", "14/03/2026", "needs date of birth"),
        // Cambridge: a child, the later of 3 years after the 18th birthday and 5 after the end.
        ("cambridge", "10/06/2012", "31/08/2026", "10/06/2033"),
        ("cambridge", "01/01/2009", "30/06/2026", "30/06/2031"),
        ("cambridge", "14/03/2008", "14/03/2026", "14/03/2031"),
        ("cambridge", "29/02/2008", "28/02/2026", "28/02/2031"),
        ("cambridge", "29/02/2008", "28/02/2021", "01/03/2029"),
        ("cambridge", "02/01/1990", "31/12/2025", "31/12/2030"),
        // Mind: children 25 years after the end, adults 20.
        ("mind", "10/06/2012", "28/02/2026", "28/02/2051"),
        ("mind", "02/01/1990", "29/02/2024", "29/02/2044"),
        // NHS: the 26th birthday if 17 at the end, else a child's 25th; an adult 8 years.
        ("nhs", "01/01/2009", "30/06/2026", "01/01/2035"),
        ("nhs", "10/06/2012", "31/08/2026", "10/06/2037"),
        ("nhs", "14/03/2008", "14/03/2026", "14/03/2034"),
        ("nhs", "29/02/2012", "01/09/2026", "01/03/2037"),
        ("nhs", "02/01/1990", "31/01/2026", "31/01/2034"),
        ("nhs", "", "31/01/2026", "needs date of birth"),
    ];

    #[test]
    fn every_preset_keeps_the_client_record_as_its_source_says() {
        for (id, born, ended, expected) in CLIENT_RECORD {
            assert_eq!(
                &due(id, Category::ClientRecord, client(born, ended)),
                expected,
                "{id}, born {born}, ended {ended}"
            );
        }
        assert_eq!(due("nhs", Category::ClientRecord, Facts::default()), "in therapy");
    }

    #[test]
    fn safeguarding_follows_the_record_except_mind_which_keeps_child_protection_70_years() {
        let facts =
            Facts { client_record: Some(d("14/03/2033")), safeguarding: true, ..client("02/01/1990", "14/03/2026") };
        for id in ["bedfordshire", "cambridge", "nhs"] {
            assert_eq!(due(id, Category::Safeguarding, facts), "14/03/2033", "{id}");
        }
        assert_eq!(due("mind", Category::Safeguarding, facts), "14/03/2096");
    }

    #[test]
    fn correspondence_is_kept_3_years_or_with_the_record_whichever_is_later() {
        let record = Facts { client_record: Some(d("14/03/2033")), ..client("02/01/1990", "14/03/2026") };
        for id in ["bedfordshire", "cambridge", "mind", "nhs"] {
            let outlived = Facts { own: Some(d("05/02/2026")), ..record };
            assert_eq!(
                due(id, Category::Correspondence, outlived),
                "14/03/2033",
                "{id}: the record outlives the letter"
            );
            let outlives = Facts { own: Some(d("01/06/2031")), ..record };
            assert_eq!(
                due(id, Category::Correspondence, outlives),
                "01/06/2034",
                "{id}: the letter outlives the record"
            );
            assert_eq!(due(id, Category::Media, record), "14/03/2033", "{id}: media with the record");
            assert_eq!(due(id, Category::Artwork, client("", "31/12/2025")), "28/02/2026", "{id}: artwork 2 months");
        }
    }

    #[test]
    fn every_preset_id_is_listed_and_every_listed_id_is_a_preset() {
        for p in PRESETS {
            assert_eq!(preset(p.id).map(|x| x.preset), Some(p.id.to_string()));
        }
        assert!(preset("gdpr").is_none());
    }
}
