//! The text index during an import: its triggers write an entry's row once
//! on insert and again for every tag added (the old words out, the new in),
//! so an import sets them aside inside its transaction and writes each
//! entry's row once, after its tags. A rollback — a failed or dry-run
//! import, a crash — puts the triggers back with everything else.

use rusqlite::Transaction;

use super::Result;

/// The triggers of migration 0014 that keep `interaction_fts` in step.
const TRIGGERS: [&str; 5] = [
    "interaction_fts_insert",
    "interaction_fts_update",
    "interaction_fts_delete",
    "interaction_tag_fts_insert",
    "interaction_tag_fts_delete",
];

/// The rows of the entries whose ids are in the JSON list ?1, as the
/// triggers and the view `interaction_text` write them: the timeline key,
/// the title, the notes and the tags sorted.
const INDEX_ENTRIES: &str = "
    INSERT INTO interaction_fts (rowid, title, notes, tags)
    SELECT (CAST(julianday(i.happened_on) AS INTEGER) << 40) + i.id, i.title, i.notes,
           coalesce((SELECT group_concat(tag, ' ') FROM (SELECT t.tag FROM interaction_tag t
                                                      WHERE t.interaction_id = i.id ORDER BY t.tag)), '')
      FROM interaction i WHERE i.id IN (SELECT value FROM json_each(?1))";

/// How many entries wait to be indexed together. FTS5 writes what it has
/// pending to disk at every statement that may need undoing (every insert
/// with triggers), as a new segment it merges later: an entry at a time,
/// that was most of an import's time.
const BATCH: usize = 2048;

/// The text index's triggers, set aside for the length of one transaction.
/// While it lives, entries are only added (never edited or deleted) and
/// each is indexed with `index_entry` once its tags are written, in
/// batches; `restore` indexes the last ones and puts the triggers back
/// before the transaction commits.
pub(super) struct IndexedByHand {
    triggers: Vec<String>,
    waiting: Vec<i64>,
}

impl IndexedByHand {
    pub(super) fn begin(tx: &Transaction<'_>) -> Result<IndexedByHand> {
        let mut triggers = Vec::with_capacity(TRIGGERS.len());
        for name in TRIGGERS {
            let sql: String = tx.query_row(
                "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
                [name],
                |r| r.get(0),
            )?;
            tx.execute_batch(&format!("DROP TRIGGER {name}"))?;
            triggers.push(sql);
        }
        Ok(IndexedByHand {
            triggers,
            waiting: Vec::with_capacity(BATCH),
        })
    }

    /// Writes the row of entry `id`, added since `begin`, with its tags
    /// (with the next batch).
    pub(super) fn index_entry(&mut self, tx: &Transaction<'_>, id: i64) -> Result<()> {
        self.waiting.push(id);
        if self.waiting.len() >= BATCH {
            self.index_waiting(tx)?;
        }
        Ok(())
    }

    fn index_waiting(&mut self, tx: &Transaction<'_>) -> Result<()> {
        if self.waiting.is_empty() {
            return Ok(());
        }
        let ids = self
            .waiting
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        tx.prepare_cached(INDEX_ENTRIES)?
            .execute([format!("[{ids}]")])?;
        self.waiting.clear();
        Ok(())
    }

    pub(super) fn restore(mut self, tx: &Transaction<'_>) -> Result<()> {
        self.index_waiting(tx)?;
        for sql in &self.triggers {
            tx.execute_batch(sql)?;
        }
        Ok(())
    }
}
