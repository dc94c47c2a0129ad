//! The full check of a journal, and opening one before it has run.
//!
//! A journal that is not as rapport sealed it (a crash, a copy, a restore,
//! a synced folder) must pass SQLite's `quick_check` before anything is
//! written to it. The check reads every page and walks every block of the
//! search index: a second at a million entries, in two halves run at once. `Store::open_deferring_check` lets
//! the journal's screen show such a journal at once, read-only and
//! untouched, while a `PendingCheck` runs on another thread and reports its
//! progress; only a check that passes opens the journal for writing. A
//! failed one refuses the journal exactly as opening it would have.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

use super::open::{SCHEMA_VERSION, inspect_header, migrations};
use super::{Result, Store, StoreError, seal};

/// What SQLite's progress handler counts while `quick_check` reads every
/// page: first one per b-tree page, as it walks each tree (about 60 % of
/// the time), then VM steps, as it reads every row (about 280 per page of
/// the file: 290, 288 and 279 measured at 10k, 100k and 1M entries). The
/// estimate behind the percentage shown while it runs.
const PAGES_WALK_SHARE: u64 = 60;
const PAGES_ROW_STEPS_PER_PAGE: u64 = 280;
/// The same for the search index's own check: VM steps, about two per
/// page of the whole file (1.6, 2.3 and 1.8 measured; it reads the index's
/// blocks directly, with few steps of its own).
const INDEX_STEPS_PER_PAGE: u64 = 2;
/// Counted units between two looks at the progress, at most.
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
            let _held = SharedLock::take(&self.path);
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

    /// SQLite's `quick_check` of the journal, reporting progress: every
    /// page (each b-tree whole and well formed, every page used once, every
    /// row well formed) and the search index's own check of its blocks, run
    /// at once (see `check_halves`). It leaves out what `integrity_check`
    /// adds (every index compared with its table, the search index with the
    /// entries). Its findings, `["ok"]` when sound: the same verdict
    /// opening an unsealed journal waits for.
    pub fn quick_check(&self, progress: Option<CheckProgress>) -> Result<Vec<String>> {
        let findings = match &self.path {
            Some(path) => {
                let _held = SharedLock::take(path);
                let key = self.key.as_deref();
                check_halves(&connect(path, key)?, path, key, Halves::new(progress))?
            }
            None => {
                let counted = CountedSteps::start(&self.conn, progress, Estimate::EveryPage)?;
                let rows = check_rows(&self.conn, "PRAGMA quick_check(10)");
                counted.stop(&self.conn);
                rows?.into_iter().filter(|r| r != "ok").collect()
            }
        };
        Ok(if findings.is_empty() {
            vec!["ok".to_string()]
        } else {
            findings
        })
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

/// `quick_check` of the journal at `path`, whose connection `conn` was
/// opened to inspect it: `Corrupt` with SQLite's first finding unless it
/// says "ok" — and unless a second check, on connections opened afresh,
/// says "ok". `conn` may read the file immutably (no locks: nothing is
/// written beside a file that is then refused), and another rapport that
/// starts writing meanwhile can checkpoint into the file under it, so one
/// failed check may be a torn read of a sound journal. The second check
/// takes SQLite's locks when a `-wal` is there now (someone is writing), or
/// reads the file, settled, immutably again; a damaged file fails both,
/// untouched. A check stopped by its `progress` is not run again.
pub(super) fn full_check(
    conn: &Connection,
    path: &Path,
    key: Option<&str>,
    progress: Option<CheckProgress>,
) -> Result<()> {
    let progress = Halves::new(progress);
    match quick_check(conn, path, key, progress.clone()) {
        Err(StoreError::Corrupt { .. })
            if !progress.as_ref().is_some_and(|halves| halves.stopped()) =>
        {
            let again = connect(path, key)?;
            quick_check(&again, path, key, None)
        }
        verdict => verdict,
    }
}

/// SQLite's shared lock on the journal's file, held while it is checked.
///
/// With no `-wal` beside it, the journal is read as it is (immutable, no
/// locks), and a rapport that finishes writing meanwhile would checkpoint
/// its `-wal` into the file under the check: a torn read, which says
/// "damaged" of a sound journal. Holding the lock SQLite's own readers
/// hold, taken before the `-wal` is looked for, closes that door: the last
/// connection to close checkpoints and deletes the `-wal` only under the
/// exclusive lock, which waits for no one and is skipped while this is
/// held (the `-wal` is then kept, as when another rapport has the journal
/// open); a checkpoint already under way is waited for, up to the busy
/// timeout. An open file description lock, so it leaves the locks of this
/// process's own connections alone; nothing is written to the file.
pub(super) struct SharedLock {
    _file: Option<fs::File>,
}

impl SharedLock {
    /// Takes the lock on `path`, waiting up to 5 s for a checkpoint to end;
    /// without it (no such file, no lock to be had) the check reads as
    /// before, and a failed check is still confirmed afresh.
    pub(super) fn take(path: &Path) -> SharedLock {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        let file = fs::File::open(path).ok().filter(|file| {
            loop {
                match read_lock_shared_bytes(file) {
                    Ok(()) => break true,
                    Err(e)
                        if matches!(e.raw_os_error(), Some(libc::EAGAIN | libc::EACCES))
                            && std::time::Instant::now() < deadline =>
                    {
                        std::thread::sleep(std::time::Duration::from_millis(2));
                    }
                    Err(_) => break false,
                }
            }
        });
        SharedLock { _file: file }
    }
}

/// A read lock, owned by `file`'s open file description, on the bytes
/// SQLite's unix VFS locks for SHARED (510 bytes from its pending byte + 2,
/// at 1 GiB); it goes with the file.
#[cfg(target_os = "linux")]
fn read_lock_shared_bytes(file: &fs::File) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    const SHARED_FIRST: libc::off_t = 0x4000_0000 + 2;
    const SHARED_SIZE: libc::off_t = 510;
    // SAFETY: an all-zero `flock` is a valid value of the plain C struct.
    let mut lock: libc::flock = unsafe { std::mem::zeroed() };
    lock.l_type = libc::F_RDLCK as libc::c_short;
    lock.l_whence = libc::SEEK_SET as libc::c_short;
    lock.l_start = SHARED_FIRST;
    lock.l_len = SHARED_SIZE;
    // SAFETY: the descriptor is `file`'s, open while it is borrowed; the
    // lock struct lives across the call; F_OFD_SETLK does not block.
    let done = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_OFD_SETLK, &lock) };
    if done == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Elsewhere, no lock: a failed check is confirmed afresh, as before.
