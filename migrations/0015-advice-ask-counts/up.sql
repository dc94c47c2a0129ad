-- How many advice asks each person has in all, and how many of them were
-- reported back: kept in step with `advice_ask` by triggers inside every
-- write, so the coach and Prep count a person's asks in a few reads
-- however many there are. Counting them walked the index instead: the
-- coach's count of asks reported back read 1,600 pages before the first
-- frame at a million entries. Derived data; never exported.
CREATE TABLE advice_ask_count (
    person_id  INTEGER PRIMARY KEY,
    asked      INTEGER NOT NULL,
    reported   INTEGER NOT NULL
);

INSERT INTO advice_ask_count (person_id, asked, reported)
SELECT person_id, count(*), count(reported_on) FROM advice_ask GROUP BY person_id;

CREATE TRIGGER advice_ask_counted AFTER INSERT ON advice_ask BEGIN
    INSERT INTO advice_ask_count (person_id, asked, reported)
    VALUES (new.person_id, 1, new.reported_on IS NOT NULL)
    ON CONFLICT (person_id) DO UPDATE
       SET asked = asked + 1, reported = reported + excluded.reported;
END;

CREATE TRIGGER advice_ask_uncounted AFTER DELETE ON advice_ask BEGIN
    UPDATE advice_ask_count
       SET asked = asked - 1, reported = reported - (old.reported_on IS NOT NULL)
     WHERE person_id = old.person_id;
END;

CREATE TRIGGER advice_ask_recounted AFTER UPDATE OF person_id, reported_on ON advice_ask BEGIN
    UPDATE advice_ask_count
       SET asked = asked - 1, reported = reported - (old.reported_on IS NOT NULL)
     WHERE person_id = old.person_id;
    INSERT INTO advice_ask_count (person_id, asked, reported)
    VALUES (new.person_id, 1, new.reported_on IS NOT NULL)
    ON CONFLICT (person_id) DO UPDATE
       SET asked = asked + 1, reported = reported + excluded.reported;
END;

-- An ask's row is now always deleted before it is written again, as the
-- other triggers of `advice_ask` do: a row that INSERT OR REPLACE replaced
-- would leave the counts without firing a delete trigger.
DROP TRIGGER advice_ask_asked;
CREATE TRIGGER advice_ask_asked AFTER INSERT ON advice_loop BEGIN
    DELETE FROM advice_ask WHERE interaction_id = new.interaction_id;
    INSERT OR REPLACE INTO advice_ask
    SELECT i.id, i.person_id, i.happened_on, new.reported_on FROM interaction i
     WHERE i.id = new.interaction_id AND i.deleted_at IS NULL;
END;
