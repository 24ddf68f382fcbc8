-- Retention (migration 14): the policy as chosen and every change to it, and legal holds.
-- Every table is only ever inserted into: a policy change is a row with the old and the new
-- policy (JSON); a hold is placed by a row and released by a row of its own.
CREATE TABLE retention_policy_changes (
    id          INTEGER PRIMARY KEY,
    old_policy  TEXT,
    new_policy  TEXT NOT NULL,
    changed_at  TEXT NOT NULL
) STRICT;
CREATE TRIGGER retention_policy_changes_no_update BEFORE UPDATE ON retention_policy_changes
BEGIN SELECT RAISE(ABORT, 'a policy change is never altered'); END;
CREATE TABLE retention_holds (
    id          INTEGER PRIMARY KEY,
    client_id   INTEGER NOT NULL REFERENCES clients (id),
    reason      TEXT NOT NULL,
    placed_on   TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX retention_holds_client ON retention_holds (client_id);
CREATE TRIGGER retention_holds_no_update BEFORE UPDATE ON retention_holds
BEGIN SELECT RAISE(ABORT, 'a hold is released by a row of its own'); END;
CREATE TABLE retention_hold_releases (
    hold_id     INTEGER PRIMARY KEY REFERENCES retention_holds (id),
    released_on TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER retention_hold_releases_no_update BEFORE UPDATE ON retention_hold_releases
BEGIN SELECT RAISE(ABORT, 'a release is never altered'); END;
