//! The fast path, tried as a new user would (issue 19): the small places
//! where the TUI tripped, each with the behaviour that replaced it.

mod common;

use chrono::{TimeZone, Utc};
use common::{Harness, today};
use crossterm::event::KeyCode;
use rapport::domain::{InitiatedBy, InteractionDraft, PersonDraft};
use rapport::store::Store;
use rapport::tui::app::{Overlay, Screen};

/// Dana, the current manager, with a 1:1 today.
fn journal() -> Store {
    let mut store = Store::open_in_memory().expect("open");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
        .single()
        .expect("instant");
    let dana = store
        .people_mut()
        .add_person(
            &PersonDraft {
                relation: Default::default(),
                name: "Dana Okafor".into(),
                role: "Director of Engineering".into(),
                strengths: vec!["hiring".into()],
                cadence_days: Some(7),
                is_current: true,
            },
            today(),
            now,
        )
        .expect("person")
        .id;
    let kind = store.people().kind_named("one_on_one").expect("kind").id;
    store
        .entries_mut()
        .add_interaction(
            &InteractionDraft {
                person_id: dana,
                kind_id: kind,
                happened_on: today(),
                at_time: None,
                minutes: None,
                quality: None,
                initiated_by: InitiatedBy::Me,
                title: "Roadmap and hiring".into(),
                notes: String::new(),
                tags: Vec::new(),
                advice_strength: None,
                private: false,
            },
            now,
        )
        .expect("entry");
    store
}

fn form_title(h: &Harness) -> Option<String> {
    match &h.app.overlay {
        Some(Overlay::Form(open)) => Some(open.form.title.clone()),
        _ => None,
    }
}

#[test]
fn check_in_opens_from_every_screen_that_looks_back_on_the_week() {
    for (key, screen) in [
        ('1', Screen::Journal),
        ('2', Screen::Insights),
        ('3', Screen::Prep),
        ('4', Screen::NextSteps),
    ] {
        let mut h = Harness::new(journal(), 120, 40);
        h.press(KeyCode::Char(key));
        assert_eq!(h.app.screen, screen);
        h.press(KeyCode::Char('c'));
        let title = form_title(&h);
        assert!(
            title
                .as_deref()
                .is_some_and(|t| t.to_lowercase().contains("check")),
            "{screen:?}: {title:?}"
        );
    }
}

#[test]
fn after_dismissing_the_last_live_step_the_cursor_stays_on_a_live_one() {
    let mut store = Store::open_in_memory().expect("open");
    rapport::demo::write_demo(&mut store, today(), Utc::now()).expect("demo");
    let mut h = Harness::new(store, 120, 40);
    h.press(KeyCode::Char('4'));
    // Put something quiet below the live steps: snooze the first.
    h.press(KeyCode::Char('s'));
    let live = |h: &Harness| {
        h.app
            .coach
            .suggestions
            .iter()
            .filter(|s| s.quiet.is_none())
            .count()
    };
    let count = live(&h);
    assert!(count >= 2, "the demo has live steps");
    assert!(
        h.app.coach.suggestions.iter().any(|s| s.quiet.is_some()),
        "and a quiet one"
    );
    for _ in 1..count {
        h.press(KeyCode::Char('j'));
    }
    h.press(KeyCode::Char('x'));
    let at = &h.app.coach.suggestions[h.app.coach.selected];
    assert_eq!(
        at.quiet, None,
        "the cursor is on {} ({:?})",
        at.rule, at.quiet
    );
    assert_eq!(live(&h), count - 1);
}

fn focus_field(h: &mut Harness, id: rapport::tui::form::FieldId) {
    let Some(Overlay::Form(open)) = h.app.overlay.as_mut() else {
        panic!("a form is open");
    };
    open.form.focus = open
        .form
        .fields
        .iter()
        .position(|f| f.id == id)
        .expect("the field");
}

fn field_value(h: &Harness, id: rapport::tui::form::FieldId) -> String {
    match &h.app.overlay {
        Some(Overlay::Form(open)) => open.form.text(id),
        _ => panic!("a form is open"),
    }
}

