//! The weekly summary on Prep: generate, ask before replacing a draft, a
//! broken user template, copy and the external editor, write to a file,
//! mark sent.

use super::*;

#[test]
fn generating_then_marking_sent_logs_the_summary_and_answers_the_coach() {
    let mut h = prep(small_store(), 120, 40);
    assert!(summary_step_active(&h), "the coach asks for a summary");
    h.press(KeyCode::Char('s'));
    let draft = h
        .store
        .summary(dana(&h), filed_after())
        .expect("read")
        .expect("a draft");
    assert!(draft.sent_on.is_none());
    assert!(draft.body.contains("1. Hiring plan"), "{}", draft.body);
    assert!(status(&h).contains("generated"), "{}", status(&h));

    h.press(KeyCode::Char('m'));
    assert!(matches!(h.app.overlay, Some(Overlay::Confirm(_))));
    h.press(KeyCode::Char('y'));
    let sent = h
        .store
        .summary(dana(&h), filed_after())
        .expect("read")
        .expect("sent");
    assert_eq!(sent.sent_on, Some(today()));
    assert_eq!(
        summary_entries(&h),
        vec![(
            "2026-11-24".to_string(),
            "Summary for the 1:1 of Wed 25 Nov 2026".to_string()
        )]
    );
    assert!(
        !summary_step_active(&h),
        "the coach's summary nudge went away"
    );
    let states = h.store.nudge_states(dana(&h)).expect("states");
    assert!(
        states
            .iter()
            .any(|s| s.rule_id == "summary-before-one-on-one" && s.done_on == Some(today()))
    );
    assert!(h.screen_text().contains("sent Tue 24 Nov"));

    // Sent is final: neither s nor m changes it.
    h.press(KeyCode::Char('s')).press(KeyCode::Char('m'));
    assert!(h.app.overlay.is_none());
    assert_eq!(summary_entries(&h).len(), 1);
}

#[test]
fn generating_over_a_draft_asks_first() {
    let mut h = prep(small_store(), 120, 40);
    h.press(KeyCode::Char('s'));
    h.press(KeyCode::Char('e'));
    h.type_text("Edited by hand.");
    ctrl(&mut h, 's');
    let body = |h: &Harness| {
        h.store
            .summary(dana(h), filed_after())
            .expect("read")
            .expect("draft")
            .body
    };
    assert!(body(&h).starts_with("Edited by hand."), "{}", body(&h));
    h.press(KeyCode::Char('s')).press(KeyCode::Char('n'));
    assert!(body(&h).starts_with("Edited by hand."));
    h.press(KeyCode::Char('s')).press(KeyCode::Char('y'));
    assert!(!body(&h).contains("Edited by hand."));
}

#[test]
fn a_broken_user_template_is_reported_and_the_built_in_one_used() {
    let dir = tempfile::tempdir().expect("a temp dir");
    std::fs::write(dir.path().join("summary.md"), "Hi {{boss}}\n").expect("write");
    let mut h = prep(small_store(), 120, 40);
    h.app.prep.template_dir = Some(dir.path().to_path_buf());
    h.press(KeyCode::Char('s'));
    assert!(status(&h).contains("boss"), "{}", status(&h));
    assert!(status(&h).contains("built-in"), "{}", status(&h));
    let body = h
        .store
        .summary(dana(&h), filed_after())
        .expect("read")
        .expect("draft")
        .body;
    assert!(body.starts_with("# Before our 1:1 on Wed 25 Nov"), "{body}");
}

#[test]
fn copy_and_the_external_editor_are_work_for_the_terminal() {
    let mut h = prep(small_store(), 120, 40);
    assert!(
        press_for_terminal(&mut h, 'y').is_empty(),
        "nothing to copy yet"
    );
    assert!(status(&h).contains("s generates"), "{}", status(&h));
    h.press(KeyCode::Char('s'));
    let body = h
        .store
        .summary(dana(&h), filed_after())
        .expect("read")
        .expect("draft")
        .body;
    assert_eq!(
        press_for_terminal(&mut h, 'y'),
        vec![TerminalCmd::Copy { text: body.clone() }]
    );
    dispatch(&mut h.app, &mut h.store, Msg::Copied { words: 42 });
    assert!(status(&h).contains("OSC 52"), "{}", status(&h));
    assert!(status(&h).contains("SSH"), "{}", status(&h));

    let work = press_for_terminal(&mut h, 'E');
    assert_eq!(
        work,
        vec![TerminalCmd::EditSummary {
            person_id: dana(&h),
            week: rapport::domain::Week::containing(today()),
            body: body.clone(),
        }]
    );
    let edited = format!("{body}\nAdded in the editor.\n");
    let person_id = dana(&h);
    dispatch(
        &mut h.app,
        &mut h.store,
        Msg::EditedExternally {
            person_id,
            week: rapport::domain::Week::containing(today()),
            body: Some(edited.clone()),
            said: String::new(),
        },
    );
    let saved = h
        .store
        .summary(dana(&h), filed_after())
        .expect("read")
        .expect("draft");
    assert_eq!(saved.body, edited);
    assert!(
        status(&h).contains("saved the summary draft"),
        "{}",
        status(&h)
    );
}

#[test]
fn writing_the_summary_to_a_file_is_private_and_asks_before_replacing() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("summary.md");
    let mut h = prep(small_store(), 120, 40);
    h.press(KeyCode::Char('s')).press(KeyCode::Char('w'));
    ctrl(&mut h, 'u');
    h.type_text(&path.display().to_string());
    h.press(KeyCode::Enter);
    let written = std::fs::read_to_string(&path).expect("written");
    assert!(written.starts_with("# Weekly summary"));
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);

    std::fs::write(&path, "older").expect("overwrite by hand");
    h.press(KeyCode::Char('w'));
    ctrl(&mut h, 'u');
    h.type_text(&path.display().to_string());
    h.press(KeyCode::Enter);
    assert!(matches!(h.app.overlay, Some(Overlay::Confirm(_))));
    h.press(KeyCode::Char('n'));
    assert_eq!(std::fs::read_to_string(&path).expect("kept"), "older");
    h.press(KeyCode::Char('w'));
    ctrl(&mut h, 'u');
    h.type_text(&path.display().to_string());
    h.press(KeyCode::Enter).press(KeyCode::Char('y'));
    assert_eq!(std::fs::read_to_string(&path).expect("replaced"), written);
}
