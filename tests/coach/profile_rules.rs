//! The rules that use what you know of them and of yourself: their goals,
//! the expectations between you, their strengths against your weaknesses,
//! their work style, and their scarce time. Each fires and stays quiet on
//! the fixed `today`.

use chrono::{Days, Utc};
use rapport::domain::{ExpectationDraft, ExpectationState, Facet, HeldBy, ProfileChange};
use rapport::store::PersonChange;

use super::{Journal, fires_after, today};

impl Journal {
    fn goals(&mut self, days: u64, goals: &[&str]) -> &mut Journal {
        let change = ProfileChange::default()
            .list(Facet::Goal, goals.iter().map(|g| g.to_string()).collect());
        self.store
            .profiles_mut()
            .change_profile(Some(self.dana), &change, today() - Days::new(days))
            .expect("goals");
        self
    }

    fn style(&mut self, takes_in: &str) -> &mut Journal {
        let change = ProfileChange::default().value(Facet::TakesIn, Some(takes_in.into()));
        self.store
            .profiles_mut()
            .change_profile(Some(self.dana), &change, today())
            .expect("style");
        self
    }

    fn my_weaknesses(&mut self, weaknesses: &[&str]) -> &mut Journal {
        let change = ProfileChange::default().list(
            Facet::Weakness,
            weaknesses.iter().map(|w| w.to_string()).collect(),
        );
        self.store
            .profiles_mut()
            .change_profile(None, &change, today())
            .expect("weaknesses");
        self
    }

    fn strengths(&mut self, strengths: &[&str]) -> &mut Journal {
        let change = PersonChange {
            strengths: Some(strengths.iter().map(|s| s.to_string()).collect()),
            ..PersonChange::default()
        };
        self.store
            .people_mut()
            .update_person(self.dana, &change, today(), Utc::now())
            .expect("strengths");
        self
    }

    /// An expectation of theirs, added `days` ago and, if agreed, agreed then.
    pub(super) fn expectation(&mut self, days: u64, state: ExpectationState) -> &mut Journal {
        let on = today() - Days::new(days);
        let e = self
            .store
            .profiles_mut()
            .add_expectation(
                &ExpectationDraft {
                    person_id: self.dana,
                    text: "A written update every Friday".into(),
                    held_by: HeldBy::Them,
                },
                on,
                Utc::now(),
            )
            .expect("expectation");
        if state != ExpectationState::Assumed {
            self.store
                .profiles_mut()
                .set_expectation_state(e.id, state, on, Utc::now())
                .expect("state");
        }
        self
    }

    fn topics(&mut self, texts: &[&str]) -> &mut Journal {
        for text in texts {
            self.store
                .agenda_mut()
                .add_topic(self.dana, text, today() - Days::new(2), Utc::now())
                .expect("topic");
        }
        self
    }
}

#[test]
fn profile_thin_fires_when_no_goal_of_theirs_is_written_down() {
    assert!(fires_after("profile-thin", |_| {}));
    assert!(!fires_after("profile-thin", |j| {
        j.goals(3, &["Ship the pricing migration"]);
    }));
}

#[test]
fn goals_stale_fires_once_their_goals_are_over_ninety_days_old() {
    assert!(fires_after("goals-stale", |j| {
        j.goals(91, &["Ship the pricing migration"]);
    }));
    assert!(!fires_after("goals-stale", |j| {
        j.goals(90, &["Ship the pricing migration"]);
    }));
    // Saying the same goal again today confirms it.
    assert!(!fires_after("goals-stale", |j| {
        j.goals(120, &["Ship the pricing migration"])
            .goals(0, &["ship the pricing migration"]);
    }));
}

#[test]
fn expectations_unagreed_fires_with_none_or_only_assumed_ones() {
    assert!(fires_after("expectations-unagreed", |_| {}));
    assert!(fires_after("expectations-unagreed", |j| {
        j.expectation(10, ExpectationState::Assumed)
            .expectation(5, ExpectationState::Unclear);
    }));
    assert!(!fires_after("expectations-unagreed", |j| {
        j.expectation(10, ExpectationState::Assumed)
            .expectation(5, ExpectationState::Agreed);
    }));
}

#[test]
fn expectations_unconfirmed_fires_when_none_was_confirmed_in_ninety_days() {
    assert!(fires_after("expectations-unconfirmed", |j| {
        j.expectation(91, ExpectationState::Agreed);
    }));
    assert!(!fires_after("expectations-unconfirmed", |j| {
        j.expectation(91, ExpectationState::Agreed)
            .expectation(30, ExpectationState::Agreed);
    }));
}

