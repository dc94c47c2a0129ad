//! jrnl's JSON export read from arbitrary text: never a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport::store::{entries_from_jrnl, parse_json_value};

fuzz_target!(|text: &str| {
    if let Ok(value) = parse_json_value(text) {
        let _ = entries_from_jrnl(&value);
    }
});
