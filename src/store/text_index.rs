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

/// An entry's row, as the triggers and the view `interaction_text` write
/// it: the timeline key, the title, the notes and the tags sorted.
const INDEX_ENTRY: &str = "
    INSERT INTO interaction_fts (rowid, title, notes, tags)
    SELECT (CAST(julianday(i.happened_on) AS INTEGER) << 40) + i.id, i.title, i.notes,
           coalesce((SELECT group_concat(tag, ' ') FROM (SELECT t.tag FROM interaction_tag t
                                                      WHERE t.interaction_id = i.id ORDER BY t.tag)), '')
      FROM interaction i WHERE i.id = ?1";

/// The text index's triggers, set aside for the length of one transaction.
/// While it lives, entries are only added (never edited or deleted) and
/// each is indexed with `index_entry` once its tags are written; `restore`
/// puts the triggers back before the transaction commits.
pub(super) struct IndexedByHand {
    triggers: Vec<String>,
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
        Ok(IndexedByHand { triggers })
    }

    /// Writes the row of entry `id`, added since `begin`, with its tags.
    pub(super) fn index_entry(&self, tx: &Transaction<'_>, id: i64) -> Result<()> {
        tx.prepare_cached(INDEX_ENTRY)?.execute([id])?;
        Ok(())
    }

    pub(super) fn restore(self, tx: &Transaction<'_>) -> Result<()> {
        for sql in &self.triggers {
            tx.execute_batch(sql)?;
        }
        Ok(())
    }
}
