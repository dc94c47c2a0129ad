//! Screens end to end: first-run onboarding to a logged entry, and tiny and
//! zero terminal sizes.

use super::*;

#[test]
fn first_run_onboarding_then_logging_an_entry_lands_in_the_journal() {
    let world = World::new();
    let mut tui = world.tui();

    tui.wait_for_text("who is your manager");
    tui.send(b"Dana Reyes");
    tui.send(TAB);
    tui.send(b"Director of Engineering");
    // Role → 1:1 every → Strengths; Enter on the last field saves.
    tui.send(ENTER);
    tui.send(ENTER);
    tui.send(ENTER);
    tui.wait_for("the onboarding form to close", |t| {
        !t.screen().contains("who is your manager") && journal_is_drawn(t)
    });

    tui.send(b"a");
    tui.wait_for_text("New entry");
    tui.send(RIGHT); // one_on_one → meal
    tui.wait_for_text("meal");
    tui.send(TAB);
    tui.send(b"Lunch at Marrow");
    tui.send(TAB);
    tui.send(b"4");
    tui.send(CTRL_S);
    tui.wait_for("the form to close and the entry to show", |t| {
        let screen = t.screen();
        !screen.contains("New entry") && screen.contains("Lunch at Marrow")
    });

    tui.send(b"q");
    assert_eq!(tui.wait_exit(), 0, "q exits cleanly");

    let db = world.open_db();
    let rows: Vec<(String, Option<i64>, String, String)> = db
        .prepare(
            "SELECT k.name, i.quality, i.title, p.name
             FROM interaction i JOIN kind k ON k.id = i.kind_id JOIN person p ON p.id = i.person_id
             WHERE i.deleted_at IS NULL",
        )
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert_eq!(
        rows,
        vec![(
            "meal".to_string(),
            Some(4),
            "Lunch at Marrow".to_string(),
            "Dana Reyes".to_string()
        )]
    );
    let (role, current): (String, bool) = db
        .query_row(
            "SELECT role, is_current FROM person WHERE name = 'Dana Reyes'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the manager from onboarding");
    assert_eq!(role, "Director of Engineering");
    assert!(current, "the onboarded manager is the current one");
}

#[test]
fn tiny_and_zero_sizes_never_panic() {
    let world = World::with_manager();
    let mut tui = world.tui();
    tui.wait_for("the Journal screen", journal_is_drawn);
    // A form open makes the overlay draw at every size too.
    tui.send(b"a");
    tui.wait_for_text("New entry");
    tui.send(b"\x1b");
    tui.wait_for("the form to close", |t| !t.screen().contains("New entry"));

    for round in 0..3 {
        for (cols, rows) in [
            (1, 1),
            (20, 5),
            (0, 0),
            (60, 15),
            (3, 40),
            (120, 1),
            (120, 40),
        ] {
            tui.resize(cols, rows);
            match (cols, rows) {
                (20, 5) => tui.wait_for_text("terminal too small"),
                (60, 15) | (120, 40) => tui.wait_for("the Journal screen", journal_is_drawn),
                _ => thread::sleep(Duration::from_millis(60)),
            }
            assert!(
                tui.alive(),
                "rapport died at {cols}×{rows} (round {round}); the output:\n{}",
                tui.raw_text_from(tui.raw.len().saturating_sub(2000))
            );
        }
    }
    tui.send(b"q");
    assert_eq!(tui.wait_exit(), 0);
    let tail = tui.raw_text_from(0);
    assert!(!tail.contains("stopped on a bug"), "no panic message");
}

#[test]
fn a_goal_and_an_expectation_typed_on_the_people_screen_are_saved() {
    let world = World::with_manager();
    let mut tui = world.tui();
    tui.wait_for("the journal", journal_is_drawn);
    tui.send(b"5");
    tui.wait_for_text("profile and expectations");
    tui.send(b"l");
    tui.send(b"a");
    tui.wait_for_text("Add: Goals");
    tui.send("Ship the pricing migration — Q1 ✓".as_bytes());
    tui.send(ENTER);
    tui.wait_for_text("noted");
    // Down past their profile (one row per empty section) to theirs of you.
    for _ in 0..9 {
        tui.send(b"j");
    }
    tui.send(b"a");
    tui.wait_for_text("Add: Theirs of you");
    tui.send(b"A written update every Friday");
    tui.send(ENTER);
    tui.wait_for_text("as assumed");
    tui.send(b"q");
    assert_eq!(tui.wait_exit(), 0, "q exits cleanly");

    let db = world.open_db();
    let goal: String = db
        .query_row(
            "SELECT text FROM profile_item WHERE facet = 'goal' AND retired_on IS NULL",
            [],
            |r| r.get(0),
        )
        .expect("the goal");
    assert_eq!(goal, "Ship the pricing migration — Q1 ✓");
    let (text, held_by, state): (String, String, String) = db
        .query_row("SELECT text, held_by, state FROM expectation", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .expect("the expectation");
    assert_eq!(
        (text.as_str(), held_by.as_str(), state.as_str()),
        ("A written update every Friday", "them", "assumed")
    );
}
