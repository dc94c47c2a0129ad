//! Entries in the store: kinds, stale edits, undo, advice loops, search,
//! filters, exact text, schema checks and paging.

use proptest::prelude::*;
use rapport::store::{Cursor, InteractionFilter, PageRequest, StoreError};

use super::*;

fn everything(store: &Store) -> Vec<i64> {
    store
        .entries()
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

#[test]
fn built_in_kinds_are_there_with_their_categories() {
    let store = Store::open_in_memory().expect("open");
    let kinds: Vec<(String, String)> = store
        .people()
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
    let entry_draft = draft(&store, person, "one_on_one", today(), "first");
    let saved = store
        .entries_mut()
        .add_interaction(&entry_draft, now())
        .expect("saved");
    let mut mine = saved.to_draft();
    mine.title = "mine".into();
    let mut theirs = saved.to_draft();
    theirs.title = "theirs".into();
    store
        .entries_mut()
        .update_interaction(saved.id, saved.version, &theirs, now())
        .expect("the first edit lands");
    let err = store
        .entries_mut()
        .update_interaction(saved.id, saved.version, &mine, now())
        .expect_err("the second is stale");
    assert!(matches!(err, StoreError::Stale { .. }), "{err}");
    assert_eq!(
        store.entries().interaction(saved.id).expect("found").title,
        "theirs"
    );
}

#[test]
fn deleting_then_undo_restores_the_entry() {
    let mut store = Store::open_in_memory().expect("open");
    let person = journal_with_manager(&mut store);
    let entry_draft = draft(&store, person, "meal", today(), "a");
    let a = store
        .entries_mut()
        .add_interaction(&entry_draft, now())
        .expect("a");
    let entry_draft = draft(&store, person, "meal", today(), "b");
    let b = store
        .entries_mut()
        .add_interaction(&entry_draft, now())
        .expect("b");
    store
        .entries_mut()
        .delete_interaction(a.id, now())
        .expect("delete a");
    let later = now() + chrono::Duration::seconds(5);
    store
        .entries_mut()
        .delete_interaction(b.id, later)
        .expect("delete b");
    assert!(everything(&store).is_empty());
    assert!(store.entries().interaction(b.id).is_err());
    let restored = store
        .entries_mut()
        .undo_delete()
        .expect("undo")
        .expect("something");
    assert_eq!(restored.id, b.id, "the last deleted comes back first");
    let restored = store
        .entries_mut()
        .undo_delete()
        .expect("undo")
        .expect("something");
    assert_eq!(restored.id, a.id);
    assert!(store.entries_mut().undo_delete().expect("undo").is_none());
}

#[test]
fn an_ask_opens_an_advice_loop_until_reported_back() {
    let mut store = Store::open_in_memory().expect("open");
    let person = journal_with_manager(&mut store);
    let mut ask = draft(&store, person, "advice", today(), "How to pitch pricing?");
    ask.advice_strength = Some("finance".into());
    let saved = store
        .entries_mut()
        .add_interaction(&ask, now())
        .expect("saved");
    let advice = saved.advice_loop.expect("a loop");
    assert_eq!(advice.strength, "finance");
    assert_eq!(
        store
            .advice()
            .open_advice_loops()
            .expect("open loops")
            .len(),
        1
    );
    store
        .advice_mut()
        .report_advice(advice.id, Some(true), today())
        .expect("report");
    assert!(
        store
            .advice()
            .open_advice_loops()
            .expect("open loops")
            .is_empty()
    );
    let entry_draft = draft(&store, person, "coffee", today(), "c");
    let coffee = store
        .entries_mut()
        .add_interaction(&entry_draft, now())
        .expect("saved");
    assert!(coffee.advice_loop.is_none());
}

#[test]
fn a_summarys_new_asks_are_the_asks_of_its_window_still_open_at_its_end() {
    let mut store = Store::open_in_memory().expect("open");
    let person = journal_with_manager(&mut store);
    let day = |back: i64| today() - chrono::Duration::days(back);
    let ask = |store: &mut Store, back: i64, title: &str| {
        let mut draft = draft(store, person, "advice", day(back), title);
        draft.advice_strength = Some("finance".into());
        store
            .entries_mut()
            .add_interaction(&draft, now())
            .expect("saved")
    };
    ask(&mut store, 10, "before the window");
    ask(&mut store, 3, "open");
    let reported_in = ask(&mut store, 2, "reported within the window");
    let reported_after = ask(&mut store, 2, "reported after its end");
    let deleted = ask(&mut store, 1, "deleted");
    let loop_of =
        |entry: &rapport::domain::Interaction| entry.advice_loop.as_ref().expect("a loop").id;
    store
        .advice_mut()
        .report_advice(loop_of(&reported_in), Some(true), day(1))
        .expect("report");
    store
        .advice_mut()
        .report_advice(loop_of(&reported_after), Some(true), today())
        .expect("report");
    store
        .entries_mut()
        .delete_interaction(deleted.id, now())
        .expect("delete");

    let asked: Vec<String> = store
        .advice()
        .advice_asked(person, day(5), day(1))
        .expect("asks")
        .into_iter()
        .map(|a| a.advice.question)
        .collect();
    assert_eq!(asked, ["open", "reported after its end"]);
}

#[test]
fn search_finds_words_in_titles_notes_and_tags_and_follows_edits() {
    let mut store = Store::open_in_memory().expect("open");
    let person = journal_with_manager(&mut store);
    let mut a = draft(&store, person, "meal", today(), "Dinner downtown");
    a.notes = "We talked about the reorganisation".into();
    let a = store.entries_mut().add_interaction(&a, now()).expect("a");
    let mut b = draft(&store, person, "coffee", today(), "Coffee");
    b.tags = vec!["hiring".into()];
    let b = store.entries_mut().add_interaction(&b, now()).expect("b");
    let find = |store: &Store, text: &str| -> Vec<i64> {
        store
            .entries()
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
        .entries_mut()
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
        .people_mut()
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
    let c = store
        .entries_mut()
        .add_interaction(&tagged, now())
        .expect("c")
        .id;
    let entry_draft = draft(&store, dana, "meal", day(2026, 11, 10), "m");
    let m = store
        .entries_mut()
        .add_interaction(&entry_draft, now())
        .expect("m")
        .id;
    let entry_draft = draft(&store, sam, "one_on_one", day(2026, 11, 20), "o");
    let o = store
        .entries_mut()
        .add_interaction(&entry_draft, now())
        .expect("o")
        .id;
    let ids = |filter: InteractionFilter| -> Vec<i64> {
        store
            .entries()
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
    let meal = store.people().kind_named("dinner").expect("alias").id;
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
    let saved = store
        .entries_mut()
        .add_interaction(&d, now())
        .expect("saved");
    let back = store.entries().interaction(saved.id).expect("found");
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
            store.entries_mut().add_interaction(&d, now()).expect("saved");
        }
        let whole = everything(&store);
        let mut paged = Vec::new();
        let mut after = None;
        loop {
            let page = store
                .entries().interactions(&InteractionFilter::default(), PageRequest { limit: page_size, after })
                .expect("page");
            let Some(last) = page.last() else { break };
            after = Some(Cursor::after(last));
            paged.extend(page.iter().map(|i| i.id));
        }
        prop_assert_eq!(&paged, &whole);
        prop_assert_eq!(whole.len(), days.len());
    }

    /// Search pages read the text index in its own order; whatever order
    /// entries were written in (backdated ones too), moved to other days,
    /// deleted or retagged, they come out as the timeline has them, once.
    #[test]
    fn searching_in_any_page_size_gives_the_matches_in_timeline_order(
        entries in proptest::collection::vec((0u32..40, proptest::bool::ANY), 1..50),
        moves in proptest::collection::vec((0usize..50, 0u32..40), 0..6),
        deletes in proptest::collection::vec(0usize..50, 0..4),
        page_size in 1u32..9,
    ) {
        let mut store = Store::open_in_memory().expect("open");
        let person = journal_with_manager(&mut store);
        let mut saved = Vec::new();
        for (n, (offset, matching)) in entries.iter().enumerate() {
            let on = day(2026, 10, 1) + chrono::Days::new(u64::from(*offset));
            let title = if *matching { format!("budget talk {n}") } else { format!("walk {n}") };
            let d = draft(&store, person, "chat", on, &title);
            saved.push(store.entries_mut().add_interaction(&d, now()).expect("saved"));
        }
        for (at, offset) in moves {
            let Some(entry) = saved.get(at % saved.len()).cloned() else { continue };
            let mut d = entry.to_draft();
            d.happened_on = day(2026, 10, 1) + chrono::Days::new(u64::from(offset));
            d.tags = vec!["budget".into()];
            let moved = store.entries_mut().update_interaction(entry.id, entry.version, &d, now()).expect("moved");
            let slot = at % saved.len();
            saved[slot] = moved;
        }
        for at in deletes {
            let id = saved[at % saved.len()].id;
            let _ = store.entries_mut().delete_interaction(id, now());
        }
        let search = InteractionFilter { text: Some("budg".into()), ..InteractionFilter::default() };
        let expected: Vec<i64> = store
            .entries().interactions(&InteractionFilter::default(), PageRequest { limit: 1_000, after: None })
            .expect("timeline")
            .into_iter()
            .filter(|e| e.title.contains("budget") || e.tags.iter().any(|t| t == "budget"))
            .map(|e| e.id)
            .collect();
        let mut paged = Vec::new();
        let mut after = None;
        loop {
            let page = store
                .entries().interactions(&search, PageRequest { limit: page_size, after })
                .expect("page");
            let Some(last) = page.last() else { break };
            after = Some(Cursor::after(last));
            paged.extend(page.iter().map(|i| i.id));
        }
        prop_assert_eq!(&paged, &expected);
        // And back up: newer pages from the oldest match give the same, reversed.
        if let Some(oldest) = expected.last() {
            let oldest = store.entries().interaction(*oldest).expect("the oldest match");
            let newer = store
                .entries().interactions_newer_than(&search, Cursor::after(&oldest), 1_000)
                .expect("newer");
            let newer: Vec<i64> = newer.iter().map(|i| i.id).collect();
            prop_assert_eq!(&newer[..], &expected[..expected.len() - 1]);
        }
    }
}
