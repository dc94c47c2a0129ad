//! The TUI without a terminal: key presses through `update` and `effects`
//! against a real in-memory journal, and every screen drawn into a
//! TestBackend and compared with a snapshot, at a fixed `today`.

mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use common::{Harness, today};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rapport::domain::{InitiatedBy, InteractionDraft, PersonDraft, Quality};
use rapport::store::{InteractionFilter, PageRequest, Store};
use rapport::tui::app::{Msg, Overlay, Screen, TerminalCmd};
use rapport::tui::dispatch;
use rapport::tui::form::FieldId;

/// kind, day of November, quality, title, notes, tags.
type Sample = (
    &'static str,
    u32,
    Option<i64>,
    &'static str,
    &'static str,
    &'static [&'static str],
);

/// A journal with a manager and a handful of entries of every sort.
fn filled_store() -> Store {
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
                strengths: vec!["negotiating with finance".into(), "hiring".into()],
                cadence_days: Some(7),
                is_current: true,
            },
            today(),
            now,
        )
        .expect("person")
        .id;
    let entries: [Sample; 6] = [
        (
            "one_on_one",
            24,
            Some(4),
            "Roadmap and hiring",
            "She picked the hiring topic from my summary.\nWe agreed on a plan.",
            &["hiring"],
        ),
        (
            "summary",
            23,
            Some(4),
            "Weekly summary: three topics",
            "",
            &["weekly"],
        ),
        (
            "coffee",
            19,
            Some(5),
            "Coffee walk",
            "Shared the migration worries; she told me about her last company.",
            &[],
        ),
        (
            "advice",
            18,
            Some(4),
            "How should I pitch the pricing migration?",
            "",
            &["advice"],
        ),
        (
            "feedback",
            12,
            Some(3),
            "Be more direct in staff meetings",
            "",
            &[],
        ),
        (
            "note",
            8,
            None,
            "Noticed I only talk to her when something is wrong",
            "",
            &["reflection"],
        ),
    ];
    for (kind, day, quality, title, notes, tags) in entries {
        let draft = InteractionDraft {
            person_id: dana,
            kind_id: store.people().kind_named(kind).expect("kind").id,
            happened_on: NaiveDate::from_ymd_opt(2026, 11, day).expect("day"),
            at_time: None,
            minutes: None,
            quality: quality.map(|q| Quality::new(q).expect("quality")),
            initiated_by: InitiatedBy::Me,
            title: title.into(),
            notes: notes.into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            advice_strength: (kind == "advice").then(|| "negotiating with finance".into()),
            private: false,
        };
        store
            .entries_mut()
            .add_interaction(&draft, now)
            .expect("entry");
    }
    store
}

#[test]
fn journal_empty_first_run_shows_onboarding() {
    let mut h = Harness::new(Store::open_in_memory().expect("open"), 120, 40);
    insta::assert_snapshot!("onboarding_120x40", h.draw());
    h.resize(60, 15);
    insta::assert_snapshot!("onboarding_60x15", h.draw());
}

#[test]
fn journal_empty_after_onboarding_is_skipped() {
    let mut h = Harness::new(Store::open_in_memory().expect("open"), 120, 40);
    h.press(KeyCode::Esc);
    insta::assert_snapshot!("journal_empty_120x40", h.draw());
    h.resize(60, 15);
    insta::assert_snapshot!("journal_empty_60x15", h.draw());
}

#[test]
fn journal_filled() {
    let mut h = Harness::new(filled_store(), 120, 40);
    insta::assert_snapshot!("journal_filled_120x40", h.draw());
    h.resize(60, 15);
    insta::assert_snapshot!("journal_filled_60x15", h.draw());
}

#[test]
fn journal_with_the_form_open_and_an_error() {
    let mut h = Harness::new(filled_store(), 120, 40);
    h.press(KeyCode::Char('a'));
    for _ in 0..4 {
        h.press(KeyCode::Tab);
    }
    h.key(KeyCode::Char('u'), KeyModifiers::CONTROL)
        .type_text("2026-02-30");
    h.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    insta::assert_snapshot!("form_error_120x40", h.draw());
    h.resize(60, 15);
    insta::assert_snapshot!("form_error_60x15", h.draw());
}

