//! The hot queries' plans (DESIGN.md §9: flat in the journal's size): every
//! statement the timeline, search, Insights, the coach and Prep run is
//! traced from a real journal, then `EXPLAIN QUERY PLAN` is asked of each.
//! None may scan `interaction` or `advice_loop` in full; `day_total` may be
//! read whole only for the all-time range, where every day is the answer.

use std::collections::BTreeSet;
use std::sync::Mutex;

use chrono::{NaiveDate, TimeZone, Utc};
use rapport::coach::Playbook;
use rapport::config::Targets;
use rapport::domain::Person;
use rapport::insights::Range;
use rapport::journal;
use rapport::store::{Cursor, InteractionFilter, PageRequest, Store};
use rusqlite::trace::{TraceEvent, TraceEventCodes};

/// Statements traced since the last `take`, with their values bound.
static TRACED: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// One trace at a time: the tests run in parallel threads and share `TRACED`.
static ONE_TRACE: Mutex<()> = Mutex::new(());

fn record(event: TraceEvent<'_>) {
    if let TraceEvent::Stmt(stmt, sql) = event {
        let text = stmt.expanded_sql().unwrap_or_else(|| sql.to_string());
        if let Ok(mut traced) = TRACED.lock() {
            traced.push(text);
        }
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("a real date")
}

/// A generated journal of a few thousand entries over years, on disk.
fn journal() -> (tempfile::TempDir, Store, Person) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("journal.db")).expect("journal");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .expect("instant");
    rapport::demo::write_large(&mut store, 4_000, today(), now, |_| {}).expect("generated");
    let person = store
        .people()
        .current_person()
        .expect("read")
        .expect("the generated manager");
    (dir, store, person)
}

/// Runs `work` with tracing on and returns the statements it ran.
fn traced(store: &Store, work: impl FnOnce(&Store)) -> Vec<String> {
    let _one = ONE_TRACE.lock().unwrap_or_else(|e| e.into_inner());
    TRACED.lock().expect("lock").clear();
    store
        .connection()
        .trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, Some(record));
    work(store);
    store
        .connection()
        .trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, None);
    std::mem::take(&mut *TRACED.lock().expect("lock"))
}

/// `FROM x a` / `JOIN x a`: which table each alias names.
fn tables_by_alias(sql: &str) -> Vec<(String, String)> {
    let words: Vec<&str> = sql
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let keyword = |w: &str| {
        matches!(
            w.to_ascii_uppercase().as_str(),
            "ON" | "WHERE"
                | "JOIN"
                | "LEFT"
                | "CROSS"
                | "INNER"
                | "ORDER"
                | "GROUP"
                | "LIMIT"
                | "USING"
                | "INDEXED"
                | "UNION"
                | "SELECT"
        )
    };
    let mut found = Vec::new();
    for (i, w) in words.iter().enumerate() {
        if !(w.eq_ignore_ascii_case("FROM") || w.eq_ignore_ascii_case("JOIN")) {
            continue;
        }
        let Some(table) = words.get(i + 1) else {
            continue;
        };
        let alias = match words.get(i + 2) {
            Some(a) if a.eq_ignore_ascii_case("AS") => words.get(i + 3).copied(),
            Some(a) if !keyword(a) => Some(*a),
            _ => None,
        };
        found.push((alias.unwrap_or(table).to_string(), table.to_string()));
        found.push((table.to_string(), table.to_string()));
    }
    found
}

/// The tables `sql` reads in full: plan lines `SCAN x` without an index.
fn full_scans(store: &Store, sql: &str) -> (BTreeSet<String>, Vec<String>) {
    let mut stmt = store
        .connection()
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .expect("explainable");
    let plan: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(3))
        .expect("plan")
        .collect::<Result<_, _>>()
        .expect("plan rows");
    let aliases = tables_by_alias(sql);
    let scanned = plan
        .iter()
        .filter_map(|line| {
            let rest = line.strip_prefix("SCAN ")?;
            if rest.contains("USING") || rest.contains("VIRTUAL TABLE") {
                return None;
            }
            let name = rest.split_whitespace().next()?;
            let table = aliases
                .iter()
                .find(|(alias, _)| alias == name)
                .map_or(name, |(_, table)| table.as_str());
            Some(table.to_string())
        })
        .collect();
    (scanned, plan)
}

/// Checks every statement of `work`: none scans a table of `forbidden`.
fn assert_no_full_scans(
    store: &Store,
    what: &str,
    forbidden: &[&str],
    work: impl FnOnce(&Store),
) -> usize {
    let statements = traced(store, work);
    let queries: Vec<&String> = statements
        .iter()
        .filter(|s| s.trim_start().to_ascii_uppercase().starts_with("SELECT"))
        .collect();
    assert!(!queries.is_empty(), "{what}: no statement was traced");
    for sql in &queries {
        let (scanned, plan) = full_scans(store, sql);
        for table in forbidden {
            assert!(
                !scanned.contains(*table),
                "{what} scans `{table}` in full:\n{sql}\nplan: {plan:#?}"
            );
        }
    }
    queries.len()
}

