//! The complaints register (seeds 000, 001): received, stages in date order and never in
//! the future, closing with an outcome, history never overwritten, and the open complaint
//! that retention will count as a legal hold.

use folio_core::clients;
use folio_core::complaints::{self, ComplaintForm, ComplaintHow, ComplaintStage, ComplaintState};
use folio_core::Result;

use crate::{create, message, referral, sql, tempdir};

fn form(client: &str, received: &str) -> ComplaintForm {
    ComplaintForm {
        client: client.into(),
        received: received.into(),
        from: "KQ (mother)".into(),
        how: "e-mail".into(),
        summary: "Unhappy that the end of therapy was not discussed with her first.".into(),
    }
}

#[test]
fn a_complaint_moves_through_its_stages_in_date_order_and_closes_with_an_outcome() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = clients::add_referral(&mut vault, referral("Jo", "Quinn", "10/12/2015", "01/09/2026"))?.code;
    assert!(!complaints::open_for_client(&vault, &code)?);
    let c = complaints::add(&mut vault, form(&code, "02/10/2026"))?;
    assert_eq!(
        (c.client.as_deref(), c.how, c.state),
        (Some(code.as_str()), Some(ComplaintHow::Email), ComplaintState::Open)
    );
    assert!(complaints::open_for_client(&vault, &code)?, "an open complaint holds the client's records");

    let c = complaints::add_stage(&mut vault, c.id, "therapist", "02/10/2026")?;
    let later = message(complaints::add_stage(&mut vault, c.id, "commissioner", "01/10/2026"));
    assert!(later.contains("before the complaint was received (02/10/2026)"), "{later}");
    let c = complaints::add_stage(&mut vault, c.id, "commissioner", "20/10/2026")?;
    assert!(
        message(complaints::add_stage(&mut vault, c.id, "hcpc", "19/10/2026")).contains("latest stage (20/10/2026)")
    );
    assert!(message(complaints::add_stage(&mut vault, c.id, "hcpc", "23/11/2026")).contains("cannot be in the future"));
    assert!(message(complaints::add_stage(&mut vault, c.id, "therapist", "21/10/2026"))
        .contains("already reached that stage on 02/10/2026"));
    assert!(message(complaints::add_stage(&mut vault, c.id, "ombudsman", "21/10/2026")).contains("Choose the stage"));
    let c = complaints::add_stage(&mut vault, c.id, "hcpc", "22/11/2026")?;
    assert_eq!(
        c.stages.iter().map(|s| (s.stage, crate::day(&folio_core::dates::format_uk(s.on)))).collect::<Vec<_>>(),
        vec![
            (ComplaintStage::Therapist, crate::day("02/10/2026")),
            (ComplaintStage::Commissioner, crate::day("20/10/2026")),
            (ComplaintStage::Hcpc, crate::day("22/11/2026")),
        ]
    );

    assert!(message(complaints::close(&mut vault, c.id, "21/11/2026", "Resolved", ""))
        .contains("latest stage (22/11/2026)"));
    assert!(message(complaints::close(&mut vault, c.id, "22/11/2026", " ", "")).contains("Write the outcome"));
    let c = complaints::close(
        &mut vault,
        c.id,
        "22/11/2026",
        "HCPC closed it: no case to answer.",
        "A letter of apology.",
    )?;
    assert_eq!(
        (c.state, c.outcome.as_str(), c.response.as_str()),
        (ComplaintState::Closed, "HCPC closed it: no case to answer.", "A letter of apology.")
    );
    assert!(!complaints::open_for_client(&vault, &code)?);
    assert!(
        message(complaints::close(&mut vault, c.id, "22/11/2026", "Again", "")).contains("was closed on 22/11/2026")
    );
    assert!(message(complaints::add_stage(&mut vault, c.id, "ico", "22/11/2026")).contains("was closed on 22/11/2026"));

    // History is only ever inserted.
    let conn = vault.connection_for_tests();
    for sql_text in [
        "UPDATE complaints SET summary = 'x'",
        "UPDATE complaint_stages SET on_date = '2026-01-01'",
        "UPDATE complaint_closures SET outcome = 'x'",
    ] {
        let refused = conn.execute(sql_text, []).map_err(sql);
        assert!(refused.is_err(), "{sql_text} was allowed");
    }
    Ok(())
}

#[test]
fn the_register_lists_open_complaints_first_and_refuses_what_cannot_be_right() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = clients::add_referral(&mut vault, referral("Jo", "Quinn", "10/12/2015", "01/09/2026"))?.code;
    let old = complaints::add(&mut vault, form(&code, "01/03/2026"))?;
    complaints::close(&mut vault, old.id, "10/03/2026", "Resolved after a meeting.", "")?;
    let practice = complaints::add(
        &mut vault,
        ComplaintForm { client: String::new(), how: String::new(), ..form("", "05/02/2026") },
    )?;
    assert_eq!((practice.client, practice.how), (None, None), "a complaint about the practice as a whole");
    let newest = complaints::add(&mut vault, form(&code, "20/11/2026"))?;
    let ids: Vec<i64> = complaints::list(&vault, None)?.iter().map(|c| c.id).collect();
    assert_eq!(ids, vec![newest.id, practice.id, old.id], "open first (newest first), then closed");
    let mine: Vec<i64> = complaints::list(&vault, Some(&code))?.iter().map(|c| c.id).collect();
    assert_eq!(mine, vec![newest.id, old.id]);

    assert!(message(complaints::add(&mut vault, form(&code, "23/11/2026"))).contains("cannot be in the future"));
    assert!(message(complaints::add(&mut vault, form("ZZ-9999", "01/11/2026"))).contains("no client with that code"));
    assert!(message(complaints::add(&mut vault, ComplaintForm { summary: " ".into(), ..form(&code, "01/11/2026") }))
        .contains("Write what the complaint is about"));
    let how = message(complaints::add(&mut vault, ComplaintForm { how: "pigeon".into(), ..form(&code, "01/11/2026") }));
    assert!(how.contains("Choose how it was received") && !how.contains("pigeon"), "{how}");
    assert!(message(complaints::add_stage(&mut vault, 999, "therapist", "01/11/2026"))
        .contains("no complaint with that id"));
    assert!(message(complaints::add(&mut vault, form(&code, "31/02/2026"))).contains("not a real date"));
    Ok(())
}
