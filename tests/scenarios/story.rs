//! A story journal: one manager (or more), entries on fixed days counted
//! from the story's first day, and what the coach says on a given day.

use chrono::{Days, NaiveDate, Utc};
use rapport::coach::{Playbook, SHOWN, SuggestedAction, Suggestion};
use rapport::domain::{
    CheckInDraft, ExpectationDraft, ExpectationState, Facet, HeldBy, InitiatedBy, InteractionDraft,
    PersonDraft, ProfileChange, Quality, Relation,
};
use rapport::store::{PersonChange, Store};

/// Day 0 of every story: Monday 3 August 2026.
pub fn day(n: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 8, 3).expect("a day") + Days::new(n)
}

pub struct Story {
    pub store: Store,
    /// The person the story is about.
    pub who: i64,
}

impl Story {
    /// A story about Dana Okafor, a manager with weekly 1:1s, strong at
    /// negotiating with finance. Written to `$RAPPORT_SCENARIOS/<name>.db`
    /// when that is set.
    pub fn new(name: &str) -> Story {
        let store = match std::env::var_os("RAPPORT_SCENARIOS") {
            Some(dir) => {
                let path = std::path::Path::new(&dir).join(format!("{name}.db"));
                let _ = std::fs::remove_file(&path);
                Store::open(&path).expect("a story file")
            }
            None => Store::open_in_memory().expect("open"),
        };
        let mut story = Story { store, who: 0 };
        story.who = story.person("Dana Okafor", Relation::Manager, Some(7), true);
        story
    }

    pub fn person(
        &mut self,
        name: &str,
        relation: Relation,
        every: Option<u32>,
        current: bool,
    ) -> i64 {
        self.store
            .people_mut()
            .add_person(
                &PersonDraft {
                    name: name.into(),
                    role: String::new(),
                    strengths: vec!["negotiating with finance".into()],
                    cadence_days: every,
                    is_current: current,
                    relation,
                },
                day(0),
                Utc::now(),
            )
            .expect("person")
            .id
    }

    pub fn about(&mut self, who: i64) -> &mut Story {
        self.who = who;
        self
    }

