//! `ctrl-o` in the entry form hands the notes to `$EDITOR`, split as a
//! shell would split it, and takes the edited text back into the form; an
//! editor that fails leaves the notes as they were and says so.

use std::ffi::OsStr;

use super::*;

const CTRL_O: &[u8] = b"\x0f";

/// Opens the new-entry form, types `title` and `notes`, and hands the
/// notes to the editor.
fn notes_to_the_editor(tui: &mut Tui, title: &str, notes: &str) {
    tui.wait_for("the Journal screen", journal_is_drawn);
    tui.send(b"a");
    tui.wait_for_text("New entry");
    tui.send(TAB);
    tui.send(title.as_bytes());
    tui.send(TAB); // quality
    tui.send(TAB); // notes
    tui.wait_for_text("ctrl-o opens $EDITOR");
    tui.send(notes.as_bytes());
    tui.wait_for_text(notes);
    tui.send(CTRL_O);
}

fn stored_notes(world: &World, title: &str) -> Option<String> {
    world
        .open_db()
        .query_row(
            "SELECT notes FROM interaction WHERE title = ?1",
            [title],
            |r| r.get(0),
        )
        .ok()
}

#[test]
fn the_notes_come_back_from_the_editor_into_the_form() {
    let world = World::with_manager();
    // A program with arguments: `sh`, a script, and `$0`; the file comes last.
    let editor = OsStr::new(r#"sh -c 'echo "added in the editor" >> "$1"' sh"#);
    let mut tui = world.tui_with(&[("EDITOR", editor)]);
    notes_to_the_editor(&mut tui, "Coffee walk", "typed first");
    // What the editor wrote is in the form (the status line's "notes
    // updated" fades, so the test waits for the notes themselves).
    tui.wait_for_text("added in the editor");
    tui.send(CTRL_S);
    tui.wait_for_text("saved ");
    assert_eq!(
        stored_notes(&world, "Coffee walk").as_deref(),
        Some("typed first\nadded in the editor")
    );
    tui.send(b"q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn an_editor_that_fails_leaves_the_notes_as_they_were() {
    let world = World::with_manager();
    let editor = OsStr::new(r#"sh -c 'echo "half written" >> "$1"; exit 3' sh"#);
    let mut tui = world.tui_with(&[("VISUAL", editor)]);
    notes_to_the_editor(&mut tui, "Coffee walk", "typed first");
    tui.wait_for_text("the editor exited with exit status: 3; the notes are as they were");
    assert!(!tui.screen().contains("half written"), "{}", tui.screen());
    tui.send(CTRL_S);
    tui.wait_for_text("saved ");
    assert_eq!(
        stored_notes(&world, "Coffee walk").as_deref(),
        Some("typed first")
    );
    tui.send(b"q");
    assert_eq!(tui.wait_exit(), 0);
}
