//! A user playbook file of arbitrary text over the built-in rules: an error
//! naming the place, or a playbook, never a panic.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use rapport::coach::Playbook;

fuzz_target!(|text: &str| {
    let _ = Playbook::parse(text, Path::new("playbook.toml"), &Playbook::builtin());
});
