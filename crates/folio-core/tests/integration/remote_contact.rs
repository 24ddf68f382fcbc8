//! Seed 004's duties for remote contact with a child outside sessions (the correspondence
//! log), and seed 000's "initials only in correspondence": the identifier check on the
//! summary, its refusal saying where (never what), and keeping with a reason.

use folio_core::correspondence::{self, CorrespondenceForm};
use folio_core::error::ErrorCode;
use folio_core::notes::KeptIdentifier;
use folio_core::sessions::{self, SessionForm};
use folio_core::{clients, Result, Vault};

use crate::{allow_online_contact, create, message, referral, tempdir};

/// Ada, 10, in therapy, with a session in person on 17/11/2026.
fn child(vault: &mut Vault) -> Result<String> {
    let code = clients::add_referral(vault, referral("Ada", "Lovelace", "10/12/2015", "01/09/2026"))?.code;
    clients::change_state(vault, &code, "assessment", "08/09/2026", "")?;
    clients::change_state(vault, &code, "in-therapy", "15/09/2026", "")?;
    let session = SessionForm { on: "17/11/2026".into(), outcome: "attended".into(), ..SessionForm::default() };
    sessions::add(vault, &code, session)?;
    Ok(code)
}

fn message_to(kind: &str, direction: &str, with: &str, on: &str) -> CorrespondenceForm {
    CorrespondenceForm {
        on: on.into(),
        kind: kind.into(),
        direction: direction.into(),
        counterpart: with.into(),
        summary: "Reminder of the time of the next session".into(),
        ..CorrespondenceForm::default()
    }
}

#[test]
fn a_message_to_a_child_needs_written_parental_consent_for_online_contact() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = child(&mut vault)?;
    for kind in ["text", "app-message", "voice-message", "video-call", "phone-call"] {
        let refused = message(correspondence::add(
            &mut vault,
            &code,
            message_to(kind, "out", "client", "17/11/2026"),
            vec![],
            None,
        ));
        assert!(refused.contains("needs a current written consent for online or phone contact"), "{kind}: {refused}");
        assert!(refused.contains("folio consent add CODE --purpose online-contact"), "{refused}");
    }
    // Not gated: e-mail, and anything with the parent.
    correspondence::add(&mut vault, &code, message_to("email", "out", "client", "17/11/2026"), vec![], None)?;
    correspondence::add(&mut vault, &code, message_to("text", "out", "parent", "17/11/2026"), vec![], None)?;

    allow_online_contact(&mut vault, &code, "10/11/2026")?;
    let sent = correspondence::add(&mut vault, &code, message_to("text", "out", "client", "17/11/2026"), vec![], None)?;
    assert!(sent.warnings.is_empty(), "{:?}", sent.warnings);
    Ok(())
}

#[test]
fn a_message_from_a_child_is_kept_with_a_warning_and_an_adult_is_not_gated() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = child(&mut vault)?;
    let received =
        correspondence::add(&mut vault, &code, message_to("text", "in", "client", "17/11/2026"), vec![], None)?;
    assert_eq!(received.warnings.len(), 1, "{:?}", received.warnings);
    assert!(received.warnings[0].contains("without a current written parental consent"));
    let logged = correspondence::list(&vault, &code)?;
    assert_eq!(logged[0].warnings, received.warnings, "the warning is recorded with the entry");

    let adult = clients::add_referral(&mut vault, referral("Ida", "Noor", "01/01/1990", "01/09/2026"))?.code;
    let text =
        correspondence::add(&mut vault, &adult, message_to("text", "out", "client", "20/11/2026"), vec![], None)?;
    assert!(text.warnings.is_empty());
    Ok(())
}

#[test]
fn contact_with_a_child_on_a_day_without_a_session_needs_a_reason_which_is_recorded() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = child(&mut vault)?;
    allow_online_contact(&mut vault, &code, "10/11/2026")?;
    let refused = message(correspondence::add(
        &mut vault,
        &code,
        message_to("text", "out", "client", "18/11/2026"),
        vec![],
        None,
    ));
    assert!(refused.contains("no session in the register on 18/11/2026"), "{refused}");
    let form = CorrespondenceForm {
        outside_reason: "The parent asked me to confirm the new room".into(),
        ..message_to("text", "out", "client", "18/11/2026")
    };
    let sent = correspondence::add(&mut vault, &code, form, vec![], None)?;
    assert_eq!(sent.warnings.len(), 1);
    assert!(sent.warnings[0].starts_with("Outside an appointment"), "{:?}", sent.warnings);
    assert!(sent.warnings[0].ends_with("The parent asked me to confirm the new room"));
    Ok(())
}

