//! An edit form left open across a `restore` (item 2): the restore frees
//! ids, the next new entry takes the edited one's id at version 1; the
//! form's save must be refused as stale, not overwrite that entry.

use chrono::Utc;
use rapport::domain::{InitiatedBy, InteractionDraft};
use rapport::store::{Store, StoreError, restore_journal};

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
fn a_form_open_across_a_restore_is_refused_as_stale_and_the_new_entry_is_kept() {
    let w = World::with_manager();
    w.log(&["coffee", "before the backup"]);
    let backup = w.path("backup.db");
    w.run(&["backup", "--out", s(&backup)]).ok();
    // The TUI: opens entry 2 for editing and keeps the form open.
    let mut tui = Store::open(&w.db).expect("tui");
    let dana = tui.people().person_named("Dana").expect("Dana").id;
    let entry_draft = entry(&tui, dana, "after the backup");
    let edited = tui
        .entries_mut()
        .add_interaction(&entry_draft, Utc::now())
        .expect("entry 2");
    // Someone restores the backup, then logs a new, unrelated entry.
    restore_journal(&w.db, &backup, &w.path("kept.db")).expect("restored");
    let newcomer = w.log(&["chat", "unrelated newcomer"]);
    assert_eq!(newcomer, edited.id, "the id was handed out again");
    // The TUI's form is saved.
    let entry_draft = entry(&tui, dana, "my edit");
    let saved = tui.entries_mut().update_seen_interaction(
        edited.id,
        edited.uid,
        edited.version,
        &entry_draft,
        Utc::now(),
    );
    assert!(matches!(saved, Err(StoreError::Stale { .. })), "{saved:?}");
    let shown = w.run(&["show", &newcomer.to_string()]).ok();
    assert!(shown.contains("unrelated newcomer"), "{shown}");
}

#[test]
fn a_journal_file_replaced_under_an_open_tui_refuses_its_saves() {
    let w = World::with_manager();
    let mut tui = Store::open(&w.db).expect("tui");
    let dana = tui.people().person_named("Dana").expect("Dana").id;
    assert!(!tui.file_replaced());
    // Another journal is moved over the path (a copy put back by hand, an
    // encrypt or decrypt run elsewhere).
    let other = World::with_manager();
    other.log(&["coffee", "the other journal"]);
    std::fs::rename(&other.db, &w.db).expect("moved over");
    assert!(tui.file_replaced());
    let entry_draft = entry(&tui, dana, "typed in the TUI");
    let saved = tui.entries_mut().add_interaction(&entry_draft, Utc::now());
    assert!(matches!(saved, Err(StoreError::Replaced)), "{saved:?}");
    let draft = tui.drafts_mut().save_draft("entry", "typed", Utc::now());
    assert!(matches!(draft, Err(StoreError::Replaced)), "{draft:?}");
}
