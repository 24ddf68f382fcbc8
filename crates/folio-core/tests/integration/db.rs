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

/// Rows as the previous Folio (schema 4) wrote them: ISO dates, and closed-list values in
/// snake_case (`in_therapy`, `did_not_attend`, `social_care`, `social_worker`, `phone_call`).
const SCHEMA_4_ROWS: &str = r#"
    INSERT INTO clients (id, code, initials, given_name, family_name, preferred_name, date_of_birth, state,
        state_since, modality, funding, setting_name, safeguarding, referral_date, referral, created_at, updated_at)
    VALUES (1, 'AQ-0001', 'AQ', 'Ada', 'Quill', '', '2015-03-14', 'in_therapy', '2026-09-23', 'art', 'nhs', '', 0,
        '2026-09-02',
        '{"givenName":"Ada","familyName":"Quill","dateOfBirth":"14/03/2015","referralDate":"02/09/2026","referrer":"social_care","referrerName":"Mr Hughes","modality":"art","funding":"nhs","initials":"AQ"}',
        '2026-09-02T10:00:00Z', '2026-09-23T10:00:00Z');
    INSERT INTO episodes (client_id, number, started_on) VALUES (1, 1, '2026-09-02');
    INSERT INTO client_state_changes (client_id, from_state, to_state, on_date, note, recorded_at) VALUES
        (1, NULL, 'referred', '2026-09-02', '', '2026-09-02T10:00:00Z'),
        (1, 'referred', 'waiting_list', '2026-09-03', '', '2026-09-03T10:00:00Z'),
        (1, 'waiting_list', 'assessment', '2026-09-16', '', '2026-09-16T10:00:00Z'),
        (1, 'assessment', 'in_therapy', '2026-09-23', '', '2026-09-23T10:00:00Z');
    INSERT INTO sessions (client_id, episode_number, on_date, start_time, minutes, mode, outcome, platform,
        parent_contacted_start, parent_contacted_end, parent_nearby, created_at, updated_at) VALUES
        (1, 1, '2026-09-23', '14:30', 50, 'in_person', 'attended', '', NULL, NULL, NULL, '2026-09-23T15:00:00Z', '2026-09-23T15:00:00Z'),
        (1, 1, '2026-09-30', '14:30', 50, 'in_person', 'did_not_attend', '', NULL, NULL, NULL, '2026-09-30T15:00:00Z', '2026-09-30T15:00:00Z'),
        (1, 1, '2026-10-07', '14:30', 50, 'online', 'cancelled_by_client', 'Video call app', NULL, NULL, NULL, '2026-10-07T15:00:00Z', '2026-10-07T15:00:00Z'),
        (1, 1, '2026-10-14', '14:30', 50, 'phone', 'cancelled_by_therapist', 'Phone', NULL, NULL, NULL, '2026-10-14T15:00:00Z', '2026-10-14T15:00:00Z'),
        (1, 1, '2026-10-21', '14:30', 50, 'online', 'attended', 'Video call app', 1, 1, 1, '2026-10-21T15:00:00Z', '2026-10-21T15:00:00Z'),
        (1, 1, '2026-12-02', '14:30', 50, 'in_person', 'planned', '', NULL, NULL, NULL, '2026-11-20T15:00:00Z', '2026-11-20T15:00:00Z');
    INSERT INTO correspondence (client_id, on_date, kind, direction, counterpart, counterpart_name, summary, created_at) VALUES
        (1, '2026-09-05', 'phone_call', 'in', 'parent', 'Mother', 'Asked about session times', '2026-09-05T10:00:00Z'),
        (1, '2026-09-06', 'app_message', 'out', 'school', 'SENCo', 'Confirmed the room', '2026-09-06T10:00:00Z');
    INSERT INTO professionals (id, name, role, organisation, phone, email, created_at)
        VALUES (1, 'Sam Okafor', 'social_worker', 'County Council', '', '', '2026-09-04T10:00:00Z');
    INSERT INTO client_professionals (client_id, professional_id) VALUES (1, 1);
