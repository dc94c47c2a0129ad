//! Whom the coach coaches: a skip-level gets its own rules, an archived
//! person none.

use chrono::Utc;
use rapport::store::PersonChange;

use super::{Journal, today};
fn as_relation(j: &mut Journal, relation: rapport::domain::Relation) {
    let change = PersonChange {
        relation: Some(relation),
        ..PersonChange::default()
    };
    j.store
        .people_mut()
        .update_person(j.dana, &change, today(), Utc::now())
        .expect("update");
}

#[test]
fn a_skip_level_gets_its_own_rules_not_the_managers() {
    use rapport::domain::Relation;
    // Last met 40 days ago on a weekly cadence, no summary, no informal time.
    let mut j = Journal::new();
    j.me("one_on_one", 40);
    as_relation(&mut j, Relation::SkipLevel);
    let rules: Vec<String> = j.suggestions().into_iter().map(|s| s.rule).collect();
    assert!(rules.contains(&"catch-up-lapsed".to_string()), "{rules:?}");
    for manager_only in [
        "cadence-lapsed",
        "summary-before-one-on-one",
        "checkin-due",
        "informal-gap",
        "few-touchpoints",
    ] {
        assert!(!rules.contains(&manager_only.to_string()), "{rules:?}");
    }
    // A skip-level meeting tomorrow: a short update, not the weekly summary.
    let mut j = Journal::new();
    j.me("one_on_one", 6);
    as_relation(&mut j, Relation::SkipLevel);
    assert!(j.fires("skip-level-update"));
    assert!(!j.fires("summary-before-one-on-one"));
    // As the manager, the same journal gets the manager's steps.
    let mut j = Journal::new();
    j.me("one_on_one", 40);
    assert!(j.fires("cadence-lapsed"));
    assert!(!j.fires("catch-up-lapsed"));
    assert!(!j.fires("skip-level-update"));
}

#[test]
fn an_archived_person_is_never_coached() {
    let mut j = Journal::new();
    j.me("one_on_one", 40).me("coffee", 90);
    assert!(!j.suggestions().is_empty());
    let change = PersonChange {
        archived: Some(true),
        ..PersonChange::default()
    };
    j.store
        .people_mut()
        .update_person(j.dana, &change, today(), Utc::now())
        .expect("archive");
    assert_eq!(j.suggestions(), Vec::new());
}
