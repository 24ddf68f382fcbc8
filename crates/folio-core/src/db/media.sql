-- Photos of artwork and recordings of sessions (issue 12): each kept in the attachment
-- store (`blobs`), with the consent that allowed it. A photo or recording is recorded once
-- and never changed; what became of it after its consent stopped counting (kept after a
-- review, with the reason, or destroyed) is a row of `media_events`. Destroying one deletes
-- its blob and chunks; the `media` row stays (no REFERENCES on blob_id, which then names
-- nothing), so the history says what was there without the data.
CREATE TABLE media (
    id             INTEGER PRIMARY KEY,
    client_id      INTEGER NOT NULL REFERENCES clients (id),
    episode_number INTEGER,
    kind           TEXT NOT NULL,
    blob_id        INTEGER NOT NULL,
    file_name      TEXT NOT NULL,
    media_type     TEXT NOT NULL,
    size           INTEGER NOT NULL,
    artwork_id     INTEGER REFERENCES artwork (id),
    session_id     INTEGER REFERENCES sessions (id),
    consent_id     INTEGER NOT NULL REFERENCES consents (id),
    added_on       TEXT NOT NULL,
    caption        TEXT NOT NULL DEFAULT '',
    recorded_at    TEXT NOT NULL
) STRICT;
CREATE INDEX media_client ON media (client_id);
CREATE TABLE media_events (
    id          INTEGER PRIMARY KEY,
    media_id    INTEGER NOT NULL REFERENCES media (id),
    kind        TEXT NOT NULL CHECK (kind IN ('kept-after-review', 'destroyed')),
    on_date     TEXT NOT NULL,
    reason      TEXT NOT NULL,
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX media_events_item ON media_events (media_id, id);
CREATE TRIGGER media_is_kept_update BEFORE UPDATE ON media
    BEGIN SELECT RAISE(ABORT, 'a recorded photo or recording is never changed'); END;
CREATE TRIGGER media_events_are_kept_update BEFORE UPDATE ON media_events
    BEGIN SELECT RAISE(ABORT, 'a recorded review or destruction is never changed'); END;
