//! The demo's practice-wide registers: one complaint closed after going to the
//! commissioning organisation, one open; one incident reported to the ICO in time, one
//! decided not to report with its reason, and one open whose countdown shows on Home (14
//! hours left, from the demo's clock); one rights request answered, one open with its
//! deadline counting down.

use chrono::{Days, Duration, NaiveDate};

use super::{DemoSummary, Story};
use crate::complaints::{self, ComplaintForm, ComplaintHow, ComplaintStage};
use crate::dates::{format_london, format_uk};
use crate::incidents::{self, DecisionForm, IncidentForm, ReportForm};
use crate::requests::{self, IdentityForm, RequestCloseForm, RequestForm};
use crate::{Result, Vault};

/// Adds the registers, about the demo's clients where there are some.
pub(super) fn fill(vault: &mut Vault, stories: &[Story], summary: &mut DemoSummary) -> Result<()> {
    let today = vault.today();
    let now = vault.now();
    // The client a complaint is about: one who had therapy, received after it began.
    let treated: Vec<&Story> =
        stories.iter().filter(|s| s.therapy.is_some_and(|t| t + Days::new(60) < today)).collect();
    let first = treated.first().map(|s| (s.code.clone(), s.therapy.unwrap_or(today)));
    let second = treated.get(1).or(treated.first()).map(|s| s.code.clone()).unwrap_or_default();

    let (code, from) = first.map(|(code, therapy)| (code, therapy + Days::new(30))).unwrap_or_default();
    let received = if from == NaiveDate::default() { today - Days::new(90) } else { from.max(today - Days::new(300)) };
    let closed = complaints::add(
        vault,
        ComplaintForm {
            client: code.clone(),
            received: format_uk(received),
            from: "The client's parent (demo)".into(),
            how: ComplaintHow::Email.as_str().into(),
            summary: "Unhappy that the number of sessions left was not explained before the holidays (demo text)."
                .into(),
        },
    )?;
    complaints::add_stage(vault, closed.id, ComplaintStage::Therapist.as_str(), &format_uk(received))?;
    let escalated = (received + Days::new(14)).min(today);
    complaints::add_stage(vault, closed.id, ComplaintStage::Commissioner.as_str(), &format_uk(escalated))?;
    complaints::close(
        vault,
        closed.id,
        &format_uk((escalated + Days::new(21)).min(today)),
        "Resolved at a meeting with the school's inclusion lead: a written plan of the remaining sessions (demo text).",
        "A letter explaining the plan, with an apology for the misunderstanding (demo text).",
    )?;
    let open = complaints::add(
        vault,
        ComplaintForm {
            client: second.clone(),
            received: format_uk(today - Days::new(5)),
            from: "The client's carer (demo)".into(),
            how: ComplaintHow::Phone.as_str().into(),
            summary: "A session was cancelled at short notice twice in a month (demo text).".into(),
        },
    )?;
    complaints::add_stage(vault, open.id, ComplaintStage::Therapist.as_str(), &format_uk(today - Days::new(5)))?;
    summary.complaints += 2;

    let clients: Vec<String> = [code.clone(), second.clone()].into_iter().filter(|c| !c.is_empty()).take(1).collect();
    let reported = incidents::add(
        vault,
        IncidentForm {
            aware: format!("{} 16:20", format_uk(today - Days::new(120))),
            summary: "A session summary for the school was e-mailed to the wrong school's address (demo text).".into(),
            clients,
            risk: "Health information about a child seen by staff who should not see it (demo text).".into(),
            actions: "Asked the recipient to delete it and confirm in writing; they did the same day (demo text)."
                .into(),
            people_told: "The parent was told by phone the next morning (demo text).".into(),
        },
    )?;
    incidents::decide(
        vault,
        reported.id,
        DecisionForm { report: "yes".into(), reason: "Special category data about a child (demo text).".into() },
    )?;
    incidents::report(
        vault,
        reported.id,
        ReportForm {
            on: format!("{} 11:00", format_uk(today - Days::new(119))),
            reference: "DEMO-ICO-0042".into(),
            ..ReportForm::default()
        },
    )?;
    let not_reported = incidents::add(
        vault,
        IncidentForm {
            aware: format!("{} 09:15", format_uk(today - Days::new(300))),
            summary: "A locked, encrypted memory stick was left at a school and found the same afternoon (demo text)."
                .into(),
            actions: "Collected it; checked it was still locked (demo text).".into(),
            ..IncidentForm::default()
        },
    )?;
    incidents::decide(
        vault,
        not_reported.id,
        DecisionForm {
            report: "no".into(),
            reason: "Encrypted and found within hours: no likely risk to anyone's rights and freedoms (demo text)."
                .into(),
        },
    )?;
    // Aware 58 hours ago, so Home shows "14 hours left" (a minute's grace, as the time is
    // typed to the minute and read a moment later).
    let aware = now - Duration::hours(58) + Duration::minutes(2);
    incidents::add(
        vault,
        IncidentForm {
            aware: format_london(aware),
            summary:
                "A concern about online contact: a message from an unknown account on the session app (demo text)."
                    .into(),
            risk: "Not known yet (demo text).".into(),
            ..IncidentForm::default()
        },
    )?;
    summary.incidents += 3;
    rights_requests(vault, &[second.as_str(), code.as_str()], summary)
}

/// An access request answered in full three months ago, and one received ten days ago
/// from a parent whose identity the therapist knows (Home and the checklist show its
/// deadline).
fn rights_requests(vault: &mut Vault, codes: &[&str], summary: &mut DemoSummary) -> Result<()> {
    let today = vault.today();
    let code = codes.iter().find(|c| !c.is_empty()).map(|c| c.to_string()).unwrap_or_default();
    let answered = requests::add(
        vault,
        RequestForm {
            client: code.clone(),
            kind: "access".into(),
            made_by: "parent".into(),
            from: "The client's parent (demo)".into(),
            received: format_uk(today - Days::new(100)),
            summary: "A copy of the session summaries sent to the school (demo text).".into(),
        },
    )?;
    requests::close(
        vault,
        answered.id,
        RequestCloseForm {
            on: format_uk(today - Days::new(80)),
            outcome: "done".into(),
            note: "Copies sent by recorded delivery (demo text).".into(),
        },
    )?;
    let open = requests::add(
        vault,
        RequestForm {
            client: code,
            kind: "access".into(),
            made_by: "parent".into(),
            from: "The client's parent (demo)".into(),
            received: format_uk(today - Days::new(10)),
            summary: "Everything held about their child since the referral, including artwork photos (demo text)."
                .into(),
        },
    )?;
    requests::check_identity(
        vault,
        open.id,
        IdentityForm {
            on: format_uk(today - Days::new(10)),
            how: "Known to me in person; the request came from the e-mail address on file (demo text).".into(),
            waited: false,
        },
    )?;
    summary.requests += 2;
    Ok(())
}
