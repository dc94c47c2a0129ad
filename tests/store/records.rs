//! The smaller records: the current person, topics, check-ins and drafts.

use rapport::domain::{CheckInDraft, TopicStatus};
use rapport::store::StoreError;

use super::*;

#[test]
fn only_one_person_is_current_at_a_time() {
    let mut store = Store::open_in_memory().expect("open");
    let dana = journal_with_manager(&mut store);
    let sam = store
        .people_mut()
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
    assert!(!store.people().person(dana).expect("dana").is_current);
    let dup = store.people_mut().add_person(
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
        .agenda_mut()
        .add_topic(dana, "Headcount", today(), now())
        .expect("t1");
    let second = store
        .agenda_mut()
        .add_topic(dana, "On-call", today(), now())
        .expect("t2");
    let open: Vec<i64> = store
        .agenda()
        .topics(Some(dana), false)
        .expect("topics")
        .iter()
        .map(|t| t.id)
        .collect();
    assert_eq!(open, vec![first.id, second.id]);
    store
        .agenda_mut()
        .close_topic(first.id, TopicStatus::Discussed, today(), now())
        .expect("close");
    assert!(
        store
            .agenda_mut()
            .close_topic(first.id, TopicStatus::Dropped, today(), now())
            .is_err()
    );
    assert_eq!(
        store
            .agenda()
            .topics(Some(dana), false)
            .expect("open")
            .len(),
        1
    );
    assert_eq!(
        store.agenda().topics(Some(dana), true).expect("all").len(),
        2
    );
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
    store
        .check_ins_mut()
        .add_check_in(&check_in, now())
        .expect("saved");
    let bad = CheckInDraft {
        trust: 0,
        ..check_in
    };
    assert!(store.check_ins_mut().add_check_in(&bad, now()).is_err());
    assert_eq!(store.check_ins().latest(10).expect("list").len(), 1);
    store
        .drafts_mut()
        .save_draft("add", "{\"title\":\"half\"}", now())
        .expect("draft");
    store
        .drafts_mut()
        .save_draft("add", "{\"title\":\"half typed\"}", now())
        .expect("draft");
    assert_eq!(
        store.drafts().draft("add").expect("read").as_deref(),
        Some("{\"title\":\"half typed\"}")
    );
    store.drafts_mut().discard_draft("add").expect("discard");
    assert_eq!(store.drafts().draft("add").expect("read"), None);
}

#[test]
fn reporting_back_takes_the_persons_oldest_open_ask_only() {
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
        .expect("Sam added")
        .id;
    let ask = |store: &mut Store, person: i64, on: NaiveDate, title: &str| {
        let mut d = draft(store, person, "advice", on, title);
        d.quality = None;
        d.advice_strength = Some("finance".into());
        store
            .entries_mut()
            .add_interaction(&d, now())
            .expect("asked")
            .id
    };
    // Sam's ask is the oldest of all; Dana's oldest is the second.
    ask(&mut store, sam, day(2026, 10, 1), "Sam's");
    let dana_old = ask(&mut store, dana, day(2026, 11, 2), "Dana's first");
    let dana_new = ask(&mut store, dana, day(2026, 11, 20), "Dana's second");
    let reported = rapport::journal::report_oldest_advice(&mut store, dana, true, today())
        .expect("reported")
        .expect("Dana had an open ask");
    assert_eq!(reported.interaction_id, dana_old);
    assert_eq!(reported.applied, Some(true));
    let open: Vec<i64> = store
        .advice()
        .open_advice_loops()
        .expect("open")
        .iter()
        .map(|l| l.interaction_id)
        .collect();
    assert_eq!(open.len(), 2, "Sam's and Dana's second stay open");
    assert!(open.contains(&dana_new));
    // Once none is open for her, nothing is reported.
    rapport::journal::report_oldest_advice(&mut store, dana, false, today()).expect("second");
    assert_eq!(
        rapport::journal::report_oldest_advice(&mut store, dana, false, today()).expect("none"),
        None
    );
}

/// The open asks as of `on`, read from the asks and entries themselves.
fn open_asks_by_definition(store: &Store, person: i64, on: NaiveDate) -> Vec<(String, String)> {
    let on = on.format("%Y-%m-%d").to_string();
    let mut stmt = store
        .connection()
        .prepare(
            "SELECT a.question, i.happened_on FROM advice_loop a
               JOIN interaction i ON i.id = a.interaction_id
              WHERE i.person_id = ?1 AND i.deleted_at IS NULL AND i.happened_on <= ?2
                AND (a.reported_on IS NULL OR a.reported_on > ?2)
              ORDER BY i.happened_on, i.id",
        )
        .expect("query");
    stmt.query_map(rusqlite::params![person, on], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })
    .expect("rows")
    .collect::<Result<_, _>>()
    .expect("open asks")
}

