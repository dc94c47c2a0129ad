//! The lossless JSON document: every table of the user's data, with ids and
//! timestamps, read in one read transaction so it is a consistent snapshot.
//! `docs/export-format.md` describes it field by field. It is written as it
//! is read, one record at a time (`Store::write_export`), so exporting a
//! journal of any size takes the memory of one record; `export_document`
//! collects the same records for tests and small journals.

mod entries;
mod meetings;
mod people;

use std::cell::{Cell, RefCell};
use std::fs::{self, OpenOptions};
use std::io::{BufWriter, Write};
use std::iter::Peekable;
use std::ops::ControlFlow;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, Row, Transaction, TransactionBehavior};
use serde::ser::{Error as _, SerializeSeq};
use serde::{Serialize, Serializer};

use super::documents::Documents;
use super::{Result, StoreError, secure_create_dir};

pub use entries::{AdviceLoopRecord, InteractionRecord, KindRecord};
pub use meetings::{
    CalendarOccurrenceRecord, CheckInRecord, NudgeStateRecord, PromiseMoveRecord, PromiseRecord,
    SummaryRecord, TopicRecord,
};
pub use people::{ExpectationRecord, PersonRecord, ProfileItemRecord, StrengthRecord};

/// The value of `"format"` in every rapport export.
pub const EXPORT_FORMAT: &str = "rapport";

/// The version of the document this build writes and reads.
pub const EXPORT_VERSION: i64 = 1;

/// The whole journal as one document. Drafts are left out: they are the
/// half-typed state of a form, not data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportDocument {
    pub format: String,
    pub version: i64,
    pub people: Vec<PersonRecord>,
    pub kinds: Vec<KindRecord>,
    pub interactions: Vec<InteractionRecord>,
    pub advice_loops: Vec<AdviceLoopRecord>,
    pub topics: Vec<TopicRecord>,
    pub summaries: Vec<SummaryRecord>,
    pub checkins: Vec<CheckInRecord>,
    pub nudge_states: Vec<NudgeStateRecord>,
    pub profile_items: Vec<ProfileItemRecord>,
    pub expectations: Vec<ExpectationRecord>,
    pub promises: Vec<PromiseRecord>,
    /// The 1:1 series imported from calendars, one record per occurrence.
    pub calendar: Vec<CalendarOccurrenceRecord>,
}

impl ExportDocument {
    /// A document with nothing in it yet.
    pub fn empty() -> ExportDocument {
        ExportDocument {
            format: EXPORT_FORMAT.to_string(),
            version: EXPORT_VERSION,
            people: Vec::new(),
            kinds: Vec::new(),
            interactions: Vec::new(),
            advice_loops: Vec::new(),
            topics: Vec::new(),
            summaries: Vec::new(),
            checkins: Vec::new(),
            nudge_states: Vec::new(),
            profile_items: Vec::new(),
            expectations: Vec::new(),
            promises: Vec::new(),
            calendar: Vec::new(),
        }
    }

    /// The document as pretty JSON, ending with a newline.
    pub fn to_json(&self) -> serde_json::Result<String> {
        let mut text = serde_json::to_string_pretty(self)?;
        text.push('\n');
        Ok(text)
    }
}

// Dates are `YYYY-MM-DD` and instants RFC 3339 UTC text, exactly as stored,
// so a round trip cannot shift them.

/// Where a table's reader hands each record: `Break` stops the reading
/// (the writer failed; it keeps its own error).
type Sink<'a, T> = &'a mut dyn FnMut(T) -> ControlFlow<()>;

