//! Opening a journal that is not sealed without waiting for its full check:
//! readable at once and untouched, writable only once the check passes, and
//! refused as `Store::open` refuses it when the check fails.

use std::path::Path;
use std::sync::{Arc, Mutex};

use rapport::store::{Opened, PendingCheck, StoreError, seal_path};

use super::*;

/// A journal of `entries` generated entries, closed (so sealed), then with
/// its seal gone: as after a copy or a restore.
fn unsealed_journal(path: &Path, entries: u64) {
    {
        let mut store = Store::open(path).expect("create");
        rapport::demo::write_large(&mut store, entries, today(), now(), |_| {}).expect("generated");
    }
    std::fs::remove_file(seal_path(path)).expect("the seal was written on close");
}

fn side_files(path: &Path) -> Vec<String> {
    ["-wal", "-shm"]
        .iter()
        .filter(|suffix| {
            let mut side = path.as_os_str().to_owned();
            side.push(suffix);
            Path::new(&side).exists()
        })
        .map(|s| s.to_string())
        .collect()
}

fn deferred(path: &Path) -> (Store, PendingCheck) {
    match Store::open_deferring_check(path).expect("opens") {
        Opened::Unchecked { store, check } => (store, check),
        Opened::Ready(_) => panic!("an unsealed journal owes its check"),
    }
}

#[test]
fn an_unsealed_journal_reads_at_once_untouched_and_writes_once_its_check_passes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("journal.db");
    unsealed_journal(&path, 3_000);
    let before = std::fs::read(&path).expect("read");

    let (mut store, check) = deferred(&path);
    assert!(store.is_read_only());
    let people = store.people().list(false).expect("reads");
    let d = draft(&store, people[0].id, "coffee", today(), "before the check");
    assert!(
        store.entries_mut().add_interaction(&d, now()).is_err(),
        "nothing is written before the check passes"
    );
    assert_eq!(std::fs::read(&path).expect("read"), before, "file changed");
    assert!(side_files(&path).is_empty(), "{:?}", side_files(&path));

    let reported = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&reported);
    let mut writable = check
        .run(Some(Box::new(move |percent| {
            seen.lock().expect("lock").push(percent);
            false
        })))
        .expect("a sound journal passes");
    drop(store);
    assert!(!writable.is_read_only());
    writable
        .entries_mut()
        .add_interaction(&d, now())
        .expect("saved after the check");
    let percents = reported.lock().expect("lock").clone();
    assert!(!percents.is_empty(), "the check reports its progress");
    assert!(
        percents.windows(2).all(|p| p[0] <= p[1]) && percents.iter().all(|p| *p < 100),
        "{percents:?}"
    );
}

#[test]
fn a_sealed_journal_is_ready_without_a_check() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("journal.db");
    unsealed_journal(&path, 10);
    drop(Store::open(&path).expect("checked and sealed again on close"));
    match Store::open_deferring_check(&path).expect("opens") {
        Opened::Ready(store) => assert!(!store.is_read_only()),
        Opened::Unchecked { .. } => panic!("a sealed journal needs no check"),
    }
}

#[test]
fn a_damaged_unsealed_journal_fails_its_check_as_open_refuses_it_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("damaged.db");
    unsealed_journal(&path, 300);
    let mut bytes = std::fs::read(&path).expect("read");
    let page = 4096;
    for b in &mut bytes[page * 2..page * 6] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).expect("damage");

    let (store, check) = deferred(&path);
    let refused = check.run(None).err().expect("refused");
    drop(store);
    assert!(matches!(refused, StoreError::Corrupt { .. }), "{refused}");
    let opened = Store::open(&path).err().expect("refused by open too");
    assert_eq!(refused.to_string(), opened.to_string());
    assert_eq!(std::fs::read(&path).expect("read"), bytes, "file changed");
    assert!(side_files(&path).is_empty(), "{:?}", side_files(&path));
}

#[test]
fn a_journal_whose_search_index_is_damaged_inside_sound_pages_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("index.db");
    unsealed_journal(&path, 300);
    {
        // Every page stays a well-formed b-tree page: only the search
        // index's own blocks (past its averages and structure) are junk.
        let conn = rusqlite::Connection::open(&path).expect("raw");
        let damaged = conn
            .execute(
                "UPDATE interaction_fts_data SET block = randomblob(length(block)) WHERE id > 10",
                [],
            )
            .expect("damaged");
        assert!(damaged > 0, "the index has blocks");
    }
    let bytes = std::fs::read(&path).expect("read");
    let (store, check) = deferred(&path);
    let refused = check.run(None).err().expect("refused");
    drop(store);
    assert!(matches!(refused, StoreError::Corrupt { .. }), "{refused}");
    assert!(refused.to_string().contains("interaction_fts"), "{refused}");
    let opened = Store::open(&path).err().expect("refused by open too");
    assert_eq!(refused.to_string(), opened.to_string());
    assert_eq!(std::fs::read(&path).expect("read"), bytes, "file changed");
    assert!(side_files(&path).is_empty(), "{:?}", side_files(&path));
    let doctor = Store::open_if_readable(&path)
        .expect("readable")
        .quick_check(None)
        .expect("checked");
    assert!(
        doctor.iter().any(|f| f.contains("interaction_fts")),
        "{doctor:?}"
    );
    // A check of the pages alone (the search index's module left out)
    // finds nothing: the index's own check is what refuses this file.
    let pages = rusqlite::Connection::open(&path).expect("raw");
    // SAFETY: the handle is `pages`' own, open while it is used here.
    unsafe { rusqlite::ffi::sqlite3_drop_modules(pages.handle(), std::ptr::null_mut()) };
    let verdict: String = pages
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .expect("checked");
    assert_eq!(verdict, "ok");
}
