//! Drafts (items 3 and 4): saving an entry discards its draft in the same
//! transaction; each TUI (each store) has its own drafts, and only drafts of
//! processes that have ended are offered back, newest first.

use chrono::Utc;
use rapport::domain::{InitiatedBy, InteractionDraft};
use rapport::store::{ENTRY_DRAFT, Store};

use super::*;

fn entry(store: &Store, person_id: i64, title: &str) -> InteractionDraft {
    InteractionDraft {
        person_id,
        kind_id: store.people().kind_named("coffee").expect("coffee").id,
        happened_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 20).expect("day"),
        at_time: None,
        minutes: None,
        quality: None,
        initiated_by: InitiatedBy::Me,
        title: title.into(),
        notes: String::new(),
        tags: Vec::new(),
        advice_strength: None,
        private: false,
    }
}

#[test]
fn saving_or_editing_an_entry_discards_its_draft_in_the_same_transaction() {
    let w = World::with_manager();
    let mut store = Store::open(&w.db).expect("open");
    let dana = store.people().person_named("Dana").expect("Dana").id;
    store
        .drafts_mut()
        .save_draft(ENTRY_DRAFT, "{\"title\":\"typed\"}", Utc::now())
        .expect("draft");
    let entry_draft = entry(&store, dana, "typed");
    let saved = store
        .entries_mut()
        .add_interaction(&entry_draft, Utc::now())
        .expect("saved");
    assert_eq!(
        store.drafts().draft(ENTRY_DRAFT).expect("read"),
        None,
        "the save took the draft"
    );
    store
        .drafts_mut()
        .save_draft(ENTRY_DRAFT, "{\"title\":\"edited\"}", Utc::now())
        .expect("draft");
    let entry_draft = entry(&store, dana, "edited");
    store
        .entries_mut()
        .update_seen_interaction(saved.id, saved.uid, saved.version, &entry_draft, Utc::now())
        .expect("edited");
    assert_eq!(
        store.drafts().draft(ENTRY_DRAFT).expect("read"),
        None,
        "the edit took the draft"
    );
}

#[test]
fn two_tuis_keep_their_own_drafts_and_only_ended_ones_are_offered_newest_first() {
    let w = World::with_manager();
    let mut first = Store::open(&w.db).expect("first");
    let mut second = Store::open(&w.db).expect("second");
    first
        .drafts_mut()
        .save_draft(ENTRY_DRAFT, "first's", Utc::now())
        .expect("draft");
    second
        .drafts_mut()
        .save_draft(ENTRY_DRAFT, "second's", Utc::now())
        .expect("draft");
    assert_eq!(
        first.drafts().draft(ENTRY_DRAFT).expect("read").as_deref(),
        Some("first's")
    );
    assert_eq!(
        second.drafts().draft(ENTRY_DRAFT).expect("read").as_deref(),
        Some("second's")
    );
    // Two ended TUIs left drafts (their pids are past the kernel's limit).
    {
        let conn = rusqlite::Connection::open(&w.db).expect("raw");
        conn.execute_batch(
            "INSERT INTO draft (owner, form, body, saved_at) VALUES
                ('4194305:1:1', 'entry', 'older', '2026-11-20T09:00:00.000Z'),
                ('4194306:1:1', 'checkin', 'newer', '2026-11-21T09:00:00.000Z');",
        )
        .expect("orphans");
    }
    let mut third = Store::open(&w.db).expect("third");
    let offered: Vec<String> = third
        .drafts()
        .orphan_drafts()
        .expect("orphans")
        .into_iter()
        .map(|d| d.body)
        .collect();
    assert_eq!(offered, ["newer", "older"], "ended ones only, newest first");
    let orphan = third.drafts().orphan_drafts().expect("orphans").remove(1);
    assert!(third.drafts_mut().adopt_draft(&orphan).expect("adopt"));
    assert_eq!(
        third.drafts().draft(ENTRY_DRAFT).expect("read").as_deref(),
        Some("older")
    );
    third
        .drafts_mut()
        .discard_draft(ENTRY_DRAFT)
        .expect("discard");
    // The running TUIs' drafts are untouched.
    assert_eq!(
        first.drafts().draft(ENTRY_DRAFT).expect("read").as_deref(),
        Some("first's")
    );
    assert_eq!(
        second.drafts().draft(ENTRY_DRAFT).expect("read").as_deref(),
        Some("second's")
    );
}
