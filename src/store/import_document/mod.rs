//! Importing rapport's own document in one transaction, each record
//! written as soon as it is read and checked: each keeps its id where that
//! id is free, references follow the ids given, and a record already in the
//! journal (same id, same creation instant) is skipped. What it keeps of
//! the file are ids, as runs, so its memory does not grow with the file.

mod meetings;
mod people;

use std::collections::HashMap;
use std::io::Read;

use rusqlite::{OptionalExtension, Transaction, params};

use super::StoreError;
use super::document::{RecordRef, check_document, stream_document};
use super::documents::DocumentsMut;
use super::export::{AdviceLoopRecord, ExportDocument, InteractionRecord, KindRecord};
use super::fields::ImportError;
use super::id_runs::{Follows, IdRuns};
use super::import::{ImportFailure, ImportReport, Outcome, finish};
use super::interactions::write_tags;
use super::text_index::IndexedByHand;

/// The journal id a file id became, and whether this import inserted it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Mapped {
    id: i64,
    inserted: bool,
}

impl Follows for Mapped {
    fn after(self, by: i64) -> Mapped {
        Mapped {
            id: self.id.wrapping_add(by),
            inserted: self.inserted,
        }
    }
}

/// File ids mapped to journal ids, for one table.
#[derive(Default)]
struct IdMap(IdRuns<Mapped>);

impl IdMap {
    fn set(&mut self, file: i64, journal: i64, inserted: bool) {
        self.0.add_new(
            file,
            Mapped {
                id: journal,
                inserted,
            },
        );
    }

    fn mapped(&self, what: &str, id: i64) -> Outcome<Mapped> {
        self.0.get(id).ok_or_else(|| {
            // The document was checked, so this is a bug, not a bad file.
            ImportFailure::Store(StoreError::Conflict(format!(
                "import lost track of {what} {id}"
            )))
        })
    }

