//! The safeguarding log: initials only (the identifier check), follow-ups instead of edits,
//! and the concern on file.

use folio_core::clients;
use folio_core::safeguarding::{self, SafeguardingForm};
use folio_core::Result;

use crate::{create, message, referral, tempdir};

#[test]
fn an_entry_keeps_to_initials_unless_kept_with_a_reason_and_outcomes_follow_up() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = clients::add_referral(&mut vault, referral("Mia", "Lee", "10/12/2015", "01/09/2026"))?.code;
    assert!(!safeguarding::has_entries(&vault, &code)?);
    let named = SafeguardingForm {
        on: "20/11/2026".into(),
        time: "14:30".into(),
        involved: "ML, her mother".into(),
        account: "Mia said an older cousin hits her.".into(),
        action: "Spoke to the DSL the same afternoon.".into(),
        referred_to: "Children's services front door".into(),
        referred_on: "20/11/2026".into(),
        reference: "CS-4411".into(),
        ..SafeguardingForm::default()
    };
    let refused = message(safeguarding::add(&mut vault, &code, named.clone(), None));
    assert!(refused.contains("the client's first name (in the account)") && !refused.contains("Mia said"), "{refused}");
    let entry = safeguarding::add(
        &mut vault,
        &code,
        SafeguardingForm { account: "ML said an older cousin hits her.".into(), ..named.clone() },
        None,
    )?;
    assert_eq!(entry.time, "14:30");
    assert!(safeguarding::has_entries(&vault, &code)?);

    let long = "x".repeat(2_001);
    assert!(message(safeguarding::add(&mut vault, &code, named.clone(), Some(&long))).contains("longer than 2,000"));
    let kept = safeguarding::add(&mut vault, &code, named, Some("the child's exact words matter here"))?;
    assert_eq!(kept.kept.len(), 1);
    let follow_up = safeguarding::add(
        &mut vault,
        &code,
        SafeguardingForm {
            on: "22/11/2026".into(),
            outcome: "Strategy meeting held; plan agreed.".into(),
            follows: Some(entry.id),
            ..SafeguardingForm::default()
        },
        None,
    )?;
    assert_eq!(follow_up.follows, Some(entry.id));
    assert!(message(safeguarding::add(
        &mut vault,
        &code,
        SafeguardingForm {
            time: "25:00".into(),
            account: "x".into(),
            action: "y".into(),
            ..SafeguardingForm::default()
        },
        None
    ))
    .contains("14:30"));
    assert_eq!(safeguarding::list(&vault, &code)?.len(), 3);
    Ok(())
}

/// Found by the ledger's hostile-input property: an entry following up another client's
/// entry was refused naming a field called "safeguarding entry", which no form has (the app
/// could not show the message beside the field). It names `follows` now, as the note and
/// the disclosure name theirs.
#[test]
fn an_entry_pointing_at_another_clients_records_is_refused_naming_the_field() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let mia = clients::add_referral(&mut vault, referral("Mia", "Lee", "10/12/2015", "01/09/2026"))?.code;
    let ola = clients::add_referral(&mut vault, referral("Ola", "Nowak", "01/01/1990", "01/09/2026"))?.code;
    let account = |text: &str| SafeguardingForm {
        account: text.into(),
        action: "Noted (test).".into(),
        ..SafeguardingForm::default()
    };
    let theirs = safeguarding::add(&mut vault, &ola, account("ON was upset."), None)?;
    let before = vault.audit_recent(100)?.len();
    for (form, field) in [
        (SafeguardingForm { follows: Some(theirs.id), ..account("ML again.") }, "follows"),
        (SafeguardingForm { follows: Some(999), ..account("ML again.") }, "follows"),
        (SafeguardingForm { note: Some(999), ..account("ML again.") }, "note"),
        (SafeguardingForm { disclosure: Some(999), ..account("ML again.") }, "disclosure"),
    ] {
        let refused = safeguarding::add(&mut vault, &mia, form, None).err().unwrap_or_else(|| panic!("accepted"));
        assert_eq!(refused.field(), Some(field), "{refused}");
    }
    assert_eq!(vault.audit_recent(100)?.len(), before, "nothing recorded");
    assert!(!safeguarding::has_entries(&vault, &mia)?);
    Ok(())
}