/// A table's reader: every record, in the document's order, into the sink.
type Reader<T> = fn(&Connection, Sink<'_, T>) -> Result<()>;

/// Runs `sql` and hands each row, made by `map`, to `visit`.
fn each_row<T>(
    conn: &Connection,
    sql: &str,
    map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    visit: &mut dyn FnMut(T) -> Result<ControlFlow<()>>,
) -> Result<()> {
    let mut stmt = conn.prepare(sql)?;
    for row in stmt.query_map([], map)? {
        if visit(row?)?.is_break() {
            break;
        }
    }
    Ok(())
}

/// The rows of a child table (tags, strengths, picks, moves), read in
/// owner order alongside their owners read in id order: each owner takes
/// its run of children, and nothing else is held.
struct Children<I: Iterator> {
    rows: Peekable<I>,
}

impl<T, I: Iterator<Item = rusqlite::Result<(i64, T)>>> Children<I> {
    fn new(rows: I) -> Children<I> {
        Children {
            rows: rows.peekable(),
        }
    }

    /// The children of `owner`; owners are asked for in increasing order.
    fn of(&mut self, owner: i64) -> Result<Vec<T>> {
        let mut found = Vec::new();
        loop {
            match self.rows.peek() {
                Some(Ok((of, _))) if *of < owner => {
                    self.rows.next();
                }
                Some(Ok((of, _))) if *of == owner => {
                    if let Some(Ok((_, child))) = self.rows.next() {
                        found.push(child);
                    }
                }
                Some(Err(_)) => {
                    return match self.rows.next() {
                        Some(Err(e)) => Err(e.into()),
                        _ => Ok(found),
                    };
                }
                _ => return Ok(found),
            }
        }
    }
}

/// Every record of a table, read into a list.
fn collect<T>(conn: &Connection, read: Reader<T>) -> Result<Vec<T>> {
    let mut records = Vec::new();
    read(conn, &mut |record| {
        records.push(record);
        ControlFlow::Continue(())
    })?;
    Ok(records)
}

/// One table as a JSON array, serialized as its rows are read. A failed
/// read is kept in `failure` (the serializer only carries its message).
struct Section<'c, T> {
    conn: &'c Connection,
    read: Reader<T>,
    failure: &'c RefCell<Option<StoreError>>,
    written: Cell<usize>,
}

impl<'c, T> Section<'c, T> {
    fn new(
        conn: &'c Connection,
        read: Reader<T>,
        failure: &'c RefCell<Option<StoreError>>,
    ) -> Section<'c, T> {
        Section {
            conn,
            read,
            failure,
            written: Cell::new(0),
        }
    }
}

impl<T: Serialize> Serialize for Section<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        let mut failed = None;
        let read = (self.read)(
            self.conn,
            &mut |record| match seq.serialize_element(&record) {
                Ok(()) => {
                    self.written.set(self.written.get() + 1);
                    ControlFlow::Continue(())
                }
                Err(e) => {
                    failed = Some(e);
                    ControlFlow::Break(())
                }
            },
        );
        if let Some(e) = failed {
            return Err(e);
        }
        if let Err(e) = read {
            let message = e.to_string();
            *self.failure.borrow_mut() = Some(e);
            return Err(S::Error::custom(message));
        }
        seq.end()
    }
}

/// `ExportDocument`'s shape, each table read as it is written: the same
/// fields in the same order, so the same serializer writes the same bytes.
#[derive(Serialize)]
struct StreamedDocument<'c> {
    format: &'static str,
    version: i64,
    people: Section<'c, PersonRecord>,
    kinds: Section<'c, KindRecord>,
    interactions: Section<'c, InteractionRecord>,
    advice_loops: Section<'c, AdviceLoopRecord>,
    topics: Section<'c, TopicRecord>,
    summaries: Section<'c, SummaryRecord>,
    checkins: Section<'c, CheckInRecord>,
    nudge_states: Section<'c, NudgeStateRecord>,
    profile_items: Section<'c, ProfileItemRecord>,
    expectations: Section<'c, ExpectationRecord>,
    promises: Section<'c, PromiseRecord>,
    calendar: Section<'c, CalendarOccurrenceRecord>,
}

/// How much an export held, to say so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportCounts {
    pub people: usize,
    pub interactions: usize,
}

