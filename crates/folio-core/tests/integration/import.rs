use folio_core::clients::{self, ClientFilter};
use folio_core::{import, Result, Vault};

use crate::{create, message, tempdir};

const SHEET: &str = "First name,Surname,DOB,School,Referral date,Therapy\n\
Ada,Lovelace,10/12/2015,Willowbrook Primary,01/09/2026,Art\n\
Bram,Stoker,31/02/2014,,02/09/2026,Music\n\
,Pearl,01/01/2013,,03/09/2026,art\n\
Corin,Applewood,unknown,,04/09/2026,music therapy\n";

fn codes(vault: &Vault) -> Result<Vec<String>> {
    Ok(clients::list(vault, &ClientFilter::default())?.into_iter().map(|c| c.code).collect())
}

#[test]
fn a_spreadsheet_is_previewed_row_by_row_then_good_rows_imported_together() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(&tmp.path().join("v"));
    let preview = import::preview(&vault, &mut SHEET.as_bytes(), &[])?;
    assert_eq!((preview.good, preview.bad), (2, 2));
    let bad: Vec<(u64, String)> =
        preview.rows.iter().filter(|r| !r.ok).map(|r| (r.line, r.problems.join(" "))).collect();
    assert_eq!(bad[0].0, 3);
    assert!(bad[0].1.contains("is not a real date"), "{bad:?}");
    assert!(!bad[0].1.contains("31/02/2014"), "a date of birth is not repeated back: {bad:?}");
    assert_eq!(bad[1].0, 4);
    assert!(bad[1].1.contains("first name"), "{bad:?}");
    assert!(codes(&vault)?.is_empty(), "a preview writes nothing");

    let done = import::import(&mut vault, &mut SHEET.as_bytes(), &[])?;
    assert_eq!(done.good, 2);
    assert_eq!(codes(&vault)?, ["CA-0002", "AL-0001"]);
    let ada = clients::show(&vault, "AL-0001")?;
    assert_eq!(ada.referral.setting_name, "Willowbrook Primary");
    assert_eq!(ada.referral.modality, "art");
    let corin = clients::show(&vault, "CA-0002")?;
    assert!(corin.referral.date_of_birth_unknown);
    assert_eq!(corin.referral.modality, "music");
    Ok(())
}

#[test]
fn a_truncated_file_or_missing_column_imports_nothing_and_says_where() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(&tmp.path().join("v"));
    let truncated = "First name,Surname,DOB,Referral date\nAda,Lovelace,10/12/2015,01/09/2026\nBram,Sto";
    let err = message(import::import(&mut vault, &mut truncated.as_bytes(), &[]));
    assert!(err.contains("line 3"), "{err}");
    assert!(codes(&vault)?.is_empty(), "nothing is half-imported");
    let no_dates = "First name,Surname\nAda,Lovelace\n";
    let err = message(import::preview(&vault, &mut no_dates.as_bytes(), &[]));
    assert!(err.contains("No column holds the referral dates"), "{err}");
    let mapped = "Forename,Family,Born,Came\nAda,Lovelace,10/12/2015,01/09/2026\n";
    let overrides = [
        ("Family".to_string(), "familyName".to_string()),
        ("Born".into(), "dateOfBirth".into()),
        ("Came".into(), "referralDate".into()),
    ];
    assert_eq!(import::preview(&vault, &mut mapped.as_bytes(), &overrides)?.good, 1);
    Ok(())
}

#[test]
fn referral_dates_are_judged_by_the_vaults_today() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(&tmp.path().join("v"));
    // Today is 22/11/2026: the second row is referred tomorrow.
    let sheet =
        "First name,Surname,DOB,Referral date\nAda,Lovelace,10/12/2015,22/11/2026\nBram,Stoker,01/01/2014,23/11/2026\n";
    let preview = import::preview(&vault, &mut sheet.as_bytes(), &[])?;
    assert_eq!((preview.good, preview.bad), (1, 1));
    assert!(preview.rows[1].problems.join(" ").contains("cannot be in the future"), "{:?}", preview.rows[1]);
    vault.set_clock(folio_core::Clock::on(crate::day("23/11/2026")));
    assert_eq!(import::import(&mut vault, &mut sheet.as_bytes(), &[])?.good, 2);
    Ok(())
}

#[test]
fn a_column_can_mark_the_setting_as_a_school() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(&tmp.path().join("v"));
    let sheet = "First name,Surname,DOB,Setting,Setting type,Referral date\n\
                 Ada,Lovelace,10/12/2015,Willowbrook Primary,School,01/09/2026\n\
                 Bram,Stoker,03/04/2014,Bramblegate Children's Home,Care home,02/09/2026\n";
    let preview = import::preview(&vault, &mut sheet.as_bytes(), &[])?;
    assert!(preview.columns.iter().any(|c| c.field.as_deref() == Some("settingIsSchool")), "{:?}", preview.columns);
    import::import(&mut vault, &mut sheet.as_bytes(), &[])?;
    assert!(clients::show(&vault, "AL-0001")?.referral.setting_is_school);
    assert!(!clients::show(&vault, "BS-0002")?.referral.setting_is_school);
    Ok(())
}
