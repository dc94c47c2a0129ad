//! The journal on disk: one SQLite file behind a small, concrete `Store`.
//!
//! Opening follows the reliability contract (DESIGN.md §8): refuse what is not
//! ours untouched, back up before migrating, WAL with full sync, and every write
//! in one immediate transaction with parameters only.

mod agenda;
mod aggregates;
mod backup;
mod bulk;
mod calendar;
mod check;
#[cfg(feature = "encryption")]
mod cipher;
mod compact;
mod csv_bytes;
mod document;
mod documents;
mod drafts;
mod entries;
mod entry_files;
mod expectations;
mod export;
mod fields;
mod file_copy;
mod files;
mod id_runs;
mod import;
mod import_document;
mod interactions;
mod json_stream;
mod nudges;
mod open;
mod people;
mod profiles;
mod promises;
mod records;
mod seal;
mod summaries;
mod text_index;
mod text_search;
mod trust;

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, NaiveTime, SecondsFormat, Utc};
use rusqlite::Connection;

pub use agenda::{Agenda, AgendaMut};
pub use aggregates::Aggregates;
pub use bulk::BulkMut;
pub use calendar::{Calendar, CalendarMut};
pub use check::{CheckProgress, Opened, PendingCheck};
pub use documents::{Documents, DocumentsMut};
pub use drafts::{Drafts, DraftsMut, ENTRY_DRAFT, OrphanDraft};
pub use entries::{Entries, EntriesMut};
pub use files::{journal_file_at, plain_copies};
pub use interactions::{Cursor, InteractionFilter, PageRequest};
pub use nudges::{Nudge, Nudges, NudgesMut, OpenAsks};
pub use open::{APPLICATION_ID, SCHEMA_VERSION, secure_create_dir};
pub use people::{People, PeopleMut, PersonChange};
pub use profiles::{Profiles, ProfilesMut};
pub use promises::{PromiseFilter, Promises, PromisesMut};
pub use records::{Advice, AdviceMut, CheckIns, CheckInsMut};
pub use seal::seal_path;
pub use summaries::{OneOnOneRecord, RecordedOneOnOne, SentSummary, SummaryFor, TopicMove};
pub use trust::distrust;

pub use backup::{RestoreError, Restored, TABLES, restore_journal, verify_journal_file};
pub use document::{document_from_value, read_document};
pub use entry_files::{
    CSV_COLUMNS, CSV_TAG_SEPARATOR, EntryRecord, KIND_ALIASES, KindChoice, Origin, csv_row,
    entries_from_jrnl, read_csv, read_csv_from, read_jrnl,
};
pub use export::{
    AdviceLoopRecord, CalendarOccurrenceRecord, CheckInRecord, EXPORT_FORMAT, EXPORT_VERSION,
    ExpectationRecord, ExportCounts, ExportDocument, InteractionRecord, KindRecord,
    NudgeStateRecord, PersonRecord, ProfileItemRecord, PromiseMoveRecord, PromiseRecord,
    StrengthRecord, SummaryRecord, TopicRecord, write_private_file, write_private_file_with,
};
pub use fields::{ImportError, parse_json_value, strip_bom};
pub use import::{ImportFailure, ImportReport, Tally};

use crate::domain::DomainError;

/// A journal, open and migrated.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// Opened without write access: reads work, every write is refused.
    read_only: bool,
    /// The passphrase of an encrypted journal, for the copies made of it.
    #[cfg_attr(not(feature = "encryption"), allow(dead_code))]
    key: Option<String>,
    /// Who the drafts this store saves belong to (see `drafts`).
    draft_owner: String,
    /// The entries this store deleted, oldest first: what its undo brings
    /// back (another process's deletes are that process's to undo).
    deleted_here: Vec<i64>,
    /// The journal file this store opened (device, inode): a path that
    /// names another file later was replaced under it.
    file_id: Option<(u64, u64)>,
    /// Dropped after `conn`: seals the file once SQLite has closed it.
    _seal: Option<seal::SealOnClose>,
}

