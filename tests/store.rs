//! The store against real SQLite files: opening, refusing, permissions,
//! entries, paging, search, stale edits, undo and the smaller records.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use rapport::domain::{
    CheckInDraft, InitiatedBy, InteractionDraft, PersonDraft, Quality, TopicStatus,
};
use rapport::store::{Cursor, InteractionFilter, PageRequest, Store, StoreError};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .expect("a real instant")
}

fn today() -> NaiveDate {
    day(2026, 11, 24)
}

/// A journal with a current manager; returns it and the manager's id.
fn journal_with_manager(store: &mut Store) -> i64 {
    store
        .add_person(
            &PersonDraft {
                name: "Dana".into(),
                role: "EM".into(),
                strengths: vec!["finance".into()],
                cadence_days: Some(7),
                is_current: true,
            },
            today(),
            now(),
        )
        .expect("person added")
        .id
}

fn draft(
    store: &Store,
    person_id: i64,
    kind: &str,
    on: NaiveDate,
    title: &str,
) -> InteractionDraft {
    InteractionDraft {
        person_id,
        kind_id: store.kind_named(kind).expect("a built-in kind").id,
        happened_on: on,
        at_time: None,
        minutes: None,
        quality: Quality::new(4).ok(),
        initiated_by: InitiatedBy::Me,
        title: title.into(),
        notes: String::new(),
        tags: Vec::new(),
        advice_strength: None,
    }
}

fn everything(store: &Store) -> Vec<i64> {
    store
        .interactions(
            &InteractionFilter::default(),
            PageRequest {
                limit: 10_000,
                after: None,
            },
        )
        .expect("list")
        .into_iter()
        .map(|i| i.id)
        .collect()
}

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
    assert_eq!(copy.people(false).expect("people").len(), 1);
}

#[test]
fn journal_reopens_with_what_was_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("journal.db");
    let id = {
        let mut store = Store::open(&path).expect("open");
        let person = journal_with_manager(&mut store);
        let d = draft(&store, person, "meal", today(), "dinner");
        store.add_interaction(&d, now()).expect("saved").id
    };
    let store = Store::open(&path).expect("reopen");
    assert_eq!(store.interaction(id).expect("found").title, "dinner");
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
            store.add_interaction(&d, now()).expect("saved");
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
    assert_eq!(store.kinds().expect("kinds").len(), 8);
}

#[test]
fn built_in_kinds_are_there_with_their_categories() {
    let store = Store::open_in_memory().expect("open");
    let kinds: Vec<(String, String)> = store
        .kinds()
        .expect("kinds")
        .into_iter()
        .map(|k| (k.name, k.category.to_string()))
        .collect();
    let expected = [
        ("one_on_one", "formal"),
        ("meal", "informal"),
        ("coffee", "informal"),
        ("chat", "informal"),
        ("advice", "ask"),
        ("summary", "update"),
        ("feedback", "feedback"),
        ("note", "note"),
    ];
    for (name, category) in expected {
        assert!(
            kinds.contains(&(name.to_string(), category.to_string())),
            "{name} missing"
        );
    }
}

#[test]
fn an_edit_against_an_old_version_is_reported_stale_not_saved() {
    let mut store = Store::open_in_memory().expect("open");
    let person = journal_with_manager(&mut store);
    let saved = store
        .add_interaction(
            &draft(&store, person, "one_on_one", today(), "first"),
            now(),
        )
        .expect("saved");
    let mut mine = saved.to_draft();
    mine.title = "mine".into();
    let mut theirs = saved.to_draft();
    theirs.title = "theirs".into();
    store
        .update_interaction(saved.id, saved.version, &theirs, now())
        .expect("the first edit lands");
    let err = store
        .update_interaction(saved.id, saved.version, &mine, now())
        .expect_err("the second is stale");
    assert!(matches!(err, StoreError::Stale { .. }), "{err}");
    assert_eq!(store.interaction(saved.id).expect("found").title, "theirs");
}

