//! Promises: every change of state in one transaction, refused moves change
//! nothing, a move keeps the old due day in the history, and promises
//! travel through the JSON export.

use chrono::Days;
use rapport::domain::{MadeBy, Promise, PromiseDraft, PromiseState};
use rapport::store::{PromiseFilter, Store, StoreError};

use super::{day, draft, journal_with_manager, now, today};

fn promise_of_mine(store: &mut Store, person: i64, due: Option<chrono::NaiveDate>) -> Promise {
    store
        .promises_mut()
        .add(
            &PromiseDraft {
                person_id: person,
                text: "send the cost model".into(),
                made_by: MadeBy::Me,
                made_on: today(),
                interaction_id: None,
                due_on: due,
            },
            now(),
        )
        .expect("promise added")
}

fn friday() -> chrono::NaiveDate {
    day(2026, 11, 27)
}

/// Every row of the promise tables, to show a refusal changed nothing.
fn rows(store: &Store) -> Vec<String> {
    let conn = store.connection();
    let mut out = Vec::new();
    for sql in [
        "SELECT id, state, due_on, closed_on, updated_at FROM promise ORDER BY id",
        "SELECT id, promise_id, moved_on, from_due, to_due, '' FROM promise_move ORDER BY id",
    ] {
        let mut stmt = conn.prepare(sql).expect("select");
        let found: Vec<String> = stmt
            .query_map([], |r| {
                let cells: Vec<rusqlite::types::Value> =
                    (0..5).map(|i| r.get(i)).collect::<Result<_, _>>()?;
                Ok(format!("{cells:?}"))
            })
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("read");
        out.extend(found);
    }
    out
}

#[test]
fn a_new_promise_is_open_with_its_due_day_and_no_moves() {
    let mut store = Store::open_in_memory().expect("open");
    let dana = journal_with_manager(&mut store);
    let p = promise_of_mine(&mut store, dana, Some(friday()));
    assert_eq!(p.state, PromiseState::Open);
    assert_eq!(p.due_on, Some(friday()));
    assert_eq!(p.made_on, today());
    assert_eq!(p.closed_on, None);
    assert!(p.moves.is_empty());
    assert_eq!(store.promises().promise(p.id).expect("read"), p);
}

#[test]
fn a_promise_made_in_a_one_on_one_remembers_it() {
    let mut store = Store::open_in_memory().expect("open");
    let dana = journal_with_manager(&mut store);
    let entry = draft(&store, dana, "one_on_one", today(), "Weekly 1:1");
    let entry = store
        .entries_mut()
        .add_interaction(&entry, now())
        .expect("logged");
    let p = store
        .promises_mut()
        .add(
            &PromiseDraft {
                person_id: dana,
                text: "finance about headcount".into(),
                made_by: MadeBy::Them,
                made_on: today(),
                interaction_id: Some(entry.id),
                due_on: None,
            },
            now(),
        )
        .expect("added");
    assert_eq!(p.interaction_id, Some(entry.id));
    assert_eq!(p.made_by, MadeBy::Them);
}

#[test]
fn keeping_a_promise_closes_it_on_that_day_and_takes_it_out_of_the_open_list() {
    let mut store = Store::open_in_memory().expect("open");
    let dana = journal_with_manager(&mut store);
    let p = promise_of_mine(&mut store, dana, Some(friday()));
    let kept = store
        .promises_mut()
        .keep(p.id, today(), today(), now())
        .expect("kept");
    assert_eq!(kept.state, PromiseState::Kept);
    assert_eq!(kept.closed_on, Some(today()));
    assert!(
        store
            .promises()
            .list(PromiseFilter::default())
            .expect("list")
            .is_empty()
    );
    let all = store
        .promises()
        .list(PromiseFilter {
            include_closed: true,
            ..PromiseFilter::default()
        })
        .expect("list");
    assert_eq!(all, vec![kept]);
}

#[test]
fn missing_a_promise_closes_it_today_and_it_can_still_be_kept_late() {
    let mut store = Store::open_in_memory().expect("open");
    let dana = journal_with_manager(&mut store);
    let p = promise_of_mine(&mut store, dana, Some(today()));
    let later = today() + Days::new(3);
    let missed = store
        .promises_mut()
        .miss(p.id, later, now())
        .expect("missed");
    assert_eq!(missed.state, PromiseState::Missed);
    assert_eq!(missed.closed_on, Some(later));
    let again = store
        .promises_mut()
        .miss(p.id, later, now())
        .expect_err("twice");
    assert!(again.to_string().contains("already missed"), "{again}");
    let late = later + Days::new(1);
    let kept = store
        .promises_mut()
        .keep(p.id, late, late, now())
        .expect("kept late");
    assert_eq!(kept.state, PromiseState::Kept);
    assert_eq!(kept.closed_on, Some(late));
}

