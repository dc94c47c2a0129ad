-- The 1:1 series from the user's calendar (`rapport calendar import`): one
-- row per occurrence the rule gives, with its exceptions applied. A
-- cancelled occurrence (an EXDATE, or an override marked CANCELLED) has no
-- happens_on; a moved one (a RECURRENCE-ID override) happens on another
-- day than original_on. Re-importing a person's series replaces all rows.
CREATE TABLE calendar_occurrence (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES person (id),
    -- The series' UID and SUMMARY in the calendar, and its RRULE as written.
    series_uid    TEXT NOT NULL,
    series_title  TEXT NOT NULL,
    rule          TEXT NOT NULL,
    -- The day the rule gives this occurrence.
    original_on   TEXT NOT NULL CHECK (date(original_on, '+0 days') IS original_on),
    -- The day it happens: NULL when cancelled.
    happens_on    TEXT CHECK (happens_on IS NULL OR date(happens_on, '+0 days') IS happens_on),
    at_time       TEXT CHECK (at_time IS NULL OR time(at_time) IS at_time || ':00'),
    -- Who cancelled it, when the calendar says.
    cancelled_by  TEXT,
    created_at    TEXT NOT NULL,
    UNIQUE (person_id, original_on)
);
CREATE INDEX calendar_next ON calendar_occurrence (person_id, happens_on)
    WHERE happens_on IS NOT NULL;
