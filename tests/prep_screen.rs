//! The Prep screen without a terminal: drawn on the demo journal at 120×40
//! and 60×15 and compared with snapshots, and its keys driven through
//! `update` and `effects` against a real in-memory journal: the agenda,
//! report-backs, the weekly summary (generate, edit, copy, write, mark
//! sent) and the after-the-1:1 form.

mod common;
#[path = "prep_screen/promises.rs"]
mod promises;
#[path = "prep_screen/summary.rs"]
mod summary;

use std::os::unix::fs::PermissionsExt;

use chrono::{NaiveDate, TimeZone, Utc};
use common::{Harness, today};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rapport::domain::{InitiatedBy, InteractionDraft, PersonDraft, Quality, TopicStatus};
use rapport::store::Store;
use rapport::tui::app::{Msg, Overlay, Screen, TerminalCmd};
use rapport::tui::dispatch;
use rapport::tui::screens::prep::Pane as PrepPane;

fn demo_store() -> Store {
    let mut store = Store::open_in_memory().expect("open");
    rapport::demo::write_demo(&mut store, today(), Utc::now()).expect("demo");
    store
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).expect("a real day")
}

/// The 1:1 the summary under test is filed after: the last one, Wed 18 Nov.
fn filed_after() -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 18)
}

/// Dana, met weekly, last on Wednesday 18 November: the next 1:1 is
/// tomorrow and no summary is sent this week. Two topics and one advice ask.
fn small_store() -> Store {
    let mut store = Store::open_in_memory().expect("open");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .expect("an instant");
    let dana = store
        .people_mut()
        .add_person(
            &PersonDraft {
                relation: Default::default(),
                name: "Dana Okafor".into(),
                role: "Director of Engineering".into(),
                strengths: vec!["negotiating with finance".into()],
                cadence_days: Some(7),
                is_current: true,
            },
            day(1),
            now,
        )
        .expect("person")
        .id;
    let log = |store: &mut Store, kind: &str, on: u32, title: &str| {
        let draft = InteractionDraft {
            person_id: dana,
            kind_id: store.people().kind_named(kind).expect("kind").id,
            happened_on: day(on),
            at_time: None,
            minutes: None,
            quality: Quality::new(4).ok(),
            initiated_by: InitiatedBy::Me,
            title: title.into(),
            notes: String::new(),
            tags: Vec::new(),
            advice_strength: (kind == "advice").then(|| "negotiating with finance".into()),
            private: false,
        };
        store
            .entries_mut()
            .add_interaction(&draft, now)
            .expect("logged");
    };
    log(&mut store, "one_on_one", 18, "Weekly 1:1");
    log(&mut store, "coffee", 20, "Coffee walk");
    log(&mut store, "feedback", 23, "Clear roadmap doc");
    log(&mut store, "advice", 19, "How do I pitch the migration?");
    for text in ["Hiring plan", "Budget"] {
        store
            .agenda_mut()
            .add_topic(dana, text, day(16), now)
            .expect("topic");
    }
    store
}

fn prep(store: Store, width: u16, height: u16) -> Harness {
    let mut h = Harness::new(store, width, height);
    h.press(KeyCode::Char('3'));
    assert_eq!(h.app.screen, Screen::Prep);
    h
}

fn ctrl(h: &mut Harness, c: char) {
    h.key(KeyCode::Char(c), KeyModifiers::CONTROL);
}

/// Presses a key and returns the terminal work it asked for.
fn press_for_terminal(h: &mut Harness, c: char) -> Vec<TerminalCmd> {
    let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    dispatch(&mut h.app, &mut h.store, Msg::Key(key))
}

fn dana(h: &Harness) -> i64 {
    h.store
        .people()
        .current_person()
        .expect("read")
        .expect("a manager")
        .id
}

fn open_topics(h: &Harness) -> Vec<String> {
    h.store
        .agenda()
        .topics(Some(dana(h)), false)
        .expect("topics")
        .into_iter()
        .map(|t| t.text)
        .collect()
}

fn status(h: &Harness) -> String {
    h.app
        .status
        .as_ref()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

/// Whether the coach's "summary before the 1:1" step is shown.
fn summary_step_active(h: &Harness) -> bool {
    let suggestions = &h.app.coach.suggestions;
    suggestions
        .iter()
        .any(|s| s.rule == "summary-before-one-on-one" && s.quiet.is_none())
}

/// Day and title of every `summary` entry.
fn summary_entries(h: &Harness) -> Vec<(String, String)> {
    let sql = "SELECT i.happened_on, i.title FROM interaction i JOIN kind k ON k.id = i.kind_id
                WHERE k.name = 'summary' AND i.deleted_at IS NULL";
    let mut stmt = h.store.connection().prepare(sql).expect("sql");
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)));
    rows.expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