#[test]
fn moving_a_promise_renegotiates_it_and_keeps_every_old_due_day() {
    let mut store = Store::open_in_memory().expect("open");
    let dana = journal_with_manager(&mut store);
    let p = promise_of_mine(&mut store, dana, Some(friday()));
    let first = day(2026, 12, 1);
    let second = day(2026, 12, 4);
    store
        .promises_mut()
        .move_due(p.id, first, today(), now())
        .expect("moved");
    let moved = store
        .promises_mut()
        .move_due(p.id, second, day(2026, 11, 30), now())
        .expect("moved again");
    assert_eq!(moved.state, PromiseState::Renegotiated);
    assert_eq!(moved.due_on, Some(second));
    let history: Vec<_> = moved
        .moves
        .iter()
        .map(|m| (m.moved_on, m.from_due, m.to_due))
        .collect();
    assert_eq!(
        history,
        vec![
            (today(), Some(friday()), first),
            (day(2026, 11, 30), Some(first), second)
        ]
    );
    let kept = store
        .promises_mut()
        .keep(p.id, second, second, now())
        .expect("kept");
    assert_eq!(kept.moves.len(), 2, "keeping it keeps the history");
}

#[test]
fn a_promise_without_a_due_day_can_be_given_one() {
    let mut store = Store::open_in_memory().expect("open");
    let dana = journal_with_manager(&mut store);
    let p = promise_of_mine(&mut store, dana, None);
    let moved = store
        .promises_mut()
        .move_due(p.id, friday(), today(), now())
        .expect("moved");
    assert_eq!(moved.moves[0].from_due, None);
    assert_eq!(moved.due_on, Some(friday()));
}

#[test]
fn dropping_a_promise_is_final() {
    let mut store = Store::open_in_memory().expect("open");
    let dana = journal_with_manager(&mut store);
    let p = promise_of_mine(&mut store, dana, Some(friday()));
    let dropped = store
        .promises_mut()
        .drop(p.id, today(), now())
        .expect("dropped");
    assert_eq!(dropped.state, PromiseState::Dropped);
    assert_eq!(dropped.closed_on, Some(today()));
    let before = rows(&store);
    for refused in [
        store.promises_mut().keep(p.id, today(), today(), now()),
        store.promises_mut().miss(p.id, today(), now()),
        store
            .promises_mut()
            .move_due(p.id, friday(), today(), now()),
        store.promises_mut().drop(p.id, today(), now()),
    ] {
        let err = refused.expect_err("dropped is final");
        assert!(matches!(err, StoreError::Conflict(_)), "{err}");
        assert!(err.to_string().contains("already dropped"), "{err}");
    }
    assert_eq!(rows(&store), before);
}

#[test]
fn refused_changes_leave_the_promise_as_it_was() {
    let mut store = Store::open_in_memory().expect("open");
    let dana = journal_with_manager(&mut store);
    let p = promise_of_mine(&mut store, dana, Some(friday()));
    let before = rows(&store);
    let yesterday = day(2026, 11, 23);
    let err = store
        .promises_mut()
        .move_due(p.id, yesterday, today(), now())
        .expect_err("due before made");
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    let err = store
        .promises_mut()
        .keep(p.id, yesterday, today(), now())
        .expect_err("kept before made");
    assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    let err = store
        .promises_mut()
        .keep(p.id, friday(), today(), now())
        .expect_err("kept in the future");
    assert!(err.to_string().contains("after today"), "{err}");
    let err = store
        .promises_mut()
        .move_due(p.id, friday(), today(), now())
        .expect_err("same day");
    assert!(err.to_string().contains("already due"), "{err}");
    let err = store
        .promises_mut()
        .keep(99, today(), today(), now())
        .expect_err("unknown");
    assert!(
        matches!(
            err,
            StoreError::NotFound {
                what: "promise",
                id: 99
            }
        ),
        "{err}"
    );
    assert_eq!(rows(&store), before);
}

#[test]
fn a_new_promise_refuses_empty_text_a_due_day_before_it_was_made_and_strangers() {
    let mut store = Store::open_in_memory().expect("open");
    let dana = journal_with_manager(&mut store);
    let mut bad = PromiseDraft {
        person_id: dana,
        text: "   ".into(),
        made_by: MadeBy::Me,
        made_on: today(),
        interaction_id: None,
        due_on: None,
    };
    assert!(store.promises_mut().add(&bad, now()).is_err());
    bad.text = "x".into();
    bad.due_on = Some(day(2026, 11, 1));
    assert!(store.promises_mut().add(&bad, now()).is_err());
    bad.due_on = None;
    bad.person_id = 42;
    assert!(matches!(
        store.promises_mut().add(&bad, now()),
        Err(StoreError::NotFound { what: "person", .. })
    ));
    bad.person_id = dana;
    bad.interaction_id = Some(7);
    assert!(matches!(
        store.promises_mut().add(&bad, now()),
        Err(StoreError::NotFound { what: "entry", .. })
    ));
    assert!(rows(&store).is_empty());
}

