//! Importing rapport's own document in one transaction: each record keeps
//! its id where that id is free, references follow the ids given, and a
//! record already in the journal (same id, same creation instant) is skipped.

mod meetings;
mod people;

use std::collections::{HashMap, HashSet};

use rusqlite::{OptionalExtension, Transaction, params};

use super::export::ExportDocument;
use super::fields::ImportError;
use super::import::{ImportFailure, ImportReport, Outcome, finish};
use super::interactions::write_tags;
use super::text_index::IndexedByHand;
use super::{Store, StoreError};
use meetings::{
    import_calendar, import_checkins_and_nudges, import_promises, import_summaries, import_topics,
};
use people::{import_people, import_profiles};

/// File ids mapped to journal ids, per table.
#[derive(Default)]
struct IdMap(HashMap<i64, i64>);

impl IdMap {
    fn get(&self, what: &str, id: i64) -> Outcome<i64> {
        self.0.get(&id).copied().ok_or_else(|| {
            // The document was checked, so this is a bug, not a bad file.
            ImportFailure::Store(StoreError::Conflict(format!(
                "import lost track of {what} {id}"
            )))
        })
    }

    fn get_opt(&self, what: &str, id: Option<i64>) -> Outcome<Option<i64>> {
        id.map(|id| self.get(what, id)).transpose()
    }
}

/// `Some(id)` when `id` is free in `table`, so the record keeps it; `None`
/// lets SQLite choose a new one. `table` is always one of ours, never input.
fn keep_id(tx: &Transaction<'_>, table: &'static str, id: i64) -> rusqlite::Result<Option<i64>> {
    let taken: bool = tx
        .prepare_cached(&format!(
            "SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"
        ))?
        .query_row([id], |r| r.get(0))?;
    Ok((!taken).then_some(id))
}

