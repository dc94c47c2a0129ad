//! The terminal interface: state (`app`), one `update`, `effects` as the
//! only caller of the store, views that draw state, and the event loop that
//! ties them to a real terminal.

pub mod app;
pub mod check;
pub mod ctx;
pub mod effects;
pub mod form;
pub mod forms;
pub mod input;
pub mod keymap;
pub mod layout;
pub mod loading;
pub mod message;
pub mod outside;
pub mod screens;
pub mod terminal;
pub mod theme;
pub mod update;
pub mod view;
pub mod worker;

use std::collections::VecDeque;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{Local, NaiveDate, Utc};
use crossterm::event::{self, Event, KeyEventKind};

use app::{App, Cmd, Msg, TerminalCmd};
use effects::Settings;
use keymap::Keymap;
use outside::EditingDir;
use terminal::{Signals, TerminalGuard};
use worker::Worker;

use std::sync::mpsc::Receiver;

use crate::store::{Opened, Store};
use check::CheckNews;

const TICK: Duration = Duration::from_millis(250);
/// How often the loop looks for the worker's answers while it has some to
/// come: an answer waits this long at most before it is drawn (at 10 ms,
/// the coach's step reached the first frame 8 ms late at 100k entries).
const ANSWER_POLL: Duration = Duration::from_millis(1);

/// Feeds `msg` to `update`, runs the commands it returns against the store,
/// and feeds their answers back, until nothing is left. Returns the work
/// only the terminal can do (clipboard, editor), for the event loop; its
/// answers come back through `dispatch` too.
pub fn dispatch(app: &mut App, store: &mut Store, msg: Msg) -> Vec<TerminalCmd> {
    dispatch_on(app, store, None, msg)
}

/// `dispatch`, with the slow reads handed to `worker` when there is one:
/// their answers come back through `Worker::answers`, to be dispatched.
pub fn dispatch_on(
    app: &mut App,
    store: &mut Store,
    worker: Option<&mut Worker>,
    msg: Msg,
) -> Vec<TerminalCmd> {
    dispatch_to(app, store, worker, None, msg)
}