#[test]
fn open_promises_list_soonest_due_first_and_those_without_a_day_last() {
    let mut store = Store::open_in_memory().expect("open");
    let dana = journal_with_manager(&mut store);
    let none = promise_of_mine(&mut store, dana, None);
    let later = promise_of_mine(&mut store, dana, Some(day(2026, 12, 4)));
    let sooner = promise_of_mine(&mut store, dana, Some(friday()));
    let ids: Vec<i64> = store
        .promises()
        .list(PromiseFilter::default())
        .expect("list")
        .iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(ids, vec![sooner.id, later.id, none.id]);
}

#[test]
fn promises_and_their_moves_survive_an_export_and_import() {
    let mut store = Store::open_in_memory().expect("open");
    let dana = journal_with_manager(&mut store);
    let entry = draft(&store, dana, "one_on_one", today(), "Weekly 1:1");
    let entry = store
        .entries_mut()
        .add_interaction(&entry, now())
        .expect("logged");
    let p = store
        .promises_mut()
        .add(
            &PromiseDraft {
                person_id: dana,
                text: "intro to the platform lead".into(),
                made_by: MadeBy::Them,
                made_on: today(),
                interaction_id: Some(entry.id),
                due_on: Some(friday()),
            },
            now(),
        )
        .expect("added");
    store
        .promises_mut()
        .move_due(p.id, day(2026, 12, 2), today(), now())
        .expect("moved");
    let kept = promise_of_mine(&mut store, dana, Some(friday()));
    store
        .promises_mut()
        .keep(kept.id, today(), today(), now())
        .expect("kept");
    let doc = store.documents().export_document().expect("export");
    assert_eq!(doc.promises.len(), 2);
    assert_eq!(doc.promises[0].moves.len(), 1);

    let json = doc.to_json().expect("json");
    let value = rapport::store::parse_json_value(&json).expect("parse");
    let read = rapport::store::document_from_value(&value).expect("read back");
    let mut fresh = Store::open_in_memory().expect("open");
    fresh
        .documents_mut()
        .import_document(&read, false)
        .expect("import");
    assert_eq!(fresh.documents().export_document().expect("export"), doc);
    // Importing the same document again adds nothing.
    fresh
        .documents_mut()
        .import_document(&read, false)
        .expect("again");
    assert_eq!(fresh.documents().export_document().expect("export"), doc);
}

/// Makes every write to `table` fail, as a full disk or a crash mid-way would.
fn refuse_writes_to(store: &Store, table: &str, on: &str) {
    store
        .connection()
        .execute_batch(&format!(
            "CREATE TEMP TRIGGER refuse_{on} BEFORE {on} ON {table}
             BEGIN SELECT RAISE(ABORT, 'refused for the test'); END;"
        ))
        .expect("trigger");
}

#[test]
fn a_move_whose_second_write_fails_leaves_no_history_behind() {
    let mut store = Store::open_in_memory().expect("open");
    let dana = journal_with_manager(&mut store);
    let p = promise_of_mine(&mut store, dana, Some(friday()));
    let before = rows(&store);
    // The history row is written first, then the promise: fail the second.
    refuse_writes_to(&store, "promise", "UPDATE");
    assert!(
        store
            .promises_mut()
            .move_due(p.id, day(2026, 12, 4), today(), now())
            .is_err()
    );
    assert_eq!(
        rows(&store),
        before,
        "one transaction: nothing of the move stays"
    );
}

#[test]
fn an_entry_whose_promise_cannot_be_written_is_not_saved_either() {
    let mut store = Store::open_in_memory().expect("open");
    let dana = journal_with_manager(&mut store);
    refuse_writes_to(&store, "promise", "INSERT");
    let entry = draft(&store, dana, "one_on_one", today(), "Weekly 1:1");
    let note = rapport::domain::PromiseNote {
        made_by: MadeBy::Me,
        text: "Send the cost model".into(),
        due_on: Some(friday()),
    };
    assert!(
        store
            .entries_mut()
            .add_interaction_with_promises(&entry, &[note], now())
            .is_err()
    );
    assert_eq!(
        store.agenda().last_one_on_one(dana, today()).expect("read"),
        None
    );
}
