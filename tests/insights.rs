//! Insights end to end: the SQL aggregates against a naive count, the
//! `stats` command, and the screen drawn at three sizes.

mod common;

use chrono::{Days, NaiveDate, Utc};
use common::{Harness, today};
use crossterm::event::KeyCode;
use proptest::prelude::*;
use rapport::config::Targets;
use rapport::domain::{Category, InitiatedBy, InteractionDraft, PersonDraft, Quality};
use rapport::insights::Range;
use rapport::journal;
use rapport::store::{InteractionFilter, PageRequest, Store};

fn demo_store() -> Store {
    let mut store = Store::open_in_memory().expect("open");
    rapport::demo::write_demo(&mut store, today(), Utc::now()).expect("demo");
    store
}

fn with_manager() -> (Store, i64) {
    let mut store = Store::open_in_memory().expect("open");
    let id = store
        .people_mut()
        .add_person(
            &PersonDraft {
                name: "Dana".into(),
                cadence_days: Some(7),
                is_current: true,
                ..PersonDraft::default()
            },
            today(),
            Utc::now(),
        )
        .expect("person")
        .id;
    (store, id)
}

#[test]
fn insights_screen_on_the_demo_journal() {
    let mut h = Harness::new(demo_store(), 120, 40);
    h.press(KeyCode::Char('2'));
    insta::assert_snapshot!("insights_demo_120x40", h.draw());
    h.resize(80, 24);
    insta::assert_snapshot!("insights_demo_80x24", h.draw());
    h.resize(60, 15);
    insta::assert_snapshot!("insights_demo_60x15", h.draw());
}

#[test]
fn insights_screen_on_an_empty_journal_says_what_will_show() {
    let (store, _) = with_manager();
    let mut h = Harness::new(store, 120, 40);
    h.press(KeyCode::Char('2'));
    insta::assert_snapshot!("insights_empty_120x40", h.draw());
    h.resize(60, 15);
    insta::assert_snapshot!("insights_empty_60x15", h.draw());
}

#[test]
fn brackets_change_the_range_and_the_figures_follow() {
    let mut h = Harness::new(demo_store(), 120, 40);
    h.press(KeyCode::Char('2'));
    let weeks = |h: &Harness| h.app.insights.data.as_ref().map(|d| d.frequency.len());
    assert_eq!(weeks(&h), Some(14));
    h.press(KeyCode::Char(']'));
    assert_eq!(h.app.insights.range, Range::SixMonths);
    assert_eq!(weeks(&h), Some(28));
    h.press(KeyCode::Char('[')).press(KeyCode::Char('['));
    assert_eq!(h.app.insights.range, Range::All);
    assert!(h.screen_text().contains("all time"));
}

#[test]
fn logging_from_the_journal_updates_insights() {
    let mut h = Harness::new(demo_store(), 120, 40);
    h.press(KeyCode::Char('2'));
    let total = |h: &Harness| {
        h.app
            .insights
            .data
            .as_ref()
            .map(|d| d.frequency.iter().map(|w| w.total).sum::<u32>())
    };
    let before = total(&h);
    h.press(KeyCode::Char('1'))
        .press(KeyCode::Char('a'))
        .press(KeyCode::Char('c'));
    h.key(KeyCode::Char('s'), crossterm::event::KeyModifiers::CONTROL);
    h.press(KeyCode::Char('2'));
    assert_eq!(total(&h), before.map(|t| t + 1));
}

#[test]
fn p_cycles_the_person_shown() {
    let mut h = Harness::new(demo_store(), 120, 40);
    h.press(KeyCode::Char('2')).press(KeyCode::Char('p'));
    assert!(h.screen_text().contains("Sam Whitfield"));
}

#[test]
fn stats_json_names_every_series() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_rapport"))
            .args(args)
            .arg("--db")
            .arg(&db)
            .env("RAPPORT_TODAY", "2026-11-24")
            .env("HOME", dir.path())
            .env("XDG_DATA_HOME", dir.path())
            .env("XDG_CONFIG_HOME", dir.path())
            .env_remove("RAPPORT_DB")
            .output()
            .expect("run")
    };
    assert!(run(&["demo"]).status.success());
    let out = run(&["stats", "--range", "12m", "--json"]);
    assert!(out.status.success(), "{out:?}");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    for key in [
        "frequency",
        "quality",
        "checkins",
        "calendar",
        "cadence",
        "streaks",
        "balance",
        "summary_effect",
    ] {
        assert!(json.get(key).is_some(), "missing {key}");
    }
    assert_eq!(json["range"], "12m");
    assert_eq!(json["calendar"].as_array().map(Vec::len), Some(52 * 7 + 2));
    let text = run(&["stats"]);
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Streaks"), "{text}");
    let bad = run(&["stats", "--range", "2y"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("3m, 6m, 12m or all"));
}