const NEVER: &[&str] = &[
    "interaction",
    "advice_loop",
    "interaction_tag",
    "day_total",
    "advice_ask",
];

#[test]
fn the_checker_sees_a_full_scan_through_an_alias() {
    let (_dir, store, _) = journal();
    let (scanned, plan) = full_scans(
        &store,
        "SELECT i.id FROM interaction i JOIN kind k ON k.id = i.kind_id WHERE i.notes LIKE '%x%'",
    );
    assert!(scanned.contains("interaction"), "{plan:#?}");
    let (scanned, plan) = full_scans(&store, "SELECT id FROM interaction WHERE id = 7");
    assert!(scanned.is_empty(), "{plan:#?}");
}

#[test]
fn the_timeline_pages_by_index_in_both_directions() {
    let (_dir, store, person) = journal();
    let filters = [
        InteractionFilter::default(),
        InteractionFilter {
            person_id: Some(person.id),
            ..InteractionFilter::default()
        },
        InteractionFilter {
            tag: Some("hiring".into()),
            ..InteractionFilter::default()
        },
        InteractionFilter {
            since: NaiveDate::from_ymd_opt(2026, 3, 1),
            until: NaiveDate::from_ymd_opt(2026, 6, 30),
            ..InteractionFilter::default()
        },
    ];
    for filter in filters {
        let n = assert_no_full_scans(&store, "the timeline", NEVER, |store| {
            let first = store
                .entries()
                .interactions(
                    &filter,
                    PageRequest {
                        limit: 100,
                        after: None,
                    },
                )
                .expect("page");
            let last = first.last().map(Cursor::after).expect("a full page");
            let older = store
                .entries()
                .interactions(
                    &filter,
                    PageRequest {
                        limit: 100,
                        after: Some(last),
                    },
                )
                .expect("older");
            let back = older.first().map(Cursor::after).expect("an older page");
            store
                .entries()
                .interactions_newer_than(&filter, back, 100)
                .expect("newer");
        });
        assert!(n >= 3, "three pages were read ({n} statements)");
    }
}

#[test]
fn a_search_reads_the_text_index_in_timeline_order() {
    let (_dir, store, person) = journal();
    for filter in [
        InteractionFilter {
            text: Some("hiring".into()),
            ..InteractionFilter::default()
        },
        InteractionFilter {
            text: Some("coff wal".into()),
            person_id: Some(person.id),
            ..InteractionFilter::default()
        },
    ] {
        let statements = traced(&store, |store| {
            let first = store
                .entries()
                .interactions(
                    &filter,
                    PageRequest {
                        limit: 50,
                        after: None,
                    },
                )
                .expect("search");
            assert_eq!(first.len(), 50, "{filter:?} finds a page");
            let last = first.last().map(Cursor::after).expect("a full page");
            store
                .entries()
                .interactions(
                    &filter,
                    PageRequest {
                        limit: 50,
                        after: Some(last),
                    },
                )
                .expect("older matches");
        });
        // A statement SQLite runs inside another ("-- …": a trigger's, or
        // the one the vocabulary table finds its index with) is not ours.
        for sql in statements
            .iter()
            .filter(|s| s.contains("MATCH") && !s.starts_with("--"))
        {
            let (scanned, plan) = full_scans(&store, sql);
            assert!(scanned.is_empty(), "{sql}\n{plan:#?}");
            assert!(
                !plan.iter().any(|l| l.contains("TEMP B-TREE")),
                "a search sorts nothing: its order is the index's\n{plan:#?}"
            );
            assert!(
                plan.first().is_some_and(|l| l.contains("VIRTUAL TABLE")),
                "the text index leads\n{plan:#?}"
            );
        }
    }
}

#[test]
fn insights_read_day_totals_by_index_except_for_all_time() {
    let (_dir, store, person) = journal();
    let targets = Targets::default();
    for range in [Range::ThreeMonths, Range::SixMonths, Range::Year] {
        assert_no_full_scans(&store, "Insights", NEVER, |store| {
            journal::insights(store, &person, range, &targets, today()).expect("insights");
        });
    }
    // All time is every day there is: reading day_total whole is the only
    // way, and still never the entries themselves.
    assert_no_full_scans(
        &store,
        "Insights, all time",
        &["interaction", "advice_loop"],
        |store| {
            journal::insights(store, &person, Range::All, &targets, today()).expect("insights");
        },
    );
}

#[test]
fn the_coach_and_prep_use_indexes() {
    let (_dir, store, person) = journal();
    let playbook = Playbook::builtin();
    assert_no_full_scans(&store, "the coach", NEVER, |store| {
        journal::suggestions(store, &person, &playbook, today(), false).expect("suggestions");
    });
    assert_no_full_scans(&store, "Prep", NEVER, |store| {
        journal::prep_sheet(store, &person, today()).expect("prep");
    });
}
