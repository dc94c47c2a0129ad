//! `rapport log …` as a whole process on a journal of 100k entries
//! (DESIGN.md §9: ≤ 10 ms end to end): start, open and check the journal,
//! write one entry in its transaction (fsync included), print, exit.
//! Run: `cargo bench --bench log`.

mod journals;

use std::path::Path;
use std::process::Command;

use divan::Bencher;

fn main() {
    divan::main();
}

/// One `rapport log` run, with settings and data dirs of its own.
fn log_once(home: &Path, journal: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .arg("--db")
        .arg(journal)
        .args(["log", "coffee", "-q", "4", "Coffee walk", "--tag", "bench"])
        .env_clear()
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("RAPPORT_TODAY", "2026-11-24")
        .output()
        .expect("rapport runs");
    assert!(out.status.success(), "{out:?}");
}

#[divan::bench(args = [10_000, 100_000], sample_count = 50, sample_size = 1)]
fn log_one_entry(bencher: Bencher<'_, '_>, size: u64) {
    let home = tempfile::tempdir().expect("a home");
    let journal = home.path().join("journal.db");
    std::fs::copy(journals::path(size), &journal).expect("a copy to write to");
    // The first open of a copy checks every page (nothing sealed it yet).
    log_once(home.path(), &journal);
    bencher.bench_local(|| log_once(home.path(), &journal));
}
