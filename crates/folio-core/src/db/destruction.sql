-- Destruction (migration 15): a confirmed batch of records due for destruction, waiting its
-- grace period; its cancelling or its run, each a row of its own; and what remains of a
-- destroyed client's records: the code, the categories and counts, the rule and due date
-- applied and the day. No table refers to `clients`: a batch outlives what it destroys.
CREATE TABLE destruction_batches (
    id           INTEGER PRIMARY KEY,
    confirmed_on TEXT NOT NULL,
    runs_on      TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
) STRICT;
CREATE TABLE destruction_entries (
    id          INTEGER PRIMARY KEY,
    batch_id    INTEGER NOT NULL REFERENCES destruction_batches (id),
    client_code TEXT NOT NULL,
    category    TEXT NOT NULL,
    item        TEXT,
    due_on      TEXT NOT NULL,
    rule        TEXT NOT NULL
) STRICT;
CREATE INDEX destruction_entries_batch ON destruction_entries (batch_id);
CREATE TABLE destruction_cancellations (
    batch_id     INTEGER PRIMARY KEY REFERENCES destruction_batches (id),
    cancelled_on TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
) STRICT;
CREATE TABLE destruction_runs (
    batch_id    INTEGER PRIMARY KEY REFERENCES destruction_batches (id),
    ran_on      TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE TABLE destruction_records (
    id           INTEGER PRIMARY KEY,
    batch_id     INTEGER NOT NULL REFERENCES destruction_batches (id),
    client_code  TEXT NOT NULL,
    categories   TEXT NOT NULL,
    destroyed_on TEXT NOT NULL,
    recorded_at  TEXT NOT NULL
) STRICT;
CREATE TRIGGER destruction_batches_no_update BEFORE UPDATE ON destruction_batches
BEGIN SELECT RAISE(ABORT, 'a destruction batch is never altered'); END;
CREATE TRIGGER destruction_entries_no_update BEFORE UPDATE ON destruction_entries
BEGIN SELECT RAISE(ABORT, 'a destruction entry is never altered'); END;
CREATE TRIGGER destruction_cancellations_no_update BEFORE UPDATE ON destruction_cancellations
BEGIN SELECT RAISE(ABORT, 'a cancelled destruction is never altered'); END;
CREATE TRIGGER destruction_runs_no_update BEFORE UPDATE ON destruction_runs
BEGIN SELECT RAISE(ABORT, 'a destruction run is never altered'); END;
CREATE TRIGGER destruction_records_no_update BEFORE UPDATE ON destruction_records
BEGIN SELECT RAISE(ABORT, 'a destruction record is never altered'); END;
CREATE TRIGGER destruction_records_no_delete BEFORE DELETE ON destruction_records
BEGIN SELECT RAISE(ABORT, 'a destruction record is never deleted'); END;
-- The complaints register is the practice's and outlives a destroyed client: the one change
-- a complaint may take is losing its client (the register keeps no name of its own).
DROP TRIGGER complaints_are_kept_update;
CREATE TRIGGER complaints_are_kept_update BEFORE UPDATE ON complaints
WHEN NOT (OLD.client_id IS NOT NULL AND NEW.client_id IS NULL AND NEW.id = OLD.id
          AND NEW.received_on IS OLD.received_on AND NEW.from_whom IS OLD.from_whom AND NEW.how IS OLD.how
          AND NEW.summary IS OLD.summary AND NEW.recorded_at IS OLD.recorded_at)
BEGIN SELECT RAISE(ABORT, 'a recorded complaint is never changed'); END;