#[test]
fn prep_screen_on_the_demo_journal() {
    let mut h = prep(demo_store(), 120, 40);
    insta::assert_snapshot!("prep_demo_120x40", h.draw());
    h.resize(60, 15);
    insta::assert_snapshot!("prep_demo_60x15", h.draw());
    // The demo's Monday summary was for Tuesday's 1:1: the next one starts
    // afresh from the shared work since that summary.
    h.resize(120, 40).press(KeyCode::Char('s'));
    let screen = h.screen_text();
    assert!(screen.contains("# Before our 1:1 on Tue 1 Dec"), "{screen}");
    assert!(screen.contains("covers 23–24 Nov 2026"), "{screen}");
}

#[test]
fn prep_screen_with_a_draft_and_the_summary_in_focus() {
    let mut h = prep(small_store(), 120, 40);
    h.press(KeyCode::Char('s'));
    assert_eq!(h.app.prep.focus, PrepPane::Summary);
    insta::assert_snapshot!("prep_draft_120x40", h.draw());
    h.resize(60, 15);
    insta::assert_snapshot!("prep_draft_60x15", h.draw());
    h.press(KeyCode::Char('e'));
    insta::assert_snapshot!("prep_summary_editor_60x15", h.draw());
}

#[test]
fn the_after_the_one_on_one_form_drawn() {
    let mut h = prep(small_store(), 120, 40);
    h.press(KeyCode::Char('s')).press(KeyCode::Char('L'));
    insta::assert_snapshot!("prep_after_form_120x40", h.draw());
    h.resize(60, 15);
    insta::assert_snapshot!("prep_after_form_60x15", h.draw());
}

#[test]
fn help_on_prep_lists_the_prep_keys() {
    let mut h = prep(small_store(), 120, 40);
    h.press(KeyCode::Char('?'));
    let screen = h.screen_text();
    for line in [
        "On this screen (prep)",
        "add a topic to the next 1:1's agenda",
        "mark the summary sent",
        "after the 1:1: log it",
        "copy the summary to the clipboard (OSC 52)",
    ] {
        assert!(screen.contains(line), "{line} missing:\n{screen}");
    }
}

#[test]
fn every_size_draws_without_panicking() {
    let mut h = prep(demo_store(), 120, 40);
    #[rustfmt::skip]
    let sizes = [(1, 1), (2, 3), (20, 5), (39, 10), (40, 10), (41, 11), (60, 15), (80, 24),
        (99, 19), (100, 20), (120, 12), (200, 60)];
    for opened in ['?', 'L', 's', 'e', 'w', 'm', 'n', 'D'] {
        h.press(KeyCode::Char(opened));
        for (width, height) in sizes {
            h.resize(width, height);
            let screen = h.screen_text();
            if width < 40 || height < 10 {
                assert!(
                    screen.contains("terminal") || width * height < 20,
                    "{screen}"
                );
            }
        }
        h.press(KeyCode::Esc);
        if matches!(h.app.overlay, Some(Overlay::Form(_))) {
            h.press(KeyCode::Char('y'));
        }
        h.resize(120, 40);
    }
    for pane in 0..4 {
        h.resize(60, 15);
        let screen = h.screen_text();
        assert!(
            screen.contains(h.app.prep.focus.title()),
            "pane {pane}:\n{screen}"
        );
        h.press(KeyCode::Char('l'));
    }
}

#[test]
fn adding_reordering_discussing_and_dropping_topics() {
    let mut h = prep(small_store(), 120, 40);
    h.press(KeyCode::Char('a')).type_text("Offsite plan");
    h.press(KeyCode::Enter);
    assert_eq!(open_topics(&h), ["Hiring plan", "Budget", "Offsite plan"]);
    assert!(h.screen_text().contains("3. Offsite plan"));

    // J moves the selected (first) topic down, and the selection follows it.
    h.press(KeyCode::Char('J'));
    assert_eq!(open_topics(&h), ["Budget", "Hiring plan", "Offsite plan"]);
    assert_eq!(h.app.prep.topic_selected, 1);
    h.press(KeyCode::Char('K')).press(KeyCode::Char('K'));
    assert_eq!(open_topics(&h), ["Hiring plan", "Budget", "Offsite plan"]);
    assert!(status(&h).contains("already"), "{}", status(&h));

    // x marks the selected one discussed.
    h.press(KeyCode::Char('j')).press(KeyCode::Char('x'));
    assert_eq!(open_topics(&h), ["Hiring plan", "Offsite plan"]);
    let all = h
        .store
        .agenda()
        .topics(Some(dana(&h)), true)
        .expect("topics");
    let budget = all.iter().find(|t| t.text == "Budget").expect("budget");
    assert_eq!(budget.status, TopicStatus::Discussed);

    // D asks first; n keeps it, y drops it.
    h.press(KeyCode::Char('D')).press(KeyCode::Char('n'));
    assert_eq!(open_topics(&h), ["Hiring plan", "Offsite plan"]);
    h.press(KeyCode::Char('D')).press(KeyCode::Char('y'));
    assert_eq!(open_topics(&h), ["Hiring plan"]);
    let all = h
        .store
        .agenda()
        .topics(Some(dana(&h)), true)
        .expect("topics");
    let offsite = all
        .iter()
        .find(|t| t.text == "Offsite plan")
        .expect("offsite");
    assert_eq!(offsite.status, TopicStatus::Dropped);
}

