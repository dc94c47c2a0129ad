//! Profiles and expectations: a journal of the previous schema (4) keeps
//! every row when it gains them, items are dated and keep their history,
//! expectations move between assumed, agreed and unclear, and both travel
//! through the JSON export.

use std::path::Path;

use chrono::Days;
use rapport::domain::{ExpectationDraft, ExpectationState, Facet, HeldBy, ProfileChange, TakesIn};
use rapport::store::{PersonChange, Store};

use super::{journal_with_manager, now, today};

/// The first `count` migrations of `migrations/`, as an older release shipped them.
pub(super) fn first_migrations(count: usize) -> rusqlite_migration::Migrations<'static> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut folders: Vec<_> = std::fs::read_dir(&root)
        .expect("migrations folder")
        .map(|e| e.expect("entry").path())
        .collect();
    folders.sort();
    let steps = folders
        .iter()
        .take(count)
        .map(|dir| {
            let sql = std::fs::read_to_string(dir.join("up.sql")).expect("up.sql");
            rusqlite_migration::M::up(Box::leak(sql.into_boxed_str()))
        })
        .collect();
    rusqlite_migration::Migrations::new(steps)
}

/// The columns of each table, as a schema has them.
type Columns = std::collections::HashMap<String, Vec<String>>;

/// Every row of every table, as text, in a stable order: the columns each
/// table has in `conn` now, or those `old` names (an older schema's).
fn dump_columns(
    conn: &rusqlite::Connection,
    tables: &[String],
    old: Option<&Columns>,
) -> Vec<String> {
    let mut out = Vec::new();
    for table in tables {
        let names = match old.and_then(|o| o.get(table)) {
            Some(names) => names.clone(),
            None => columns(conn, table),
        };
        let list = names
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let mut stmt = conn
            .prepare(&format!("SELECT {list} FROM \"{table}\" ORDER BY 1, 2"))
            .expect("select");
        let count = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let mut cells = Vec::new();
                for i in 0..count {
                    let v: rusqlite::types::Value = r.get(i)?;
                    cells.push(format!("{v:?}"));
                }
                Ok(format!("{table}: {}", cells.join(" | ")))
            })
            .expect("rows")
            .collect::<Result<Vec<_>, _>>()
            .expect("read");
        out.extend(rows);
    }
    out
}

fn dump(conn: &rusqlite::Connection, tables: &[String]) -> Vec<String> {
    dump_columns(conn, tables, None)
}

fn columns(conn: &rusqlite::Connection, table: &str) -> Vec<String> {
    conn.prepare(&format!(
        "SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
    ))
    .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
    .expect("columns")
}

fn all_columns(conn: &rusqlite::Connection, tables: &[String]) -> Columns {
    tables
        .iter()
        .map(|t| (t.clone(), columns(conn, t)))
        .collect()
}

/// `rows` without the built-in kinds a later migration added (win, risk)
/// and without the summaries, which a later migration files per 1:1 instead
/// of per week (checked on their own).
fn without_added_kinds(rows: Vec<String>) -> Vec<String> {
    rows.into_iter()
        .filter(|r| !r.starts_with("summary: "))
        .filter(|r| {
            !(r.starts_with("kind: ")
                && (r.contains("Text(\"win\")") || r.contains("Text(\"risk\")")))
        })
        .collect()
}

fn tables(conn: &rusqlite::Connection) -> Vec<String> {
    conn.prepare(
        "SELECT name FROM sqlite_schema WHERE type = 'table'
           AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'interaction_fts%' ORDER BY name",
    )
    .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
    .expect("tables")
}