#[test]
fn the_aggregates_read_day_totals_by_key_not_the_interactions() {
    let store = Store::open_in_memory().expect("open");
    let plan = |sql: &str| -> String {
        store
            .connection()
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .expect("plan")
            .query_map([], |r| r.get::<_, String>(3))
            .expect("rows")
            .collect::<Result<Vec<_>, _>>()
            .expect("rows")
            .join("\n")
    };
    let facts = plan(
        "SELECT happened_on, kind_id, count FROM day_total WHERE person_id = 1 AND happened_on >= '2026-01-01'",
    );
    assert!(
        facts.contains("SEARCH day_total USING PRIMARY KEY"),
        "{facts}"
    );
    let last = plan("SELECT max(happened_on) FROM day_total WHERE kind_id = 2 AND person_id = 1");
    assert!(last.contains("day_total_by_kind"), "{last}");
    assert!(!facts.contains("interaction") && !last.contains("interaction"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// Whatever is logged, the weekly counts and averages from SQL equal a
    /// naive count over the entries themselves.
    #[test]
    fn sql_aggregates_match_a_naive_count(
        entries in proptest::collection::vec((0u64..120, 0usize..8, proptest::option::of(1i64..=5), any::<bool>()), 0..80),
    ) {
        let (mut store, dana) = with_manager();
        let kinds = store.people().kinds().expect("kinds");
        for (back, kind_at, quality, by_them) in &entries {
            let kind = &kinds[*kind_at];
            let draft = InteractionDraft {
                person_id: dana,
                kind_id: kind.id,
                happened_on: today() - Days::new(*back),
                at_time: None,
                minutes: None,
                quality: if kind.category == Category::Note { None } else { quality.and_then(|q| Quality::new(q).ok()) },
                initiated_by: if *by_them { InitiatedBy::Them } else { InitiatedBy::Me },
                title: String::new(),
                notes: String::new(),
                tags: Vec::new(),
                advice_strength: None,
                private: false,
            };
            store.entries_mut().add_interaction(&draft, Utc::now()).expect("saved");
        }
        // Edits, deletes and an undo must keep the day totals in step too.
        let ids: Vec<i64> = store
            .entries().interactions(&InteractionFilter::default(), PageRequest { limit: 10_000, after: None })
            .expect("list")
            .iter()
            .map(|i| i.id)
            .collect();
        for (n, id) in ids.iter().enumerate() {
            match n % 5 {
                0 => {
                    store.entries_mut().delete_interaction(*id, Utc::now()).expect("delete");
                }
                1 => {
                    let entry = store.entries().interaction(*id).expect("entry");
                    let mut draft = entry.to_draft();
                    draft.happened_on = draft.happened_on - Days::new(3);
                    draft.initiated_by = InitiatedBy::Them;
                    if entry.category != Category::Note {
                        draft.quality = Quality::new(2).ok();
                    }
                    store.entries_mut().update_interaction(*id, entry.version, &draft, Utc::now()).expect("edit");
                }
                _ => {}
            }
        }
        if !ids.is_empty() {
            store.entries_mut().undo_delete().expect("undo");
        }
        let person = store.people().person(dana).expect("person");
        let insights = journal::insights(&store, &person, Range::ThreeMonths, &Targets::default(), today()).expect("insights");
        let all = store
            .entries().interactions(&InteractionFilter::default(), PageRequest { limit: 10_000, after: None })
            .expect("list");
        let in_range: Vec<_> = all.iter().filter(|i| i.happened_on >= insights.from).collect();
        let total: u32 = insights.frequency.iter().map(|w| w.total).sum();
        prop_assert_eq!(total as usize, in_range.len());
        for category in Category::ALL {
            let sql: u32 = insights.frequency.iter().map(|w| w.count(category)).sum();
            let naive = in_range.iter().filter(|i| i.category == category).count();
            prop_assert_eq!(sql as usize, naive);
        }
        let rated: Vec<i64> = in_range
            .iter()
            .filter(|i| i.category == Category::Formal)
            .filter_map(|i| i.quality.map(i64::from))
            .collect();
        let sql_rated: u32 = insights.quality.iter().map(|q| q.one_on_one.count).sum();
        prop_assert_eq!(sql_rated as usize, rated.len());
        let by_me = in_range.iter().filter(|i| i.initiated_by == InitiatedBy::Me).count();
        prop_assert_eq!(insights.balance.by_me as usize, by_me);
        let last_formal: Option<NaiveDate> = all.iter().filter(|i| i.category == Category::Formal).map(|i| i.happened_on).max();
        prop_assert_eq!(insights.cadence[0].last, last_formal);
    }
}
