//! The incident and personal data breach log (UK GDPR art. 33): 72 elapsed hours from
//! becoming aware, read and shown in UK local time across month ends and the clocks'
//! changes; a late report needs its reasons; a decision not to report needs its reason.

use chrono::NaiveDateTime;
use folio_core::clients;
use folio_core::incidents::{self, DecisionForm, IncidentForm, IncidentState, ReportForm};
use folio_core::{Clock, Result, Vault};

use crate::{create, message, referral, sql, tempdir};

/// Fixes the vault's clock at a UTC moment the test spells ("2026-12-01 10:00").
fn at_utc(vault: &mut Vault, utc: &str) {
    let moment = NaiveDateTime::parse_from_str(utc, "%Y-%m-%d %H:%M").unwrap_or_else(|e| panic!("{utc}: {e}"));
    vault.set_clock(Clock::Fixed(moment));
}

fn aware(at: &str) -> IncidentForm {
    IncidentForm {
        aware: at.into(),
        summary: "A letter about JQ went to the wrong address.".into(),
        risk: "Low: the neighbour returned it unopened.".into(),
        actions: "Collected it the same day.".into(),
        ..IncidentForm::default()
    }
}

fn report(on: &str, late: &str) -> ReportForm {
    ReportForm { on: on.into(), late_reason: late.into(), reference: String::new() }
}

#[test]
fn the_deadline_is_72_elapsed_hours_in_uk_time_across_month_ends_and_clock_changes() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    at_utc(&mut vault, "2026-12-01 10:00");
    let month_end = incidents::add(&mut vault, aware("30/11/2026 15:00"))?;
    assert_eq!(folio_core::dates::format_london(month_end.report_by), "03/12/2026 15:00");
    assert_eq!(
        (month_end.state, month_end.minutes_left, month_end.countdown.as_str()),
        (IncidentState::Open, Some(53 * 60), "53 hours left")
    );
    let october = incidents::add(&mut vault, aware("24/10/2026 10:00"))?;
    let json = serde_json::to_value(&october).map_err(|e| folio_core::Error::Internal(e.to_string()))?;
    assert_eq!(
        (json["aware"].as_str(), json["reportBy"].as_str()),
        (Some("24/10/2026 10:00"), Some("27/10/2026 09:00")),
        "clocks went back on 25/10"
    );
    assert!(october.overdue && october.countdown.starts_with("Overdue by"), "{}", october.countdown);
    let march = incidents::add(&mut vault, aware("27/03/2026 10:00"))?;
    assert_eq!(folio_core::dates::format_london(march.report_by), "30/03/2026 11:00", "clocks went forward on 29/03");

    let skipped = message(incidents::add(&mut vault, aware("29/03/2026 01:30")));
    assert!(skipped.contains("did not happen") && !skipped.contains("01:30"), "{skipped}");
    let twice = incidents::add(&mut vault, aware("25/10/2026 01:30"))?;
    assert_eq!(
        folio_core::dates::format_london(twice.report_by),
        "28/10/2026 00:30",
        "the earlier (BST) reading: 72 hours from 00:30 UTC"
    );
    assert!(message(incidents::add(&mut vault, aware("01/12/2026 10:01"))).contains("cannot be in the future"));
    assert!(message(incidents::add(&mut vault, aware("01/12/2026"))).contains("hours:minutes"));
    let open: Vec<i64> = incidents::list(&vault)?.iter().take(1).map(|i| i.id).collect();
    assert_eq!(open, vec![march.id], "open incidents first, the soonest deadline first");
    Ok(())
}