/// Why the journal could not do what was asked, in words a user can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{reason}; the journal was not opened")]
    Untrusted { reason: String },
    #[error(
        "{path} is not a SQLite database, so it is not a rapport journal; it was left untouched. Point --db at your journal, or at a new file to start one"
    )]
    NotSqlite { path: PathBuf },
    #[error(
        "{path} is a SQLite database of another program (application id {app_id}); it was left untouched. Point --db at a rapport journal, or at a new file"
    )]
    Foreign { path: PathBuf, app_id: i32 },
    #[error(
        "{path} was written by a newer rapport (schema {found}; this one knows up to {supported}); it was left untouched. Upgrade rapport to open it"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error(
        "{path} is damaged ({detail}); it was left untouched. Restore a backup (the `.bak` files beside it), or try `sqlite3 {path} .recover`"
    )]
    Corrupt { path: PathBuf, detail: String },
    #[error("cannot use {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the journal could not be migrated ({}); it was left as it was", migration_cause(.0))]
    Migration(#[from] rusqlite_migration::Error),
    #[error(
        "the journal is read-only here (no write permission on the file or its folder, or a read-only disk); nothing was saved. Fix the permissions, or work on a copy"
    )]
    ReadOnly,
    #[error(
        "the passphrase does not open {path} (or it is not a rapport journal); nothing was changed. Try again, or check `passphrase_cmd` in config.toml"
    )]
    WrongPassphrase { path: PathBuf },
    #[error(
        "{path} is encrypted, but this rapport was built without encryption; build it with `--features encryption`"
    )]
    NoEncryption { path: PathBuf },
    #[error(
        "{path} is from an older rapport (schema {found}) and must be upgraded before use, but it is read-only here; it was left untouched. Open it once with write permission"
    )]
    ReadOnlyTooOld { path: PathBuf, found: i64 },
    #[error(
        "the disk is full; nothing was saved and the journal is as it was. Free some space and try again"
    )]
    DiskFull,
    #[error(
        "the journal file was replaced since rapport opened it (a copy moved over it, or an encrypt or decrypt elsewhere); nothing was saved and what you typed is still in the form. Quit and start rapport again"
    )]
    Replaced,
    #[error(
        "another rapport is writing to the journal and did not finish in time; nothing was saved. Try again"
    )]
    Busy,
    #[error("journal error: {0}")]
    Sqlite(rusqlite::Error),
    #[error(transparent)]
    Invalid(#[from] DomainError),
    #[error("there is no {what} with id {id}")]
    NotFound { what: &'static str, id: i64 },
    #[error("there is no {what} named `{name}`{hint}")]
    NoSuchName {
        what: &'static str,
        name: String,
        hint: String,
    },
    #[error("`{name}` could be {matches}: type more of the {what}'s name")]
    Ambiguous {
        what: &'static str,
        name: String,
        matches: String,
    },
    #[error(
        "entry {id} was changed elsewhere since it was opened (another window or command); reload it and edit again"
    )]
    Stale { id: i64 },
    #[error("{0}")]
    Conflict(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// What went wrong in a migration, without the migration's SQL (which
/// `rusqlite_migration` quotes whole: hundreds of lines).
fn migration_cause(e: &rusqlite_migration::Error) -> String {
    match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => err.to_string(),
        other => other
            .to_string()
            .lines()
            .next()
            .unwrap_or_default()
            .to_string(),
    }
}

impl From<rusqlite::Error> for StoreError {
    /// Faults of the place the journal lives in (read-only, full) get words
    /// a user can act on; the rest keep SQLite's.
    fn from(e: rusqlite::Error) -> StoreError {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ReadOnly) => StoreError::ReadOnly,
            Some(rusqlite::ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy
            }
            _ => StoreError::Sqlite(e),
        }
    }
}

impl Store {
    /// The file behind this journal; `None` for an in-memory one.
    pub fn path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }

    /// Whether the journal's path names another file now than the one
    /// this store opened: anything written would go to a file nobody reads.
    pub fn file_replaced(&self) -> bool {
        match (&self.path, self.file_id) {
            (Some(path), Some(opened)) => open::file_id(path).is_none_or(|now| now != opened),
            _ => false,
        }
    }

    /// `Replaced` when the journal file was replaced under this store.
    pub(crate) fn refuse_if_replaced(&self) -> Result<()> {
        if self.file_replaced() {
            return Err(StoreError::Replaced);
        }
        Ok(())
    }

    /// Whether the journal was opened without write access.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Runs SQLite's `integrity_check` and returns its findings (`["ok"]` when sound).
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// Direct access for tests and benchmarks that check query plans.
    #[doc(hidden)]
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

pub(crate) fn instant_text(now: DateTime<Utc>) -> String {
    now.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn day_text(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

pub(crate) fn time_text(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// Reads a `YYYY-MM-DD` column; the schema's CHECKs make a failure a sign of damage.
pub(crate) fn parse_day_column(idx: usize, text: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(crate) fn parse_instant_column(idx: usize, text: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
        })
}
