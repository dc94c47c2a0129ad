//! A user keymap file of arbitrary text patched over the defaults: never a
//! panic, and every key still resolves.

#![no_main]

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use libfuzzer_sys::fuzz_target;
use rapport::tui::keymap::{Context, Keymap};

fuzz_target!(|text: &str| {
    let mut keymap = Keymap::defaults();
    let _ = keymap.patch(text, Path::new("keymap.toml"));
    let _ = keymap.action(
        Context::Journal,
        &KeyEvent::new(KeyCode::Char('a'), KeyModifiers::NONE),
    );
});
