//! Promises on Prep: the pane lists mine due by the next 1:1 first, then
//! the overdue ones, then theirs; `x` keeps one (it moves to "Done as
//! promised"), `M` gives one a new day, `a` adds one, `D` drops one; the
//! after-the-1:1 form records them with the meeting.

use rapport::domain::{MadeBy, PromiseDraft, PromiseState};
use rapport::store::PromiseFilter;

use super::*;

/// The small journal with these promises of Dana's or mine, made on the
/// 20th, due on the day given of November; returns it and their ids.
fn with_promises(promises: &[(MadeBy, &str, Option<u32>)]) -> (Store, Vec<i64>) {
    let mut store = small_store();
    let person_id = store
        .people()
        .current_person()
        .expect("read")
        .expect("Dana")
        .id;
    let ids = promises
        .iter()
        .map(|(by, text, due)| {
            store
                .promises_mut()
                .add(
                    &PromiseDraft {
                        person_id,
                        text: text.to_string(),
                        made_by: *by,
                        made_on: day(20),
                        interaction_id: None,
                        due_on: due.map(day),
                    },
                    Utc::now(),
                )
                .expect("promise")
                .id
        })
        .collect();
    (store, ids)
}

fn state_of(h: &Harness, id: i64) -> PromiseState {
    h.store.promises().promise(id).expect("promise").state
}

fn focus_promises(h: &mut Harness) {
    h.press(KeyCode::Char('l'));
    assert_eq!(h.app.prep.focus, PrepPane::Promises);
}

#[test]
fn the_pane_lists_mine_due_by_the_next_one_on_one_then_overdue_then_theirs() {
    let (store, _) = with_promises(&[
        (MadeBy::Them, "Talk to finance", None),
        (MadeBy::Me, "Send the cost model", Some(25)),
        (MadeBy::Me, "Share the rubric", Some(23)),
    ]);
    let mut h = prep(store, 120, 40);
    let order: Vec<String> = h
        .app
        .prep
        .sheet
        .as_ref()
        .expect("sheet")
        .promises
        .iter()
        .map(|p| p.promise.text.clone())
        .collect();
    assert_eq!(
        order,
        ["Send the cost model", "Share the rubric", "Talk to finance"]
    );
    let screen = h.screen_text();
    assert!(screen.contains("Promises: 3 open"), "{screen}");
    assert!(screen.contains("1 day overdue"), "{screen}");
    assert!(screen.contains("tomorrow"), "{screen}");
}

#[test]
fn x_keeps_the_selected_promise_and_it_shows_as_done_as_promised() {
    let (store, ids) = with_promises(&[(MadeBy::Me, "Send the cost model", Some(25))]);
    let mut h = prep(store, 60, 15);
    let id = ids[0];
    focus_promises(&mut h);
    h.press(KeyCode::Char('x'));
    assert_eq!(state_of(&h, id), PromiseState::Kept);
    let screen = h.screen_text();
    assert!(screen.contains("Done as promised"), "{screen}");
    assert!(screen.contains("✓ Send the cost model"), "{screen}");
    assert!(status(&h).contains("kept"), "{}", status(&h));
}

#[test]
fn m_moves_the_selected_promise_to_a_new_day_and_keeps_the_old_one() {
    let (store, ids) = with_promises(&[(MadeBy::Me, "Send the cost model", Some(25))]);
    let mut h = prep(store, 120, 40);
    let id = ids[0];
    focus_promises(&mut h);
    h.press(KeyCode::Char('M'));
    assert!(matches!(h.app.overlay, Some(Overlay::Form(_))));
    h.type_text("+7d").press(KeyCode::Enter);
    assert!(h.app.overlay.is_none(), "saved: {}", status(&h));
    let moved = h.store.promises().promise(id).expect("promise");
    assert_eq!(moved.state, PromiseState::Renegotiated);
    assert_eq!(moved.due_on, Some(day(24) + chrono::Days::new(7)));
    assert_eq!(moved.moves[0].from_due, Some(day(25)));
}

#[test]
fn a_adds_a_promise_and_d_drops_one_after_asking() {
    let mut h = prep(small_store(), 120, 40);
    focus_promises(&mut h);
    h.press(KeyCode::Char('a'));
    h.type_text("Intro to the platform lead")
        .press(KeyCode::Tab)
        .press(KeyCode::Right)
        .press(KeyCode::Tab)
        .type_text("fri")
        .press(KeyCode::Enter);
    assert!(h.app.overlay.is_none(), "saved: {}", status(&h));
    let all = h
        .store
        .promises()
        .list(PromiseFilter::default())
        .expect("list");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].made_by, MadeBy::Them);
    assert_eq!(all[0].due_on, Some(day(27)));
    h.press(KeyCode::Char('D'));
    assert!(matches!(h.app.overlay, Some(Overlay::Confirm(_))));
    h.press(KeyCode::Char('y'));
    assert_eq!(state_of(&h, all[0].id), PromiseState::Dropped);
    assert!(h.screen_text().contains("None open"));
}

#[test]
fn the_after_the_one_on_one_form_records_the_promises_made_in_it() {
    let mut h = prep(small_store(), 120, 40);
    h.press(KeyCode::Char('L'));
    h.press(KeyCode::Char('4'));
    // Quality, minutes, notes, discussed, new topics, advice, strength.
    for _ in 0..7 {
        h.press(KeyCode::Tab);
    }
    h.type_text("Send the cost model @fri");
    h.press(KeyCode::Tab).type_text("Talk to finance @next 1:1");
    ctrl(&mut h, 's');
    assert!(h.app.overlay.is_none(), "saved: {}", status(&h));
    let last = h
        .store
        .agenda()
        .last_one_on_one(dana(&h), today())
        .expect("read")
        .expect("the 1:1");
    let promises = h
        .store
        .promises()
        .list(PromiseFilter::default())
        .expect("list");
    let made: Vec<(&str, MadeBy, Option<NaiveDate>, Option<i64>)> = promises
        .iter()
        .map(|p| (p.text.as_str(), p.made_by, p.due_on, p.interaction_id))
        .collect();
    assert_eq!(
        made,
        vec![
            (
                "Send the cost model",
                MadeBy::Me,
                Some(day(27)),
                Some(last.id)
            ),
            // Weekly, and the 1:1 was today: the next is in a week.
            (
                "Talk to finance",
                MadeBy::Them,
                Some(day(24) + chrono::Days::new(7)),
                Some(last.id)
            ),
        ]
    );
    assert!(h.screen_text().contains("Promises: 2 open"));
}

#[test]
fn a_bad_due_day_in_the_after_form_is_shown_on_its_field_and_nothing_is_saved() {
    let mut h = prep(small_store(), 120, 40);
    h.press(KeyCode::Char('L')).press(KeyCode::Char('4'));
    for _ in 0..7 {
        h.press(KeyCode::Tab);
    }
    h.type_text("Send the cost model @someday");
    ctrl(&mut h, 's');
    assert!(
        matches!(h.app.overlay, Some(Overlay::Form(_))),
        "still open"
    );
    assert!(
        h.screen_text().contains("not a date ahead"),
        "{}",
        h.screen_text()
    );
    assert_eq!(
        h.store
            .agenda()
            .last_one_on_one(dana(&h), today())
            .expect("read")
            .map(|e| e.happened_on),
        Some(day(18)),
        "the 1:1 was not logged"
    );
}
