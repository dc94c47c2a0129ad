//! The People screen's profile side and the Prep screen's About pane,
//! without a terminal: drawn on the demo journal at 120×40 and 60×15 and
//! compared with snapshots (fixed today), and the in-place edits driven
//! through `update` and `effects` against a real in-memory journal — add,
//! edit, remove and undo, confirm and agree, and bad input refused.

mod common;

use chrono::Utc;
use common::{Harness, today};
use crossterm::event::{KeyCode, KeyModifiers};
use rapport::domain::{ExpectationState, Facet};
use rapport::store::Store;
use rapport::tui::app::{Overlay, Screen};
use rapport::tui::screens::prep::Pane as PrepPane;

fn demo_store() -> Store {
    let mut store = Store::open_in_memory().expect("open");
    rapport::demo::write_demo(&mut store, today(), Utc::now()).expect("demo");
    store
}

/// The demo on the People screen, the keyboard on the profile side.
fn people(width: u16, height: u16) -> Harness {
    let mut h = Harness::new(demo_store(), width, height);
    h.press(KeyCode::Char('5')).press(KeyCode::Char('l'));
    assert_eq!(h.app.screen, Screen::People);
    assert!(h.app.people_screen.focused);
    h
}

fn dana(h: &Harness) -> i64 {
    h.store
        .people()
        .current_person()
        .expect("read")
        .expect("a manager")
        .id
}

fn goals(h: &Harness) -> Vec<String> {
    h.store
        .profiles()
        .profile(Some(dana(h)))
        .expect("profile")
        .texts(Facet::Goal)
}