#[test]
fn a_journal_of_schema_four_keeps_every_row_when_opened_by_this_version() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("journal.db");
    let (before, old_tables, old_columns) = {
        let store = Store::open_with_migrations(&path, &first_migrations(4), 4).expect("v4");
        let conn = store.connection();
        conn.execute_batch(
            "INSERT INTO person (id, name, role, is_current, cadence_days, next_one_on_one, archived, created_at, updated_at)
                 VALUES (1, 'Dana', 'Director', 1, 7, '2026-11-27', 0, '2026-01-02T09:00:00.000Z', '2026-01-02T09:00:00.000Z'),
                        (2, 'Sam', '', 0, NULL, NULL, 1, '2026-02-02T09:00:00.000Z', '2026-03-02T09:00:00.000Z');
             INSERT INTO strength (person_id, text, noted_on) VALUES (1, 'negotiating with finance', '2026-01-02');
             INSERT INTO kind (name, category) VALUES ('walk', 'informal');
             INSERT INTO interaction (id, person_id, kind_id, happened_on, at_time, minutes, quality, initiated_by, title, notes, created_at, updated_at)
                 VALUES (1, 1, 1, '2026-11-17', '10:00', 30, 4, 'me', 'weekly 1:1', 'hiring; ünïcode ✓', '2026-11-17T10:40:00.000Z', '2026-11-17T10:40:00.000Z'),
                        (2, 1, 5, '2026-11-10', NULL, NULL, 3, 'me', 'pricing pitch', '', '2026-11-10T12:00:00.000Z', '2026-11-10T12:00:00.000Z'),
                        (3, 2, 9, '2026-03-01', NULL, NULL, 5, 'them', 'walk', '', '2026-03-01T12:00:00.000Z', '2026-03-01T12:00:00.000Z');
             UPDATE interaction SET deleted_at = '2026-11-20T08:00:00.000Z' WHERE id = 3;
             INSERT INTO interaction_tag VALUES (1, 'hiring'), (2, 'pricing');
             INSERT INTO advice_loop (interaction_id, question, strength, applied, reported_on)
                 VALUES (2, 'How do I pitch the pricing migration?', 'negotiating with finance', 1, '2026-11-18');
             INSERT INTO topic (id, person_id, text, position, status, added_on, closed_on, closed_by_interaction, created_at, updated_at)
                 VALUES (1, 1, 'Headcount', 0, 'open', '2026-11-01', NULL, NULL, '2026-11-01T08:00:00.000Z', '2026-11-01T08:00:00.000Z'),
                        (2, 1, 'Roadmap', 1, 'discussed', '2026-11-01', '2026-11-17', 1, '2026-11-01T08:00:00.000Z', '2026-11-17T08:00:00.000Z');
             INSERT INTO summary (id, person_id, week_start, body, sent_on, created_at, updated_at)
                 VALUES (1, 1, '2026-11-16', '# Week', '2026-11-16', '2026-11-16T08:00:00.000Z', '2026-11-16T08:00:00.000Z');
             INSERT INTO summary_pick VALUES (1, 2);
             INSERT INTO checkin (person_id, checked_on, trust, clarity, ease, note, created_at)
                 VALUES (1, '2026-11-17', 4, 2, 3, 'unsure where I stand', '2026-11-17T18:00:00.000Z');
             INSERT INTO nudge_state (rule_id, person_id, snoozed_until, dismissed_at, done_at, anchor, switched_off)
                 VALUES ('informal-gap', 1, '2026-11-30', '2026-11-20', NULL, '2026-10-01', 0);
             INSERT INTO draft VALUES ('entry', '{\"title\":\"half\"}', '2026-11-24T08:00:00.000Z');",
        )
        .expect("a v4 journal filled");
        let old_tables = tables(conn);
        (
            dump(conn, &old_tables),
            old_tables,
            all_columns(conn, &tables(conn)),
        )
    };
    assert!(before.len() > 20, "every table has rows: {before:#?}");
    for table in &old_tables {
        if table != "interaction_fts" {
            assert!(
                before
                    .iter()
                    .any(|row| row.starts_with(&format!("{table}: "))),
                "the v4 journal has no {table} row"
            );
        }
    }

    let store = Store::open(&path).expect("this version opens a v4 journal");
    let version: i64 = store
        .connection()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("version");
    assert_eq!(version, rapport::store::SCHEMA_VERSION);
    assert_eq!(
        without_added_kinds(dump_columns(
            store.connection(),
            &old_tables,
            Some(&old_columns)
        )),
        without_added_kinds(before.clone())
    );
    assert!(
        dir.path().join("journal.db.v4.bak").exists(),
        "backed up before migrating"
    );
    // The new tables are there and empty, and the journal works as before.
    assert!(
        store
            .profiles()
            .profile(Some(1))
            .expect("profile")
            .items
            .is_empty()
    );
    assert!(
        store
            .profiles()
            .expectations(None, true)
            .expect("none")
            .is_empty()
    );
    let dana = store.people().person_named("dana").expect("Dana");
    assert_eq!(dana.strengths, ["negotiating with finance"]);
    // The search index is derived (rebuilt in timeline order by migration
    // 0005), so it is checked by searching rather than row by row.
    let found: Vec<i64> = store
        .entries()
        .interactions(
            &rapport::store::InteractionFilter {
                text: Some("ünïcode".into()),
                ..Default::default()
            },
            rapport::store::PageRequest {
                limit: 10,
                after: None,
            },
        )
        .expect("search")
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(found, [1]);
    assert_eq!(store.integrity_check().expect("check"), ["ok"]);
}