#[test]
fn journal_with_help_open() {
    let mut h = Harness::new(filled_store(), 120, 40);
    h.press(KeyCode::Char('?'));
    insta::assert_snapshot!("help_120x40", h.draw());
    h.resize(60, 15);
    insta::assert_snapshot!("help_60x15", h.draw());
}

#[test]
fn tiny_terminals_say_they_are_too_small() {
    let mut h = Harness::new(filled_store(), 1, 1);
    insta::assert_snapshot!("tiny_1x1", h.draw());
    h.resize(20, 5);
    insta::assert_snapshot!("tiny_20x5", h.draw());
    h.resize(0, 0);
    h.draw();
}

#[test]
fn people_screen() {
    let mut h = Harness::new(filled_store(), 120, 40);
    h.press(KeyCode::Char('5'));
    insta::assert_snapshot!("people_120x40", h.draw());
}

#[test]
fn logging_an_entry_takes_a_few_keys_and_lands_in_the_store() {
    let mut h = Harness::new(filled_store(), 120, 40);
    h.press(KeyCode::Char('a'))
        .press(KeyCode::Right)
        .press(KeyCode::Tab)
        .type_text("Dinner at Luigi's")
        .press(KeyCode::Tab)
        .press(KeyCode::Char('4'))
        .key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(h.app.overlay.is_none(), "the form closed");
    let saved = h
        .store
        .entries()
        .interactions(
            &InteractionFilter::default(),
            PageRequest {
                limit: 1,
                after: None,
            },
        )
        .expect("list");
    let entry = saved.first().expect("an entry");
    assert_eq!(entry.title, "Dinner at Luigi's");
    assert_eq!(entry.kind, "meal");
    assert_eq!(entry.quality.map(Quality::get), Some(4));
    assert_eq!(entry.happened_on, today());
    assert_eq!(h.app.journal.selected_entry().map(|e| e.id), Some(entry.id));
    assert!(h.screen_text().contains("Dinner at Luigi's"));
    assert_eq!(
        h.store.drafts().draft("entry").expect("draft"),
        None,
        "no draft left"
    );
}

#[test]
fn an_invalid_form_saves_nothing_and_says_why() {
    let mut h = Harness::new(filled_store(), 120, 40);
    let before = h.titles();
    h.press(KeyCode::Char('a'));
    for _ in 0..5 {
        h.press(KeyCode::Tab);
    }
    h.type_text("25:00")
        .key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(h.titles(), before);
    let text = h.screen_text();
    assert!(text.contains("`25:00` is not a time"), "{text}");
}

#[test]
fn escape_asks_before_throwing_away_what_was_typed() {
    let mut h = Harness::new(filled_store(), 120, 40);
    h.press(KeyCode::Char('a'))
        .press(KeyCode::Tab)
        .type_text("half");
    h.press(KeyCode::Esc);
    assert!(h.screen_text().contains("Discard what you typed?"));
    h.press(KeyCode::Char('n'));
    assert!(
        matches!(h.app.overlay, Some(Overlay::Form(_))),
        "kept editing"
    );
    h.press(KeyCode::Esc).press(KeyCode::Char('y'));
    assert!(h.app.overlay.is_none());
}

#[test]
fn deleting_then_undo_restores_the_entry() {
    let mut h = Harness::new(filled_store(), 120, 40);
    let first = h.titles()[0].clone();
    h.press(KeyCode::Char('d'));
    assert!(!h.titles().contains(&first));
    assert!(h.screen_text().contains("u to undo"));
    h.press(KeyCode::Char('u'));
    assert_eq!(h.titles()[0], first);
    assert_eq!(h.app.journal.rows.len(), 6);
}

#[test]
fn a_rebound_undo_key_is_the_one_the_status_names_and_the_one_that_undoes() {
    let mut h = Harness::new(filled_store(), 120, 40);
    let text = "[journal]\nundo = [\"z\"]\n";
    h.app
        .keymap
        .patch(text, std::path::Path::new("keymap.toml"))
        .expect("a journal action in [journal] loads");
    let first = h.titles()[0].clone();
    h.press(KeyCode::Char('d'));
    assert!(h.screen_text().contains("z to undo"));
    h.press(KeyCode::Char('u'));
    assert!(!h.titles().contains(&first), "u no longer undoes");
    h.press(KeyCode::Char('z'));
    assert_eq!(h.titles()[0], first);
}

