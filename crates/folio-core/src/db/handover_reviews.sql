-- Handover reviews (migration 18): the clinical will is reviewed yearly (Home reminds a
-- year after the set was made or last reviewed). A review that changes nothing is
-- recorded here; a review that changes something is a re-issue (a new set). Kept, never
-- changed: the dates are the will's history.
CREATE TABLE handover_reviews (
    set_number  INTEGER NOT NULL REFERENCES handover_sets (set_number),
    reviewed_on TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (set_number, reviewed_on)
) STRICT;
CREATE TRIGGER handover_reviews_are_kept_update BEFORE UPDATE ON handover_reviews
    BEGIN SELECT RAISE(ABORT, 'a handover review is never changed'); END;
CREATE TRIGGER handover_reviews_are_kept_delete BEFORE DELETE ON handover_reviews
    BEGIN SELECT RAISE(ABORT, 'a handover review is never deleted'); END;
