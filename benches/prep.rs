//! Prep and the coach on the heavy journal (every chat made an advice ask
//! and every ask left open: about 186k at 1M entries), where both once read every open ask: Prep
//! ≤ 20 ms at 1M (issue 20). Both now read the oldest few asks and the
//! counts through the `advice_ask` index.
//! Run: `cargo bench --bench prep`.

mod journals;

use divan::Bencher;
use rapport::coach::Playbook;
use rapport::journal;
use rapport::store::Store;

fn main() {
    divan::main();
}

const SIZES: [u64; 3] = [10_000, 100_000, 1_000_000];

fn heavy(size: u64) -> (Store, rapport::domain::Person) {
    let store = Store::open(&journals::heavy_path(size)).expect("heavy journal");
    let person = journals::manager(&store);
    (store, person)
}

/// The whole prep sheet (`rapport prep`, the Prep screen's load).
#[divan::bench(args = SIZES, sample_count = 30)]
fn prep_sheet(bencher: Bencher<'_, '_>, size: u64) {
    let (store, person) = heavy(size);
    let open = store
        .advice()
        .awaiting_advice_counted(person.id, journals::today())
        .expect("asks")
        .1;
    assert!(open as u64 >= size / 6, "the heavy case: {open} open asks");
    bencher.bench_local(|| journal::prep_sheet(&store, &person, journals::today()).expect("prep"));
}

/// The coach's suggestions (`rapport next`, the Journal's top step).
#[divan::bench(args = SIZES, sample_count = 30)]
fn coach(bencher: Bencher<'_, '_>, size: u64) {
    let (store, person) = heavy(size);
    let playbook = Playbook::builtin();
    bencher.bench_local(|| {
        journal::suggestions(&store, &person, &playbook, journals::today(), false)
            .expect("suggestions")
    });
}
