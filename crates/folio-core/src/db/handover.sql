-- Handover (migration 16): the clinical will. Each set of shares is a row of
-- `handover_sets`: who succeeds, k of n, where the laptop and backups are, and the
-- therapist's instructions; its holders, in share order, are rows of `handover_holders`.
-- Nothing here is secret (the shares are never stored) and nothing here is in the key
-- file, which is plaintext: its handover slot holds only the set number, k and n. A
-- takeover ends the set (`handover_takeovers`); the successor's continuity checklist
-- keeps its ticks in `handover_ticks` (unticking deletes the row). No table refers to
-- `clients`: a checklist item names its record by a key such as `client:JS-0001`.
CREATE TABLE handover_sets (
    set_number             INTEGER PRIMARY KEY CHECK (set_number > 0),
    threshold              INTEGER NOT NULL,
    shares                 INTEGER NOT NULL,
    set_up_on              TEXT NOT NULL,
    successor_name         TEXT NOT NULL,
    successor_profession   TEXT NOT NULL DEFAULT '',
    successor_registration TEXT NOT NULL DEFAULT '',
    successor_contact      TEXT NOT NULL DEFAULT '',
    laptop                 TEXT NOT NULL DEFAULT '',
    backups                TEXT NOT NULL DEFAULT '',
    instructions           TEXT NOT NULL DEFAULT '',
    recorded_at            TEXT NOT NULL,
    CHECK (threshold BETWEEN 1 AND shares)
) STRICT;
CREATE TABLE handover_holders (
    set_number   INTEGER NOT NULL REFERENCES handover_sets (set_number),
    share_number INTEGER NOT NULL CHECK (share_number > 0),
    name         TEXT NOT NULL,
    PRIMARY KEY (set_number, share_number)
) STRICT;
CREATE TABLE handover_takeovers (
    set_number  INTEGER PRIMARY KEY REFERENCES handover_sets (set_number),
    on_date     TEXT NOT NULL,
    shares_used TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE TABLE handover_ticks (
    item        TEXT PRIMARY KEY,
    ticked_on   TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER handover_sets_are_kept_update BEFORE UPDATE ON handover_sets
    BEGIN SELECT RAISE(ABORT, 'a handover set is never changed'); END;
CREATE TRIGGER handover_holders_are_kept_update BEFORE UPDATE ON handover_holders
    BEGIN SELECT RAISE(ABORT, 'a handover holder is never changed'); END;