#[test]
fn deleting_then_undo_restores_the_entry() {
    let mut store = Store::open_in_memory().expect("open");
    let person = journal_with_manager(&mut store);
    let a = store
        .add_interaction(&draft(&store, person, "meal", today(), "a"), now())
        .expect("a");
    let b = store
        .add_interaction(&draft(&store, person, "meal", today(), "b"), now())
        .expect("b");
    store.delete_interaction(a.id, now()).expect("delete a");
    let later = now() + chrono::Duration::seconds(5);
    store.delete_interaction(b.id, later).expect("delete b");
    assert!(everything(&store).is_empty());
    assert!(store.interaction(b.id).is_err());
    let restored = store.undo_delete().expect("undo").expect("something");
    assert_eq!(restored.id, b.id, "the last deleted comes back first");
    let restored = store.undo_delete().expect("undo").expect("something");
    assert_eq!(restored.id, a.id);
    assert!(store.undo_delete().expect("undo").is_none());
}

#[test]
fn an_ask_opens_an_advice_loop_until_reported_back() {
    let mut store = Store::open_in_memory().expect("open");
    let person = journal_with_manager(&mut store);
    let mut ask = draft(&store, person, "advice", today(), "How to pitch pricing?");
    ask.advice_strength = Some("finance".into());
    let saved = store.add_interaction(&ask, now()).expect("saved");
    let advice = saved.advice_loop.expect("a loop");
    assert_eq!(advice.strength, "finance");
    assert_eq!(store.open_advice_loops().expect("open loops").len(), 1);
    store
        .report_advice(advice.id, Some(true), today())
        .expect("report");
    assert!(store.open_advice_loops().expect("open loops").is_empty());
    let coffee = store
        .add_interaction(&draft(&store, person, "coffee", today(), "c"), now())
        .expect("saved");
    assert!(coffee.advice_loop.is_none());
}

#[test]
fn search_finds_words_in_titles_notes_and_tags_and_follows_edits() {
    let mut store = Store::open_in_memory().expect("open");
    let person = journal_with_manager(&mut store);
    let mut a = draft(&store, person, "meal", today(), "Dinner downtown");
    a.notes = "We talked about the reorganisation".into();
    let a = store.add_interaction(&a, now()).expect("a");
    let mut b = draft(&store, person, "coffee", today(), "Coffee");
    b.tags = vec!["hiring".into()];
    let b = store.add_interaction(&b, now()).expect("b");
    let find = |store: &Store, text: &str| -> Vec<i64> {
        store
            .interactions(
                &InteractionFilter {
                    text: Some(text.into()),
                    ..InteractionFilter::default()
                },
                PageRequest {
                    limit: 50,
                    after: None,
                },
            )
            .expect("search")
            .into_iter()
            .map(|i| i.id)
            .collect()
    };
    assert_eq!(find(&store, "reorg"), vec![a.id]);
    assert_eq!(find(&store, "HIRING"), vec![b.id]);
    assert_eq!(find(&store, "dinner reorg"), vec![a.id]);
    assert!(find(&store, "dinner hiring").is_empty());
    assert!(find(&store, "\"unbalanced OR (").is_empty());
    let mut edited = b.to_draft();
    edited.tags = vec!["budget".into()];
    store
        .update_interaction(b.id, b.version, &edited, now())
        .expect("edit");
    assert!(find(&store, "hiring").is_empty());
    assert_eq!(find(&store, "budget"), vec![b.id]);
}

