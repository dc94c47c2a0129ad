//! The TUI's flow without a terminal: the clock comes from the event loop
//! (a `Tick` past midnight moves every screen to the new day), and what is
//! loaded is asked for again when what it rests on changes.

mod common;

use std::collections::VecDeque;

use chrono::{NaiveDate, TimeZone, Utc};
use common::Harness;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rapport::domain::PersonDraft;
use rapport::store::{InteractionFilter, PageRequest, Store};
use rapport::tui::app::{App, Cmd, Msg};
use rapport::tui::dispatch_on;
use rapport::tui::effects;
use rapport::tui::keymap::Keymap;
use rapport::tui::loading::Fetch;
use rapport::tui::screens::{journal, next_steps, prep};
use rapport::tui::update::update;
use rapport::tui::worker::Worker;

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
    // The summary's window runs through today.
    let sunday_week = "– 29 Nov 2026".to_string();
    let monday_week = "– 30 Nov 2026".to_string();
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
        .entries()
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

/// `dispatch` with faults: a fetch whose command `fails` picks is answered
/// with a failure, as a locked or broken journal would answer it.
fn dispatch_with_faults(h: &mut Harness, msg: Msg, fails: &mut dyn FnMut(&Cmd) -> bool) {
    let mut queue = VecDeque::from([msg]);
    while let Some(msg) = queue.pop_front() {
        let mut cmds = VecDeque::from_iter(update(&mut h.app, msg));
        while let Some(cmd) = cmds.pop_front() {
            if let Cmd::Batch(inner) = cmd {
                cmds.extend(inner);
                continue;
            }
            if let Some(request) = cmd.request()
                && fails(&cmd)
            {
                queue.push_back(Msg::Failed {
                    request: Some(request),
                    error: "database is locked".into(),
                });
                continue;
            }
            let mut answers = Vec::new();
            let mut terminal = Vec::new();
            let today = h.app.today;
            effects::run(
                &mut h.store,
                &h.app.settings,
                cmd,
                today,
                Utc::now(),
                &mut answers,
                &mut terminal,
            );
            queue.extend(answers);
        }
    }
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// A harness whose start went through `dispatch_with_faults`.
fn started_with_faults(store: Store, fails: &mut dyn FnMut(&Cmd) -> bool) -> Harness {
    let mut h = Harness::on(day(24), Store::open_in_memory().expect("open"), 120, 40);
    h.store = store;
    h.app = App::new(day(24), Keymap::defaults(), false);
    let size = Msg::resized(120, 40);
    dispatch_with_faults(&mut h, size, fails);
    dispatch_with_faults(&mut h, Msg::Start, fails);
    h
}

#[test]
fn a_failed_coach_load_says_so_and_loads_again_on_the_next_change() {
    let mut coach_loads = 0;
    let mut first_coach_fails = |cmd: &Cmd| {
        if matches!(cmd, Cmd::NextSteps(next_steps::Cmd::Load { .. })) {
            coach_loads += 1;
            coach_loads == 1
        } else {
            false
        }
    };
    let mut h = started_with_faults(journal_with_dana(), &mut first_coach_fails);
    assert_eq!(h.app.coach.fetch.error(), Some("database is locked"));
    assert!(h.app.coach.suggestions.is_empty());
    let screen = h.screen_text();
    assert!(
        screen.contains("could not load the suggestions: database is locked"),
        "the status says what failed:\n{screen}"
    );

    // The next change (an entry logged) asks for the suggestions again.
    let mut send = |h: &mut Harness, msg: Msg| dispatch_with_faults(h, msg, &mut first_coach_fails);
    send(&mut h, key(KeyCode::Char('a')));
    send(&mut h, key(KeyCode::Tab));
    for c in "Hallway chat".chars() {
        send(&mut h, key(KeyCode::Char(c)));
    }
    send(
        &mut h,
        Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
    );
    assert_eq!(h.app.coach.fetch, Fetch::Ready);
    assert!(!h.app.coach.suggestions.is_empty(), "the coach has loaded");
    send(&mut h, key(KeyCode::Char('4')));
    let screen = h.screen_text();
    assert!(!screen.contains("could not load"), "{screen}");
}

#[test]
fn a_failed_prep_sheet_shows_where_it_failed_and_is_asked_again_on_return() {
    let mut prep_fails = true;
    let mut faults = |cmd: &Cmd| prep_fails && matches!(cmd, Cmd::Prep(prep::Cmd::Load { .. }));
    let mut h = started_with_faults(journal_with_dana(), &mut faults);
    dispatch_with_faults(&mut h, key(KeyCode::Char('3')), &mut faults);
    let screen = h.screen_text();
    assert!(
        screen.contains("could not load the prep sheet: database is locked"),
        "the pane says where it failed:\n{screen}"
    );

    // Back on Prep once the journal answers again: the sheet loads.
    prep_fails = false;
    let mut faults = |cmd: &Cmd| prep_fails && matches!(cmd, Cmd::Prep(prep::Cmd::Load { .. }));
    dispatch_with_faults(&mut h, key(KeyCode::Char('1')), &mut faults);
    dispatch_with_faults(&mut h, key(KeyCode::Char('3')), &mut faults);
    assert_eq!(h.app.prep.fetch, Fetch::Ready);
    assert!(!h.screen_text().contains("could not load"));
}

#[test]
fn an_answer_to_a_superseded_page_request_is_dropped() {
    let mut h = Harness::on(day(24), journal_with_dana(), 120, 40);
    h.press(KeyCode::Char('a'))
        .press(KeyCode::Tab)
        .type_text("Coffee")
        .key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let page = h
        .store
        .entries()
        .interactions(
            &InteractionFilter::default(),
            PageRequest {
                limit: 10,
                after: None,
            },
        )
        .expect("list");
    assert_eq!(page.len(), 1);
    // A request made before the search below, answered after it.
    let old = rapport::tui::loading::RequestId::fresh();
    h.press(KeyCode::Char('/'))
        .type_text("nothing matches this");
    assert!(h.app.journal.rows.is_empty());
    rapport::tui::dispatch(
        &mut h.app,
        &mut h.store,
        Msg::Journal(journal::Msg::PageLoaded {
            request: old,
            from: journal::PageFrom::Start,
            rows: page,
        }),
    );
    assert!(h.app.journal.rows.is_empty(), "the late page is dropped");
    assert_eq!(h.app.journal.fetch, Fetch::Ready);
}

#[test]
fn a_promise_added_with_a_new_entry_is_saved_with_it_and_shows_on_prep() {
    let mut h = Harness::on(day(24), journal_with_dana(), 120, 40);
    h.press(KeyCode::Char('3'));
    assert!(h.screen_text().contains("None open"), "{}", h.screen_text());
    h.press(KeyCode::Char('1')).press(KeyCode::Char('a'));
    h.press(KeyCode::Tab).type_text("Coffee with Dana");
    // Quality, notes, date, time, minutes, started by, with, strength: then mine.
    for _ in 0..9 {
        h.press(KeyCode::Tab);
    }
    h.type_text("Send the deck @fri");
    h.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(h.app.overlay.is_none(), "saved");
    let entry = h
        .store
        .entries()
        .interactions(
            &InteractionFilter::default(),
            PageRequest {
                limit: 1,
                after: None,
            },
        )
        .expect("read")
        .pop()
        .expect("the entry");
    let promises = h
        .store
        .promises()
        .list(rapport::store::PromiseFilter::default())
        .expect("promises");
    assert_eq!(promises.len(), 1);
    assert_eq!(promises[0].text, "Send the deck");
    assert_eq!(promises[0].interaction_id, Some(entry.id));
    assert_eq!(promises[0].due_on, Some(day(27)));
    h.press(KeyCode::Char('3'));
    let screen = h.screen_text();
    assert!(screen.contains("Promises: 1 open"), "{screen}");
    assert!(screen.contains("Send the deck"), "{screen}");
}

#[test]
fn a_key_is_answered_while_the_worker_computes_the_figures() {
    let dir = tempfile::TempDir::new().expect("a temp dir");
    let path = dir.path().join("journal.db");
    let mut store = Store::open(&path).expect("open");
    let now = Utc::now();
    rapport::demo::write_demo(&mut store, day(24), now).expect("demo");
    let reader = store.reader().expect("a reader").expect("a file has one");
    let mut worker = Worker::spawn(reader, Default::default()).expect("a thread");
    let mut h = Harness::on(day(24), Store::open_in_memory().expect("open"), 120, 40);
    h.store = store;
    h.app = App::new(day(24), Keymap::defaults(), false);
    let send = |h: &mut Harness, worker: &mut Worker, msg: Msg| {
        dispatch_on(&mut h.app, &mut h.store, Some(worker), msg);
    };
    send(&mut h, &mut worker, Msg::Start);
    for answer in worker.wait() {
        send(&mut h, &mut worker, answer);
    }

    // Insights, all time: the figures go to the worker, nothing waits here.
    send(&mut h, &mut worker, key(KeyCode::Char('2')));
    for _ in 0..3 {
        send(&mut h, &mut worker, key(KeyCode::Char(']')));
    }
    assert!(h.app.insights.fetch.is_loading());
    // Back on the journal, j moves at once, answers or not.
    send(&mut h, &mut worker, key(KeyCode::Char('1')));
    send(&mut h, &mut worker, key(KeyCode::Char('j')));
    assert_eq!(h.app.journal.selected, 1);

    // The figures land when the worker answers; earlier ranges' are dropped.
    for answer in worker.wait() {
        send(&mut h, &mut worker, answer);
    }
    assert_eq!(h.app.insights.fetch, Fetch::Ready);
    let data = h.app.insights.data.as_deref().expect("the figures");
    assert_eq!(data.range, rapport::insights::Range::All);
}
