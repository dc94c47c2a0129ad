//! The Prep screen end to end: the real binary in a real pseudo-terminal,
//! read through a terminal emulator (`vt100`), generating this week's
//! summary, copying it (OSC 52), editing it in `$EDITOR` and marking it sent;
//! then the plain commands find the `summary` entry in the journal.
//!
//! The harness follows `tests/e2e.rs`: a fixed today, a private home, data
//! and config directory and journal per test, bounded waits, and every child
//! killed when its test ends.

#![cfg(target_os = "linux")]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

#[path = "common/cli.rs"]
mod cli_harness;
#[path = "common/pty.rs"]
mod pty_harness;

use cli_harness::*;
use pty_harness::*;

/// How OSC 52 starts when it sets the clipboard selection.
const OSC52_CLIPBOARD: &[u8] = b"\x1b]52;c;";

/// A journal whose current manager is Dana, met weekly, with a topic.
fn prep_world() -> World {
    let world = World::new();
    for args in [
        &["person", "add", "Dana", "--every", "7", "--current"][..],
        &[
            "log",
            "one_on_one",
            "Weekly",
            "--date",
            "2026-11-18",
            "-q",
            "4",
        ],
        &[
            "log",
            "coffee",
            "Coffee walk",
            "--date",
            "2026-11-20",
            "-q",
            "5",
        ],
        &["topic", "add", "Hiring plan"],
    ] {
        world.run(args).ok();
    }
    world
}

/// The TUI on this world's journal, with `EDITOR` set when given.
fn prep_tui(world: &World, editor: Option<&Path>) -> Tui {
    match editor {
        Some(editor) => world.tui_with(&[("EDITOR", editor.as_os_str())]),
        None => world.tui(),
    }
}

/// The Prep screen is up, with the summary pane drawn.
fn prep_is_drawn(t: &Tui) -> bool {
    let screen = t.screen();
    t.parser.screen().alternate_screen()
        && screen.contains("Summary for your")
        && screen.contains("next 1:1")
}

#[test]
fn a_summary_generated_copied_and_marked_sent_is_in_the_journal() {
    let world = prep_world();
    let mut tui = prep_tui(&world, None);
    tui.wait_for("the Journal", |t| t.screen().contains("Coffee walk"));
    tui.send(b"3");
    tui.wait_for("the Prep screen", prep_is_drawn);
    tui.wait_for_text("1. Hiring plan");

    tui.send(b"s");
    tui.wait_for_text("# Before our 1:1 on Wed 25 Nov");
    tui.wait_for_text("draft,");

    let before = tui.raw.len();
    tui.send(b"y");
    tui.wait_for_text("OSC 52");
    let copied = find(&tui.raw[before..], OSC52_CLIPBOARD);
    assert!(copied.is_some(), "the clipboard sequence was written");

    tui.send(b"m");
    tui.wait_for_text("Mark the summary for your 1:1 on Wed 25 Nov sent today?");
    tui.send(b"y");
    tui.wait_for_text("sent Tue 24 Nov");
    tui.send(b"q");
    assert_eq!(tui.wait_exit(), 0);

    let out = world
        .command(["list", "--kind", "summary", "--json"])
        .output()
        .expect("rapport list");
    assert!(out.status.success());
    let entries: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let entries = entries.as_array().expect("a list");
    assert_eq!(entries.len(), 1, "{entries:?}");
    assert_eq!(entries[0]["happened_on"], TODAY);
    assert_eq!(
        entries[0]["title"],
        "Summary for the 1:1 of Wed 25 Nov 2026"
    );
    let notes = entries[0]["notes"].as_str().unwrap_or_default();
    assert!(
        notes.contains("1. Hiring plan"),
        "the entry keeps what was sent: {notes}"
    );
}

