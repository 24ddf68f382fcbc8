//! The consent ledger: who may give which consent, review and refresh dates over time, the
//! school-episode refresh, withdrawal, history never overwritten, and the online-contact
//! gate on the attendance register.

use folio_core::clients;
use folio_core::consents::{self, ConsentForm, ConsentState, GivenByRole};
use folio_core::referrals::{Contact, ReferralForm};
use folio_core::sessions::{self, SessionForm};
use folio_core::{Clock, Result, Vault};

use crate::{create, day, message, referral, tempdir};

/// Mia, born 2015, in therapy since 15/09/2026, her mother Ann Lee holding parental
/// responsibility. Returns her code.
fn child(vault: &mut Vault, funding: &str) -> Result<String> {
    let form = ReferralForm {
        funding: funding.into(),
        parental_responsibility: vec![Contact {
            name: "Ann Lee".into(),
            relationship: "mother".into(),
            ..Contact::default()
        }],
        ..referral("Mia", "Lee", "10/12/2015", "01/09/2026")
    };
    let client = clients::add_referral(vault, form)?;
    clients::change_state(vault, &client.code, "assessment", "08/09/2026", "")?;
    clients::change_state(vault, &client.code, "in-therapy", "15/09/2026", "")?;
    Ok(client.code)
}

fn consent(purpose: &str, given_by: &str, how: &str, on: &str) -> ConsentForm {
    ConsentForm {
        purpose: purpose.into(),
        given_by: given_by.into(),
        how: how.into(),
        on: on.into(),
        platforms: "Video call app, phone".into(),
        failure_plan: "I phone the parent and we end the session".into(),
        ..ConsentForm::default()
    }
}

fn online(on: &str) -> SessionForm {
    SessionForm {
        on: on.into(),
        mode: "online".into(),
        outcome: "attended".into(),
        platform: "Video call app".into(),
        parent_contacted_start: Some(true),
        parent_contacted_end: Some(true),
        parent_nearby: Some(true),
        ..SessionForm::default()
    }
}

#[test]
fn who_may_give_a_consent_follows_parental_responsibility_and_competence() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = child(&mut vault, "private")?;
    let parent =
        consents::add(&mut vault, &code, consent("parental-therapy", "ann lee", "written", "10/09/2026"), None)?;
    assert_eq!(parent.given_by, "Ann Lee", "the name as on the referral");
    assert_eq!(parent.given_by_role, GivenByRole::ParentalResponsibility);
    assert!(parent.written);

    let refused =
        message(consents::add(&mut vault, &code, consent("parental-therapy", "client", "written", "10/09/2026"), None));
    assert!(refused.contains("person with parental responsibility"), "{refused}");
    let stranger =
        message(consents::add(&mut vault, &code, consent("therapy", "Bob Smith", "written", "10/09/2026"), None));
    assert!(stranger.contains("named on the referral") && !stranger.contains("Bob"), "{stranger}");
    let no_judgement =
        message(consents::add(&mut vault, &code, consent("therapy", "client", "verbal", "10/09/2026"), None));
    assert!(no_judgement.contains("competence"), "{no_judgement}");
    let own = consents::add(
        &mut vault,
        &code,
        ConsentForm {
            competence: "Judged by me on 10/09/2026 with her mother: understood and could explain it back.".into(),
            ..consent("therapy", "client", "verbal", "10/09/2026")
        },
        None,
    )?;
    assert_eq!(own.given_by_role, GivenByRole::Client);
    assert!(!own.written, "verbal is recorded but never written");
    assert!(message(consents::add(&mut vault, &code, consent("other", "Ann Lee", "email", "10/09/2026"), None))
        .contains("Say what"));
    assert!(message(consents::add(&mut vault, &code, consent("publicity", "Ann Lee", "email", "23/11/2026"), None))
        .contains("future"));
    Ok(())
}

