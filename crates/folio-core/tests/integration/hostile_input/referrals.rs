//! The referral file (`folio client add --referral FILE`, `folio referral add FILE`):
//! arbitrary bytes, and a full valid referral mutated byte by byte or field by field, read
//! with `referrals::read_form_file` and added with `clients::add_referral`, as the CLI does.
//! Never a panic; a refusal changes nothing in the vault and never repeats a value from the
//! file; an accepted referral is one the form's own rules accept.

use folio_core::referrals::{self, ReferralForm};
use folio_core::{clients, ErrorCode, Vault};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{TestCaseError, TestCaseResult};
use serde_json::{json, Value};

use super::{arbitrary_bytes, fuzz, messages, mutate, mutations, no_echo, Mutation, Tally, Vaults};
use super::{write_file, VaultState};
use crate::{create, tempdir};

/// Values in the valid referral that no message may repeat (none is a field's name, and
/// each holds a character a field name cannot, so even a mangled key is not one of them).
pub const MARKERS: &[&str] = &[
    "Jessamine-Qv",
    "Quartermaine-Qv",
    "14/03/2015",
    "01632 960 987",
    "jq.hostile@example.com",
    "12 Larkspur Row",
    "Willowbrook Primary",
    "Dr Okonkwo-Qv",
    "draws but will not speak",
    "penicillin-Qv",
];

/// A referral with every field filled, valid on the vaults' day (22/11/2026).
pub fn valid_referral() -> Value {
    json!({
        "givenName": "Jessamine-Qv", "familyName": "Quartermaine-Qv", "preferredName": "Jess",
        "pronouns": "she/her", "dateOfBirth": "14/03/2015", "dateOfBirthUnknown": false,
        "address": "12 Larkspur Row, Eastfold", "postcode": "EF1 2AB", "phone": "01632 960 987",
        "email": "jq.hostile@example.com", "ethnicity": "Prefer not to say",
        "parentalResponsibility": [
            {"name": "Mara Quartermaine", "relationship": "mother", "phone": "01632 960 456",
             "email": "mara@example.com", "address": "12 Larkspur Row"}
        ],
        "settingName": "Willowbrook Primary",
        "settingContact": {"name": "Ms Reed", "relationship": "SENCo", "phone": "", "email": "", "address": ""},
        "courtOrders": "", "referralDate": "02/11/2026", "referrer": "school", "referrerName": "Ms Reed",
        "heardAbout": "leaflet", "gpName": "Dr Okonkwo-Qv", "gpSurgery": "Eastfold Surgery",
        "otherProfessionals": "", "difficulty": "draws but will not speak at school",
        "currentTreatment": "", "pastTreatment": "", "senAreas": "", "communicationMethods": "",
        "diagnoses": "", "allergies": "penicillin-Qv", "medication": "", "safeguardingConcern": false,
        "safeguardingInvolvement": "", "behaviourRisk": "", "modality": "art", "funding": "school", "initials": ""
    })
}

/// What a field is set to instead: another type, nothing, something huge or odd.
fn hostile_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null)),
        any::<String>().prop_map(Value::String),
        (1usize..1_200_000, prop::sample::select(vec!['x', ' ', '\n', '🎨', '\u{200B}']))
            .prop_map(|(n, c)| Value::String(std::iter::repeat_n(c, n / c.len_utf8()).collect())),
        Just(json!([])),
        Just(json!({})),
        Just(json!(["Jessamine-Qv"])),
        Just(json!({"name": "Jessamine-Qv"})),
        (0usize..3000).prop_map(|n| json!(vec![json!({}); n])),
        prop::sample::select(vec![
            "",
            " ",
            "\0",
            "\u{FEFF}Jo",
            "=cmd|' /C calc'!A0",
            "29/02/2025",
            "01/01/1899",
            "31/12/9999",
            "00/00/0000",
            "unknown",
            "🎨🎨",
            "Zoë",
            "\u{202E}oJ",
            "a\nb",
            "DANCE",
            "social_care",
            "NHS",
        ])
        .prop_map(|s| Value::String(s.into())),
    ]
}

#[derive(Clone, Debug)]
enum Edit {
    /// Sets a field (a known one, or a new key) to a hostile value.
    Set(Index, Value),
    Remove(Index),
    /// A new key the form does not know.
    Unknown(String, Value),
    /// Replaces the whole document (an array, a string, a number).
    Whole(Value),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        6 => (any::<Index>(), hostile_value()).prop_map(|(i, v)| Edit::Set(i, v)),
        2 => any::<Index>().prop_map(Edit::Remove),
        1 => ("[a-zA-Z_-]{0,50}|.{0,20}", hostile_value()).prop_map(|(k, v)| Edit::Unknown(k, v)),
        1 => hostile_value().prop_map(Edit::Whole),
    ];
    prop::collection::vec(edit, 0..4)
}

fn apply(edits: &[Edit]) -> Value {
    let mut doc = valid_referral();
    for edit in edits {
        let keys: Vec<String> = doc.as_object().map(|o| o.keys().cloned().collect()).unwrap_or_default();
        match (edit, doc.as_object_mut()) {
            (Edit::Set(i, v), Some(o)) if !keys.is_empty() => {
                o.insert(i.get(&keys).clone(), v.clone());
            }
            (Edit::Remove(i), Some(o)) if !keys.is_empty() => {
                o.remove(i.get(&keys));
            }
            (Edit::Unknown(k, v), Some(o)) => {
                o.insert(k.clone(), v.clone());
            }
            (Edit::Whole(v), _) => doc = v.clone(),
            _ => {}
        }
    }
    doc
}

