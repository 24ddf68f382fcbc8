use folio_core::clients::{self, ClientFilter};
use folio_core::sessions::{self, Mode, Outcome, Session, SessionForm};
use folio_core::{Clock, Result, Vault};

use crate::{create, day, message, referral, tempdir};

fn in_person(on: &str, outcome: &str) -> SessionForm {
    SessionForm {
        on: on.into(),
        start_time: "14:30".into(),
        minutes: 50,
        mode: "in person".into(),
        outcome: outcome.into(),
        ..SessionForm::default()
    }
}

fn online(on: &str, outcome: &str) -> SessionForm {
    SessionForm { mode: "online".into(), ..in_person(on, outcome) }
}

fn with_checks(form: SessionForm) -> SessionForm {
    SessionForm {
        platform: "Video call app".into(),
        parent_contacted_start: Some(true),
        parent_contacted_end: Some(true),
        parent_nearby: Some(true),
        ..form
    }
}

/// A client in therapy since 15/09/2026, born `date_of_birth`; returns the code.
fn in_therapy(vault: &mut Vault, given: &str, family: &str, date_of_birth: &str) -> Result<String> {
    let client = clients::add_referral(vault, referral(given, family, date_of_birth, "01/09/2026"))?;
    clients::change_state(vault, &client.code, "assessment", "08/09/2026", "")?;
    clients::change_state(vault, &client.code, "in-therapy", "15/09/2026", "")?;
    Ok(client.code)
}

fn child_in_therapy(vault: &mut Vault) -> Result<String> {
    in_therapy(vault, "Ada", "Lovelace", "10/12/2015")
}

fn outcome_of(vault: &Vault, code: &str, id: i64) -> Result<Option<Outcome>> {
    Ok(sessions::list(vault, code, None)?.into_iter().find(|s| s.id == id).map(|s| s.outcome))
}

