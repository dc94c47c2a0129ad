//! The full check of a journal, and opening one before it has run.
//!
//! A journal that is not as rapport sealed it (a crash, a copy, a restore,
//! a synced folder) must pass SQLite's `quick_check` before anything is
//! written to it. The check reads every page and re-tokenises the search
//! index: seconds at a million entries. `Store::open_deferring_check` lets
//! the journal's screen show such a journal at once, read-only and
//! untouched, while a `PendingCheck` runs on another thread and reports its
//! progress; only a check that passes opens the journal for writing. A
//! failed one refuses the journal exactly as opening it would have.

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::open::{SCHEMA_VERSION, inspect_header, migrations};
use super::{Result, Store, StoreError, seal};

/// How many SQLite VM steps `quick_check` takes per page of the file, about
/// (measured: 286, 283 and 320 at 10k, 100k and 1M entries; 212, 209
/// and 230 without the search index's tokens): the estimate
/// behind the percentage shown while it runs.
const STEPS_PER_PAGE: u64 = 300;
/// The same for `page_check`, which leaves the search index's tokens out.
const PAGE_CHECK_STEPS_PER_PAGE: u64 = 220;
/// Steps between two progress reports.
const STEPS_PER_REPORT: u64 = 20_000;

/// Reports how far a check has come, in percent (never 100 before it
/// ends); returning `true` stops the check.
pub type CheckProgress = Box<dyn FnMut(u8) -> bool + Send>;

/// A journal opened for the journal's screen.
pub enum Opened {
    /// Sealed, new, or checked before this returned: ready for everything.
    Ready(Store),
    /// Not as rapport left it: readable now (read-only, nothing written),
    /// writable once `check` passes.
    Unchecked { store: Store, check: PendingCheck },
}

/// The full check an `Unchecked` journal still owes; `run` it anywhere.
#[derive(Debug)]
pub struct PendingCheck {
    path: PathBuf,
}

impl PendingCheck {
    /// The journal it checks.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs the full check, then opens the journal for writing (without
    /// checking it again). A journal that fails is refused as `Store::open`
    /// refuses it, the same error, the file untouched.
    pub fn run(self, progress: Option<CheckProgress>) -> Result<Store> {
        {
            let (conn, _version) = inspect_header(&self.path, SCHEMA_VERSION, None)?;
            full_check(&conn, &self.path, None, progress)?;
        }
        Store::open_keyed_after(&self.path, &migrations()?, SCHEMA_VERSION, None, true)
    }
}

impl Store {
    /// Opens the journal at `path` like `open`, except that a journal of
    /// this schema that is not sealed (see `seal`) is not checked first: it
    /// comes back read-only, untouched, with the check it owes. A pending
    /// migration, or a journal this process cannot write, is checked first
    /// as always.
    pub fn open_deferring_check(path: &Path) -> Result<Opened> {
        let unsealed_journal = fs::metadata(path).is_ok_and(|m| m.len() > 0)
            && !seal::intact(path)
            && super::trust::distrust(path).is_none()
            && super::open::can_write(path);
        if !unsealed_journal {
            return Store::open(path).map(Opened::Ready);
        }
        let (conn, version) = inspect_header(path, SCHEMA_VERSION, None)?;
        if version != SCHEMA_VERSION {
            drop(conn);
            return Store::open(path).map(Opened::Ready);
        }
        super::open::configure_reader(&conn)?;
        Ok(Opened::Unchecked {
            store: Store::read_only_on(conn, path),
            check: PendingCheck {
                path: path.to_path_buf(),
            },
        })
    }

    /// Checks every page of the journal, reporting progress: SQLite's
    /// `quick_check` (each b-tree whole and well formed, every page used
    /// once, every row well formed) without re-tokenising the search index
    /// to compare it with the entries, which takes three times as long
    /// again and which `integrity_check` does. Its findings, `["ok"]` when
    /// sound.
    pub fn page_check(&self, progress: Option<CheckProgress>) -> Result<Vec<String>> {
        let own;
        let conn = match &self.path {
            Some(path) => {
                own = super::open::connect_untouched(path, self.key.as_deref())?;
                super::open::apply_key(&own, path, self.key.as_deref())?;
                without_virtual_tables(&own);
                &own
            }
            None => &self.conn,
        };
        let counted = CountedSteps::start(conn, progress, PAGE_CHECK_STEPS_PER_PAGE)?;
        let findings = conn.prepare("PRAGMA quick_check(10)").and_then(|mut stmt| {
            stmt.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()
        });
        counted.stop(conn);
        Ok(findings?)
    }
}

