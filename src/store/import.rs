//! Bringing records into the journal, all or nothing in one transaction, and
//! what an import reports. Rows from CSV or jrnl are matched on their
//! content (rapport's own document is in `import_document`); a record
//! already in the journal is skipped, so importing a file twice adds nothing.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::documents::DocumentsMut;
use super::entry_files::{EntryRecord, KindChoice, kind_for_word};
use super::fields::ImportError;
use super::interactions::write_tags;
use super::text_index::IndexedByHand;
use super::{StoreError, instant_text};
use crate::domain::Category;

/// Why an import did not happen: the file (a usage error) or the journal.
#[derive(Debug, thiserror::Error)]
pub enum ImportFailure {
    #[error(transparent)]
    Invalid(#[from] ImportError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for ImportFailure {
    fn from(e: rusqlite::Error) -> ImportFailure {
        ImportFailure::Store(StoreError::from(e))
    }
}

pub(super) type Outcome<T> = Result<T, ImportFailure>;

/// How many records of one sort were imported and skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// The sort, plural: `interactions`, `people`.
    pub what: &'static str,
    /// The sort, singular: `interaction`, `person`.
    pub one: &'static str,
    pub imported: usize,
    /// Already in the journal (same id and creation time, or same content).
    pub skipped: usize,
}

/// How many skipped rows a report names: a file of a million rows already
/// there is not kept in memory to say so.
const SKIPPED_NAMED: usize = 10;

/// What an import did, or with `dry_run` would do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub dry_run: bool,
    pub tallies: Vec<Tally>,
    /// Where the first skipped rows are (`line 4`, `entries[2]`), for CSV
    /// and jrnl: at most `SKIPPED_NAMED` (the tallies count them all).
    pub skipped_at: Vec<String>,
    /// Anything done differently from the file, in words.
    pub notes: Vec<String>,
}

impl ImportReport {
    pub(super) fn new(dry_run: bool, sorts: &[(&'static str, &'static str)]) -> ImportReport {
        ImportReport {
            dry_run,
            tallies: sorts
                .iter()
                .map(|&(one, what)| Tally {
                    what,
                    one,
                    imported: 0,
                    skipped: 0,
                })
                .collect(),
            skipped_at: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub(super) fn count(&mut self, what: &str, imported: bool) {
        if let Some(t) = self.tallies.iter_mut().find(|t| t.what == what) {
            if imported {
                t.imported += 1;
            } else {
                t.skipped += 1;
            }
        }
    }

    pub fn imported(&self) -> usize {
        self.tallies.iter().map(|t| t.imported).sum()
    }

    pub fn skipped(&self) -> usize {
        self.tallies.iter().map(|t| t.skipped).sum()
    }
}

pub(super) fn finish(tx: Transaction<'_>, report: ImportReport) -> Outcome<ImportReport> {
    if report.dry_run {
        tx.rollback()?;
    } else {
        tx.commit()?;
    }
    Ok(report)
}

impl DocumentsMut<'_> {
    /// Imports interactions read from CSV or jrnl, handed in one at a time
    /// by `read` (a file read as a stream) inside the import's transaction:
    /// the first error `read` meets, or its own, rolls everything back. An
    /// entry with no person is `person_id`'s; one whose person, kind, day,
    /// time, title and notes match an entry in the journal (deleted ones
    /// too) is skipped.
    pub fn import_entries_from(
        &mut self,
        read: impl FnOnce(&mut dyn FnMut(EntryRecord) -> Outcome<()>) -> Outcome<()>,
        person_id: Option<i64>,
        now: DateTime<Utc>,
        dry_run: bool,
    ) -> Outcome<ImportReport> {
        let mut report = ImportReport::new(dry_run, &[("interaction", "interactions")]);
        let tx = self.store.conn.transaction()?;
        let mut index = IndexedByHand::begin(&tx)?;
        let stamp = instant_text(now);
        read(&mut |entry| {
            let entry = &entry;
            let person = entry_person(&tx, entry, person_id)?;
            let (kind_id, category) = entry_kind(&tx, entry)?;
            if let Some(said) = entry.category
                && said != category
            {
                return Err(ImportError::new(
                    entry.origin.field("category"),
                    format!("says {said}, but that kind is {category} in this journal"),
                )
                .into());
            }
            if category == Category::Note && entry.quality.is_some() {
                return Err(ImportError::new(
                    entry.origin.field("quality"),
                    "a note is a reflection, not a meeting: it takes no quality",
                )
                .into());
            }
            if category == Category::Work && entry.quality.is_some() {
                return Err(ImportError::new(
                    entry.origin.field("quality"),
                    "a work-log entry is not a meeting: it takes no quality",
                )
                .into());
            }
            if entry_exists(&tx, entry, person, kind_id)? {
                report.count("interactions", false);
                if report.skipped_at.len() < SKIPPED_NAMED {
                    report.skipped_at.push(entry.origin.place());
                }
                return Ok(());
            }
            let created_at = entry.created_at.clone().unwrap_or_else(|| stamp.clone());
            let updated_at = entry
                .updated_at
                .clone()
                .unwrap_or_else(|| created_at.clone());
            tx.prepare_cached("INSERT INTO interaction (person_id, kind_id, happened_on, at_time, minutes, quality,
                                          initiated_by, title, notes, created_at, updated_at, private)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)")?.execute(params![
                    person,
                    kind_id,
                    entry.happened_on,
                    entry.time,
                    entry.minutes,
                    entry.quality,
                    entry.initiated_by.as_str(),
                    entry.title,
                    entry.notes,
                    created_at,
                    updated_at,
                    entry.private,
                ],
            )?;
            let id = tx.last_insert_rowid();
            write_tags(&tx, id, &entry.tags)?;
            index.index_entry(&tx, id)?;
            if category == Category::Ask {
                // As `log` does: an ask opens an advice loop on its title.
                tx.prepare_cached("INSERT INTO advice_loop (interaction_id, question, strength) VALUES (?1, ?2, ?3)")?.execute(params![id, entry.title, entry.strength],
                )?;
            }
            report.count("interactions", true);
            Ok(())
        })?;
        index.restore(&tx)?;
        finish(tx, report)
    }
}

