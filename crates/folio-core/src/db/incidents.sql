-- The incident and personal data breach log (UK GDPR art. 33). Moments are UTC instants
-- (RFC 3339); the incident, the clients whose data it touched, the decision about
-- reporting and the report to the ICO are only ever inserted: triggers refuse UPDATE.
CREATE TABLE incidents (
    id          INTEGER PRIMARY KEY,
    aware_at    TEXT NOT NULL,
    summary     TEXT NOT NULL,
    risk        TEXT NOT NULL DEFAULT '',
    actions     TEXT NOT NULL DEFAULT '',
    people_told TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
) STRICT;
CREATE TABLE incident_clients (
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    client_id   INTEGER NOT NULL REFERENCES clients (id),
    PRIMARY KEY (incident_id, client_id)
) STRICT;
CREATE INDEX incident_clients_client ON incident_clients (client_id);
CREATE TABLE incident_decisions (
    incident_id INTEGER PRIMARY KEY REFERENCES incidents (id),
    must_report INTEGER NOT NULL CHECK (must_report IN (0, 1)),
    reason      TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE TABLE incident_reports (
    incident_id INTEGER PRIMARY KEY REFERENCES incidents (id),
    reported_at TEXT NOT NULL,
    late_reason TEXT NOT NULL DEFAULT '',
    reference   TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER incidents_are_kept_update BEFORE UPDATE ON incidents
    BEGIN SELECT RAISE(ABORT, 'a recorded incident is never changed'); END;
CREATE TRIGGER incident_clients_are_kept_update BEFORE UPDATE ON incident_clients
    BEGIN SELECT RAISE(ABORT, 'an incident''s clients are never changed'); END;
CREATE TRIGGER incident_decisions_are_kept_update BEFORE UPDATE ON incident_decisions
    BEGIN SELECT RAISE(ABORT, 'a recorded decision about reporting is never changed'); END;
CREATE TRIGGER incident_reports_are_kept_update BEFORE UPDATE ON incident_reports
    BEGIN SELECT RAISE(ABORT, 'a recorded report to the ICO is never changed'); END;
