//! The terminal interface: state (`app`), one `update`, `effects` as the
//! only caller of the store, views that draw state, and the event loop that
//! ties them to a real terminal.

pub mod about;
pub mod app;
pub mod effects;
pub mod form;
pub mod forms;
pub mod input;
pub mod keymap;
pub mod loading;
pub mod outside;
pub mod terminal;
pub mod update;
pub mod view;

use std::collections::VecDeque;
use std::path::PathBuf;
use std::time::Duration;

use chrono::{Local, NaiveDate, Utc};
use crossterm::event::{self, Event, KeyEventKind};

use app::{App, Msg, TerminalCmd};
use keymap::Keymap;
use outside::EditingDir;
use terminal::{Signals, TerminalGuard};

use crate::store::Store;

const TICK: Duration = Duration::from_millis(250);

/// Feeds `msg` to `update`, runs the commands it returns against the store,
/// and feeds their answers back, until nothing is left. Returns the work
/// only the terminal can do (clipboard, editor), for the event loop; its
/// answers come back through `dispatch` too.
pub fn dispatch(app: &mut App, store: &mut Store, msg: Msg) -> Vec<TerminalCmd> {
    let mut queue = VecDeque::from([msg]);
    let mut terminal = Vec::new();
    while let Some(msg) = queue.pop_front() {
        if let Some(cmd) = update::update(app, msg) {
            let mut answers = Vec::new();
            effects::run(
                store,
                cmd,
                app.today,
                Utc::now(),
                &mut answers,
                &mut terminal,
            );
            queue.extend(answers);
        }
    }
    terminal
}

/// The first commands: people and kinds, and the newest page. Returns the
/// terminal's work, as `dispatch` does.
pub fn start(app: &mut App, store: &mut Store) -> Vec<TerminalCmd> {
    dispatch(app, store, Msg::Start)
}

/// Runs the TUI on a real terminal until the user quits or a signal stops it.
/// What the TUI starts with, read at the edge (main).
pub struct Setup {
    pub keymap: Keymap,
    pub targets: crate::config::Targets,
    pub playbook: crate::coach::Playbook,
    /// A user playbook that could not be used: shown, and the built-in used.
    pub playbook_error: Option<String>,
    pub clock: Clock,
    pub color: bool,
    /// Where a user `summary.md` template may be.
    pub config_dir: Option<PathBuf>,
    /// Where the editor's private temp files go (`editing/` in it).
    pub data_dir: Option<PathBuf>,
}

/// Where the TUI's day comes from. The event loop reads it and hands it to
/// `update` in every `Msg::Tick`; nothing below the loop reads the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The local calendar: the day turns at local midnight.
    Local,
    /// One day for the whole session (`RAPPORT_TODAY`, for tests and demos).
    Fixed(NaiveDate),
}

impl Clock {
    pub fn today(self) -> NaiveDate {
        match self {
            Clock::Local => Local::now().date_naive(),
            Clock::Fixed(day) => day,
        }
    }

    fn tick(self) -> Msg {
        Msg::Tick {
            today: self.today(),
            now: Utc::now(),
        }
    }
}

pub fn run(mut store: Store, setup: Setup) -> anyhow::Result<()> {
    let signals = Signals::register()?;
    let mut guard = TerminalGuard::enter()?;
    let mut app = App::new(setup.clock.today(), setup.keymap, setup.color);
    app.insights.targets = setup.targets;
    app.coach.playbook = setup.playbook;
    app.prep.template_dir = setup.config_dir;
    app.read_only = store.is_read_only();
    if app.read_only {
        app.error(
            "read-only: this journal cannot be written here, so nothing you change will be saved",
        );
    }
    if let Some(error) = setup.playbook_error {
        app.error(format!("{error}; using the built-in playbook"));
    }
    let editing = setup.data_dir.as_deref().map(EditingDir::new);
    if let Some(editing) = &editing
        && let Err(e) = editing.clean_leftovers()
    {
        app.error(format!(
            "could not remove an editor file left by an earlier run: {e}"
        ));
    }
    let mut outside = Outside {
        guard: &mut guard,
        editing: editing.as_ref(),
    };
    let outcome = event_loop(&mut outside, &mut app, &mut store, &signals, setup.clock);
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

/// The real terminal and the editor's directory, for the work `dispatch`
/// hands back.
struct Outside<'a> {
    guard: &'a mut TerminalGuard,
    editing: Option<&'a EditingDir>,
}

impl Outside<'_> {
    /// `dispatch`, then the terminal's work it asked for, whose answers are
    /// dispatched in turn.
    fn dispatch(&mut self, app: &mut App, store: &mut Store, msg: Msg) {
        let mut work: VecDeque<TerminalCmd> = dispatch(app, store, msg).into();
        while let Some(next) = work.pop_front() {
            let answer = outside::run(self.guard, self.editing, next);
            work.extend(dispatch(app, store, answer));
        }
    }
}

fn event_loop(
    outside: &mut Outside<'_>,
    app: &mut App,
    store: &mut Store,
    signals: &Signals,
    clock: Clock,
) -> anyhow::Result<()> {
    let size = outside.guard.terminal.size()?;
    dispatch(
        app,
        store,
        Msg::Resized {
            width: size.width,
            height: size.height,
        },
    );
    outside.dispatch(app, store, Msg::Start);
    loop {
        if signals.stop_requested() || app.quit || terminal::hung_up() {
            return Ok(());
        }
        if signals.take_suspend() || std::mem::take(&mut app.suspend) {
            outside.guard.suspend()?;
            outside.dispatch(app, store, Msg::Resumed);
        }
        outside
            .guard
            .terminal
            .draw(|frame| view::render(app, frame))?;
        let msg = if event::poll(TICK)? {
            match event::read()? {
                Event::Key(key) if key.kind == KeyEventKind::Press => Msg::Key(key),
                Event::Paste(text) => Msg::Paste(text),
                Event::Resize(width, height) => Msg::Resized { width, height },
                _ => continue,
            }
        } else {
            clock.tick()
        };
        outside.dispatch(app, store, msg);
    }
}
