//! Retention through the core: every category of a client's records against the policy on
//! a day, safeguarding when a log entry exists, a re-referral moving the anchor, a policy
//! edited afterwards (as data and as text), the artwork rule shared with the inventory, and
//! holds.

use folio_core::artwork::{self, ArtworkForm};
use folio_core::retention::{self, Anchor, Case, Category, RetentionState, Rule, RuleChange, Term, When};
use folio_core::safeguarding::{self, SafeguardingForm};
use folio_core::{clients, Result, Vault};

use crate::{create, day, message, referral, tempdir};

/// Mia (born 10/12/2015): in therapy from 15/09/2025, a piece of artwork, therapy ended
/// on 31/03/2026.
fn mia(vault: &mut Vault) -> Result<String> {
    let code = clients::add_referral(vault, referral("Mia", "Lee", "10/12/2015", "01/09/2025"))?.code;
    clients::change_state(vault, &code, "assessment", "08/09/2025", "")?;
    clients::change_state(vault, &code, "in-therapy", "15/09/2025", "")?;
    let piece = ArtworkForm {
        description: "Clay figure".into(),
        made: "01/10/2025".into(),
        location: "Cabinet A".into(),
        ..ArtworkForm::default()
    };
    artwork::add(vault, &code, piece)?;
    clients::change_state(vault, &code, "ended", "31/03/2026", "planned ending")?;
    Ok(code)
}

fn states(vault: &Vault, code: &str, as_of: &str) -> Result<Vec<(Category, RetentionState, Option<String>)>> {
    Ok(retention::status(vault, as_of, Some(code))?
        .into_iter()
        .map(|e| (e.category, e.state, e.due_on.map(folio_core::dates::format_uk)))
        .collect())
}

#[test]
fn every_category_counts_down_from_the_policy_and_a_log_entry_brings_safeguarding() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = mia(&mut vault)?;
    assert!(states(&vault, &code, "")?.iter().all(|(_, s, d)| *s == RetentionState::NeedsInformation && d.is_none()));
    retention::set_preset(&mut vault, "mind")?;
    let due = |s: &str| Some(s.to_string());
    assert_eq!(
        states(&vault, &code, "")?,
        vec![
            (Category::ClientRecord, RetentionState::Kept, due("31/03/2051")),
            (Category::Artwork, RetentionState::Due, due("31/05/2026")),
        ],
        "Mind: a child's record 25 years after the end; artwork still held 2 months (today is 22/11/2026)"
    );
    let entry = SafeguardingForm {
        account: "ML seemed worried (test).".into(),
        action: "Noted.".into(),
        on: "01/03/2026".into(),
        ..SafeguardingForm::default()
    };
    safeguarding::add(&mut vault, &code, entry, None)?;
    let with_log = states(&vault, &code, "")?;
    assert_eq!(
        with_log[1],
        (Category::Safeguarding, RetentionState::Kept, due("31/03/2096")),
        "child protection 70 years"
    );
    Ok(())
}

#[test]
fn a_re_referral_stops_the_countdown_until_the_new_episode_ends_and_moves_the_anchor() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = mia(&mut vault)?;
    retention::set_preset(&mut vault, "cambridge")?;
    assert_eq!(states(&vault, &code, "")?[0].2.as_deref(), Some("10/12/2036"), "3 years after the 18th birthday");
    clients::re_refer(&mut vault, &code, "01/06/2026", "returning")?;
    assert!(states(&vault, &code, "")?.iter().all(|(_, s, d)| *s == RetentionState::InTherapy && d.is_none()));
    clients::change_state(&mut vault, &code, "assessment", "08/06/2026", "")?;
    clients::change_state(&mut vault, &code, "in-therapy", "15/06/2026", "")?;
    clients::change_state(&mut vault, &code, "ended", "31/10/2026", "goals met")?;
    let after = states(&vault, &code, "")?;
    assert_eq!(after[0].2.as_deref(), Some("10/12/2036"), "still the later: the 21st birthday");
    assert_eq!(after[1].2.as_deref(), Some("31/12/2026"), "the artwork counts from the new end");
    Ok(())
}

