//! Saves off the key's thread: a write goes to the writer thread (a
//! connection of its own), the screen waits for its answer — nothing says
//! "saved" before the commit — and the answer arrives as a `Msg` that
//! updates the screen and asks again for what the write changed.

mod common;

use chrono::{NaiveDate, Utc};
use common::Harness;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rapport::domain::PersonDraft;
use rapport::store::Store;
use rapport::tui::app::Msg;
use rapport::tui::dispatch_to;
use rapport::tui::view::SAVING_TEXT;
use rapport::tui::worker::Worker;
use tempfile::TempDir;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("a real day")
}

/// The TUI as the event loop runs it: slow reads on the reader, writes on
/// the writer, over a journal in a file with Dana, the current manager,
/// and the agenda topics given.
struct Threaded {
    h: Harness,
    reads: Worker,
    writes: Worker,
    path: std::path::PathBuf,
    _dir: TempDir,
}

impl Threaded {
    fn with_topics(topics: &[&str]) -> Threaded {
        let dir = TempDir::new().expect("a temp dir");
        let path = dir.path().join("journal.db");
        let mut store = Store::open(&path).expect("open");
        let dana = store
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
                Utc::now(),
            )
            .expect("person");
        for topic in topics {
            store
                .agenda_mut()
                .add_topic(dana.id, topic, day(20), Utc::now())
                .expect("topic");
        }
        let h = Harness::on(day(24), store, 120, 40);
        let reader = h.store.reader().expect("a reader").expect("a file");
        let writer = h.store.writer().expect("a writer").expect("a file");
        Threaded {
            reads: Worker::spawn(reader, Default::default()).expect("a thread"),
            writes: Worker::spawn_writer(writer, Default::default()).expect("a thread"),
            h,
            path,
            _dir: dir,
        }
    }

    fn send(&mut self, msg: Msg) -> &mut Self {
        dispatch_to(
            &mut self.h.app,
            &mut self.h.store,
            Some(&mut self.reads),
            Some(&mut self.writes),
            msg,
        );
        self
    }

    fn key(&mut self, code: KeyCode, mods: KeyModifiers) -> &mut Self {
        self.send(Msg::Key(KeyEvent::new(code, mods)))
    }

    fn press(&mut self, code: KeyCode) -> &mut Self {
        self.key(code, KeyModifiers::NONE)
    }

    fn tick(&mut self) -> &mut Self {
        let today = self.h.app.today;
        let now = today.and_hms_opt(12, 0, 0).expect("a time").and_utc();
        self.send(Msg::Tick { today, now })
    }

    /// Waits for both threads and dispatches their answers, the writer's
    /// first (as the event loop does), until nothing more is asked.
    fn settle(&mut self) -> &mut Self {
        loop {
            let mut answers = self.writes.wait();
            answers.extend(self.reads.wait());
            if answers.is_empty() {
                return self;
            }
            for answer in answers {
                self.send(answer);
            }
        }
    }

    fn screen(&mut self) -> String {
        self.h.screen_text()
    }
}

#[test]
fn a_new_entry_is_saved_on_the_writer_and_its_answer_closes_the_form() {
    let mut t = Threaded::with_topics(&[]);
    t.press(KeyCode::Char('a'))
        .press(KeyCode::Tab)
        .h
        .type_text("Coffee on the writer");
    t.key(KeyCode::Char('s'), KeyModifiers::CONTROL);

    // Sent, not answered: the form stays open and keys wait for it.
    assert!(t.h.app.overlay.is_some(), "the form waits for its answer");
    assert_eq!(t.h.app.saving.in_flight, 1);
    assert!(t.h.app.holds_keys());
    let screen = t.screen();
    assert!(!screen.contains("saved"), "not said before the commit");
    assert!(!screen.contains(SAVING_TEXT), "a quick save says nothing");

    t.settle();
    assert!(t.h.app.overlay.is_none(), "the answer closed the form");
    assert_eq!(t.h.app.saving.in_flight, 0);
    assert!(!t.h.app.holds_keys());
    let screen = t.screen();
    assert!(screen.contains("saved"), "{screen}");
    assert!(screen.contains("Coffee on the writer"), "{screen}");

    // Acknowledged, so in the file: another connection reads it once the
    // TUI has closed (its folder is kept).
    let path = t.path.clone();
    let Threaded {
        h,
        reads,
        writes,
        _dir,
        ..
    } = t;
    drop((h, reads, writes));
    let reopened = Store::open(&path).expect("reopen");
    let h = Harness::on(day(24), reopened, 120, 40);
    assert!(
        h.titles().contains(&"Coffee on the writer".to_string()),
        "{:?}",
        h.titles()
    );
}

#[test]
fn a_save_slow_to_answer_says_saving_on_the_status_line() {
    let mut t = Threaded::with_topics(&[]);
    t.press(KeyCode::Char('a'))
        .press(KeyCode::Tab)
        .h
        .type_text("A slow one");
    t.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    // Two ticks (half a second) pass before its answer is taken.
    t.tick().tick();
    let screen = t.screen();
    assert!(screen.contains(SAVING_TEXT), "{screen}");
    t.settle();
    let screen = t.screen();
    assert!(!screen.contains(SAVING_TEXT), "{screen}");
    assert!(screen.contains("saved"), "{screen}");
}

#[test]
fn moving_a_topic_on_prep_shows_the_new_order_once_the_writer_answers() {
    let mut t = Threaded::with_topics(&["Roadmap review", "Hiring plan"]);
    t.press(KeyCode::Char('3')).settle();
    let order = |screen: &str| {
        let first = screen.find("Roadmap review").expect("the first topic");
        let second = screen.find("Hiring plan").expect("the second topic");
        first < second
    };
    let screen = t.screen();
    assert!(order(&screen), "{screen}");

    // J moves the selected (first) topic down: sent to the writer.
    t.press(KeyCode::Char('J'));
    assert_eq!(t.h.app.saving.in_flight, 1);
    assert!(
        order(&t.screen()),
        "nothing moves before the commit answers"
    );

    // Its answer says what changed (the topics): the sheet is asked again,
    // after the commit, and shows the new order.
    t.settle();
    let screen = t.screen();
    assert!(!order(&screen), "{screen}");
    assert_eq!(t.h.app.saving.in_flight, 0);
}

#[test]
fn marking_the_summary_sent_on_prep_logs_it_once_answered() {
    let mut t = Threaded::with_topics(&["Roadmap review"]);
    t.press(KeyCode::Char('3')).settle();
    t.press(KeyCode::Char('s')).settle();
    assert!(t.h.app.prep.summary.is_some(), "a summary was drafted");
    t.press(KeyCode::Char('m')).press(KeyCode::Char('y'));
    assert!(
        t.h.app
            .prep
            .summary
            .as_ref()
            .is_some_and(|s| s.sent_on.is_none())
    );
    t.settle();
    let screen = t.screen();
    assert!(screen.contains("marked sent"), "{screen}");
    assert!(
        t.h.app
            .prep
            .summary
            .as_ref()
            .is_some_and(|s| s.sent_on.is_some())
    );
    assert!(
        t.h.titles()
            .iter()
            .any(|title| title.starts_with("Summary for")),
        "{:?}",
        t.h.titles()
    );
}