/// The rows this import inserted, per table: never taken for "already in
/// the journal", whatever id SQLite gave them.
#[derive(Default)]
struct Fresh(HashSet<(&'static str, i64)>);

impl Fresh {
    fn inserted(&mut self, table: &'static str, tx: &Transaction<'_>) -> i64 {
        let id = tx.last_insert_rowid();
        self.0.insert((table, id));
        id
    }
}

/// Whether the journal already held this very record before the import:
/// the same id, created at the same instant, and not a row this import
/// inserted (a record that lost its id to a clash gets a new one, which a
/// later record of the file may carry).
fn already_there(
    tx: &Transaction<'_>,
    fresh: &Fresh,
    table: &'static str,
    id: i64,
    created_at: &str,
) -> rusqlite::Result<bool> {
    if fresh.0.contains(&(table, id)) {
        return Ok(false);
    }
    tx.prepare_cached(&format!(
        "SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1 AND created_at = ?2)"
    ))?
    .query_row(params![id, created_at], |r| r.get(0))
}

/// The entry of the journal this record is: the one with its stable key;
/// for a document from before keys (or a journal that imported it before
/// it had keys), the one with its id, instant and title.
fn entry_there(
    tx: &Transaction<'_>,
    fresh: &Fresh,
    e: &super::export::InteractionRecord,
) -> rusqlite::Result<Option<i64>> {
    if let Some(uid) = e.uid {
        let keyed: Option<i64> = tx
            .query_row("SELECT id FROM interaction WHERE uid = ?1", [uid], |r| {
                r.get(0)
            })
            .optional()?;
        if keyed.is_some() {
            return Ok(keyed);
        }
    }
    if fresh.0.contains(&("interaction", e.id)) {
        return Ok(None);
    }
    tx.prepare_cached(
        "SELECT id FROM interaction WHERE id = ?1 AND created_at = ?2 AND title = ?3",
    )?
    .query_row(params![e.id, e.created_at, e.title], |r| r.get(0))
    .optional()
}

impl Store {
    /// Imports rapport's own document. Into an empty journal every record
    /// keeps its id, so exporting again gives the same document.
    pub fn import_document(
        &mut self,
        doc: &ExportDocument,
        dry_run: bool,
    ) -> Outcome<ImportReport> {
        let mut report = ImportReport::new(
            dry_run,
            &[
                ("person", "people"),
                ("kind", "kinds"),
                ("interaction", "interactions"),
                ("advice loop", "advice loops"),
                ("topic", "topics"),
                ("summary", "summaries"),
                ("check-in", "check-ins"),
                ("nudge state", "nudge states"),
                ("profile item", "profile items"),
                ("expectation", "expectations"),
                ("promise", "promises"),
                ("calendar occurrence", "calendar occurrences"),
            ],
        );
        let tx = self.conn.transaction()?;
        let fresh = &mut Fresh::default();
        let people = import_people(&tx, fresh, doc, &mut report)?;
        let kinds = import_kinds(&tx, doc, &mut report)?;
        let index = IndexedByHand::begin(&tx)?;
        let interactions =
            import_interactions(&tx, fresh, &index, doc, &people, &kinds, &mut report)?;
        index.restore(&tx)?;
        let topics = import_topics(&tx, fresh, doc, &people, &interactions, &mut report)?;
        import_summaries(
            &tx,
            fresh,
            doc,
            &people,
            &interactions,
            &topics,
            &mut report,
        )?;
        import_checkins_and_nudges(&tx, fresh, doc, &people, &mut report)?;
        import_profiles(&tx, fresh, doc, &people, &mut report)?;
        import_promises(&tx, fresh, doc, &people, &interactions, &mut report)?;
        import_calendar(&tx, fresh, doc, &people, &mut report)?;
        finish(tx, report)
    }
}

fn import_kinds(
    tx: &Transaction<'_>,
    doc: &ExportDocument,
    report: &mut ImportReport,
) -> Outcome<IdMap> {
    let mut map = IdMap::default();
    for (i, k) in doc.kinds.iter().enumerate() {
        let existing: Option<(i64, String, bool)> = tx
            .query_row(
                "SELECT id, category, builtin FROM kind WHERE name = ?1",
                [&k.name],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        if let Some((id, category, builtin)) = existing {
            if category != k.category {
                return Err(ImportError::new(
                    format!("kinds[{i}].category"),
                    format!(
                        "kind `{}` is {} in the file but {category} in this journal; rename one of them",
                        k.name, k.category
                    ),
                )
                .into());
            }
            map.0.insert(k.id, id);
            // Built-in kinds are in every journal: not worth a mention.
            if !builtin {
                report.count("kinds", false);
            }
            continue;
        }
        // Only rapport's migrations ship built-in kinds; one from a newer
        // rapport arrives here as the user's own.
        tx.prepare_cached("INSERT INTO kind (id, name, category, builtin) VALUES (?1, ?2, ?3, 0)")?
            .execute(params![keep_id(tx, "kind", k.id)?, k.name, k.category])?;
        map.0.insert(k.id, tx.last_insert_rowid());
        report.count("kinds", true);
    }
    Ok(map)
}

/// Imports the interactions, then the advice loops of those inserted now
/// (a loop belongs to its interaction, so a skipped entry keeps its own).
fn import_interactions(
    tx: &Transaction<'_>,
    fresh: &mut Fresh,
    index: &IndexedByHand,
    doc: &ExportDocument,
    people: &IdMap,
    kinds: &IdMap,
    report: &mut ImportReport,
) -> Outcome<IdMap> {
    let mut map = IdMap::default();
    let mut inserted: HashMap<i64, i64> = HashMap::new();
    for e in &doc.interactions {
        if let Some(there) = entry_there(tx, fresh, e)? {
            map.0.insert(e.id, there);
            report.count("interactions", false);
            continue;
        }
        tx.prepare_cached("INSERT INTO interaction (id, person_id, kind_id, happened_on, at_time, minutes, quality,
                                      initiated_by, title, notes, created_at, updated_at, version,
                                      deleted_at, uid, private)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)")?.execute(params![
                keep_id(tx, "interaction", e.id)?,
                people.get("person", e.person_id)?,
                kinds.get("kind", e.kind_id)?,
                e.happened_on,
                e.time,
                e.minutes,
                e.quality,
                e.initiated_by,
                e.title,
                e.notes,
                e.created_at,
                e.updated_at,
                e.version,
                e.deleted_at,
                e.uid,
                e.private,
            ],
        )?;
        let id = fresh.inserted("interaction", tx);
        write_tags(tx, id, &e.tags)?;
        index.index_entry(tx, id)?;
        map.0.insert(e.id, id);
        inserted.insert(e.id, id);
        report.count("interactions", true);
    }
    for a in &doc.advice_loops {
        let Some(interaction) = inserted.get(&a.interaction_id) else {
            report.count("advice loops", false);
            continue;
        };
        tx.prepare_cached(
            "INSERT INTO advice_loop (id, interaction_id, question, strength, applied, reported_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            keep_id(tx, "advice_loop", a.id)?,
            interaction,
            a.question,
            a.strength,
            a.applied,
            a.reported_on,
        ])?;
        report.count("advice loops", true);
    }
    Ok(map)
}
