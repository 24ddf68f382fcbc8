-- Numbers never given twice (migration 17). A letter, a piece of artwork ("ART-0013", on a
-- label in the cabinet), a photo or recording, or a client destroyed under the retention
-- policy leaves its number in the audit log, in destruction records and on paper; SQLite
-- would hand the highest number out again once its row is gone. Each delete from these
-- tables raises the highest number retired, by trigger, so no code path can forget it, and
-- `db::next_id` counts past it.
CREATE TABLE retired_ids (
    kind    TEXT PRIMARY KEY,
    highest INTEGER NOT NULL
) STRICT;
CREATE TRIGGER clients_retire_id AFTER DELETE ON clients
BEGIN
    INSERT INTO retired_ids (kind, highest) VALUES ('clients', OLD.id)
    ON CONFLICT (kind) DO UPDATE SET highest = max(highest, excluded.highest);
END;
CREATE TRIGGER artwork_retire_id AFTER DELETE ON artwork
BEGIN
    INSERT INTO retired_ids (kind, highest) VALUES ('artwork', OLD.id)
    ON CONFLICT (kind) DO UPDATE SET highest = max(highest, excluded.highest);
END;
CREATE TRIGGER media_retire_id AFTER DELETE ON media
BEGIN
    INSERT INTO retired_ids (kind, highest) VALUES ('media', OLD.id)
    ON CONFLICT (kind) DO UPDATE SET highest = max(highest, excluded.highest);
END;
CREATE TRIGGER correspondence_retire_id AFTER DELETE ON correspondence
BEGIN
    INSERT INTO retired_ids (kind, highest) VALUES ('correspondence', OLD.id)
    ON CONFLICT (kind) DO UPDATE SET highest = max(highest, excluded.highest);
END;