#[test]
fn replacing_goals_keeps_the_old_ones_as_history_and_confirms_the_same_ones() {
    let mut store = Store::open_in_memory().expect("open");
    let dana = journal_with_manager(&mut store);
    let earlier = today() - Days::new(100);
    let set = |store: &mut Store, goals: &[&str], day| {
        let change = ProfileChange::default()
            .list(Facet::Goal, goals.iter().map(|g| g.to_string()).collect());
        store
            .profiles_mut()
            .change_profile(Some(dana), &change, day)
            .expect("set")
    };
    set(&mut store, &["Ship pricing", "Hire two seniors"], earlier);
    let profile = set(&mut store, &["ship pricing", "Cut cloud costs"], today());
    let goals: Vec<(String, chrono::NaiveDate, chrono::NaiveDate)> = profile
        .list(Facet::Goal)
        .map(|g| (g.text.clone(), g.noted_on, g.confirmed_on))
        .collect();
    assert_eq!(
        goals,
        vec![
            ("Ship pricing".to_string(), earlier, today()),
            ("Cut cloud costs".to_string(), today(), today()),
        ]
    );
    let history = store
        .profiles()
        .profile_history(Some(dana))
        .expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].text, "Hire two seniors");
    assert_eq!(history[0].retired_on, Some(today()));
}

#[test]
fn a_style_replaces_the_last_and_a_bad_one_changes_nothing() {
    let mut store = Store::open_in_memory().expect("open");
    let dana = journal_with_manager(&mut store);
    let style = |s: &str| ProfileChange::default().value(Facet::TakesIn, Some(s.to_string()));
    store
        .profiles_mut()
        .change_profile(Some(dana), &style("reader"), today())
        .expect("reader");
    let profile = store
        .profiles_mut()
        .change_profile(Some(dana), &style("Listener"), today())
        .expect("listener");
    assert_eq!(profile.takes_in(), Some(TakesIn::Listener));
    assert!(
        store
            .profiles_mut()
            .change_profile(Some(dana), &style("skimmer"), today())
            .is_err()
    );
    let change = PersonChange {
        role: Some("VP".into()),
        profile: ProfileChange::default().value(Facet::Weakness, Some("x".into())),
        ..PersonChange::default()
    };
    assert!(
        store
            .people_mut()
            .update_person(dana, &change, today(), now())
            .is_err(),
        "a weakness is yours, not theirs"
    );
    assert_eq!(
        store.people().person(dana).expect("Dana").role,
        "EM",
        "nothing written"
    );
    assert_eq!(
        store
            .profiles()
            .profile(Some(dana))
            .expect("profile")
            .takes_in(),
        Some(TakesIn::Listener)
    );
}

#[test]
fn your_profile_is_apart_from_theirs() {
    let mut store = Store::open_in_memory().expect("open");
    let dana = journal_with_manager(&mut store);
    let mine = ProfileChange::default()
        .list(Facet::Weakness, vec!["finance negotiations".into()])
        .value(Facet::Need, Some("Clear priorities".into()));
    store
        .profiles_mut()
        .change_profile(None, &mine, today())
        .expect("me");
    let theirs = ProfileChange::default().value(Facet::Need, Some("No surprises".into()));
    store
        .profiles_mut()
        .change_profile(Some(dana), &theirs, today())
        .expect("them");
    assert_eq!(
        store
            .profiles()
            .profile(None)
            .expect("me")
            .value(Facet::Need),
        Some("Clear priorities")
    );
    assert_eq!(
        store
            .profiles()
            .profile(Some(dana))
            .expect("them")
            .value(Facet::Need),
        Some("No surprises")
    );
    let item = store
        .profiles()
        .profile(None)
        .expect("me")
        .list(Facet::Need)
        .map(|i| i.id)
        .next()
        .expect("a need");
    store
        .profiles_mut()
        .retire_profile_item(item, today())
        .expect("removed");
    assert!(
        store
            .profiles()
            .profile(None)
            .expect("me")
            .list(Facet::Need)
            .next()
            .is_none()
    );
    store
        .profiles_mut()
        .restore_profile_item(item)
        .expect("undone");
    assert!(
        store
            .profiles()
            .profile(None)
            .expect("me")
            .list(Facet::Need)
            .next()
            .is_some()
    );
}

