//! The referral form: every category the seed policies list (identity and contact, people
//! with parental responsibility, school or care setting, court orders, referrer, how the
//! client heard of the service, GP, difficulty and treatment, SEN, medical, safeguarding,
//! behaviour and risk, modality and funding), and its validation.
//!
//! Required: a name, a date of birth (or "unknown") and the referral date. Everything else
//! may be added later. Every problem is reported at once, each naming its field.

use chrono::{Datelike, NaiveDate};

use crate::choices::{choice, optional, Choice};
use crate::dates::{format_uk, parse_uk};
use crate::error::FieldProblem;
use crate::{Error, Result};

/// A contact person: someone with parental responsibility, or a setting's contact.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Contact {
    pub name: String,
    /// For parental responsibility: mother, father, carer, local authority…
    pub relationship: String,
    pub phone: String,
    pub email: String,
    pub address: String,
}

/// The referral as typed on the form or given in a JSON file (`folio referral add`).
/// Dates are dd/mm/yyyy strings here; [`ReferralForm::validate`] turns them into dates.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReferralForm {
    // Identity and contact.
    pub given_name: String,
    pub family_name: String,
    pub preferred_name: String,
    pub pronouns: String,
    pub date_of_birth: String,
    pub date_of_birth_unknown: bool,
    pub address: String,
    pub postcode: String,
    pub phone: String,
    pub email: String,
    /// Free text, or "Prefer not to say".
    pub ethnicity: String,
    // For children.
    pub parental_responsibility: Vec<Contact>,
    pub setting_name: String,
    /// The setting is a school. With school funding, this marks the work as work in schools,
    /// where consents are refreshed at each new episode (seed 001).
    pub setting_is_school: bool,
    pub setting_contact: Contact,
    pub court_orders: String,
    // The referral.
    pub referral_date: String,
    /// One of [`Referrer`]'s values (self, parent, school, gp, camhs, social-care, other).
    pub referrer: String,
    pub referrer_name: String,
    pub heard_about: String,
    // Health and needs.
    pub gp_name: String,
    pub gp_surgery: String,
    pub other_professionals: String,
    pub difficulty: String,
    pub current_treatment: String,
    pub past_treatment: String,
    pub sen_areas: String,
    pub communication_methods: String,
    pub diagnoses: String,
    pub allergies: String,
    pub medication: String,
    // Safeguarding, behaviour and risk.
    pub safeguarding_concern: bool,
    pub safeguarding_involvement: String,
    pub behaviour_risk: String,
    // The service.
    /// One of [`Modality`]'s values (art, music).
    pub modality: String,
    /// One of [`Funding`]'s values (private, school, charity, nhs).
    pub funding: String,
    /// Overrides the derived initials (1 to 4 letters).
    pub initials: String,
}

choice! {
    /// The therapy offered.
    pub enum Modality in "modality", field "modality", choose "art therapy or music therapy" {
        Art = "art" => "Art therapy",
        Music = "music" => "Music therapy",
    }
}

choice! {
    /// Who pays for the work.
    pub enum Funding in "funding", field "funding", choose "the funding" {
        Private = "private" => "Private",
        School = "school" => "School",
        Charity = "charity" => "Charity",
        Nhs = "nhs" => "NHS",
    }
}

choice! {
    /// Who made the referral.
    pub enum Referrer in "referrer", field "referrer", choose "who referred" {
        SelfReferral = "self" => "Self-referral",
        Parent = "parent" => "Parent or carer",
        School = "school" => "School",
        Gp = "gp" => "GP",
        Camhs = "camhs" => "CAMHS",
        SocialCare = "social-care" => "Social care",
        Other = "other" => "Other",
    }
}

/// A referral that passed validation: trimmed text, real dates, known choices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidReferral {
    pub form: ReferralForm,
    pub date_of_birth: Option<NaiveDate>,
    pub referral_date: NaiveDate,
    pub modality: Option<Modality>,
    pub funding: Option<Funding>,
    pub initials: String,
}

const NAME_MAX: usize = 100;
/// The most people with parental responsibility one referral lists (a child rarely has more
/// than three or four). It bounds what a refusal says: each person is checked on its own,
/// and a 1 MB file of empty entries (`[{},{},…]`) was 350,000 people and a 27 MB message.
pub const MAX_PEOPLE: usize = 10;
const TEXT_MAX: usize = 20_000;

