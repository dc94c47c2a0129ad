//! The TUI's speed as a user feels it, over generated journals
//! (DESIGN.md §9): the first full frame at 10k, 100k and 1M entries
//! (≤ 20 ms at 100k, flat in size), and key press to finished frame at 100k
//! and 1M (≤ 2 ms median), and a key answered while all-time Insights loads
//! at 1M; switching to Prep with the sheet on this thread and, as the
//! terminal runs it, on the worker; saving an entry on this thread and, as
//! the terminal runs it, on the writer. Frames are drawn into a 120×40
//! TestBackend by the same `update`, `effects` and views the terminal uses.
//! Run: `cargo bench --bench frames`.

mod journals;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use divan::Bencher;
use rapport::coach::Playbook;
use rapport::store::Store;
use rapport::tui::app::{App, Msg, Screen};
use rapport::tui::effects::Settings;
use rapport::tui::keymap::Keymap;
use rapport::tui::worker::Worker;
use rapport::tui::{dispatch, dispatch_on, dispatch_to, start, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() {
    divan::main();
}

const SIZES: [u64; 3] = [10_000, 100_000, 1_000_000];
/// The sizes of the key-to-frame rows.
const KEY_SIZES: [u64; 2] = [100_000, 1_000_000];
const WIDTH: u16 = 120;
const HEIGHT: u16 = 40;

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal")
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal
        .draw(|frame| view::render(app, frame))
        .expect("drawn");
}

/// What `rapport` does from launch to its first frame, minus the real
/// terminal: open the journal (checks, pragmas, migrations), load the
/// people, the newest page and the coach's top step, draw the Journal.
fn first_frame_of(path: &std::path::Path, terminal: &mut Terminal<TestBackend>) -> App {
    let mut store = Store::open(path).expect("journal opens");
    let mut app = App::new(journals::today(), Keymap::defaults(), true);
    app.settings.playbook = Playbook::builtin();
    dispatch(&mut app, &mut store, Msg::resized(WIDTH, HEIGHT));
    start(&mut app, &mut store);
    draw(terminal, &app);
    app
}

#[divan::bench(args = SIZES, sample_count = 30)]
fn first_frame(bencher: Bencher<'_, '_>, size: u64) {
    let path = journals::path(size);
    let mut terminal = terminal();
    let app = first_frame_of(&path, &mut terminal);
    assert!(app.journal.rows.len() >= 30, "the first page is loaded");
    assert!(app.coach.top().is_some(), "the coach's top step is there");
    bencher.bench_local(|| first_frame_of(&path, &mut terminal));
}

/// A journal of `size` entries on the Journal screen after its first frame.
fn at(size: u64) -> (App, Store) {
    let path = journals::path(size);
    let mut terminal = terminal();
    let app = first_frame_of(&path, &mut terminal);
    let store = Store::open(&path).expect("journal opens");
    (app, store)
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Times one key press on a fresh copy of `from`, and the frame after it.
fn key_to_frame(bencher: Bencher<'_, '_>, from: &App, store: &mut Store, press: Msg) {
    let mut terminal = terminal();
    bencher
        .with_inputs(|| (from.clone(), press.clone()))
        .bench_local_values(|(mut app, press)| {
            dispatch(&mut app, store, press);
            draw(&mut terminal, &app);
            app
        });
}

#[divan::bench(args = KEY_SIZES, sample_count = 200)]
fn scroll_one_row(bencher: Bencher<'_, '_>, size: u64) {
    let (app, mut store) = at(size);
    key_to_frame(bencher, &app, &mut store, key(KeyCode::Char('j')));
}

/// Page down from the last screenful of the loaded page: the press loads
/// the next page of older entries from the journal.
#[divan::bench(args = KEY_SIZES, sample_count = 200)]
fn page_down_past_the_loaded_page(bencher: Bencher<'_, '_>, size: u64) {
    let (mut app, mut store) = at(size);
    let loaded = app.journal.rows.len();
    app.journal.selected = loaded.saturating_sub(app.journal.list_height);
    assert!(!app.journal.at_oldest, "older pages wait in the journal");
    let mut probe = app.clone();
    dispatch(
        &mut probe,
        &mut store,
        Msg::Key(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL)),
    );
    assert!(probe.journal.rows.len() > loaded, "the press loaded a page");
    key_to_frame(
        bencher,
        &app,
        &mut store,
        Msg::Key(KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL)),
    );
}

#[divan::bench(args = KEY_SIZES, sample_count = 200)]
fn open_the_add_form(bencher: Bencher<'_, '_>, size: u64) {
    let (app, mut store) = at(size);
    key_to_frame(bencher, &app, &mut store, key(KeyCode::Char('a')));
}

