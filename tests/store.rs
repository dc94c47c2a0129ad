//! The store against real SQLite files: opening, refusing, permissions,
//! entries, paging, search, stale edits, undo and the smaller records.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rapport::domain::{InitiatedBy, InteractionDraft, PersonDraft, Quality};
use rapport::store::Store;

#[path = "store/check.rs"]
mod check;
#[cfg(feature = "encryption")]
#[path = "store/encryption.rs"]
mod encryption;
#[path = "store/entries.rs"]
mod entries;
#[path = "store/files.rs"]
mod files;
#[path = "store/profiles.rs"]
mod profiles;
#[path = "store/promises.rs"]
mod promises;
#[path = "store/records.rs"]
mod records;
#[path = "store/text_index.rs"]
mod text_index;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .expect("a real instant")
}

fn today() -> NaiveDate {
    day(2026, 11, 24)
}

/// A journal with a current manager; returns it and the manager's id.
fn journal_with_manager(store: &mut Store) -> i64 {
    store
        .people_mut()
        .add_person(
            &PersonDraft {
                relation: Default::default(),
                name: "Dana".into(),
                role: "EM".into(),
                strengths: vec!["finance".into()],
                cadence_days: Some(7),
                is_current: true,
            },
            today(),
            now(),
        )
        .expect("person added")
        .id
}

fn draft(
    store: &Store,
    person_id: i64,
    kind: &str,
    on: NaiveDate,
    title: &str,
) -> InteractionDraft {
    InteractionDraft {
        person_id,
        kind_id: store.people().kind_named(kind).expect("a built-in kind").id,
        happened_on: on,
        at_time: None,
        minutes: None,
        quality: Quality::new(4).ok(),
        initiated_by: InitiatedBy::Me,
        title: title.into(),
        notes: String::new(),
        tags: Vec::new(),
        advice_strength: None,
        private: false,
    }
}