#[test]
fn x_on_the_advice_pane_records_the_report_back_on_the_selected_ask() {
    let mut h = prep(demo_store(), 120, 40);
    let asks = |h: &Harness| -> Vec<i64> {
        h.app
            .prep
            .sheet
            .as_ref()
            .map(|s| s.advice.iter().map(|a| a.advice.id).collect())
            .unwrap_or_default()
    };
    let before = asks(&h);
    assert_eq!(before.len(), 3);
    h.press(KeyCode::Char('l')).press(KeyCode::Char('l'));
    assert_eq!(h.app.prep.focus, PrepPane::Advice);
    h.press(KeyCode::Char('j')).press(KeyCode::Char('x'));
    assert!(matches!(h.app.overlay, Some(Overlay::Form(_))));
    h.press(KeyCode::Right).press(KeyCode::Enter); // "no": not applied
    assert_eq!(asks(&h), vec![before[0], before[2]]);
    let open: Vec<i64> = h
        .store
        .advice()
        .open_advice_loops()
        .expect("loops")
        .iter()
        .map(|l| l.id)
        .collect();
    assert!(!open.contains(&before[1]));
}

#[test]
fn the_after_the_one_on_one_form_closes_the_ticked_topics_and_adds_new_ones() {
    let mut h = prep(small_store(), 120, 40);
    h.press(KeyCode::Char('s'));
    h.press(KeyCode::Char('L'));
    h.press(KeyCode::Char('4')); // quality
    h.press(KeyCode::Tab).type_text("30"); // minutes
    h.press(KeyCode::Tab).type_text("Good one."); // notes
    h.press(KeyCode::Tab).press(KeyCode::Char('2')); // discussed: Budget
    h.press(KeyCode::Tab)
        .press(KeyCode::Char('1'))
        .press(KeyCode::Char('2')); // picked: both
    h.press(KeyCode::Tab).type_text("Offsite"); // a new topic
    h.press(KeyCode::Tab).type_text("How do I grow the team?");
    h.press(KeyCode::Tab).type_text("hiring");
    ctrl(&mut h, 's');
    assert!(h.app.overlay.is_none(), "saved: {}", status(&h));
    assert!(status(&h).contains("closed 1 topic"), "{}", status(&h));

    let last = h
        .store
        .agenda()
        .last_one_on_one(dana(&h), today())
        .expect("read")
        .expect("the 1:1");
    assert_eq!(last.happened_on, today());
    assert_eq!(last.title, "1:1: Budget");
    assert_eq!(last.minutes, Some(30));
    assert_eq!(last.quality.map(Quality::get), Some(4));
    assert_eq!(open_topics(&h), ["Hiring plan", "Offsite"]);
    let closed_by: Option<i64> = h
        .store
        .connection()
        .query_row(
            "SELECT closed_by_interaction FROM topic WHERE text = 'Budget'",
            [],
            |r| r.get(0),
        )
        .expect("read");
    assert_eq!(closed_by, Some(last.id));
    let summary = h
        .store
        .agenda()
        .summary(dana(&h), filed_after())
        .expect("read")
        .expect("summary");
    assert_eq!(summary.picked_topics.len(), 2);
    let asks: Vec<String> = h
        .store
        .advice()
        .open_advice_loops()
        .expect("loops")
        .into_iter()
        .map(|l| l.question)
        .collect();
    assert!(asks.contains(&"How do I grow the team?".to_string()));
    // The journal shows the new 1:1 at the top.
    h.press(KeyCode::Char('1'));
    assert_eq!(h.app.journal.selected_entry().map(|e| e.id), Some(last.id));
}

