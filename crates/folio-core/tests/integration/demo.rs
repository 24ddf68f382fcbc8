use folio_core::clients::{self, ClientFilter, ClientState};
use folio_core::{demo, sessions, Clock, Result};

use crate::{create, day, pw, tempdir, unlock, PASSWORD, TODAY};

/// Every column (or JSON member) that holds a value from a closed list.
pub const CHOICE_COLUMNS: &[(&str, &str)] = &[
    ("clients", "state"),
    ("clients", "modality"),
    ("clients", "funding"),
    ("clients", "json_extract(referral, '$.referrer')"),
    ("clients", "json_extract(referral, '$.modality')"),
    ("clients", "json_extract(referral, '$.funding')"),
    ("client_state_changes", "from_state"),
    ("client_state_changes", "to_state"),
    ("sessions", "mode"),
    ("sessions", "outcome"),
    ("correspondence", "kind"),
    ("correspondence", "direction"),
    ("correspondence", "counterpart"),
    ("professionals", "role"),
];

/// The stored choice values that are not kebab-case, as "table.column = value".
pub fn snake_case_values(vault: &folio_core::Vault) -> Result<Vec<String>> {
    let conn = vault.connection_for_tests();
    let mut found = Vec::new();
    for (table, column) in CHOICE_COLUMNS {
        let sql = format!("SELECT DISTINCT {column} FROM {table} WHERE instr({column}, '_') > 0");
        let mut stmt = conn.prepare(&sql).map_err(crate::sql)?;
        let values = stmt.query_map([], |r| r.get::<_, String>(0)).map_err(crate::sql)?;
        for value in values {
            found.push(format!("{table}.{column} = {}", value.map_err(crate::sql)?));
        }
    }
    Ok(found)
}

#[test]
fn the_demo_practice_is_lived_in_deterministic_and_sound() -> Result<()> {
    let tmp = tempdir();
    let clock = Clock::on(day(TODAY));
    let a = demo::create(&tmp.path().join("a"), &pw(PASSWORD), 12, 42, clock)?;
    let b = demo::create(&tmp.path().join("b"), &pw(PASSWORD), 12, 42, clock)?;
    assert_eq!(a, b, "same seed, same practice");
    assert_eq!(a.clients, 12);
    assert!(a.sessions > 20, "{a:?}");
    let vault = unlock(&tmp.path().join("a"))?;
    let list = clients::list(&vault, &ClientFilter::default())?;
    assert_eq!(list.len(), 12);
    let states: std::collections::HashSet<_> = list.iter().map(|c| c.state).collect();
    assert!(states.len() >= 2, "a lived-in practice has clients in several states: {states:?}");
    let record = clients::show(&vault, &list[0].code)?;
    assert!(record.referral.difficulty.ends_with("(demo text)"), "plainly fictional");
    assert!(list.iter().all(|c| c.referral_date <= day(TODAY)), "nothing is referred after the clock's today");
    assert!(vault.verify()?.is_ok());
    Ok(())
}

#[test]
fn the_demo_stores_every_choice_in_kebab_case() -> Result<()> {
    let tmp = tempdir();
    let mut vault = create(&tmp.path().join("v"));
    let summary = demo::fill(&mut vault, 25, 7)?;
    assert!(summary.sessions > 0, "{summary:?}");
    assert_eq!(snake_case_values(&vault)?, Vec::<String>::new());
    // Not vacuous: multi-word values are there, spelled with hyphens.
    let in_therapy: i64 = vault
        .connection_for_tests()
        .query_row(
            "SELECT count(*) FROM client_state_changes WHERE to_state = ?1",
            [ClientState::InTherapy.as_str()],
            |r| r.get(0),
        )
        .map_err(crate::sql)?;
    assert!(in_therapy > 0);
    let in_person: i64 = vault
        .connection_for_tests()
        .query_row("SELECT count(*) FROM sessions WHERE mode = ?1", [sessions::Mode::InPerson.as_str()], |r| r.get(0))
        .map_err(crate::sql)?;
    assert!(in_person > 0);
    Ok(())
}
