//! The text index (migration 0014) keeps no copy of the text: a journal of
//! schema 13 migrates with every entry still found, searches answer as they
//! did, and every write keeps the index in step with the entries
//! (FTS5's own `integrity-check` against the entries).

use rapport::store::{InteractionFilter, PageRequest, Store};

use super::profiles::first_migrations;
use super::{day, draft, journal_with_manager, now};

/// FTS5 checks its index and, with rank 1, that it matches the content
/// (the entries, through the view): any word left behind or missing fails.
fn assert_index_matches_the_entries(store: &Store) {
    store
        .connection()
        .execute(
            "INSERT INTO interaction_fts (interaction_fts, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .expect("the text index matches the entries");
}

fn find(store: &Store, text: &str) -> Vec<i64> {
    store
        .entries()
        .interactions(
            &InteractionFilter {
                text: Some(text.into()),
                ..InteractionFilter::default()
            },
            PageRequest {
                limit: 500,
                after: None,
            },
        )
        .expect("search")
        .into_iter()
        .map(|i| i.id)
        .collect()
}

const SEARCHES: [&str; 9] = [
    "hiring",
    "hir",
    "budget review",
    "ünï",
    "coffee",
    "don't",
    "tag-one",
    "zeta",
    "\"unbalanced OR (",
];

/// A journal written with the store of schema 13's shape: words shared
/// across entries, tags, unicode, a soft-deleted entry and an edit.
fn fill(store: &mut Store) -> i64 {
    let person = journal_with_manager(store);
    let words = ["hiring", "budget", "review", "coffee", "zeta", "hirable"];
    for n in 0..120u32 {
        let on = day(2026, 1 + n % 11, 1 + n % 27);
        let mut entry = draft(
            store,
            person,
            ["coffee", "meal", "one_on_one", "chat"][n as usize % 4],
            on,
            &format!("{} entry{n}x", words[n as usize % words.len()]),
        );
        entry.notes = format!(
            "{} and {} — ünïcode ✓ don't {}",
            words[(n as usize + 1) % words.len()],
            words[(n as usize + 3) % words.len()],
            if n % 7 == 0 { "budget review" } else { "" }
        );
        if n % 5 == 0 {
            entry.tags = vec!["tag-one".into(), format!("t{n}")];
        }
        store
            .entries_mut()
            .add_interaction(&entry, now())
            .expect("added");
    }
    let edited = store.entries().interaction(3).expect("entry 3");
    let mut again = edited.to_draft();
    again.title = "zeta moved".into();
    again.happened_on = day(2025, 6, 1);
    again.tags = vec!["later".into()];
    store
        .entries_mut()
        .update_interaction(3, edited.version, &again, now())
        .expect("edited");
    store
        .entries_mut()
        .delete_interaction(4, now())
        .expect("soft delete");
    person
}

#[test]
fn a_schema_13_journal_migrates_with_every_entry_found_and_searches_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("journal.db");
    let before: Vec<Vec<i64>> = {
        let mut store =
            Store::open_with_migrations(&path, &first_migrations(13), 13).expect("schema 13");
        fill(&mut store);
        SEARCHES.iter().map(|q| find(&store, q)).collect()
    };
    assert!(before[0].len() > 10, "the fixture finds something");

    let store = Store::open(&path).expect("migrated");
    let after: Vec<Vec<i64>> = SEARCHES.iter().map(|q| find(&store, q)).collect();
    for ((query, old), new) in SEARCHES.iter().zip(&before).zip(&after) {
        assert_eq!(old, new, "the search for {query:?} answers as before");
    }
    assert_index_matches_the_entries(&store);
    let ids: Vec<(i64, String)> = store
        .connection()
        .prepare("SELECT id, title FROM interaction WHERE deleted_at IS NULL")
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()
        })
        .expect("entries");
    assert_eq!(ids.len(), 119, "every entry is kept");
    for (id, title) in ids {
        let word = title.split(' ').next_back().expect("a word");
        assert_eq!(find(&store, word), vec![id], "{title:?} is found");
    }
    let copies: i64 = store
        .connection()
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name = 'interaction_fts_content'",
            [],
            |r| r.get(0),
        )
        .expect("schema");
    assert_eq!(copies, 0, "the index keeps no copy of the text");
}

