//! The TUI's flow without a terminal: the clock comes from the event loop
//! (a `Tick` past midnight moves every screen to the new day), and what is
//! loaded is asked for again when what it rests on changes.

mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use common::Harness;
use crossterm::event::{KeyCode, KeyModifiers};
use rapport::domain::PersonDraft;
use rapport::prep::Week;
use rapport::store::{InteractionFilter, PageRequest, Store};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("a real day")
}

/// Dana, the current manager, met weekly; nothing logged yet.
fn journal_with_dana() -> Store {
    let mut store = Store::open_in_memory().expect("open");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 2, 9, 0, 0)
        .single()
        .expect("an instant");
    store
        .add_person(
            &PersonDraft {
                name: "Dana Okafor".into(),
                role: "Director of Engineering".into(),
                strengths: vec![],
                cadence_days: Some(7),
                is_current: true,
            },
            day(2),
            now,
        )
        .expect("person");
    store
}

#[test]
fn a_tick_past_midnight_moves_new_entries_and_the_prep_week_to_the_new_day() {
    // Sunday 29 November, late: the TUI is open on Prep.
    let mut h = Harness::on(day(29), journal_with_dana(), 120, 40);
    h.press(KeyCode::Char('3'));
    let sunday_week = Week::containing(day(29)).to_string();
    let monday_week = Week::containing(day(30)).to_string();
    assert_ne!(sunday_week, monday_week);
    assert!(h.screen_text().contains(&sunday_week));

    // The clock turns to Monday 30 November while the screen is open.
    h.tick_on(day(30));
    let screen = h.screen_text();
    assert!(
        screen.contains(&monday_week),
        "Prep shows the new week:\n{screen}"
    );
    assert!(!screen.contains(&sunday_week), "and not last week's");

    // A new entry left at "today" is dated Monday.
    h.press(KeyCode::Char('1'))
        .press(KeyCode::Char('a'))
        .press(KeyCode::Tab)
        .type_text("Coffee after midnight")
        .key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let saved = h
        .store
        .interactions(
            &InteractionFilter::default(),
            PageRequest {
                limit: 1,
                after: None,
            },
        )
        .expect("list");
    assert_eq!(saved[0].title, "Coffee after midnight");
    assert_eq!(saved[0].happened_on, day(30));
}

#[test]
fn a_tick_on_the_same_day_leaves_the_screen_as_it_was() {
    let mut h = Harness::on(day(29), journal_with_dana(), 120, 40);
    h.press(KeyCode::Char('3'));
    let before = h.screen_text();
    h.tick_on(day(29));
    assert_eq!(h.screen_text(), before);
}
