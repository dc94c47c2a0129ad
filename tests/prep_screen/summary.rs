//! The weekly summary on Prep: generate, ask before replacing a draft, a
//! broken user template, copy and the external editor, write to a file,
//! mark sent.

use super::*;
use rapport::tui::screens::prep;

#[test]
fn generating_then_marking_sent_logs_the_summary_and_answers_the_coach() {
    let mut h = prep(small_store(), 120, 40);
    assert!(summary_step_active(&h), "the coach asks for a summary");
    h.press(KeyCode::Char('s'));
    let draft = h
        .store
        .agenda()
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
        .agenda()
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
    let states = h.store.nudges().nudge_states(dana(&h)).expect("states");
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
            .agenda()
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
    h.app.settings.template_dir = Some(dir.path().to_path_buf());
    h.press(KeyCode::Char('s'));
    assert!(status(&h).contains("boss"), "{}", status(&h));
    assert!(status(&h).contains("built-in"), "{}", status(&h));
    let body = h
        .store
        .agenda()
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
        .agenda()
        .summary(dana(&h), filed_after())
        .expect("read")
        .expect("draft")
        .body;
    assert_eq!(
        press_for_terminal(&mut h, 'y'),
        vec![TerminalCmd::Copy { text: body.clone() }]
    );
    dispatch(
        &mut h.app,
        &mut h.store,
        Msg::Prep(prep::Msg::Copied { words: 42 }),
    );
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
        Msg::Prep(prep::Msg::EditedExternally {
            person_id,
            week: rapport::domain::Week::containing(today()),
            body: Some(edited.clone()),
            said: String::new(),
        }),
    );
    let saved = h
        .store
        .agenda()
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
    assert!(written.starts_with("# Before our 1:1"), "{written}");
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

/// `small_store` plus private text carrying a sentinel: a note (title and
/// notes), a private win, the notes of a coffee; and a shared win.
fn store_with_secrets() -> Store {
    let mut store = small_store();
    let dana = store
        .people()
        .current_person()
        .expect("read")
        .expect("Dana")
        .id;
    let now = chrono::Utc::now();
    for (kind, title, notes, private) in [
        (
            "note",
            "I wonder if she rates me ZEBRA-SENTINEL",
            "ZEBRA-SENTINEL notes",
            false,
        ),
        ("win", "Interviewing ZEBRA-SENTINEL", "", true),
        ("coffee", "Coffee", "ZEBRA-SENTINEL", false),
        (
            "win",
            "Shipped the export",
            "ZEBRA-SENTINEL in a win's notes",
            false,
        ),
    ] {
        let kind = store.people().kind_named(kind).expect("kind");
        let draft = InteractionDraft {
            person_id: dana,
            kind_id: kind.id,
            happened_on: day(21),
            at_time: None,
            minutes: None,
            quality: None,
            initiated_by: InitiatedBy::Me,
            title: title.into(),
            notes: notes.into(),
            tags: Vec::new(),
            advice_strength: None,
            private,
        };
        store
            .entries_mut()
            .add_interaction(&draft, now)
            .expect("logged");
    }
    store
}

#[test]
fn the_sentinel_never_reaches_the_clipboard_a_file_or_the_talking_points() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("summary.md");
    let mut h = prep(store_with_secrets(), 120, 40);
    h.press(KeyCode::Char('s'));
    let copied = press_for_terminal(&mut h, 'y');
    let [TerminalCmd::Copy { text }] = copied.as_slice() else {
        panic!("a copy: {copied:?}");
    };
    assert!(text.contains("- Shipped the export"), "{text}");
    assert!(!text.contains("ZEBRA-SENTINEL"), "{text}");
    h.press(KeyCode::Char('w'));
    ctrl(&mut h, 'u');
    h.type_text(&path.display().to_string());
    h.press(KeyCode::Enter);
    let written = std::fs::read_to_string(&path).expect("written");
    assert!(!written.contains("ZEBRA-SENTINEL"), "{written}");
    let sheet = h.app.prep.sheet.as_ref().expect("the sheet");
    for point in &sheet.summary.talking_points {
        assert!(!point.contains("ZEBRA-SENTINEL"), "{point}");
    }
    assert!(!h.screen_text().contains("ZEBRA-SENTINEL"), "the preview");
}

#[test]
fn a_draft_talking_about_them_is_flagged_in_the_preview() {
    let mut h = prep(small_store(), 120, 40);
    h.press(KeyCode::Char('s')).press(KeyCode::Char('e'));
    h.type_text("She heard it from sales first.");
    ctrl(&mut h, 's');
    let screen = h.screen_text();
    assert!(screen.contains("read before sending (1)"), "{screen}");
    assert!(
        screen.contains("talks about Dana in the third person"),
        "{screen}"
    );
}

#[test]
fn scrolling_the_summary_stops_at_its_last_screenful() {
    let mut h = prep(small_store(), 120, 40);
    h.press(KeyCode::Char('s'));
    // A 38-line draft, saved as if from the editor.
    let body: String = (1..=38)
        .map(|n| format!("- point {n} of the draft\n"))
        .collect();
    let person_id = dana(&h);
    dispatch(
        &mut h.app,
        &mut h.store,
        Msg::Prep(prep::Msg::EditedExternally {
            person_id,
            week: rapport::domain::Week::containing(today()),
            body: Some(body),
            said: String::new(),
        }),
    );
    assert_eq!(h.app.prep.focus, PrepPane::Summary);
    for _ in 0..17 {
        h.press(KeyCode::Char('j'));
    }
    let screen = h.screen_text();
    assert!(
        screen.contains("- point 38 of the draft"),
        "the draft's last line shows at the foot of the pane:\n{screen}"
    );
    assert!(
        h.app.prep.summary_scroll <= 38,
        "scrolled past the draft's lines: {}",
        h.app.prep.summary_scroll
    );
    // One k shows an earlier line again.
    let first_shown =
        |screen: &str| (1..=38).find(|n| screen.contains(&format!("- point {n} of the draft")));
    let before = first_shown(&screen);
    h.press(KeyCode::Char('k'));
    let after = first_shown(&h.screen_text());
    assert!(after < before, "k moved up: {before:?} → {after:?}");
}
