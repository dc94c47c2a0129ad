-- Insights aggregate a person's interactions by day and kind; this index
-- covers those queries so they never touch the table's rows (deleted_at is
-- in it only so SQLite can see the partial index covers the WHERE clause).
CREATE INDEX interaction_insights
    ON interaction (person_id, happened_on, kind_id, quality, initiated_by, deleted_at)
    WHERE deleted_at IS NULL;