#[test]
fn editing_changes_the_selected_entry() {
    let mut h = Harness::new(filled_store(), 120, 40);
    h.press(KeyCode::Char('j'))
        .press(KeyCode::Char('e'))
        .press(KeyCode::Tab);
    h.key(KeyCode::Char('u'), KeyModifiers::CONTROL)
        .type_text("Summary sent Monday")
        .key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(h.titles().contains(&"Summary sent Monday".to_string()));
    assert_eq!(h.titles().len(), 6, "edited, not added");
}

#[test]
fn an_edit_stale_since_it_was_opened_is_reported_not_saved() {
    let mut h = Harness::new(filled_store(), 120, 40);
    h.press(KeyCode::Char('e')).press(KeyCode::Tab);
    // Another window changes the same entry meanwhile.
    let id = h
        .app
        .journal
        .selected_entry()
        .map(|e| e.id)
        .expect("selected");
    let entry = h.store.entries().interaction(id).expect("entry");
    let mut theirs = entry.to_draft();
    theirs.title = "Changed elsewhere".into();
    h.store
        .entries_mut()
        .update_interaction(id, entry.version, &theirs, Utc::now())
        .expect("their edit");
    h.type_text(" (mine)")
        .key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(
        h.store.entries().interaction(id).expect("entry").title,
        "Changed elsewhere"
    );
    let text = h.screen_text();
    assert!(text.contains("changed elsewhere"), "{text}");
    match &h.app.overlay {
        Some(Overlay::Form(open)) => assert!(
            open.form.text(FieldId::Title).ends_with(" (mine)"),
            "what was typed is still in the form"
        ),
        _ => panic!("the form stays open after a refused save"),
    }
}

#[test]
fn search_filters_live_and_escape_clears_it() {
    let mut h = Harness::new(filled_store(), 120, 40);
    h.press(KeyCode::Char('/')).type_text("migra");
    let titles: Vec<String> = h.app.journal.rows.iter().map(|r| r.title.clone()).collect();
    assert_eq!(
        titles,
        ["Coffee walk", "How should I pitch the pricing migration?"]
    );
    h.press(KeyCode::Enter);
    assert!(h.screen_text().contains("“migra”"));
    h.press(KeyCode::Esc);
    assert_eq!(h.app.journal.rows.len(), 6);
}

#[test]
fn a_one_or_two_letter_search_waits_for_the_next_letter_or_enter() {
    let mut h = Harness::new(filled_store(), 120, 40);
    h.press(KeyCode::Char('/')).type_text("mi");
    assert_eq!(h.app.journal.rows.len(), 6, "nothing looked up yet");
    assert!(h.screen_text().contains("3 letters to search, or Enter"));
    h.type_text("g");
    assert_eq!(h.app.journal.rows.len(), 2, "three letters search");
    h.press(KeyCode::Esc);
    h.press(KeyCode::Char('/')).type_text("mi");
    h.press(KeyCode::Enter);
    assert_eq!(h.app.journal.filter.text.as_deref(), Some("mi"));
    assert!(h.app.journal.rows.len() < 6, "Enter searched for it");
}

#[test]
fn the_filter_form_narrows_by_category() {
    let mut h = Harness::new(filled_store(), 120, 40);
    h.press(KeyCode::Char('f')).press(KeyCode::Tab);
    // Category: any → formal → informal.
    h.press(KeyCode::Right).press(KeyCode::Right);
    h.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let titles: Vec<String> = h.app.journal.rows.iter().map(|r| r.title.clone()).collect();
    assert_eq!(titles, ["Coffee walk"]);
}

