//! The rhythm of 1:1s, summaries and informal time: a healthy steady state,
//! informal time lapsed, summaries skipped while 1:1s sink, trust sliding
//! while 1:1s are fine, 1:1s cancelled by the manager, all contact started
//! by you, an over-eager report, the article's own case, a long agenda.

use rapport::coach::SuggestedAction;
use rapport::domain::{Facet, InitiatedBy};

use super::story::{ALL_HABITS, Habits, Story, day, expect, known, rhythm};

/// Quality verdicts that must never come from noise.
const VERDICTS: [&str; 4] = [
    "going-well",
    "quality-falling",
    "quality-low",
    "status-meetings",
];

#[test]
fn a_healthy_steady_state_gets_no_nagging_for_thirty_days() {
    // Four months: weekly 1:1s alternating 4 and 3, a summary before each,
    // coffee every three weeks, asks closed, check-ins; the rhythm goes on.
    let mut story = Story::new("healthy-steady");
    rhythm(
        &mut story,
        0,
        160,
        |w| if w % 2 == 0 { 4 } else { 3 },
        ALL_HABITS,
    );
    known(&mut story, 100);
    expect(&story, 122, "", &[]);
    for on in 122..=152 {
        let shown = story.top(on);
        assert!(
            shown.is_empty(),
            "day {on} ({}): a healthy rhythm was nagged: {shown:#?}",
            day(on)
        );
        for verdict in VERDICTS {
            assert!(
                !story.next(on).iter().any(|s| s.rule == verdict),
                "day {on}: {verdict}"
            );
        }
    }
}

#[test]
fn informal_time_lapsed_asks_for_a_coffee_about_their_challenges() {
    let mut story = Story::new("informal-lapsed");
    rhythm(&mut story, 0, 35, |_| 4, ALL_HABITS);
    rhythm(
        &mut story,
        42,
        98,
        |_| 4,
        Habits {
            informal: false,
            ..ALL_HABITS
        },
    );
    known(&mut story, 80);
    let shown = expect(
        &story,
        101,
        "informal-gap",
        &["share a challenge", "started-by-them"],
    );
    assert!(
        shown[0]
            .message
            .contains("No informal time with Dana in 71 days"),
        "{shown:#?}"
    );
}

#[test]
fn summaries_skipped_while_one_on_ones_sink_ask_for_a_summary_ahead() {
    let mut story = Story::new("summaries-skipped");
    rhythm(&mut story, 0, 49, |_| 4, ALL_HABITS);
    let sinking = [3, 3, 2, 3, 2, 2];
    rhythm(
        &mut story,
        56,
        91,
        |w| sinking[w as usize % 6],
        Habits {
            summaries: false,
            ..ALL_HABITS
        },
    );
    known(&mut story, 60);
    let shown = expect(&story, 94, "status-meetings", &["going-well", "down -"]);
    assert!(
        shown[0].merged.iter().any(|r| r == "quality-low"),
        "the low level is the same step: {shown:#?}"
    );
}

#[test]
fn trust_sliding_while_one_on_ones_are_fine_asks_for_the_peer_conversation() {
    let mut story = Story::new("trust-sliding");
    rhythm(&mut story, 0, 70, |_| 4, ALL_HABITS);
    for (monday, trust) in [(77, 3), (84, 3), (91, 2)] {
        story
            .one_on_one(monday + 1, 4)
            .summary(monday + 4)
            .check_in(monday + 4, trust, 4);
    }
    known(&mut story, 60);
    let shown = expect(&story, 96, "trust-low", &VERDICTS);
    assert_eq!(
        shown[0].merged,
        ["trust-falling"],
        "one conversation, not two"
    );
}

