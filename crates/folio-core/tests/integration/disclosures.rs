//! The disclosure register: a consent relied on must count on the day, supervision is a
//! standing basis for the supervisor only, and sharing without consent needs a reason.

use folio_core::clients;
use folio_core::consents::{self, ConsentForm};
use folio_core::disclosures::{self, Basis, DisclosureForm};
use folio_core::referrals::{Contact, ReferralForm};
use folio_core::Result;

use crate::{create, message, referral, tempdir};

fn shared(recipient: &str, basis: &str) -> DisclosureForm {
    DisclosureForm {
        on: "20/11/2026".into(),
        recipient: recipient.into(),
        what: "Attendance and general progress".into(),
        basis: basis.into(),
        told: "parent".into(),
        told_on: "19/11/2026".into(),
        ..DisclosureForm::default()
    }
}

#[test]
fn a_disclosure_needs_a_consent_that_counts_or_a_written_reason() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let form = ReferralForm {
        parental_responsibility: vec![Contact { name: "Ann Lee".into(), ..Contact::default() }],
        ..referral("Mia", "Lee", "10/12/2015", "01/09/2026")
    };
    let code = clients::add_referral(&mut vault, form)?.code;

    assert!(message(disclosures::add(&mut vault, &code, shared("school", "safeguarding"), vec![], None))
        .contains("needs the reason"));
    let d = disclosures::add(
        &mut vault,
        &code,
        DisclosureForm {
            reason: "Bruising seen; the DSL must know today.".into(),
            ..shared("safeguarding-team", "safeguarding")
        },
        vec![],
        None,
    )?;
    assert_eq!(d.basis, Basis::Safeguarding);
    assert_eq!(d.decided_by, "the therapist");

    // Supervision: no reason each time, and only for the supervisor.
    disclosures::add(&mut vault, &code, shared("supervisor", "supervision"), vec![], None)?;
    assert!(message(disclosures::add(&mut vault, &code, shared("school", "supervision"), vec![], None))
        .contains("only for sharing with the clinical supervisor"));

    // Consent: it must be named, and count on the day.
    assert!(message(disclosures::add(&mut vault, &code, shared("school", "consent"), vec![], None))
        .contains("Choose the consent"));
    let c = consents::add(
        &mut vault,
        &code,
        ConsentForm {
            purpose: "other".into(),
            custom_purpose: "Reports to the school".into(),
            given_by: "Ann Lee".into(),
            how: "written".into(),
            on: "21/11/2026".into(),
            ..ConsentForm::default()
        },
        None,
    )?;
    let early = message(disclosures::add(
        &mut vault,
        &code,
        DisclosureForm { consent: Some(c.id), ..shared("school", "consent") },
        vec![],
        None,
    ));
    assert!(early.contains("did not count on the day"), "{early}");
    let ok = disclosures::add(
        &mut vault,
        &code,
        DisclosureForm { on: "22/11/2026".into(), consent: Some(c.id), ..shared("school", "consent") },
        vec![],
        None,
    )?;
    assert_eq!(ok.consent, Some(c.id));
    assert!(message(disclosures::add(
        &mut vault,
        &code,
        DisclosureForm { told_on: String::new(), ..shared("supervisor", "supervision") },
        vec![],
        None
    ))
    .contains("when they were told"));
    assert_eq!(disclosures::list(&vault, &code)?.len(), 3);
    Ok(())
}

/// Found while writing the ledger's hostile-input property (its refusals must name a field
/// of the form): a disclosure naming a consent that does not exist was refused on a field
/// called "id" (the consent's own look-up), which the disclosure form does not have. It
/// names `consent`.
#[test]
fn a_disclosure_on_a_consent_that_does_not_exist_is_refused_on_the_consent_field() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = clients::add_referral(&mut vault, referral("Mia", "Lee", "10/12/2015", "01/09/2026"))?.code;
    let form = DisclosureForm { consent: Some(4242), ..shared("school", "consent") };
    let refused = disclosures::add(&mut vault, &code, form, vec![], None).err().unwrap_or_else(|| panic!("accepted"));
    assert_eq!(refused.field(), Some("consent"), "{refused}");
    assert!(refused.to_string().contains("no consent with that id") && !refused.to_string().contains("4242"));
    assert!(disclosures::list(&vault, &code)?.is_empty());
    Ok(())
}
