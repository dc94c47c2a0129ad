//! The TUI's state, the messages that change it and the commands it asks
//! the store to run. Plain data: views read it, `update` changes it.

use chrono::{DateTime, NaiveDate, Utc};

use super::effects::Settings;
use super::forms::{DraftKey, OpenForm};
use super::keymap::Keymap;
use super::loading::Fetch;
pub use super::message::{Cmd, Msg};
use super::screens::{insights, journal, next_steps, people, prep};
use crate::domain::{Kind, Person, Week};

/// The largest paste accepted, in bytes: far above any note typed or pasted
/// by hand (a 5 MB paste is stored exactly), low enough that a runaway
/// paste cannot eat the memory.
pub const PASTE_LIMIT: usize = 16 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Journal,
    Insights,
    Prep,
    NextSteps,
    People,
}

impl Screen {
    pub const ALL: [Screen; 5] = [
        Screen::Journal,
        Screen::Insights,
        Screen::Prep,
        Screen::NextSteps,
        Screen::People,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Screen::Journal => "Journal",
            Screen::Insights => "Insights",
            Screen::Prep => "Prep",
            Screen::NextSteps => "Next steps",
            Screen::People => "People",
        }
    }

    pub fn index(self) -> usize {
        Screen::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub kind: StatusKind,
    /// Ticks left before an info message fades; errors stay until a key.
    pub ttl: u16,
}

/// A question waiting for y/n.
#[derive(Debug, Clone)]
pub enum Question {
    /// A draft left by a crash or kill: restore it?
    RestoreDraft { key: DraftKey, form: Box<OpenForm> },
    /// A 1:1 is already logged today: y fills the after-the-1:1 `form` in
    /// for it (`entry`, titled `title`), n logs a second one, esc neither.
    AttachOneOnOne {
        entry: i64,
        title: String,
        form: Box<OpenForm>,
    },
    /// Sure? `yes` runs on y; n or esc leaves things as they are.
    Confirm {
        title: String,
        text: String,
        yes: Box<Cmd>,
    },
}

/// What covers the screen, on top of it.
#[derive(Debug, Clone)]
pub enum Overlay {
    Help { scroll: u16 },
    Form(Box<OpenForm>),
    Confirm(Question),
}

/// Everything the TUI shows.
#[derive(Debug, Clone)]
pub struct App {
    /// The calendar day, from the last `Tick` (or the start).
    pub today: NaiveDate,
    /// The instant of the last `Tick`; the start of `today` until one comes.
    pub now: DateTime<Utc>,
    pub screen: Screen,
    pub keymap: Keymap,
    /// Colour on, unless NO_COLOR is set.
    pub color: bool,
    /// The configuration the effects read: handed to the runner and the
    /// worker, never copied into a command or a screen.
    pub settings: Settings,
    pub people: Vec<Person>,
    pub kinds: Vec<Kind>,
    /// People and kinds: what the others wait for (they need the manager).
    pub people_fetch: Fetch,
    /// The Journal screen: the timeline and the search line.
    pub journal: journal::State,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    /// The journal could only be opened for reading: a banner says so and
    /// every save is refused by the store.
    pub read_only: bool,
    /// The journal was not sealed and its full check is running (percent
    /// done): it is shown read-only, and writes wait until it passes.
    pub checking: Option<u8>,
    /// Drafts to save (or look for) once the check passes.
    pub held: Vec<Cmd>,
    /// The saves running on the writer thread.
    pub saving: Saving,
    /// Whether people have been loaded at least once (for onboarding).
    pub loaded: bool,
    pub insights: insights::State,
    /// The Next steps screen: the coach's suggestions.
    pub coach: next_steps::State,
    pub prep: prep::State,
    pub people_screen: people::State,
}

/// The saves sent to the writer thread and not answered yet. Until they
/// are, nothing says "saved": the answer comes after the commit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Saving {
    /// Sent and not yet answered.
    pub in_flight: u16,
    /// Ticks seen while a save was running (0 once none is).
    pub ticks: u16,
}

impl Saving {
    /// Ticks (of 250 ms) a save runs before the status line says so: one
    /// answered within a tick, as a save with its fsync usually is, never
    /// flashes "saving…".
    const SHOWN_AFTER: u16 = 2;

    /// Whether the status line says "saving…".
    pub fn shown(&self) -> bool {
        self.in_flight > 0 && self.ticks >= Self::SHOWN_AFTER
    }
}

/// Work that needs the terminal itself, not the store: the event loop runs
/// it between frames and answers with a `Msg`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TerminalCmd {
    /// End the session.
    Quit,
    /// Hand the terminal back to the shell until `fg` (then `Msg::Resumed`).
    Suspend,
    /// Put `text` on the clipboard with an OSC 52 sequence.
    Copy { text: String },
    /// Hand the terminal to the user's editor on a private temp copy of the
    /// summary, then take it back.
    EditSummary {
        person_id: i64,
        week: Week,
        body: String,
    },
    /// Hand the terminal to the user's editor on a private temp copy of
    /// the open form's notes, then take it back.
    EditNotes { notes: String },
}

impl App {
    pub fn new(today: NaiveDate, keymap: Keymap, color: bool) -> App {
        App {
            today,
            now: today.and_time(chrono::NaiveTime::MIN).and_utc(),
            screen: Screen::Journal,
            keymap,
            color,
            settings: Settings::default(),
            people: Vec::new(),
            kinds: Vec::new(),
            people_fetch: Fetch::Idle,
            journal: journal::State::default(),
            overlay: None,
            status: None,
            read_only: false,
            checking: None,
            held: Vec::new(),
            saving: Saving::default(),
            loaded: false,
            insights: insights::State::default(),
            coach: next_steps::State::default(),
            prep: prep::State::default(),
            people_screen: people::State::default(),
        }
    }

    /// Whether keys wait for the writer: a form is open while a save runs
    /// (most likely its own, which closes it when answered), so what is
    /// typed next goes where the answer leaves the screen, in order.
    pub fn holds_keys(&self) -> bool {
        self.saving.in_flight > 0 && self.overlay.is_some()
    }

    pub fn manager(&self) -> Option<&Person> {
        self.people.iter().find(|p| p.is_current)
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            kind: StatusKind::Info,
            ttl: 24,
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            kind: StatusKind::Error,
            ttl: u16::MAX,
        });
    }
}
