-- The coach remembers which occurrence of a suggestion was dismissed or
-- done (its anchor: the day of the fact it is about, such as the last
-- informal contact), and which rules the user switched off.
ALTER TABLE nudge_state ADD COLUMN anchor TEXT
    CHECK (anchor IS NULL OR date(anchor, '+0 days') IS anchor);
ALTER TABLE nudge_state ADD COLUMN switched_off INTEGER NOT NULL DEFAULT 0
    CHECK (switched_off IN (0, 1));
