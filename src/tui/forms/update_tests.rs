//! Tests of the forms as an Elm module: what a key, a save's answer or a
//! tick does to the open form, and the work it asks for.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::update::{Cmd, Msg, Work};
use super::*;
use crate::coach::{Playbook, Practice, SuggestedAction, Suggestion};
use crate::domain::{CheckIn, Interaction};
use crate::tui::app::{Overlay, Question, Screen};
use crate::tui::ctx::Ctx;
use crate::tui::keymap::{FormAction, Keymap};
use crate::tui::screens::{Ask, Outcome, next_steps};
use crate::tui::theme::Theme;

use super::tests::{kinds, people, today};

fn dana() -> Person {
    people().swap_remove(0)
}

/// What the forms read around them: a journal with Dana as the manager.
struct World {
    people: Vec<Person>,
    kinds: Vec<Kind>,
    keymap: Keymap,
    playbook: Playbook,
}

impl World {
    fn new() -> World {
        World {
            people: vec![dana()],
            kinds: kinds(),
            keymap: Keymap::defaults(),
            playbook: Playbook::builtin(),
        }
    }

    fn without_people() -> World {
        World {
            people: Vec::new(),
            ..World::new()
        }
    }

    fn ctx(&self) -> Ctx<'_> {
        Ctx {
            today: today(),
            screen: Screen::Journal,
            people: &self.people,
            kinds: &self.kinds,
            keymap: &self.keymap,
            theme: Theme::new(false),
            playbook: &self.playbook,
            people_loading: false,
        }
    }

    fn new_entry(&self) -> OpenForm {
        entry_form(&self.kinds, &self.people, self.people.first(), None)
    }
}

fn press(open: &mut OpenForm, code: KeyCode, world: &World) -> Outcome<Work> {
    let key = KeyEvent::new(code, KeyModifiers::NONE);
    on_key(open, &key, &world.ctx())
}

fn type_text(open: &mut OpenForm, text: &str, world: &World) {
    for c in text.chars() {
        let _ = press(open, KeyCode::Char(c), world);
    }
}

fn focus(open: &mut OpenForm, id: FieldId) {
    if let Some(at) = open.form.fields.iter().position(|f| f.id == id) {
        open.form.focus = at;
    }
}

fn errors(outcome: &Outcome<Work>) -> Vec<String> {
    outcome
        .asks
        .iter()
        .filter_map(|ask| match ask {
            Ask::Error(text) => Some(text.clone()),
            _ => None,
        })
        .collect()
}

fn saved_entry(title: &str) -> Box<Interaction> {
    let at = today().and_time(chrono::NaiveTime::MIN).and_utc();
    Box::new(Interaction {
        id: 41,
        person_id: 7,
        person: "Dana".into(),
        kind_id: 2,
        kind: "meal".into(),
        category: Category::Informal,
        happened_on: today(),
        at_time: None,
        minutes: None,
        quality: None,
        initiated_by: InitiatedBy::Me,
        title: title.into(),
        notes: String::new(),
        tags: Vec::new(),
        advice_loop: None,
        created_at: at,
        updated_at: at,
        version: 1,
        private: false,
        uid: 1,
    })
}

#[test]
fn saving_an_entry_form_asks_to_save_the_typed_draft() {
    let world = World::new();
    let mut open = world.new_entry();
    focus(&mut open, FieldId::Title);
    type_text(&mut open, "Lunch with Dana", &world);
    let outcome = on_action(&mut open, FormAction::Save, &world.ctx());
    match outcome.cmds.as_slice() {
        [Work::Form(Cmd::SaveEntry { draft, editing, .. })] => {
            assert_eq!(draft.title, "Lunch with Dana");
            assert_eq!((draft.person_id, draft.happened_on), (7, today()));
            assert_eq!(*editing, None);
        }
        other => panic!("expected one SaveEntry, got {other:?}"),
    }
    assert!(
        !open.closed,
        "the form stays until the save's answer closes it"
    );
}

