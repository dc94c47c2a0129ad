//! Every shipped rule against a small journal on a fixed day: it fires past
//! its threshold and stays quiet just under it. A healthy journal gets no
//! nagging. Nudges (snooze, dismiss, done, switch off) quiet the right
//! occurrences.

use chrono::{Days, NaiveDate, Utc};
use rapport::coach::{Playbook, Suggestion};
use rapport::domain::{CheckInDraft, InitiatedBy, InteractionDraft, PersonDraft, Quality};
use rapport::journal;
use rapport::store::{PersonChange, Store};

#[path = "coach/next_command.rs"]
mod next_command;
#[path = "coach/nudges.rs"]
mod nudges;
#[path = "coach/practice_rules.rs"]
mod practice_rules;
#[path = "coach/profile_rules.rs"]
mod profile_rules;
#[path = "coach/promise_rules.rs"]
mod promise_rules;
#[path = "coach/quality_rules.rs"]
mod quality_rules;
#[path = "coach/relation_rules.rs"]
mod relation_rules;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).expect("a Tuesday")
}

/// A journal about one manager, built entry by entry, `days` back from today.
struct Journal {
    store: Store,
    dana: i64,
}

impl Journal {
    /// A manager with a strength and a weekly cadence; the journal began 120
    /// days ago with a note.
    fn new() -> Journal {
        let mut store = Store::open_in_memory().expect("open");
        let dana = store
            .people_mut()
            .add_person(
                &PersonDraft {
                    name: "Dana".into(),
                    strengths: vec!["negotiating with finance".into()],
                    cadence_days: Some(7),
                    is_current: true,
                    ..PersonDraft::default()
                },
                today(),
                Utc::now(),
            )
            .expect("person")
            .id;
        let mut j = Journal { store, dana };
        j.log("note", 120, None, InitiatedBy::Me);
        j
    }

    fn log(&mut self, kind: &str, days: u64, quality: Option<i64>, by: InitiatedBy) -> i64 {
        let draft = InteractionDraft {
            person_id: self.dana,
            kind_id: self.store.people().kind_named(kind).expect("kind").id,
            happened_on: today() - Days::new(days),
            at_time: None,
            minutes: None,
            quality: quality.and_then(|q| Quality::new(q).ok()),
            initiated_by: by,
            title: format!("{kind} {days} days ago"),
            notes: String::new(),
            tags: Vec::new(),
            advice_strength: None,
            private: false,
        };
        self.store
            .entries_mut()
            .add_interaction(&draft, Utc::now())
            .expect("entry")
            .id
    }

    fn me(&mut self, kind: &str, days: u64) -> &mut Journal {
        self.log(kind, days, Some(4), InitiatedBy::Me);
        self
    }

    fn rated(&mut self, kind: &str, days: u64, quality: i64) -> &mut Journal {
        self.log(kind, days, Some(quality), InitiatedBy::Me);
        self
    }

    fn by_them(&mut self, kind: &str, days: u64) -> &mut Journal {
        self.log(kind, days, Some(4), InitiatedBy::Them);
        self
    }

    /// An advice ask, its loop closed `closed_after` days later (or left open).
    fn ask(&mut self, days: u64, closed_after: Option<u64>) -> &mut Journal {
        let id = self.log("advice", days, Some(4), InitiatedBy::Me);
        if let Some(after) = closed_after {
            let entry = self.store.entries().interaction(id).expect("ask");
            let advice = entry.advice_loop.expect("a loop");
            self.store
                .advice_mut()
                .report_advice(advice.id, Some(true), today() - Days::new(days - after))
                .expect("report");
        }
        self
    }

    fn check_in(&mut self, days: u64, trust: u8, clarity: u8) -> &mut Journal {
        self.store
            .check_ins_mut()
            .add_check_in(
                &CheckInDraft {
                    person_id: Some(self.dana),
                    checked_on: today() - Days::new(days),
                    trust,
                    clarity,
                    ease: 3,
                    note: String::new(),
                },
                Utc::now(),
            )
            .expect("check-in");
        self
    }

