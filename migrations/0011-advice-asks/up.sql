-- Every advice ask of a live entry, by person, day reported back (NULL:
-- still open) and day asked: Prep and the coach read the oldest few open
-- asks and the counts from this index alone, never joining the entries,
-- however many asks there are. Derived data kept in step by triggers
-- inside every write; never exported.
CREATE TABLE advice_ask (
    interaction_id  INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL,
    asked_on        TEXT NOT NULL,
    reported_on     TEXT
);
CREATE INDEX advice_ask_by_person ON advice_ask (person_id, reported_on, asked_on, interaction_id);

INSERT INTO advice_ask
SELECT i.id, i.person_id, i.happened_on, a.reported_on
  FROM advice_loop a JOIN interaction i ON i.id = a.interaction_id
 WHERE i.deleted_at IS NULL;

CREATE TRIGGER advice_ask_asked AFTER INSERT ON advice_loop BEGIN
    INSERT OR REPLACE INTO advice_ask
    SELECT i.id, i.person_id, i.happened_on, new.reported_on FROM interaction i
     WHERE i.id = new.interaction_id AND i.deleted_at IS NULL;
END;

CREATE TRIGGER advice_ask_reported AFTER UPDATE OF reported_on, interaction_id ON advice_loop BEGIN
    DELETE FROM advice_ask WHERE interaction_id = old.interaction_id;
    INSERT OR REPLACE INTO advice_ask
    SELECT i.id, i.person_id, i.happened_on, new.reported_on FROM interaction i
     WHERE i.id = new.interaction_id AND i.deleted_at IS NULL;
END;

CREATE TRIGGER advice_ask_removed AFTER DELETE ON advice_loop BEGIN
    DELETE FROM advice_ask WHERE interaction_id = old.interaction_id;
END;

CREATE TRIGGER advice_ask_entry_changed AFTER UPDATE OF person_id, happened_on, deleted_at
        ON interaction BEGIN
    DELETE FROM advice_ask WHERE interaction_id = old.id;
    INSERT OR REPLACE INTO advice_ask
    SELECT new.id, new.person_id, new.happened_on, a.reported_on FROM advice_loop a
     WHERE a.interaction_id = new.id AND new.deleted_at IS NULL;
END;

CREATE TRIGGER advice_ask_entry_removed AFTER DELETE ON interaction BEGIN
    DELETE FROM advice_ask WHERE interaction_id = old.id;
END;
