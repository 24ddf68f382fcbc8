use chrono::NaiveDate;
use folio_core::practice::clients::{self, ClientFilter};
use folio_core::practice::import;
use folio_core::Error;

use crate::create;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

const SHEET: &str = "First name,Surname,DOB,School,Referral date,Therapy\n\
Ada,Lovelace,10/12/2015,Willowbrook Primary,01/09/2026,Art\n\
Bram,Stoker,31/02/2014,,02/09/2026,Music\n\
,Pearl,01/01/2013,,03/09/2026,art\n\
Corin,Applewood,unknown,,04/09/2026,music\n";

#[test]
fn a_spreadsheet_is_previewed_row_by_row_then_good_rows_imported_together() -> folio_core::Result<()> {
    let tmp = tempfile::tempdir().map_err(|e| Error::Internal(e.to_string()))?;
    let mut vault = create(&tmp.path().join("v"));
    let preview = import::preview(&mut SHEET.as_bytes(), &[], today())?;
    assert_eq!((preview.good, preview.bad), (2, 2));
    let bad: Vec<(u64, String)> =
        preview.rows.iter().filter(|r| !r.ok).map(|r| (r.line, r.problems.join(" "))).collect();
    assert_eq!(bad[0].0, 3);
    assert!(bad[0].1.contains("31/02/2014 is not a real date"), "{bad:?}");
    assert_eq!(bad[1].0, 4);
    assert!(bad[1].1.contains("first name"), "{bad:?}");
    assert!(clients::list(vault.connection(), &ClientFilter::default())?.is_empty(), "a preview writes nothing");

    let done = import::import(&mut vault, &mut SHEET.as_bytes(), &[], today())?;
    assert_eq!(done.good, 2);
    let codes: Vec<String> =
        clients::list(vault.connection(), &ClientFilter::default())?.into_iter().map(|c| c.code).collect();
    assert_eq!(codes, ["CA-0002", "AL-0001"]);
    assert_eq!(clients::show(vault.connection(), "AL-0001")?.referral.setting_name, "Willowbrook Primary");
    Ok(())
}

#[test]
fn a_truncated_file_or_missing_column_imports_nothing_and_says_where() -> folio_core::Result<()> {
    let tmp = tempfile::tempdir().map_err(|e| Error::Internal(e.to_string()))?;
    let mut vault = create(&tmp.path().join("v"));
    let truncated = "First name,Surname,DOB,Referral date\nAda,Lovelace,10/12/2015,01/09/2026\nBram,Sto";
    let err = import::import(&mut vault, &mut truncated.as_bytes(), &[], today())
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("line 3"), "{err}");
    assert!(clients::list(vault.connection(), &ClientFilter::default())?.is_empty(), "nothing is half-imported");
    let no_dates = "First name,Surname\nAda,Lovelace\n";
    let err = import::preview(&mut no_dates.as_bytes(), &[], today()).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("No column holds the referral dates"), "{err}");
    let mapped = "Forename,Family,Born,Came\nAda,Lovelace,10/12/2015,01/09/2026\n";
    let overrides = [
        ("Family".to_string(), "familyName".to_string()),
        ("Born".into(), "dateOfBirth".into()),
        ("Came".into(), "referralDate".into()),
    ];
    assert_eq!(import::preview(&mut mapped.as_bytes(), &overrides, today())?.good, 1);
    Ok(())
}