fn status(h: &Harness) -> String {
    h.app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn people_screen_with_both_profiles_and_the_expectations() {
    let mut h = people(120, 40);
    insta::assert_debug_snapshot!("people_profiles_120x40", h.draw());
}

#[test]
fn people_screen_narrow_shows_the_profile_side_alone() {
    let mut h = people(60, 15);
    // Down to the expectations, so the view scrolls.
    for _ in 0..16 {
        h.press(KeyCode::Char('j'));
    }
    insta::assert_debug_snapshot!("people_profiles_60x15", h.draw());
}

#[test]
fn prep_shows_about_them_beside_the_agenda() {
    let mut h = Harness::new(demo_store(), 120, 40);
    h.press(KeyCode::Char('3'));
    let text = h.screen_text();
    assert!(text.contains("About Dana Okafor"), "{text}");
    assert!(text.contains("reader · big picture"), "{text}");
    insta::assert_debug_snapshot!("prep_about_120x40", h.draw());
}

#[test]
fn prep_narrow_shows_about_them_as_a_pane() {
    let mut h = Harness::new(demo_store(), 60, 15);
    h.press(KeyCode::Char('3')).press(KeyCode::Char('h'));
    assert_eq!(h.app.prep.focus, PrepPane::About);
    insta::assert_debug_snapshot!("prep_about_60x15", h.draw());
}

#[test]
fn a_goal_is_added_in_place_removed_and_brought_back_with_undo() {
    let mut h = people(120, 40);
    let before = goals(&h);
    h.press(KeyCode::Char('a'));
    assert!(matches!(h.app.overlay, Some(Overlay::Form(_))));
    h.type_text("Grow the platform team").press(KeyCode::Enter);
    assert!(h.app.overlay.is_none(), "saved and closed");
    let after = goals(&h);
    assert_eq!(after.len(), before.len() + 1);
    assert!(after.contains(&"Grow the platform team".to_string()));
    // The cursor is on the first goal: remove it, then undo.
    h.press(KeyCode::Char('d'));
    assert_eq!(goals(&h).len(), before.len());
    assert!(status(&h).contains("u to undo"), "{}", status(&h));
    let history = h
        .store
        .profiles()
        .profile_history(Some(dana(&h)))
        .expect("history");
    assert_eq!(
        history.len(),
        2,
        "one goal from last quarter and the one removed"
    );
    h.press(KeyCode::Char('u'));
    assert_eq!(goals(&h).len(), before.len() + 1);
}

#[test]
fn editing_an_item_keeps_the_old_wording_in_the_history() {
    let mut h = people(120, 40);
    let first = goals(&h)[0].clone();
    h.press(KeyCode::Char('e'));
    h.key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    h.type_text("Cut cloud costs by 20%").press(KeyCode::Enter);
    assert!(goals(&h).contains(&"Cut cloud costs by 20%".to_string()));
    assert!(!goals(&h).contains(&first));
    let history = h
        .store
        .profiles()
        .profile_history(Some(dana(&h)))
        .expect("history");
    assert!(history.iter().any(|i| i.text == first));
}

#[test]
fn a_style_is_picked_not_typed() {
    let mut h = people(120, 40);
    // Down to "Reader/listener": goals 3, pressures 2, strengths 3, blind spots 2.
    for _ in 0..10 {
        h.press(KeyCode::Char('j'));
    }
    h.press(KeyCode::Char('a'));
    let Some(Overlay::Form(open)) = &h.app.overlay else {
        panic!("the form is open");
    };
    assert!(
        matches!(
            open.form.fields[0].editor,
            rapport::tui::form::Editor::Choice(_)
        ),
        "reader/listener is a picker"
    );
    // A word not on the list cannot be typed: letters jump between the two.
    h.type_text("skimmer");
    h.press(KeyCode::Right).press(KeyCode::Enter);
    let profile = h.store.profiles().profile(Some(dana(&h))).expect("profile");
    assert_eq!(profile.value(Facet::TakesIn), Some("listener"));
}

#[test]
fn an_expectation_is_added_agreed_marked_unclear_and_dropped_with_undo() {
    let mut h = people(120, 40);
    // Past their profile (15 rows) to the first expectation of theirs.
    for _ in 0..15 {
        h.press(KeyCode::Char('j'));
    }
    let expectations = |h: &Harness| h.store.profiles().expectations(None, false).expect("list");
    let first = expectations(&h)[0].clone();
    h.press(KeyCode::Char('a'))
        .type_text("Shield the team from churn")
        .press(KeyCode::Enter);
    let added = expectations(&h)
        .into_iter()
        .find(|e| e.text == "Shield the team from churn")
        .expect("added");
    assert_eq!(added.state, ExpectationState::Assumed);
    // The cursor is on the first of theirs: agree it, then unclear.
    h.press(KeyCode::Char('c'));
    let agreed = h.store.profiles().expectation(first.id).expect("read");
    assert_eq!(agreed.state, ExpectationState::Agreed);
    assert_eq!(agreed.confirmed_on, Some(today()));
    h.press(KeyCode::Char('x'));
    assert_eq!(
        h.store
            .profiles()
            .expectation(first.id)
            .expect("read")
            .state,
        ExpectationState::Unclear
    );
    h.press(KeyCode::Char('d'));
    assert!(expectations(&h).iter().all(|e| e.id != first.id));
    h.press(KeyCode::Char('u'));
    assert!(expectations(&h).iter().any(|e| e.id == first.id));
}

/// Dana only: no goals written down, no expectation agreed.
fn bare_store() -> Store {
    let mut store = Store::open_in_memory().expect("open");
    store
        .people_mut()
        .add_person(
            &rapport::domain::PersonDraft {
                name: "Dana".into(),
                cadence_days: Some(7),
                is_current: true,
                ..Default::default()
            },
            today(),
            Utc::now(),
        )
        .expect("person");
    store
}

#[test]
fn accepting_the_ask_about_priorities_and_what_success_looks_like_adds_each_topic() {
    // A manager new to you: what success looks like comes before "how am I doing".
    for (rule, topic) in [
        (
            "profile-thin",
            "What are your priorities right now, and what is pressing on you?",
        ),
        (
            "first-weeks-success",
            "What does success look like in my role, for you, this quarter?",
        ),
    ] {
        let mut h = Harness::new(bare_store(), 120, 40);
        h.press(KeyCode::Char('4'));
        let at = h
            .app
            .coach
            .suggestions
            .iter()
            .position(|s| s.rule == rule)
            .unwrap_or_else(|| panic!("{rule} is suggested"));
        for _ in 0..at {
            h.press(KeyCode::Char('j'));
        }
        h.press(KeyCode::Enter);
        assert!(matches!(h.app.overlay, Some(Overlay::Form(_))), "{rule}");
        h.press(KeyCode::Enter);
        let dana = h
            .store
            .people()
            .current_person()
            .expect("q")
            .expect("Dana")
            .id;
        let topics: Vec<String> = h
            .store
            .agenda()
            .topics(Some(dana), false)
            .expect("topics")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(topics, [topic], "{rule}");
        assert!(
            !h.app
                .coach
                .suggestions
                .iter()
                .any(|s| s.rule == rule && s.quiet.is_none()),
            "{rule} is done"
        );
    }
}

#[test]
fn the_profile_side_and_about_pane_draw_at_any_size() {
    let mut h = people(120, 40);
    for (w, hgt) in [(1, 1), (20, 5), (45, 8), (89, 12), (90, 12), (200, 60)] {
        h.resize(w, hgt);
        h.draw();
    }
    h.press(KeyCode::Char('h')).press(KeyCode::Char('3'));
    for _ in 0..5 {
        h.press(KeyCode::Char('l'));
    }
    assert_eq!(h.app.prep.focus, PrepPane::About);
    for (w, hgt) in [(1, 1), (20, 5), (60, 15), (99, 19), (100, 20)] {
        h.resize(w, hgt);
        h.draw();
    }
}
