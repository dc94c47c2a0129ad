//! The seal: how the journal's file looked when rapport last closed it.
//!
//! `PRAGMA quick_check` reads every page (and walks every block of the
//! search index), so it costs time in proportion to the journal: about
//! 0.1 s at 100k entries, a second at 1M. Running it on every open would make
//! `rapport log` and the first frame grow with the journal. Instead, rapport
//! writes a small seal beside the journal when it closes it — the file's
//! length, modification time and inode — and the next open runs the full
//! check only when the file no longer matches: something other than rapport
//! changed it, or rapport did not close it (a crash, `kill -9`). A missing or
//! unreadable seal means "check". A pending migration is always checked
//! first, whatever the seal says; `rapport doctor` always checks.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// The seal's file: `journal.db-seal`, beside the journal.
pub fn seal_path(journal: &Path) -> PathBuf {
    let mut name = journal.as_os_str().to_owned();
    name.push("-seal");
    PathBuf::from(name)
}

/// What the seal records of the journal's file.
fn fingerprint(journal: &Path) -> Option<String> {
    let meta = fs::metadata(journal).ok()?;
    Some(format!(
        "rapport seal 1\nlen {}\nmtime {}.{:09}\ninode {}\n",
        meta.len(),
        meta.mtime(),
        meta.mtime_nsec(),
        meta.ino()
    ))
}

/// Whether the journal is exactly as rapport left it when it last closed it.
pub fn intact(journal: &Path) -> bool {
    match (fs::read_to_string(seal_path(journal)), fingerprint(journal)) {
        (Ok(seal), Some(now)) => seal == now,
        _ => false,
    }
}

/// Forgets the seal, so the next open checks the whole file.
pub fn break_seal(journal: &Path) {
    let _ = fs::remove_file(seal_path(journal));
}

/// Records how the journal looks now. Best effort: a seal that cannot be
/// written (a read-only directory) only means the next open checks in full.
pub fn record(journal: &Path) {
    let Some(now) = fingerprint(journal) else {
        return;
    };
    let path = seal_path(journal);
    let written = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(&path)
        .and_then(|mut file| file.write_all(now.as_bytes()));
    if written.is_err() {
        break_seal(journal);
    }
}

/// Seals the journal when dropped: kept in `Store` after the connection,
/// so it runs once SQLite has closed the file (and checkpointed its WAL).
#[derive(Debug)]
pub struct SealOnClose {
    pub journal: PathBuf,
}

impl Drop for SealOnClose {
    fn drop(&mut self) {
        record(&self.journal);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_seal_matches_and_any_change_breaks_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let journal = dir.path().join("j.db");
        fs::write(&journal, b"0123456789").expect("write");
        assert!(!intact(&journal), "no seal yet");
        record(&journal);
        assert!(intact(&journal));
        fs::write(&journal, b"0123456789x").expect("grow");
        assert!(!intact(&journal), "a longer file");
        record(&journal);
        fs::write(seal_path(&journal), b"rapport seal 1\n").expect("garble");
        assert!(!intact(&journal), "a garbled seal");
        break_seal(&journal);
        assert!(!intact(&journal), "no seal");
    }
}