#[test]
fn an_expectation_is_assumed_until_agreed_and_a_dropped_one_can_come_back() {
    let mut store = Store::open_in_memory().expect("open");
    let dana = journal_with_manager(&mut store);
    let e = store
        .profiles_mut()
        .add_expectation(
            &ExpectationDraft {
                person_id: dana,
                text: "  A written update every Friday ".into(),
                held_by: HeldBy::Them,
            },
            today() - Days::new(10),
            now(),
        )
        .expect("added");
    assert_eq!(e.state, ExpectationState::Assumed);
    assert_eq!(e.text, "A written update every Friday");
    assert_eq!(e.confirmed_on, None);
    let e = store
        .profiles_mut()
        .set_expectation_state(e.id, ExpectationState::Agreed, today(), now())
        .expect("agreed");
    assert_eq!(e.confirmed_on, Some(today()));
    let e = store
        .profiles_mut()
        .set_expectation_state(e.id, ExpectationState::Unclear, today(), now())
        .expect("unclear");
    assert_eq!(
        (e.state, e.confirmed_on),
        (ExpectationState::Unclear, Some(today()))
    );
    store
        .profiles_mut()
        .drop_expectation(e.id, today(), now())
        .expect("dropped");
    assert!(
        store
            .profiles()
            .expectations(Some(dana), false)
            .expect("list")
            .is_empty()
    );
    assert!(
        store
            .profiles_mut()
            .set_expectation_state(e.id, ExpectationState::Agreed, today(), now())
            .is_err(),
        "a dropped one cannot be agreed"
    );
    store
        .profiles_mut()
        .restore_expectation(e.id, now())
        .expect("back");
    assert_eq!(
        store
            .profiles()
            .expectations(Some(dana), false)
            .expect("list")
            .len(),
        1
    );
    let blank = ExpectationDraft {
        person_id: dana,
        text: "   ".into(),
        held_by: HeldBy::Me,
    };
    assert!(
        store
            .profiles_mut()
            .add_expectation(&blank, today(), now())
            .is_err()
    );
}

#[test]
fn profiles_and_expectations_travel_through_the_json_export() {
    let mut store = Store::open_in_memory().expect("open");
    let dana = journal_with_manager(&mut store);
    let theirs = ProfileChange::default()
        .list(Facet::Goal, vec!["Ship pricing".into()])
        .value(Facet::TakesIn, Some("reader".into()));
    store
        .profiles_mut()
        .change_profile(Some(dana), &theirs, today())
        .expect("them");
    let mine = ProfileChange::default().list(Facet::Weakness, vec!["finance".into()]);
    store
        .profiles_mut()
        .change_profile(None, &mine, today())
        .expect("me");
    store
        .profiles_mut()
        .add_expectation(
            &ExpectationDraft {
                person_id: dana,
                text: "Reply within a day".into(),
                held_by: HeldBy::Me,
            },
            today(),
            now(),
        )
        .expect("expectation");
    let doc = store.documents().export_document().expect("export");
    assert_eq!(doc.profile_items.len(), 3);
    assert_eq!(doc.expectations.len(), 1);
    let json: serde_json::Value =
        serde_json::from_str(&doc.to_json().expect("json")).expect("parses");
    let read = rapport::store::document_from_value(&json).expect("reads back");
    let mut copy = Store::open_in_memory().expect("open");
    copy.documents_mut()
        .import_document(&read, false)
        .expect("imported");
    assert_eq!(copy.documents().export_document().expect("export"), doc);
    assert_eq!(
        copy.profiles()
            .profile(None)
            .expect("me")
            .texts(Facet::Weakness),
        ["finance"]
    );
    // Importing it again adds nothing.
    copy.documents_mut()
        .import_document(&read, false)
        .expect("again");
    assert_eq!(copy.documents().export_document().expect("export"), doc);
}

