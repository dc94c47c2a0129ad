//! How the list is ranked, and how nudges (snooze, dismiss, done, switch
//! off) quiet the right occurrences.

use chrono::Days;
use rapport::coach::Playbook;
use rapport::journal;
use rapport::store::Nudge;

use super::{Journal, today};
#[test]
fn suggestions_rank_by_priority_then_by_how_far_past_the_threshold() {
    let mut j = Journal::new();
    j.me("coffee", 90).ask(40, Some(2)).check_in(20, 4, 4);
    let rules: Vec<String> = j.suggestions().into_iter().map(|s| s.rule).collect();
    let at = |r: &str| rules.iter().position(|x| x == r).unwrap_or(usize::MAX);
    assert!(at("informal-gap") < at("advice-gap"), "{rules:?}");
    assert!(at("advice-gap") < at("checkin-due"), "{rules:?}");
}

#[test]
fn snooze_dismiss_done_and_switch_off_quiet_the_right_occurrences() {
    let mut j = Journal::new();
    j.me("coffee", 40);
    let dana = j.dana;
    let first = j
        .suggestions()
        .into_iter()
        .find(|s| s.rule == "informal-gap")
        .expect("fires");
    // Snoozed for a week: quiet today, back after.
    j.store
        .nudges_mut()
        .record_nudge(
            "informal-gap",
            dana,
            Nudge::Snooze(today() + Days::new(7)),
            today(),
        )
        .expect("snooze");
    assert!(!j.fires("informal-gap"));
    let person = j.store.people().person(dana).expect("person");
    let later = journal::suggestions(
        &j.store,
        &person,
        &Playbook::builtin(),
        today() + Days::new(8),
        false,
    )
    .expect("later")
    .1;
    assert!(later.iter().any(|s| s.rule == "informal-gap"));
    // Dismissed: quiet for this occurrence even after the cooldown…
    j.store
        .nudges_mut()
        .record_nudge(
            "informal-gap",
            dana,
            Nudge::Dismiss {
                anchor: first.anchor,
                until: today() + Days::new(1),
            },
            today(),
        )
        .expect("dismiss");
    let later = |j: &Journal, days: u64| {
        let person = j.store.people().person(dana).expect("person");
        journal::suggestions(
            &j.store,
            &person,
            &Playbook::builtin(),
            today() + Days::new(days),
            false,
        )
        .expect("later")
        .1
        .iter()
        .any(|s| s.rule == "informal-gap")
    };
    assert!(!later(&j, 30));
    // …but a new gap after a new coffee is a new occurrence.
    j.me("coffee", 0);
    assert!(later(&j, 40));
    // Switched off: quiet until switched on, and listed with --all.
    j.store
        .nudges_mut()
        .record_nudge("informal-gap", dana, Nudge::SwitchOff, today())
        .expect("off");
    assert!(!later(&j, 40));
    let all = journal::suggestions(
        &j.store,
        &person,
        &Playbook::builtin(),
        today() + Days::new(40),
        true,
    )
    .expect("all")
    .1;
    let quiet = all
        .iter()
        .find(|s| s.rule == "informal-gap")
        .and_then(|s| s.quiet.clone());
    assert_eq!(quiet.as_deref(), Some("switched off"));
    j.store
        .nudges_mut()
        .record_nudge("informal-gap", dana, Nudge::SwitchOn, today())
        .expect("on");
    assert!(later(&j, 40));
}
