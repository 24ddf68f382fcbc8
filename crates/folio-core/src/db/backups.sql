-- Backups taken (DESIGN §9): where each was written, when, and which set of handover
-- shares opens it (NULL when no handover was set up). Only ever inserted.
CREATE TABLE backups (
    id           INTEGER PRIMARY KEY,
    taken_at     TEXT NOT NULL,
    folder       TEXT NOT NULL,
    handover_set INTEGER,
    bytes        INTEGER NOT NULL,
    recorded_at  TEXT NOT NULL
) STRICT;
CREATE TRIGGER backups_are_kept_update BEFORE UPDATE ON backups
    BEGIN SELECT RAISE(ABORT, 'a recorded backup is never changed'); END;