#[test]
fn filters_narrow_by_kind_category_person_tag_and_dates() {
    let mut store = Store::open_in_memory().expect("open");
    let dana = journal_with_manager(&mut store);
    let sam = store
        .add_person(
            &PersonDraft {
                name: "Sam".into(),
                ..PersonDraft::default()
            },
            today(),
            now(),
        )
        .expect("sam")
        .id;
    let mut tagged = draft(&store, dana, "coffee", day(2026, 11, 2), "c");
    tagged.tags = vec!["growth".into()];
    let c = store.add_interaction(&tagged, now()).expect("c").id;
    let m = store
        .add_interaction(&draft(&store, dana, "meal", day(2026, 11, 10), "m"), now())
        .expect("m")
        .id;
    let o = store
        .add_interaction(
            &draft(&store, sam, "one_on_one", day(2026, 11, 20), "o"),
            now(),
        )
        .expect("o")
        .id;
    let ids = |filter: InteractionFilter| -> Vec<i64> {
        store
            .interactions(
                &filter,
                PageRequest {
                    limit: 50,
                    after: None,
                },
            )
            .expect("list")
            .into_iter()
            .map(|i| i.id)
            .collect()
    };
    let informal = rapport::domain::Category::Informal;
    assert_eq!(
        ids(InteractionFilter {
            category: Some(informal),
            ..Default::default()
        }),
        vec![m, c]
    );
    assert_eq!(
        ids(InteractionFilter {
            person_id: Some(sam),
            ..Default::default()
        }),
        vec![o]
    );
    assert_eq!(
        ids(InteractionFilter {
            tag: Some("#growth".into()),
            ..Default::default()
        }),
        vec![c]
    );
    assert_eq!(
        ids(InteractionFilter {
            since: Some(day(2026, 11, 5)),
            until: Some(day(2026, 11, 15)),
            ..Default::default()
        }),
        vec![m]
    );
    let meal = store.kind_named("dinner").expect("alias").id;
    assert_eq!(
        ids(InteractionFilter {
            kind_id: Some(meal),
            ..Default::default()
        }),
        vec![m]
    );
}

#[test]
fn text_is_stored_exactly_whatever_it_contains() {
    let mut store = Store::open_in_memory().expect("open");
    let person = journal_with_manager(&mut store);
    let odd = "'); DROP TABLE interaction; --\u{1b}[31m red \u{0} nul \t tab 会議 👩‍💻 e\u{301}";
    let mut d = draft(&store, person, "note", today(), odd);
    d.quality = None;
    d.notes = "x".repeat(1 << 20) + odd;
    let saved = store.add_interaction(&d, now()).expect("saved");
    let back = store.interaction(saved.id).expect("found");
    assert_eq!(back.title, odd);
    assert_eq!(back.notes, d.notes);
    assert_eq!(everything(&store).len(), 1, "the table survived");
}

#[test]
fn impossible_values_are_refused_by_the_schema_too() {
    let store = Store::open_in_memory().expect("open");
    let conn = store.connection();
    conn.execute_batch("INSERT INTO person (name, created_at, updated_at) VALUES ('P', 'x', 'x')")
        .expect("person");
    for (column, value) in [
        ("happened_on", "'2026-02-30'"),
        ("quality", "6"),
        ("initiated_by", "'boss'"),
        ("at_time", "'25:00'"),
        ("minutes", "0"),
    ] {
        let (day, rest) = if column == "happened_on" {
            (value.to_string(), String::new())
        } else {
            ("'2026-11-24'".to_string(), format!(", {column}"))
        };
        let extra_value = if column == "happened_on" {
            String::new()
        } else {
            format!(", {value}")
        };
        let sql = format!(
            "INSERT INTO interaction (person_id, kind_id, happened_on, created_at, updated_at{rest})
             VALUES (1, 1, {day}, 'x', 'x'{extra_value})"
        );
        assert!(
            conn.execute(&sql, []).is_err(),
            "{column} = {value} was accepted"
        );
    }
}

#[test]
fn only_one_person_is_current_at_a_time() {
    let mut store = Store::open_in_memory().expect("open");
    let dana = journal_with_manager(&mut store);
    let sam = store
        .add_person(
            &PersonDraft {
                name: "Sam".into(),
                is_current: true,
                ..PersonDraft::default()
            },
            today(),
            now(),
        )
        .expect("sam");
    assert!(sam.is_current);
    assert!(!store.person(dana).expect("dana").is_current);
    let dup = store.add_person(
        &PersonDraft {
            name: "dana".into(),
            ..PersonDraft::default()
        },
        today(),
        now(),
    );
    assert!(matches!(dup, Err(StoreError::Conflict(_))));
}

#[test]
fn topics_keep_agenda_order_and_close_once() {
    let mut store = Store::open_in_memory().expect("open");
    let dana = journal_with_manager(&mut store);
    let first = store
        .add_topic(dana, "Headcount", today(), now())
        .expect("t1");
    let second = store
        .add_topic(dana, "On-call", today(), now())
        .expect("t2");
    let open: Vec<i64> = store
        .topics(Some(dana), false)
        .expect("topics")
        .iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(open, vec![first.id, second.id]);
    store
        .close_topic(first.id, TopicStatus::Discussed, today(), now())
        .expect("close");
    assert!(
        store
            .close_topic(first.id, TopicStatus::Dropped, today(), now())
            .is_err()
    );
    assert_eq!(store.topics(Some(dana), false).expect("open").len(), 1);
    assert_eq!(store.topics(Some(dana), true).expect("all").len(), 2);
}

