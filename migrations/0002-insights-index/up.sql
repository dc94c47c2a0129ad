-- Insights aggregate a person's interactions by day and kind; this index
-- covers those queries so they never touch the table's rows.
CREATE INDEX interaction_insights
    ON interaction (person_id, happened_on, kind_id, quality, initiated_by)
    WHERE deleted_at IS NULL;
