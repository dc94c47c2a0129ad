//! Others and hard moments: a skip-level, negative feedback after an
//! incident, a journal of private notes only.

use rapport::domain::{Facet, Relation};

use super::story::{ALL_HABITS, Story, expect, known, rhythm};

#[test]
fn a_skip_level_gets_a_catch_up_and_a_short_update_not_the_managers_steps() {
    let mut story = Story::new("skip-level");
    rhythm(&mut story, 0, 84, |_| 4, ALL_HABITS);
    known(&mut story, 60);
    let sam = story.person("Sam Whitfield", Relation::SkipLevel, Some(30), false);
    story.about(sam).one_on_one(5, 4).one_on_one(35, 4);
    let manager_words = [
        "summary-before-one-on-one",
        "checkin-due",
        "informal-gap",
        "few-touchpoints",
        "no-feedback",
        "hands-off",
        "first-weeks-success",
    ];
    // Due day 65; the day before, a short update.
    expect(&story, 64, "skip-level-update", &manager_words);
    // Ten days past it, book the next one.
    let shown = expect(&story, 75, "catch-up-lapsed", &manager_words);
    assert!(shown[0].message.contains("was due"), "{shown:#?}");
}

#[test]
fn negative_feedback_after_an_incident_is_followed_up_the_way_they_want_bad_news() {
    let mut story = Story::new("negative-feedback");
    rhythm(&mut story, 0, 91, |_| 4, ALL_HABITS);
    known(&mut story, 60);
    story
        .theirs(60, Facet::BadNews, &["early, in person, with a plan"])
        .feedback(93, 1, "the outage postmortem");
    let shown = expect(&story, 95, "negative-feedback", &["going-well"]);
    assert!(
        shown[0].message.contains("early, in person, with a plan"),
        "{shown:#?}"
    );
}

#[test]
fn a_journal_of_private_notes_only_asks_for_a_first_one_on_one_honestly() {
    let mut story = Story::new("only-private-notes");
    for n in 0..20 {
        story.note(n * 3);
    }
    let shown = expect(&story, 60, "cadence-lapsed", &["was due", "since the last"]);
    assert!(
        shown[0].message.contains("No 1:1 with Dana logged"),
        "{shown:#?}"
    );
}