    fn topic(&mut self, days: u64) -> &mut Journal {
        self.store
            .agenda_mut()
            .add_topic(
                self.dana,
                "Headcount plan",
                today() - Days::new(days),
                Utc::now(),
            )
            .expect("topic");
        self
    }

    fn without_strengths(&mut self) -> &mut Journal {
        let change = PersonChange {
            strengths: Some(Vec::new()),
            ..PersonChange::default()
        };
        self.store
            .people_mut()
            .update_person(self.dana, &change, today(), Utc::now())
            .expect("update");
        self
    }

    fn suggestions(&self) -> Vec<Suggestion> {
        let person = self.store.people().person(self.dana).expect("person");
        journal::suggestions(&self.store, &person, &Playbook::builtin(), today(), false)
            .expect("suggestions")
            .1
    }

    /// Whether `rule` fired: shown, or merged into a step with the same action.
    fn fires(&self, rule: &str) -> bool {
        self.suggestions()
            .iter()
            .any(|s| s.rule == rule || s.merged.iter().any(|m| m == rule))
    }
}

/// A journal where 1:1s, summaries, informal time, asks, feedback and
/// check-ins all keep their rhythm: the base each rule's scenario bends.
fn steady() -> Journal {
    let mut j = Journal::new();
    for week in 0..16u64 {
        let monday = 1 + week * 7; // Mondays: 1, 8, 15 … days ago
        j.me("summary", monday).rated("one_on_one", monday - 1, 4);
        j.check_in(monday - 1, 4, 4);
    }
    for n in 0..4u64 {
        j.me("meal", 3 + n * 28).by_them("coffee", 10 + n * 28);
    }
    for n in 0..8u64 {
        j.ask(5 + n * 14, Some(4));
    }
    j.by_them("feedback", 20)
        .by_them("feedback", 50)
        .by_them("feedback", 80);
    // Their goals known lately, and what they expect of you agreed.
    let goals = rapport::domain::ProfileChange::default()
        .list(rapport::domain::Facet::Goal, vec!["Ship pricing".into()]);
    j.store
        .profiles_mut()
        .change_profile(Some(j.dana), &goals, today() - Days::new(20))
        .expect("goals");
    j.expectation(40, rapport::domain::ExpectationState::Agreed);
    // And you know how they take things in.
    let style = rapport::domain::ProfileChange::default()
        .value(rapport::domain::Facet::TakesIn, Some("listener".into()));
    j.store
        .profiles_mut()
        .change_profile(Some(j.dana), &style, today() - Days::new(20))
        .expect("style");
    j
}

#[test]
fn a_healthy_journal_gets_no_nagging() {
    let j = steady();
    let rules: Vec<String> = j.suggestions().into_iter().map(|s| s.rule).collect();
    assert!(
        rules.iter().all(|r| r == "going-well"),
        "a healthy journal was nagged: {rules:?}"
    );
}

/// Runs a scenario on a fresh journal and tells whether `rule` fired.
fn fires_after(rule: &str, change: impl FnOnce(&mut Journal)) -> bool {
    let mut j = Journal::new();
    change(&mut j);
    j.fires(rule)
}

#[test]
fn summary_before_one_on_one_fires_two_days_ahead_without_a_summary() {
    // Last 1:1 six days ago, weekly: the next is tomorrow and no summary yet.
    assert!(fires_after("summary-before-one-on-one", |j| {
        j.me("one_on_one", 6);
    }));
    // Four days ago: the next is in three days, not yet.
    assert!(!fires_after("summary-before-one-on-one", |j| {
        j.me("one_on_one", 4);
    }));
    // Sent on Monday (yesterday): quiet.
    assert!(!fires_after("summary-before-one-on-one", |j| {
        j.me("one_on_one", 6).me("summary", 1);
    }));
}

#[test]
fn days_in_reasons_read_as_words_never_in_one_days() {
    let reason = |days_ago: u64| {
        let mut j = Journal::new();
        j.me("one_on_one", days_ago);
        j.suggestions()
            .into_iter()
            .find(|s| s.rule == "summary-before-one-on-one")
            .map(|s| s.reason)
    };
    // Weekly 1:1s: the last six days ago puts the next tomorrow, five days
    // ago in two days.
    assert_eq!(
        reason(6).as_deref(),
        Some("1:1 tomorrow; no summary sent this week")
    );
    assert_eq!(
        reason(5).as_deref(),
        Some("1:1 in 2 days; no summary sent this week")
    );
    assert_eq!(
        reason(7).as_deref(),
        Some("1:1 today; no summary sent this week")
    );
}