#[test]
fn a_check_in_is_saved_from_its_form() {
    let mut h = Harness::new(filled_store(), 120, 40);
    h.press(KeyCode::Char('c'))
        .press(KeyCode::Char('4'))
        .press(KeyCode::Tab)
        .press(KeyCode::Char('2'))
        .press(KeyCode::Tab)
        .press(KeyCode::Char('3'))
        .press(KeyCode::Tab)
        .type_text("still guessing")
        .press(KeyCode::Enter);
    let check_ins = h.store.check_ins().latest(5).expect("check-ins");
    let c = check_ins.first().expect("one");
    assert_eq!(
        (c.trust, c.clarity, c.ease, c.note.as_str()),
        (4, 2, 3, "still guessing")
    );
}

#[test]
fn onboarding_adds_the_current_manager() {
    let mut h = Harness::new(Store::open_in_memory().expect("open"), 120, 40);
    h.type_text("Dana")
        .press(KeyCode::Tab)
        .type_text("EM")
        .press(KeyCode::Tab)
        .press(KeyCode::Tab)
        .type_text("hiring; finance")
        .press(KeyCode::Enter);
    let manager = h
        .store
        .people()
        .current_person()
        .expect("query")
        .expect("a manager");
    assert_eq!(manager.name, "Dana");
    assert_eq!(manager.strengths, ["hiring", "finance"]);
    assert_eq!(manager.cadence_days, Some(7));
    assert!(h.app.overlay.is_none());
}

#[test]
fn a_draft_left_behind_is_offered_back() {
    let mut h = Harness::new(filled_store(), 120, 40);
    h.press(KeyCode::Char('a'))
        .press(KeyCode::Tab)
        .type_text("Half-typed dinner");
    // Quiet typing for a moment: the debounce saves the draft.
    for _ in 0..3 {
        h.tick();
    }
    assert!(h.store.drafts().draft("entry").expect("draft").is_some());
    // The program dies here; a new start over the same journal offers it back.
    let store = std::mem::replace(&mut h.store, Store::open_in_memory().expect("open"));
    let mut again = Harness::new(store, 120, 40);
    assert!(again.screen_text().contains("Restore what you typed?"));
    again.press(KeyCode::Char('y'));
    let Some(Overlay::Form(open)) = &again.app.overlay else {
        panic!("the form is back");
    };
    assert_eq!(
        open.form.text(rapport::tui::form::FieldId::Title),
        "Half-typed dinner"
    );
    again.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert!(again.titles().contains(&"Half-typed dinner".to_string()));
    assert_eq!(again.store.drafts().draft("entry").expect("draft"), None);
}

#[test]
fn a_draft_written_by_the_previous_format_is_offered_back_and_saves() {
    let mut store = filled_store();
    // Byte for byte what rapport wrote before typed drafts: every field's
    // text by name, the kind and person by name, who started it as "them".
    let previous = r#"{"by":"them","date":"2026-11-20","kind":"coffee","minutes":"30","my_promises":"","notes":"walked to the river","quality":"5","strength":"","tags":"walks, river","their_promises":"","time":"","title":"Coffee by the river","visible":"shared","with":"Dana Okafor"}"#;
    store
        .drafts_mut()
        .save_draft("entry", previous, Utc::now())
        .expect("draft");
    let mut h = Harness::new(store, 120, 40);
    assert!(h.screen_text().contains("Restore what you typed?"));
    h.press(KeyCode::Char('y'));
    h.key(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let saved = h
        .store
        .entries()
        .interactions(
            &InteractionFilter::default(),
            PageRequest {
                limit: 50,
                after: None,
            },
        )
        .expect("list")
        .into_iter()
        .find(|e| e.title == "Coffee by the river")
        .expect("the restored entry was saved");
    assert_eq!(saved.kind, "coffee");
    assert_eq!(saved.initiated_by, InitiatedBy::Them);
    assert_eq!(
        saved.happened_on,
        NaiveDate::from_ymd_opt(2026, 11, 20).expect("day")
    );
    assert_eq!(saved.minutes, Some(30));
    assert_eq!(saved.tags, ["river", "walks"]);
    assert_eq!(saved.notes, "walked to the river");
    assert_eq!(h.store.drafts().draft("entry").expect("draft"), None);
}

#[test]
fn number_keys_and_tab_switch_screens() {
    let mut h = Harness::new(filled_store(), 120, 40);
    h.press(KeyCode::Char('3'));
    assert_eq!(h.app.screen, Screen::Prep);
    h.press(KeyCode::Tab);
    assert_eq!(h.app.screen, Screen::NextSteps);
    h.press(KeyCode::BackTab).press(KeyCode::BackTab);
    assert_eq!(h.app.screen, Screen::Insights);
    let work = dispatch(
        &mut h.app,
        &mut h.store,
        Msg::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE)),
    );
    assert_eq!(work, vec![TerminalCmd::Quit]);
}