#[cfg(not(target_os = "linux"))]
fn read_lock_shared_bytes(_file: &fs::File) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// A connection to check the journal at `path` through, opened as
/// `connect_untouched` opens it.
fn connect(path: &Path, key: Option<&str>) -> Result<Connection> {
    let conn = super::open::connect_untouched(path, key).map_err(|e| StoreError::Corrupt {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })?;
    super::open::apply_key(&conn, path, key)?;
    Ok(conn)
}

/// `quick_check`: SQLite's `PRAGMA quick_check` in its two halves, run at
/// once on two threads, each on a connection of its own: every page of the
/// file (each b-tree whole and well formed, every page used once, every
/// row well formed; the virtual tables' modules left out) on a new
/// connection, on a thread of its own, and the virtual tables' own checks
/// (`PRAGMA quick_check(name)`: FTS5 walks every block of the search
/// index) on `conn`, here. Between them they run every check `PRAGMA
/// quick_check` runs, and the wait is the longer half instead of both (at
/// a million entries, the search index's walk takes about twice the
/// pages'). `Corrupt` with the first finding.
fn quick_check(
    conn: &Connection,
    path: &Path,
    key: Option<&str>,
    progress: Option<Arc<Halves>>,
) -> Result<()> {
    match check_halves(conn, path, key, progress)?.into_iter().next() {
        Some(finding) => Err(corrupt(path, finding)),
        None => Ok(()),
    }
}