/// Insights reads `day_total`, the per-day totals that triggers keep in
/// step with every write, so switching computes from fresh figures.
#[divan::bench(args = KEY_SIZES, sample_count = 100)]
fn switch_to_insights(bencher: Bencher<'_, '_>, size: u64) {
    let (app, mut store) = at(size);
    let mut probe = app.clone();
    dispatch(&mut probe, &mut store, key(KeyCode::Char('2')));
    assert_eq!(probe.screen, Screen::Insights);
    key_to_frame(bencher, &app, &mut store, key(KeyCode::Char('2')));
}

/// `3` to Prep with the sheet computed on this thread before the frame
/// (as before the worker) …
#[divan::bench(args = KEY_SIZES, sample_count = 100)]
fn switch_to_prep(bencher: Bencher<'_, '_>, size: u64) {
    let (app, mut store) = at(size);
    let mut probe = app.clone();
    dispatch(&mut probe, &mut store, key(KeyCode::Char('3')));
    assert_eq!(probe.screen, Screen::Prep);
    assert!(probe.prep.sheet.is_some(), "the sheet came with the press");
    key_to_frame(bencher, &app, &mut store, key(KeyCode::Char('3')));
}

/// … and as the terminal runs it: the sheet is asked of the worker, and
/// the frame drawn on the key says it is loading (the sheet's own frame
/// follows when it arrives).
#[divan::bench(args = KEY_SIZES, sample_count = 100, sample_size = 1)]
fn switch_to_prep_with_the_worker(bencher: Bencher<'_, '_>, size: u64) {
    let (app, mut store) = at(size);
    let reader = Store::open(&journals::path(size))
        .expect("journal opens")
        .reader()
        .expect("a reader")
        .expect("a file has one");
    let worker =
        std::cell::RefCell::new(Worker::spawn(reader, Settings::default()).expect("a thread"));
    let mut terminal = terminal();
    bencher
        .with_inputs(|| {
            // The last sample's sheet is done before the next begins.
            worker.borrow_mut().wait();
            app.clone()
        })
        .bench_local_values(|mut app| {
            let mut worker = worker.borrow_mut();
            dispatch_on(
                &mut app,
                &mut store,
                Some(&mut worker),
                key(KeyCode::Char('3')),
            );
            draw(&mut terminal, &app);
            assert!(
                app.screen == Screen::Prep && app.prep.fetch.is_loading(),
                "on Prep, the sheet still loading"
            );
            app
        });
}

/// The last letter of a search typed live: the press runs the full-text
/// query (FTS5, kept by triggers) for the first page and draws it.
#[divan::bench(args = KEY_SIZES, sample_count = 100)]
fn apply_a_text_search(bencher: Bencher<'_, '_>, size: u64) {
    let (mut app, mut store) = at(size);
    dispatch(&mut app, &mut store, key(KeyCode::Char('/')));
    for c in "hirin".chars() {
        dispatch(&mut app, &mut store, key(KeyCode::Char(c)));
    }
    let mut probe = app.clone();
    dispatch(&mut probe, &mut store, key(KeyCode::Char('g')));
    assert_eq!(probe.journal.filter.text.as_deref(), Some("hiring"));
    assert!(!probe.journal.rows.is_empty(), "the search finds entries");
    key_to_frame(bencher, &app, &mut store, key(KeyCode::Char('g')));
}

/// The add form open on the Journal at `size`, a title typed: Ctrl-S
/// saves it (each sample adds one entry to the bench journal).
fn entry_typed(size: u64) -> (App, Store) {
    let (mut app, mut store) = at(size);
    dispatch(&mut app, &mut store, key(KeyCode::Char('a')));
    dispatch(&mut app, &mut store, key(KeyCode::Tab));
    for c in "Coffee, benched".chars() {
        dispatch(&mut app, &mut store, key(KeyCode::Char(c)));
    }
    assert!(app.overlay.is_some(), "the add form is open");
    (app, store)
}

fn ctrl_s() -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL))
}

