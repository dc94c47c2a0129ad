-- A summary prepares one 1:1, not a calendar week. It is kept by the 1:1
-- before the one it prepares (`after_one_on_one`, '' when there was none):
-- a draft begun after Tuesday's 1:1 stays the draft for the next one however
-- that one moves, and once the next 1:1 has happened it is no longer shown
-- as the draft for the one after. `for_one_on_one` is the day the 1:1 it
-- prepares was planned for when it was last saved (NULL: not planned).
--
-- Every row is kept: a summary of a week is filed after the last 1:1 before
-- it was sent (or before the week's end, for a draft). Rapport runs
-- migrations with foreign keys off, so the picks (summary_pick) keep theirs.

CREATE TABLE summary_new (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER NOT NULL REFERENCES person (id),
    after_one_on_one  TEXT NOT NULL DEFAULT ''
                      CHECK (after_one_on_one = '' OR date(after_one_on_one, '+0 days') IS after_one_on_one),
    for_one_on_one    TEXT CHECK (for_one_on_one IS NULL OR date(for_one_on_one, '+0 days') IS for_one_on_one),
    body              TEXT NOT NULL DEFAULT '',
    sent_on           TEXT CHECK (sent_on IS NULL OR date(sent_on, '+0 days') IS sent_on),
    sent_interaction  INTEGER REFERENCES interaction (id),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);

INSERT INTO summary_new (id, person_id, after_one_on_one, for_one_on_one, body, sent_on,
                         sent_interaction, created_at, updated_at)
SELECT s.id, s.person_id,
       coalesce((SELECT max(i.happened_on) FROM interaction i JOIN kind k ON k.id = i.kind_id
                  WHERE i.person_id = s.person_id AND k.category = 'formal' AND i.deleted_at IS NULL
                    AND i.happened_on < coalesce(s.sent_on, date(s.week_start, '+7 days'))), ''),
       (SELECT min(i.happened_on) FROM interaction i JOIN kind k ON k.id = i.kind_id
         WHERE i.person_id = s.person_id AND k.category = 'formal' AND i.deleted_at IS NULL
           AND i.happened_on >= coalesce(s.sent_on, s.week_start)),
       s.body, s.sent_on, s.sent_interaction, s.created_at, s.updated_at
  FROM summary s;

DROP TABLE summary;
ALTER TABLE summary_new RENAME TO summary;
CREATE INDEX summary_by_one_on_one ON summary (person_id, after_one_on_one);