impl ReferralForm {
    /// Checks every field against the rules, returning every problem at once.
    pub fn validate(mut self, today: NaiveDate) -> Result<ValidReferral> {
        let mut problems = Vec::new();
        trim_all(&mut self);
        let mut problem = |field: &'static str, message: String| problems.push(FieldProblem { field, message });

        if self.given_name.is_empty() {
            problem("givenName", "Enter the client's first name.".into());
        }
        if self.family_name.is_empty() {
            problem("familyName", "Enter the client's last name.".into());
        }
        // Past the limit the list is one problem, and its people are not checked one by one.
        let people = if self.parental_responsibility.len() > MAX_PEOPLE {
            problem(
                "parentalResponsibility",
                format!("Enter at most {MAX_PEOPLE} people with parental responsibility."),
            );
            0
        } else {
            self.parental_responsibility.len()
        };
        for (field, label, value) in [
            ("givenName", "first name", &self.given_name),
            ("familyName", "last name", &self.family_name),
            ("preferredName", "preferred name", &self.preferred_name),
            ("pronouns", "pronouns", &self.pronouns),
        ] {
            if value.chars().count() > NAME_MAX {
                problem(field, format!("Enter a {label} of {NAME_MAX} characters or fewer."));
            }
        }
        // Every one-line field: no line breaks, nothing invisible or direction-changing.
        let mut one_line: Vec<(&'static str, String, &String)> = vec![
            ("givenName", "first name".into(), &self.given_name),
            ("familyName", "last name".into(), &self.family_name),
            ("preferredName", "preferred name".into(), &self.preferred_name),
            ("pronouns", "pronouns".into(), &self.pronouns),
            ("ethnicity", "ethnicity".into(), &self.ethnicity),
            ("settingName", "school or setting".into(), &self.setting_name),
            ("settingContact", "setting contact's name".into(), &self.setting_contact.name),
            ("referrerName", "referrer's name".into(), &self.referrer_name),
            ("gpName", "GP's name".into(), &self.gp_name),
            ("gpSurgery", "GP surgery".into(), &self.gp_surgery),
            ("initials", "initials".into(), &self.initials),
        ];
        for (i, person) in self.parental_responsibility.iter().take(people).enumerate() {
            one_line.push(("parentalResponsibility", format!("name of person {}", i + 1), &person.name));
            one_line.push((
                "parentalResponsibility",
                format!("relationship of person {}", i + 1),
                &person.relationship,
            ));
        }
        for (field, label, value) in one_line {
            if let Some(message) = crate::text::one_line_problem(&label, value) {
                problem(field, message);
            }
        }
        if self.setting_is_school && self.setting_name.is_empty() {
            problem("settingName", "Enter the school's name, or untick \"The setting is a school\".".into());
        }

        let referral_date = match parse_uk("referralDate", "referral date", &self.referral_date) {
            Ok(d) if d > today => {
                problem("referralDate", "The referral date cannot be in the future.".into());
                None
            }
            Ok(d) => Some(d),
            Err(e) => {
                problem("referralDate", e.to_string());
                None
            }
        };

        let date_of_birth = if self.date_of_birth_unknown && self.date_of_birth.is_empty() {
            None
        } else if self.date_of_birth.is_empty() {
            problem("dateOfBirth", "Enter the date of birth, or tick \"Date of birth not known\".".into());
            None
        } else {
            match parse_uk("dateOfBirth", "date of birth", &self.date_of_birth) {
                Ok(d) if d > today => {
                    problem("dateOfBirth", "Enter a date of birth in the past.".into());
                    None
                }
                Ok(d) if d.year() < 1900 => {
                    problem("dateOfBirth", "Enter a date of birth after 1900.".into());
                    None
                }
                Ok(d) if referral_date.is_some_and(|r| d > r) => {
                    problem("dateOfBirth", "The date of birth must be before the referral date.".into());
                    None
                }
                Ok(d) => Some(d),
                Err(e) => {
                    problem("dateOfBirth", e.to_string());
                    None
                }
            }
        };

        if !self.postcode.is_empty() {
            let ok = self.postcode.len() <= 10 && self.postcode.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ');
            if !ok {
                problem("postcode", "Enter a postcode like SW1A 1AA.".into());
            } else {
                self.postcode = self.postcode.to_ascii_uppercase();
            }
        }
        check_phone(&mut problem, "phone", &self.phone);
        check_email(&mut problem, "email", &self.email);
        for (i, person) in self.parental_responsibility.iter().take(people).enumerate() {
            if person.name.is_empty() {
                problem(
                    "parentalResponsibility",
                    format!("Enter the name of person {} with parental responsibility, or remove them.", i + 1),
                );
            }
            check_phone(&mut problem, "parentalResponsibility", &person.phone);
            check_email(&mut problem, "parentalResponsibility", &person.email);
        }
        check_phone(&mut problem, "settingContact", &self.setting_contact.phone);
        check_email(&mut problem, "settingContact", &self.setting_contact.email);

        // Each choice is stored in its one spelling ("social_care" typed → "social-care").
        choose("referrer", &mut self.referrer, Referrer::parse, &mut problem);
        let modality = choose("modality", &mut self.modality, Modality::parse, &mut problem);
        let funding = choose("funding", &mut self.funding, Funding::parse, &mut problem);

        for (field, value) in long_text_fields(&self) {
            if value.chars().count() > TEXT_MAX {
                problem(
                    field,
                    format!(
                        "This is longer than {TEXT_MAX} characters. Shorten it, or keep the full text as a document."
                    ),
                );
            }
        }

        let initials = if self.initials.is_empty() {
            derive_initials(&self.given_name, &self.family_name)
        } else {
            let custom = self.initials.to_uppercase();
            if !(1..=4).contains(&custom.chars().count()) || !custom.chars().all(char::is_alphabetic) {
                problem("initials", "Enter 1 to 4 letters for the initials.".into());
            }
            custom
        };
        self.initials = initials.clone();

        match (problems.is_empty(), referral_date) {
            (true, Some(referral_date)) => {
                if let Some(dob) = date_of_birth {
                    self.date_of_birth = format_uk(dob);
                }
                self.referral_date = format_uk(referral_date);
                Ok(ValidReferral { form: self, date_of_birth, referral_date, modality, funding, initials })
            }
            _ => Err(Error::InvalidForm(problems)),
        }
    }
}

