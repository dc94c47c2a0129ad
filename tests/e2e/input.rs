//! What a user may paste: 5 MB at once, and text full of NULs, escape
//! sequences, tabs, wide CJK, ZWJ emoji and combining marks. It is stored
//! exactly, and drawn without ever driving the terminal.

use super::*;

const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

/// Text that would clear the screen, retitle the window, turn text red and
/// ring the bell if it reached the terminal as it is.
const HOSTILE: &str = "NUL\u{0}here\ttab\u{1b}[2J\u{1b}]0;HACKED\u{7}\u{1b}[31mred \
    漢字かな 👩‍👩‍👧‍👦 e\u{301}\u{301} Z\u{335}\u{34d}a\u{336}l\u{337}go \u{7f}\u{9b}end";

/// Opens the new-entry form with `title` typed, the cursor in Notes.
fn form_at_notes(tui: &mut Tui, title: &str) {
    tui.wait_for("the Journal screen", journal_is_drawn);
    tui.send(b"a");
    tui.wait_for_text("New entry");
    tui.send(TAB);
    tui.send(title.as_bytes());
    tui.send(TAB); // quality
    tui.send(TAB); // notes
    tui.wait_for_text(title);
}

fn paste(tui: &mut Tui, text: &str) {
    let mut bytes = PASTE_START.to_vec();
    bytes.extend_from_slice(text.as_bytes());
    bytes.extend_from_slice(PASTE_END);
    // In pieces, as a terminal delivers a large paste.
    for chunk in bytes.chunks(64 * 1024) {
        tui.send(chunk);
        tui.pump();
    }
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

/// The form's frame and the Journal are drawn where they belong: nothing
/// pasted moved the cursor, cleared the screen or retitled the window.
fn assert_screen_intact(tui: &Tui) {
    assert!(
        find(&tui.raw, b"\x1b]0;HACKED").is_none(),
        "an OSC from the paste reached the terminal"
    );
    let text = tui.screen();
    assert!(
        text.contains("rapport") && text.contains("Journal"),
        "the header is intact:\n{text}"
    );
}

#[test]
fn hostile_text_pasted_into_notes_is_stored_exactly_and_drawn_harmlessly() {
    let world = World::with_manager();
    let mut tui = world.tui();
    let title = "Odd characters";
    form_at_notes(&mut tui, title);
    paste(&mut tui, HOSTILE);
    tui.wait_for_text("漢字かな");
    assert_screen_intact(&tui);
    assert!(
        tui.screen().contains("New entry"),
        "the form is still drawn"
    );

    tui.send(CTRL_S);
    tui.wait_for("the entry saved", |t| !t.screen().contains("New entry"));
    let deadline = Instant::now() + TIMEOUT;
    let stored = loop {
        if let Some(notes) = stored_notes(&world, title) {
            break notes;
        }
        assert!(Instant::now() < deadline, "the entry was never saved");
        thread::sleep(POLL);
    };
    assert_eq!(stored, HOSTILE, "stored exactly as pasted");
    // The detail pane shows the note with control characters made visible.
    tui.wait_for("the note in the detail pane", |t| {
        t.screen().contains("␛[2J")
    });
    assert_screen_intact(&tui);
    let red = (0..40).any(|row| {
        (0..120).any(|col| {
            tui.parser
                .screen()
                .cell(row, col)
                .is_some_and(|c| c.contents() == "r" && c.fgcolor() == vt100::Color::Idx(1))
        })
    });
    assert!(!red, "the pasted colour sequence did not colour the screen");
    tui.send(b"q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn a_five_megabyte_paste_is_stored_exactly_and_stays_responsive() {
    let world = World::with_manager();
    let mut tui = world.tui();
    let title = "Big paste";
    form_at_notes(&mut tui, title);
    // 5 MB of varied lines, wide characters and emoji among them.
    let mut big = String::new();
    let mut n = 0;
    while big.len() < 5_000_000 {
        n += 1;
        big.push_str(&format!(
            "line {n}: notes from the 1:1, 漢字 and 👩‍💻, tab\there\n"
        ));
    }
    let started = Instant::now();
    paste(&mut tui, &big);
    // Keys are read in order, so the save comes after the whole paste.
    let pasted = started.elapsed();
    tui.send(CTRL_S);
    let deadline = Instant::now() + Duration::from_secs(60);
    let stored = loop {
        tui.pump();
        if let Some(notes) = stored_notes(&world, title) {
            break notes;
        }
        assert!(
            Instant::now() < deadline,
            "a 5 MB paste was not saved within 60 s; the screen:\n{}",
            tui.screen()
        );
        thread::sleep(POLL);
    };
    let elapsed = started.elapsed();
    assert!(
        stored == big,
        "stored exactly ({} bytes vs {})",
        stored.len(),
        big.len()
    );
    eprintln!("5 MB paste: sent in {pasted:?}, saved after {elapsed:?}");
    // Still responsive: the help opens and closes, then q quits.
    tui.send(b"?");
    tui.wait_for_text("scroll, esc closes");
    tui.send(b"\x1b");
    tui.wait_for("the help to close", |t| !t.screen().contains("esc closes"));
    assert_screen_intact(&tui);
    tui.send(b"q");
    assert_eq!(tui.wait_exit(), 0);
}

/// Whether the bytes hold an SGR sequence that sets a colour (foreground
/// or background, 8, 256 or true colour).
fn sets_a_colour(raw: &[u8]) -> bool {
    let text = String::from_utf8_lossy(raw);
    text.split("\x1b[").skip(1).any(|rest| {
        let Some(end) = rest.find('m') else {
            return false;
        };
        let params = &rest[..end];
        params.bytes().all(|b| b.is_ascii_digit() || b == b';')
            && params.split(';').any(|p| {
                matches!(
                    p.parse::<u16>(),
                    Ok(30..=38 | 40..=48 | 90..=97 | 100..=107)
                )
            })
    })
}

#[test]
fn no_color_draws_without_colour() {
    let world = World::with_manager();
    world.log(&["coffee", "Coffee walk", "-q", "4"]);
    let mut coloured = world.tui();
    coloured.wait_for("the Journal screen", journal_is_drawn);
    coloured.wait_for_text("Coffee walk");
    coloured.send(b"q");
    coloured.wait_exit();
    assert!(
        sets_a_colour(&coloured.raw),
        "by default the screen has colour"
    );

    let mut plain = world.tui_with(&[("NO_COLOR", std::ffi::OsStr::new("1"))]);
    plain.wait_for("the Journal screen", journal_is_drawn);
    plain.wait_for_text("Coffee walk");
    plain.send(b"q");
    assert_eq!(plain.wait_exit(), 0);
    assert!(!sets_a_colour(&plain.raw), "NO_COLOR=1 sets no colour");
}
