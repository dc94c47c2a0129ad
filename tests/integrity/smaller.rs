//! The smaller findings: undo restores this TUI's own last delete; a
//! stalled writer gets words, not "database is locked"; odd files get one
//! clear line each; a refused newer journal gets no side files.

use chrono::Utc;
use rapport::store::Store;

use super::*;

fn side(journal: &Path, suffix: &str) -> std::path::PathBuf {
    let mut name = journal.as_os_str().to_owned();
    name.push(suffix);
    name.into()
}

#[test]
fn undo_in_a_tui_restores_its_own_last_delete_not_another_processs() {
    let w = World::with_manager();
    let mine = w.log(&["coffee", "mine"]);
    let theirs = w.log(&["coffee", "theirs"]);
    let mut tui = Store::open(&w.db).expect("tui");
    tui.entries_mut()
        .delete_interaction(mine, Utc::now())
        .expect("delete mine");
    // Another process deletes later.
    w.run(&["rm", &theirs.to_string()]).ok();
    let back = tui
        .entries_mut()
        .undo_own_delete()
        .expect("undo")
        .expect("something undone");
    assert_eq!(back.id, mine, "this TUI's own delete comes back");
    assert_eq!(
        tui.entries_mut().undo_own_delete().expect("undo"),
        None,
        "nothing else of its own"
    );
    let listed = w.run(&["list"]).ok();
    assert!(
        listed.contains("mine") && !listed.contains("theirs"),
        "{listed}"
    );
}

#[test]
fn a_writer_stalled_past_the_busy_timeout_is_told_another_rapport_is_writing() {
    let w = World::with_manager();
    let holder = rusqlite::Connection::open(&w.db).expect("holder");
    holder
        .execute_batch("BEGIN IMMEDIATE")
        .expect("hold the write lock");
    let err = w.run(&["log", "coffee", "blocked"]).runtime_error();
    holder.execute_batch("ROLLBACK").expect("release");
    assert!(err.contains("another rapport is writing"), "{err}");
    assert!(!err.contains("database is locked"), "{err}");
}

#[test]
fn a_file_with_rapports_id_but_no_schema_version_is_refused_in_one_line_untouched() {
    let w = World::new();
    let file = w.path("odd.db");
    {
        let conn = rusqlite::Connection::open(&file).expect("create");
        conn.execute_batch(
            "PRAGMA application_id = 1380995668; CREATE TABLE person (a); INSERT INTO person VALUES (1);",
        )
        .expect("odd file");
    }
    let before = read(&file);
    let mut cmd = w.bare_command(["list"]);
    cmd.arg("--db").arg(&file);
    let err = exec(cmd).runtime_error();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.contains("untouched"), "{err}");
    assert!(read(&file) == before, "left byte for byte");
}

#[test]
fn a_folder_as_journal_says_so_once() {
    let w = World::new();
    let folder = w.path("folder");
    std::fs::create_dir(&folder).expect("folder");
    let mut cmd = w.bare_command(["list"]);
    cmd.arg("--db").arg(&folder);
    let err = exec(cmd).runtime_error();
    assert_eq!(err.matches("Is a directory").count(), 1, "{err}");
    let run = w.run(&["import", s(&folder)]);
    assert_ne!(run.code, 0);
    assert_eq!(run.stderr.matches("Is a directory").count(), 1, "{run:?}");
}

#[test]
fn a_deeply_nested_json_file_and_a_huge_line_get_one_short_line() {
    let w = World::with_manager();
    let deep = w.path("deep.json");
    write(&deep, &"[".repeat(100_000));
    let err = w.run(&["import", s(&deep)]).usage_error();
    assert_eq!(
        err.lines().count(),
        1,
        "one line: {}",
        &err[..err.len().min(300)]
    );
    assert!(err.len() < 400, "short: {} bytes", err.len());
    assert!(
        err.contains("JSON") || err.contains("json"),
        "read as JSON: {err}"
    );
    let long = w.path("long.csv");
    write(&long, &format!("{}\n", "x".repeat(200_000)));
    let err = w.run(&["import", s(&long)]).usage_error();
    assert_eq!(err.lines().count(), 1, "one line");
    assert!(err.len() < 600, "not echoed back: {} bytes", err.len());
}

#[test]
fn a_refused_newer_journal_gets_no_wal_or_shm_beside_it() {
    let w = World::new();
    let file = w.path("newer.db");
    {
        let conn = rusqlite::Connection::open(&file).expect("create");
        conn.pragma_update(None, "journal_mode", "WAL")
            .expect("wal");
        conn.pragma_update(None, "application_id", 0x5250_5254_i32)
            .expect("application_id");
        conn.pragma_update(None, "user_version", 99)
            .expect("user_version");
        conn.execute_batch("CREATE TABLE future (x); INSERT INTO future VALUES (1);")
            .expect("a table");
    }
    assert!(!side(&file, "-wal").exists() && !side(&file, "-shm").exists());
    let mut cmd = w.bare_command(["list"]);
    cmd.arg("--db").arg(&file);
    let err = exec(cmd).runtime_error();
    assert!(err.contains("newer rapport"), "{err}");
    assert!(!side(&file, "-wal").exists(), "no -wal left");
    assert!(!side(&file, "-shm").exists(), "no -shm left");
}