#[test]
fn cadence_lapsed_fires_two_days_past_the_day_the_one_on_one_was_due() {
    // Weekly: due 7 days after the last; two days past it, reschedule.
    assert!(fires_after("cadence-lapsed", |j| {
        j.me("one_on_one", 9);
    }));
    assert!(!fires_after("cadence-lapsed", |j| {
        j.me("one_on_one", 8);
    }));
}

#[test]
fn trust_low_fires_at_two_or_less() {
    assert!(fires_after("trust-low", |j| {
        j.check_in(2, 2, 4);
    }));
    assert!(!fires_after("trust-low", |j| {
        j.check_in(2, 3, 4);
    }));
}

#[test]
fn trust_falling_fires_at_a_drop_of_one_point() {
    assert!(fires_after("trust-falling", |j| {
        j.check_in(21, 4, 3)
            .check_in(14, 4, 3)
            .check_in(7, 4, 3)
            .check_in(0, 3, 3);
    }));
    assert!(!fires_after("trust-falling", |j| {
        j.check_in(21, 4, 3)
            .check_in(14, 4, 3)
            .check_in(7, 3, 3)
            .check_in(0, 3, 3);
    }));
}

#[test]
fn clarity_low_fires_at_two_or_less() {
    assert!(fires_after("clarity-low", |j| {
        j.check_in(1, 4, 2);
    }));
    assert!(!fires_after("clarity-low", |j| {
        j.check_in(1, 4, 3);
    }));
}

#[test]
fn no_feedback_fires_after_sixty_days() {
    assert!(fires_after("no-feedback", |j| {
        j.by_them("feedback", 61);
    }));
    assert!(!fires_after("no-feedback", |j| {
        j.by_them("feedback", 60);
    }));
}

#[test]
fn informal_gap_fires_after_thirty_five_days() {
    assert!(fires_after("informal-gap", |j| {
        j.me("coffee", 36);
    }));
    assert!(!fires_after("informal-gap", |j| {
        j.me("coffee", 35);
    }));
}

#[test]
fn few_touchpoints_fires_at_three_or_fewer_in_thirty_days() {
    assert!(fires_after("few-touchpoints", |j| {
        j.me("chat", 2).me("chat", 9).me("one_on_one", 20);
    }));
    assert!(!fires_after("few-touchpoints", |j| {
        j.me("chat", 2)
            .me("chat", 9)
            .me("one_on_one", 20)
            .me("coffee", 25);
    }));
}

#[test]
fn advice_gap_fires_after_thirty_days_and_names_a_strength() {
    let mut j = Journal::new();
    j.ask(31, Some(3));
    let s = j.suggestions();
    let advice = s.iter().find(|s| s.rule == "advice-gap").expect("fires");
    assert!(
        advice.message.contains("negotiating with finance"),
        "{}",
        advice.message
    );
    assert!(!fires_after("advice-gap", |j| {
        j.ask(30, Some(3));
    }));
}

#[test]
fn an_advice_loop_open_past_fourteen_days_asks_for_a_report_back() {
    assert!(fires_after("advice-loop-open", |j| {
        j.ask(15, None);
    }));
    assert!(!fires_after("advice-loop-open", |j| {
        j.ask(14, None);
    }));
    assert!(!fires_after("advice-loop-open", |j| {
        j.ask(30, Some(10));
    }));
}

#[test]
fn no_strengths_fires_when_none_are_written_down() {
    assert!(fires_after("no-strengths", |j| {
        j.without_strengths();
    }));
    assert!(!fires_after("no-strengths", |_| {}));
}

