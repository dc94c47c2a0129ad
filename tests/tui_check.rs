//! A journal that was not sealed is shown at once, read-only, while its full
//! check runs: a save waits for the check (refused, with what was typed kept
//! in its form), drafts are kept to be saved once it passes, and after it
//! passes everything saves as usual.

mod common;

use chrono::{TimeZone, Utc};
use common::{Harness, today};
use crossterm::event::{KeyCode, KeyModifiers};
use rapport::domain::PersonDraft;
use rapport::store::{ENTRY_DRAFT, Opened, PendingCheck, Store, seal_path};
use rapport::tui::app::{App, Msg};
use rapport::tui::keymap::Keymap;
use rapport::tui::{dispatch, start};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// A journal on disk with Dana, closed and then unsealed (as after a copy).
fn unsealed_journal(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("journal.db");
    {
        let mut store = Store::open(&path).expect("create");
        let now = Utc
            .with_ymd_and_hms(2026, 11, 2, 9, 0, 0)
            .single()
            .expect("an instant");
        store
            .people_mut()
            .add_person(
                &PersonDraft {
                    relation: Default::default(),
                    name: "Dana Okafor".into(),
                    role: "Director of Engineering".into(),
                    strengths: vec![],
                    cadence_days: Some(7),
                    is_current: true,
                },
                today(),
                now,
            )
            .expect("person");
    }
    std::fs::remove_file(seal_path(&path)).expect("sealed on close");
    path
}

/// The TUI on the journal as `run` starts it while the check is at 40%.
fn checking(path: &std::path::Path) -> (Harness, PendingCheck) {
    let Opened::Unchecked { store, check } = Store::open_deferring_check(path).expect("opens")
    else {
        panic!("an unsealed journal owes its check");
    };
    let mut app = App::new(today(), Keymap::defaults(), false);
    app.checking = Some(40);
    let mut store = store;
    dispatch(&mut app, &mut store, Msg::resized(120, 40));
    start(&mut app, &mut store);
    let terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    (
        Harness {
            app,
            store,
            terminal,
        },
        check,
    )
}

#[test]
fn while_the_journal_is_checked_a_save_waits_and_what_was_typed_stays() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = unsealed_journal(dir.path());
    let (mut h, check) = checking(&path);
    let screen = h.screen_text();
    assert!(
        screen.contains("Dana"),
        "the journal shows at once:\n{screen}"
    );
    assert!(
        screen.contains("checking the journal… 40%"),
        "the status line says the check runs:\n{screen}"
    );

    h.press(KeyCode::Char('a'))
        .press(KeyCode::Tab)
        .type_text("Coffee while checking");
    h.tick().tick().tick();
    assert!(!h.app.held.is_empty(), "the draft waits for the check");
    h.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let screen = h.screen_text();
    assert!(
        screen.contains(
            "not saved: the journal is still being checked (40%); save again once it passes"
        ),
        "{screen}"
    );
    assert!(
        screen.contains("Coffee while checking"),
        "the form stays open with what was typed:\n{screen}"
    );

    // The check passes: the event loop swaps in the writable journal.
    h.store = check.run(None).expect("a sound journal passes");
    dispatch(&mut h.app, &mut h.store, Msg::CheckPassed);
    assert!(h.app.checking.is_none() && h.app.held.is_empty());
    assert!(
        h.store
            .drafts()
            .draft(ENTRY_DRAFT)
            .expect("reads")
            .is_some(),
        "the held draft is saved once the check passes"
    );
    assert!(h.screen_text().contains("the journal passed its check"));
    h.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(h.titles(), ["Coffee while checking"]);
}
