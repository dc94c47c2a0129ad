//! The coach in the TUI: the Next steps screen drawn on the demo journal,
//! the top suggestion under the Journal, and accepting, dismissing and
//! switching off from the keyboard.

mod common;

use chrono::Utc;
use common::{Harness, today};
use crossterm::event::KeyCode;
use rapport::store::Store;
use rapport::tui::app::Overlay;

fn demo_store() -> Store {
    let mut store = Store::open_in_memory().expect("open");
    rapport::demo::write_demo(&mut store, today(), Utc::now()).expect("demo");
    store
}

fn rules(h: &Harness) -> Vec<String> {
    h.app
        .coach
        .suggestions
        .iter()
        .filter(|s| s.quiet.is_none())
        .map(|s| s.rule.clone())
        .collect()
}

#[test]
fn next_steps_screen_on_the_demo_journal() {
    let mut h = Harness::new(demo_store(), 120, 40);
    h.press(KeyCode::Char('4'));
    insta::assert_snapshot!("next_steps_demo_120x40", h.draw());
    h.resize(60, 15);
    insta::assert_snapshot!("next_steps_demo_60x15", h.draw());
}

#[test]
fn the_journal_shows_the_top_suggestion_on_its_last_line() {
    let mut h = Harness::new(demo_store(), 120, 40);
    let top = h
        .app
        .coach
        .top()
        .map(|s| s.message.clone())
        .expect("a suggestion");
    let screen = h.screen_text();
    let start: String = top.chars().take(40).collect();
    assert!(screen.contains(&format!("Next: {start}")), "{screen}");
}

#[test]
fn accepting_opens_the_form_and_saving_it_marks_the_suggestion_done() {
    let mut h = Harness::new(demo_store(), 120, 40);
    h.press(KeyCode::Char('4'));
    let first = rules(&h)[0].clone();
    h.press(KeyCode::Enter);
    assert!(
        matches!(h.app.overlay, Some(Overlay::Form(_))),
        "a form opened"
    );
    h.press(KeyCode::Enter);
    assert!(h.app.overlay.is_none(), "saved");
    assert!(
        !rules(&h).contains(&first),
        "{first} is done: {:?}",
        rules(&h)
    );
    let dana = h
        .store
        .people()
        .current_person()
        .expect("q")
        .expect("manager")
        .id;
    let state = h.store.nudges().nudge_states(dana).expect("state");
    assert!(
        state
            .iter()
            .any(|s| s.rule_id == first && s.done_on == Some(today()))
    );
}

#[test]
fn escape_on_an_accepted_form_leaves_the_suggestion_in_place() {
    let mut h = Harness::new(demo_store(), 120, 40);
    h.press(KeyCode::Char('4'));
    let before = rules(&h);
    h.press(KeyCode::Enter).press(KeyCode::Esc);
    if h.app.overlay.is_some() {
        h.press(KeyCode::Char('y'));
    }
    assert_eq!(rules(&h), before);
    assert!(
        h.app.overlay.is_none(),
        "the form, and the step it was opened to take, are gone"
    );
}

#[test]
fn dismiss_snooze_and_switch_off_from_the_keyboard() {
    let mut h = Harness::new(demo_store(), 120, 40);
    h.press(KeyCode::Char('4'));
    let before = rules(&h);
    h.press(KeyCode::Char('x'));
    assert_eq!(rules(&h), before[1..].to_vec(), "dismissed the first");
    h.press(KeyCode::Char('S'));
    assert_eq!(rules(&h), before[2..].to_vec(), "snoozed the next");
    h.press(KeyCode::Char('o'));
    assert_eq!(rules(&h), before[3..].to_vec(), "switched one off");
    let screen = h.screen_text();
    assert!(screen.contains("switched off"), "{screen}");
}

#[test]
fn three_steps_show_and_the_rest_unfold_when_the_selection_moves_into_them() {
    let mut h = Harness::new(demo_store(), 120, 40);
    h.press(KeyCode::Char('4'));
    let active: Vec<String> = h
        .app
        .coach
        .suggestions
        .iter()
        .filter(|s| s.quiet.is_none())
        .map(|s| s.message.chars().take(40).collect())
        .collect();
    assert!(active.len() > 3, "the demo has more than three: {active:?}");
    let screen = h.screen_text();
    for shown in &active[..3] {
        assert!(screen.contains(shown.as_str()), "{shown}\n{screen}");
    }
    assert!(!screen.contains(active[3].as_str()), "{screen}");
    assert!(screen.contains("more steps, less urgent"), "{screen}");
    h.press(KeyCode::Char('j'))
        .press(KeyCode::Char('j'))
        .press(KeyCode::Char('j'));
    let screen = h.screen_text();
    assert!(screen.contains(active[3].as_str()), "{screen}");
}

#[test]
fn the_screen_shows_no_rule_ids_and_indents_wrapped_lines_under_their_text() {
    let mut h = Harness::new(demo_store(), 60, 60);
    h.press(KeyCode::Char('4'));
    // A dismissed step is listed as quiet: by its words, not its rule id.
    let dismissed = h.app.coach.suggestions[0].rule.clone();
    h.press(KeyCode::Char('x'));
    let screen = h.screen_text();
    assert!(
        h.app
            .coach
            .suggestions
            .iter()
            .any(|s| s.rule == dismissed && s.quiet.is_some()),
        "{screen}"
    );
    assert!(screen.contains("(resting until"), "{screen}");
    for s in &h.app.coach.suggestions {
        assert!(
            !screen.contains(&s.rule),
            "rule id {} on screen:\n{screen}",
            s.rule
        );
    }
    // Every line of a step after its first starts under the text, past "1. ".
    let lines: Vec<&str> = screen.lines().collect();
    let first = lines
        .iter()
        .position(|l| l.trim_start_matches('│').starts_with("1. "))
        .expect("a first step");
    let mut n = first + 1;
    while n < lines.len() && !lines[n].trim_matches('│').trim().is_empty() {
        assert!(
            lines[n].trim_start_matches('│').starts_with("   "),
            "not indented: {:?}\n{screen}",
            lines[n]
        );
        n += 1;
    }
    assert!(n > first + 2, "the step wraps at 60 columns:\n{screen}");
}

#[test]
fn moving_to_the_last_step_never_scrolls_past_the_end_of_the_list() {
    let mut h = Harness::new(demo_store(), 160, 12);
    h.press(KeyCode::Char('4'));
    // A dismissed step is listed last, one line under "Quiet for now".
    h.press(KeyCode::Char('x'));
    assert!(h.app.coach.suggestions.iter().any(|s| s.quiet.is_some()));
    for _ in 0..h.app.coach.suggestions.len() {
        h.press(KeyCode::Char('j'));
    }
    let screen = h.screen_text();
    let rows: Vec<&str> = screen.lines().collect();
    // Row 10 is the pane's bottom border, row 9 the last row inside it.
    let last_inside = rows[9].trim_matches(|c: char| c == '│' || c.is_whitespace());
    assert!(
        !last_inside.is_empty(),
        "a blank row ends the pane:\n{screen}"
    );
}
