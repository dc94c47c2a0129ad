//! The day and time parsers on arbitrary text: never a panic.

#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use rapport::domain::day::{parse_day, parse_time, parse_upcoming_day};

fuzz_target!(|text: &str| {
    for today in [
        NaiveDate::from_ymd_opt(2026, 11, 24),
        NaiveDate::from_ymd_opt(1, 1, 1),
        NaiveDate::from_ymd_opt(9999, 12, 31),
    ]
    .into_iter()
    .flatten()
    {
        let _ = parse_day(text, today);
        let _ = parse_upcoming_day(text, today);
    }
    let _ = parse_time(text);
});
