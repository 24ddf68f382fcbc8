//! The identifier check, table by table: each row a note's text and what must be found
//! (as `kind:text`), or nothing.

use super::*;

fn zoe() -> Subject {
    Subject {
        given_name: "Zoë".into(),
        family_name: "O'Brien-Hart".into(),
        preferred_name: "Zo".into(),
        initials: "ZOH".into(),
        date_of_birth: NaiveDate::from_ymd_opt(2013, 4, 7),
        address: "14 Marlowe Crescent\nLittle Hadham, Hertfordshire".into(),
        setting_name: "St Anne's Primary".into(),
        related: vec!["Priya Kaur".into(), "Dr Okafor".into()],
    }
}

fn others() -> Vec<(String, String)> {
    vec![("Rose".into(), "Whitfield".into()), ("Callum".into(), "Brown".into())]
}

fn found(text: &str) -> Vec<String> {
    Checker::new(&zoe(), &others())
        .check(text)
        .into_iter()
        .map(|h| {
            format!(
                "{}:{}",
                serde_json::to_value(h.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
                h.text
            )
        })
        .collect()
}

fn check_table(rows: &[(&str, &[&str])]) {
    for (text, expected) in rows {
        assert_eq!(found(text), *expected, "in {text:?}");
    }
}

#[test]
fn the_clients_names_in_every_spelling_and_part() {
    check_table(&[
        ("Zoë drew a house.", &["given-name:Zoë"]),
        ("zoe drew a house.", &["given-name:zoe"]),
        ("ZOE was quiet.", &["given-name:ZOE"]),
        ("Zo arrived late.", &["preferred-name:Zo"]),
        ("Mrs O'Brien-Hart phoned.", &["family-name:O'Brien-Hart"]),
        ("O’Brien-Hart (curly apostrophe)", &["family-name:O’Brien-Hart"]),
        ("Hart family visit", &["family-name:Hart"]),
        ("Brien was written alone", &["family-name:Brien"]),
        ("Mrs O'Brien came", &["family-name:O'Brien"]),
        ("obrien hart without the joins", &["family-name:obrien hart"]),
    ]);
}

#[test]
fn word_boundaries_initials_and_everyday_words() {
    check_table(&[
        ("ZOH arrived; Z.O-B. painted.", &[]),
        ("Heart shapes, hartebeest, zoetrope.", &[]),
        ("She used rosemary and rosewood.", &[]),
        ("The sun rose over the brown hills.", &[]),
        ("Rose was in the waiting room.", &["other-client:Rose"]),
        ("Callum Brown came too.", &["other-client:Callum Brown"]),
        ("A drawing of Whitfield Road", &["other-client:Whitfield"]),
    ]);
}

#[test]
fn the_date_of_birth_in_six_written_forms_and_no_other_date() {
    check_table(&[
        ("born 07/04/2013", &["date-of-birth:07/04/2013"]),
        ("born 7/4/13", &["date-of-birth:7/4/13"]),
        ("born 7 April 2013", &["date-of-birth:7 April 2013"]),
        ("born 7th April 2013", &["date-of-birth:7th April 2013"]),
        ("born April 7 2013", &["date-of-birth:April 7 2013"]),
        ("born 2013-04-07", &["date-of-birth:2013-04-07"]),
        ("born 7.4.2013", &["date-of-birth:7.4.2013"]),
        ("session on 07/04/2026, review 8 April 2013", &[]),
    ]);
}

#[test]
fn addresses_settings_and_people_on_the_record() {
    check_table(&[
        ("walked home to 14 Marlowe Crescent", &["address:14 Marlowe Crescent"]),
        ("lives in little hadham", &["address:little hadham"]),
        ("at St Anne's Primary today", &["setting:St Anne's Primary"]),
        ("Priya Kaur brought her", &["related-person:Priya Kaur"]),
        ("Dr Okafor's letter", &["related-person:Dr Okafor"]),
        ("Kaur said", &["related-person:Kaur"]),
    ]);
}

#[test]
fn postcodes_phones_emails_and_nhs_numbers_on_file_or_not() {
    check_table(&[
        ("SG11 2AB", &["postcode:SG11 2AB"]),
        ("sg112ab", &["postcode:sg112ab"]),
        ("Call 07700 900123", &["phone:07700 900123"]),
        ("Call +44 7700 900123", &["phone:+44 7700 900123"]),
        ("Call 01234-567890", &["phone:01234-567890"]),
        ("mail priya.kaur@example.org", &["email:priya.kaur@example.org"]),
        ("NHS 943 476 5919", &["nhs-number:943 476 5919"]),
        ("NHS 9434765919", &["nhs-number:9434765919"]),
        ("Not an NHS number: 943 476 5918", &[]),
        ("counted 12 beats, drew 3 circles, 45 minutes", &[]),
    ]);
}

#[test]
fn hits_are_in_code_points_sorted_and_never_overlap() {
    let text = "Zoë O'Brien-Hart, born 07/04/2013 — Zoë again";
    let hits = Checker::new(&zoe(), &others()).check(text);
    let spans: Vec<(usize, usize)> = hits.iter().map(|h| (h.start, h.end)).collect();
    assert_eq!(spans, vec![(0, 3), (4, 16), (23, 33), (36, 39)], "{hits:?}");
    for hit in &hits {
        let by_code_points: String = text.chars().skip(hit.start).take(hit.end - hit.start).collect();
        assert_eq!(by_code_points, hit.text);
    }
    assert_eq!(hits[0].suggestion.as_deref(), Some("ZOH"));
    assert_eq!(hits[2].suggestion.as_deref(), Some("their date of birth"));
    // The whole hyphenated name wins over its parts.
    assert_eq!(hits[1].kind, HitKind::FamilyName);
}

#[test]
fn the_nhs_check_digit() {
    assert!(nhs_number_is_valid("943 476 5919"));
    assert!(nhs_number_is_valid("401 023 2137"));
    assert!(!nhs_number_is_valid("401 023 2138"));
    assert!(!nhs_number_is_valid("123"));
}

#[test]
fn a_client_with_nothing_on_file_finds_only_shapes() {
    let checker = Checker::new(&Subject::default(), &[]);
    let hits: Vec<HitKind> = checker.check("Zoë at SG11 2AB, 07700 900123").into_iter().map(|h| h.kind).collect();
    assert_eq!(hits, vec![HitKind::Postcode, HitKind::Phone]);
}
