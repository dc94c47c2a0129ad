//! Beginnings: a new report on day 0 and on day 18, and a new manager after
//! an old one left (archived, never coached again).

use rapport::domain::{Facet, InitiatedBy, Relation};

use super::story::{Story, expect};

#[test]
fn a_new_report_on_day_zero_is_asked_to_learn_what_success_looks_like() {
    // Dana was added this morning; nothing logged yet.
    let story = Story::new("new-report-day-0");
    let shown = expect(
        &story,
        0,
        "first-weeks-success",
        &[
            "expectations-unagreed",
            "How am I doing",
            "informal-gap",
            "checkin-due",
            "cadence-lapsed",
            "days since",
        ],
    );
    assert!(
        shown[0].message.contains("what success looks like"),
        "{shown:#?}"
    );
}

#[test]
fn a_new_report_on_day_eighteen_learns_how_they_like_to_be_kept_informed() {
    // Three weekly 1:1s, a coffee, a summary; on day 15 they agreed on what
    // success looks like.
    let mut story = Story::new("new-report-day-18");
    story
        .one_on_one(1, 4)
        .one_on_one(8, 3)
        .one_on_one(15, 4)
        .informal("coffee", 10, 4, InitiatedBy::Me)
        .summary(14)
        .theirs(8, Facet::Goal, &["Ship the onboarding revamp"])
        .agreed(15, "The onboarding revamp shipped by January");
    expect(
        &story,
        18,
        "first-weeks-style",
        &[
            "expectations-unagreed",
            "How am I doing",
            "cadence-lapsed",
            "quality-low",
            "going-well",
        ],
    );
}

#[test]
fn after_a_manager_change_the_new_one_is_coached_and_the_old_one_never() {
    let mut story = Story::new("manager-change");
    let dana = story.who;
    let alex = story.person("Alex Moreau", Relation::Manager, Some(7), false);
    story.about(alex);
    for week in 0..11 {
        story.one_on_one(week * 7 + 1, 3);
    }
    story.archive(alex).about(dana);
    story.one_on_one(81, 4).one_on_one(88, 4).one_on_one(95, 3);
    story.summary(87).summary(94);
    expect(
        &story,
        98,
        "first-weeks-success",
        &["Alex", "cadence-lapsed"],
    );
    story.about(alex);
    assert_eq!(
        story.next(98),
        Vec::new(),
        "an archived manager is never coached"
    );
}
