//! A live search, letter by letter, over generated journals (issue 20):
//! the page of 50 matches the text index answers for each prefix of
//! "hiring". One and two letters ("h", "hi") are what a search typed
//! letter by letter once asked at every key; the TUI now waits for a third
//! letter (or Enter) before it looks a word up, so only the rows from
//! "hir" on are met while typing. Run: `cargo bench --bench search`.

mod journals;

use divan::Bencher;
use rapport::store::{InteractionFilter, PageRequest, Store};

fn main() {
    divan::main();
}

const SIZES: [u64; 3] = [10_000, 100_000, 1_000_000];

fn page(store: &Store, text: &str) -> usize {
    let filter = InteractionFilter {
        text: Some(text.to_string()),
        ..InteractionFilter::default()
    };
    store
        .entries()
        .interactions(
            &filter,
            PageRequest {
                limit: 50,
                after: None,
            },
        )
        .expect("search")
        .len()
}

fn letters(bencher: Bencher<'_, '_>, size: u64, text: &str) {
    let store = journals::journal(size);
    assert!(page(&store, text) > 0, "{text} finds entries");
    bencher.bench_local(|| page(&store, text));
}

/// Only on Enter now (was: the first key).
#[divan::bench(args = SIZES, sample_count = 10)]
fn one_letter_on_enter(bencher: Bencher<'_, '_>, size: u64) {
    letters(bencher, size, "h");
}

/// Only on Enter now (was: the second key).
#[divan::bench(args = SIZES, sample_count = 10)]
fn two_letters_on_enter(bencher: Bencher<'_, '_>, size: u64) {
    letters(bencher, size, "hi");
}

/// The first search while typing.
#[divan::bench(args = SIZES, sample_count = 20)]
fn three_letters(bencher: Bencher<'_, '_>, size: u64) {
    letters(bencher, size, "hir");
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn four_letters(bencher: Bencher<'_, '_>, size: u64) {
    letters(bencher, size, "hiri");
}

#[divan::bench(args = SIZES, sample_count = 20)]
fn whole_word(bencher: Bencher<'_, '_>, size: u64) {
    letters(bencher, size, "hiring");
}
