-- Promises made, by me or by them, about a person: dependability made
-- visible. A promise is open until it is kept (on a day), missed or
-- dropped; a move to a new due day makes it renegotiated and leaves the
-- old day in promise_move, so the history of moves is kept.
CREATE TABLE promise (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL REFERENCES person (id),
    text            TEXT NOT NULL CHECK (length(trim(text)) > 0),
    made_by         TEXT NOT NULL CHECK (made_by IN ('me', 'them')),
    made_on         TEXT NOT NULL CHECK (date(made_on, '+0 days') IS made_on),
    -- The 1:1 (or other entry) it was made in, when made there.
    interaction_id  INTEGER REFERENCES interaction (id),
    due_on          TEXT CHECK (due_on IS NULL OR (date(due_on, '+0 days') IS due_on
                                                   AND due_on >= made_on)),
    state           TEXT NOT NULL DEFAULT 'open'
                        CHECK (state IN ('open', 'renegotiated', 'kept', 'missed', 'dropped')),
    -- The day it was kept, found missed, or dropped; NULL while open.
    closed_on       TEXT CHECK (closed_on IS NULL OR (date(closed_on, '+0 days') IS closed_on
                                                      AND closed_on >= made_on)),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK ((state IN ('open', 'renegotiated')) = (closed_on IS NULL))
);
CREATE INDEX promise_open ON promise (person_id, due_on) WHERE state IN ('open', 'renegotiated');
CREATE INDEX promise_from_entry ON promise (interaction_id) WHERE interaction_id IS NOT NULL;

-- One move of a promise's due day: the day it was agreed, from what, to what.
CREATE TABLE promise_move (
    id          INTEGER PRIMARY KEY,
    promise_id  INTEGER NOT NULL REFERENCES promise (id) ON DELETE CASCADE,
    moved_on    TEXT NOT NULL CHECK (date(moved_on, '+0 days') IS moved_on),
    from_due    TEXT CHECK (from_due IS NULL OR date(from_due, '+0 days') IS from_due),
    to_due      TEXT NOT NULL CHECK (date(to_due, '+0 days') IS to_due)
);
CREATE INDEX promise_move_by_promise ON promise_move (promise_id);