/// Takes every virtual table module off `conn` (the search index's FTS5
/// among them), so `quick_check` skips their own checks: the search index
/// is then checked as the ordinary tables that hold it, page by page.
fn without_virtual_tables(conn: &Connection) {
    // SAFETY: the handle is `conn`'s own, open for as long as `conn` is
    // borrowed here; a null list asks SQLite to keep no module, and drops
    // only what later statements on this connection may use.
    unsafe {
        rusqlite::ffi::sqlite3_drop_modules(conn.handle(), std::ptr::null_mut());
    }
}

/// `quick_check` over the connection `conn` to the journal at `path`:
/// `Corrupt` with SQLite's first finding unless it says "ok" — and unless a
/// second check, on a connection opened afresh, says "ok". `conn` may read
/// the file immutably (no locks: nothing is written beside a file that is
/// then refused), and another rapport that starts writing meanwhile can
/// checkpoint into the file under it, so one failed check may be a torn
/// read of a sound journal. The second connection takes SQLite's locks when
/// a `-wal` is there now (someone is writing), or reads the file, settled,
/// immutably again; a damaged file fails both, untouched.
pub(super) fn full_check(
    conn: &Connection,
    path: &Path,
    key: Option<&str>,
    progress: Option<CheckProgress>,
) -> Result<()> {
    match quick_check(conn, path, progress) {
        Err(StoreError::Corrupt { .. }) => {
            let again =
                super::open::connect_untouched(path, key).map_err(|e| StoreError::Corrupt {
                    path: path.to_path_buf(),
                    detail: e.to_string(),
                })?;
            super::open::apply_key(&again, path, key)?;
            quick_check(&again, path, None)
        }
        verdict => verdict,
    }
}

/// One `quick_check` over `conn`: `Corrupt` with SQLite's first finding
/// unless it says "ok".
fn quick_check(conn: &Connection, path: &Path, progress: Option<CheckProgress>) -> Result<()> {
    let corrupt = |detail: String| StoreError::Corrupt {
        path: path.to_path_buf(),
        detail,
    };
    let counted = CountedSteps::start(conn, progress, STEPS_PER_PAGE)?;
    let verdict = conn.query_row("PRAGMA quick_check(1)", [], |r| r.get::<_, String>(0));
    counted.stop(conn);
    let verdict = verdict.map_err(|e| corrupt(e.to_string()))?;
    if verdict != "ok" {
        return Err(corrupt(verdict));
    }
    Ok(())
}

/// SQLite's progress handler, turned into a percentage of the steps a
/// check of this many pages takes.
struct CountedSteps {
    installed: bool,
}

impl CountedSteps {
    fn start(
        conn: &Connection,
        progress: Option<CheckProgress>,
        steps_per_page: u64,
    ) -> Result<CountedSteps> {
        let Some(mut report) = progress else {
            return Ok(CountedSteps { installed: false });
        };
        let pages: u64 = conn
            .query_row("PRAGMA page_count", [], |r| r.get::<_, i64>(0))?
            .max(1)
            .unsigned_abs();
        let expected = pages * steps_per_page;
        let mut steps = 0u64;
        conn.progress_handler(
            i32::try_from(STEPS_PER_REPORT).unwrap_or(i32::MAX),
            Some(move || {
                steps += STEPS_PER_REPORT;
                let percent = (steps * 100 / expected).min(99);
                report(u8::try_from(percent).unwrap_or(99))
            }),
        )?;
        Ok(CountedSteps { installed: true })
    }

    fn stop(self, conn: &Connection) {
        if self.installed {
            let _ = conn.progress_handler(0, None::<fn() -> bool>);
        }
    }
}