#[test]
fn a_summary_that_names_someone_is_refused_with_where_and_kept_only_with_a_reason() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = child(&mut vault)?;
    let named = CorrespondenceForm {
        summary: "Told Lovelace's teacher the session moved".into(),
        ..message_to("letter", "out", "school", "17/11/2026")
    };
    let refused = correspondence::add(&mut vault, &code, named.clone(), vec![], None).err();
    let Some(refused) = refused else { panic!("a summary naming the client was accepted") };
    assert_eq!(refused.code(), ErrorCode::IdentifiersFound);
    let hits = refused.hits();
    assert_eq!((hits.len(), hits[0].field, hits[0].start, hits[0].end), (1, "summary", 5, 13));
    assert!(!refused.to_string().contains("Lovelace"), "the refusal never quotes: {refused}");
    assert!(correspondence::list(&vault, &code)?.is_empty(), "nothing was logged");

    // Kept hit by hit (the app), each with its reason; or all at once (the CLI).
    let kept = vec![KeptIdentifier {
        text: "Lovelace".into(),
        kind: hits[0].kind,
        reason: "The school knows her by it".into(),
    }];
    let by_hit = correspondence::add(&mut vault, &code, CorrespondenceForm { kept, ..named.clone() }, vec![], None)?;
    assert_eq!(by_hit.kept[0].reason, "The school knows her by it");
    let all = correspondence::add(&mut vault, &code, named, vec![], Some("Letter to the school"))?;
    assert_eq!(all.kept[0].reason, "Letter to the school");
    assert_eq!(correspondence::list(&vault, &code)?[0].kept, all.kept, "what was kept is stored with the entry");
    Ok(())
}

fn online(on: &str, outcome: &str) -> SessionForm {
    SessionForm { on: on.into(), mode: "online".into(), outcome: outcome.into(), ..SessionForm::default() }
}

#[test]
fn a_parent_check_answered_no_needs_a_reason_and_asks_for_a_safeguarding_review() -> Result<()> {
    use folio_core::safeguarding::{self, SafeguardingForm};
    use folio_core::sessions::OutcomeForm;
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = child(&mut vault)?;
    allow_online_contact(&mut vault, &code, "10/11/2026")?;
    let planned = sessions::add(&mut vault, &code, online("19/11/2026", "planned"))?;
    let outcome = |reason: Option<&str>| OutcomeForm {
        outcome: "attended".into(),
        platform: Some("Video call app".into()),
        parent_contacted_start: Some(true),
        parent_contacted_end: Some(false),
        parent_nearby: Some(true),
        checks_reason: reason.map(String::from),
        platform_confirmed: None,
    };
    let refused = sessions::record_outcome(&mut vault, &code, planned.id, outcome(None)).err();
    assert_eq!(refused.and_then(|e| e.field()), Some("checksReason"), "a \"no\" needs its reason");
    assert!(sessions::reviews_due(&vault)?.is_empty());

    let reason = "The call dropped before the end; I phoned the parent at once";
    let attended = sessions::record_outcome(&mut vault, &code, planned.id, outcome(Some(reason)))?;
    assert_eq!((attended.checks_reason.as_str(), attended.parent_contacted_end), (reason, Some(false)));
    let due = sessions::reviews_due(&vault)?;
    assert_eq!(due.len(), 1);
    assert_eq!((due[0].session, due[0].client.as_str()), (planned.id, code.as_str()), "linked to the session");
    assert_eq!(due[0].missed, ["the parent or carer was not contacted at the end"]);

    // A reason where every check is "yes" is refused: it would say something that did not happen.
    let yes = SessionForm {
        platform: "Video call app".into(),
        parent_contacted_start: Some(true),
        parent_contacted_end: Some(true),
        parent_nearby: Some(true),
        checks_reason: "nothing".into(),
        ..online("20/11/2026", "attended")
    };
    assert_eq!(sessions::add(&mut vault, &code, yes).err().and_then(|e| e.field()), Some("checksReason"));

    // The review is recorded in the safeguarding log; the session leaves Home.
    let entry = SafeguardingForm {
        on: "20/11/2026".into(),
        account: "Reviewed the dropped call: no concern; mum was in the next room (review).".into(),
        action: "Agreed a phone check-in plan with mum.".into(),
        ..SafeguardingForm::default()
    };
    safeguarding::add(&mut vault, &code, entry, None)?;
    assert!(sessions::reviews_due(&vault)?.is_empty());
    Ok(())
}

