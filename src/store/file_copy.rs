//! A copy of the journal's file as fast as `cp`, taken while others may use
//! it. The WAL is first checkpointed into the file and emptied; then, under
//! the write lock, no commit can append to the WAL and no checkpoint has
//! anything left to write, so the file holds still while its bytes are
//! copied (by the kernel: `copy_file_range`). SQLite's backup API, which
//! moves every page through two page caches, took five times as long.

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::Path;

use rusqlite::TransactionBehavior;

use super::open::sibling;
use super::{Result, Store, StoreError};

/// Bytes copied between two progress reports.
const CHUNK: u64 = 32 * 1024 * 1024;

/// What a copy reports as it goes: bytes copied, bytes in all.
pub type CopyProgress<'a> = &'a mut dyn FnMut(u64, u64);

impl Store {
    /// Copies the journal's file into `target` (an empty file), byte for
    /// byte, and syncs it. `Ok(false)` when the file could not be held
    /// still — a reader kept the WAL from being emptied, or this store
    /// cannot write (nor so take the write lock) — and nothing was copied:
    /// the caller then uses SQLite's backup API.
    pub(super) fn copy_file_into(&self, target: &Path, progress: CopyProgress<'_>) -> Result<bool> {
        let Some(source) = self.path.as_deref() else {
            return Ok(false);
        };
        if self.read_only {
            return Ok(false);
        }
        let (busy, _, _): (i64, i64, i64) =
            self.conn
                .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?;
        if busy != 0 {
            return Ok(false);
        }
        // Held until the copy is done; dropping it rolls back (nothing was
        // written) and lets the writers in.
        let _write_lock =
            rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Immediate)?;
        // A commit between the checkpoint and the lock put pages in the WAL.
        let wal = std::fs::metadata(sibling(source, "-wal")).map_or(0, |m| m.len());
        if wal > 0 {
            return Ok(false);
        }
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| StoreError::Io { path, source }
        };
        let from = File::open(source).map_err(io(source))?;
        let mut to = OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(target)
            .map_err(io(target))?;
        let total = from.metadata().map_err(io(source))?.len();
        let mut done = 0;
        while done < total {
            let copied = std::io::copy(&mut (&from).take(CHUNK), &mut to).map_err(io(target))?;
            if copied == 0 {
                break;
            }
            done += copied;
            progress(done, total);
        }
        to.sync_all().map_err(io(target))?;
        Ok(true)
    }
}