/// `advice_ask_count` holds, for every person with asks, how many there
/// are and how many were reported back: what counting `advice_ask` says.
fn assert_ask_counts_match_the_asks(store: &Store) {
    let rows = |sql: &str| -> Vec<(i64, i64, i64)> {
        store
            .connection()
            .prepare(sql)
            .and_then(|mut s| {
                s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect()
            })
            .expect("counts")
    };
    assert_eq!(
        rows("SELECT person_id, asked, reported FROM advice_ask_count WHERE asked > 0 ORDER BY 1"),
        rows(
            "SELECT person_id, count(*), count(reported_on) FROM advice_ask GROUP BY 1 ORDER BY 1"
        ),
    );
}

#[test]
fn the_advice_ask_index_follows_every_ask_report_move_and_delete() {
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
        .expect("Sam added")
        .id;
    let ask = |store: &mut Store, person: i64, on: NaiveDate, title: &str| {
        let mut d = draft(store, person, "advice", on, title);
        d.quality = None;
        d.advice_strength = Some("finance".into());
        store
            .entries_mut()
            .add_interaction(&d, now())
            .expect("asked")
    };
    let first = ask(&mut store, dana, day(2026, 9, 1), "first");
    let moved = ask(&mut store, dana, day(2026, 9, 10), "moved to Sam");
    let deleted = ask(&mut store, dana, day(2026, 10, 1), "deleted");
    ask(&mut store, dana, day(2026, 10, 15), "kept");
    ask(&mut store, sam, day(2026, 10, 20), "Sam's own");
    // Reported back on a day after some of the days asked about below.
    rapport::journal::report_oldest_advice(&mut store, dana, true, day(2026, 10, 5))
        .expect("reported");
    let mut to_sam = draft(&store, sam, "advice", day(2026, 9, 12), "moved to Sam");
    to_sam.quality = None;
    to_sam.advice_strength = Some("finance".into());
    store
        .entries_mut()
        .update_interaction(moved.id, moved.version, &to_sam, now())
        .expect("moved");
    store
        .entries_mut()
        .delete_interaction(deleted.id, now())
        .expect("deleted");
    // Dated after today: asked ahead, and one reported back ahead.
    ask(&mut store, dana, day(2026, 12, 20), "asked ahead");
    rapport::journal::report_oldest_advice(&mut store, dana, true, day(2026, 12, 1))
        .expect("reported ahead");
    let gone = ask(&mut store, sam, day(2026, 10, 2), "deleted, then undone");
    store
        .entries_mut()
        .delete_interaction(gone.id, now())
        .expect("deleted");
    store
        .entries_mut()
        .undo_delete()
        .expect("undone")
        .expect("an entry back");
    assert_eq!(first.title, "first");
    assert_ask_counts_match_the_asks(&store);
    for person in [dana, sam] {
        for on in [
            day(2026, 9, 5),
            day(2026, 9, 30),
            day(2026, 10, 4),
            day(2026, 10, 5),
            day(2026, 10, 16),
            today(),
            day(2026, 12, 5),
            day(2026, 12, 31),
        ] {
            let expected = open_asks_by_definition(&store, person, on);
            let asks = store
                .nudges()
                .advice_asks_as_of(person, on, 10)
                .expect("asks");
            let read: Vec<(String, String)> = asks
                .oldest
                .iter()
                .map(|(q, d)| (q.clone(), d.format("%Y-%m-%d").to_string()))
                .collect();
            assert_eq!(read, expected, "person {person} on {on}");
            assert_eq!(asks.open, expected.len(), "person {person} on {on}");
            let reported: u32 = store
                .connection()
                .query_row(
                    "SELECT count(*) FROM advice_loop a JOIN interaction i ON i.id = a.interaction_id
                      WHERE i.person_id = ?1 AND i.deleted_at IS NULL AND a.reported_on <= ?2",
                    rusqlite::params![person, on.format("%Y-%m-%d").to_string()],
                    |r| r.get(0),
                )
                .expect("reported");
            assert_eq!(asks.reported, reported, "person {person} on {on}");
            let (page, total) = store
                .advice()
                .awaiting_advice_counted(person, on)
                .expect("prep");
            assert_eq!(total, expected.len(), "person {person} on {on}");
            assert_eq!(
                page.len(),
                expected.len().min(rapport::domain::ADVICE_SHOWN)
            );
        }
    }
}

#[test]
fn a_schema_14_journal_migrates_with_its_asks_counted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("journal.db");
    let dana = {
        let mut store =
            Store::open_with_migrations(&path, &super::profiles::first_migrations(14), 14)
                .expect("schema 14");
        let dana = journal_with_manager(&mut store);
        for (n, on) in [day(2026, 9, 1), day(2026, 9, 8), day(2026, 10, 1)]
            .into_iter()
            .enumerate()
        {
            let mut d = draft(&store, dana, "advice", on, &format!("ask {n}"));
            d.quality = None;
            d.advice_strength = Some("finance".into());
            store
                .entries_mut()
                .add_interaction(&d, now())
                .expect("asked");
        }
        rapport::journal::report_oldest_advice(&mut store, dana, true, day(2026, 10, 5))
            .expect("reported");
        dana
    };
    let store = Store::open(&path).expect("migrated");
    assert_ask_counts_match_the_asks(&store);
    let asks = store
        .nudges()
        .advice_asks_as_of(dana, today(), 5)
        .expect("asks");
    assert_eq!((asks.open, asks.reported), (2, 1));
}