#[test]
fn check_ins_and_drafts_round_trip() {
    let mut store = Store::open_in_memory().expect("open");
    let dana = journal_with_manager(&mut store);
    let check_in = CheckInDraft {
        person_id: Some(dana),
        checked_on: today(),
        trust: 3,
        clarity: 2,
        ease: 4,
        note: "ok".into(),
    };
    store.add_check_in(&check_in, now()).expect("saved");
    let bad = CheckInDraft {
        trust: 0,
        ..check_in
    };
    assert!(store.add_check_in(&bad, now()).is_err());
    assert_eq!(store.check_ins(10).expect("list").len(), 1);
    store
        .save_draft("add", "{\"title\":\"half\"}", now())
        .expect("draft");
    store
        .save_draft("add", "{\"title\":\"half typed\"}", now())
        .expect("draft");
    assert_eq!(
        store.draft("add").expect("read").as_deref(),
        Some("{\"title\":\"half typed\"}")
    );
    store.discard_draft("add").expect("discard");
    assert_eq!(store.draft("add").expect("read"), None);
}

#[test]
fn the_timeline_page_query_walks_its_index() {
    let store = Store::open_in_memory().expect("open");
    let plan: Vec<String> = store
        .connection()
        .prepare(
            "EXPLAIN QUERY PLAN SELECT id FROM interaction i WHERE i.deleted_at IS NULL
               AND i.happened_on <= ?1 AND (i.happened_on < ?1 OR i.id < ?2)
             ORDER BY i.happened_on DESC, i.id DESC LIMIT 50",
        )
        .expect("plan")
        .query_map(["2026-11-24", "10"], |r| r.get::<_, String>(3))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows");
    let text = plan.join("\n");
    assert!(text.contains("interaction_timeline"), "{text}");
    assert!(
        !text.contains("TEMP B-TREE"),
        "sorts instead of walking: {text}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn paging_in_any_page_size_gives_the_whole_timeline_once(
        days in proptest::collection::vec(0u32..40, 1..60),
        page_size in 1u32..9,
    ) {
        let mut store = Store::open_in_memory().expect("open");
        let person = journal_with_manager(&mut store);
        for (n, offset) in days.iter().enumerate() {
            let on = day(2026, 10, 1) + chrono::Days::new(u64::from(*offset));
            let d = draft(&store, person, "chat", on, &format!("e{n}"));
            store.add_interaction(&d, now()).expect("saved");
        }
        let whole = everything(&store);
        let mut paged = Vec::new();
        let mut after = None;
        loop {
            let page = store
                .interactions(&InteractionFilter::default(), PageRequest { limit: page_size, after })
                .expect("page");
            let Some(last) = page.last() else { break };
            after = Some(Cursor::after(last));
            paged.extend(page.iter().map(|i| i.id));
        }
        prop_assert_eq!(&paged, &whole);
        prop_assert_eq!(whole.len(), days.len());
    }
}

/// Every migration in `migrations/`, plus one more, as a future release
/// would ship them; also returns the future version number.
fn future_migrations(extra: &'static str) -> (rusqlite_migration::Migrations<'static>, i64) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut folders: Vec<_> = std::fs::read_dir(&root)
        .expect("migrations folder")
        .map(|e| e.expect("entry").path())
        .collect();
    folders.sort();
    let mut steps: Vec<rusqlite_migration::M<'static>> = folders
        .iter()
        .map(|dir| {
            let sql = std::fs::read_to_string(dir.join("up.sql")).expect("up.sql");
            rusqlite_migration::M::up(Box::leak(sql.into_boxed_str()))
        })
        .collect();
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
        store.add_interaction(&d, now()).expect("saved");
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
    assert_eq!(store.people(false).expect("people").len(), 1);
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
