//! Copies of the journal: a verified backup taken while others may write,
//! restoring one in place of the journal, and the facts `doctor` reports.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::export::sibling_temp_path;
use super::file_copy::CopyProgress;
use super::open::create_private_file;
use super::{APPLICATION_ID, Result, SCHEMA_VERSION, Store, StoreError, secure_create_dir};

/// Every table, for `doctor`'s row counts. Fixed names: never input.
pub const TABLES: [&str; 17] = [
    "person",
    "strength",
    "kind",
    "interaction",
    "interaction_tag",
    "advice_loop",
    "topic",
    "summary",
    "summary_pick",
    "checkin",
    "nudge_state",
    "profile_item",
    "expectation",
    "promise",
    "promise_move",
    "calendar_occurrence",
    "draft",
];

/// Why a file cannot be restored; the journal was not changed.
#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    #[error("cannot restore from {path}: {reason}; the journal was left as it was")]
    Refused { path: PathBuf, reason: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What `restore` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// Where the journal as it was before is kept; `None` when there was none.
    pub previous: Option<PathBuf>,
}

impl Store {
    /// Writes a consistent copy of the journal to a new 0600 file at `dest`
    /// (or over it, with `replace`), then checks the copy is whole and opens
    /// as a rapport journal. Its pages are the journal's, which passed the
    /// full check when it was last opened unsealed (`rapport doctor` checks
    /// either in full).
    pub fn backup_verified(&self, dest: &Path, replace: bool) -> Result<()> {
        self.backup_verified_with(dest, replace, &mut |_, _| {})
    }

    /// `backup_verified`, reporting the bytes copied as it goes.
    pub fn backup_verified_with(
        &self,
        dest: &Path,
        replace: bool,
        progress: CopyProgress<'_>,
    ) -> Result<()> {
        if let Some(parent) = dest.parent() {
            secure_create_dir(parent)?;
        }
        let target = if replace {
            sibling_temp_path(dest)
        } else {
            dest.to_path_buf()
        };
        let copied = self.copy_checked(&target, progress);
        let placed = copied.and_then(|()| {
            if replace {
                fs::rename(&target, dest).map_err(|source| StoreError::Io {
                    path: dest.to_path_buf(),
                    source,
                })
            } else {
                Ok(())
            }
        });
        if placed.is_err() {
            let _ = fs::remove_file(&target);
        }
        placed
    }

    /// A copy at the new file `target`, checked: an encrypted journal's is
    /// encrypted with the same passphrase (the backup API cannot read one).
    fn copy_checked(&self, target: &Path, progress: CopyProgress<'_>) -> Result<()> {
        #[cfg(feature = "encryption")]
        if let Some(key) = &self.key {
            return self.copy_with_passphrase(target, key);
        }
        create_private_file(target)?;
        self.copy_into(target, progress)
            .and_then(|()| verify_journal_file(target))
    }

    fn copy_into(&self, target: &Path, progress: CopyProgress<'_>) -> Result<()> {
        let copied_file = self.copy_file_into(target, progress)?;
        let mut dest = Connection::open(target)?;
        if !copied_file {
            copy_all(&Backup::new(&self.conn, &mut dest)?)?;
        }
        // The copy carries the journal's WAL flag; a rollback journal makes it
        // one self-contained file that opens read-only without side files.
        let _mode: String = dest.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
        dest.close().map_err(|(_, e)| StoreError::from(e))?;
        Ok(())
    }

    /// Replaces everything in this journal with `source`'s, in one write
    /// transaction through the backup API, so other connections and the
    /// WAL stay consistent; then checks the result.
    pub fn replace_with(&mut self, source: &Store) -> Result<()> {
        copy_all(&Backup::new(&source.conn, &mut self.conn)?)?;
        let verdict: String = self
            .conn
            .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))?;
        if verdict != "ok" {
            return Err(StoreError::Corrupt {
                path: self.path.clone().unwrap_or_default(),
                detail: verdict,
            });
        }
        Ok(())
    }

    /// The schema version the journal is at (`user_version`).
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Rows per table, in `TABLES` order.
    pub fn table_counts(&self) -> Result<Vec<(&'static str, i64)>> {
        let mut counts = Vec::with_capacity(TABLES.len());
        for table in TABLES {
            let n: i64 =
                self.conn
                    .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            counts.push((table, n));
        }
        Ok(counts)
    }

    /// Interactions deleted but kept for `undo`.
    pub fn deleted_interaction_count(&self) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM interaction WHERE deleted_at IS NOT NULL",
            [],
            |r| r.get(0),
        )?)
    }
}

/// Copies every page in one step, under a single read transaction of the
/// source: a writer in another process can neither restart nor tear it.
fn copy_all(backup: &Backup<'_, '_>) -> Result<()> {
    let mut waits = 0;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked if waits < 200 => {
                waits += 1;
                std::thread::sleep(Duration::from_millis(25));
            }
            _ => {
                return Err(StoreError::Conflict(
                    "the journal stayed busy for five seconds, so nothing was copied; try again"
                        .into(),
                ));
            }
        }
    }
}

