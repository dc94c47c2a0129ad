//! The smaller records: the current person, topics, check-ins and drafts.

use rapport::domain::{CheckInDraft, TopicStatus};
use rapport::store::StoreError;

use super::*;

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
