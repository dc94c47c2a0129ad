//! The journal's screen end to end: the real binary in a real pseudo-terminal,
//! its output fed to a terminal emulator (`vt100`) so the tests read the
//! screen a person would see, and send the bytes their keys would send.
//!
//! Every run has a fixed today (`RAPPORT_TODAY=2026-11-24`), a private home,
//! data and config directory, and its own journal passed with `--db`. Every
//! wait is bounded, and every child is killed when its test ends, pass or
//! fail, so nothing hangs.

#![cfg(unix)]

use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

#[path = "common/cli.rs"]
mod cli_harness;
#[path = "common/pty.rs"]
mod pty_harness;

use cli_harness::*;
use pty_harness::*;

#[path = "e2e/check.rs"]
mod check;
#[path = "e2e/hangup.rs"]
mod hangup;
#[path = "e2e/input.rs"]
mod input;
#[path = "e2e/kill_after_save.rs"]
mod kill_after_save;
#[path = "e2e/notes_editor.rs"]
mod notes_editor;
#[path = "e2e/quit_after_save.rs"]
mod quit_after_save;
#[path = "e2e/screens.rs"]
mod screens;
#[path = "e2e/signals.rs"]
mod signals;

const CTRL_S: &[u8] = b"\x13";
const RIGHT: &[u8] = b"\x1b[C";
const TAB: &[u8] = b"\t";
const ENTER: &[u8] = b"\r";

impl World {
    /// A journal whose current manager is Dana.
    fn with_manager() -> World {
        let world = World::new();
        world.run(&["person", "add", "Dana", "--current"]).ok();
        world
    }
}

/// The Journal screen is up (and, with it, raw mode: keys can be sent).
fn journal_is_drawn(t: &Tui) -> bool {
    let screen = t.screen();
    t.parser.screen().alternate_screen() && screen.contains("Journal") && screen.contains("rapport")
}
