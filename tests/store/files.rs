//! The journal file: private permissions, reopening, refusing what is not ours
//! untouched, and migrations that back up first and roll back on failure.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use rapport::store::{InteractionFilter, PageRequest, StoreError};

use super::*;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .expect("exists")
        .permissions()
        .mode()
        & 0o777
}

unsafe extern "C" {
    fn umask(mask: u32) -> u32;
}

#[test]
fn journal_wal_shm_and_backups_are_private_under_umask_022() {
    // SAFETY: umask only swaps the process's file mode mask.
    unsafe { umask(0o022) };
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("nested/data/journal.db");
    let mut store = Store::open(&path).expect("open");
    journal_with_manager(&mut store);
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&dir.path().join("nested/data")), 0o700);
    assert_eq!(mode(&dir.path().join("nested")), 0o700);
    let wal = dir.path().join("nested/data/journal.db-wal");
    let shm = dir.path().join("nested/data/journal.db-shm");
    assert_eq!(mode(&wal), 0o600, "the -wal file");
    assert_eq!(mode(&shm), 0o600, "the -shm file");
    let backup = dir.path().join("backups/copy.db");
    store.backup_to(&backup).expect("backup");
    assert_eq!(mode(&backup), 0o600);
    assert_eq!(mode(&dir.path().join("backups")), 0o700);
    let copy = Store::open(&backup).expect("the backup opens as a journal");
    assert_eq!(copy.people().list(false).expect("people").len(), 1);
}

#[test]
fn journal_reopens_with_what_was_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("journal.db");
    let id = {
        let mut store = Store::open(&path).expect("open");
        let person = journal_with_manager(&mut store);
        let d = draft(&store, person, "meal", today(), "dinner");
        store
            .entries_mut()
            .add_interaction(&d, now())
            .expect("saved")
            .id
    };
    let store = Store::open(&path).expect("reopen");
    assert_eq!(
        store.entries().interaction(id).expect("found").title,
        "dinner"
    );
    assert_eq!(store.integrity_check().expect("check"), vec!["ok"]);
}

fn assert_refused_untouched(path: &Path, expect: impl Fn(&StoreError) -> bool) {
    let before = std::fs::read(path).expect("read");
    let err = match Store::open(path) {
        Ok(_) => panic!("{} should be refused", path.display()),
        Err(e) => e,
    };
    assert!(expect(&err), "unexpected error: {err}");
    assert!(err.to_string().contains("left untouched"), "{err}");
    assert_eq!(std::fs::read(path).expect("read"), before, "file changed");
    for suffix in ["-wal", "-shm"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        assert!(!Path::new(&side).exists(), "{suffix} was created");
    }
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "just some text, not a database\n".repeat(20)).expect("write");
    assert_refused_untouched(&path, |e| matches!(e, StoreError::NotSqlite { .. }));
}

#[test]
fn another_programs_sqlite_file_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&path).expect("create");
    conn.execute_batch("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');")
        .expect("fill");
    drop(conn);
    assert_refused_untouched(&path, |e| matches!(e, StoreError::Foreign { .. }));
}

#[test]
fn a_journal_from_a_newer_rapport_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("newer.db");
    drop(Store::open(&path).expect("create"));
    let conn = rusqlite::Connection::open(&path).expect("open");
    conn.execute_batch("PRAGMA journal_mode = DELETE; PRAGMA user_version = 99;")
        .expect("bump");
    drop(conn);
    assert_refused_untouched(&path, |e| matches!(e, StoreError::TooNew { found: 99, .. }));
}

#[test]
fn a_damaged_journal_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("damaged.db");
    {
        let mut store = Store::open(&path).expect("create");
        let person = journal_with_manager(&mut store);
        for n in 0..200 {
            let d = draft(&store, person, "coffee", today(), &format!("coffee {n}"));
            store
                .entries_mut()
                .add_interaction(&d, now())
                .expect("saved");
        }
    }
    let conn = rusqlite::Connection::open(&path).expect("open");
    conn.execute_batch("PRAGMA journal_mode = DELETE;")
        .expect("leave wal");
    drop(conn);
    let mut bytes = std::fs::read(&path).expect("read");
    let page = 4096;
    for b in &mut bytes[page * 2..page * 6] {
        *b = 0xA5;
    }
    std::fs::write(&path, &bytes).expect("damage");
    assert_refused_untouched(&path, |e| matches!(e, StoreError::Corrupt { .. }));
}

#[test]
fn an_empty_file_becomes_a_new_journal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").expect("touch");
    let store = Store::open(&path).expect("open");
    assert_eq!(store.people().kinds().expect("kinds").len(), 10);
}

/// The migrations in `migrations/`, in order, as steps.
fn shipped_steps() -> Vec<rusqlite_migration::M<'static>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut folders: Vec<_> = std::fs::read_dir(&root)
        .expect("migrations folder")
        .map(|e| e.expect("entry").path())
        .collect();
    folders.sort();
    folders
        .iter()
        .map(|dir| {
            let sql = std::fs::read_to_string(dir.join("up.sql")).expect("up.sql");
            rusqlite_migration::M::up(Box::leak(sql.into_boxed_str()))
        })
        .collect()
}