#[test]
fn the_register_numbers_attended_sessions_and_counts_outcomes() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(&tmp.path().join("v"));
    let code = child_in_therapy(&mut vault)?;
    sessions::add(&mut vault, &code, in_person("15/09/2026", "attended"))?;
    let dna = sessions::add(&mut vault, &code, in_person("22/09/2026", "DNA"))?;
    assert_eq!(dna.outcome, Outcome::DidNotAttend, "the alias a therapist types");
    sessions::add(&mut vault, &code, in_person("29/09/2026", "Attended"))?;
    let planned = sessions::add(&mut vault, &code, in_person("29/11/2026", "planned"))?;
    let register = sessions::list(&vault, &code, None)?;
    let numbers: Vec<Option<i64>> = register.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [Some(1), None, Some(2), None]);
    assert_eq!(register[0].on, day("15/09/2026"));
    let json = serde_json::to_string(&register[1]).unwrap_or_default();
    assert!(json.contains(r#""on":"22/09/2026""#) && json.contains(r#""outcome":"did-not-attend""#), "{json}");
    assert!(json.contains(r#""mode":"in-person""#), "{json}");
    let counts = sessions::attendance(&vault, &code, "01/09/2026", "30/11/2026")?;
    assert_eq!((counts.attended, counts.did_not_attend, counts.planned, counts.in_person), (2, 1, 1, 2));
    let september = sessions::attendance(&vault, &code, "01/09/2026", "22/09/2026")?;
    assert_eq!((september.attended, september.did_not_attend), (1, 1));
    let backwards = sessions::attendance(&vault, &code, "30/11/2026", "01/09/2026").err();
    assert_eq!(backwards.and_then(|e| e.field()), Some("to"));

    let future = message(sessions::set_outcome(&mut vault, &code, planned.id, "attended"));
    assert!(future.contains("only be planned"), "{future}");
    // A week later, the planned session happened.
    vault.set_clock(Clock::on(day("29/11/2026")));
    let later = sessions::set_outcome(&mut vault, &code, planned.id, "attended")?;
    assert_eq!(later.number, Some(3));
    Ok(())
}

#[test]
fn sessions_are_checked_in_words() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(&tmp.path().join("v"));
    let code = child_in_therapy(&mut vault)?;
    let msg = |r: Result<Session>| message(r);
    assert!(msg(sessions::add(&mut vault, &code, in_person("31/08/2026", "attended")))
        .contains("before this episode began"));
    assert!(msg(sessions::add(&mut vault, &code, in_person("01/12/2026", "attended"))).contains("only be planned"));
    assert!(msg(sessions::add(&mut vault, &code, SessionForm { minutes: 0, ..in_person("15/09/2026", "attended") }))
        .contains("from 5 to 480"));
    assert!(msg(sessions::add(
        &mut vault,
        &code,
        SessionForm { start_time: "25:00".into(), ..in_person("15/09/2026", "attended") }
    ))
    .contains("14:30"));
    let no_date = sessions::add(&mut vault, &code, in_person("31/02/2026", "attended")).err();
    assert_eq!(no_date.and_then(|e| e.field()), Some("on"));
    let no_mode = sessions::add(
        &mut vault,
        &code,
        SessionForm { mode: "by carrier pigeon".into(), ..in_person("15/09/2026", "attended") },
    )
    .err();
    assert_eq!(no_mode.and_then(|e| e.field()), Some("mode"));
    let no_outcome = sessions::add(&mut vault, &code, in_person("15/09/2026", "")).err();
    assert_eq!(no_outcome.and_then(|e| e.field()), Some("outcome"));
    assert!(sessions::list(&vault, &code, None)?.is_empty(), "nothing refused was stored");
    Ok(())
}

#[test]
fn online_sessions_with_a_child_need_the_seed_004_checks() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(&tmp.path().join("v"));
    let code = child_in_therapy(&mut vault)?;
    crate::allow_online_contact(&mut vault, &code, "15/09/2026")?;
    let no_platform = sessions::add(&mut vault, &code, online("06/10/2026", "attended")).err();
    assert_eq!(no_platform.and_then(|e| e.field()), Some("platform"));
    let no_checks = sessions::add(
        &mut vault,
        &code,
        SessionForm { platform: "Video call app".into(), ..online("06/10/2026", "attended") },
    )
    .err();
    assert_eq!(no_checks.and_then(|e| e.field()), Some("parentChecks"));
    let recorded = sessions::add(&mut vault, &code, with_checks(online("06/10/2026", "attended")))?;
    assert_eq!((recorded.mode, recorded.parent_nearby), (Mode::Online, Some(true)));
    assert_eq!(recorded.platform, "Video call app");
    // Leftovers of the form are not kept for a session in person.
    let in_room = sessions::add(&mut vault, &code, with_checks(in_person("13/10/2026", "attended")))?;
    assert_eq!((in_room.platform.as_str(), in_room.parent_nearby), ("", None));
    Ok(())
}

#[test]
fn recording_that_a_planned_online_session_with_a_child_happened_needs_the_same_checks() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(&tmp.path().join("v"));
    let child = child_in_therapy(&mut vault)?;
    crate::allow_online_contact(&mut vault, &child, "15/09/2026")?;
    // Planned without the checks: allowed, it has not happened yet.
    let planned = sessions::add(&mut vault, &child, online("17/11/2026", "planned"))?;
    let phone = sessions::add(
        &mut vault,
        &child,
        SessionForm { mode: "phone".into(), platform: "Phone".into(), ..in_person("18/11/2026", "planned") },
    )?;
    let before = vault.audit_recent(1)?;
    for id in [planned.id, phone.id] {
        let refused = sessions::set_outcome(&mut vault, &child, id, "attended").err();
        let field = refused.as_ref().and_then(|e| e.field());
        assert!(matches!(field, Some("platform" | "parentChecks")), "{refused:?}");
        assert_eq!(outcome_of(&vault, &child, id)?, Some(Outcome::Planned), "the register is unchanged");
    }
    assert_eq!(vault.audit_recent(1)?, before, "a refused outcome leaves no audit entry");
    // Other outcomes need no checks: nobody met.
    assert_eq!(sessions::set_outcome(&mut vault, &child, phone.id, "did not attend")?.outcome, Outcome::DidNotAttend);
    // Planned with every check, it can be recorded as attended.
    let ready = sessions::add(&mut vault, &child, with_checks(online("19/11/2026", "planned")))?;
    assert_eq!(sessions::set_outcome(&mut vault, &child, ready.id, "attended")?.outcome, Outcome::Attended);

    // An adult's online session needs none of the checks.
    let adult = in_therapy(&mut vault, "Bram", "Stoker", "01/01/1980")?;
    let planned = sessions::add(&mut vault, &adult, online("17/11/2026", "planned"))?;
    let attended = sessions::set_outcome(&mut vault, &adult, planned.id, "attended")?;
    assert_eq!((attended.outcome, attended.number), (Outcome::Attended, Some(1)));
    Ok(())
}

