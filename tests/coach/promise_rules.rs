//! The promise rules: mine due within two days, mine overdue, theirs a
//! week overdue, and a pattern of moved promises. Each fires past its
//! threshold and stays quiet just under it, on the fixed `today`.

use chrono::{Days, NaiveDate, Utc};
use rapport::domain::{MadeBy, PromiseDraft};

use super::{Journal, fires_after, today};

fn ahead(days: i64) -> NaiveDate {
    if days < 0 {
        today() - Days::new(days.unsigned_abs())
    } else {
        today() + Days::new(days.unsigned_abs())
    }
}

impl Journal {
    /// A promise made 30 days ago, due `due` days from today (negative: past).
    fn promise(&mut self, by: MadeBy, due: i64) -> i64 {
        self.promise_made(by, 30, due)
    }

    fn promise_made(&mut self, by: MadeBy, made: u64, due: i64) -> i64 {
        self.store
            .promises_mut()
            .add(
                &PromiseDraft {
                    person_id: self.dana,
                    text: "Send the cost model".into(),
                    made_by: by,
                    made_on: today() - Days::new(made),
                    interaction_id: None,
                    due_on: Some(ahead(due)),
                },
                Utc::now(),
            )
            .expect("promise")
            .id
    }

    /// A promise of mine, made the day before, moved `days_ago` to a day
    /// still ahead.
    fn moved_promise(&mut self, days_ago: u64) -> &mut Journal {
        let id = self.promise_made(MadeBy::Me, days_ago + 1, 10);
        self.store
            .promises_mut()
            .move_due(id, ahead(20), today() - Days::new(days_ago), Utc::now())
            .expect("moved");
        self
    }
}

#[test]
fn a_promise_of_mine_due_within_two_days_asks_to_do_it_or_renegotiate() {
    assert!(fires_after("promise-due-soon", |j| {
        j.promise(MadeBy::Me, 2);
    }));
    assert!(fires_after("promise-due-soon", |j| {
        j.promise(MadeBy::Me, 0);
    }));
    assert!(!fires_after("promise-due-soon", |j| {
        j.promise(MadeBy::Me, 3);
    }));
    // Theirs due tomorrow is not mine to keep.
    assert!(!fires_after("promise-due-soon", |j| {
        j.promise(MadeBy::Them, 1);
    }));
    // Kept: nothing to do.
    assert!(!fires_after("promise-due-soon", |j| {
        let id = j.promise(MadeBy::Me, 1);
        j.store
            .promises_mut()
            .keep(id, today(), today(), Utc::now())
            .expect("kept");
    }));
}

#[test]
fn the_due_soon_message_names_the_promise_and_its_day() {
    let mut j = Journal::new();
    j.promise(MadeBy::Me, 1);
    let s = j
        .suggestions()
        .into_iter()
        .find(|s| s.rule == "promise-due-soon")
        .expect("fired");
    assert!(s.message.contains("“Send the cost model”"), "{}", s.message);
    assert!(
        s.message.contains("due tomorrow (Wed 25 Nov)"),
        "{}",
        s.message
    );
    assert_eq!(s.reason, "a promise of yours is due tomorrow");
}

#[test]
fn a_promise_of_mine_past_its_day_asks_to_tell_them_now_with_a_new_date() {
    assert!(fires_after("promise-overdue", |j| {
        j.promise(MadeBy::Me, -1);
    }));
    // Due today is not overdue yet.
    assert!(!fires_after("promise-overdue", |j| {
        j.promise(MadeBy::Me, 0);
    }));
    // Moved to a new day: renegotiated in time, not overdue.
    assert!(!fires_after("promise-overdue", |j| {
        let id = j.promise(MadeBy::Me, -3);
        j.store
            .promises_mut()
            .move_due(id, ahead(5), today(), Utc::now())
            .expect("moved");
    }));
    let mut j = Journal::new();
    j.promise(MadeBy::Me, -3);
    let s = j
        .suggestions()
        .into_iter()
        .find(|s| s.rule == "promise-overdue")
        .expect("fired");
    assert_eq!(s.reason, "your promise is 3 days overdue");
    assert!(s.message.contains("tell Dana now"), "{}", s.message);
}

#[test]
fn their_promise_a_week_overdue_suggests_a_light_follow_up() {
    assert!(fires_after("their-promise-overdue", |j| {
        j.promise(MadeBy::Them, -7);
    }));
    assert!(!fires_after("their-promise-overdue", |j| {
        j.promise(MadeBy::Them, -6);
    }));
    // Mine overdue a week is another rule's business.
    assert!(!fires_after("their-promise-overdue", |j| {
        j.promise(MadeBy::Me, -8);
    }));
    let mut j = Journal::new();
    j.promise(MadeBy::Them, -9);
    let s = j
        .suggestions()
        .into_iter()
        .find(|s| s.rule == "their-promise-overdue")
        .expect("fired");
    assert!(s.message.contains("Not a reproach"), "{}", s.message);
    assert!(
        !s.message.contains("overdue"),
        "no blame in the words: {}",
        s.message
    );
}

#[test]
fn three_promises_moved_in_ninety_days_suggest_promising_less_or_later() {
    assert!(fires_after("promises-moved", |j| {
        j.moved_promise(5).moved_promise(40).moved_promise(80);
    }));
    assert!(!fires_after("promises-moved", |j| {
        j.moved_promise(5).moved_promise(40);
    }));
    // A move older than ninety days is not part of the pattern.
    assert!(!fires_after("promises-moved", |j| {
        j.moved_promise(5).moved_promise(40).moved_promise(95);
    }));
}

#[test]
fn a_healthy_journal_with_promises_kept_on_time_gets_no_promise_nagging() {
    let mut j = super::steady();
    for due in [-20, -10, -3] {
        let id = j.promise(MadeBy::Me, due);
        j.store
            .promises_mut()
            .keep(id, ahead(due), today(), Utc::now())
            .expect("kept");
    }
    j.promise(MadeBy::Me, 9);
    j.promise(MadeBy::Them, -2);
    let rules: Vec<String> = j.suggestions().into_iter().map(|s| s.rule).collect();
    assert!(
        rules.iter().all(|r| r == "going-well"),
        "promises kept on time were nagged about: {rules:?}"
    );
}
