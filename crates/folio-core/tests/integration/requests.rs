//! The request register (UK GDPR rights): the month to answer from receipt or from proof of
//! identity, extensions told within the first month and two months at most, closings with
//! reasons, open requests first, history never overwritten, and a destroyed client's
//! request kept without them.

use folio_core::clients;
use folio_core::requests::{
    self, ExtensionForm, IdentityForm, RequestCloseForm, RequestForm, RequestKind, RequestState,
};
use folio_core::Result;

use crate::{create, day, message, referral, sql, tempdir};

fn form(client: &str, received: &str) -> RequestForm {
    RequestForm {
        client: client.into(),
        kind: "access".into(),
        made_by: "parent".into(),
        from: "KQ (mother)".into(),
        received: received.into(),
        summary: "A copy of everything held about her son since the referral.".into(),
    }
}

#[test]
fn a_request_counts_a_month_from_proof_of_identity_and_can_be_extended_then_closed() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = clients::add_referral(&mut vault, referral("Jo", "Quinn", "10/12/2015", "01/09/2026"))?.code;
    let r = requests::add(&mut vault, form(&code, "02/11/2026"))?;
    assert_eq!((r.kind, r.state, r.due), (RequestKind::Access, RequestState::Open, day("02/12/2026")));
    assert_eq!((r.days_left, r.countdown.as_str(), r.due_soon), (Some(10), "10 days left", false));
    assert!(r.due_because.contains("02/11/2026, the day it was received"), "{}", r.due_because);

    let identity = |on: &str, waited| IdentityForm { on: on.into(), how: "Passport seen".into(), waited };
    assert!(message(requests::check_identity(&mut vault, r.id, identity("01/11/2026", true)))
        .contains("before the request was received"));
    assert!(message(requests::check_identity(
        &mut vault,
        r.id,
        IdentityForm { how: " ".into(), ..identity("10/11/2026", true) }
    ))
    .contains("Say how you confirmed"));
    let r = requests::check_identity(&mut vault, r.id, identity("10/11/2026", true))?;
    assert_eq!(r.due, day("10/12/2026"), "the month runs from the day proof of identity arrived");
    assert!(
        message(requests::check_identity(&mut vault, r.id, identity("11/11/2026", false))).contains("already recorded")
    );

    let extension = |months: &str, told: &str| ExtensionForm {
        months: months.into(),
        reason: "Records span three settings.".into(),
        told_on: told.into(),
    };
    assert!(message(requests::extend(&mut vault, r.id, extension("3", "20/11/2026"))).contains("one or two months"));
    assert!(message(requests::extend(
        &mut vault,
        r.id,
        ExtensionForm { reason: "".into(), ..extension("1", "20/11/2026") }
    ))
    .contains("Write why more time is needed"));
    let r = requests::extend(&mut vault, r.id, extension("1", "20/11/2026"))?;
    assert_eq!((r.due, r.extend_by), (day("11/01/2027"), Some(day("10/12/2026"))), "10/01/2027 is a Sunday");
    assert!(message(requests::extend(&mut vault, r.id, extension("2", "21/11/2026"))).contains("one more month"));
    let r = requests::extend(&mut vault, r.id, extension("1", "21/11/2026"))?;
    assert_eq!((r.due, r.extend_by, r.extensions.len()), (day("10/02/2027"), None, 2));

    let close = |outcome: &str, note: &str| RequestCloseForm {
        on: "22/11/2026".into(),
        outcome: outcome.into(),
        note: note.into(),
    };
    assert!(message(requests::close(&mut vault, r.id, close("part", ""))).contains("Write the reasons"));
    assert!(message(requests::close(&mut vault, r.id, close("lost", ""))).contains("Choose how the request ended"));
    let r = requests::close(&mut vault, r.id, close("part", "A school report withheld: third-party information."))?;
    assert_eq!((r.state, r.days_left, r.countdown.as_str()), (RequestState::Closed, None, ""));
    assert!(message(requests::close(&mut vault, r.id, close("done", ""))).contains("was closed on 22/11/2026"));
    assert!(message(requests::extend(&mut vault, r.id, extension("1", "22/11/2026"))).contains("was closed on"));

    let conn = vault.connection_for_tests();
    for sql_text in [
        "UPDATE rights_requests SET summary = 'x'",
        "UPDATE rights_request_identity SET how = 'x'",
        "UPDATE rights_request_extensions SET months = 2",
        "UPDATE rights_request_closures SET note = 'x'",
    ] {
        assert!(conn.execute(sql_text, []).map_err(sql).is_err(), "{sql_text} was allowed");
    }
    let actions: Vec<String> = vault.audit_recent(1000)?.into_iter().map(|e| e.action).collect();
    for action in ["request.recorded", "request.identity_checked", "request.extended", "request.closed"] {
        assert!(actions.iter().any(|a| a == action), "{action} in {actions:?}");
    }
    Ok(())
}

#[test]
fn open_requests_come_first_by_deadline_and_a_late_extension_is_refused() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = clients::add_referral(&mut vault, referral("Jo", "Quinn", "10/12/2015", "01/09/2026"))?.code;
    let late = requests::add(&mut vault, form(&code, "01/10/2026"))?;
    assert_eq!(
        (late.due, late.state, late.countdown.as_str()),
        (day("02/11/2026"), RequestState::Overdue, "Overdue by 20 days")
    );
    assert!(late.due_soon, "an overdue request is shown in bold on Home");
    let refused = message(requests::extend(
        &mut vault,
        late.id,
        ExtensionForm { months: "1".into(), reason: "Complex.".into(), told_on: "20/11/2026".into() },
    ));
    assert!(refused.contains("within the first month, by 02/11/2026"), "{refused}");
    let nobody = requests::add(
        &mut vault,
        RequestForm { client: String::new(), made_by: "client".into(), ..form("", "20/11/2026") },
    )?;
    assert_eq!(nobody.client, None, "a person with no record here");
    let done = requests::add(&mut vault, form(&code, "15/11/2026"))?;
    requests::close(
        &mut vault,
        done.id,
        RequestCloseForm { on: "20/11/2026".into(), outcome: "done".into(), note: String::new() },
    )?;
    let ids: Vec<i64> = requests::list(&vault, None)?.iter().map(|r| r.id).collect();
    assert_eq!(ids, vec![late.id, nobody.id, done.id], "open by deadline, then closed");
    let open: Vec<i64> = requests::open(&vault)?.iter().map(|r| r.id).collect();
    assert_eq!(open, vec![late.id, nobody.id]);
    assert_eq!(requests::list(&vault, Some(&code))?.len(), 2);

    assert!(message(requests::add(&mut vault, form(&code, "23/11/2026"))).contains("cannot be in the future"));
    assert!(message(requests::add(&mut vault, form("ZZ-9999", "01/11/2026"))).contains("no client with that code"));
    let kind = message(requests::add(&mut vault, RequestForm { kind: "gossip".into(), ..form(&code, "01/11/2026") }));
    assert!(kind.contains("Choose the kind of request") && !kind.contains("gossip"), "{kind}");
    assert!(message(requests::add(&mut vault, RequestForm { summary: " ".into(), ..form(&code, "01/11/2026") }))
        .contains("Write what they asked for"));
    assert!(message(requests::show(&vault, 999)).contains("no request with that id"));
    Ok(())
}