/// Checks a copy without writing to it: whole (as many pages as its
/// header says), a rapport journal this build can read, whose schema reads.
/// Its pages are not checked one by one: they are the journal's own, and
/// reading them all again would double the time a backup takes.
pub fn verify_journal_file(path: &Path) -> Result<()> {
    let damaged = |detail: String| StoreError::Corrupt {
        path: path.to_path_buf(),
        detail,
    };
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let (app_id, version): (i32, i64) = conn.query_row(
        "SELECT (SELECT application_id FROM pragma_application_id),
                (SELECT user_version FROM pragma_user_version)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    if app_id != APPLICATION_ID || !(1..=SCHEMA_VERSION).contains(&version) {
        return Err(damaged(format!(
            "the copy is not a readable rapport journal (application id {app_id}, schema {version})"
        )));
    }
    let (pages, page_size, objects): (i64, i64, i64) = conn.query_row(
        "SELECT (SELECT page_count FROM pragma_page_count),
                (SELECT page_size FROM pragma_page_size),
                (SELECT count(*) FROM sqlite_schema)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let length = fs::metadata(path).map_or(0, |m| m.len());
    if u64::try_from(pages * page_size).ok() != Some(length) || objects == 0 {
        return Err(damaged(format!(
            "the copy is not whole ({length} bytes for {pages} pages of {page_size})"
        )));
    }
    Ok(())
}

/// Replaces the journal at `journal` with the backup `file`. The file is
/// checked first on a private copy with the same checks as opening a
/// journal; the journal as it was is kept at `keep_as` (a verified backup,
/// or the damaged file itself moved aside when it no longer opens).
pub fn restore_journal(
    journal: &Path,
    file: &Path,
    keep_as: &Path,
) -> Result<Restored, RestoreError> {
    let refuse = |reason: String| RestoreError::Refused {
        path: file.to_path_buf(),
        reason,
    };
    if !file.is_file() {
        return Err(refuse("there is no such file".into()));
    }
    let same = fs::canonicalize(file).ok();
    if same.is_some() && same == fs::canonicalize(journal).ok() {
        return Err(refuse("that is the journal itself".into()));
    }
    let parent = journal.parent().unwrap_or_else(|| Path::new("."));
    secure_create_dir(parent)?;
    let staging = Staging::create(parent)?;
    let candidate = staging.copy_of(file).map_err(|e| refuse(e.to_string()))?;
    if holds_no_journal(&candidate) {
        return Err(refuse(
            "it is an empty file or database, not a rapport journal".into(),
        ));
    }
    let source = Store::open(&candidate).map_err(|e| refuse(refusal_reason(e)))?;

    let existed = fs::metadata(journal).is_ok_and(|m| m.len() > 0);
    let mut live = match Store::open(journal) {
        Ok(live) => {
            if existed {
                live.backup_verified(keep_as, false)?;
            }
            live
        }
        // A damaged journal is what restoring is for: move it aside whole.
        Err(StoreError::Corrupt { .. }) => {
            move_aside(journal, keep_as)?;
            Store::open(journal)?
        }
        Err(other) => return Err(other.into()),
    };
    live.replace_with(&source)?;
    Ok(Restored {
        previous: existed.then(|| keep_as.to_path_buf()),
    })
}

/// A private directory beside the journal for checking a backup, removed
/// when dropped.
struct Staging {
    dir: PathBuf,
}

impl Staging {
    fn create(parent: &Path) -> Result<Staging> {
        let dir = parent.join(format!(".rapport-restore-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        secure_create_dir(&dir)?;
        Ok(Staging { dir })
    }

    /// Copies `file` (and its `-wal`, which may hold its latest writes) in.
    fn copy_of(&self, file: &Path) -> std::io::Result<PathBuf> {
        let copy = self.dir.join("candidate.db");
        let mut wal = file.as_os_str().to_owned();
        wal.push("-wal");
        for (from, to) in [
            (file.to_path_buf(), copy.clone()),
            (PathBuf::from(wal), self.dir.join("candidate.db-wal")),
        ] {
            if from == file || from.is_file() {
                create_private_file(&to).map_err(std::io::Error::other)?;
                let mut reader = fs::File::open(&from)?;
                let mut writer = fs::OpenOptions::new().write(true).open(&to)?;
                std::io::copy(&mut reader, &mut writer)?;
            }
        }
        Ok(copy)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// An SQLite file with no schema at all, which opening would take as a new
/// journal: restoring it would empty the journal.
fn holds_no_journal(path: &Path) -> bool {
    let mut magic = [0u8; 16];
    let is_sqlite = fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok()
        && &magic == b"SQLite format 3\0";
    if !is_sqlite {
        return fs::metadata(path).is_ok_and(|m| m.len() == 0);
    }
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .and_then(|c| {
            c.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
                r.get::<_, i64>(0)
            })
        })
        .is_ok_and(|objects| objects == 0)
}

/// The store's refusal in words about the backup rather than the journal.
fn refusal_reason(e: StoreError) -> String {
    match e {
        StoreError::NotSqlite { .. } => "it is not a SQLite database".into(),
        StoreError::Foreign { app_id, .. } => {
            format!("it is another program's SQLite database (application id {app_id})")
        }
        StoreError::TooNew {
            found, supported, ..
        } => format!(
            "it was written by a newer rapport (schema {found}; this one knows up to {supported}); upgrade rapport first"
        ),
        StoreError::Corrupt { detail, .. } => format!("it is damaged ({detail})"),
        StoreError::Io { source, .. } => format!("it cannot be read ({source})"),
        other => other.to_string(),
    }
}

/// Moves the journal and its side files to `keep_as`, keeping them together.
fn move_aside(journal: &Path, keep_as: &Path) -> Result<()> {
    if let Some(parent) = keep_as.parent() {
        secure_create_dir(parent)?;
    }
    for suffix in ["", "-wal", "-shm"] {
        let mut from = journal.as_os_str().to_owned();
        from.push(suffix);
        let mut to = keep_as.as_os_str().to_owned();
        to.push(suffix);
        if Path::new(&from).exists() {
            fs::rename(&from, &to).map_err(|source| StoreError::Io {
                path: PathBuf::from(&from),
                source,
            })?;
        }
    }
    Ok(())
}
