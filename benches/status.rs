//! `rapport status` as a whole process on journals of 100k and 1M entries
//! (issue 19: ≤ 10 ms at 1M): start, open the journal read-only, find the
//! next 1:1 and this week's summary, print one line, exit.
//! Run: `cargo bench --bench status`.

mod journals;

use std::path::Path;
use std::process::Command;

use divan::Bencher;

fn main() {
    divan::main();
}

/// One `rapport status` run, with settings and data dirs of its own.
fn status_once(home: &Path, journal: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_rapport"))
        .arg("--db")
        .arg(journal)
        .arg("status")
        .env_clear()
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("RAPPORT_TODAY", "2026-11-24")
        .output()
        .expect("rapport runs");
    assert!(out.status.success(), "{out:?}");
}

#[divan::bench(args = [100_000, 1_000_000], sample_count = 50, sample_size = 1)]
fn status_line(bencher: Bencher<'_, '_>, size: u64) {
    let home = tempfile::tempdir().expect("a home");
    // Opened once by this build, so it is migrated and sealed as a journal
    // in daily use is: status reads it as it is, and says nothing otherwise.
    drop(journals::journal(size));
    let journal = journals::path(size);
    status_once(home.path(), &journal);
    bencher.bench_local(|| status_once(home.path(), &journal));
}
