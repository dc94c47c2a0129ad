//! Killed just after Ctrl-S (issue 17, item 3): the entry is saved and its
//! draft gone, or the entry is not saved and its draft kept — never both,
//! which would offer the draft back and save a duplicate. Measured over
//! kills 0–30 ms after the save key.

use super::*;

/// Whether `sql` (one `?1` for the title) finds a row.
fn found(world: &World, sql: &str, title: &str) -> bool {
    world
        .open_db()
        .query_row(sql, [title], |r| r.get::<_, i64>(0))
        .expect("query")
        > 0
}

#[test]
fn killed_just_after_ctrl_s_the_entry_is_saved_or_its_draft_kept_never_both() {
    let world = World::with_manager();
    let rounds: u64 = 20;
    let (mut both, mut saved, mut kept) = (0, 0, 0);
    for round in 0..rounds {
        let title = format!("Kill round {round}");
        let mut tui = world.tui();
        tui.wait_for("the Journal screen", journal_is_drawn);
        tui.send(b"a");
        tui.wait_for_text("New entry");
        tui.send(TAB);
        tui.send(title.as_bytes());
        tui.wait_for_text(&title);
        // The draft is saved after a short idle: wait until it is in the file.
        let deadline = Instant::now() + TIMEOUT;
        while !found(
            &world,
            "SELECT count(*) FROM draft WHERE instr(body, ?1) > 0",
            &title,
        ) {
            assert!(Instant::now() < deadline, "the draft was never saved");
            thread::sleep(Duration::from_millis(20));
        }
        tui.send(CTRL_S);
        // 0 to 28.5 ms after the save key, in steps of 1.5 ms.
        thread::sleep(Duration::from_micros(round * 1500));
        signal(tui.pid, "KILL");
        tui.wait_exit();
        let is_saved = found(
            &world,
            "SELECT count(*) FROM interaction WHERE title = ?1",
            &title,
        );
        let has_draft = found(
            &world,
            "SELECT count(*) FROM draft WHERE instr(body, ?1) > 0",
            &title,
        );
        saved += usize::from(is_saved);
        kept += usize::from(has_draft);
        both += usize::from(is_saved && has_draft);
        // The next round starts clean: no draft to be offered back.
        rusqlite::Connection::open(&world.db)
            .and_then(|c| c.execute("DELETE FROM draft", []))
            .expect("clear drafts");
    }
    eprintln!(
        "kills after save: {both} of {rounds} left both the entry and its draft ({saved} saved, {kept} drafts kept)"
    );
    assert_eq!(both, 0, "a saved entry's draft survived a kill");
}
