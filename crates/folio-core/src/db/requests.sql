-- The request register (UK GDPR rights: access, rectification, erasure, restriction,
-- objection). A request, its identity check, each extension and its closing are separate
-- rows, only ever inserted: a trigger on each table refuses UPDATE.
CREATE TABLE rights_requests (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER REFERENCES clients (id),
    kind        TEXT NOT NULL,
    made_by     TEXT NOT NULL,
    from_whom   TEXT NOT NULL DEFAULT '',
    received_on TEXT NOT NULL,
    summary     TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX rights_requests_client ON rights_requests (client_id);
CREATE TABLE rights_request_identity (
    request_id  INTEGER PRIMARY KEY REFERENCES rights_requests (id),
    on_date     TEXT NOT NULL,
    how         TEXT NOT NULL,
    waited      INTEGER NOT NULL CHECK (waited IN (0, 1)),
    recorded_at TEXT NOT NULL
) STRICT;
CREATE TABLE rights_request_extensions (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES rights_requests (id),
    months      INTEGER NOT NULL CHECK (months BETWEEN 1 AND 2),
    reason      TEXT NOT NULL,
    told_on     TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE TABLE rights_request_closures (
    request_id  INTEGER PRIMARY KEY REFERENCES rights_requests (id),
    on_date     TEXT NOT NULL,
    outcome     TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
) STRICT;
-- Like a complaint, a request is the practice's and outlives a destroyed client: the one
-- change it may take is losing its client.
CREATE TRIGGER rights_requests_are_kept_update BEFORE UPDATE ON rights_requests
WHEN NOT (OLD.client_id IS NOT NULL AND NEW.client_id IS NULL AND NEW.id = OLD.id
          AND NEW.kind IS OLD.kind AND NEW.made_by IS OLD.made_by AND NEW.from_whom IS OLD.from_whom
          AND NEW.received_on IS OLD.received_on AND NEW.summary IS OLD.summary
          AND NEW.recorded_at IS OLD.recorded_at)
    BEGIN SELECT RAISE(ABORT, 'a recorded rights request is never changed'); END;
CREATE TRIGGER rights_request_identity_is_kept_update BEFORE UPDATE ON rights_request_identity
    BEGIN SELECT RAISE(ABORT, 'a recorded identity check is never changed'); END;
CREATE TRIGGER rights_request_extensions_are_kept_update BEFORE UPDATE ON rights_request_extensions
    BEGIN SELECT RAISE(ABORT, 'a recorded extension is never changed'); END;
CREATE TRIGGER rights_request_closures_are_kept_update BEFORE UPDATE ON rights_request_closures
    BEGIN SELECT RAISE(ABORT, 'a recorded closing is never changed'); END;