    fn get(&self, what: &str, id: i64) -> Outcome<i64> {
        Ok(self.mapped(what, id)?.id)
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
struct Fresh(HashMap<&'static str, IdRuns<()>>);

impl Fresh {
    fn inserted(&mut self, table: &'static str, tx: &Transaction<'_>) -> i64 {
        let id = tx.last_insert_rowid();
        self.0.entry(table).or_default().add_new(id, ());
        id
    }

    fn contains(&self, table: &str, id: i64) -> bool {
        self.0.get(table).is_some_and(|ids| ids.get(id).is_some())
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
    if fresh.contains(table, id) {
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
    e: &InteractionRecord,
) -> rusqlite::Result<Option<i64>> {
    if let Some(uid) = e.uid {
        let keyed: Option<i64> = tx
            .prepare_cached("SELECT id FROM interaction WHERE uid = ?1")?
            .query_row([uid], |r| r.get(0))
            .optional()?;
        if keyed.is_some() {
            return Ok(keyed);
        }
    }
    if fresh.contains("interaction", e.id) {
        return Ok(None);
    }
    tx.prepare_cached(
        "SELECT id FROM interaction WHERE id = ?1 AND created_at = ?2 AND title = ?3",
    )?
    .query_row(params![e.id, e.created_at, e.title], |r| r.get(0))
    .optional()
}

impl DocumentsMut<'_> {
    /// Imports rapport's own document. Into an empty journal every record
    /// keeps its id, so exporting again gives the same document.
    pub fn import_document(
        &mut self,
        doc: &ExportDocument,
        dry_run: bool,
    ) -> Outcome<ImportReport> {
        self.import_records(dry_run, |write| check_document(doc, write))
    }

    /// As `import_document`, reading the document from `reader` as a
    /// stream: each record is written as soon as it is read and checked,
    /// inside the import's one transaction, and the first problem (the one
    /// a reading of the whole file names first) rolls everything back.
    pub fn import_document_from(
        &mut self,
        reader: impl Read,
        dry_run: bool,
    ) -> Outcome<ImportReport> {
        self.import_records(dry_run, |write| stream_document(reader, write))
    }

    fn import_records(
        &mut self,
        dry_run: bool,
        read: impl FnOnce(&mut dyn FnMut(usize, RecordRef<'_>) -> Outcome<()>) -> Outcome<()>,
    ) -> Outcome<ImportReport> {
        let report = ImportReport::new(
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
        let tx = self.store.conn.transaction()?;
        let mut index = IndexedByHand::begin(&tx)?;
        let has_current = tx
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM person WHERE is_current = 1)")?
            .query_row([], |r| r.get(0))?;
        let mut writer = Writer {
            tx: &tx,
            index: &mut index,
            fresh: Fresh::default(),
            people: IdMap::default(),
            kinds: IdMap::default(),
            interactions: IdMap::default(),
            topics: IdMap::default(),
            has_current,
            report,
        };
        read(&mut |i, record| writer.write(i, record))?;
        let report = writer.report;
        index.restore(&tx)?;
        finish(tx, report)
    }
}

/// Writes each record inside the import's transaction, remembering the
/// ids the records that others refer to were given.
struct Writer<'t, 'c> {
    tx: &'t Transaction<'c>,
    index: &'t mut IndexedByHand,
    fresh: Fresh,
    people: IdMap,
    kinds: IdMap,
    interactions: IdMap,
    topics: IdMap,
    /// Whether the journal has a current person (before or by this import).
    has_current: bool,
    report: ImportReport,
}

impl Writer<'_, '_> {
    fn write(&mut self, i: usize, record: RecordRef<'_>) -> Outcome<()> {
        match record {
            RecordRef::Person(p) => self.person(p),
            RecordRef::Kind(k) => self.kind(i, k),
            RecordRef::Interaction(e) => self.interaction(e),
            RecordRef::AdviceLoop(a) => self.advice_loop(a),
            RecordRef::Topic(t) => self.topic(t),
            RecordRef::Summary(s) => self.summary(s),
            RecordRef::CheckIn(c) => self.checkin(c),
            RecordRef::NudgeState(n) => self.nudge_state(n),
            RecordRef::ProfileItem(p) => self.profile_item(p),
            RecordRef::Expectation(e) => self.expectation(e),
            RecordRef::Promise(p) => self.promise(p),
            RecordRef::Calendar(c) => self.calendar_occurrence(c),
        }
    }

    /// A kind: a built-in one, or one of the same name, is the journal's;
    /// the same name in another category is a clash.
    fn kind(&mut self, i: usize, k: &KindRecord) -> Outcome<()> {
        let tx = self.tx;
        let existing: Option<(i64, String, bool)> = tx
            .prepare_cached("SELECT id, category, builtin FROM kind WHERE name = ?1")?
            .query_row([&k.name], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
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
            self.kinds.set(k.id, id, false);
            // Built-in kinds are in every journal: not worth a mention.
            if !builtin {
                self.report.count("kinds", false);
            }
            return Ok(());
        }
        // Only rapport's migrations ship built-in kinds; one from a newer
        // rapport arrives here as the user's own.
        tx.prepare_cached("INSERT INTO kind (id, name, category, builtin) VALUES (?1, ?2, ?3, 0)")?
            .execute(params![keep_id(tx, "kind", k.id)?, k.name, k.category])?;
        self.kinds.set(k.id, tx.last_insert_rowid(), true);
        self.report.count("kinds", true);
        Ok(())
    }

    fn interaction(&mut self, e: &InteractionRecord) -> Outcome<()> {
        let tx = self.tx;
        if let Some(there) = entry_there(tx, &self.fresh, e)? {
            self.interactions.set(e.id, there, false);
            self.report.count("interactions", false);
            return Ok(());
        }
        tx.prepare_cached("INSERT INTO interaction (id, person_id, kind_id, happened_on, at_time, minutes, quality,
                                      initiated_by, title, notes, created_at, updated_at, version,
                                      deleted_at, uid, private)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)")?.execute(params![
                keep_id(tx, "interaction", e.id)?,
                self.people.get("person", e.person_id)?,
                self.kinds.get("kind", e.kind_id)?,
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
        let id = self.fresh.inserted("interaction", tx);
        write_tags(tx, id, &e.tags)?;
        self.index.index_entry(tx, id)?;
        self.interactions.set(e.id, id, true);
        self.report.count("interactions", true);
        Ok(())
    }

    /// An advice loop comes in with its interaction: one skipped as already
    /// there keeps its own.
    fn advice_loop(&mut self, a: &AdviceLoopRecord) -> Outcome<()> {
        let entry = self.interactions.mapped("interaction", a.interaction_id)?;
        if !entry.inserted {
            self.report.count("advice loops", false);
            return Ok(());
        }
        let tx = self.tx;
        tx.prepare_cached(
            "INSERT INTO advice_loop (id, interaction_id, question, strength, applied, reported_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            keep_id(tx, "advice_loop", a.id)?,
            entry.id,
            a.question,
            a.strength,
            a.applied,
            a.reported_on,
        ])?;
        self.report.count("advice loops", true);
        Ok(())
    }
}