#[test]
fn the_register_counts_the_current_episode_only() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(&tmp.path().join("v"));
    let code = child_in_therapy(&mut vault)?;
    sessions::add(&mut vault, &code, in_person("22/09/2026", "attended"))?;
    sessions::add(&mut vault, &code, in_person("29/09/2026", "dna"))?;
    sessions::add(&mut vault, &code, in_person("06/10/2026", "cancelled by client"))?;
    clients::change_state(&mut vault, &code, "ended", "10/10/2026", "planned ending")?;
    clients::re_refer(&mut vault, &code, "01/11/2026", "returning")?;
    clients::change_state(&mut vault, &code, "assessment", "02/11/2026", "")?;
    sessions::add(&mut vault, &code, in_person("03/11/2026", "attended"))?;
    sessions::add(&mut vault, &code, in_person("10/11/2026", "cancelled by therapist"))?;
    let register = sessions::register(&vault, &code)?;
    assert_eq!(register.sessions.len(), 5, "every episode's sessions are listed");
    assert_eq!(register.episode, 2);
    let c = register.episode_counts;
    assert_eq!(
        (c.attended, c.did_not_attend, c.cancelled_by_client, c.cancelled_by_therapist, c.planned),
        (1, 0, 0, 1, 0),
        "only episode 2 is counted"
    );
    Ok(())
}

#[test]
fn an_ended_episode_takes_no_new_sessions() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(&tmp.path().join("v"));
    let code = child_in_therapy(&mut vault)?;
    clients::change_state(&mut vault, &code, "ended", "20/11/2026", "planned ending")?;
    let err = message(sessions::add(&mut vault, &code, in_person("21/11/2026", "attended")));
    assert!(err.contains("Re-refer"), "{err}");
    Ok(())
}

#[test]
fn the_client_list_sorts_by_next_planned_session() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(&tmp.path().join("v"));
    let ada = child_in_therapy(&mut vault)?;
    let bram = in_therapy(&mut vault, "Bram", "Stoker", "01/01/2012")?;
    // Today is 22/11/2026: a planned session left in the past is not "next".
    sessions::add(&mut vault, &ada, in_person("20/11/2026", "planned"))?;
    sessions::add(&mut vault, &ada, in_person("02/12/2026", "planned"))?;
    sessions::add(&mut vault, &bram, in_person("25/11/2026", "planned"))?;
    let sorted = clients::list(&vault, &ClientFilter { sort: "next-session".into(), ..Default::default() })?;
    let codes: Vec<&str> = sorted.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(codes, [bram.as_str(), ada.as_str()]);
    assert_eq!(sorted[0].next_session, Some(day("25/11/2026")));
    assert_eq!(sorted[1].next_session, Some(day("02/12/2026")));
    let json = serde_json::to_string(&sorted[0]).unwrap_or_default();
    assert!(json.contains(r#""nextSession":"25/11/2026""#), "{json}");
    Ok(())
}