#[test]
fn the_editor_gets_a_private_copy_that_is_removed_after() {
    let world = prep_world();
    // A leftover of a run that died mid-edit: removed at the next start.
    let leftover = world.data_dir().join("editing").join("4294967294");
    std::fs::create_dir_all(&leftover).expect("a leftover directory");
    std::fs::write(leftover.join("summary-2026-W48.md"), "old private text").expect("write");

    // The "editor" records what it was given, then adds a line.
    let record = world.root().join("record");
    let editor = world.root().join("editor.sh");
    let script = format!(
        "#!/bin/sh\nstat -c %a \"$1\" > '{r}.file'\nstat -c %a \"$(dirname \"$1\")\" > '{r}.dir'\nprintf '%s' \"$1\" > '{r}.path'\nprintf '\\nAdded in the editor.\\n' >> \"$1\"\n",
        r = record.display()
    );
    std::fs::write(&editor, script).expect("write the editor");
    std::fs::set_permissions(&editor, std::fs::Permissions::from_mode(0o755)).expect("chmod");

    let mut tui = prep_tui(&world, Some(&editor));
    tui.wait_for("the Journal", |t| t.screen().contains("Coffee walk"));
    assert!(!leftover.exists(), "the leftover was cleaned at start");
    tui.send(b"3");
    tui.wait_for("the Prep screen", prep_is_drawn);
    // E with no draft yet generates one, then opens it in the editor.
    tui.send(b"E");
    tui.wait_for_text("saved the summary draft");
    tui.wait_for("the Prep screen again", prep_is_drawn);

    let read =
        |ext: &str| std::fs::read_to_string(record.with_extension(ext)).expect("the editor ran");
    assert_eq!(read("file").trim(), "600");
    assert_eq!(read("dir").trim(), "700");
    let path = PathBuf::from(read("path"));
    assert!(
        path.starts_with(world.data_dir().join("editing")),
        "{}",
        path.display()
    );
    assert!(!path.exists(), "the editor's file is removed");
    assert!(
        !path.parent().is_some_and(Path::exists),
        "and its directory"
    );

    let body: String = world
        .open_db()
        .query_row("SELECT body FROM summary", [], |r| r.get(0))
        .expect("the draft");
    assert!(body.starts_with("# Before our 1:1 on Wed 25 Nov"), "{body}");
    assert!(body.ends_with("Added in the editor.\n"), "{body}");
    tui.send(b"q");
    assert_eq!(tui.wait_exit(), 0);
}

#[test]
fn promises_made_in_the_one_on_one_show_on_prep_and_one_kept_is_done_as_promised() {
    let world = prep_world();
    let mut tui = prep_tui(&world, None);
    tui.wait_for("the Journal", |t| t.screen().contains("Coffee walk"));
    tui.send(b"3");
    tui.wait_for("the Prep screen", prep_is_drawn);
    tui.wait_for_text("1. Hiring plan");
    tui.send(b"L");
    tui.wait_for_text("After the 1:1 with Dana");
    tui.send(b"4");
    // Quality, minutes, notes, discussed, new topics, advice, strength: then
    // the promises, mine and theirs.
    for _ in 0..7 {
        tui.send(b"\t");
    }
    tui.wait_for("the focus on my promises", |t| {
        t.screen().contains("yours, one per line")
    });
    tui.send(b"Send the cost model @fri");
    tui.send(b"\t");
    tui.wait_for("the focus on theirs", |t| {
        t.screen().contains("theirs, one per line")
    });
    tui.send(b"Talk to finance about headcount");
    tui.send(b"\x13"); // ctrl-s
    tui.wait_for_text("Promises: 2 open");
    tui.wait_for("both promises on Prep", |t| {
        let screen = t.screen();
        screen.contains("Send the cost model") && screen.contains("Talk to finance about headcount")
    });
    // Mine is due Friday, before the next 1:1: it comes first.
    tui.send(b"l");
    tui.wait_for_text("▶ Promises");
    tui.send(b"x");
    tui.wait_for_text("Promises: 1 open");
    tui.wait_for("mine done as promised", |t| {
        let screen = t.screen();
        screen.contains("Done as promised") && screen.contains("✓ Send the cost model")
    });
    // And in the summary for the manager.
    tui.send(b"s");
    tui.wait_for_text("## Done as promised");
    tui.send(b"q");
    assert_eq!(tui.wait_exit(), 0);

    let out = world
        .command(["promise", "list", "--all", "--json"])
        .output()
        .expect("rapport promise list");
    assert!(out.status.success());
    let promises: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let states: Vec<(&str, &str)> = promises
        .as_array()
        .expect("a list")
        .iter()
        .map(|p| {
            (
                p["text"].as_str().unwrap_or_default(),
                p["state"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert!(
        states.contains(&("Send the cost model", "kept")),
        "{states:?}"
    );
    assert!(
        states.contains(&("Talk to finance about headcount", "open")),
        "{states:?}"
    );
}