#[test]
fn edits_deletes_and_tag_changes_keep_the_index_in_step() {
    let mut store = Store::open_in_memory().expect("open");
    fill(&mut store);
    assert_index_matches_the_entries(&store);

    let entry = store.entries().interaction(10).expect("entry 10");
    let mut edit = entry.to_draft();
    edit.title = "renamed quokka".into();
    edit.notes = "notes about wombats".into();
    edit.happened_on = day(2024, 2, 29);
    edit.tags = vec!["zz".into(), "aa".into(), "mm".into()];
    store
        .entries_mut()
        .update_interaction(10, entry.version, &edit, now())
        .expect("edited");
    assert_index_matches_the_entries(&store);
    assert_eq!(find(&store, "quokka wombats aa"), vec![10]);
    assert!(find(&store, "entry9x").is_empty(), "the old words are gone");

    // Tags one at a time, in and out of order, as SQL would.
    let conn = store.connection();
    conn.execute_batch(
        "INSERT INTO interaction_tag VALUES (10, 'bb');
         DELETE FROM interaction_tag WHERE interaction_id = 10 AND tag = 'mm';
         DELETE FROM interaction_tag WHERE interaction_id = 10 AND tag = 'aa';
         INSERT INTO interaction_tag VALUES (11, 'solo');",
    )
    .expect("tags changed");
    assert_index_matches_the_entries(&store);
    assert_eq!(find(&store, "bb zz"), vec![10]);
    assert!(find(&store, "mm").is_empty());
    assert_eq!(find(&store, "solo"), vec![11]);

    store
        .entries_mut()
        .delete_interaction(10, now())
        .expect("soft delete");
    assert!(
        find(&store, "quokka").is_empty(),
        "a deleted entry is not found"
    );
    store.entries_mut().undo_delete().expect("undo");
    assert_eq!(find(&store, "quokka"), vec![10]);

    // A hard delete takes its tags with it (ON DELETE CASCADE).
    store
        .connection()
        .execute_batch(
            "DELETE FROM advice_loop WHERE interaction_id IN (10, 15);
                        DELETE FROM interaction WHERE id IN (10, 15);",
        )
        .expect("hard delete");
    assert_index_matches_the_entries(&store);
    assert!(find(&store, "quokka").is_empty());
    assert!(find(&store, "entry14x").is_empty(), "entry 15 is gone");
    assert_eq!(find(&store, "entry13x"), vec![14], "its neighbour stays");

    // The check is no formality: a title changed behind the index's back
    // (its trigger gone) fails it.
    store
        .connection()
        .execute_batch(
            "DROP TRIGGER interaction_fts_update;
             UPDATE interaction SET title = 'changed behind its back' WHERE id = 20;",
        )
        .expect("changed without the trigger");
    assert!(
        store
            .connection()
            .execute(
                "INSERT INTO interaction_fts (interaction_fts, rank) VALUES ('integrity-check', 1)",
                [],
            )
            .is_err(),
        "the index no longer matches"
    );
}

#[test]
fn migrating_gives_back_the_space_the_copies_took() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("journal.db");
    {
        let mut store =
            Store::open_with_migrations(&path, &first_migrations(13), 13).expect("schema 13");
        let person = journal_with_manager(&mut store);
        let mut long = draft(&store, person, "chat", day(2026, 3, 3), "a long note");
        long.notes = "words that take room in a second copy ".repeat(40);
        store
            .bulk_mut()
            .add_interactions(std::iter::repeat_n(long, 2000), now(), |_| {})
            .expect("entries");
    }
    let size = |path: &std::path::Path| std::fs::metadata(path).expect("journal").len();
    let before = size(&path);
    let store = Store::open(&path).expect("migrated");
    let free: i64 = store
        .connection()
        .query_row("PRAGMA freelist_count", [], |r| r.get(0))
        .expect("free pages");
    assert_eq!(free, 0, "the freed pages are given back");
    drop(store);
    let after = size(&path);
    assert!(
        after * 3 < before * 2,
        "the file shrinks by the copies it no longer keeps: {before} → {after} bytes"
    );
}

fn text_index_triggers(store: &Store) -> i64 {
    store
        .connection()
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE '%fts%'",
            [],
            |r| r.get(0),
        )
        .expect("triggers")
}

#[test]
fn an_import_indexes_every_entry_and_leaves_the_triggers_in_place() {
    let mut source = Store::open_in_memory().expect("open");
    fill(&mut source);
    let doc = source.documents().export_document().expect("exported");

    let mut dry = Store::open_in_memory().expect("open");
    dry.documents_mut()
        .import_document(&doc, true)
        .expect("dry run");
    assert_eq!(
        text_index_triggers(&dry),
        5,
        "a dry run puts the triggers back"
    );
    assert!(find(&dry, "hiring").is_empty());

    let mut target = Store::open_in_memory().expect("open");
    target
        .documents_mut()
        .import_document(&doc, false)
        .expect("imported");
    assert_eq!(text_index_triggers(&target), 5);
    assert_index_matches_the_entries(&target);
    for query in SEARCHES {
        assert_eq!(find(&target, query), find(&source, query), "{query:?}");
    }
    // The triggers work again after the import.
    let entry = target.entries().interaction(30).expect("entry 30");
    let mut edit = entry.to_draft();
    edit.tags = vec!["after-import".into()];
    target
        .entries_mut()
        .update_interaction(30, entry.version, &edit, now())
        .expect("edited");
    assert_index_matches_the_entries(&target);
    assert_eq!(find(&target, "after-import"), vec![30]);
}