"#;

#[test]
fn a_vault_written_by_the_previous_schema_reads_back_in_kebab_case() -> folio_core::Result<()> {
    use folio_core::audit::Action;
    use folio_core::clients::{self, ClientFilter, ClientState};
    use folio_core::correspondence::{self, Kind};
    use folio_core::professionals::Role;
    use folio_core::sessions::{self, Mode, Outcome};
    use folio_core::vault::Record;

    let tmp = crate::tempdir();
    let dir = tmp.path().join("v");
    let mut vault = crate::create(&dir);
    // Schema 5 changed values only, not tables: a schema-5 database holding schema-4 rows and
    // marked version 4 is what the previous Folio left on disk. Tables added since schema 5
    // are dropped (and columns added since, from older tables) so that their steps run again.
    vault.write(|change| {
        change
            .execute_batch("DROP TABLE backups; DROP TABLE rights_request_closures; DROP TABLE rights_request_extensions; DROP TABLE rights_request_identity; DROP TABLE rights_requests; DROP TABLE handover_reviews; DROP TRIGGER clients_retire_id; DROP TRIGGER correspondence_retire_id; DROP TABLE retired_ids; DROP TABLE handover_ticks; DROP TABLE handover_takeovers; DROP TABLE handover_holders; DROP TABLE handover_sets; DROP TABLE destruction_records; DROP TABLE destruction_runs; DROP TABLE destruction_cancellations; DROP TABLE destruction_entries; DROP TABLE destruction_batches; DROP TABLE retention_hold_releases; DROP TABLE retention_holds; DROP TABLE retention_policy_changes; DROP TABLE media_events; DROP TABLE media; DROP TABLE artwork_events; DROP TABLE artwork; DROP TABLE artwork_locations; DROP TABLE incident_reports; DROP TABLE incident_decisions; DROP TABLE incident_clients; DROP TABLE incidents; DROP TABLE complaint_closures; DROP TABLE complaint_stages; DROP TABLE complaints; DROP TABLE safeguarding_entries; DROP TABLE disclosure_attachments; DROP TABLE disclosures; DROP TABLE agreements; DROP TABLE consent_withdrawals; DROP TABLE consent_reviews; DROP TABLE consents; DROP TABLE note_search; DROP TABLE note_versions; DROP TABLE notes; \
                 ALTER TABLE correspondence DROP COLUMN warnings; ALTER TABLE correspondence DROP COLUMN kept; \
                 ALTER TABLE sessions DROP COLUMN checks_reason; ALTER TABLE sessions DROP COLUMN platform_confirmed;")
            .map_err(crate::sql)?;
        change.execute_batch(SCHEMA_4_ROWS).map_err(crate::sql)?;
        change.pragma_update(None, "user_version", 4).map_err(crate::sql)?;
        change.record(Action::ClientReferred, Record::new("client", 1))
    })?;
    assert_eq!(version(vault.connection_for_tests()), 4);
    assert!(!crate::demo::snake_case_values(&vault)?.is_empty(), "the old spellings are on disk");
    vault.lock()?;

    let vault = crate::unlock(&dir)?;
    assert_eq!(version(vault.connection_for_tests()), folio_core::db::latest_version());
    assert_eq!(crate::demo::snake_case_values(&vault)?, Vec::<String>::new());

    let record = clients::show(&vault, "AQ-0001")?;
    assert_eq!(record.summary.state, ClientState::InTherapy);
    assert_eq!(record.summary.state_since, crate::day("23/09/2026"));
    assert_eq!(record.referral.referrer, "social-care");
    assert_eq!(record.referral.referrer_name, "Mr Hughes", "the rest of the referral is untouched");
    let moves: Vec<ClientState> = record.history.iter().map(|h| h.to).collect();
    assert_eq!(
        moves,
        [ClientState::Referred, ClientState::WaitingList, ClientState::Assessment, ClientState::InTherapy]
    );
    assert_eq!(record.professionals[0].role, Role::SocialWorker);
    let json = serde_json::to_string(&record).unwrap_or_default();
    assert!(json.contains(r#""state":"in-therapy""#) && json.contains(r#""role":"social-worker""#), "{json}");
    assert!(!json.contains("in_therapy") && !json.contains("social_"), "{json}");
    let filtered = clients::list(&vault, &ClientFilter { state: "in-therapy".into(), ..Default::default() })?;
    assert_eq!(filtered.len(), 1, "the filter finds the migrated state");

    let register = sessions::list(&vault, "AQ-0001", None)?;
    let outcomes: Vec<Outcome> = register.iter().map(|s| s.outcome).collect();
    assert_eq!(
        outcomes,
        [
            Outcome::Attended,
            Outcome::DidNotAttend,
            Outcome::CancelledByClient,
            Outcome::CancelledByTherapist,
            Outcome::Attended,
            Outcome::Planned
        ]
    );
    assert_eq!(register[0].mode, Mode::InPerson);
    assert_eq!(register[4].number, Some(2));
    let counts = sessions::attendance(&vault, "AQ-0001", "01/09/2026", "30/11/2026")?;
    assert_eq!((counts.attended, counts.did_not_attend, counts.in_person, counts.online), (2, 1, 1, 1));
    assert_eq!(record.summary.next_session, Some(crate::day("02/12/2026")));

    let kinds: Vec<Kind> = correspondence::list(&vault, "AQ-0001")?.into_iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [Kind::AppMessage, Kind::PhoneCall]);
    assert!(vault.verify()?.is_ok());
    Ok(())
}

/// A destroyed record's number stays in the audit log, its destruction record and on paper
/// (an artwork label): deleting the newest row of a numbered table never frees its number.
#[test]
fn a_number_once_given_is_never_given_again_after_its_row_is_deleted() -> folio_core::Result<()> {
    use folio_core::artwork::{self, ArtworkForm};
    use folio_core::correspondence::{self, CorrespondenceForm};
    use folio_core::db::{next_id, Numbered};

    let tmp = crate::tempdir();
    let mut vault = crate::create(tmp.path());
    let code =
        folio_core::clients::add_referral(&mut vault, crate::referral("Mia", "Lee", "10/12/2015", "01/09/2024"))?.code;
    let piece = ArtworkForm { description: "Clay figure".into(), made: "01/10/2024".into(), ..ArtworkForm::default() };
    assert_eq!(artwork::add(&mut vault, &code, piece.clone())?.reference, "ART-0001");
    let letter = CorrespondenceForm {
        on: "05/02/2025".into(),
        kind: "letter".into(),
        direction: "in".into(),
        counterpart: "school".into(),
        summary: "Autumn report".into(),
        ..CorrespondenceForm::default()
    };
    assert_eq!(correspondence::add(&mut vault, &code, letter.clone(), Vec::new(), None)?.id, 1);
    vault.write(|change| {
        change
            .execute_batch(
                "DELETE FROM artwork_events; DELETE FROM artwork; DELETE FROM correspondence;
                 PRAGMA defer_foreign_keys = ON;
                 INSERT INTO media (id, client_id, kind, blob_id, file_name, media_type, size, consent_id, added_on,
                                    recorded_at)
                 SELECT 7, id, 'photo', 0, 'x.png', 'image/png', 0, 0, '2026-01-01', '' FROM clients;
                 DELETE FROM media;",
            )
            .map_err(crate::sql)?;
        change.record(folio_core::vault::audit::Action::RetentionDestroyed, folio_core::vault::Record::new("test", 1))
    })?;
    assert_eq!(artwork::add(&mut vault, &code, piece)?.reference, "ART-0002");
    assert_eq!(correspondence::add(&mut vault, &code, letter, Vec::new(), None)?.id, 2);
    assert_eq!(next_id(vault.connection_for_tests(), Numbered::Media)?, 8);
    Ok(())
}
