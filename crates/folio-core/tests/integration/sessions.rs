use chrono::NaiveDate;
use folio_core::practice::clients;
use folio_core::practice::lifecycle::ClientState;
use folio_core::practice::referral::ReferralForm;
use folio_core::practice::sessions::{self, Mode, NewSession, Outcome};
use folio_core::{Error, Vault};

use crate::create;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%d/%m/%Y").unwrap_or_default()
}

fn today() -> NaiveDate {
    d("22/11/2026")
}

fn in_person(on: &str, outcome: Outcome) -> NewSession {
    NewSession {
        on: d(on),
        start_time: "14:30".into(),
        minutes: 50,
        mode: Mode::InPerson,
        outcome,
        platform: String::new(),
        parent_contacted_start: None,
        parent_contacted_end: None,
        parent_nearby: None,
    }
}

fn child_in_therapy(vault: &mut Vault) -> folio_core::Result<()> {
    let form = ReferralForm {
        given_name: "Ada".into(),
        family_name: "Lovelace".into(),
        date_of_birth: "10/12/2015".into(),
        referral_date: "01/09/2026".into(),
        ..ReferralForm::default()
    };
    clients::add_referral(vault, form, today())?;
    clients::change_state(vault, "AL-0001", ClientState::Assessment, d("08/09/2026"), "", today())?;
    clients::change_state(vault, "AL-0001", ClientState::InTherapy, d("15/09/2026"), "", today())?;
    Ok(())
}

#[test]
fn the_register_numbers_attended_sessions_and_counts_outcomes() -> folio_core::Result<()> {
    let tmp = tempfile::tempdir().map_err(|e| Error::Internal(e.to_string()))?;
    let mut vault = create(&tmp.path().join("v"));
    child_in_therapy(&mut vault)?;
    sessions::add(&mut vault, "AL-0001", in_person("15/09/2026", Outcome::Attended), today())?;
    sessions::add(&mut vault, "AL-0001", in_person("22/09/2026", Outcome::DidNotAttend), today())?;
    sessions::add(&mut vault, "AL-0001", in_person("29/09/2026", Outcome::Attended), today())?;
    let planned = sessions::add(&mut vault, "AL-0001", in_person("29/11/2026", Outcome::Planned), today())?;
    let register = sessions::list(vault.connection(), "AL-0001", None)?;
    let numbers: Vec<Option<i64>> = register.iter().map(|s| s.number).collect();
    assert_eq!(numbers, [Some(1), None, Some(2), None]);
    assert_eq!(register[0].on, "15/09/2026");
    let counts = sessions::attendance(vault.connection(), "AL-0001", d("01/09/2026"), d("30/11/2026"))?;
    assert_eq!((counts.attended, counts.did_not_attend, counts.planned, counts.in_person), (2, 1, 1, 2));
    let september = sessions::attendance(vault.connection(), "AL-0001", d("01/09/2026"), d("22/09/2026"))?;
    assert_eq!((september.attended, september.did_not_attend), (1, 1));

    let future = sessions::set_outcome(&mut vault, "AL-0001", planned.id, Outcome::Attended, today()).err();
    assert!(future.map(|e| e.to_string()).unwrap_or_default().contains("only be planned"));
    let later = sessions::set_outcome(&mut vault, "AL-0001", planned.id, Outcome::Attended, d("29/11/2026"))?;
    assert_eq!(later.number, Some(3));
    Ok(())
}

#[test]
fn sessions_are_checked_in_words() -> folio_core::Result<()> {
    let tmp = tempfile::tempdir().map_err(|e| Error::Internal(e.to_string()))?;
    let mut vault = create(&tmp.path().join("v"));
    child_in_therapy(&mut vault)?;
    let msg = |r: folio_core::Result<sessions::Session>| r.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(msg(sessions::add(&mut vault, "AL-0001", in_person("31/08/2026", Outcome::Attended), today()))
        .contains("before this episode began"));
    assert!(msg(sessions::add(&mut vault, "AL-0001", in_person("01/12/2026", Outcome::Attended), today()))
        .contains("only be planned"));
    assert!(msg(sessions::add(
        &mut vault,
        "AL-0001",
        NewSession { minutes: 0, ..in_person("15/09/2026", Outcome::Attended) },
        today()
    ))
    .contains("from 5 to 480"));
    assert!(msg(sessions::add(
        &mut vault,
        "AL-0001",
        NewSession { start_time: "25:00".into(), ..in_person("15/09/2026", Outcome::Attended) },
        today()
    ))
    .contains("14:30"));
    Ok(())
}

