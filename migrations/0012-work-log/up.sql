-- The work log: a `work` category with the built-in kinds `win` (done,
-- shipped, learned, praised) and `risk` (a problem or bad news; the notes
-- hold the plan). Work entries are the summary's and the review's material:
-- shared unless marked private. Notes and every interaction with the manager
-- are never material, whatever this flag says.
--
-- `kind`'s CHECK lists the categories, so the table is rebuilt with the
-- same rows and ids (rapport runs migrations with foreign keys off and
-- checks them before it commits).

CREATE TABLE kind_new (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE COLLATE NOCASE
              CHECK (length(name) BETWEEN 1 AND 40 AND name NOT GLOB '*[^a-z0-9_]*'),
    category  TEXT NOT NULL
              CHECK (category IN ('formal', 'informal', 'ask', 'update', 'feedback', 'note', 'work')),
    builtin   INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1))
);
INSERT INTO kind_new (id, name, category, builtin) SELECT id, name, category, builtin FROM kind;
DROP TABLE kind;
ALTER TABLE kind_new RENAME TO kind;

-- A kind of the user's already named `win` or `risk` keeps its name.
INSERT INTO kind (name, category, builtin)
SELECT n.name, 'work', 1
  FROM (SELECT 'win' AS name UNION ALL SELECT 'risk') n
 WHERE NOT EXISTS (SELECT 1 FROM kind k WHERE k.name = n.name);

-- 1: kept out of everything that leaves the machine (only `work` entries
-- are ever shared; this keeps one of them private).
ALTER TABLE interaction ADD COLUMN private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1));

-- The name to call them by in a greeting; empty means the first word of
-- their name.
ALTER TABLE person ADD COLUMN call TEXT NOT NULL DEFAULT '';
