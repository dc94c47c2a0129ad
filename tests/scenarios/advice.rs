//! Advice: asked again and again but never reported back; never asked
//! though their strength matches your weakness.

use rapport::domain::Facet;

use super::story::{ALL_HABITS, Habits, Story, expect, known, rhythm};

const NO_ASKS: Habits = Habits {
    asks: false,
    ..ALL_HABITS
};

#[test]
fn advice_asked_but_never_reported_back_asks_to_close_two_for_thirty_days() {
    let mut story = Story::new("advice-never-reported");
    rhythm(&mut story, 0, 140, |_| 4, NO_ASKS);
    for n in 0..12 {
        story.ask(4 + n * 7, None);
    }
    known(&mut story, 80);
    let shown = expect(
        &story,
        95,
        "advice-backlog",
        &["advice-gap", "advice-on-a-weakness"],
    );
    assert!(
        shown[0].message.starts_with(
            "12 advice asks to Dana still wait for your report-back (no closed loops so far)"
        ),
        "{}",
        shown[0].message
    );
    for on in 95..=125 {
        expect(&story, on, "advice-backlog", &["advice-gap"]);
    }
}

#[test]
fn advice_never_asked_though_their_strength_covers_your_weakness() {
    let mut story = Story::new("advice-never-asked");
    rhythm(&mut story, 0, 120, |_| 4, NO_ASKS);
    known(&mut story, 100);
    story.mine(0, Facet::Weakness, &["finance negotiations"]);
    let shown = expect(&story, 122, "advice-on-a-weakness", &[]);
    assert_eq!(shown[0].merged, ["advice-gap"], "one ask, not two");
    assert!(
        shown[0].message.contains("negotiating with finance"),
        "{shown:#?}"
    );
}
