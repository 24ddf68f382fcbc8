-- The artwork inventory (seed 001): each physical item a client made, and every change to
-- it (placed, moved, returned, kept, disposed) as a row of its own. Only ever inserted: a
-- trigger on each table refuses UPDATE, so the history reads as it happened.
CREATE TABLE artwork_locations (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE TABLE artwork (
    id             INTEGER PRIMARY KEY,
    reference      TEXT NOT NULL UNIQUE,
    client_id      INTEGER NOT NULL REFERENCES clients (id),
    episode_number INTEGER NOT NULL,
    session_id     INTEGER REFERENCES sessions (id),
    made_on        TEXT NOT NULL,
    medium         TEXT NOT NULL DEFAULT '',
    size           TEXT NOT NULL DEFAULT '',
    description    TEXT NOT NULL,
    recorded_at    TEXT NOT NULL
) STRICT;
CREATE INDEX artwork_client ON artwork (client_id);
CREATE TABLE artwork_events (
    id          INTEGER PRIMARY KEY,
    artwork_id  INTEGER NOT NULL REFERENCES artwork (id),
    kind        TEXT NOT NULL,
    on_date     TEXT NOT NULL,
    location_id INTEGER REFERENCES artwork_locations (id),
    detail      TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX artwork_events_item ON artwork_events (artwork_id, id);
CREATE TRIGGER artwork_is_kept_update BEFORE UPDATE ON artwork
    BEGIN SELECT RAISE(ABORT, 'a recorded artwork item is never changed'); END;
CREATE TRIGGER artwork_events_are_kept_update BEFORE UPDATE ON artwork_events
    BEGIN SELECT RAISE(ABORT, 'a recorded artwork change is never changed'); END;
CREATE TRIGGER artwork_locations_are_kept_update BEFORE UPDATE ON artwork_locations
    BEGIN SELECT RAISE(ABORT, 'a recorded artwork location is never changed'); END;
