-- Every entry gets a stable random key, kept through export and import:
-- "already in the journal" (import) and "the entry this form was opened on"
-- (an edit) compare it, never an id, which a restore or a merge can hand
-- out again. 53 bits, so a JSON reader with doubles keeps it exact.
ALTER TABLE interaction ADD COLUMN uid INTEGER;
UPDATE interaction SET uid = abs(random() % 9007199254740992);
CREATE INDEX interaction_by_uid ON interaction (uid);
CREATE TRIGGER interaction_uid_insert AFTER INSERT ON interaction WHEN new.uid IS NULL BEGIN
    UPDATE interaction SET uid = abs(random() % 9007199254740992) WHERE id = new.id;
END;

-- A draft belongs to the process that typed it (pid and start time), so two
-- TUIs on one journal never share a slot; drafts from before owners are
-- nobody's, offered back at the next start.
CREATE TABLE draft_owned (
    owner     TEXT NOT NULL,
    form      TEXT NOT NULL,
    body      TEXT NOT NULL,
    saved_at  TEXT NOT NULL,
    PRIMARY KEY (owner, form)
) WITHOUT ROWID;
INSERT INTO draft_owned (owner, form, body, saved_at) SELECT '', form, body, saved_at FROM draft;
DROP TABLE draft;
ALTER TABLE draft_owned RENAME TO draft;
