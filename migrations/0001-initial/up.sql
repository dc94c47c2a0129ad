-- rapport schema, version 1. Released migrations are never edited: add a new folder.
-- Calendar days are TEXT 'YYYY-MM-DD' (local dates as the user means them);
-- instants are TEXT RFC 3339 in UTC ('YYYY-MM-DDTHH:MM:SS.sssZ').

PRAGMA application_id = 1380995668; -- 'RPRT': marks the file as a rapport journal

CREATE TABLE person (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0),
    role             TEXT NOT NULL DEFAULT '',
    is_current       INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1)),
    cadence_days     INTEGER CHECK (cadence_days IS NULL OR cadence_days BETWEEN 1 AND 365),
    next_one_on_one  TEXT CHECK (next_one_on_one IS NULL OR date(next_one_on_one, '+0 days') IS next_one_on_one),
    archived         INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
-- At most one current manager.
CREATE UNIQUE INDEX person_one_current ON person (is_current) WHERE is_current = 1;

-- What they are better at than you: the ground for advice asks.
CREATE TABLE strength (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    text       TEXT NOT NULL CHECK (length(trim(text)) > 0),
    noted_on   TEXT NOT NULL CHECK (date(noted_on, '+0 days') IS noted_on),
    UNIQUE (person_id, text)
);

CREATE TABLE kind (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE COLLATE NOCASE
              CHECK (length(name) BETWEEN 1 AND 40 AND name NOT GLOB '*[^a-z0-9_]*'),
    category  TEXT NOT NULL
              CHECK (category IN ('formal', 'informal', 'ask', 'update', 'feedback', 'note')),
    builtin   INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1))
);
INSERT INTO kind (name, category, builtin) VALUES
    ('one_on_one', 'formal',   1),
    ('meal',       'informal', 1),
    ('coffee',     'informal', 1),
    ('chat',       'informal', 1),
    ('advice',     'ask',      1),
    ('summary',    'update',   1),
    ('feedback',   'feedback', 1),
    ('note',       'note',     1);

CREATE TABLE interaction (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES person (id),
    kind_id       INTEGER NOT NULL REFERENCES kind (id),
    happened_on   TEXT NOT NULL CHECK (date(happened_on, '+0 days') IS happened_on),
    at_time       TEXT CHECK (at_time IS NULL OR (length(at_time) = 5 AND time(at_time || ':00') IS at_time || ':00')),
    minutes       INTEGER CHECK (minutes IS NULL OR minutes BETWEEN 1 AND 1440),
    quality       INTEGER CHECK (quality IS NULL OR quality BETWEEN 1 AND 5),
    initiated_by  TEXT NOT NULL DEFAULT 'me' CHECK (initiated_by IN ('me', 'them')),
    title         TEXT NOT NULL DEFAULT '',
    notes         TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    -- Bumped on every update: an edit made against an older version is stale.
    version       INTEGER NOT NULL DEFAULT 1,
    deleted_at    TEXT
);
-- The timeline: newest first, live rows only.
CREATE INDEX interaction_timeline ON interaction (happened_on DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX interaction_by_person ON interaction (person_id, happened_on) WHERE deleted_at IS NULL;
CREATE INDEX interaction_by_kind ON interaction (kind_id, happened_on) WHERE deleted_at IS NULL;
CREATE INDEX interaction_deleted ON interaction (deleted_at) WHERE deleted_at IS NOT NULL;

CREATE TABLE interaction_tag (
    interaction_id  INTEGER NOT NULL REFERENCES interaction (id) ON DELETE CASCADE,
    tag             TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 60),
    PRIMARY KEY (interaction_id, tag)
) WITHOUT ROWID;
CREATE INDEX interaction_tag_by_tag ON interaction_tag (tag, interaction_id);

