//! Quit typed right behind Ctrl-S (issue 14): the save runs on the writer
//! thread, the key waits for its answer, and the TUI ends only after the
//! commit — the entry is in the journal, its draft gone, nothing offered
//! back at the next start.

use super::*;

#[test]
fn quit_typed_right_after_ctrl_s_keeps_the_entry_and_leaves_no_draft() {
    let world = World::with_manager();
    let title = "Saved just before quitting";
    let mut tui = world.tui();
    tui.wait_for("the Journal screen", journal_is_drawn);
    tui.send(b"a");
    tui.wait_for_text("New entry");
    tui.send(TAB);
    tui.send(title.as_bytes());
    tui.wait_for_text(title);
    // Both keys in one write: `q` arrives while the save may still run.
    tui.send(b"\x13q");
    assert_eq!(tui.wait_exit(), 0, "rapport quit normally");
    let db = world.open_db();
    let count = |sql: &str| -> i64 { db.query_row(sql, [title], |r| r.get(0)).expect("query") };
    assert_eq!(
        count("SELECT count(*) FROM interaction WHERE title = ?1"),
        1,
        "the entry was saved once"
    );
    assert_eq!(
        count("SELECT count(*) FROM draft WHERE instr(body, ?1) > 0"),
        0,
        "no draft of it is left to offer back"
    );
}
