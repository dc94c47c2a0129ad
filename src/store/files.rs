//! The journal's own files — the journal, its `-wal`, `-shm`, `-journal`
//! and seal — and whether a path a user gave resolves to one of them
//! (through symlinks and hard links), so nothing is ever written over them.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// The suffixes SQLite and rapport add to the journal's name.
pub const SIDE_SUFFIXES: [&str; 4] = ["-wal", "-shm", "-journal", "-seal"];

/// `journal.db-wal` for `journal.db` and `-wal`.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Where `path` leads: symlinks followed (also one that points at a file
/// not yet there), the folder made absolute. Gives up after 40 links, as
/// the kernel does.
fn resolved(path: &Path) -> PathBuf {
    let mut current = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    for _ in 0..40 {
        if let Ok(real) = fs::canonicalize(&current) {
            return real;
        }
        match fs::read_link(&current) {
            Ok(target) => {
                let base = current.parent().map(Path::to_path_buf).unwrap_or_default();
                current = base.join(target);
            }
            Err(_) => break,
        }
    }
    // Not there: resolve the folder, keep the name.
    match (current.parent(), current.file_name()) {
        (Some(parent), Some(name)) => fs::canonicalize(parent)
            .map(|p| p.join(name))
            .unwrap_or(current),
        _ => current,
    }
}

/// Every name the journal's own files have: as given and as resolved.
fn own_files(journal: &Path) -> Vec<PathBuf> {
    let mut bases = vec![resolved(journal)];
    if let Ok(absolute) = std::path::absolute(journal) {
        bases.push(absolute);
    }
    let mut names = Vec::new();
    for base in bases {
        names.push(base.clone());
        names.extend(SIDE_SUFFIXES.iter().map(|s| with_suffix(&base, s)));
    }
    names
}

/// The journal file `candidate` would write over, if any: the journal
/// itself or one of its side files, reached by name, symlink or hard link.
pub fn journal_file_at(candidate: &Path, journal: &Path) -> Option<PathBuf> {
    let target = resolved(candidate);
    let own = own_files(journal);
    if let Some(hit) = own.iter().find(|p| **p == target) {
        return Some(hit.clone());
    }
    // A hard link has its own name: compare the files themselves.
    let meta = fs::metadata(&target).ok()?;
    own.into_iter()
        .find(|p| fs::metadata(p).is_ok_and(|m| m.dev() == meta.dev() && m.ino() == meta.ino()))
}

/// Plain copies `rapport encrypt` keeps while it works and removes when it
/// is done — `journal.db.plain.bak`, `journal.db.plain.2.bak`, … — so any
/// still there were left by an encrypt that was interrupted.
pub fn plain_copies(journal: &Path) -> Vec<PathBuf> {
    let (Some(folder), Some(name)) = (journal.parent(), journal.file_name()) else {
        return Vec::new();
    };
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    let prefix = format!("{}.plain.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n == format!("{prefix}bak")
                || n.strip_prefix(&prefix)
                    .and_then(|rest| rest.strip_suffix(".bak"))
                    .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        })
        .map(|e| folder.join(e.file_name()))
        .collect();
    found.sort();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn side_files_symlinks_and_hard_links_are_the_journals_and_a_neighbour_is_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let journal = dir.path().join("j.db");
        fs::write(&journal, b"x").expect("journal");
        fs::write(with_suffix(&journal, "-shm"), b"x").expect("shm");
        let dangling = dir.path().join("link");
        std::os::unix::fs::symlink("j.db-wal", &dangling).expect("symlink");
        let hard = dir.path().join("hard");
        fs::hard_link(with_suffix(&journal, "-shm"), &hard).expect("hard link");
        for hit in [
            journal.clone(),
            with_suffix(&journal, "-wal"),
            with_suffix(&journal, "-seal"),
            dangling,
            hard,
            dir.path().join(".").join("j.db-shm"),
        ] {
            assert!(
                journal_file_at(&hit, &journal).is_some(),
                "{}",
                hit.display()
            );
        }
        assert!(journal_file_at(&dir.path().join("j.db.json"), &journal).is_none());
    }

    #[test]
    fn plain_copies_are_the_encrypt_backups_and_nothing_else() {
        let dir = tempfile::tempdir().expect("tempdir");
        for name in [
            "j.db",
            "j.db.plain.bak",
            "j.db.plain.2.bak",
            "j.db.plain.x.bak",
            "j.db.v3.bak",
        ] {
            fs::write(dir.path().join(name), b"x").expect("file");
        }
        let found = plain_copies(&dir.path().join("j.db"));
        let names: Vec<String> = found
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .collect();
        assert_eq!(names, ["j.db.plain.2.bak", "j.db.plain.bak"]);
    }
}
