-- Per person, day and kind: how many live interactions, their quality sum
-- and count, and how many I started. Insights and the coach read this small
-- table instead of the interactions themselves, so they cost the same at
-- ten thousand entries or ten million. Triggers keep it in step inside the
-- same transaction as every write; it is derived data, never exported.
CREATE TABLE day_total (
    person_id      INTEGER NOT NULL,
    happened_on    TEXT NOT NULL,
    kind_id        INTEGER NOT NULL,
    count          INTEGER NOT NULL,
    quality_sum    INTEGER NOT NULL,
    quality_count  INTEGER NOT NULL,
    by_me          INTEGER NOT NULL,
    PRIMARY KEY (person_id, happened_on, kind_id)
) WITHOUT ROWID;
CREATE INDEX day_total_by_kind ON day_total (person_id, kind_id, happened_on);

INSERT INTO day_total
SELECT person_id, happened_on, kind_id, count(*), coalesce(sum(quality), 0), count(quality),
       sum(initiated_by = 'me')
  FROM interaction
 WHERE deleted_at IS NULL
 GROUP BY person_id, happened_on, kind_id;

CREATE TRIGGER day_total_insert AFTER INSERT ON interaction WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO day_total VALUES (new.person_id, new.happened_on, new.kind_id, 1,
                                  coalesce(new.quality, 0), new.quality IS NOT NULL,
                                  new.initiated_by = 'me')
    ON CONFLICT (person_id, happened_on, kind_id) DO UPDATE SET
        count = count + 1,
        quality_sum = quality_sum + excluded.quality_sum,
        quality_count = quality_count + excluded.quality_count,
        by_me = by_me + excluded.by_me;
END;

CREATE TRIGGER day_total_remove_old AFTER UPDATE OF person_id, happened_on, kind_id, quality,
        initiated_by, deleted_at ON interaction WHEN old.deleted_at IS NULL BEGIN
    UPDATE day_total SET
        count = count - 1,
        quality_sum = quality_sum - coalesce(old.quality, 0),
        quality_count = quality_count - (old.quality IS NOT NULL),
        by_me = by_me - (old.initiated_by = 'me')
     WHERE person_id = old.person_id AND happened_on = old.happened_on AND kind_id = old.kind_id;
    DELETE FROM day_total
     WHERE person_id = old.person_id AND happened_on = old.happened_on AND kind_id = old.kind_id
       AND count <= 0;
END;

CREATE TRIGGER day_total_add_new AFTER UPDATE OF person_id, happened_on, kind_id, quality,
        initiated_by, deleted_at ON interaction WHEN new.deleted_at IS NULL BEGIN
    INSERT INTO day_total VALUES (new.person_id, new.happened_on, new.kind_id, 1,
                                  coalesce(new.quality, 0), new.quality IS NOT NULL,
                                  new.initiated_by = 'me')
    ON CONFLICT (person_id, happened_on, kind_id) DO UPDATE SET
        count = count + 1,
        quality_sum = quality_sum + excluded.quality_sum,
        quality_count = quality_count + excluded.quality_count,
        by_me = by_me + excluded.by_me;
END;

CREATE TRIGGER day_total_delete AFTER DELETE ON interaction WHEN old.deleted_at IS NULL BEGIN
    UPDATE day_total SET
        count = count - 1,
        quality_sum = quality_sum - coalesce(old.quality, 0),
        quality_count = quality_count - (old.quality IS NOT NULL),
        by_me = by_me - (old.initiated_by = 'me')
     WHERE person_id = old.person_id AND happened_on = old.happened_on AND kind_id = old.kind_id;
    DELETE FROM day_total
     WHERE person_id = old.person_id AND happened_on = old.happened_on AND kind_id = old.kind_id
       AND count <= 0;
END;

-- The covering index served the aggregates before this table; it would now
-- only slow writes down.
DROP INDEX interaction_insights;
