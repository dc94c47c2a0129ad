//! The terminal interface: state (`app`), one `update`, `effects` as the
//! only caller of the store, views that draw state, and the event loop that
//! ties them to a real terminal.

pub mod app;
pub mod effects;
pub mod form;
pub mod forms;
pub mod input;
pub mod keymap;
pub mod terminal;
pub mod update;
pub mod view;

use std::collections::VecDeque;
use std::time::Duration;

use chrono::{NaiveDate, Utc};
use crossterm::event::{self, Event, KeyEventKind};

use app::{App, Cmd, Msg, PageFrom};
use keymap::Keymap;
use terminal::{Signals, TerminalGuard};

use crate::store::Store;

const TICK: Duration = Duration::from_millis(250);

/// Feeds `msg` to `update`, runs the commands it returns against the store,
/// and feeds their answers back, until nothing is left.
pub fn dispatch(app: &mut App, store: &mut Store, msg: Msg) {
    let mut queue = VecDeque::from([msg]);
    while let Some(msg) = queue.pop_front() {
        if let Some(cmd) = update::update(app, msg) {
            let mut answers = Vec::new();
            effects::run(store, cmd, app.today, Utc::now(), &mut answers);
            queue.extend(answers);
        }
    }
}

/// The first commands: people and kinds, and the newest page.
pub fn start(app: &mut App, store: &mut Store) {
    let cmd = Cmd::Batch(vec![
        Cmd::LoadPeople,
        Cmd::LoadPage {
            generation: app.timeline.generation,
            filter: app.timeline.filter.clone(),
            from: PageFrom::Start,
        },
    ]);
    app.timeline.loading = true;
    let mut answers = Vec::new();
    effects::run(store, cmd, app.today, Utc::now(), &mut answers);
    for msg in answers {
        dispatch(app, store, msg);
    }
}

/// Runs the TUI on a real terminal until the user quits or a signal stops it.
/// What the TUI starts with, read at the edge (main).
pub struct Setup {
    pub keymap: Keymap,
    pub targets: crate::config::Targets,
    pub playbook: crate::coach::Playbook,
    /// A user playbook that could not be used: shown, and the built-in used.
    pub playbook_error: Option<String>,
    pub today: NaiveDate,
    pub color: bool,
}

pub fn run(mut store: Store, setup: Setup) -> anyhow::Result<()> {
    let signals = Signals::register()?;
    let mut guard = TerminalGuard::enter()?;
    let mut app = App::new(setup.today, setup.keymap, setup.color);
    app.insights.targets = setup.targets;
    app.coach.playbook = setup.playbook;
    if let Some(error) = setup.playbook_error {
        app.error(format!("{error}; using the built-in playbook"));
    }
    let outcome = event_loop(&mut guard, &mut app, &mut store, &signals);
    // However the loop ended, a form still open keeps its contents as a draft.
    if let Some(app::Overlay::Form(open)) = &app.overlay
        && let Some(key) = open.purpose.draft_key()
        && open.form.touched
    {
        let _ = store.save_draft(key, &open.draft_body(), Utc::now());
    }
    drop(guard);
    outcome
}

fn event_loop(
    guard: &mut TerminalGuard,
    app: &mut App,
    store: &mut Store,
    signals: &Signals,
) -> anyhow::Result<()> {
    let size = guard.terminal.size()?;
    dispatch(
        app,
        store,
        Msg::Resized {
            width: size.width,
            height: size.height,
        },
    );
    start(app, store);
    loop {
        if signals.stop_requested() || app.quit {
            return Ok(());
        }
        if signals.take_suspend() || std::mem::take(&mut app.suspend) {
            guard.suspend()?;
            dispatch(app, store, Msg::Resumed);
        }
        guard.terminal.draw(|frame| view::render(app, frame))?;
        let msg = if event::poll(TICK)? {
            match event::read()? {
                Event::Key(key) if key.kind == KeyEventKind::Press => Msg::Key(key),
                Event::Paste(text) => Msg::Paste(text),
                Event::Resize(width, height) => Msg::Resized { width, height },
                _ => continue,
            }
        } else {
            Msg::Tick
        };
        dispatch(app, store, msg);
    }
}