#[test]
fn a_journal_of_schema_six_keeps_every_row_and_gains_the_work_log() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("journal.db");
    let (before, old_tables, old_columns) = {
        let store = Store::open_with_migrations(&path, &first_migrations(6), 6).expect("v6");
        let conn = store.connection();
        conn.execute_batch(
            "INSERT INTO person (id, name, role, is_current, cadence_days, next_one_on_one, archived, created_at, updated_at)
                 VALUES (1, 'Dana Okafor', 'Director', 1, 7, NULL, 0, '2026-01-02T09:00:00.000Z', '2026-01-02T09:00:00.000Z');
             INSERT INTO kind (name, category) VALUES ('walk', 'informal'), ('risk', 'note');
             INSERT INTO interaction (id, person_id, kind_id, happened_on, quality, title, notes, created_at, updated_at)
                 VALUES (1, 1, 1, '2026-11-17', 4, 'weekly 1:1', 'notes', '2026-11-17T10:40:00.000Z', '2026-11-17T10:40:00.000Z'),
                        (2, 1, 9, '2026-11-18', 5, 'walk', '', '2026-11-18T10:40:00.000Z', '2026-11-18T10:40:00.000Z'),
                        (3, 1, 10, '2026-11-19', NULL, 'my own risk kind', '', '2026-11-19T10:40:00.000Z', '2026-11-19T10:40:00.000Z');
             INSERT INTO interaction_tag VALUES (1, 'hiring');
             INSERT INTO topic (id, person_id, text, position, status, added_on, created_at, updated_at)
                 VALUES (1, 1, 'Headcount', 0, 'open', '2026-11-01', '2026-11-01T08:00:00.000Z', '2026-11-01T08:00:00.000Z');
             INSERT INTO summary (id, person_id, week_start, body, sent_on, sent_interaction, created_at, updated_at)
                 VALUES (1, 1, '2026-11-16', '# Week', '2026-11-16', NULL, '2026-11-16T08:00:00.000Z', '2026-11-16T08:00:00.000Z');
             INSERT INTO summary_pick VALUES (1, 1);
             INSERT INTO profile_item (person_id, facet, text, noted_on, confirmed_on)
                 VALUES (1, 'goal', 'Ship billing', '2026-11-01', '2026-11-01');",
        )
        .expect("a v6 journal filled");
        let old_tables = tables(conn);
        (
            dump(conn, &old_tables),
            old_tables,
            all_columns(conn, &tables(conn)),
        )
    };
    let store = Store::open(&path).expect("this version opens a v6 journal");
    let after = dump_columns(store.connection(), &old_tables, Some(&old_columns));
    // Every row is kept, ids and all; the user's own `risk` kind keeps its
    // name and category, so only `win` is added.
    assert_eq!(without_added_kinds(after), without_added_kinds(before));
    let summary: (String, String) = store
        .connection()
        .query_row(
            "SELECT after_one_on_one, body FROM summary WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the summary is kept");
    assert_eq!(
        summary,
        ("".to_string(), "# Week".to_string()),
        "sent before any 1:1: filed before the first"
    );
    let picks: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM summary_pick", [], |r| r.get(0))
        .expect("picks");
    assert_eq!(picks, 1, "the picks were not cascaded away");
    let win = store.people().kind_named("win").expect("win is built in");
    assert_eq!(
        (win.category, win.builtin),
        (rapport::domain::Category::Work, true)
    );
    assert_eq!(
        store.people().kind_named("risk").expect("theirs").category,
        rapport::domain::Category::Note
    );
    let entry = store.entries().interaction(2).expect("kept");
    assert!(!entry.private && entry.kind == "walk");
    assert_eq!(store.people().person(1).expect("Dana").call_name(), "Dana");
    // Foreign keys still hold, and the summary's picks were not cascaded away.
    let broken: i64 = store
        .connection()
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .expect("checked");
    assert_eq!(broken, 0);
}
