//! Generated journals for the benchmarks, kept under `target/bench-journals`
//! so the slow generation of a million entries happens once.

#![allow(dead_code)] // each bench uses part of it

use std::path::PathBuf;

use chrono::{NaiveDate, Utc};
use rapport::store::Store;

/// The generated journal's manager, whose entries every bench reads.
pub fn manager(store: &Store) -> rapport::domain::Person {
    store
        .people()
        .current_person()
        .ok()
        .flatten()
        .expect("the generated manager")
}

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
        // The scratch file's seal named a file that is no longer there.
        let _ = std::fs::remove_file(rapport::store::seal_path(&scratch));
    }
    path
}

/// The heavy case: the journal of `size` entries with every chat turned
/// into an advice ask and every ask left open (about one entry in six:
/// 186k open asks at 1M, more than issue 20's 166k), made on first use from
/// the plain one.
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
            .execute_batch(
                "UPDATE advice_loop SET reported_on = NULL, applied = NULL;
                 -- Every chat becomes an ask too, so that open asks are one
                 -- entry in six, as on issue 20's journal (166k at 1M).
                 UPDATE interaction SET kind_id = (SELECT id FROM kind WHERE name = 'advice')
                  WHERE kind_id = (SELECT id FROM kind WHERE name = 'chat');
                 INSERT INTO advice_loop (interaction_id, question)
                 SELECT i.id, i.title FROM interaction i
                  WHERE i.kind_id = (SELECT id FROM kind WHERE name = 'advice')
                    AND NOT EXISTS (SELECT 1 FROM advice_loop a WHERE a.interaction_id = i.id);",
            )
            .expect("every ask open");
        drop(store);
        std::fs::rename(&scratch, &heavy).expect("into place");
        let _ = std::fs::remove_file(rapport::store::seal_path(&scratch));
    }
    heavy
}