#[test]
fn a_late_report_needs_its_reasons_and_a_report_in_time_refuses_them() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    at_utc(&mut vault, "2026-11-22 12:00");
    let code = clients::add_referral(&mut vault, referral("Jo", "Quinn", "10/12/2015", "01/09/2026"))?.code;
    let incident = incidents::add(
        &mut vault,
        IncidentForm { clients: vec![code.clone(), code.to_lowercase()], ..aware("24/10/2026 10:00") },
    )?;
    assert_eq!(incident.clients, vec![code.clone()]);
    let missing = message(incidents::report(&mut vault, incident.id, report("27/10/2026 09:01", "")));
    assert!(
        missing.contains("after the deadline (27/10/2026 09:00)") && missing.contains("reasons for the delay"),
        "{missing}"
    );
    let needless = message(incidents::report(&mut vault, incident.id, report("27/10/2026 09:00", "Busy")));
    assert!(needless.contains("made in time"), "{needless}");
    assert!(message(incidents::report(&mut vault, incident.id, report("24/10/2026 09:59", "")))
        .contains("before you became aware"));
    assert!(message(incidents::report(&mut vault, incident.id, report("22/11/2026 12:01", "x")))
        .contains("cannot be in the future"));
    let done = incidents::report(
        &mut vault,
        incident.id,
        report("27/10/2026 11:00", "The letter was found missing on a Sunday."),
    )?;
    assert_eq!((done.state, done.overdue, done.countdown.as_str()), (IncidentState::Reported, false, ""));
    assert_eq!(done.late_reason, "The letter was found missing on a Sunday.");
    assert!(message(incidents::report(&mut vault, incident.id, report("27/10/2026 12:00", "x")))
        .contains("already reported"));
    assert!(message(incidents::decide(
        &mut vault,
        incident.id,
        DecisionForm { report: "no".into(), reason: "x".into() }
    ))
    .contains("already been reported"));

    let on_time = incidents::add(&mut vault, aware("20/11/2026 09:00"))?;
    let on_time = incidents::report(
        &mut vault,
        on_time.id,
        ReportForm { reference: "ICO-123".into(), ..report("21/11/2026 09:00", "") },
    )?;
    assert_eq!(
        (on_time.state, on_time.reference.as_str(), on_time.late_reason.as_str()),
        (IncidentState::Reported, "ICO-123", "")
    );
    assert!(message(incidents::add(
        &mut vault,
        IncidentForm { clients: vec!["ZZ-9999".into()], ..aware("20/11/2026 09:00") }
    ))
    .contains("One of the client codes"));
    Ok(())
}

#[test]
fn a_decision_not_to_report_needs_its_reason_and_closes_the_incident() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    at_utc(&mut vault, "2026-11-22 12:00");
    let incident = incidents::add(&mut vault, aware("21/11/2026 09:00"))?;
    let no_reason =
        message(incidents::decide(&mut vault, incident.id, DecisionForm { report: "no".into(), reason: " ".into() }));
    assert!(no_reason.contains("Give the reason for the decision"), "{no_reason}");
    assert!(message(incidents::decide(
        &mut vault,
        incident.id,
        DecisionForm { report: "maybe".into(), reason: "x".into() }
    ))
    .contains("yes or no"));
    let decided = incidents::decide(
        &mut vault,
        incident.id,
        DecisionForm { report: "no".into(), reason: "Returned unopened: no likely risk to anyone's rights.".into() },
    )?;
    assert_eq!(
        (decided.state, decided.must_report, decided.minutes_left),
        (IncidentState::NotReported, Some(false), None)
    );
    assert!(message(incidents::decide(
        &mut vault,
        incident.id,
        DecisionForm { report: "no".into(), reason: "x".into() }
    ))
    .contains("already recorded"));

    // A decision that it must be reported keeps the countdown going until the report.
    let must = incidents::add(&mut vault, aware("22/11/2026 08:00"))?;
    let must = incidents::decide(
        &mut vault,
        must.id,
        DecisionForm { report: "yes".into(), reason: "Health data of a child.".into() },
    )?;
    assert_eq!((must.state, must.countdown.as_str()), (IncidentState::Open, "68 hours left"));
    assert!(message(incidents::show(&vault, 999)).contains("no incident with that id"));

    let conn = vault.connection_for_tests();
    for sql_text in [
        "UPDATE incidents SET summary = 'x'",
        "UPDATE incident_decisions SET reason = 'x'",
        "UPDATE incident_clients SET client_id = 1",
    ] {
        assert!(conn.execute(sql_text, []).map_err(sql).is_err(), "{sql_text} was allowed");
    }
    Ok(())
}
