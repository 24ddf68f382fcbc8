use folio_core::clients;
use folio_core::professionals::{self, ProfessionalForm, Role};
use folio_core::Result;

use crate::{create, message, referral, tempdir};

#[test]
fn the_professionals_directory_links_people_to_clients() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(&tmp.path().join("v"));
    clients::add_referral(&mut vault, referral("Ada", "Lovelace", "10/12/2015", "01/09/2026"))?;
    let bad = professionals::add(
        &mut vault,
        ProfessionalForm { name: "Dr Who".into(), role: "wizard".into(), ..Default::default() },
    );
    let bad = message(bad);
    assert!(bad.contains("Choose a role") && bad.contains("Speech and language therapist"), "{bad}");
    let salt = professionals::add(
        &mut vault,
        ProfessionalForm {
            name: "Priya Shah".into(),
            role: "SALT".into(),
            organisation: "NHS Trust".into(),
            ..Default::default()
        },
    )?;
    assert_eq!(salt.role, Role::Salt);
    let social = professionals::add(
        &mut vault,
        ProfessionalForm { name: "Sam Okafor".into(), role: "Social worker".into(), ..Default::default() },
    )?;
    assert_eq!(social.role.as_str(), "social-worker");
    professionals::link(&mut vault, "AL-0001", salt.id)?;
    professionals::link(&mut vault, "AL-0001", salt.id)?;
    let record = clients::show(&vault, "AL-0001")?;
    assert_eq!(record.professionals.len(), 1, "linking twice is harmless");
    assert_eq!(record.professionals[0].name, "Priya Shah");
    let missing = professionals::link(&mut vault, "AL-0001", 999).err();
    assert_eq!(missing.and_then(|e| e.field()), Some("professional"));
    let names: Vec<String> = professionals::list(&vault)?.into_iter().map(|p| p.name).collect();
    assert_eq!(names, ["Priya Shah", "Sam Okafor"]);
    Ok(())
}