#[test]
fn an_entry_with_a_bad_date_is_not_saved_and_the_field_says_why() {
    let world = World::new();
    let mut open = world.new_entry();
    open.form.set_text(FieldId::Date, "2026-02-30");
    let outcome = on_action(&mut open, FormAction::Save, &world.ctx());
    assert!(outcome.cmds.is_empty());
    assert_eq!(errors(&outcome), ["1 field to fix"]);
    let focused = open.form.focused().map(|f| (f.id, f.error.is_some()));
    assert_eq!(focused, Some((FieldId::Date, true)));
}

#[test]
fn a_failed_save_keeps_the_form_open_with_what_was_typed() {
    let world = World::new();
    let mut open = world.new_entry();
    focus(&mut open, FieldId::Title);
    type_text(&mut open, "Lunch", &world);
    let _ = on_action(&mut open, FormAction::Save, &world.ctx());
    // The store said no: no saved answer comes, so nothing closes the form;
    // a second try asks again with the same text.
    assert!(!open.closed && !open.confirming_cancel);
    assert_eq!(open.form.text(FieldId::Title), "Lunch");
    let again = on_action(&mut open, FormAction::Save, &world.ctx());
    assert!(matches!(
        again.cmds.as_slice(),
        [Work::Form(Cmd::SaveEntry { draft, .. })] if draft.title == "Lunch"
    ));
}

#[test]
fn a_saved_entry_closes_the_form_and_shows_the_entry_on_the_journal() {
    let world = World::new();
    let mut open = world.new_entry();
    let msg = Msg::EntrySaved {
        entry: saved_entry("Lunch"),
        was_edit: false,
    };
    let outcome = update(Some(&mut open), msg, &world.ctx());
    assert!(outcome.cmds.is_empty());
    assert!(matches!(
        outcome.asks.as_slice(),
        [Ask::Info(said), Ask::CloseForm, Ask::ShowEntry(41)] if said == "saved meal with Dana"
    ));
}

#[test]
fn a_saved_check_in_closes_the_form_and_says_the_scores() {
    let world = World::new();
    let check_in = CheckIn {
        id: 1,
        person_id: Some(7),
        checked_on: today(),
        trust: 4,
        clarity: 3,
        ease: 5,
        note: String::new(),
    };
    let outcome = update(None, Msg::CheckInSaved(check_in), &world.ctx());
    assert!(matches!(
        outcome.asks.as_slice(),
        [Ask::Info(said), Ask::CloseForm] if said == "checked in: trust 4, clarity 3, ease 5"
    ));
}

#[test]
fn a_form_closed_after_its_save_drops_its_draft_and_does_the_step_it_was_opened_for() {
    let world = World::new();
    let mut open = world.new_entry();
    assert!(matches!(
        closed(&open, &world.ctx()).as_slice(),
        [Work::Form(Cmd::DiscardDraft(DraftKey::Entry))]
    ));
    open.accepted = Some(Suggestion {
        rule: "informal_gap".into(),
        practice: Practice::Interactions,
        priority: 1,
        message: "Have a coffee with Dana".into(),
        reason: String::new(),
        why: String::new(),
        action: SuggestedAction::None,
        overshoot: 0.0,
        merged: Vec::new(),
        anchor: None,
        quiet: None,
    });
    let work = closed(&open, &world.ctx());
    assert!(matches!(
        work.as_slice(),
        [
            Work::Form(Cmd::DiscardDraft(DraftKey::Entry)),
            Work::NextSteps(next_steps::Cmd::Nudge { rule, .. }),
        ] if rule == "informal_gap"
    ));
}