#[test]
fn informal_time_started_almost_all_by_them_fires() {
    assert!(fires_after("started-by-them", |j| {
        j.by_them("coffee", 5)
            .by_them("coffee", 20)
            .by_them("meal", 40)
            .by_them("chat", 60);
    }));
    assert!(!fires_after("started-by-them", |j| {
        j.by_them("coffee", 5)
            .by_them("coffee", 20)
            .by_them("meal", 40)
            .me("chat", 60);
    }));
}

#[test]
fn informal_time_all_started_by_me_is_the_practice_and_draws_no_step_about_who_starts() {
    let mut j = Journal::new();
    j.me("coffee", 5)
        .me("coffee", 20)
        .me("meal", 40)
        .me("chat", 60);
    for s in j.suggestions() {
        assert!(
            !s.message.contains("leave room") && !s.message.contains("started"),
            "{}: {}",
            s.rule,
            s.message
        );
    }
}

#[test]
fn a_check_in_is_due_after_a_week() {
    assert!(fires_after("checkin-due", |j| {
        j.check_in(8, 4, 4);
    }));
    assert!(!fires_after("checkin-due", |j| {
        j.check_in(7, 4, 4);
    }));
}

#[test]
fn a_topic_carried_over_three_one_on_ones_asks_for_a_decision() {
    let mut j = Journal::new();
    j.topic(30)
        .me("one_on_one", 21)
        .me("one_on_one", 14)
        .me("one_on_one", 7);
    let s = j.suggestions();
    let carried = s.iter().find(|s| s.rule == "topic-carried").expect("fires");
    assert!(
        carried.message.contains("Headcount plan"),
        "{}",
        carried.message
    );
    assert!(!fires_after("topic-carried", |j| {
        j.topic(30).me("one_on_one", 14).me("one_on_one", 7);
    }));
}

#[test]
fn going_well_fires_only_on_a_sustained_rise_with_trust_holding() {
    let earlier = |j: &mut Journal| {
        j.rated("one_on_one", 28, 3)
            .rated("one_on_one", 35, 3)
            .rated("one_on_one", 42, 3);
    };
    assert!(fires_after("going-well", |j| {
        earlier(j);
        j.rated("one_on_one", 7, 4)
            .rated("one_on_one", 14, 4)
            .rated("one_on_one", 21, 4);
    }));
    // One good week among average ones is not a rise.
    assert!(!fires_after("going-well", |j| {
        earlier(j);
        j.rated("one_on_one", 7, 5)
            .rated("one_on_one", 14, 3)
            .rated("one_on_one", 21, 3);
    }));
    // Identical ratings alternating 4, 3, 4, 3… never read as going well.
    for day in 0..14u64 {
        let mut j = Journal::new();
        for week in 0..8u64 {
            j.rated(
                "one_on_one",
                1 + day % 7 + week * 7,
                if week % 2 == 0 { 4 } else { 3 },
            );
        }
        assert!(!j.fires("going-well"), "day {day}");
        assert!(!j.fires("quality-falling"), "day {day}");
    }
}

/// The journal's manager made a skip-level (or archived), through the store.
/// A playbook of only these built-in rules.
fn only(ids: &[&str]) -> Playbook {
    Playbook {
        rules: Playbook::builtin()
            .rules
            .into_iter()
            .filter(|r| ids.contains(&r.id.as_str()))
            .collect(),
    }
}

impl Journal {
    fn with_playbook(&self, playbook: &Playbook) -> Vec<Suggestion> {
        let person = self.store.people().person(self.dana).expect("person");
        rapport::journal::suggestions(&self.store, &person, playbook, today(), false)
            .expect("suggestions")
            .1
    }
}

#[test]
fn every_shipped_rule_has_a_firing_test_here() {
    let source = [
        include_str!("coach.rs"),
        include_str!("coach/profile_rules.rs"),
        include_str!("coach/promise_rules.rs"),
        include_str!("coach/practice_rules.rs"),
        include_str!("coach/quality_rules.rs"),
        include_str!("coach/relation_rules.rs"),
        include_str!("coach/nudges.rs"),
    ]
    .concat();
    for rule in Playbook::builtin().rules {
        assert!(
            source.contains(&format!("\"{}\"", rule.id)),
            "no test names rule {}",
            rule.id
        );
    }
}
