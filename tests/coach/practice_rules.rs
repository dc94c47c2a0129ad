//! The practices the coach used to miss, each fired and not fired: hard
//! feedback, advice asks piling up, over-investment, the first 90 days with
//! a new manager, their blind spot that is your strength, reader or
//! listener unknown. And how the list is made: one step per action, nothing
//! already on the agenda, an overdue 1:1 as one state, the day it is
//! evaluated on.

use chrono::{Days, Utc};
use rapport::coach::Playbook;
use rapport::domain::{Facet, InitiatedBy, PersonDraft, ProfileChange};
use rapport::store::Store;

use super::{Journal, fires_after, today};

impl Journal {
    /// A manager met for the first time `days` ago (no older entry).
    fn met(days: u64) -> Journal {
        let mut store = Store::open_in_memory().expect("open");
        let dana = store
            .people_mut()
            .add_person(
                &PersonDraft {
                    name: "Dana Okafor".into(),
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
        j.log("one_on_one", days, Some(4), InitiatedBy::Them);
        j
    }

    fn agenda(&mut self, texts: &[&str]) -> &mut Journal {
        for t in texts {
            self.store
                .agenda_mut()
                .add_topic(self.dana, t, today() - Days::new(2), Utc::now())
                .expect("topic");
        }
        self
    }

    fn theirs(&mut self, facet: Facet, items: &[&str]) -> &mut Journal {
        let change =
            ProfileChange::default().list(facet, items.iter().map(|s| s.to_string()).collect());
        self.store
            .profiles_mut()
            .change_profile(Some(self.dana), &change, today() - Days::new(30))
            .expect("their profile");
        self
    }

    fn mine(&mut self, facet: Facet, items: &[&str]) -> &mut Journal {
        let change =
            ProfileChange::default().list(facet, items.iter().map(|s| s.to_string()).collect());
        self.store
            .profiles_mut()
            .change_profile(None, &change, today() - Days::new(30))
            .expect("my profile");
        self
    }

    fn rules(&self) -> Vec<String> {
        self.suggestions().into_iter().map(|s| s.rule).collect()
    }
}

#[test]
fn hard_feedback_is_named_and_followed_up_the_way_they_want_bad_news() {
    let mut j = Journal::new();
    j.rated("feedback", 3, 1);
    j.store
        .profiles_mut()
        .change_profile(
            Some(j.dana),
            &ProfileChange::default()
                .value(Facet::BadNews, Some("early, in person, with a plan".into())),
            today() - Days::new(30),
        )
        .expect("bad news");
    let s = j.suggestions();
    let hard = s
        .iter()
        .find(|s| s.rule == "negative-feedback")
        .expect("fires");
    assert!(
        hard.message.contains("acknowledge it")
            && hard.message.contains("early, in person, with a plan"),
        "{}",
        hard.message
    );
    assert_eq!(
        hard.reason,
        "feedback rated 1/5 3 days ago, not yet followed up"
    );
    // Good feedback, or hard feedback a month old: nothing to follow up.
    assert!(!fires_after("negative-feedback", |j| {
        j.rated("feedback", 3, 4);
    }));
    assert!(!fires_after("negative-feedback", |j| {
        j.rated("feedback", 30, 1);
    }));
}

#[test]
fn open_advice_asks_piling_up_ask_to_close_two_before_asking_more() {
    let mut j = Journal::new();
    for n in 0..4u64 {
        j.ask(5 + n * 7, None);
    }
    let s = j.suggestions();
    let backlog = s
        .iter()
        .find(|s| s.rule == "advice-backlog")
        .expect("fires");
    assert!(
        backlog.message.starts_with(
            "4 advice asks to Dana still wait for your report-back (no closed loops so far)"
        ),
        "{}",
        backlog.message
    );
    // The oldest ask's report-back is the same step: merged, not repeated.
    assert_eq!(backlog.merged, ["advice-loop-open"]);
    assert!(!s.iter().any(|s| s.rule == "advice-gap"), "no “ask more”");
    assert!(!fires_after("advice-backlog", |j| {
        for n in 0..3u64 {
            j.ask(5 + n * 7, None);
        }
    }));
}

#[test]
fn weekly_dinners_and_constant_asks_are_over_investment() {
    assert!(fires_after("over-informal", |j| {
        for week in 0..8u64 {
            j.me("meal", 1 + week * 7);
        }
    }));
    assert!(!fires_after("over-informal", |j| {
        for n in 0..4u64 {
            j.me("coffee", 1 + n * 14);
        }
    }));
    assert!(fires_after("over-asking", |j| {
        for n in 0..20u64 {
            j.ask(1 + n * 4, Some(1));
        }
    }));
    assert!(!fires_after("over-asking", |j| {
        for n in 0..8u64 {
            j.ask(1 + n * 10, Some(1));
        }
    }));
}

#[test]
fn a_new_manager_is_asked_what_success_looks_like_not_how_am_i_doing() {
    let j = Journal::met(10);
    let rules = j.rules();
    assert!(
        rules.contains(&"first-weeks-success".to_string()),
        "{rules:?}"
    );
    assert!(
        rules.contains(&"first-weeks-style".to_string()),
        "{rules:?}"
    );
    assert!(
        !rules.contains(&"expectations-unagreed".to_string()),
        "{rules:?}"
    );
    assert!(
        !rules.contains(&"reader-or-listener".to_string()),
        "{rules:?}"
    );
    for s in j.suggestions() {
        assert!(
            !s.message.contains("How am I doing"),
            "{}: {}",
            s.rule,
            s.message
        );
    }
    // After 90 days, the settled rules take over.
    let j = Journal::met(100);
    let rules = j.rules();
    assert!(
        !rules.contains(&"first-weeks-success".to_string()),
        "{rules:?}"
    );
    assert!(
        !rules.contains(&"first-weeks-style".to_string()),
        "{rules:?}"
    );
    assert!(j.fires("expectations-unagreed"), "{rules:?}");
    assert!(j.fires("reader-or-listener"), "{rules:?}");
}

#[test]
fn their_blind_spot_that_is_your_strength_is_offered() {
    let mut j = Journal::new();
    j.theirs(Facet::BlindSpot, &["underestimates on-call load"])
        .mine(Facet::Strength, &["on-call load planning"]);
    let s = j.suggestions();
    let offer = s
        .iter()
        .find(|s| s.rule == "blind-spot-you-cover")
        .expect("fires");
    assert_eq!(
        offer.message,
        "Dana's blind spot — underestimates on-call load — is a strength of yours (on-call load planning): offer to cover it."
    );
    assert!(!fires_after("blind-spot-you-cover", |j| {
        j.theirs(Facet::BlindSpot, &["underestimates on-call load"])
            .mine(Facet::Strength, &["public speaking"]);
    }));
}

#[test]
fn reader_or_listener_unknown_asks_you_to_watch_how_they_take_a_summary() {
    let j = Journal::new();
    assert!(j.fires("reader-or-listener"));
    let mut j = Journal::new();
    j.theirs(Facet::TakesIn, &[]);
    j.store
        .profiles_mut()
        .change_profile(
            Some(j.dana),
            &ProfileChange::default().value(Facet::TakesIn, Some("reader".into())),
            today(),
        )
        .expect("style");
    assert!(!j.fires("reader-or-listener"));
}

// ------------------------------------------------------- how the list is made

#[test]
fn two_rules_with_the_same_topic_make_one_step_with_the_strongest_reason() {
    // Clarity low and no expectation agreed both add "How am I doing…".
    let mut j = Journal::new();
    j.check_in(1, 4, 2);
    let s = j.suggestions();
    let asks: Vec<_> = s
        .iter()
        .filter(|s| matches!(&s.action, rapport::coach::SuggestedAction::Topic { text } if text.starts_with("How am I doing")))
        .collect();
    assert_eq!(asks.len(), 1, "{s:#?}");
    assert_eq!(asks[0].rule, "clarity-low");
    assert_eq!(asks[0].merged, ["expectations-unagreed"]);
}

#[test]
fn a_topic_already_on_the_agenda_is_never_suggested_again() {
    let mut j = Journal::new();
    j.check_in(1, 4, 2)
        .agenda(&["How am I doing against what you expect of me?"]);
    assert!(!j.fires("clarity-low"));
    assert!(!j.fires("expectations-unagreed"));
}

#[test]
fn no_new_topic_is_suggested_when_the_agenda_is_long() {
    let mut j = Journal::new();
    j.me("one_on_one", 6).check_in(1, 4, 2).agenda(&[
        "Hiring plan",
        "Q1 roadmap",
        "On-call load",
        "Budget",
        "Offsite",
        "Pricing",
        "Conference talk",
    ]);
    let s = j.suggestions();
    assert!(
        !s.iter()
            .any(|s| matches!(s.action, rapport::coach::SuggestedAction::Topic { .. })),
        "{s:#?}"
    );
    assert!(j.fires("too-many-topics"));
}

#[test]
fn an_overdue_one_on_one_is_one_step_reschedule_outranking_its_preparation() {
    // Weekly; the last 1:1 on Mon 2 Nov, 22 days ago: due Mon 9 Nov.
    let mut j = Journal::new();
    j.me("one_on_one", 22).check_in(2, 4, 4);
    let s = j.suggestions();
    let top = s.first().expect("a step");
    assert_eq!(top.rule, "cadence-lapsed");
    assert_eq!(
        top.message,
        "Reschedule your 1:1 with Dana: it was due Mon 9 Nov, 15 days ago."
    );
    for s in &s {
        assert!(!s.message.contains("in 0 days") && !s.reason.contains("in 0 days"));
        assert!(
            !["summary-before-one-on-one", "too-many-topics"].contains(&s.rule.as_str()),
            "{}",
            s.rule
        );
    }
}

#[test]
fn a_one_on_one_today_and_tomorrow_read_as_words() {
    let mut j = Journal::new();
    j.me("one_on_one", 7);
    let s = j.suggestions();
    let summary = s
        .iter()
        .find(|s| s.rule == "summary-before-one-on-one")
        .expect("fires");
    assert!(
        summary.message.contains("is today (Tue 24 Nov)"),
        "{}",
        summary.message
    );
    assert_eq!(summary.reason, "1:1 today; no summary sent this week");
    let mut j = Journal::new();
    j.me("one_on_one", 6);
    let s = j.suggestions();
    let summary = s
        .iter()
        .find(|s| s.rule == "summary-before-one-on-one")
        .expect("fires");
    assert_eq!(summary.reason, "1:1 tomorrow; no summary sent this week");
}

#[test]
fn evaluating_a_past_day_ignores_what_was_logged_after_it() {
    let mut j = Journal::new();
    // A coffee 60 days ago, and one yesterday; a 1:1 yesterday.
    j.me("coffee", 60).me("coffee", 1).me("one_on_one", 1);
    let person = j.store.people().person(j.dana).expect("person");
    let past = today() - Days::new(20);
    let (signals, s) =
        rapport::journal::suggestions(&j.store, &person, &Playbook::builtin(), past, false)
            .expect("suggestions");
    let informal = signals
        .get(rapport::coach::SignalName::DaysSinceInformal)
        .expect("measured");
    assert_eq!(
        informal.value, 40.0,
        "as of 20 days ago, the last coffee was 40 days before"
    );
    for signal in signals.values().values() {
        assert!(
            signal.value >= 0.0
                || signal.anchor.is_some_and(|a| a <= past)
                || signal.anchor.is_none()
                || signal.value < 0.0
        );
    }
    assert!(
        s.iter().any(|s| s.rule == "informal-gap"),
        "the gap was real that day: {s:#?}"
    );
    let one_on_one = signals
        .get(rapport::coach::SignalName::DaysSinceOneOnOne)
        .expect("measured");
    assert!(
        one_on_one.value >= 0.0,
        "never negative days since: {one_on_one:?}"
    );
}

#[test]
fn never_logged_is_not_called_days_since_the_last_one() {
    let j = Journal::new();
    for s in j.suggestions() {
        for text in [&s.message, &s.reason] {
            assert!(
                !text.contains("since the last")
                    && !text.contains("No feedback from Dana logged in"),
                "{}: {text}",
                s.rule
            );
        }
    }
    let s = j.suggestions();
    let informal = s.iter().find(|s| s.rule == "informal-gap").expect("fires");
    assert_eq!(
        informal.reason,
        "no meal, coffee or chat in 120 days of journal"
    );
}

#[test]
fn words_never_say_one_days_zero_days_only_zero_or_a_advice() {
    let mut j = Journal::new();
    j.log("note", 1, None, InitiatedBy::Me);
    let s = j.suggestions();
    let few = s
        .iter()
        .find(|s| s.rule == "few-touchpoints")
        .expect("fires");
    assert!(
        few.message.starts_with("No interactions with Dana"),
        "{}",
        few.message
    );
    assert_eq!(few.reason, "no interactions in 30 days");
    let advice = rapport::present::action_text(&rapport::coach::SuggestedAction::Log {
        kind: "advice".into(),
        title: None,
    });
    assert_eq!(advice, "log an advice ask");
    // Without strengths written down, no “(what they are good at)”.
    let mut j = Journal::new();
    j.without_strengths().ask(40, Some(2));
    let s = j.suggestions();
    let gap = s.iter().find(|s| s.rule == "advice-gap").expect("fires");
    assert!(
        !gap.message.contains("what they are good at")
            && gap.message.contains("a strength of theirs"),
        "{}",
        gap.message
    );
}

#[test]
fn messages_call_them_by_first_name_at_most_twice_and_whys_do_not_repeat_the_practice() {
    let mut j = Journal::met(200);
    j.me("coffee", 90).check_in(2, 2, 2);
    for s in j.suggestions() {
        assert!(!s.message.contains("Okafor"), "{}: {}", s.rule, s.message);
        assert!(
            s.message.matches("Dana").count() <= 2,
            "{}: {}",
            s.rule,
            s.message
        );
    }
    for rule in Playbook::builtin().rules {
        let title = rule.practice.title().to_lowercase();
        assert!(
            !rule.why.to_lowercase().contains(&title),
            "{}: the why repeats “{title}”",
            rule.id
        );
    }
}

#[test]
fn a_risk_they_have_not_heard_about_is_told_now_not_kept_for_the_one_on_one() {
    // Weekly 1:1 two days ago (the next in five days); a risk logged since.
    let unraised = |j: &mut Journal| {
        j.me("one_on_one", 2);
        j.log("risk", 1, None, InitiatedBy::Me);
    };
    assert!(fires_after("risk-unraised", unraised));
    let mut j = Journal::new();
    unraised(&mut j);
    let step = j
        .suggestions()
        .into_iter()
        .find(|s| s.rule == "risk-unraised")
        .expect("the risk step");
    assert!(
        step.message.contains("“risk 1 days ago”"),
        "{}",
        step.message
    );
    assert!(step.message.contains("tell them now"), "{}", step.message);

    // Raised already: the risk came before the last 1:1, or a summary went
    // out after it.
    assert!(!fires_after("risk-unraised", |j| {
        j.log("risk", 3, None, InitiatedBy::Me);
        j.me("one_on_one", 2);
    }));
    assert!(!fires_after("risk-unraised", |j| {
        unraised(j);
        j.me("summary", 0);
    }));
    // Kept private: not for them, not for the coach to push.
    assert!(!fires_after("risk-unraised", |j| {
        j.me("one_on_one", 2);
        let draft = rapport::domain::InteractionDraft {
            person_id: j.dana,
            kind_id: j.store.people().kind_named("risk").expect("kind").id,
            happened_on: today() - Days::new(1),
            at_time: None,
            minutes: None,
            quality: None,
            initiated_by: InitiatedBy::Me,
            title: "a private worry".into(),
            notes: String::new(),
            tags: Vec::new(),
            advice_strength: None,
            private: true,
        };
        j.store
            .entries_mut()
            .add_interaction(&draft, Utc::now())
            .expect("risk");
    }));
    // The 1:1 is tomorrow: its summary and the meeting carry it.
    assert!(!fires_after("risk-unraised", |j| {
        j.me("one_on_one", 6);
        j.log("risk", 1, None, InitiatedBy::Me);
    }));
}
