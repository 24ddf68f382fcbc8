use folio_core::db::{migrate, Migration};
use folio_core::{Error, ErrorCode};
use rusqlite::Connection;

fn version(conn: &Connection) -> i64 {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap_or(-1)
}

fn table_exists(conn: &Connection, name: &str) -> bool {
    conn.query_row("SELECT count(*) FROM sqlite_master WHERE name = ?1", [name], |r| r.get::<_, i64>(0)).unwrap_or(0)
        == 1
}

#[test]
fn a_failing_migration_leaves_the_schema_exactly_as_it_was() {
    let mut conn = Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    let good = Migration { name: "one", sql: "CREATE TABLE first (id INTEGER PRIMARY KEY);" };
    assert!(migrate(&mut conn, &[good]).is_ok());
    assert_eq!(version(&conn), 1);

    let steps = [
        Migration { name: "one", sql: "CREATE TABLE first (id INTEGER PRIMARY KEY);" },
        Migration { name: "two", sql: "CREATE TABLE second (id INTEGER PRIMARY KEY);" },
        Migration { name: "three", sql: "CREATE TABLE third (id INTEGER PRIMARY KEY); THIS IS NOT SQL;" },
    ];
    let err = migrate(&mut conn, &steps).err();
    assert!(matches!(err, Some(Error::Internal(ref m)) if m.contains("three")), "{err:?}");
    assert_eq!(version(&conn), 1, "user_version must not move");
    assert!(!table_exists(&conn, "second"), "step two must roll back with step three");
    assert!(!table_exists(&conn, "third"));
}

#[test]
fn a_database_newer_than_the_code_is_refused_untouched() {
    let mut conn = Connection::open_in_memory().unwrap_or_else(|e| panic!("{e}"));
    conn.execute_batch("PRAGMA user_version = 7").unwrap_or_else(|e| panic!("{e}"));
    let steps = [Migration { name: "one", sql: "CREATE TABLE first (id INTEGER PRIMARY KEY);" }];
    let err = migrate(&mut conn, &steps).err();
    assert!(matches!(err, Some(Error::NewerVault { found: 7, supported: 1 })), "{err:?}");
    assert_eq!(err.map(|e| e.code()), Some(ErrorCode::NewerVault));
    assert!(!table_exists(&conn, "first"));
}