fn entry_person(tx: &Transaction<'_>, entry: &EntryRecord, fallback: Option<i64>) -> Outcome<i64> {
    let Some(name) = &entry.person else {
        return fallback.ok_or_else(|| {
            ImportError::new(
                entry.origin.field("person"),
                "is empty and there is no current manager: add one with `rapport person add NAME --current`, or pass --with PERSON",
            )
            .into()
        });
    };
    tx.prepare_cached("SELECT id FROM person WHERE name = ?1")?.query_row([name], |r| r.get(0))
        .optional()?
        .ok_or_else(|| {
            ImportError::new(
                entry.origin.field("person"),
                format!(
                    "there is no person named `{name}` in this journal: add them first with `rapport person add \"{name}\"`"
                ),
            )
            .into()
        })
}

fn kind_named(tx: &Transaction<'_>, name: &str) -> Outcome<Option<(i64, Category)>> {
    let found: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, category FROM kind WHERE name = ?1",
            [kind_for_word(name)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    found
        .map(|(id, category)| Ok((id, category.parse::<Category>().map_err(StoreError::from)?)))
        .transpose()
}

fn entry_kind(tx: &Transaction<'_>, entry: &EntryRecord) -> Outcome<(i64, Category)> {
    match &entry.kind {
        KindChoice::Named(name) => kind_named(tx, name)?.ok_or_else(|| {
            let known: Vec<String> = tx
                .prepare("SELECT name FROM kind ORDER BY builtin DESC, id")
                .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
                .unwrap_or_default();
            ImportError::new(
                entry.origin.field("kind"),
                format!(
                    "unknown kind `{name}` (known: {}); add it with `rapport kind add {} --category C`",
                    known.join(", "),
                    kind_for_word(name)
                ),
            )
            .into()
        }),
        KindChoice::FromTags => {
            for tag in &entry.tags {
                if let Some(kind) = kind_named(tx, tag)? {
                    return Ok(kind);
                }
            }
            kind_named(tx, "note")?.ok_or_else(|| {
                StoreError::NoSuchName {
                    what: "kind",
                    name: "note".into(),
                    hint: String::new(),
                }
                .into()
            })
        }
    }
}

/// Whether the journal has an entry with this content: live entries through
/// the timeline's index, deleted ones through theirs.
fn entry_exists(
    tx: &Transaction<'_>,
    entry: &EntryRecord,
    person: i64,
    kind_id: i64,
) -> rusqlite::Result<bool> {
    tx.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM interaction
                         WHERE deleted_at IS NULL AND person_id = ?1 AND happened_on = ?2
                           AND kind_id = ?3 AND at_time IS ?4 AND title = ?5 AND notes = ?6)
             OR EXISTS (SELECT 1 FROM interaction
                         WHERE deleted_at IS NOT NULL AND person_id = ?1 AND happened_on = ?2
                           AND kind_id = ?3 AND at_time IS ?4 AND title = ?5 AND notes = ?6)",
    )?
    .query_row(
        params![
            person,
            entry.happened_on,
            kind_id,
            entry.time,
            entry.title,
            entry.notes
        ],
        |r| r.get(0),
    )
}
