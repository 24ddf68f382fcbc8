-- The complaints register (seeds 000, 001). A complaint, each stage it reaches and its
-- closing are separate rows, only ever inserted: a trigger on each table refuses UPDATE.
CREATE TABLE complaints (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER REFERENCES clients (id),
    received_on TEXT NOT NULL,
    from_whom   TEXT NOT NULL DEFAULT '',
    how         TEXT,
    summary     TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX complaints_client ON complaints (client_id);
CREATE TABLE complaint_stages (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaints (id),
    stage        TEXT NOT NULL,
    on_date      TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    UNIQUE (complaint_id, stage)
) STRICT;
CREATE TABLE complaint_closures (
    complaint_id INTEGER PRIMARY KEY REFERENCES complaints (id),
    on_date      TEXT NOT NULL,
    response     TEXT NOT NULL DEFAULT '',
    outcome      TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
) STRICT;
CREATE TRIGGER complaints_are_kept_update BEFORE UPDATE ON complaints
    BEGIN SELECT RAISE(ABORT, 'a recorded complaint is never changed'); END;
CREATE TRIGGER complaint_stages_are_kept_update BEFORE UPDATE ON complaint_stages
    BEGIN SELECT RAISE(ABORT, 'a recorded complaint stage is never changed'); END;
CREATE TRIGGER complaint_closures_are_kept_update BEFORE UPDATE ON complaint_closures
    BEGIN SELECT RAISE(ABORT, 'a recorded complaint closing is never changed'); END;