#[test]
fn typing_in_a_prefilled_date_replaces_it_and_brackets_step_the_day() {
    use rapport::tui::form::FieldId;
    let mut h = Harness::new(journal(), 120, 40);
    h.press(KeyCode::Char('a'));
    focus_field(&mut h, FieldId::Date);
    assert_eq!(field_value(&h, FieldId::Date), "today");
    h.type_text("yesterday");
    assert_eq!(
        field_value(&h, FieldId::Date),
        "yesterday",
        "not todayyesterday"
    );
    h.press(KeyCode::Char('['));
    assert_eq!(field_value(&h, FieldId::Date), "2026-11-22");
    h.press(KeyCode::Char(']')).press(KeyCode::Char(']'));
    assert_eq!(field_value(&h, FieldId::Date), "2026-11-24");
    h.type_text("monday");
    assert_eq!(
        field_value(&h, FieldId::Date),
        "monday",
        "a stepped day is replaced too"
    );
}

#[test]
fn the_after_the_one_on_one_date_is_replaced_on_typing() {
    use rapport::tui::form::FieldId;
    let mut h = Harness::new(journal(), 120, 40);
    // A 1:1 is logged today: n logs another, as this test wants a form.
    h.press(KeyCode::Char('3'))
        .press(KeyCode::Char('L'))
        .press(KeyCode::Char('n'));
    focus_field(&mut h, FieldId::Date);
    h.type_text("yesterday");
    assert_eq!(field_value(&h, FieldId::Date), "yesterday");
}

fn list_row(h: &mut Harness, title: &str) -> String {
    let screen = h.screen_text();
    screen
        .lines()
        .find(|l| l.contains(title))
        .map(|l| l.split("││").next().unwrap_or(l).to_string())
        .expect("the row")
}

#[test]
fn the_with_column_shows_only_when_more_than_one_person_is_in_the_list() {
    let mut h = Harness::new(journal(), 120, 40);
    let row = list_row(&mut h, "Roadmap and hiring");
    assert!(!row.contains("Dana"), "one person: no with column: {row}");
    assert!(row.contains("Tue 24 Nov  one_on_one"), "{row}");

    let mut store = journal();
    let now = Utc::now();
    store
        .people_mut()
        .add_person(
            &PersonDraft {
                relation: Default::default(),
                name: "Sam Lee".into(),
                role: String::new(),
                strengths: vec![],
                cadence_days: None,
                is_current: false,
            },
            today(),
            now,
        )
        .expect("a second person");
    let mut h = Harness::new(store, 120, 40);
    let row = list_row(&mut h, "Roadmap and hiring");
    assert!(row.contains("Dana Okafor"), "two people: {row}");
}

#[test]
fn an_older_year_says_its_year_in_the_same_format() {
    let mut store = journal();
    let dana = store
        .people()
        .current_person()
        .expect("q")
        .expect("dana")
        .id;
    let kind = store.people().kind_named("coffee").expect("kind").id;
    store
        .entries_mut()
        .add_interaction(
            &InteractionDraft {
                person_id: dana,
                kind_id: kind,
                happened_on: chrono::NaiveDate::from_ymd_opt(2025, 11, 9).expect("day"),
                at_time: None,
                minutes: None,
                quality: None,
                initiated_by: InitiatedBy::Me,
                title: "Last year's coffee".into(),
                notes: String::new(),
                tags: Vec::new(),
                advice_strength: None,
                private: false,
            },
            Utc::now(),
        )
        .expect("entry");
    let mut h = Harness::new(store, 120, 40);
    let row = list_row(&mut h, "Last year's coffee");
    assert!(row.contains("Sun 9 Nov 2025   coffee"), "{row}");
    let row = list_row(&mut h, "Roadmap and hiring");
    assert!(
        row.contains("Tue 24 Nov       one_on_one"),
        "aligned: {row}"
    );
}

