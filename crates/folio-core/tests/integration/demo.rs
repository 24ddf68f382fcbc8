use chrono::NaiveDate;
use folio_core::practice::clients::{self, ClientFilter};
use folio_core::{demo, Error, Vault};

use crate::{pw, PASSWORD};

#[test]
fn the_demo_practice_is_lived_in_deterministic_and_sound() -> folio_core::Result<()> {
    let tmp = tempfile::tempdir().map_err(|e| Error::Internal(e.to_string()))?;
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
    let a = demo::create(&tmp.path().join("a"), &pw(PASSWORD), 12, 42, today)?;
    let b = demo::create(&tmp.path().join("b"), &pw(PASSWORD), 12, 42, today)?;
    assert_eq!(a, b, "same seed, same practice");
    assert_eq!(a.clients, 12);
    assert!(a.sessions > 20, "{a:?}");
    let vault = Vault::unlock(&tmp.path().join("a"), &pw(PASSWORD))?;
    let list = clients::list(vault.connection(), &ClientFilter::default())?;
    assert_eq!(list.len(), 12);
    let states: std::collections::HashSet<_> = list.iter().map(|c| c.state).collect();
    assert!(states.len() >= 2, "a lived-in practice has clients in several states: {states:?}");
    let record = clients::show(vault.connection(), &list[0].code)?;
    assert!(record.referral.difficulty.ends_with("(demo text)"), "plainly fictional");
    assert!(vault.verify()?.is_ok());
    Ok(())
}
