//! Insights aggregates and the coach over generated journals of 100k and 1M entries
//! (DESIGN.md §9: each under 100 ms at 1M). Run: `cargo bench --bench insights`.

mod journals;

use divan::Bencher;
use rapport::config::Targets;
use rapport::insights::Range;
use rapport::journal;

fn main() {
    divan::main();
}

const SIZES: [u64; 2] = [100_000, 1_000_000];

#[divan::bench(args = SIZES, sample_count = 20)]
fn day_facts_12_months(bencher: Bencher<'_, '_>, size: u64) {
    let store = journals::journal(size);
    let person = journals::manager(&store);
    let since = Range::Year.start(journals::today(), None);
    bencher.bench_local(|| {
        store
            .aggregates()
            .day_facts(person.id, since)
            .expect("facts")
    });
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn last_seen_per_category(bencher: Bencher<'_, '_>, size: u64) {
    let store = journals::journal(size);
    let person = journals::manager(&store);
    bencher.bench_local(|| store.aggregates().last_seen(person.id).expect("last seen"));
}

fn insights_over(bencher: Bencher<'_, '_>, size: u64, range: Range) {
    let store = journals::journal(size);
    let person = journals::manager(&store);
    let targets = Targets::default();
    bencher.bench_local(|| {
        journal::insights(&store, &person, range, &targets, journals::today()).expect("insights")
    });
}

/// Every series of the screen, as the TUI asks for them.
#[divan::bench(args = SIZES, sample_count = 20)]
fn all_series_3_months(bencher: Bencher<'_, '_>, size: u64) {
    insights_over(bencher, size, Range::ThreeMonths);
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn all_series_12_months(bencher: Bencher<'_, '_>, size: u64) {
    insights_over(bencher, size, Range::Year);
}

#[divan::bench(args = SIZES, sample_count = 10)]
fn all_series_all_time(bencher: Bencher<'_, '_>, size: u64) {
    insights_over(bencher, size, Range::All);
}

/// The coach's signals and ranked suggestions, as the Journal asks for them.
#[divan::bench(args = SIZES, sample_count = 20)]
fn coach_suggestions(bencher: Bencher<'_, '_>, size: u64) {
    let store = journals::journal(size);
    let person = journals::manager(&store);
    let playbook = rapport::coach::Playbook::builtin();
    bencher.bench_local(|| {
        journal::suggestions(&store, &person, &playbook, journals::today(), false)
            .expect("suggestions")
    });
}