#[test]
fn l_with_a_one_on_one_logged_today_asks_and_y_adds_to_it() {
    let mut h = Harness::new(journal(), 120, 40);
    h.press(KeyCode::Char('3')).press(KeyCode::Char('L'));
    assert!(
        matches!(
            h.app.overlay,
            Some(Overlay::Confirm(
                rapport::tui::app::Question::AttachOneOnOne { .. }
            ))
        ),
        "asks first"
    );
    let screen = h.screen_text();
    assert!(
        screen.contains("“Roadmap and hiring” is logged today already"),
        "{screen}"
    );
    insta::assert_snapshot!("attach_question_120x40", h.draw());
    h.resize(60, 15);
    insta::assert_snapshot!("attach_question_60x15", h.draw());
    h.resize(120, 40);
    h.press(KeyCode::Char('y'));
    assert!(form_title(&h).is_some_and(|t| t.contains("added to today's")));
    h.press(KeyCode::Char('4'));
    h.key(KeyCode::Char('s'), crossterm::event::KeyModifiers::CONTROL);
    assert!(h.app.overlay.is_none(), "saved: {:?}", h.app.status);
    let dana = h
        .store
        .people()
        .current_person()
        .expect("q")
        .expect("dana")
        .id;
    let one_on_ones = h
        .store
        .agenda()
        .one_on_one_days(dana, today().pred_opt().expect("day"), today())
        .expect("days");
    assert_eq!(one_on_ones.len(), 1, "still one 1:1 today");
    let entry = h
        .store
        .agenda()
        .last_one_on_one(dana, today())
        .expect("q")
        .expect("one");
    assert_eq!(
        entry.quality.map(|q| q.get()),
        Some(4),
        "its quality filled in"
    );
}

#[test]
fn l_then_n_logs_a_second_one_on_one_and_esc_neither() {
    let mut h = Harness::new(journal(), 120, 40);
    h.press(KeyCode::Char('3')).press(KeyCode::Char('L'));
    h.press(KeyCode::Esc);
    assert!(h.app.overlay.is_none(), "esc: neither");
    h.press(KeyCode::Char('L')).press(KeyCode::Char('n'));
    assert!(form_title(&h).is_some_and(|t| !t.contains("added")));
    h.press(KeyCode::Char('3'));
    h.key(KeyCode::Char('s'), crossterm::event::KeyModifiers::CONTROL);
    let dana = h
        .store
        .people()
        .current_person()
        .expect("q")
        .expect("dana")
        .id;
    let days = h
        .store
        .agenda()
        .one_on_one_days(dana, today().pred_opt().expect("day"), today())
        .expect("days");
    assert_eq!(days.len(), 2, "a second 1:1 logged");
}

#[test]
fn the_entry_notes_go_to_the_editor_and_come_back_into_the_form() {
    use crossterm::event::{KeyEvent, KeyModifiers};
    use rapport::tui::app::{Msg, TerminalCmd};
    use rapport::tui::dispatch;
    use rapport::tui::form::FieldId;
    use rapport::tui::forms;
    let mut h = Harness::new(journal(), 120, 40);
    h.press(KeyCode::Char('a'))
        .press(KeyCode::Tab)
        .type_text("Coffee walk");
    focus_field(&mut h, FieldId::Notes);
    h.type_text("first line");
    let ctrl_o = Msg::Key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL));
    let work = dispatch(&mut h.app, &mut h.store, ctrl_o);
    assert_eq!(
        work,
        vec![TerminalCmd::EditNotes {
            notes: "first line".into()
        }]
    );
    let draft = h
        .store
        .drafts()
        .draft("entry")
        .expect("read")
        .unwrap_or_default();
    assert!(
        draft.contains("first line"),
        "what was typed is kept before the editor runs: {draft}"
    );

    // The editor added a line.
    let edited = Msg::Form(forms::Msg::NotesEdited {
        notes: Some("first line\nmore".into()),
        said: String::new(),
        failed: false,
    });
    dispatch(&mut h.app, &mut h.store, edited);
    assert_eq!(field_value(&h, FieldId::Notes), "first line\nmore");
    assert!(h.screen_text().contains("notes updated from the editor"));

    // An editor that fails leaves the notes as they were, and says why.
    let failed = Msg::Form(forms::Msg::NotesEdited {
        notes: None,
        said: "the editor exited with exit status: 1; the notes are as they were".into(),
        failed: true,
    });
    dispatch(&mut h.app, &mut h.store, failed);
    assert_eq!(field_value(&h, FieldId::Notes), "first line\nmore");
    assert!(h.screen_text().contains("the notes are as they were"));

    h.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(h.app.overlay.is_none(), "saved");
    let saved = h
        .store
        .entries()
        .interactions(
            &rapport::store::InteractionFilter::default(),
            rapport::store::PageRequest {
                limit: 10,
                after: None,
            },
        )
        .expect("list")
        .into_iter()
        .find(|e| e.title == "Coffee walk");
    assert_eq!(saved.map(|e| e.notes).as_deref(), Some("first line\nmore"));
}

