//! Files that are not ours: newer, foreign, non-SQLite and corrupt journals
//! are refused and left byte for byte as they were.

use super::*;

// ---------------------------------------------------------------- files that are not ours

/// Runs a reading and a writing command on `file`; both must fail with exit 1
/// and `expected` in the message, leaving the file byte for byte as it was.
fn assert_refused_untouched(w: &World, file: &Path, expected: &str) {
    let before = read(file);
    for args in [
        &["list"][..],
        &["log", "coffee", "x"],
        &["person", "add", "Dana"],
    ] {
        let mut cmd = w.bare_command(args);
        cmd.arg("--db").arg(file);
        let err = exec(cmd).runtime_error();
        assert!(err.contains(expected), "{args:?}: says {expected:?}: {err}");
        assert!(err.contains(s(file)), "{args:?}: names the file: {err}");
        assert!(err.contains("untouched"), "{args:?}: {err}");
        assert!(read(file) == before, "{args:?}: left byte for byte");
    }
    let backups: Vec<_> = std::fs::read_dir(file.parent().expect("a parent"))
        .expect("list dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".bak"))
        .collect();
    assert!(backups.is_empty(), "no migration backup was made");
}

#[test]
fn a_journal_from_a_newer_rapport_is_refused_untouched() {
    let w = World::new();
    let file = w.path("newer.db");
    {
        let conn = rusqlite::Connection::open(&file).expect("create");
        conn.pragma_update(None, "application_id", 0x5250_5254_i32)
            .expect("application_id");
        conn.pragma_update(None, "user_version", 99)
            .expect("user_version");
        conn.execute_batch("CREATE TABLE future (x); INSERT INTO future VALUES (1);")
            .expect("a table");
    }
    assert_refused_untouched(&w, &file, "newer rapport");
}

#[test]
fn a_foreign_sqlite_file_is_refused_untouched() {
    let w = World::new();
    let file = w.path("firefox.sqlite");
    {
        let conn = rusqlite::Connection::open(&file).expect("create");
        conn.execute_batch(
            "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT);
             INSERT INTO moz_places (url) VALUES ('https://example.com');",
        )
        .expect("a table");
    }
    assert_refused_untouched(&w, &file, "another program");
}

#[test]
fn a_sqlite_file_with_another_application_id_is_refused_untouched() {
    let w = World::new();
    let file = w.path("other.db");
    {
        let conn = rusqlite::Connection::open(&file).expect("create");
        conn.pragma_update(None, "application_id", 0x1234_i32)
            .expect("application_id");
        conn.execute_batch("CREATE TABLE t (x);").expect("a table");
    }
    assert_refused_untouched(&w, &file, "another program");
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let w = World::new();
    let file = w.path("random.bin");
    // Deterministic noise (xorshift), 8 KiB.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let bytes: Vec<u8> = (0..8192)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    std::fs::write(&file, &bytes).expect("write");
    assert_refused_untouched(&w, &file, "not a SQLite database");

    let text = w.path("notes.txt");
    std::fs::write(&text, "just some notes, not a database\n").expect("write");
    assert_refused_untouched(&w, &text, "not a SQLite database");
}

#[test]
fn a_corrupt_journal_is_refused_untouched() {
    let w = World::with_manager();
    for i in 0..40 {
        w.log(&[
            "chat",
            &format!("entry {i}"),
            "--notes",
            &"words ".repeat(200),
        ]);
    }
    // After the last process, the WAL is checkpointed into the main file.
    for suffix in ["-wal", "-shm"] {
        let mut side = w.db.clone().into_os_string();
        side.push(suffix);
        let side = PathBuf::from(side);
        if side.exists() {
            assert_eq!(
                std::fs::metadata(&side).expect("stat").len(),
                0,
                "{} holds no frames",
                side.display()
            );
            std::fs::remove_file(&side).expect("remove");
        }
    }
    let mut bytes = read(&w.db);
    let page_size = match u16::from_be_bytes([bytes[16], bytes[17]]) {
        1 => 65_536,
        n => usize::from(n),
    };
    let pages = bytes.len() / page_size;
    assert!(pages >= 4, "a journal of several pages ({pages})");
    // Keep page 1 (the header and schema); scribble over the rest.
    for (i, b) in bytes[page_size..].iter_mut().enumerate() {
        *b = (i as u8).wrapping_mul(31) ^ 0xa5;
    }
    std::fs::write(&w.db, &bytes).expect("write");
    assert_refused_untouched(&w, &w.db, "damaged");
}