#[test]
fn online_sessions_with_a_child_need_the_seed_004_checks() -> folio_core::Result<()> {
    let tmp = tempfile::tempdir().map_err(|e| Error::Internal(e.to_string()))?;
    let mut vault = create(&tmp.path().join("v"));
    child_in_therapy(&mut vault)?;
    let online = NewSession { mode: Mode::Online, ..in_person("06/10/2026", Outcome::Attended) };
    let no_platform = sessions::add(&mut vault, "AL-0001", online.clone(), today()).err();
    assert_eq!(no_platform.and_then(|e| e.field()), Some("platform"));
    let no_checks = sessions::add(
        &mut vault,
        "AL-0001",
        NewSession { platform: "Video call app".into(), ..online.clone() },
        today(),
    )
    .err();
    assert_eq!(no_checks.and_then(|e| e.field()), Some("parentChecks"));
    let recorded = sessions::add(
        &mut vault,
        "AL-0001",
        NewSession {
            platform: "Video call app".into(),
            parent_contacted_start: Some(true),
            parent_contacted_end: Some(true),
            parent_nearby: Some(true),
            ..online
        },
        today(),
    )?;
    assert_eq!((recorded.mode, recorded.parent_nearby), (Mode::Online, Some(true)));
    Ok(())
}

#[test]
fn an_ended_episode_takes_no_new_sessions() -> folio_core::Result<()> {
    let tmp = tempfile::tempdir().map_err(|e| Error::Internal(e.to_string()))?;
    let mut vault = create(&tmp.path().join("v"));
    child_in_therapy(&mut vault)?;
    clients::change_state(&mut vault, "AL-0001", ClientState::Ended, d("20/11/2026"), "planned ending", today())?;
    let err = sessions::add(&mut vault, "AL-0001", in_person("21/11/2026", Outcome::Attended), today()).err();
    assert!(err.map(|e| e.to_string()).unwrap_or_default().contains("Re-refer"));
    Ok(())
}

#[test]
fn the_client_list_sorts_by_next_planned_session() -> folio_core::Result<()> {
    use folio_core::practice::clients::{ClientFilter, ClientSort};
    let tmp = tempfile::tempdir().map_err(|e| Error::Internal(e.to_string()))?;
    let mut vault = create(&tmp.path().join("v"));
    child_in_therapy(&mut vault)?;
    let form = ReferralForm {
        given_name: "Bram".into(),
        family_name: "Stoker".into(),
        date_of_birth: "01/01/2012".into(),
        referral_date: "01/09/2026".into(),
        ..ReferralForm::default()
    };
    clients::add_referral(&mut vault, form, today())?;
    clients::change_state(&mut vault, "BS-0002", ClientState::Assessment, d("08/09/2026"), "", today())?;
    clients::change_state(&mut vault, "BS-0002", ClientState::InTherapy, d("15/09/2026"), "", today())?;
    let real_today = folio_core::dates::today();
    let soon = real_today + chrono::Days::new(3);
    let later = real_today + chrono::Days::new(10);
    sessions::add(
        &mut vault,
        "AL-0001",
        NewSession { on: later, ..in_person("01/01/2000", Outcome::Planned) },
        real_today,
    )?;
    sessions::add(
        &mut vault,
        "BS-0002",
        NewSession { on: soon, ..in_person("01/01/2000", Outcome::Planned) },
        real_today,
    )?;
    let sorted =
        clients::list(vault.connection(), &ClientFilter { sort: ClientSort::NextSession, ..Default::default() })?;
    let codes: Vec<&str> = sorted.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(codes, ["BS-0002", "AL-0001"]);
    assert_eq!(sorted[0].next_session, Some(folio_core::dates::format_uk(soon)));
    Ok(())
}