#[test]
fn escape_closes_an_untouched_form_and_asks_first_when_something_was_typed() {
    let world = World::new();
    let mut untouched = world.new_entry();
    let _ = press(&mut untouched, KeyCode::Esc, &world);
    assert!(untouched.closed);

    let mut typed = world.new_entry();
    focus(&mut typed, FieldId::Title);
    type_text(&mut typed, "Lu", &world);
    let _ = press(&mut typed, KeyCode::Esc, &world);
    assert!(typed.confirming_cancel && !typed.closed, "asks y/n");
    let _ = press(&mut typed, KeyCode::Char('n'), &world);
    assert!(!typed.confirming_cancel && !typed.closed, "kept");
    assert_eq!(typed.form.text(FieldId::Title), "Lu");
    let _ = press(&mut typed, KeyCode::Esc, &world);
    let discarded = press(&mut typed, KeyCode::Char('y'), &world);
    assert!(typed.closed);
    assert!(matches!(
        discarded.cmds.as_slice(),
        [Work::Form(Cmd::DiscardDraft(DraftKey::Entry))]
    ));
}

#[test]
fn typing_then_quiet_ticks_keep_what_was_typed_as_a_draft() {
    let world = World::new();
    let mut open = world.new_entry();
    assert!(tick(&mut open).is_none(), "nothing typed");
    focus(&mut open, FieldId::Title);
    type_text(&mut open, "Lunch", &world);
    assert!(tick(&mut open).is_none(), "still typing");
    let draft = tick(&mut open);
    assert!(matches!(
        draft,
        Some(Cmd::SaveDraft { key: DraftKey::Entry, ref body }) if body.contains("Lunch")
    ));
    assert!(tick(&mut open).is_none(), "saved once");
}

#[test]
fn notes_back_from_the_editor_go_into_the_open_form() {
    let world = World::new();
    let mut open = world.new_entry();
    let msg = Msg::NotesEdited {
        notes: Some("one\ntwo".into()),
        said: String::new(),
        failed: false,
    };
    let _ = update(Some(&mut open), msg, &world.ctx());
    assert_eq!(open.form.text(FieldId::Notes), "one\ntwo");
    assert!(open.form.touched);

    let lost = Msg::NotesEdited {
        notes: Some("three".into()),
        said: String::new(),
        failed: false,
    };
    let outcome = update(None, lost, &world.ctx());
    assert_eq!(
        errors(&outcome),
        ["the form was closed while the editor was open; its text is not kept"]
    );
}

#[test]
fn a_topic_without_a_manager_is_refused_with_a_reason() {
    let world = World::without_people();
    let mut open = topic_form("Budget");
    let outcome = on_action(&mut open, FormAction::Save, &world.ctx());
    assert!(outcome.cmds.is_empty());
    assert_eq!(errors(&outcome), ["add your manager first (People, 5)"]);
}

#[test]
fn the_filter_form_closes_at_once_and_keeps_the_search_typed_on_the_journal() {
    let world = World::new();
    let current = crate::store::InteractionFilter {
        text: Some("pricing".into()),
        ..Default::default()
    };
    let mut open = filter_form(&world.kinds, &world.people, &current);
    let outcome = on_action(&mut open, FormAction::Save, &world.ctx());
    assert!(open.closed);
    assert!(matches!(
        outcome.asks.as_slice(),
        [Ask::Filter(filter)] if filter.text.as_deref() == Some("pricing")
    ));
}

#[test]
fn a_draft_found_is_offered_back_or_dropped_when_it_cannot_be_read() {
    let world = World::new();
    let mut open = world.new_entry();
    open.form.set_text(FieldId::Title, "Half typed");
    let body = open.draft_body();
    let found = Msg::DraftFound {
        key: DraftKey::Entry,
        body,
    };
    let outcome = update(None, found, &world.ctx());
    assert!(matches!(
        outcome.asks.as_slice(),
        [Ask::Offer(Overlay::Confirm(Question::RestoreDraft { form, .. }))]
            if form.form.text(FieldId::Title) == "Half typed"
    ));
    let garbled = Msg::DraftFound {
        key: DraftKey::Entry,
        body: "{not json".into(),
    };
    let outcome = update(None, garbled, &world.ctx());
    assert!(matches!(
        outcome.cmds.as_slice(),
        [Work::Form(Cmd::DiscardDraft(DraftKey::Entry))]
    ));
}
