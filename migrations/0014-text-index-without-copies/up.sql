-- The text index keeps no copy of the text. Until now the index stored every
-- title, note and tag list a second time (a third of the file); from here it
-- reads them from the entries themselves, through the view
-- `interaction_text`, and stores only the index (an FTS5 external-content
-- table). Its rowid stays the entry's place in the timeline, as migration
-- 0005 set it up: the day's Julian day number in the high bits, the id in
-- the low 40 — so a search still reads newest first and stops after a page,
-- and the entry's id is the rowid's low 40 bits (no entry_id column).
--
-- An external-content index is told what it held when a row goes: the
-- 'delete' command with the OLD title, notes and tags, exactly as they were
-- indexed. Tags are therefore always listed in one order (by tag), in the
-- view and in every trigger (a sorted subquery, not `group_concat(… ORDER
-- BY …)`, which an sqlite3 older than 3.44 could not read). `columnsize = 0`: nothing ranks matches (a
-- search is in timeline order), so the per-row token counts are not kept.

DROP TRIGGER interaction_fts_insert;
DROP TRIGGER interaction_fts_update;
DROP TRIGGER interaction_fts_delete;
DROP TRIGGER interaction_tag_fts_insert;
DROP TRIGGER interaction_tag_fts_delete;
DROP TABLE interaction_fts;

CREATE VIEW interaction_text (timeline_key, title, notes, tags) AS
SELECT (CAST(julianday(i.happened_on) AS INTEGER) << 40) + i.id, i.title, i.notes,
       coalesce((SELECT group_concat(tag, ' ') FROM (SELECT t.tag FROM interaction_tag t
                                                  WHERE t.interaction_id = i.id ORDER BY t.tag)), '')
  FROM interaction i;

CREATE VIRTUAL TABLE interaction_fts USING fts5 (
    title, notes, tags,
    content = 'interaction_text', content_rowid = 'timeline_key',
    columnsize = 0,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Built once from the entries, inside this migration's transaction, then
-- merged into one segment (the smallest file and the fastest prefix reads).
INSERT INTO interaction_fts (interaction_fts) VALUES ('rebuild');
INSERT INTO interaction_fts (interaction_fts) VALUES ('optimize');

CREATE TRIGGER interaction_fts_insert AFTER INSERT ON interaction BEGIN
    INSERT INTO interaction_fts (rowid, title, notes, tags)
    VALUES ((CAST(julianday(new.happened_on) AS INTEGER) << 40) + new.id, new.title, new.notes,
            coalesce((SELECT group_concat(tag, ' ') FROM (SELECT t.tag FROM interaction_tag t
                                                  WHERE t.interaction_id = new.id ORDER BY t.tag)), ''));
END;

-- A new day moves the entry in the timeline, so its row is written afresh.
-- Tags do not change in the same statement: the current ones are the old.
CREATE TRIGGER interaction_fts_update AFTER UPDATE OF id, title, notes, happened_on ON interaction BEGIN
    INSERT INTO interaction_fts (interaction_fts, rowid, title, notes, tags)
    VALUES ('delete', (CAST(julianday(old.happened_on) AS INTEGER) << 40) + old.id, old.title, old.notes,
            coalesce((SELECT group_concat(tag, ' ') FROM (SELECT t.tag FROM interaction_tag t
                                                  WHERE t.interaction_id = old.id ORDER BY t.tag)), ''));
    INSERT INTO interaction_fts (rowid, title, notes, tags)
    VALUES ((CAST(julianday(new.happened_on) AS INTEGER) << 40) + new.id, new.title, new.notes,
            coalesce((SELECT group_concat(tag, ' ') FROM (SELECT t.tag FROM interaction_tag t
                                                  WHERE t.interaction_id = new.id ORDER BY t.tag)), ''));
END;

-- Before the row goes, while its tags are still there: deleting an entry
-- deletes its tags (ON DELETE CASCADE) before any AFTER trigger would run.
-- The tags' own triggers then find no entry and do nothing.
CREATE TRIGGER interaction_fts_delete BEFORE DELETE ON interaction BEGIN
    INSERT INTO interaction_fts (interaction_fts, rowid, title, notes, tags)
    VALUES ('delete', (CAST(julianday(old.happened_on) AS INTEGER) << 40) + old.id, old.title, old.notes,
            coalesce((SELECT group_concat(tag, ' ') FROM (SELECT t.tag FROM interaction_tag t
                                                  WHERE t.interaction_id = old.id ORDER BY t.tag)), ''));
END;

CREATE TRIGGER interaction_tag_fts_insert AFTER INSERT ON interaction_tag BEGIN
    INSERT INTO interaction_fts (interaction_fts, rowid, title, notes, tags)
    SELECT 'delete', (CAST(julianday(i.happened_on) AS INTEGER) << 40) + i.id, i.title, i.notes,
           coalesce((SELECT group_concat(tag, ' ') FROM (SELECT t.tag FROM interaction_tag t
                                                  WHERE t.interaction_id = i.id AND t.tag <> new.tag ORDER BY t.tag)), '')
      FROM interaction i WHERE i.id = new.interaction_id;
    INSERT INTO interaction_fts (rowid, title, notes, tags)
    SELECT (CAST(julianday(i.happened_on) AS INTEGER) << 40) + i.id, i.title, i.notes,
           coalesce((SELECT group_concat(tag, ' ') FROM (SELECT t.tag FROM interaction_tag t
                                                  WHERE t.interaction_id = i.id ORDER BY t.tag)), '')
      FROM interaction i WHERE i.id = new.interaction_id;
END;

CREATE TRIGGER interaction_tag_fts_delete AFTER DELETE ON interaction_tag BEGIN
    INSERT INTO interaction_fts (interaction_fts, rowid, title, notes, tags)
    SELECT 'delete', (CAST(julianday(i.happened_on) AS INTEGER) << 40) + i.id, i.title, i.notes,
           coalesce((SELECT group_concat(tag, ' ') FROM (SELECT t.tag FROM interaction_tag t
                                                  WHERE t.interaction_id = i.id
                                                 UNION ALL SELECT old.tag ORDER BY 1)), '')
      FROM interaction i WHERE i.id = old.interaction_id;
    INSERT INTO interaction_fts (rowid, title, notes, tags)
    SELECT (CAST(julianday(i.happened_on) AS INTEGER) << 40) + i.id, i.title, i.notes,
           coalesce((SELECT group_concat(tag, ' ') FROM (SELECT t.tag FROM interaction_tag t
                                                  WHERE t.interaction_id = i.id ORDER BY t.tag)), '')
      FROM interaction i WHERE i.id = old.interaction_id;
END;