/// `dispatch`, with the slow reads handed to `reads` and every write to
/// `writes` when there are those threads. A write's answer comes back
/// through `Worker::answers` after its commit, with what it changed, so a
/// read asked once it is dispatched sees the write; a read asked before
/// (an answer to it may come later) is asked again by `invalidate`, and
/// its late answer dropped. Quick reads (a page, the people) stay here.
pub fn dispatch_to(
    app: &mut App,
    store: &mut Store,
    mut reads: Option<&mut Worker>,
    mut writes: Option<&mut Worker>,
    msg: Msg,
) -> Vec<TerminalCmd> {
    let mut queue = VecDeque::from([msg]);
    let mut terminal = Vec::new();
    while let Some(msg) = queue.pop_front() {
        let mut cmds: VecDeque<Cmd> = update::update(app, msg).into_iter().collect();
        while let Some(cmd) = cmds.pop_front() {
            let cmd = match cmd {
                Cmd::Batch(inner) => {
                    cmds.extend(inner);
                    continue;
                }
                cmd if app.checking.is_some() && cmd.waits_for_check() => {
                    queue.extend(check::hold(app, cmd));
                    continue;
                }
                cmd => cmd,
            };
            let thread = if cmd.is_slow_read() {
                reads.as_deref_mut()
            } else if cmd.waits_for_check() {
                writes.as_deref_mut()
            } else {
                None
            };
            let cmd = match thread {
                Some(thread) => {
                    let save = cmd.is_save();
                    match thread.send(cmd, app.today, Utc::now()) {
                        Ok(()) => {
                            if save {
                                queue.push_back(Msg::SaveSent);
                            }
                            continue;
                        }
                        Err(cmd) => *cmd,
                    }
                }
                None => cmd,
            };
            let mut answers = Vec::new();
            effects::run(
                store,
                &app.settings,
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

/// A journal `Opened::Unchecked` is shown read-only while its check runs
/// on a thread; one that fails it ends the TUI with the store's refusal.
pub fn run(opened: Opened, setup: Setup) -> anyhow::Result<()> {
    let (mut store, pending) = match opened {
        Opened::Ready(store) => (store, None),
        Opened::Unchecked { store, check } => (store, Some(check)),
    };
    let signals = Signals::register()?;
    let mut guard = TerminalGuard::enter()?;
    let mut app = App::new(setup.clock.today(), setup.keymap, setup.color);
    let check = match pending {
        Some(pending) => {
            app.checking = Some(0);
            Some(check::spawn(pending)?)
        }
        None => None,
    };
    app.settings = Settings {
        playbook: setup.playbook,
        targets: setup.targets,
        template_dir: setup.config_dir,
    };
    app.read_only = store.is_read_only() && check.is_none();
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
    // Without a second connection (or a thread), the slow reads and the
    // writes run here; so they do while the journal is checked: the
    // reader and the writer are opened once it passes, and nothing touches
    // a file that may yet be refused.
    let (reads, writes) = if check.is_none() {
        spawn_workers(&store, &app.settings)
    } else {
        (None, None)
    };
    let mut outside = Outside {
        guard: &mut guard,
        editing: editing.as_ref(),
        reads,
        writes,
        held_keys: VecDeque::new(),
        check,
        quit: false,
    };
    let mut outcome = event_loop(&mut outside, &mut app, &mut store, &signals, setup.clock);
    // The saves still running finish, and their answers are taken (a form
    // whose save went through closes, so it is not kept as a draft too).
    outside.settle_writes(&mut app, &mut store);
    // A form left open keeps its contents as a draft, which waits for the
    // check to pass; the check is then waited for.
    if outcome.is_ok() && app.checking.is_some() && app.overlay.is_some() {
        outcome = outside.wait_for_check(&mut app, &mut store);
    }
    // However the loop ended, a form still open keeps its contents as a
    // draft: `update` asks for it, here on this thread's connection.
    drop(outside);
    dispatch(&mut app, &mut store, Msg::Closing);
    drop(guard);
    outcome
}

/// The real terminal and the editor's directory, for the work `dispatch`
/// hands back.
struct Outside<'a> {
    guard: &'a mut TerminalGuard,
    editing: Option<&'a EditingDir>,
    /// The thread that runs the slow reads, when it could be started.
    reads: Option<Worker>,
    /// The thread that runs the writes, in order, when it could be started.
    writes: Option<Worker>,
    /// Keys pressed while a form waits for its save (`App::holds_keys`),
    /// dispatched in order once it is answered.
    held_keys: VecDeque<Msg>,
    /// The full check of a journal that was not sealed, while it runs.
    check: Option<Receiver<CheckNews>>,
    /// The user asked to quit (`TerminalCmd::Quit`).
    quit: bool,
}

/// The threads that run the slow reads and the writes, each on a
/// connection of its own; without one, its work runs on the key's thread.
fn spawn_workers(store: &Store, settings: &Settings) -> (Option<Worker>, Option<Worker>) {
    let reads = match store.reader() {
        Ok(Some(reader)) => Worker::spawn(reader, settings.clone()).ok(),
        Ok(None) | Err(_) => None,
    };
    let writes = match store.writer() {
        Ok(Some(writer)) => Worker::spawn_writer(writer, settings.clone()).ok(),
        Ok(None) | Err(_) => None,
    };
    (reads, writes)
}

impl Outside<'_> {
    /// `dispatch`, then the terminal's work it asked for, whose answers are
    /// dispatched in turn.
    fn dispatch(&mut self, app: &mut App, store: &mut Store, msg: Msg) {
        let work = dispatch_to(app, store, self.reads.as_mut(), self.writes.as_mut(), msg);
        self.run(app, store, work);
    }

    /// Runs the terminal's work, dispatching each answer.
    fn run(&mut self, app: &mut App, store: &mut Store, work: Vec<TerminalCmd>) {
        let mut work: VecDeque<TerminalCmd> = work.into();
        while let Some(next) = work.pop_front() {
            match outside::run(self.guard, self.editing, next) {
                Some(answer) => work.extend(dispatch_to(
                    app,
                    store,
                    self.reads.as_mut(),
                    self.writes.as_mut(),
                    answer,
                )),
                None => self.quit = true,
            }
        }
    }

    /// Dispatches what the workers have answered so far, the writes first
    /// (what they changed is asked again, and a read answered before it is
    /// dropped as old), then the keys held for them.
    fn take_answers(&mut self, app: &mut App, store: &mut Store) {
        let mut answers = self
            .writes
            .as_mut()
            .map(Worker::answers)
            .unwrap_or_default();
        answers.extend(self.reads.as_mut().map(Worker::answers).unwrap_or_default());
        for answer in answers {
            self.dispatch(app, store, answer);
        }
        while !app.holds_keys() {
            let Some(key) = self.held_keys.pop_front() else {
                break;
            };
            self.dispatch(app, store, key);
        }
    }

    /// A key or a paste: held while a form waits for its save (and while
    /// keys before it are held), else dispatched.
    fn press(&mut self, app: &mut App, store: &mut Store, msg: Msg) {
        let typed = matches!(msg, Msg::Key(_) | Msg::Paste(_));
        if typed && (app.holds_keys() || !self.held_keys.is_empty()) {
            self.held_keys.push_back(msg);
        } else {
            self.dispatch(app, store, msg);
        }
    }

    /// Waits for the writes still running and dispatches their answers,
    /// the writes they lead to then running here (at the end of the TUI).
    fn settle_writes(&mut self, app: &mut App, store: &mut Store) {
        let Some(mut writes) = self.writes.take() else {
            return;
        };
        let answers = writes.wait();
        drop(writes);
        for answer in answers {
            // The terminal is being given back: its work is not done now.
            let _ = dispatch_to(app, store, self.reads.as_mut(), None, answer);
        }
    }

    /// Takes what the check has said so far: its progress, or its verdict.
    /// A journal that passed replaces the read-only store (and the slow
    /// reads go to a worker again); one that failed ends the TUI with the
    /// refusal `Store::open` would have given.
    fn take_check(&mut self, app: &mut App, store: &mut Store) -> anyhow::Result<()> {
        let news: Vec<CheckNews> = match &self.check {
            Some(check) => check.try_iter().collect(),
            None => return Ok(()),
        };
        for news in news {
            match news {
                CheckNews::Progress(percent) => {
                    self.dispatch(app, store, Msg::CheckProgress(percent));
                }
                CheckNews::Done(verdict) => {
                    self.check = None;
                    *store = (*verdict)?;
                    (self.reads, self.writes) = spawn_workers(store, &app.settings);
                    self.dispatch(app, store, Msg::CheckPassed);
                }
            }
        }
        Ok(())
    }

    /// Waits for the check to end (at quit, with a draft to keep).
    fn wait_for_check(&mut self, app: &mut App, store: &mut Store) -> anyhow::Result<()> {
        while self.check.is_some() {
            self.take_check(app, store)?;
            std::thread::sleep(ANSWER_POLL);
        }
        Ok(())
    }

    /// How long to wait for a key: briefly while a worker has answers to
    /// come, else until the next tick.
    fn wait(&self, since_tick: Duration) -> Duration {
        if self.reads.as_ref().is_some_and(Worker::busy)
            || self.writes.as_ref().is_some_and(Worker::busy)
        {
            ANSWER_POLL
        } else {
            TICK.saturating_sub(since_tick)
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
    let resized = Msg::resized(size.width, size.height);
    outside.dispatch(app, store, resized);
    outside.dispatch(app, store, Msg::Start);
    let mut last_tick = Instant::now();
    loop {
        if signals.stop_requested() || outside.quit || terminal::hung_up() {
            return Ok(());
        }
        if signals.take_suspend() {
            outside.run(app, store, vec![TerminalCmd::Suspend]);
        }
        let mut measured = view::Measured::default();
        outside
            .guard
            .terminal
            .draw(|frame| measured = view::render_measured(app, frame))?;
        // What only the frame knew (how far a preview scrolls) goes back to
        // `update`; the next frame draws with it.
        if let Some(msg) = measured.news(app) {
            outside.dispatch(app, store, msg);
        }
        if event::poll(outside.wait(last_tick.elapsed()))? {
            let msg = match event::read()? {
                Event::Key(key) if key.kind == KeyEventKind::Press => Msg::Key(key),
                Event::Paste(text) => Msg::Paste(text),
                Event::Resize(width, height) => Msg::resized(width, height),
                _ => continue,
            };
            outside.press(app, store, msg);
        }
        outside.take_answers(app, store);
        outside.take_check(app, store)?;
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            outside.dispatch(app, store, clock.tick());
        }
    }
}