#[test]
fn a_form_without_notes_has_nothing_for_the_editor_and_help_lists_the_key() {
    use crossterm::event::{KeyEvent, KeyModifiers};
    use rapport::tui::app::Msg;
    use rapport::tui::dispatch;
    let mut h = Harness::new(journal(), 120, 40);
    h.press(KeyCode::Char('c'));
    let ctrl_o = Msg::Key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL));
    assert!(dispatch(&mut h.app, &mut h.store, ctrl_o).is_empty());
    assert!(h.screen_text().contains("this form has no notes to edit"));
    let help =
        rapport::tui::keymap::Keymap::defaults().help(rapport::tui::keymap::Context::Journal);
    let line = help
        .iter()
        .find(|(_, _, what)| what.contains("notes in $VISUAL or $EDITOR"));
    assert!(
        line.is_some_and(|(_, keys, _)| keys.contains("ctrl-o")),
        "{help:?}"
    );
}

#[test]
fn the_notes_hint_names_the_editor_key_as_bound() {
    use crossterm::event::KeyModifiers;
    use rapport::tui::app::TerminalCmd;
    use rapport::tui::form::FieldId;
    let mut h = Harness::new(journal(), 120, 40);
    h.app
        .keymap
        .patch(
            "[form]\nedit_notes_externally = [\"f4\"]\n",
            std::path::Path::new("keymap.toml"),
        )
        .expect("a valid keymap");
    h.press(KeyCode::Char('a'));
    focus_field(&mut h, FieldId::Notes);
    let screen = h.screen_text();
    assert!(screen.contains("f4 opens $EDITOR"), "{screen}");
    assert!(!screen.contains("ctrl-o"), "{screen}");
    let work = rapport::tui::dispatch(
        &mut h.app,
        &mut h.store,
        rapport::tui::app::Msg::Key(crossterm::event::KeyEvent::new(
            KeyCode::F(4),
            KeyModifiers::NONE,
        )),
    );
    assert_eq!(
        work,
        vec![TerminalCmd::EditNotes {
            notes: String::new()
        }]
    );
}

#[test]
fn a_weekday_in_the_date_saves_that_day_and_tags_split_on_the_rule_the_hint_names() {
    use rapport::tui::form::FieldId;
    let mut h = Harness::new(journal(), 120, 40);
    h.press(KeyCode::Char('a'));
    focus_field(&mut h, FieldId::Tags);
    let screen = h.screen_text();
    assert!(
        screen.contains(rapport::domain::text::LIST_HINT),
        "the tags hint names the separators:\n{screen}"
    );
    h.type_text("hiring, budget; offsite");
    focus_field(&mut h, FieldId::Date);
    h.type_text("monday");
    focus_field(&mut h, FieldId::Title);
    h.type_text("Weekday and tags");
    h.key(KeyCode::Char('s'), crossterm::event::KeyModifiers::CONTROL);
    let saved = h
        .store
        .entries()
        .interactions(
            &rapport::store::InteractionFilter::default(),
            rapport::store::PageRequest {
                limit: 10,
                after: None,
            },
        )
        .expect("list")
        .into_iter()
        .find(|i| i.title == "Weekday and tags")
        .expect("saved");
    // Today is Tuesday 24 November: monday is yesterday.
    assert_eq!(saved.happened_on.to_string(), "2026-11-23");
    assert_eq!(saved.tags, ["budget", "hiring", "offsite"]);
}