#[test]
fn one_on_ones_cancelled_by_the_manager_read_as_overdue_every_day_for_thirty_days() {
    // Weekly 1:1s until Tue 27 Oct; the summary went out for Tue 3 Nov,
    // then the 1:1s stopped.
    let mut story = Story::new("cancelled-by-manager");
    rhythm(&mut story, 0, 84, |_| 4, ALL_HABITS);
    known(&mut story, 60);
    let shown = expect(
        &story,
        106,
        "cadence-lapsed",
        &["summary-before-one-on-one", "too-many-topics", "in 0 days"],
    );
    assert_eq!(
        shown[0].message,
        "Reschedule your 1:1 with Dana: it was due Tue 3 Nov, 14 days ago."
    );
    for on in 106..=136 {
        let shown = expect(&story, on, "cadence-lapsed", &["summary-before-one-on-one"]);
        assert!(
            shown[0].message.contains("it was due Tue 3 Nov"),
            "day {on}: {}",
            shown[0].message
        );
    }
}

#[test]
fn all_contact_started_by_you_is_the_practice_not_a_problem() {
    let mut story = Story::new("all-started-by-me");
    rhythm(
        &mut story,
        0,
        120,
        |_| 4,
        Habits {
            informal: false,
            ..ALL_HABITS
        },
    );
    for n in 0..9 {
        story.informal("coffee", 3 + n * 14, 4, InitiatedBy::Me);
    }
    known(&mut story, 100);
    expect(
        &story,
        122,
        "",
        &["leave room", "started-by-them", "started"],
    );
}

#[test]
fn an_over_eager_report_is_asked_to_use_their_time_selectively() {
    let mut story = Story::new("over-eager");
    rhythm(
        &mut story,
        0,
        84,
        |_| 4,
        Habits {
            informal: false,
            asks: false,
            ..ALL_HABITS
        },
    );
    for week in 0..13 {
        let monday = week * 7;
        story.informal("meal", monday + 3, 4, InitiatedBy::Me);
        for weekday in [0, 2, 4] {
            story.informal("chat", monday + weekday, 3, InitiatedBy::Me);
            story.ask(monday + weekday, Some(1));
        }
    }
    known(&mut story, 60);
    let shown = expect(
        &story,
        92,
        "over-informal",
        &[
            "informal-gap",
            "advice-gap",
            "few-touchpoints",
            "started-by-them",
        ],
    );
    assert!(shown.iter().any(|s| s.rule == "over-asking"), "{shown:#?}");
}

#[test]
fn the_articles_case_weekly_status_one_on_ones_at_three_and_no_summary() {
    let mut story = Story::new("article-case");
    rhythm(
        &mut story,
        0,
        84,
        |_| 3,
        Habits {
            summaries: false,
            ..ALL_HABITS
        },
    );
    story.theirs(10, Facet::Goal, &["Ship the pricing migration by Q1"]);
    let shown = expect(
        &story,
        87,
        "status-meetings",
        &["going-well", "quality-falling"],
    );
    assert!(shown[0].message.contains("settled at 3/5"), "{shown:#?}");
    // Two days before the 1:1 it is the summary itself, the status reason merged in.
    let shown = expect(&story, 90, "summary-before-one-on-one", &[]);
    assert!(
        shown[0].merged.iter().any(|r| r == "status-meetings"),
        "{shown:#?}"
    );
}

#[test]
fn a_long_agenda_gets_a_choice_not_more_topics() {
    let mut story = Story::new("long-agenda");
    rhythm(&mut story, 0, 84, |_| 4, ALL_HABITS);
    known(&mut story, 60);
    for (n, text) in [
        "Hiring plan for Q1",
        "Pricing migration risks",
        "On-call load",
        "Conference talk",
        "Team offsite",
        "Budget for tooling",
        "Career path",
    ]
    .iter()
    .enumerate()
    {
        story.topic(86 + n as u64 % 3, text);
    }
    story.check_in(90, 4, 2);
    let shown = expect(&story, 90, "too-many-topics", &[]);
    assert!(
        shown[0].message.contains("lead with the three"),
        "{shown:#?}"
    );
    for s in story.next(90) {
        assert!(
            !matches!(s.action, SuggestedAction::Topic { .. }),
            "a new topic on a long agenda: {s:#?}"
        );
    }
}