/// Every migration in `migrations/`, plus one more, as a future release
/// would ship them; also returns the future version number.
fn future_migrations(extra: &'static str) -> (rusqlite_migration::Migrations<'static>, i64) {
    let mut steps = shipped_steps();
    steps.push(rusqlite_migration::M::up(extra));
    let version = steps.len() as i64;
    (rusqlite_migration::Migrations::new(steps), version)
}

#[test]
fn migrating_backs_up_the_older_journal_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("journal.db");
    {
        let mut store = Store::open(&path).expect("today's version");
        let person = journal_with_manager(&mut store);
        let d = draft(&store, person, "meal", today(), "before the upgrade");
        store
            .entries_mut()
            .add_interaction(&d, now())
            .expect("saved");
    }
    let (migrations, future) = future_migrations("ALTER TABLE interaction ADD COLUMN mood TEXT;");
    let store = Store::open_with_migrations(&path, &migrations, future).expect("upgraded");
    let version: i64 = store
        .connection()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, future);
    let current = rapport::store::SCHEMA_VERSION;
    let backup = dir.path().join(format!("journal.db.v{current}.bak"));
    assert_eq!(mode(&backup), 0o600);
    let old = rusqlite::Connection::open(&backup).expect("backup opens");
    let (version, title): (i64, String) = old
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version), title FROM interaction",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("backup content");
    assert_eq!((version, title.as_str()), (current, "before the upgrade"));
}

#[test]
fn a_failing_migration_leaves_the_journal_as_it_was() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("journal.db");
    {
        let mut store = Store::open(&path).expect("today's version");
        journal_with_manager(&mut store);
    }
    let (migrations, future) = future_migrations("CREATE TABLE mood (x); THIS IS NOT SQL;");
    assert!(Store::open_with_migrations(&path, &migrations, future).is_err());
    let store = Store::open(&path).expect("still opens as it was");
    assert_eq!(store.people().list(false).expect("people").len(), 1);
    let has_mood: bool = store
        .connection()
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE name = 'mood')",
            [],
            |r| r.get(0),
        )
        .expect("schema");
    assert!(!has_mood, "the half-applied migration was rolled back");
}

#[test]
fn a_schema_4_journal_keeps_its_entries_and_searches_in_timeline_order_after_migrating() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("journal.db");
    let four = rusqlite_migration::Migrations::new(shipped_steps().into_iter().take(4).collect());
    let mut written = Vec::new();
    {
        let store = Store::open_with_migrations(&path, &four, 4).expect("a schema 4 journal");
        // Written as schema 4 knew a person (today's store writes columns it lacked).
        store
            .connection()
            .execute_batch(
                "INSERT INTO person (id, name, role, is_current, cadence_days, created_at, updated_at)
                 VALUES (1, 'Dana', 'EM', 1, 7, '2026-01-02T09:00:00.000Z', '2026-01-02T09:00:00.000Z')",
            )
            .expect("person");
        let person = 1;
        // Written newest first, so ids run against the timeline; in SQL, as
        // a schema 4 rapport wrote them (today's store writes today's schema).
        let conn = store.connection();
        let coffee: i64 = conn
            .query_row("SELECT id FROM kind WHERE name = 'coffee'", [], |r| {
                r.get(0)
            })
            .expect("coffee");
        for (n, back) in [0u64, 3, 9, 1, 30].iter().enumerate() {
            let on = today() - chrono::Days::new(*back);
            conn.execute(
                "INSERT INTO interaction (person_id, kind_id, happened_on, title, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, '2026-11-24T09:00:00.000Z', '2026-11-24T09:00:00.000Z')",
                rusqlite::params![person, coffee, on.to_string(), format!("budget walk {n}")],
            )
            .expect("saved");
            let id = conn.last_insert_rowid();
            conn.execute(
                "INSERT INTO interaction_tag (interaction_id, tag) VALUES (?1, 'hiring')",
                [id],
            )
            .expect("tagged");
            written.push(id);
        }
    }
    let store = Store::open(&path).expect("migrated");
    let version: i64 = store
        .connection()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, rapport::store::SCHEMA_VERSION);
    let timeline: Vec<i64> = store
        .entries()
        .interactions(
            &InteractionFilter::default(),
            PageRequest {
                limit: 50,
                after: None,
            },
        )
        .expect("timeline")
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(timeline.len(), written.len(), "every entry survived");
    for words in ["budget", "hiring", "walk budg"] {
        let found: Vec<i64> = store
            .entries()
            .interactions(
                &InteractionFilter {
                    text: Some(words.into()),
                    ..InteractionFilter::default()
                },
                PageRequest {
                    limit: 50,
                    after: None,
                },
            )
            .expect("search")
            .iter()
            .map(|e| e.id)
            .collect();
        assert_eq!(found, timeline, "`{words}` finds every entry, newest first");
    }
    assert!(
        dir.path().join("journal.db.v4.bak").exists(),
        "backed up first"
    );
}