-- Text search over title, notes and tags, kept in step by triggers.
CREATE VIRTUAL TABLE interaction_fts USING fts5 (
    title, notes, tags,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER interaction_fts_insert AFTER INSERT ON interaction BEGIN
    INSERT INTO interaction_fts (rowid, title, notes, tags) VALUES (new.id, new.title, new.notes, '');
END;
CREATE TRIGGER interaction_fts_update AFTER UPDATE OF title, notes ON interaction BEGIN
    UPDATE interaction_fts SET title = new.title, notes = new.notes WHERE rowid = new.id;
END;
CREATE TRIGGER interaction_fts_delete AFTER DELETE ON interaction BEGIN
    DELETE FROM interaction_fts WHERE rowid = old.id;
END;
CREATE TRIGGER interaction_tag_fts_insert AFTER INSERT ON interaction_tag BEGIN
    UPDATE interaction_fts
       SET tags = (SELECT group_concat(tag, ' ') FROM interaction_tag WHERE interaction_id = new.interaction_id)
     WHERE rowid = new.interaction_id;
END;
CREATE TRIGGER interaction_tag_fts_delete AFTER DELETE ON interaction_tag BEGIN
    UPDATE interaction_fts
       SET tags = coalesce((SELECT group_concat(tag, ' ') FROM interaction_tag WHERE interaction_id = old.interaction_id), '')
     WHERE rowid = old.interaction_id;
END;

-- An advice ask, followed until the user reports back what they did with it.
CREATE TABLE advice_loop (
    id              INTEGER PRIMARY KEY,
    interaction_id  INTEGER NOT NULL UNIQUE REFERENCES interaction (id) ON DELETE CASCADE,
    question        TEXT NOT NULL,
    strength        TEXT NOT NULL DEFAULT '',
    applied         INTEGER CHECK (applied IS NULL OR applied IN (0, 1)),
    reported_on     TEXT CHECK (reported_on IS NULL OR date(reported_on, '+0 days') IS reported_on)
);
CREATE INDEX advice_loop_open ON advice_loop (reported_on) WHERE reported_on IS NULL;

-- An agenda item for the next 1:1, carried forward until discussed or dropped.
CREATE TABLE topic (
    id                     INTEGER PRIMARY KEY,
    person_id              INTEGER NOT NULL REFERENCES person (id),
    text                   TEXT NOT NULL CHECK (length(trim(text)) > 0),
    position               INTEGER NOT NULL DEFAULT 0,
    status                 TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'discussed', 'dropped')),
    added_on               TEXT NOT NULL CHECK (date(added_on, '+0 days') IS added_on),
    closed_on              TEXT CHECK (closed_on IS NULL OR date(closed_on, '+0 days') IS closed_on),
    closed_by_interaction  INTEGER REFERENCES interaction (id),
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL
);
CREATE INDEX topic_by_person ON topic (person_id, status, position);

-- The weekly summary sent before a 1:1; week_start is that week's Monday.
CREATE TABLE summary (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER NOT NULL REFERENCES person (id),
    week_start        TEXT NOT NULL CHECK (date(week_start, '+0 days') IS week_start AND strftime('%w', week_start) = '1'),
    body              TEXT NOT NULL DEFAULT '',
    sent_on           TEXT CHECK (sent_on IS NULL OR date(sent_on, '+0 days') IS sent_on),
    sent_interaction  INTEGER REFERENCES interaction (id),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    UNIQUE (person_id, week_start)
);
-- The topics the manager picked from a summary.
CREATE TABLE summary_pick (
    summary_id  INTEGER NOT NULL REFERENCES summary (id) ON DELETE CASCADE,
    topic_id    INTEGER NOT NULL REFERENCES topic (id) ON DELETE CASCADE,
    PRIMARY KEY (summary_id, topic_id)
) WITHOUT ROWID;

-- A dated self-assessment, each 1-5: trust, clarity (I know how I am doing), ease.
CREATE TABLE checkin (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER REFERENCES person (id),
    checked_on  TEXT NOT NULL CHECK (date(checked_on, '+0 days') IS checked_on),
    trust       INTEGER NOT NULL CHECK (trust BETWEEN 1 AND 5),
    clarity     INTEGER NOT NULL CHECK (clarity BETWEEN 1 AND 5),
    ease        INTEGER NOT NULL CHECK (ease BETWEEN 1 AND 5),
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);
CREATE INDEX checkin_by_day ON checkin (checked_on);

-- Per rule of the coach's playbook and person: snoozed, dismissed or done.
CREATE TABLE nudge_state (
    rule_id        TEXT NOT NULL,
    person_id      INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    snoozed_until  TEXT CHECK (snoozed_until IS NULL OR date(snoozed_until, '+0 days') IS snoozed_until),
    dismissed_at   TEXT,
    done_at        TEXT,
    PRIMARY KEY (rule_id, person_id)
) WITHOUT ROWID;

-- A form being typed, saved as it changes so a crash or kill loses nothing.
CREATE TABLE draft (
    form      TEXT PRIMARY KEY,
    body      TEXT NOT NULL,
    saved_at  TEXT NOT NULL
) WITHOUT ROWID;
