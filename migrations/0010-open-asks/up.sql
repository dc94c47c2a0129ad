-- The advice asks still open (not reported back on, their entry live), by
-- person and the day they were asked: Prep and the coach read the oldest
-- few and the count from this index alone, however many asks are open.
-- Derived data kept in step by triggers inside every write; never exported.
CREATE TABLE open_ask (
    interaction_id  INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL,
    asked_on        TEXT NOT NULL
);
CREATE INDEX open_ask_by_person ON open_ask (person_id, asked_on, interaction_id);

INSERT INTO open_ask
SELECT i.id, i.person_id, i.happened_on
  FROM advice_loop a JOIN interaction i ON i.id = a.interaction_id
 WHERE a.reported_on IS NULL AND i.deleted_at IS NULL;

CREATE TRIGGER open_ask_asked AFTER INSERT ON advice_loop WHEN new.reported_on IS NULL BEGIN
    INSERT OR REPLACE INTO open_ask
    SELECT i.id, i.person_id, i.happened_on FROM interaction i
     WHERE i.id = new.interaction_id AND i.deleted_at IS NULL;
END;

CREATE TRIGGER open_ask_reported AFTER UPDATE OF reported_on, interaction_id ON advice_loop BEGIN
    DELETE FROM open_ask WHERE interaction_id = old.interaction_id;
    INSERT OR REPLACE INTO open_ask
    SELECT i.id, i.person_id, i.happened_on FROM interaction i
     WHERE i.id = new.interaction_id AND i.deleted_at IS NULL AND new.reported_on IS NULL;
END;

CREATE TRIGGER open_ask_removed AFTER DELETE ON advice_loop BEGIN
    DELETE FROM open_ask WHERE interaction_id = old.interaction_id;
END;

CREATE TRIGGER open_ask_entry_changed AFTER UPDATE OF person_id, happened_on, deleted_at
        ON interaction BEGIN
    DELETE FROM open_ask WHERE interaction_id = old.id;
    INSERT OR REPLACE INTO open_ask
    SELECT new.id, new.person_id, new.happened_on FROM advice_loop a
     WHERE a.interaction_id = new.id AND a.reported_on IS NULL AND new.deleted_at IS NULL;
END;

CREATE TRIGGER open_ask_entry_removed AFTER DELETE ON interaction BEGIN
    DELETE FROM open_ask WHERE interaction_id = old.id;
END;
