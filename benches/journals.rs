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
        store.bulk_mut().start_generation().expect("fast pragmas");
        rapport::demo::write_large(&mut store, size, today(), Utc::now(), |_| {})
            .expect("generated");
        store.bulk_mut().generation_done().expect("pragmas back");
        drop(store);
        std::fs::rename(&scratch, &path).expect("into place");
    }
    path
}

/// The heavy case: the journal of `size` entries with every advice ask
/// left open (about one entry in ten: 100k open asks at 1M), made on
/// first use from the plain one.
pub fn heavy_path(size: u64) -> PathBuf {
    let plain = path(size);
    let heavy = plain.with_file_name(format!("heavy-{size}.db"));
    if !heavy.exists() {
        let scratch = heavy.with_extension("db.partial");
        let _ = std::fs::remove_file(&scratch);
        {
            // Opened and closed once, so every page is in the main file.
            let _checkpointed = Store::open(&plain).expect("plain journal");
        }
        std::fs::copy(&plain, &scratch).expect("copied");
        let store = Store::open(&scratch).expect("scratch journal");
        store
            .connection()
            .execute(
                "UPDATE advice_loop SET reported_on = NULL, applied = NULL",
                [],
            )
            .expect("every ask open");
        drop(store);
        std::fs::rename(&scratch, &heavy).expect("into place");
    }
    heavy
}