/// The two halves of `quick_check`, at once: their findings (at most ten
/// of each), none when the journal is sound; `Corrupt` when a half could
/// not run to its end (SQLite met damage it could not go past).
fn check_halves(
    conn: &Connection,
    path: &Path,
    key: Option<&str>,
    progress: Option<Arc<Halves>>,
) -> Result<Vec<String>> {
    let pages = connect(path, key)?;
    without_virtual_tables(&pages);
    let tables = virtual_tables(conn).map_err(|e| corrupt(path, e.to_string()))?;
    let half = |conn: &Connection, which: usize, sql: Vec<String>| -> Result<Vec<String>> {
        let report = progress.as_ref().map(|halves| halves.reporter(which));
        let estimate = if which == PAGES {
            Estimate::EveryPage
        } else {
            Estimate::Steps(INDEX_STEPS_PER_PAGE)
        };
        let counted = CountedSteps::start(conn, report, estimate)?;
        let mut findings = Vec::new();
        let mut failed = None;
        for sql in &sql {
            match check_rows(conn, sql) {
                Ok(rows) => findings.extend(rows.into_iter().filter(|r| r != "ok")),
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
        }
        counted.stop(conn);
        if let Some(halves) = &progress {
            halves.done(which);
        }
        match failed {
            Some(e) => Err(corrupt(path, e.to_string())),
            None => Ok(findings),
        }
    };
    let index_checks: Vec<String> = tables
        .iter()
        .map(|name| format!("PRAGMA quick_check('{}')", name.replace('\'', "''")))
        .collect();
    let (page_findings, index_findings) = std::thread::scope(|scope| {
        let half = &half;
        let every_page =
            scope.spawn(move || half(&pages, PAGES, vec!["PRAGMA quick_check(10)".into()]));
        let index_findings = half(conn, INDEX, index_checks);
        let page_findings = every_page
            .join()
            .unwrap_or_else(|_| Err(corrupt(path, "the check of every page stopped".into())));
        (page_findings, index_findings)
    });
    Ok(page_findings?.into_iter().chain(index_findings?).collect())
}

/// The rows `sql` (a `quick_check`) answers.
fn check_rows(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<String>> {
    conn.prepare(sql)?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect()
}

/// The names of the virtual tables in the journal's schema (the search
/// index).
fn virtual_tables(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    conn.prepare(
        "SELECT name FROM sqlite_schema
          WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
    )?
    .query_map([], |r| r.get(0))?
    .collect()
}

fn corrupt(path: &Path, detail: String) -> StoreError {
    StoreError::Corrupt {
        path: path.to_path_buf(),
        detail,
    }
}

/// The half of the check that reads every page, and the one that checks
/// the virtual tables.
const PAGES: usize = 0;
const INDEX: usize = 1;

/// How far each half of a check has come; the check's progress is the
/// half that lags. Once its report asks to stop, both halves stop.
struct Halves {
    state: Mutex<HalvesState>,
}

struct HalvesState {
    percent: [u8; 2],
    /// The last percentage reported.
    shown: Option<u8>,
    report: CheckProgress,
    stopped: bool,
}

impl Halves {
    fn new(report: Option<CheckProgress>) -> Option<Arc<Halves>> {
        report.map(|report| {
            Arc::new(Halves {
                state: Mutex::new(HalvesState {
                    percent: [0, 0],
                    shown: None,
                    report,
                    stopped: false,
                }),
            })
        })
    }

    /// The progress of half `which`, for its `CountedSteps`.
    fn reporter(self: &Arc<Self>, which: usize) -> CheckProgress {
        let halves = Arc::clone(self);
        Box::new(move |percent| halves.update(which, percent))
    }

    fn update(&self, which: usize, percent: u8) -> bool {
        let Ok(mut state) = self.state.lock() else {
            return true;
        };
        state.percent[which] = percent;
        // 100 only once the check has ended, which its verdict says.
        let lagging = state.percent[PAGES].min(state.percent[INDEX]).min(99);
        if !state.stopped && state.shown != Some(lagging) {
            state.shown = Some(lagging);
            state.stopped = (state.report)(lagging);
        }
        state.stopped
    }

    /// Half `which` has ended: the other alone is waited for now.
    fn done(&self, which: usize) {
        self.update(which, 100);
    }

    fn stopped(&self) -> bool {
        self.state.lock().map_or(true, |state| state.stopped)
    }
}

/// SQLite's progress handler, turned into a percentage of the steps a
/// check of this many pages takes.
struct CountedSteps {
    installed: bool,
}

/// How a check's count of progress units turns into a share of its way.
#[derive(Clone, Copy)]
enum Estimate {
    /// `quick_check` of every page: a walk of the trees, then the rows.
    EveryPage,
    /// About this many VM steps per page of the file.
    Steps(u64),
}

impl Estimate {
    /// Units expected in all, for `pages` pages.
    fn units(self, pages: u64) -> u64 {
        match self {
            Estimate::EveryPage => pages + pages * PAGES_ROW_STEPS_PER_PAGE,
            Estimate::Steps(per_page) => pages * per_page,
        }
    }

    /// Percent of the way after `units` units, for `pages` pages.
    fn percent(self, units: u64, pages: u64) -> u64 {
        match self {
            Estimate::EveryPage if units <= pages => PAGES_WALK_SHARE * units / pages,
            Estimate::EveryPage => {
                let rows = (units - pages) * (100 - PAGES_WALK_SHARE);
                PAGES_WALK_SHARE + rows / (pages * PAGES_ROW_STEPS_PER_PAGE)
            }
            Estimate::Steps(per_page) => units * 100 / (pages * per_page),
        }
    }
}

impl CountedSteps {
    fn start(
        conn: &Connection,
        progress: Option<CheckProgress>,
        estimate: Estimate,
    ) -> Result<CountedSteps> {
        let Some(mut report) = progress else {
            return Ok(CountedSteps { installed: false });
        };
        let pages: u64 = conn
            .query_row("PRAGMA page_count", [], |r| r.get::<_, i64>(0))?
            .max(1)
            .unsigned_abs();
        // Often enough for the walk of the trees (one unit a page) to move
        // the percentage; a report goes out only when it changes.
        let every = (pages / 200).clamp(10, STEPS_PER_REPORT);
        let mut units = 0u64;
        let mut shown = None;
        let mut stop = false;
        conn.progress_handler(
            i32::try_from(every).unwrap_or(i32::MAX),
            Some(move || {
                units += every;
                let percent = estimate.percent(units.min(estimate.units(pages)), pages);
                let percent = u8::try_from(percent.min(99)).unwrap_or(99);
                if shown != Some(percent) {
                    shown = Some(percent);
                    stop = report(percent);
                }
                stop
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A journal in WAL mode with one row written since its last close,
    /// still open: its `-wal` holds the row, the file does not yet.
    fn written_but_not_checkpointed(path: &Path) -> Connection {
        let conn = Connection::open(path).expect("open");
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS entry (title TEXT);
             INSERT INTO entry VALUES ('first');",
        )
        .expect("create");
        drop(conn);
        let conn = Connection::open(path).expect("reopen");
        conn.execute("INSERT INTO entry VALUES ('second')", [])
            .expect("write");
        conn
    }

    #[test]
    fn a_writer_closing_during_a_check_leaves_the_file_as_the_check_reads_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("journal.db");
        let wal = super::super::open::sibling(&path, "-wal");

        // Without the lock, the last connection to close checkpoints its
        // `-wal` into the file and deletes it.
        drop(written_but_not_checkpointed(&path));
        assert!(!wal.exists(), "closed alone, the writer checkpoints");

        let writer = written_but_not_checkpointed(&path);
        let before = fs::read(&path).expect("the file");
        let held = SharedLock::take(&path);
        drop(writer);
        assert!(
            wal.exists(),
            "the -wal is kept while the check holds the lock"
        );
        assert!(
            fs::read(&path).expect("the file") == before,
            "the file is as it was"
        );
        drop(held);

        let conn = Connection::open(&path).expect("open after");
        let rows: i64 = conn
            .query_row("SELECT count(*) FROM entry", [], |r| r.get(0))
            .expect("count");
        assert_eq!(rows, 4, "nothing the writers saved is lost");
    }
}