#[derive(Clone, Debug)]
enum Input {
    Bytes(Vec<u8>),
    /// Field edits, then byte mutations of the JSON text (pretty or compact).
    Mutated {
        edits: Vec<Edit>,
        pretty: bool,
        bytes: Vec<Mutation>,
    },
}

fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        2 => arbitrary_bytes().prop_map(Input::Bytes),
        5 => (edits(), any::<bool>(), prop::collection::vec(mutations(6, 300_000), 0..2))
            .prop_map(|(edits, pretty, m)| Input::Mutated { edits, pretty, bytes: m.concat() }),
    ]
}

fn render(input: &Input) -> Vec<u8> {
    match input {
        Input::Bytes(b) => b.clone(),
        Input::Mutated { edits, pretty, bytes } => {
            let doc = apply(edits);
            let text = if *pretty { serde_json::to_vec_pretty(&doc) } else { serde_json::to_vec(&doc) };
            mutate(&text.unwrap_or_default(), bytes)
        }
    }
}

fn check(tally: &Tally, vault: &mut Vault, scratch: &std::path::Path, input: &Input) -> TestCaseResult {
    let bytes = render(input);
    let path = write_file(scratch, "referral.json", &bytes);
    let before = VaultState::of(vault);
    let read = tally.guard(|| referrals::read_form_file(&path))?;
    let added = match read {
        Err(e) => {
            prop_assert_eq!(e.code(), ErrorCode::InvalidInput, "{}", e);
            prop_assert_eq!(e.field(), Some("file"));
            Err(e)
        }
        Ok(form) => tally.guard(|| clients::add_referral(vault, form.clone()))?.map(|added| (form, added)),
    };
    let after = VaultState::of(vault);
    match added {
        Err(e) => {
            tally.outcome(false);
            prop_assert_eq!(e.code(), ErrorCode::InvalidInput, "{}", e);
            no_echo(&messages(&e), MARKERS)?;
            // What a refusal says is bounded by the form, not by the file: a problem or two
            // per field, never one per entry of whatever list the file makes long.
            prop_assert!(e.problems().len() <= 100, "{} problems", e.problems().len());
            tally.unchanged(&before, &after, "a refused referral")?;
        }
        Ok((form, added)) => {
            tally.outcome(true);
            prop_assert_eq!(after.rows("clients"), before.rows("clients") + 1);
            prop_assert_eq!(after.rows("audit_log"), before.rows("audit_log") + 1);
            accepted_by_the_form(vault, &added.code, form)?;
        }
    }
    Ok(())
}

/// What was stored is what the form's rules make of what was read, and it passes them again.
pub fn accepted_by_the_form(vault: &Vault, code: &str, typed: ReferralForm) -> TestCaseResult {
    let stored = clients::show(vault, code).map_err(|e| TestCaseError::fail(e.to_string()))?.referral;
    let valid = typed.validate(vault.today()).map_err(|e| TestCaseError::fail(format!("stored but invalid: {e}")))?;
    prop_assert_eq!(&stored, &valid.form);
    let again = stored.clone().validate(vault.today()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(again.form, stored);
    Ok(())
}

#[test]
fn hostile_referral_files_never_panic_and_refusals_change_nothing() {
    let vaults = Vaults::new();
    let scratch = vaults.scratch();
    let tally = Tally::default();
    fuzz("referral", file!(), input(), &tally, || vaults.figure(), |i| vaults.with(|v| check(&tally, v, &scratch, &i)));
    vaults.finish();
}

#[test]
fn the_valid_referral_used_for_mutation_is_accepted_whole() {
    let tmp = tempdir();
    let mut vault = create(&tmp.path().join("v"));
    let bytes = serde_json::to_vec_pretty(&valid_referral()).unwrap_or_default();
    let form = referrals::read_form_file(&write_file(tmp.path(), "r.json", &bytes)).unwrap_or_else(|e| panic!("{e}"));
    let added = clients::add_referral(&mut vault, form).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(added.code, "JQ-0001");
}

/// Found by the property (seed in `tests/proptest-regressions/`): a list of empty people
/// with parental responsibility gave one problem per person, so a 1 MB file of `{},` —
/// 350,000 people — was a 27 MB message. Past ten people the list is one problem.
#[test]
fn a_referral_listing_thousands_of_people_is_one_problem_and_changes_nothing() {
    let tmp = tempdir();
    let mut vault = create(&tmp.path().join("v"));
    let mut doc = valid_referral();
    doc["parentalResponsibility"] = json!(vec![json!({}); 340_000]);
    let bytes = serde_json::to_vec(&doc).unwrap_or_default();
    assert!(bytes.len() < 1024 * 1024, "within the referral file limit");
    let form = referrals::read_form_file(&write_file(tmp.path(), "r.json", &bytes)).unwrap_or_else(|e| panic!("{e}"));
    let before = VaultState::of(&vault);
    let err = clients::add_referral(&mut vault, form).err().unwrap_or_else(|| panic!("accepted 340,000 people"));
    let problems = err.problems();
    assert_eq!(problems.len(), 1, "{err}");
    assert_eq!(problems[0].field, "parentalResponsibility");
    assert_eq!(problems[0].message, "Enter at most 10 people with parental responsibility.");
    assert_eq!(VaultState::of(&vault), before);
    // Ten people are fine; the eleventh is the one too many.
    let person = json!({"name": "Mara Quartermaine", "relationship": "mother"});
    for (people, accepted) in [(referrals::MAX_PEOPLE, true), (referrals::MAX_PEOPLE + 1, false)] {
        doc["parentalResponsibility"] = json!(vec![person.clone(); people]);
        let form: ReferralForm = serde_json::from_value(doc.clone()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(form.validate(vault.today()).is_ok(), accepted, "{people} people");
    }
}