#[test]
fn a_consent_is_due_for_review_after_a_year_and_expires_after_two_and_a_review_moves_it_on() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = child(&mut vault, "private")?;
    let c = consents::add(&mut vault, &code, consent("artwork-photos", "Ann Lee", "written", "29/02/2024"), None)?;
    assert_eq!(
        (c.review_on, c.refresh_on),
        (day("28/02/2025"), day("28/02/2026")),
        "29 February: the month's last day"
    );
    assert_eq!(c.state, ConsentState::Expired, "today is 22/11/2026");

    let c = consents::add(&mut vault, &code, consent("supervision", "Ann Lee", "written", "30/11/2025"), None)?;
    assert_eq!(c.state, ConsentState::Current);
    let due = consents::due(&vault, "")?;
    assert_eq!(due.iter().map(|d| d.id).collect::<Vec<_>>(), vec![1], "only the expired one is due today");
    let due_later = consents::due(&vault, "01/12/2026")?;
    assert_eq!(due_later.len(), 2);

    vault.set_clock(Clock::on(day("05/12/2026")));
    assert_eq!(consents::show(&vault, c.id)?.state, ConsentState::ReviewDue);
    let reviewed = consents::review(&mut vault, c.id, "05/12/2026", "Still agreed; same supervisor.")?;
    assert_eq!(reviewed.state, ConsentState::Current);
    assert_eq!(reviewed.review_on, day("30/11/2027"), "a year after the review, capped at the refresh");
    assert_eq!(reviewed.reviewed, vec![day("05/12/2026")]);
    assert!(
        message(consents::review(&mut vault, 1, "", "")).contains("refresh"),
        "an expired consent is refreshed, not reviewed"
    );

    // A refresh is a new consent; the old one is replaced and no longer due.
    consents::add(&mut vault, &code, consent("artwork-photos", "Ann Lee", "written", "01/12/2026"), None)?;
    assert_eq!(consents::show(&vault, 1)?.replaced_by, Some(3));
    assert!(consents::due(&vault, "")?.is_empty());
    // A client whose therapy has ended needs no refreshing: nothing of theirs is due.
    assert_eq!(consents::due(&vault, "01/01/2029")?.len(), 2);
    clients::change_state(&mut vault, &code, "ended", "01/12/2026", "Planned ending")?;
    assert!(consents::due(&vault, "01/01/2029")?.is_empty());
    Ok(())
}

#[test]
fn work_in_schools_is_refreshed_when_a_new_episode_begins() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = child(&mut vault, "school")?;
    let c = consents::add(
        &mut vault,
        &code,
        consent("parental-therapy", "Ann Lee", "signed-contract", "10/09/2026"),
        None,
    )?;
    assert_eq!(c.refresh_on, day("10/09/2028"));
    clients::change_state(&mut vault, &code, "ended", "01/10/2026", "Term ended")?;
    clients::re_refer(&mut vault, &code, "05/11/2026", "Referred again by the school")?;
    let c = consents::show(&vault, c.id)?;
    assert_eq!(c.refresh_on, day("05/11/2026"), "the new period of therapy needs a fresh consent");
    assert_eq!(c.state, ConsentState::Expired);
    Ok(())
}

#[test]
fn a_setting_marked_as_a_school_refreshes_at_a_new_episode_whoever_pays() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let home = child(&mut vault, "private")?;
    let form = ReferralForm {
        funding: "charity".into(),
        setting_name: "Oakfield Primary".into(),
        setting_is_school: true,
        parental_responsibility: vec![Contact { name: "Sam Kerr".into(), ..Contact::default() }],
        ..referral("Ada", "Kerr", "03/03/2016", "01/09/2026")
    };
    let school = clients::add_referral(&mut vault, form)?.code;
    clients::change_state(&mut vault, &school, "assessment", "08/09/2026", "")?;
    clients::change_state(&mut vault, &school, "in-therapy", "15/09/2026", "")?;
    let mut ids = Vec::new();
    for (code, parent) in [(&home, "Ann Lee"), (&school, "Sam Kerr")] {
        let c = consents::add(&mut vault, code, consent("parental-therapy", parent, "written", "10/09/2026"), None)?;
        clients::change_state(&mut vault, code, "ended", "01/10/2026", "Term ended")?;
        clients::re_refer(&mut vault, code, "05/11/2026", "Referred again")?;
        ids.push(c.id);
    }
    assert_eq!(consents::show(&vault, ids[0])?.refresh_on, day("10/09/2028"), "not work in schools");
    assert_eq!(consents::show(&vault, ids[1])?.refresh_on, day("05/11/2026"), "a school setting, charity funded");

    let unnamed = ReferralForm { setting_is_school: true, ..referral("Bo", "Kerr", "03/03/2016", "01/09/2026") };
    let refused = message(clients::add_referral(&mut vault, unnamed));
    assert!(refused.contains("Enter the school's name"), "{refused}");
    Ok(())
}

