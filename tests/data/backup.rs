//! `rapport backup` and `rapport restore`: private, verified, complete copies,
//! and a journal never lost on the way back.

use super::*;

// ------------------------------------------------------ backup, restore

#[test]
fn a_backup_goes_beside_the_journal_private_verified_and_complete() {
    let w = World::with_manager();
    w.log(&["coffee", "Coffee"]);
    let run = w.run(&["backup"]);
    assert_eq!(run.code, 0, "{run:#?}");
    let path = PathBuf::from(run.stdout.trim());
    assert_eq!(path.parent(), Some(w.path("backups").as_path()));
    assert!(
        path.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("journal-"))
    );
    assert!(
        run.stderr
            .contains("the copy is whole and opens as a rapport journal"),
        "{run:#?}"
    );
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&w.path("backups")), 0o700);
    assert_eq!(quick_checked(&path), 1);
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    assert!(
        !Path::new(&wal).exists(),
        "a backup is one self-contained file"
    );

    let second = PathBuf::from(w.run(&["backup"]).ok().trim());
    assert_ne!(
        second, path,
        "a second backup in the same second gets its own name"
    );

    let out = w.path("mine.db");
    std::fs::write(&out, "keep").expect("write");
    let err = w.run(&["backup", "--out", s(&out)]).usage_error();
    assert!(err.contains("--force"), "{err}");
    assert_eq!(read(&out), b"keep");
    w.run(&["backup", "--out", s(&out), "--force"]).ok();
    assert_eq!(quick_checked(&out), 1);
    assert_eq!(mode(&out), 0o600);
}

#[test]
fn backups_taken_while_another_process_writes_open_and_pass_quick_check() {
    let w = World::with_manager();
    let writes = 100;
    let mut writer = Command::new("sh");
    writer
        .arg("-c")
        .arg(format!(
            "i=0; while [ $i -lt {writes} ]; do \"$0\" --db \"$1\" log chat \"write $i\" >/dev/null 2>&1 || exit 1; i=$((i+1)); done"
        ))
        .arg(env!("CARGO_BIN_EXE_rapport"))
        .arg(&w.db)
        .env("RAPPORT_TODAY", TODAY)
        .env("HOME", w.path("home"))
        .env("XDG_DATA_HOME", w.path("data"))
        .env("XDG_CONFIG_HOME", w.path("config"))
        .env_remove("RAPPORT_DB")
        .stdin(Stdio::null());
    let mut child = writer.spawn().expect("the writer starts");
    let mut backups = Vec::new();
    loop {
        let finished = child.try_wait().expect("the writer is there").is_some();
        if finished && backups.len() >= 5 {
            break;
        }
        let run = w.run(&["backup"]);
        assert_eq!(run.code, 0, "{run:#?}");
        let path = PathBuf::from(run.stdout.trim());
        backups.push((path.clone(), quick_checked(&path)));
    }
    assert!(
        child.wait().expect("the writer ends").success(),
        "every write succeeded"
    );
    let counts: Vec<i64> = backups.iter().map(|(_, n)| *n).collect();
    assert!(
        counts.windows(2).all(|p| p[0] <= p[1]),
        "each copy is a moment in order: {counts:?}"
    );
    assert_eq!(w.list_json().len(), writes);
}

#[test]
fn restore_brings_a_backup_back_and_keeps_the_journal_as_it_was() {
    let w = World::with_manager();
    w.log(&["coffee", "Before the backup"]);
    let backup = PathBuf::from(w.run(&["backup"]).ok().trim());
    w.log(&["chat", "After the backup"]);
    let before_restore = w.export_json();

    let run = w.run(&["restore", s(&backup)]);
    assert_eq!(run.code, 0, "{run:#?}");
    let titles: Vec<Value> = w.list_json().iter().map(|e| e["title"].clone()).collect();
    assert_eq!(titles, ["Before the backup"]);
    let kept = run
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("the journal as it was is kept at "))
        .map(PathBuf::from)
        .unwrap_or_else(|| panic!("restore says where: {run:#?}"));
    assert_eq!(mode(&kept), 0o600);
    assert_eq!(quick_checked(&kept), 2);

    // And back again, from the copy it kept.
    w.run(&["restore", s(&kept)]).ok();
    assert_eq!(w.export_json(), before_restore);
    w.log(&["meal", "still writable"]);
}

#[test]
fn restore_refuses_what_is_not_a_good_journal_and_changes_nothing() {
    let w = World::with_manager();
    w.log(&["coffee", "Coffee"]);
    let foreign = w.path("foreign.db");
    rusqlite::Connection::open(&foreign)
        .and_then(|c| c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);"))
        .expect("a foreign database");
    let newer = PathBuf::from(w.run(&["backup"]).ok().trim());
    rusqlite::Connection::open(&newer)
        .and_then(|c| c.execute_batch("PRAGMA user_version = 99;"))
        .expect("a journal from the future");
    let damaged = PathBuf::from(w.run(&["backup"]).ok().trim());
    let mut bytes = read(&damaged);
    for b in bytes.iter_mut().skip(4096).take(4096) {
        *b = 0xA5;
    }
    std::fs::write(&damaged, bytes).expect("damage it");
    let blank = w.path("blank.db");
    rusqlite::Connection::open(&blank)
        .and_then(|c| c.execute_batch("PRAGMA user_version = 0; VACUUM;"))
        .expect("an empty database");
    let cases = [
        (
            w.file("notes.txt", "just some notes"),
            "it is not a SQLite database",
        ),
        (s(&foreign).to_string(), "another program's SQLite database"),
        (
            s(&newer).to_string(),
            "written by a newer rapport (schema 99",
        ),
        (s(&damaged).to_string(), "it is damaged"),
        (s(&blank).to_string(), "not a rapport journal"),
        (
            s(&w.path("missing.db")).to_string(),
            "there is no such file",
        ),
        (s(&w.db).to_string(), "that is the journal itself"),
    ];
    let before = w.snapshot();
    let listing = || {
        let mut names: Vec<String> = std::fs::read_dir(w.dir.path())
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        (
            names,
            std::fs::read_dir(w.path("backups"))
                .map(|d| d.count())
                .unwrap_or(0),
        )
    };
    let files_before = listing();
    for (file, expected) in cases {
        let err = w.run(&["restore", &file]).usage_error();
        assert!(
            err.contains(expected),
            "{file}: expected `{expected}` in: {err}"
        );
        assert!(err.contains("left as it was"), "{err}");
        assert_eq!(w.snapshot(), before, "{file} changed the journal");
        assert_eq!(listing(), files_before, "{file} left files behind");
    }
}

#[test]
fn restore_replaces_a_damaged_journal_and_moves_the_damaged_one_aside() {
    let w = World::with_manager();
    w.log(&["coffee", "Saved"]);
    let backup = PathBuf::from(w.run(&["backup"]).ok().trim());
    for n in 0..5 {
        w.run(&["topic", "add", &format!("filler topic {n}")]).ok();
    }
    let mut bytes = read(&w.db);
    let len = bytes.len();
    for b in bytes.iter_mut().skip(len / 2).take(len / 4) {
        *b = 0x5A;
    }
    std::fs::write(&w.db, bytes).expect("damage the journal");
    assert_ne!(w.run(&["list"]).code, 0, "the damaged journal is refused");

    let run = w.run(&["restore", s(&backup)]);
    assert_eq!(run.code, 0, "{run:#?}");
    assert_eq!(w.list_json().len(), 1);
    assert!(run.stderr.contains("kept at"), "{run:#?}");
}