fn check_phone(problem: &mut impl FnMut(&'static str, String), field: &'static str, phone: &str) {
    if let Some(message) = phone_problem(phone) {
        problem(field, message);
    }
}

fn check_email(problem: &mut impl FnMut(&'static str, String), field: &'static str, email: &str) {
    if let Some(message) = email_problem(email) {
        problem(field, message);
    }
}

/// What is wrong with a phone number, if anything (empty is fine: fields are optional).
/// Reads a referral form from a JSON file (`folio referral add FILE`): within its size
/// limit, a regular file. A file Folio cannot read is reported by line and column, never by
/// quoting what it holds.
pub fn read_form_file(path: &std::path::Path) -> Result<ReferralForm> {
    let bytes = crate::inputs::read(path, crate::inputs::REFERRAL)?;
    // Windows Notepad starts a UTF-8 file with a byte-order mark; JSON does not allow one.
    let json = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    serde_json::from_slice(json).map_err(|e| {
        // A field's name is named (it is a heading, not what was written); values never are.
        let text = e.to_string();
        let unknown = text
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split('`').next())
            .filter(|name| name.len() <= 40 && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        let what = match unknown {
            Some(name) => format!("has a field Folio does not know, {name}"),
            None => "is not a form Folio can read".to_string(),
        };
        Error::invalid(
            "file",
            format!(
                "The referral file {what} (line {}, column {}). Check it against the fields in docs/cli.md.",
                e.line(),
                e.column()
            ),
        )
    })
}

/// An optional choice on the form: parsed, written back in its one spelling, or reported.
fn choose<C: Choice>(
    field: &'static str,
    text: &mut String,
    parse: fn(&str) -> Result<C>,
    problem: &mut impl FnMut(&'static str, String),
) -> Option<C> {
    match optional(text, parse) {
        Ok(value) => {
            *text = value.map(C::as_str).unwrap_or_default().to_string();
            value
        }
        Err(e) => {
            problem(field, e.to_string());
            None
        }
    }
}

pub(crate) fn phone_problem(phone: &str) -> Option<String> {
    if phone.is_empty() {
        return None;
    }
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let allowed = phone.chars().all(|c| c.is_ascii_digit() || " +()-".contains(c));
    (!allowed || !(6..=15).contains(&digits))
        .then(|| "Enter a phone number like 01632 960 123, using only digits, spaces, + ( ) and -.".to_string())
}

/// What is wrong with an email address, if anything (empty is fine).
pub(crate) fn email_problem(email: &str) -> Option<String> {
    if email.is_empty() {
        return None;
    }
    let ok = email.len() <= 254
        && !email.contains(char::is_whitespace)
        && email.split_once('@').is_some_and(|(user, domain)| !user.is_empty() && domain.contains('.'));
    (!ok).then(|| "Enter an email address like name@example.com.".to_string())
}

fn long_text_fields(f: &ReferralForm) -> Vec<(&'static str, &String)> {
    vec![
        ("address", &f.address),
        ("ethnicity", &f.ethnicity),
        ("courtOrders", &f.court_orders),
        ("heardAbout", &f.heard_about),
        ("otherProfessionals", &f.other_professionals),
        ("difficulty", &f.difficulty),
        ("currentTreatment", &f.current_treatment),
        ("pastTreatment", &f.past_treatment),
        ("senAreas", &f.sen_areas),
        ("communicationMethods", &f.communication_methods),
        ("diagnoses", &f.diagnoses),
        ("allergies", &f.allergies),
        ("medication", &f.medication),
        ("safeguardingInvolvement", &f.safeguarding_involvement),
        ("behaviourRisk", &f.behaviour_risk),
    ]
}

fn trim_all(f: &mut ReferralForm) {
    let trim = |s: &mut String| *s = s.trim().to_string();
    for s in [
        &mut f.given_name,
        &mut f.family_name,
        &mut f.preferred_name,
        &mut f.pronouns,
        &mut f.date_of_birth,
        &mut f.address,
        &mut f.postcode,
        &mut f.phone,
        &mut f.email,
        &mut f.ethnicity,
        &mut f.setting_name,
        &mut f.court_orders,
        &mut f.referral_date,
        &mut f.referrer,
        &mut f.referrer_name,
        &mut f.heard_about,
        &mut f.gp_name,
        &mut f.gp_surgery,
        &mut f.other_professionals,
        &mut f.difficulty,
        &mut f.current_treatment,
        &mut f.past_treatment,
        &mut f.sen_areas,
        &mut f.communication_methods,
        &mut f.diagnoses,
        &mut f.allergies,
        &mut f.medication,
        &mut f.safeguarding_involvement,
        &mut f.behaviour_risk,
        &mut f.modality,
        &mut f.funding,
        &mut f.initials,
    ] {
        trim(s);
    }
    for c in f.parental_responsibility.iter_mut().chain(std::iter::once(&mut f.setting_contact)) {
        for s in [&mut c.name, &mut c.relationship, &mut c.phone, &mut c.email, &mut c.address] {
            trim(s);
        }
    }
}

/// First letter of the first name and of the last name, upper case. A name that starts
/// with no letter (an emoji, a digit) gives "X" for that part.
pub fn derive_initials(given: &str, family: &str) -> String {
    let first = |s: &str| s.chars().find(|c| c.is_alphabetic()).map(|c| c.to_uppercase().collect::<String>());
    format!("{}{}", first(given).unwrap_or_else(|| "X".into()), first(family).unwrap_or_else(|| "X".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
    }

    fn minimal() -> ReferralForm {
        ReferralForm {
            given_name: "Jessamine".into(),
            family_name: "Quartermaine".into(),
            date_of_birth: "14/03/2015".into(),
            referral_date: "02/11/2026".into(),
            ..ReferralForm::default()
        }
    }

    fn problems(form: ReferralForm) -> Vec<FieldProblem> {
        match form.validate(today()) {
            Err(Error::InvalidForm(p)) => p,
            other => panic!("expected problems, got {other:?}"),
        }
    }

    #[test]
    fn a_minimal_referral_is_valid_and_initials_are_derived() -> Result<()> {
        let valid = minimal().validate(today())?;
        assert_eq!(valid.initials, "JQ");
        assert_eq!(valid.date_of_birth, NaiveDate::from_ymd_opt(2015, 3, 14));
        Ok(())
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let form = ReferralForm {
            given_name: String::new(),
            date_of_birth: "31/02/2015".into(),
            referral_date: "2026-11-02".into(),
            email: "not an email".into(),
            ..minimal()
        };
        let fields: Vec<&str> = problems(form).iter().map(|p| p.field).collect();
        assert_eq!(fields, ["givenName", "referralDate", "dateOfBirth", "email"]);
    }

    #[test]
    fn birth_dates_in_the_future_or_after_the_referral_are_refused() {
        let future = problems(ReferralForm { date_of_birth: "01/01/2027".into(), ..minimal() });
        assert_eq!(future[0].message, "Enter a date of birth in the past.");
        let after = problems(ReferralForm { date_of_birth: "10/11/2026".into(), ..minimal() });
        assert_eq!(after[0].message, "The date of birth must be before the referral date.");
        let missing = problems(ReferralForm { date_of_birth: String::new(), ..minimal() });
        assert!(missing[0].message.contains("not known"));
    }

    #[test]
    fn unknown_birth_dates_are_allowed_when_ticked() -> Result<()> {
        let valid =
            ReferralForm { date_of_birth: String::new(), date_of_birth_unknown: true, ..minimal() }.validate(today())?;
        assert_eq!(valid.date_of_birth, None);
        Ok(())
    }

    #[test]
    fn invisible_or_direction_changing_characters_are_refused_where_they_hide() {
        let p = problems(ReferralForm {
            family_name: "Blo\u{200B}ggs".into(),
            setting_name: "Hill\u{202E}side".into(),
            parental_responsibility: vec![Contact { name: "\u{2066}Ann".into(), ..Contact::default() }],
            ..minimal()
        });
        let fields: Vec<&str> = p.iter().map(|p| p.field).collect();
        assert_eq!(fields, ["familyName", "settingName", "parentalResponsibility"]);
        assert!(p[0].message.contains("invisible or direction-changing"), "{}", p[0].message);
    }

    #[test]
    fn emoji_names_and_overridden_initials() -> Result<()> {
        assert_eq!(derive_initials("🎨 Ada", "Łukasz"), "AŁ");
        assert_eq!(derive_initials("🎨", "42"), "XX");
        let valid = ReferralForm { initials: "jqm".into(), ..minimal() }.validate(today())?;
        assert_eq!(valid.initials, "JQM");
        let bad = problems(ReferralForm { initials: "J1".into(), ..minimal() });
        assert_eq!(bad[0].field, "initials");
        Ok(())
    }

    #[test]
    fn a_ten_megabyte_difficulty_is_refused_with_advice() {
        let huge = problems(ReferralForm { difficulty: "x".repeat(10 * 1024 * 1024), ..minimal() });
        assert_eq!(huge[0].field, "difficulty");
        assert!(huge[0].message.contains("Shorten it"));
    }

    #[test]
    fn choices_are_checked() {
        let p = problems(ReferralForm {
            modality: "dance".into(),
            funding: "lottery".into(),
            referrer: "aunt".into(),
            ..minimal()
        });
        let fields: Vec<&str> = p.iter().map(|p| p.field).collect();
        assert_eq!(fields, ["referrer", "modality", "funding"]);
    }

    #[test]
    fn a_referral_saved_with_a_byte_order_mark_reads_like_one_without() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("referral.json");
        let json = r#"{"givenName":"Ada","familyName":"Quill","dateOfBirth":"14/03/2015","referralDate":"02/09/2026"}"#;
        std::fs::write(&path, [b"\xEF\xBB\xBF".as_slice(), json.as_bytes()].concat()).unwrap_or_else(|e| panic!("{e}"));
        let form = read_form_file(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((form.given_name.as_str(), form.family_name.as_str()), ("Ada", "Quill"));
    }
}