/// Ctrl-S in the add form to the next frame, the slow reads on the worker:
/// with the save (its transaction and fsync) on this thread, as before the
/// writer (`writer: false`), or on the writer as the terminal runs it now,
/// where the frame drawn on the key shows the form waiting for its answer
/// (the answer's frame follows the commit).
fn save_key_to_frame(bencher: Bencher<'_, '_>, size: u64, writer: bool) {
    let (app, mut store) = entry_typed(size);
    let reader = store.reader().expect("a reader").expect("a file");
    let writes = writer.then(|| {
        let writer = store.writer().expect("a writer").expect("a file");
        Worker::spawn_writer(writer, Settings::default()).expect("a thread")
    });
    let threads = std::cell::RefCell::new((
        Worker::spawn(reader, Settings::default()).expect("a thread"),
        writes,
    ));
    let mut terminal = terminal();
    bencher
        .with_inputs(|| {
            // The last sample's save and reads are done before the next.
            let (reads, writes) = &mut *threads.borrow_mut();
            if let Some(writes) = writes {
                writes.wait();
            }
            reads.wait();
            app.clone()
        })
        .bench_local_values(|mut app| {
            let (reads, writes) = &mut *threads.borrow_mut();
            dispatch_to(&mut app, &mut store, Some(reads), writes.as_mut(), ctrl_s());
            draw(&mut terminal, &app);
            assert_eq!(
                app.overlay.is_some(),
                writer,
                "closed with the press on this thread; open until answered"
            );
            app
        });
}

/// … the save on this thread (as before the writer) …
#[divan::bench(args = KEY_SIZES, sample_count = 50, sample_size = 1)]
fn save_an_entry_on_the_keys_thread(bencher: Bencher<'_, '_>, size: u64) {
    save_key_to_frame(bencher, size, false);
}

/// … and on the writer, as the terminal runs it.
#[divan::bench(args = KEY_SIZES, sample_count = 50, sample_size = 1)]
fn save_an_entry_with_the_writer(bencher: Bencher<'_, '_>, size: u64) {
    save_key_to_frame(bencher, size, true);
}

/// A journal of 1M entries on Insights (12 months loaded), with the slow
/// reads on a worker as the terminal runs them, or on this thread.
fn insights_at_1m(worker: Option<&mut Worker>) -> (App, Store) {
    let path = journals::path(1_000_000);
    let mut store = Store::open(&path).expect("journal opens");
    let mut app = App::new(journals::today(), Keymap::defaults(), true);
    let size = Msg::resized(WIDTH, HEIGHT);
    let mut worker = worker;
    dispatch_on(&mut app, &mut store, worker.as_deref_mut(), size);
    dispatch_on(&mut app, &mut store, worker.as_deref_mut(), Msg::Start);
    for press in ['2', ']', ']'] {
        dispatch_on(
            &mut app,
            &mut store,
            worker.as_deref_mut(),
            key(KeyCode::Char(press)),
        );
    }
    if let Some(worker) = worker {
        for answer in worker.wait() {
            dispatch_on(&mut app, &mut store, Some(worker), answer);
        }
    }
    assert_eq!(app.screen, Screen::Insights);
    assert!(app.insights.data.is_some(), "12 months loaded");
    (app, store)
}

/// `]` to all time on Insights at 1M, then `1` and `j`, to the frame that
/// shows the moved selection: with the figures computed on this thread
/// first (as before the worker) …
#[divan::bench(sample_count = 30)]
fn all_time_then_j_at_1m_on_one_thread(bencher: Bencher<'_, '_>) {
    let (app, mut store) = insights_at_1m(None);
    let mut terminal = terminal();
    bencher
        .with_inputs(|| app.clone())
        .bench_local_values(|mut app| {
            for press in [']', '1', 'j'] {
                dispatch(&mut app, &mut store, key(KeyCode::Char(press)));
            }
            draw(&mut terminal, &app);
            app
        });
}

/// … and with them on the worker, as the terminal runs it: `j` is answered
/// while they load (DESIGN.md §9: a slow query never blocks a key).
#[divan::bench(sample_count = 30, sample_size = 1)]
fn all_time_then_j_at_1m_with_the_worker(bencher: Bencher<'_, '_>) {
    let path = journals::path(1_000_000);
    let reader = Store::open(&path)
        .expect("journal opens")
        .reader()
        .expect("a reader")
        .expect("a file has one");
    let worker =
        std::cell::RefCell::new(Worker::spawn(reader, Settings::default()).expect("a thread"));
    let (app, mut store) = insights_at_1m(Some(&mut worker.borrow_mut()));
    let mut terminal = terminal();
    bencher
        .with_inputs(|| {
            // The last sample's figures are done before the next begins.
            worker.borrow_mut().wait();
            app.clone()
        })
        .bench_local_values(|mut app| {
            let mut worker = worker.borrow_mut();
            for press in [']', '1', 'j'] {
                dispatch_on(
                    &mut app,
                    &mut store,
                    Some(&mut worker),
                    key(KeyCode::Char(press)),
                );
            }
            draw(&mut terminal, &app);
            assert!(
                app.insights.fetch.is_loading(),
                "the figures are still loading"
            );
            app
        });
}