#[test]
fn advice_on_a_weakness_fires_when_their_strength_covers_yours_and_no_ask_for_three_weeks() {
    assert!(fires_after("advice-on-a-weakness", |j| {
        j.my_weaknesses(&["finance negotiations"]).ask(22, Some(2));
    }));
    assert!(!fires_after("advice-on-a-weakness", |j| {
        j.my_weaknesses(&["finance negotiations"]).ask(21, Some(2));
    }));
    assert!(
        !fires_after("advice-on-a-weakness", |j| {
            j.my_weaknesses(&["estimating work"]).ask(40, Some(2));
        }),
        "no strength of theirs matches"
    );
}

#[test]
fn the_strength_an_advice_suggestion_names_is_the_one_matching_your_weakness() {
    let mut j = Journal::new();
    // Cleared first, so the matching strength is not the first one stored.
    j.strengths(&[])
        .strengths(&["public speaking", "negotiating with finance"])
        .my_weaknesses(&["estimating", "finance negotiations"])
        .ask(31, Some(2));
    let suggestions = j.suggestions();
    // Both lead to an advice ask: one step, the more specific reason kept.
    let paired = suggestions
        .iter()
        .find(|s| s.rule == "advice-on-a-weakness")
        .expect("fires");
    assert_eq!(paired.merged, ["advice-gap"]);
    assert_eq!(
        paired.message,
        "Dana is strong at negotiating with finance, which you listed as a weakness (finance negotiations): ask how they would handle it on your current work."
    );
    // Without a weakness of yours, the first strength is named as before.
    let mut j = Journal::new();
    j.strengths(&[])
        .strengths(&["public speaking", "negotiating with finance"])
        .ask(31, Some(2));
    let advice = j.suggestions();
    let advice = advice
        .iter()
        .find(|s| s.rule == "advice-gap")
        .expect("fires");
    assert!(
        advice.message.contains("their strength in public speaking"),
        "{}",
        advice.message
    );
}

#[test]
fn for_a_reader_the_summary_step_is_to_send_it_a_day_ahead() {
    // Weekly 1:1s, the last six days ago: the next is tomorrow.
    let mut j = Journal::new();
    j.style("reader").me("one_on_one", 6);
    let rules: Vec<String> = j.suggestions().into_iter().map(|s| s.rule).collect();
    assert!(
        rules.contains(&"summary-for-a-reader".to_string()),
        "{rules:?}"
    );
    assert!(
        !rules.contains(&"summary-before-one-on-one".to_string()),
        "the reader's step replaces the generic one: {rules:?}"
    );
    assert!(!fires_after("summary-for-a-reader", |j| {
        j.style("reader").me("one_on_one", 4);
    }));
    assert!(!fires_after("summary-for-a-reader", |j| {
        j.style("reader").me("one_on_one", 6).me("summary", 1);
    }));
}

#[test]
fn for_a_listener_the_summary_step_is_three_talking_points() {
    let mut j = Journal::new();
    j.style("listener").me("one_on_one", 6);
    let s = j.suggestions();
    let step = s
        .iter()
        .find(|s| s.rule == "talking-points-for-a-listener")
        .expect("fires the day before");
    assert!(
        step.message.contains("three talking points"),
        "{}",
        step.message
    );
    assert!(!s.iter().any(|s| s.rule == "summary-before-one-on-one"));
    assert!(!fires_after("talking-points-for-a-listener", |j| {
        j.style("listener").me("one_on_one", 5);
    }));
}

#[test]
fn too_many_topics_before_a_one_on_one_picks_the_three_that_serve_their_goals() {
    let topics = [
        "Office move",
        "Team offsite",
        "Pricing migration risks",
        "Conference budget",
        "Hiring plan for seniors",
        "Laptop refresh",
    ];
    let mut j = Journal::new();
    j.goals(5, &["Ship the pricing migration", "Hire two seniors"])
        .topics(&topics)
        .me("one_on_one", 6);
    let s = j.suggestions();
    let pick = s
        .iter()
        .find(|s| s.rule == "too-many-topics")
        .expect("fires");
    assert!(
        pick.message
            .contains("“Pricing migration risks”, “Hiring plan for seniors”, “Office move”"),
        "{}",
        pick.message
    );
    assert!(!fires_after("too-many-topics", |j| {
        j.topics(&topics[..5]).me("one_on_one", 6);
    }));
    // A week before the 1:1 is not yet the moment.
    assert!(!fires_after("too-many-topics", |j| {
        j.topics(&topics).me("one_on_one", 1);
    }));
}
