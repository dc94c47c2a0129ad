//! Encryption at rest (`--features encryption`): an encrypted journal holds
//! no note text in the clear, opens only with its passphrase, a wrong one
//! changes nothing, and copies go both ways with every row.

use super::*;

const NOTE: &str = "PLAINTEXT-MARKER the reorg is coming";

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// A plain journal with one entry holding `NOTE`, and an encrypted copy.
fn plain_and_encrypted(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf, i64) {
    let plain = dir.join("plain.db");
    let encrypted = dir.join("encrypted.db");
    let mut store = Store::open(&plain).expect("open");
    let person = journal_with_manager(&mut store);
    let mut d = draft(&store, person, "meal", today(), "dinner");
    d.notes = NOTE.into();
    let id = store
        .entries_mut()
        .add_interaction(&d, now())
        .expect("saved")
        .id;
    store
        .copy_with_passphrase(&encrypted, "correct horse")
        .expect("an encrypted copy");
    (plain, encrypted, id)
}

#[test]
fn an_encrypted_copy_holds_no_note_text_and_opens_only_with_its_passphrase() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (plain, encrypted, id) = plain_and_encrypted(dir.path());
    assert!(
        contains(&std::fs::read(&plain).expect("read"), NOTE) || {
            let mut wal = plain.as_os_str().to_owned();
            wal.push("-wal");
            contains(
                &std::fs::read(std::path::PathBuf::from(wal)).unwrap_or_default(),
                NOTE,
            )
        }
    );
    let bytes = std::fs::read(&encrypted).expect("read");
    assert!(!contains(&bytes, NOTE), "the note is not in the clear");
    assert!(
        !bytes.starts_with(b"SQLite format 3"),
        "the header is not SQLite's"
    );

    let store = Store::open_encrypted(&encrypted, "correct horse").expect("opens");
    assert!(store.is_encrypted());
    assert_eq!(store.entries().interaction(id).expect("found").notes, NOTE);
    assert_eq!(store.integrity_check().expect("check"), vec!["ok"]);
    drop(store);

    let before = std::fs::read(&encrypted).expect("read");
    let wrong = Store::open_encrypted(&encrypted, "wrong horse");
    assert!(
        matches!(
            wrong,
            Err(rapport::store::StoreError::WrongPassphrase { .. })
        ),
        "a wrong passphrase is its own error"
    );
    assert!(
        matches!(
            Store::open(&encrypted),
            Err(rapport::store::StoreError::NotSqlite { .. })
        ),
        "without a passphrase it does not read as a journal"
    );
    assert_eq!(
        std::fs::read(&encrypted).expect("read"),
        before,
        "nothing changed"
    );
}

#[test]
fn an_encrypted_journal_takes_writes_and_copies_back_to_plain() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, encrypted, id) = plain_and_encrypted(dir.path());
    let mut store = Store::open_encrypted(&encrypted, "correct horse").expect("opens");
    let person = store.people().list(false).expect("people")[0].id;
    let d = draft(&store, person, "coffee", today(), "coffee after");
    let second = store
        .entries_mut()
        .add_interaction(&d, now())
        .expect("saved")
        .id;
    // Backups of an encrypted journal are encrypted too.
    let backup = dir.path().join("backup.db");
    store.backup_to(&backup).expect("backup");
    assert!(!contains(&std::fs::read(&backup).expect("read"), NOTE));
    Store::open_encrypted(&backup, "correct horse").expect("the backup opens");

    let plain_again = dir.path().join("plain-again.db");
    store
        .copy_with_passphrase(&plain_again, "")
        .expect("a plain copy");
    drop(store);
    let plain = Store::open(&plain_again).expect("opens without a passphrase");
    assert_eq!(plain.entries().interaction(id).expect("found").notes, NOTE);
    assert_eq!(
        plain.entries().interaction(second).expect("found").title,
        "coffee after"
    );
}

#[test]
fn temp_storage_stays_in_memory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, encrypted, _) = plain_and_encrypted(dir.path());
    let store = Store::open_encrypted(&encrypted, "correct horse").expect("opens");
    let temp_store: i64 = store
        .connection()
        .query_row("PRAGMA temp_store", [], |r| r.get(0))
        .expect("pragma");
    assert_eq!(temp_store, 2, "MEMORY");
}