#[test]
fn a_paste_over_the_limit_is_refused_with_a_message() {
    let mut h = Harness::new(filled_store(), 120, 40);
    h.press(KeyCode::Char('a')).press(KeyCode::Tab);
    dispatch(
        &mut h.app,
        &mut h.store,
        Msg::Paste("x".repeat(rapport::tui::app::PASTE_LIMIT + 1)),
    );
    assert!(h.screen_text().contains("paste too large"));
    dispatch(&mut h.app, &mut h.store, Msg::Paste("a\u{1b}[2Jb".into()));
    let Some(Overlay::Form(open)) = &h.app.overlay else {
        panic!("form open");
    };
    assert_eq!(
        open.form.text(rapport::tui::form::FieldId::Title),
        "a\u{1b}[2Jb"
    );
    let text = h.screen_text();
    assert!(!text.contains('\u{1b}'), "escape is never drawn raw");
}

#[test]
fn scrolling_pages_through_a_long_journal_without_holding_it_all() {
    let mut store = Store::open_in_memory().expect("open");
    rapport::demo::write_demo(&mut store, today(), Utc::now()).expect("demo");
    let now = Utc::now();
    let dana = store
        .people()
        .current_person()
        .expect("q")
        .expect("manager")
        .id;
    let kind = store.people().kind_named("chat").expect("kind").id;
    for n in 0..700 {
        let draft = InteractionDraft {
            person_id: dana,
            kind_id: kind,
            happened_on: today() - chrono::Days::new(n / 3),
            at_time: None,
            minutes: None,
            quality: None,
            initiated_by: InitiatedBy::Them,
            title: format!("chat {n}"),
            notes: String::new(),
            tags: Vec::new(),
            advice_strength: None,
            private: false,
        };
        store
            .entries_mut()
            .add_interaction(&draft, now)
            .expect("entry");
    }
    let mut h = Harness::new(store, 120, 40);
    let total = h.titles().len();
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..total + 5 {
        if let Some(e) = h.app.journal.selected_entry() {
            seen.insert(e.id);
        }
        assert!(h.app.journal.rows.len() <= 300, "window stays bounded");
        h.press(KeyCode::Char('j'));
    }
    assert_eq!(seen.len(), total, "every entry was reached");
    h.press(KeyCode::Char('g'));
    assert_eq!(h.app.journal.selected, 0);
    assert!(h.app.journal.at_newest);
    h.press(KeyCode::Char('G'));
    assert!(h.app.journal.at_oldest);
    for _ in 0..400 {
        h.press(KeyCode::Char('k'));
    }
    assert!(h.app.journal.rows.len() <= 300);
}

#[test]
fn a_long_help_line_wraps_under_its_description_not_under_the_keys() {
    let mut h = Harness::new(filled_store(), 60, 40);
    h.press(KeyCode::Char('3'));
    h.press(KeyCode::Char('?'));
    let text = h.screen_text();
    let continued = text
        .lines()
        .find(|line| line.contains("since…"))
        .expect("the next-pane line is shown");
    let inside = continued.trim_start_matches('│');
    assert!(
        inside.starts_with(&" ".repeat(18)),
        "the wrapped part sits under the description: {continued:?}\n{text}"
    );
}

#[test]
fn a_form_footer_too_long_for_its_row_wraps_instead_of_cutting_the_keys() {
    let mut h = Harness::new(filled_store(), 60, 15);
    h.press(KeyCode::Char('a'));
    // Every field of the add form, at 60 columns: its hint and the keys
    // that save and cancel are all there, none cut mid-word.
    for field in 0..10 {
        let screen = h.screen_text();
        assert!(
            screen.contains("save") && screen.contains("cancel"),
            "field {field}: the keys are cut:\n{screen}"
        );
        h.press(KeyCode::Tab);
    }
}