#[test]
fn a_session_on_a_platform_the_parent_did_not_agree_to_needs_confirmation_which_is_recorded() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = child(&mut vault)?;
    allow_online_contact(&mut vault, &code, "10/11/2026")?; // Video call app, phone
    let other = SessionForm { platform: "Another chat app".into(), ..online("19/11/2026", "planned") };
    let refused = message(sessions::add(&mut vault, &code, other.clone()));
    assert!(refused.contains("agreed to these platforms for online contact: Video call app, phone"), "{refused}");
    let confirmed = "The parent agreed on the phone on 18/11 as the usual app was down";
    let added = sessions::add(&mut vault, &code, SessionForm { platform_confirmed: confirmed.into(), ..other })?;
    assert_eq!(added.platform_confirmed, confirmed);
    let agreed = SessionForm { platform: "video call APP".into(), ..online("20/11/2026", "planned") };
    assert!(sessions::add(&mut vault, &code, agreed)?.platform_confirmed.is_empty());
    Ok(())
}

#[test]
fn a_practice_that_does_not_record_sessions_takes_no_recording_consent_and_one_that_does_needs_the_plan() -> Result<()>
{
    use folio_core::consents::{self, ConsentForm};
    use folio_core::sessions::settings;
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let adult = clients::add_referral(&mut vault, referral("Ida", "Noor", "01/01/1990", "01/09/2026"))?.code;
    let recording = |plan: &str| ConsentForm {
        purpose: "recording".into(),
        given_by: "client".into(),
        how: "written".into(),
        on: "10/11/2026".into(),
        plan: plan.into(),
        ..ConsentForm::default()
    };
    assert!(settings::settings(&vault)?.records_sessions, "recording is possible until the practice says not");
    assert_eq!(consents::add(&mut vault, &adult, recording(""), None).err().and_then(|e| e.field()), Some("plan"));
    let c = consents::add(&mut vault, &adult, recording("Listening back to improvisations, agreed at review"), None)?;
    assert_eq!(c.plan, "Listening back to improvisations, agreed at review");

    assert!(!settings::set_records_sessions(&mut vault, "no")?.records_sessions);
    let refused = message(consents::add(&mut vault, &adult, recording("A plan"), None));
    assert!(refused.contains("This practice does not record sessions"), "{refused}");
    assert_eq!(
        message(settings::set_records_sessions(&mut vault, "maybe")),
        "Answer yes or no: does the practice record sessions?"
    );
    Ok(())
}

#[test]
fn an_image_sent_to_a_client_or_parent_comes_back_with_the_no_images_of_people_reminder() -> Result<()> {
    use folio_core::correspondence::Attachment;
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = child(&mut vault)?;
    let bytes = b"\x89PNG\r\n";
    let (mut one, mut two, mut three) = (&bytes[..], &bytes[..], &bytes[..]);
    let to_parent = message_to("email", "out", "parent", "17/11/2026");
    let drum = Attachment::Stream { file_name: "drum.png".into(), reader: &mut one };
    let sent = correspondence::add(&mut vault, &code, to_parent.clone(), vec![drum], None)?;
    assert_eq!(sent.reminders.len(), 1, "{:?}", sent.reminders);
    assert!(sent.reminders[0].contains("no images, pictures or videos of people"), "{:?}", sent.reminders);
    assert!(correspondence::list(&vault, &code)?[0].reminders.is_empty(), "a reminder is for the moment, not stored");
    let pdf = Attachment::Stream { file_name: "letter.pdf".into(), reader: &mut two };
    assert!(correspondence::add(&mut vault, &code, to_parent, vec![pdf], None)?.reminders.is_empty(), "not an image");
    let school = message_to("letter", "out", "school", "17/11/2026");
    let plan = Attachment::Stream { file_name: "plan.png".into(), reader: &mut three };
    assert!(correspondence::add(&mut vault, &code, school, vec![plan], None)?.reminders.is_empty());
    Ok(())
}