    pub fn entry(
        &mut self,
        kind: &str,
        on: u64,
        quality: Option<i64>,
        by: InitiatedBy,
        title: &str,
    ) -> i64 {
        let draft = InteractionDraft {
            person_id: self.who,
            kind_id: self.store.people().kind_named(kind).expect("kind").id,
            happened_on: day(on),
            at_time: None,
            minutes: None,
            quality: quality.and_then(|q| Quality::new(q).ok()),
            initiated_by: by,
            title: title.into(),
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

    /// A 1:1 on day `on`, rated `quality`.
    pub fn one_on_one(&mut self, on: u64, quality: i64) -> &mut Story {
        self.entry(
            "one_on_one",
            on,
            Some(quality),
            InitiatedBy::Them,
            "weekly 1:1",
        );
        self
    }

    pub fn summary(&mut self, on: u64) -> &mut Story {
        self.entry("summary", on, None, InitiatedBy::Me, "weekly summary");
        self
    }

    pub fn informal(&mut self, kind: &str, on: u64, quality: i64, by: InitiatedBy) -> &mut Story {
        self.entry(kind, on, Some(quality), by, kind);
        self
    }

    pub fn feedback(&mut self, on: u64, quality: i64, title: &str) -> &mut Story {
        self.entry("feedback", on, Some(quality), InitiatedBy::Them, title);
        self
    }

    pub fn note(&mut self, on: u64) -> &mut Story {
        self.entry("note", on, None, InitiatedBy::Me, "a thought");
        self
    }

    /// An advice ask on day `on`, reported back `closed_after` days later.
    pub fn ask(&mut self, on: u64, closed_after: Option<u64>) -> &mut Story {
        let id = self.entry(
            "advice",
            on,
            Some(4),
            InitiatedBy::Me,
            "how would you approach it?",
        );
        if let Some(after) = closed_after {
            let advice = self
                .store
                .entries()
                .interaction(id)
                .expect("ask")
                .advice_loop
                .expect("a loop");
            self.store
                .advice_mut()
                .report_advice(advice.id, Some(true), day(on + after))
                .expect("report");
        }
        self
    }

    pub fn check_in(&mut self, on: u64, trust: u8, clarity: u8) -> &mut Story {
        self.store
            .check_ins_mut()
            .add_check_in(
                &CheckInDraft {
                    person_id: Some(self.who),
                    checked_on: day(on),
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

    pub fn topic(&mut self, on: u64, text: &str) -> &mut Story {
        self.store
            .agenda_mut()
            .add_topic(self.who, text, day(on), Utc::now())
            .expect("topic");
        self
    }

    /// An expectation of theirs, agreed on day `on`.
    pub fn agreed(&mut self, on: u64, text: &str) -> &mut Story {
        let e = self
            .store
            .profiles_mut()
            .add_expectation(
                &ExpectationDraft {
                    person_id: self.who,
                    text: text.into(),
                    held_by: HeldBy::Them,
                },
                day(on),
                Utc::now(),
            )
            .expect("expectation");
        self.store
            .profiles_mut()
            .set_expectation_state(e.id, ExpectationState::Agreed, day(on), Utc::now())
            .expect("agreed");
        self
    }

    pub fn theirs(&mut self, on: u64, facet: Facet, items: &[&str]) -> &mut Story {
        let change = if matches!(facet, Facet::TakesIn | Facet::BadNews) {
            ProfileChange::default().value(facet, items.first().map(|s| s.to_string()))
        } else {
            ProfileChange::default().list(facet, items.iter().map(|s| s.to_string()).collect())
        };
        self.store
            .profiles_mut()
            .change_profile(Some(self.who), &change, day(on))
            .expect("their profile");
        self
    }

    pub fn mine(&mut self, on: u64, facet: Facet, items: &[&str]) -> &mut Story {
        let change =
            ProfileChange::default().list(facet, items.iter().map(|s| s.to_string()).collect());
        self.store
            .profiles_mut()
            .change_profile(None, &change, day(on))
            .expect("my profile");
        self
    }

    pub fn archive(&mut self, who: i64) -> &mut Story {
        let change = PersonChange {
            archived: Some(true),
            ..PersonChange::default()
        };
        self.store
            .people_mut()
            .update_person(who, &change, day(0), Utc::now())
            .expect("archive");
        self
    }

    /// Everything the coach says about the story's person on day `on`,
    /// most urgent first.
    pub fn next(&self, on: u64) -> Vec<Suggestion> {
        let person = self.store.people().person(self.who).expect("person");
        rapport::journal::suggestions(&self.store, &person, &Playbook::builtin(), day(on), false)
            .expect("suggestions")
            .1
    }

    /// The three steps `rapport next` shows on day `on`, checked against what
    /// no step may ever say; the first one's rule.
    pub fn top(&self, on: u64) -> Vec<Suggestion> {
        let all = self.next(on);
        let shown: Vec<Suggestion> = all.into_iter().take(SHOWN).collect();
        for s in &shown {
            for text in [&s.message, &s.reason] {
                for never in [
                    "in 0 days",
                    "in 1 days",
                    " 1 days",
                    "Only 0",
                    "down -",
                    "(what they are good at)",
                    "Okafor",
                ] {
                    assert!(
                        !text.contains(never),
                        "day {on}, {}: “{never}” in {text}",
                        s.rule
                    );
                }
                assert!(!text.contains('{'), "an unfilled placeholder: {text}");
            }
        }
        for (i, a) in shown.iter().enumerate() {
            for b in &shown[i + 1..] {
                assert!(
                    !same_step(&a.action, &b.action),
                    "day {on}: {} and {} lead to the same step",
                    a.rule,
                    b.rule
                );
            }
        }
        shown
    }
}

fn same_step(a: &SuggestedAction, b: &SuggestedAction) -> bool {
    match (a, b) {
        (SuggestedAction::None, SuggestedAction::None)
        | (SuggestedAction::Agenda, SuggestedAction::Agenda) => false,
        _ => a == b,
    }
}

/// Asserts the first step's rule, and that none of `never` (rules or words)
/// is among the steps shown; returns them.
pub fn expect(story: &Story, on: u64, first: &str, never: &[&str]) -> Vec<Suggestion> {
    let shown = story.top(on);
    let rules: Vec<&str> = shown.iter().map(|s| s.rule.as_str()).collect();
    assert_eq!(
        rules.first().copied().unwrap_or(""),
        first,
        "day {on}: the first step; all shown: {shown:#?}"
    );
    for n in never {
        for s in &shown {
            assert!(
                s.rule != *n && !s.message.contains(n) && !s.reason.contains(n),
                "day {on}: “{n}” must not appear: {s:#?}"
            );
        }
    }
    shown
}

/// Which habits a rhythm keeps.
#[derive(Debug, Clone, Copy)]
pub struct Habits {
    pub summaries: bool,
    pub informal: bool,
    pub asks: bool,
    pub check_ins: bool,
}

pub const ALL_HABITS: Habits = Habits {
    summaries: true,
    informal: true,
    asks: true,
    check_ins: true,
};

/// A manager's rhythm from day `from` to `to` (Mondays): a 1:1 every
/// Tuesday rated `quality(week)`; with the habits kept, a summary on the
/// Friday for the next 1:1, a coffee every three weeks (alternately started
/// by each), an ask every two weeks closed within five days, a check-in on
/// Fridays; feedback monthly.
pub fn rhythm(story: &mut Story, from: u64, to: u64, quality: impl Fn(u64) -> i64, habits: Habits) {
    let mut week = 0;
    while from + week * 7 <= to {
        let monday = from + week * 7;
        story.one_on_one(monday + 1, quality(week));
        if habits.summaries {
            story.summary(monday + 4);
        }
        if habits.check_ins {
            story.check_in(monday + 4, 4, 4);
        }
        if habits.informal && week % 3 == 1 {
            let by = if week % 2 == 0 {
                InitiatedBy::Me
            } else {
                InitiatedBy::Them
            };
            story.informal("coffee", monday + 2, 4, by);
        }
        if habits.asks && week % 2 == 0 {
            story.ask(monday + 3, Some(5));
        }
        if week % 4 == 2 {
            story.feedback(monday + 1, 4, "good call on the pricing plan");
        }
        week += 1;
    }
}

/// What you know of them and agreed, as in a settled relationship.
pub fn known(story: &mut Story, on: u64) {
    story
        .theirs(on, Facet::Goal, &["Ship the pricing migration by Q1"])
        .theirs(on, Facet::TakesIn, &["reader"])
        .agreed(on, "A written update every Monday");
}