impl Documents<'_> {
    /// Every table of the user's data, each in id order.
    pub fn export_document(&self) -> Result<ExportDocument> {
        // A deferred transaction is a read snapshot: a writer in another
        // process cannot make the tables disagree with each other.
        let tx = Transaction::new_unchecked(&self.store.conn, TransactionBehavior::Deferred)?;
        Ok(ExportDocument {
            format: EXPORT_FORMAT.to_string(),
            version: EXPORT_VERSION,
            people: collect(&tx, people::each_person)?,
            kinds: collect(&tx, entries::each_kind)?,
            interactions: collect(&tx, entries::each_interaction)?,
            advice_loops: collect(&tx, entries::each_advice_loop)?,
            topics: collect(&tx, meetings::each_topic)?,
            summaries: collect(&tx, meetings::each_summary)?,
            checkins: collect(&tx, meetings::each_checkin)?,
            nudge_states: collect(&tx, meetings::each_nudge_state)?,
            profile_items: collect(&tx, people::each_profile_item)?,
            expectations: collect(&tx, people::each_expectation)?,
            promises: collect(&tx, meetings::each_promise)?,
            calendar: collect(&tx, meetings::each_calendar_occurrence)?,
        })
    }

    /// Writes the document `export_document` would give, as pretty JSON
    /// ending with a newline — the same bytes as `to_json` — one record at
    /// a time, from one read snapshot. `shown` names the output in errors.
    pub fn write_export(&self, out: impl Write, shown: &Path) -> Result<ExportCounts> {
        let tx = Transaction::new_unchecked(&self.store.conn, TransactionBehavior::Deferred)?;
        let failure = RefCell::new(None);
        let doc = StreamedDocument {
            format: EXPORT_FORMAT,
            version: EXPORT_VERSION,
            people: Section::new(&tx, people::each_person, &failure),
            kinds: Section::new(&tx, entries::each_kind, &failure),
            interactions: Section::new(&tx, entries::each_interaction, &failure),
            advice_loops: Section::new(&tx, entries::each_advice_loop, &failure),
            topics: Section::new(&tx, meetings::each_topic, &failure),
            summaries: Section::new(&tx, meetings::each_summary, &failure),
            checkins: Section::new(&tx, meetings::each_checkin, &failure),
            nudge_states: Section::new(&tx, meetings::each_nudge_state, &failure),
            profile_items: Section::new(&tx, people::each_profile_item, &failure),
            expectations: Section::new(&tx, people::each_expectation, &failure),
            promises: Section::new(&tx, meetings::each_promise, &failure),
            calendar: Section::new(&tx, meetings::each_calendar_occurrence, &failure),
        };
        let io = |source| StoreError::Io {
            path: shown.to_path_buf(),
            source,
        };
        let mut out = BufWriter::with_capacity(1 << 16, out);
        if let Err(e) = serde_json::to_writer_pretty(&mut out, &doc) {
            return Err(match failure.take() {
                Some(read) => read,
                None => io(e.into()),
            });
        }
        out.write_all(b"\n")
            .and_then(|()| out.flush())
            .map_err(io)?;
        Ok(ExportCounts {
            people: doc.people.written.get(),
            interactions: doc.interactions.written.get(),
        })
    }
}

/// Writes `contents` to a new file readable by its owner only (0600, in a
/// 0700 directory when it has to be created). An existing file is an error
/// unless `replace`, and then it is swapped for the new one in one rename,
/// so a reader never sees half of it.
pub fn write_private_file(path: &Path, contents: &[u8], replace: bool) -> Result<()> {
    write_private_file_with(path, replace, |file| {
        file.write_all(contents).map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        })
    })
}

/// As `write_private_file`, with the contents written by `write` into the
/// new file (which is synced before it is renamed into place); what
/// `write` returns is returned.
pub fn write_private_file_with<T>(
    path: &Path,
    replace: bool,
    write: impl FnOnce(&mut fs::File) -> Result<T>,
) -> Result<T> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        secure_create_dir(parent)?;
    }
    let target = if replace {
        sibling_temp_path(path)
    } else {
        path.to_path_buf()
    };
    let opened = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&target)
        .and_then(|file| {
            // The mode above is filtered by the umask; say it again plainly.
            file.set_permissions(fs::Permissions::from_mode(0o600))?;
            Ok(file)
        });
    let mut file = match opened {
        Ok(file) => file,
        Err(e) => {
            if replace || e.kind() != std::io::ErrorKind::AlreadyExists {
                let _ = fs::remove_file(&target);
            }
            return Err(io(e));
        }
    };
    let written = write(&mut file).and_then(|value| {
        file.sync_all().map_err(io)?;
        Ok(value)
    });
    let value = match written {
        Ok(value) => value,
        Err(e) => {
            let _ = fs::remove_file(&target);
            return Err(e);
        }
    };
    if replace {
        fs::rename(&target, path).map_err(|e| {
            let _ = fs::remove_file(&target);
            io(e)
        })?;
    }
    Ok(value)
}

/// A hidden name beside `path` for a file written before it is renamed into place.
pub(crate) fn sibling_temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "rapport".to_string());
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}
