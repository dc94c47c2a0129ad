//! How well the meetings go, watched as a change and as a level: falling
//! 1:1 quality, steady low 1:1s, status meetings without a summary, and
//! informal time's quality.

use super::{Journal, fires_after, only};
#[test]
fn falling_one_on_one_quality_suggests_changing_the_format_with_both_averages() {
    let mut j = Journal::new();
    j.rated("one_on_one", 28, 4)
        .rated("one_on_one", 35, 4)
        .rated("one_on_one", 42, 4);
    j.rated("one_on_one", 7, 3)
        .rated("one_on_one", 14, 3)
        .rated("one_on_one", 21, 3);
    let s = j.suggestions();
    let falling = s
        .iter()
        .find(|s| s.rule == "quality-falling" || s.merged.iter().any(|m| m == "quality-falling"));
    assert!(falling.is_some(), "{s:#?}");
    let mut j = Journal::new();
    j.rated("one_on_one", 28, 4)
        .rated("one_on_one", 35, 4)
        .rated("one_on_one", 42, 4);
    j.rated("one_on_one", 7, 3)
        .rated("one_on_one", 14, 4)
        .rated("one_on_one", 21, 4);
    assert!(
        !j.fires("quality-falling"),
        "a drop of a third of a point is noise"
    );
    // Two ratings a side are no evidence at all.
    assert!(!fires_after("quality-falling", |j| {
        j.rated("one_on_one", 35, 5).rated("one_on_one", 42, 5);
        j.rated("one_on_one", 7, 2).rated("one_on_one", 14, 2);
    }));
}

#[test]
fn the_quality_falling_reason_states_both_averages() {
    let mut j = Journal::new();
    j.rated("one_on_one", 28, 4)
        .rated("one_on_one", 35, 4)
        .rated("one_on_one", 42, 3);
    j.rated("one_on_one", 7, 2)
        .rated("one_on_one", 14, 3)
        .rated("one_on_one", 21, 2);
    // Only this rule watches: the summary rules would take the step.
    let playbook = only(&["quality-falling"]);
    let s = j.with_playbook(&playbook);
    let reason = &s.first().expect("fires").reason;
    assert_eq!(
        reason,
        "your last three 1:1s averaged 2.3/5, against 3.7/5 in the three before"
    );
    assert!(!reason.contains("-"), "never “down -1.2 points”: {reason}");
}

#[test]
fn steady_low_one_on_ones_are_watched_as_a_level_not_only_as_a_change() {
    assert!(fires_after("quality-low", |j| {
        j.rated("one_on_one", 7, 2)
            .rated("one_on_one", 14, 2)
            .rated("one_on_one", 21, 3);
    }));
    assert!(!fires_after("quality-low", |j| {
        j.rated("one_on_one", 7, 2).rated("one_on_one", 14, 2);
    }));
    assert!(!fires_after("quality-low", |j| {
        j.rated("one_on_one", 7, 3)
            .rated("one_on_one", 14, 3)
            .rated("one_on_one", 21, 3);
    }));
}

#[test]
fn status_meetings_at_three_without_a_summary_ask_for_one() {
    assert!(fires_after("status-meetings", |j| {
        j.rated("one_on_one", 3, 3)
            .rated("one_on_one", 10, 3)
            .rated("one_on_one", 17, 3);
    }));
    // A summary in the last four weeks: not status meetings.
    assert!(!fires_after("status-meetings", |j| {
        j.rated("one_on_one", 3, 3)
            .rated("one_on_one", 10, 3)
            .rated("one_on_one", 17, 3)
            .me("summary", 11);
    }));
    // Good 1:1s are not status meetings.
    assert!(!fires_after("status-meetings", |j| {
        j.rated("one_on_one", 3, 4)
            .rated("one_on_one", 10, 4)
            .rated("one_on_one", 17, 4);
    }));
}

#[test]
fn informal_quality_is_watched_too() {
    assert!(fires_after("informal-quality-low", |j| {
        j.rated("coffee", 3, 2)
            .rated("meal", 12, 2)
            .rated("chat", 20, 3);
    }));
    assert!(!fires_after("informal-quality-low", |j| {
        j.rated("coffee", 3, 4)
            .rated("meal", 12, 3)
            .rated("chat", 20, 3);
    }));
}