#[test]
fn a_half_typed_after_the_one_on_one_form_is_offered_back() {
    let mut h = prep(small_store(), 120, 40);
    h.press(KeyCode::Char('L')).press(KeyCode::Char('3'));
    h.press(KeyCode::Tab)
        .press(KeyCode::Tab)
        .type_text("half typed");
    h.press(KeyCode::Tab).press(KeyCode::Char('1'));
    for _ in 0..3 {
        h.tick();
    }
    let body = h
        .store
        .drafts()
        .draft("one_on_one")
        .expect("read")
        .expect("a draft");
    assert!(body.contains("half typed"));

    let mut again = Harness::new(h.store, 120, 40);
    let Some(Overlay::Confirm(_)) = &again.app.overlay else {
        panic!("the draft is offered back");
    };
    again.press(KeyCode::Char('y'));
    let Some(Overlay::Form(open)) = &again.app.overlay else {
        panic!("the form is back");
    };
    use rapport::tui::form::FieldId;
    assert_eq!(open.form.text(FieldId::Notes), "half typed");
    assert_eq!(open.form.score(FieldId::Quality), Some(3));
    assert!(!open.form.ticked(FieldId::Discussed).is_empty());
}

#[test]
fn accepting_the_coachs_summary_step_opens_the_draft_on_prep() {
    let mut h = Harness::new(small_store(), 120, 40);
    h.press(KeyCode::Char('4'));
    let at = h
        .app
        .coach
        .suggestions
        .iter()
        .filter(|s| s.quiet.is_none())
        .position(|s| s.rule == "summary-before-one-on-one")
        .expect("the summary step");
    for _ in 0..at {
        h.press(KeyCode::Char('j'));
    }
    h.press(KeyCode::Enter);
    assert_eq!(h.app.screen, Screen::Prep);
    let Some(Overlay::Form(open)) = &h.app.overlay else {
        panic!("the summary editor is open");
    };
    assert!(open.form.title.contains("Summary for the next 1:1"));
    assert!(h.screen_text().contains("Before our 1:1 on Wed 25 Nov"));
    // Saving the draft is not sending it: the step stays until it is sent.
    ctrl(&mut h, 's');
    assert!(summary_step_active(&h));
    h.press(KeyCode::Char('m')).press(KeyCode::Char('y'));
    assert_eq!(summary_entries(&h).len(), 1);
    assert!(!summary_step_active(&h));
}

#[test]
fn n_sets_the_next_one_on_one_and_overdue_shows_as_overdue() {
    let mut h = prep(small_store(), 120, 40);
    assert!(h.screen_text().contains("next 1:1 Wed 25 Nov, tomorrow"));
    h.press(KeyCode::Char('n')).type_text("2026-12-01");
    h.press(KeyCode::Enter);
    assert!(
        h.screen_text().contains("next 1:1 Tue 1 Dec, in 7 days"),
        "{}",
        h.screen_text()
    );

    // Two days past the cadence's date, with no 1:1 since: overdue.
    let mut late = prep(small_store(), 120, 40);
    late.tick_on(day(27));
    late.press(KeyCode::Char('1')).press(KeyCode::Char('3'));
    let screen = late.screen_text();
    assert!(
        screen.contains("next 1:1 Wed 25 Nov, overdue by 2 days"),
        "{screen}"
    );
}

#[test]
fn an_ask_from_an_earlier_year_shows_its_year() {
    let mut store = small_store();
    let dana = store
        .people()
        .current_person()
        .expect("read")
        .expect("Dana")
        .id;
    let now = Utc
        .with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .expect("an instant");
    let draft = InteractionDraft {
        person_id: dana,
        kind_id: store.people().kind_named("advice").expect("kind").id,
        happened_on: NaiveDate::from_ymd_opt(2025, 11, 3).expect("a real date"),
        at_time: None,
        minutes: None,
        quality: Quality::new(3).ok(),
        initiated_by: InitiatedBy::Me,
        title: "Should I take the platform lead role?".into(),
        notes: String::new(),
        tags: Vec::new(),
        advice_strength: None,
        private: false,
    };
    store
        .entries_mut()
        .add_interaction(&draft, now)
        .expect("logged");
    let mut h = prep(store, 120, 40);
    let screen = h.screen_text();
    assert!(screen.contains("asked 3 Nov 2025 (386 days)"), "{screen}");
    assert!(screen.contains("asked 19 Nov (5 days)"), "{screen}");
}

#[test]
fn an_advice_row_too_long_gives_up_the_strength_not_the_days_waiting() {
    // Wide enough for the advice pane beside the others (narrower, one
    // pane shows at a time).
    for (width, height) in [(120, 40), (100, 30)] {
        let mut h = Harness::new(demo_store(), width, height);
        h.press(KeyCode::Char('3'));
        let screen = h.screen_text();
        let asked: Vec<&str> = screen.lines().filter(|l| l.contains("asked ")).collect();
        assert!(
            !asked.is_empty(),
            "no advice row at {width}x{height}:\n{screen}"
        );
        for line in asked {
            assert!(
                line.contains("days)") || line.contains("day)") || line.contains("today)"),
                "the days waiting are cut at {width}x{height}: {line}"
            );
        }
    }
}
