//! Tests of the keymap: the embedded defaults load, user files patch them,
//! and an action bound in the wrong section is refused with file and line.

use super::*;

fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

#[test]
fn the_shipped_keymap_parses() {
    let mut keymap = Keymap {
        bindings: BTreeMap::new(),
        lookup: HashMap::new(),
    };
    assert_eq!(
        keymap.patch(DEFAULT_KEYMAP, Path::new("assets/keymap.toml")),
        Ok(())
    );
    assert!(keymap.bindings.len() > 30);
}

#[test]
fn vim_keys_and_arrows_both_move() {
    let keymap = Keymap::defaults();
    for code in [KeyCode::Char('j'), KeyCode::Down] {
        assert_eq!(
            keymap.action(&key(code, KeyModifiers::NONE)),
            Some(JournalAction::Down)
        );
    }
    let shifted_g = key(KeyCode::Char('G'), KeyModifiers::SHIFT);
    assert_eq!(keymap.action(&shifted_g), Some(JournalAction::Bottom));
}

#[test]
fn typing_in_a_form_does_not_trigger_global_keys() {
    let keymap = Keymap::defaults();
    let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(keymap.resolve::<FormAction>(&q), None);
    assert_eq!(
        keymap.resolve::<JournalAction>(&q),
        Some(Resolved::Global(GlobalAction::Quit))
    );
    let ctrl_c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(
        keymap.resolve::<FormAction>(&ctrl_c),
        Some(Resolved::Global(GlobalAction::Quit))
    );
}

#[test]
fn a_user_override_replaces_the_action_and_frees_the_key() {
    let mut keymap = Keymap::defaults();
    let text = "[journal]\nadd = [\"n\", \"d\"]\n";
    assert_eq!(keymap.patch(text, Path::new("k.toml")), Ok(()));
    let a = key(KeyCode::Char('a'), KeyModifiers::NONE);
    let d = key(KeyCode::Char('d'), KeyModifiers::NONE);
    assert_eq!(keymap.action::<JournalAction>(&a), None);
    assert_eq!(keymap.action(&d), Some(JournalAction::Add));
}

#[test]
fn a_bad_key_names_file_line_and_key() {
    let mut keymap = Keymap::defaults();
    let text = "[journal]\nadd = [\"n\"]\ndelete = [\"ctrl-\"]\n";
    let err = keymap.patch(text, Path::new("/c/keymap.toml")).err();
    let err = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(err.starts_with("/c/keymap.toml:3:"), "{err}");
    assert!(err.contains("ctrl-"), "{err}");
}

#[test]
fn an_unknown_action_names_its_line() {
    let mut keymap = Keymap::defaults();
    let err = keymap
        .patch("[journal]\n\nfly = [\"x\"]\n", Path::new("k.toml"))
        .err()
        .map(|e| (e.line, e.message));
    assert_eq!(err.map(|(l, m)| (l, m.contains("fly"))), Some((3, true)));
}

#[test]
fn an_action_in_the_wrong_section_is_refused_with_file_and_line() {
    let mut keymap = Keymap::defaults();
    let err = keymap
        .patch(
            "[insights]\nnext_range = [\"r\"]\nadd = [\"a\"]\n",
            Path::new("/c/keymap.toml"),
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.starts_with("/c/keymap.toml:3:"), "{err}");
    assert!(err.contains("`add` does nothing in [insights]"), "{err}");
    assert!(
        err.contains("next_range"),
        "the allowed ones are named: {err}"
    );
}

#[test]
fn every_action_has_a_default_key() {
    let keymap = Keymap::defaults();
    for context in Context::ALL {
        for (index, (name, _)) in context.actions().iter().enumerate() {
            let bound = keymap
                .bindings
                .get(&(context, index))
                .is_some_and(|k| !k.is_empty());
            assert!(bound, "{name} in [{}] has no key", context.name());
        }
    }
}

#[test]
fn editor_keys_are_bindable_and_only_in_their_editor() {
    let mut keymap = Keymap::defaults();
    let ctrl_u = key(KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(keymap.action(&ctrl_u), Some(LineAction::ClearLine));
    assert_eq!(keymap.action::<ChoiceAction>(&ctrl_u), None);
    let text = "[line]\nclear_line = [\"ctrl-k\"]\n";
    assert_eq!(keymap.patch(text, Path::new("k.toml")), Ok(()));
    let ctrl_k = key(KeyCode::Char('k'), KeyModifiers::CONTROL);
    assert_eq!(keymap.action(&ctrl_k), Some(LineAction::ClearLine));
    assert_eq!(keymap.action::<LineAction>(&ctrl_u), None);
}

#[test]
fn a_pane_of_prep_has_its_own_x_and_the_rest_of_prep() {
    let keymap = Keymap::defaults();
    let x = key(KeyCode::Char('x'), KeyModifiers::NONE);
    let a = key(KeyCode::Char('a'), KeyModifiers::NONE);
    assert_eq!(keymap.action(&x), Some(PrepAgendaAction::TopicDiscussed));
    assert_eq!(keymap.action(&x), Some(PrepAdviceAction::ReportBack));
    assert_eq!(keymap.action::<PrepAction>(&x), None);
    assert_eq!(keymap.action::<PrepAdviceAction>(&a), None);
    assert_eq!(keymap.action(&a), Some(PrepAction::AddTopic));
}

#[test]
fn help_lists_the_editors_keys() {
    let keymap = Keymap::defaults();
    let rows = keymap.help(Context::Journal);
    for (context, action) in [
        (Context::Line, "clear the line up to the cursor"),
        (Context::Choice, "next option"),
        (Context::Checklist, "tick or untick (or type its number)"),
        (Context::Score, "one less"),
        (Context::Form, "save"),
    ] {
        assert!(
            rows.iter().any(|(c, _, d)| *c == context && *d == action),
            "{action} in {}",
            context.name()
        );
    }
}

#[test]
fn every_action_is_named_once_in_its_section_and_keys_for_finds_it() {
    let keymap = Keymap::defaults();
    for context in Context::ALL {
        let names: Vec<&str> = context.actions().iter().map(|(n, _)| *n).collect();
        let mut unique = names.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "[{}]", context.name());
    }
    assert_eq!(keymap.keys_for(PeopleAction::Undo), "u");
    assert_eq!(keymap.keys_for(GlobalAction::Help), "?");
    assert_eq!(JournalAction::ClearFilter.name(), "clear_filter");
}
