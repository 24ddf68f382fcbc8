//! Agreements: the latest of each kind signed for this period of therapy is current.

use folio_core::agreements::{self, AgreementForm, AgreementKind};
use folio_core::clients;
use folio_core::Result;

use crate::{create, message, referral, tempdir};

fn signed(kind: &str, on: &str) -> AgreementForm {
    AgreementForm { kind: kind.into(), signed_on: on.into(), signed_by: "Ann Lee".into(), version: "2026-09".into() }
}

#[test]
fn the_latest_agreement_signed_for_this_period_of_therapy_is_current() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(tmp.path());
    let code = clients::add_referral(&mut vault, referral("Mia", "Lee", "10/12/2015", "01/09/2026"))?.code;
    let mut copy: &[u8] = b"%PDF-1.4 signed contract";
    let contract = agreements::add(
        &mut vault,
        &code,
        signed("therapy-contract", "02/09/2026"),
        Some(folio_core::blobs::Incoming::Stream { file_name: "contract.pdf".into(), reader: &mut copy }),
    )?;
    assert!(contract.current);
    assert_eq!(contract.signed_copy.as_ref().map(|f| f.file_name.as_str()), Some("contract.pdf"));
    agreements::add(&mut vault, &code, signed("confidentiality", "02/09/2026"), None)?;
    assert_eq!(
        agreements::on_file(&vault, &code)?.map(|a| a.kind),
        Some(AgreementKind::TherapyContract),
        "the confidentiality agreement does not stand in for the contract"
    );
    assert_eq!(agreements::on_file(&vault, &code)?.map(|a| a.id), Some(contract.id));
    clients::change_state(&mut vault, &code, "assessment", "08/09/2026", "")?;
    clients::change_state(&mut vault, &code, "withdrawn", "01/10/2026", "Moved away")?;
    clients::re_refer(&mut vault, &code, "05/11/2026", "Back")?;
    let all = agreements::list(&vault, &code)?;
    assert!(all.iter().all(|a| !a.current), "a new period of therapy needs them signed again");
    assert!(agreements::on_file(&vault, &code)?.is_none());
    let renewed = agreements::add(&mut vault, &code, signed("therapy-contract", "06/11/2026"), None)?;
    assert!(renewed.current);
    assert_eq!(
        agreements::list(&vault, &code)?.iter().filter(|a| a.current).map(|a| a.kind).collect::<Vec<_>>(),
        vec![AgreementKind::TherapyContract]
    );
    assert!(message(agreements::add(
        &mut vault,
        &code,
        AgreementForm { signed_by: String::new(), ..signed("confidentiality", "") },
        None
    ))
    .contains("who signed"));
    Ok(())
}