#[test]
fn an_online_session_with_a_child_needs_written_parental_consent_until_it_is_withdrawn() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = child(&mut vault, "private")?;
    let none = message(sessions::add(&mut vault, &code, online("20/11/2026")));
    assert!(none.contains("written consent for online or phone contact"), "{none}");
    assert!(none.contains("folio consent add CODE --purpose online-contact"), "{none}");
    assert!(none.contains("There is none"), "{none}");

    consents::add(&mut vault, &code, consent("online-contact", "Ann Lee", "verbal", "01/11/2026"), None)?;
    let verbal = message(sessions::add(&mut vault, &code, online("20/11/2026")));
    assert!(verbal.contains("was verbal"), "{verbal}");

    let written = consents::add(&mut vault, &code, consent("online-contact", "Ann Lee", "email", "02/11/2026"), None)?;
    let before = message(sessions::add(&mut vault, &code, online("01/11/2026")));
    assert!(before.contains("given after that day"), "a consent counts from its date: {before}");
    sessions::add(&mut vault, &code, online("20/11/2026"))?;

    consents::withdraw(&mut vault, written.id, "21/11/2026", "Ann Lee")?;
    let withdrawn = consents::show(&vault, written.id)?;
    assert_eq!(withdrawn.state, ConsentState::Withdrawn);
    assert!(withdrawn.withdrawal.as_ref().is_some_and(|w| w.affects.contains("online or phone")));
    let after = message(sessions::add(&mut vault, &code, online("22/11/2026")));
    assert!(after.contains("withdrawn on 21/11/2026"), "{after}");
    assert!(message(consents::withdraw(&mut vault, written.id, "22/11/2026", "Ann Lee")).contains("already"));
    // In person, or with an adult, nothing is asked.
    sessions::add(&mut vault, &code, SessionForm { mode: "in-person".into(), ..online("22/11/2026") })?;
    Ok(())
}

#[test]
fn recorded_consents_reviews_and_withdrawals_are_never_changed() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = child(&mut vault, "private")?;
    consents::add(&mut vault, &code, consent("therapy", "Ann Lee", "written", "10/09/2026"), None)?;
    let refused = vault.write(|change| {
        change.execute("UPDATE consents SET given_on = '2020-01-01'", []).map_err(crate::sql)?;
        change.record(folio_core::audit::Action::ConsentRecorded, folio_core::vault::Record::new("consent", 1))
    });
    assert!(message(refused).contains("never changed"));
    let actions: Vec<String> = vault.audit_recent(100)?.into_iter().map(|e| e.action).collect();
    assert!(actions.contains(&"consent.recorded".to_string()));
    Ok(())
}

#[test]
fn a_practice_can_change_a_purposes_intervals_and_recorded_consents_follow() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = child(&mut vault, "private")?;
    let c = consents::add(&mut vault, &code, consent("artwork-photos", "Ann Lee", "written", "15/09/2026"), None)?;
    assert_eq!((c.review_on, c.refresh_on), (day("15/09/2027"), day("15/09/2028")));
    let set = consents::set_intervals(&mut vault, "artwork-photos", "6", "12")?;
    assert!(set.edited);
    let c = consents::show(&vault, c.id)?;
    assert_eq!((c.review_on, c.refresh_on), (day("15/03/2027"), day("15/09/2027")));
    let others = consents::intervals(&vault)?;
    assert!(others
        .iter()
        .filter(|i| i.purpose != folio_core::consents::Purpose::ArtworkPhotos)
        .all(|i| !i.edited && i.review_months == 12 && i.refresh_months == 24));
    assert!(
        message(consents::set_intervals(&mut vault, "artwork-photos", "13", "12")).contains("expire before its review")
    );
    assert!(message(consents::set_intervals(&mut vault, "artwork-photos", "0", "12")).contains("1 to 60"));
    assert!(message(consents::set_intervals(&mut vault, "artwork-photos", "six", "12")).contains("whole number"));
    Ok(())
}
