//! The CSV reader on arbitrary text: never a panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use rapport::store::read_csv;

fuzz_target!(|text: &str| {
    let _ = read_csv(text);
});
