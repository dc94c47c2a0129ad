-- Know them, know yourself: what you know of each person and of yourself,
-- item by item and dated so it can go stale, and the expectations between
-- you made explicit.

-- One item of a profile. person_id NULL is you. A replaced or removed item
-- is retired, not deleted: the history stays. Lists (goal, pressure,
-- blind_spot, strength, weakness) hold many live items; the others
-- (need, takes_in, focus, bad_news, channel) one at a time.
-- Their strengths stay in `strength`, where the coach has always read them.
CREATE TABLE profile_item (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER REFERENCES person (id) ON DELETE CASCADE,
    facet         TEXT NOT NULL CHECK (facet IN ('goal', 'pressure', 'blind_spot', 'strength',
                      'weakness', 'need', 'takes_in', 'focus', 'bad_news', 'channel')),
    text          TEXT NOT NULL CHECK (length(trim(text)) > 0),
    noted_on      TEXT NOT NULL CHECK (date(noted_on, '+0 days') IS noted_on),
    -- The last day it was said again to still hold: staleness counts from here.
    confirmed_on  TEXT NOT NULL CHECK (date(confirmed_on, '+0 days') IS confirmed_on),
    retired_on    TEXT CHECK (retired_on IS NULL OR date(retired_on, '+0 days') IS retired_on)
);
CREATE INDEX profile_item_live ON profile_item (person_id, facet) WHERE retired_on IS NULL;

-- An expectation made explicit: theirs of you (held_by them) or yours of
-- them. Assumed is a guess; the point is to turn guesses into agreements.
CREATE TABLE expectation (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES person (id),
    text          TEXT NOT NULL CHECK (length(trim(text)) > 0),
    held_by       TEXT NOT NULL CHECK (held_by IN ('them', 'me')),
    state         TEXT NOT NULL DEFAULT 'assumed' CHECK (state IN ('assumed', 'agreed', 'unclear')),
    added_on      TEXT NOT NULL CHECK (date(added_on, '+0 days') IS added_on),
    -- When it was last confirmed with the other person.
    confirmed_on  TEXT CHECK (confirmed_on IS NULL OR date(confirmed_on, '+0 days') IS confirmed_on),
    dropped_on    TEXT CHECK (dropped_on IS NULL OR date(dropped_on, '+0 days') IS dropped_on),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX expectation_by_person ON expectation (person_id) WHERE dropped_on IS NULL;
