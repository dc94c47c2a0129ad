-- Text search in timeline order, and open advice asks found fast.
--
-- The search index's rowid becomes the
-- entry's place in the timeline — its day (as a Julian day number) in the
-- high bits, its id in the low 40 — so a search reads its matches newest
-- first and stops after one page, instead of fetching and sorting every
-- match. The entry's id is kept beside it (entry_id).

DROP TRIGGER interaction_fts_insert;
DROP TRIGGER interaction_fts_update;
DROP TRIGGER interaction_fts_delete;
DROP TRIGGER interaction_tag_fts_insert;
DROP TRIGGER interaction_tag_fts_delete;
DROP TABLE interaction_fts;

CREATE VIRTUAL TABLE interaction_fts USING fts5 (
    title, notes, tags, entry_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO interaction_fts (rowid, title, notes, tags, entry_id)
SELECT (CAST(julianday(i.happened_on) AS INTEGER) << 40) + i.id, i.title, i.notes,
       coalesce((SELECT group_concat(t.tag, ' ') FROM interaction_tag t WHERE t.interaction_id = i.id), ''),
       i.id
  FROM interaction i;

CREATE TRIGGER interaction_fts_insert AFTER INSERT ON interaction BEGIN
    INSERT INTO interaction_fts (rowid, title, notes, tags, entry_id)
    VALUES ((CAST(julianday(new.happened_on) AS INTEGER) << 40) + new.id, new.title, new.notes, '', new.id);
END;

-- A new day moves the entry in the timeline, so its row is written afresh.
CREATE TRIGGER interaction_fts_update AFTER UPDATE OF title, notes, happened_on ON interaction BEGIN
    DELETE FROM interaction_fts
     WHERE rowid = (CAST(julianday(old.happened_on) AS INTEGER) << 40) + old.id;
    INSERT INTO interaction_fts (rowid, title, notes, tags, entry_id)
    VALUES ((CAST(julianday(new.happened_on) AS INTEGER) << 40) + new.id, new.title, new.notes,
            coalesce((SELECT group_concat(tag, ' ') FROM interaction_tag WHERE interaction_id = new.id), ''),
            new.id);
END;

CREATE TRIGGER interaction_fts_delete AFTER DELETE ON interaction BEGIN
    DELETE FROM interaction_fts
     WHERE rowid = (CAST(julianday(old.happened_on) AS INTEGER) << 40) + old.id;
END;

CREATE TRIGGER interaction_tag_fts_insert AFTER INSERT ON interaction_tag BEGIN
    UPDATE interaction_fts
       SET tags = (SELECT group_concat(tag, ' ') FROM interaction_tag WHERE interaction_id = new.interaction_id)
     WHERE rowid = (SELECT (CAST(julianday(i.happened_on) AS INTEGER) << 40) + i.id
                      FROM interaction i WHERE i.id = new.interaction_id);
END;

CREATE TRIGGER interaction_tag_fts_delete AFTER DELETE ON interaction_tag BEGIN
    UPDATE interaction_fts
       SET tags = coalesce((SELECT group_concat(tag, ' ') FROM interaction_tag WHERE interaction_id = old.interaction_id), '')
     WHERE rowid = (SELECT (CAST(julianday(i.happened_on) AS INTEGER) << 40) + i.id
                      FROM interaction i WHERE i.id = old.interaction_id);
END;

-- Advice asks by when they were reported back on (NULL: still open), so
-- Prep and the coach find the open ones without walking every entry.
DROP INDEX advice_loop_open;
CREATE INDEX advice_loop_by_report ON advice_loop (reported_on);