#[test]
fn an_edited_rule_is_logged_and_every_date_follows_and_the_inventory_shares_the_artwork_rule() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = mia(&mut vault)?;
    retention::set_preset(&mut vault, "bedfordshire")?;
    let ten_years = Rule {
        cases: vec![Case { when: When::Always, terms: vec![Term { anchor: Anchor::End, years: 10, months: 0 }] }],
    };
    retention::set_rule(&mut vault, Category::ClientRecord, ten_years)?;
    assert_eq!(states(&vault, &code, "")?[0].2.as_deref(), Some("31/03/2036"));
    let changes = retention::changes(&vault)?;
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[1].old.as_ref().map(|p| p.client_record.cases[0].terms.len()), Some(2), "the old rule is kept");
    // The inventory's collection period is the policy's artwork rule, and editing it there
    // edits the policy.
    assert_eq!(artwork::show(&vault, "ART-0001")?.collect_by, Some(day("31/05/2026")));
    artwork::set_collection_months(&mut vault, "3")?;
    assert_eq!(artwork::show(&vault, "ART-0001")?.collect_by, Some(day("30/06/2026")));
    assert_eq!(states(&vault, &code, "")?[1].2.as_deref(), Some("30/06/2026"));
    assert_eq!(retention::changes(&vault)?.len(), 3);
    artwork::set_collection_months(&mut vault, "3")?;
    assert_eq!(retention::changes(&vault)?.len(), 3, "saving the same period logs no change");
    let itself = Rule {
        cases: vec![Case {
            when: When::Always,
            terms: vec![Term { anchor: Anchor::ClientRecord, years: 1, months: 0 }],
        }],
    };
    assert!(message(retention::set_rule(&mut vault, Category::ClientRecord, itself))
        .contains("cannot count from the client record"));
    Ok(())
}

#[test]
fn a_rule_edited_as_text_moves_the_date_and_the_log_says_what_changed() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = mia(&mut vault)?;
    assert!(message(retention::set_rule_text(&mut vault, "client-record", &["always: end+10y"]))
        .contains("Choose a retention policy first"));
    assert!(retention::changes(&vault)?.is_empty(), "nothing is logged without a policy");

    retention::set_preset(&mut vault, "bedfordshire")?;
    assert_eq!(states(&vault, &code, "")?[0].2.as_deref(), Some("10/12/2040"), "the 25th birthday");
    let (category, policy) = retention::set_rule_text(&mut vault, "client-record", &["always: end+10y"])?;
    assert_eq!(category, Category::ClientRecord);
    assert_eq!(retention::rule_text::rule_text(&policy.client_record), ["always: end+10y"]);
    assert_eq!(states(&vault, &code, "")?[0].2.as_deref(), Some("31/03/2036"), "10 years after 31/03/2026");

    let changes = retention::changes(&vault)?;
    assert_eq!(changes.len(), 2);
    assert_eq!(changes[0].changed.len(), 5, "choosing the first policy gives every rule");
    assert!(changes[0].changed.iter().all(|c| c.old.is_none()));
    assert_eq!(
        changes[1].changed,
        [RuleChange {
            category: Category::ClientRecord,
            old: Some("The later of 7 years after the end of therapy and the 25th birthday".into()),
            new: "10 years after the end of therapy".into(),
        }]
    );
    assert_eq!(changes[1].old.as_ref().map(|p| p.client_record.cases[0].terms.len()), Some(2));

    // Refusals change nothing: bad text, an unknown category, a case that never applies,
    // the rule already in force.
    let refusals: &[(&str, &[&str], &str)] = &[
        ("client-record", &["end+7"], "\"end+7\" needs a unit: write end+7y for years or end+7m for months."),
        ("client-record", &["child: birth+25y", "grown-up: end+7y"], "\"grown-up\" is not a condition"),
        ("letters", &["end+7y"], "Write one of: client-record, safeguarding, correspondence, artwork, media."),
        ("client-record", &[], "at least one case"),
        ("client-record", &["always: end+1y", "child: end+2y"], "The case \"child: end+2y\" would never apply"),
        ("client-record", &["end+10y"], "That is already the rule for client record: nothing changed."),
        ("safeguarding", &["client-record+0y"], "That is already the rule for safeguarding records"),
    ];
    for (category, cases, expected) in refusals {
        let refused = message(retention::set_rule_text(&mut vault, category, cases));
        assert!(refused.contains(expected), "{category} {cases:?}: {refused}");
    }
    assert_eq!(retention::changes(&vault)?.len(), 2);
    assert_eq!(states(&vault, &code, "")?[0].2.as_deref(), Some("31/03/2036"));

    // The text shown for a rule can be typed back, edited: a child's record to the 25th
    // birthday, everyone else's 10 years.
    let nhs = retention::preset("nhs").unwrap_or_else(|| panic!("the NHS preset"));
    let mut typed = retention::rule_text::rule_text(&nhs.client_record);
    assert_eq!(typed, ["17-at-end: birth+26y", "child: birth+25y", "adult: end+8y"]);
    typed.truncate(2);
    typed.push("adult: end+10y".into());
    retention::set_rule_text(&mut vault, "Client record", &typed)?;
    assert_eq!(states(&vault, &code, "")?[0].2.as_deref(), Some("10/12/2040"));
    Ok(())
}
