//! Generated journals for the benchmarks, kept under `target/bench-journals`
//! so the slow generation of a million entries happens once.

#![allow(dead_code)] // each bench uses part of it

use std::path::PathBuf;

use chrono::{NaiveDate, Utc};
use rapport::store::Store;

/// The fixed `today` every generated journal ends on.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default()
}

/// A journal of `size` generated entries, made on first use.
pub fn journal(size: u64) -> Store {
    Store::open(&path(size)).expect("bench journal")
}

/// Where the journal of `size` generated entries is, made on first use.
pub fn path(size: u64) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-journals");
    let path = dir.join(format!("journal-{size}.db"));
    if !path.exists() {
        let scratch = dir.join(format!("journal-{size}.db.partial"));
        let _ = std::fs::remove_file(&scratch);
        eprintln!("generating a journal of {size} entries (once) …");
        let mut store = Store::open(&scratch).expect("scratch journal");
        store.start_generation().expect("fast pragmas");
        rapport::demo::write_large(&mut store, size, today(), Utc::now(), |_| {})
            .expect("generated");
        store.generation_done().expect("pragmas back");
        drop(store);
        std::fs::rename(&scratch, &path).expect("into place");
    }
    path
}
