//! The TUI's state, the messages that change it and the commands it asks
//! the store to run. Plain data: views read it, `update` changes it.

use chrono::NaiveDate;
use crossterm::event::KeyEvent;

use super::forms::OpenForm;
use super::input::LineInput;
use super::keymap::Keymap;
use crate::coach::{Playbook, Suggestion};
use crate::config::Targets;
use crate::domain::{
    CheckIn, CheckInDraft, Interaction, InteractionDraft, Kind, Person, PersonDraft,
};
use crate::insights::{Insights, Range};
use crate::store::{Cursor, InteractionFilter};

/// Rows fetched per page, and the most kept in memory at once.
pub const PAGE: u32 = 100;
pub const WINDOW: usize = 300;
/// How close to the edge of the loaded rows the selection gets before the
/// next page is fetched.
pub const PREFETCH: usize = 20;
/// The largest paste accepted, in bytes.
pub const PASTE_LIMIT: usize = 1 << 20;

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

/// Where a page of the timeline goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFrom {
    /// The newest rows: replaces what is loaded.
    Start,
    /// Rows older than the cursor: appended.
    Older(Cursor),
    /// Rows newer than the cursor: prepended.
    Newer(Cursor),
}

/// The loaded window of the timeline and the selection in it.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    pub rows: Vec<Interaction>,
    pub selected: usize,
    /// The first row drawn.
    pub offset: usize,
    pub filter: InteractionFilter,
    /// Bumped on every filter change, so a page for an old filter is dropped.
    pub generation: u64,
    pub loading: bool,
    /// Nothing older than the last row exists.
    pub at_oldest: bool,
    /// Nothing newer than the first row exists.
    pub at_newest: bool,
    /// Lines the notes pane is scrolled by.
    pub detail_scroll: u16,
    /// The entry to select when the next fresh page arrives.
    pub pending_select: Option<i64>,
}

impl Timeline {
    pub fn selected_entry(&self) -> Option<&Interaction> {
        self.rows.get(self.selected)
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
    RestoreDraft { key: String, form: Box<OpenForm> },
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
    pub today: NaiveDate,
    pub screen: Screen,
    pub keymap: Keymap,
    /// Colour on, unless NO_COLOR is set.
    pub color: bool,
    pub people: Vec<Person>,
    pub kinds: Vec<Kind>,
    pub timeline: Timeline,
    /// The search line, while it is being typed.
    pub search: Option<LineInput>,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    pub people_selected: usize,
    /// Rows of the timeline list on screen, from the last known size.
    pub list_height: usize,
    /// Ticks since the open form last changed; `None` when nothing is unsaved.
    pub draft_idle_ticks: Option<u16>,
    pub quit: bool,
    pub suspend: bool,
    /// Whether people have been loaded at least once (for onboarding).
    pub loaded: bool,
    pub insights: InsightsState,
    pub coach: CoachState,
}

/// The coach's suggestions for the current manager, and which one the user
/// is acting on.
#[derive(Debug, Clone)]
pub struct CoachState {
    pub playbook: Playbook,
    /// Active suggestions first, then quiet ones (snoozed, dismissed, off).
    pub suggestions: Vec<Suggestion>,
    pub next_one_on_one: Option<NaiveDate>,
    pub selected: usize,
    pub stale: bool,
    pub loading: bool,
    /// The suggestion whose form is open: done once that form saves.
    pub accepted: Option<Suggestion>,
}

impl CoachState {
    /// The most urgent suggestion not snoozed, dismissed or switched off.
    pub fn top(&self) -> Option<&Suggestion> {
        self.suggestions.iter().find(|s| s.quiet.is_none())
    }
}

/// The Insights screen's figures and what they are for.
#[derive(Debug, Clone)]
pub struct InsightsState {
    pub range: Range,
    /// Whose figures; the current manager when not chosen.
    pub person_id: Option<i64>,
    pub data: Option<Box<Insights>>,
    /// The journal changed since `data` was computed.
    pub stale: bool,
    pub loading: bool,
    /// Cadence targets from the settings.
    pub targets: Targets,
}

impl App {
    pub fn new(today: NaiveDate, keymap: Keymap, color: bool) -> App {
        App {
            today,
            screen: Screen::Journal,
            keymap,
            color,
            people: Vec::new(),
            kinds: Vec::new(),
            timeline: Timeline::default(),
            search: None,
            overlay: None,
            status: None,
            people_selected: 0,
            list_height: 20,
            draft_idle_ticks: None,
            quit: false,
            suspend: false,
            loaded: false,
            insights: InsightsState {
                range: Range::ThreeMonths,
                person_id: None,
                data: None,
                stale: true,
                loading: false,
                targets: Targets::default(),
            },
            coach: CoachState {
                playbook: Playbook::builtin(),
                suggestions: Vec::new(),
                next_one_on_one: None,
                selected: 0,
                stale: true,
                loading: false,
                accepted: None,
            },
        }
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

/// Something that happened: a key, a tick, or the store's answer.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Paste(String),
    /// About four times a second: fades messages, saves drafts when idle.
    Tick,
    Resized {
        width: u16,
        height: u16,
    },
    /// The terminal came back from a suspend.
    Resumed,
    PageLoaded {
        generation: u64,
        from: PageFrom,
        rows: Vec<Interaction>,
    },
    EntrySaved {
        entry: Box<Interaction>,
        was_edit: bool,
    },
    EntryDeleted(Box<Interaction>),
    EntryRestored(Option<Box<Interaction>>),
    CheckInSaved(CheckIn),
    PersonSaved(Person),
    PeopleLoaded {
        people: Vec<Person>,
        kinds: Vec<Kind>,
    },
    DraftFound {
        key: String,
        body: String,
    },
    CoachLoaded {
        suggestions: Vec<Suggestion>,
        next_one_on_one: Option<NaiveDate>,
    },
    /// A nudge was recorded; the words say what happened.
    Nudged(String),
    TopicAdded(crate::domain::Topic),
    AdviceReported,
    InsightsLoaded {
        person_id: i64,
        range: Range,
        insights: Box<Insights>,
    },
    /// A save that lost to another instance's edit.
    Stale(String),
    Failed(String),
}

/// Work for the store; `effects` runs it and answers with a `Msg`.
#[derive(Debug, Clone)]
pub enum Cmd {
    LoadPeople,
    LoadPage {
        generation: u64,
        filter: InteractionFilter,
        from: PageFrom,
    },
    SaveEntry {
        draft: Box<InteractionDraft>,
        editing: Option<(i64, i64)>,
    },
    DeleteEntry(i64),
    UndoDelete,
    SaveCheckIn(CheckInDraft),
    SavePerson {
        draft: PersonDraft,
        editing: Option<i64>,
        make_current: bool,
    },
    SetCurrent(i64),
    LoadCoach {
        person_id: i64,
        playbook: Box<Playbook>,
    },
    Nudge {
        rule: String,
        person_id: i64,
        nudge: crate::store::Nudge,
        /// What to say once it is recorded.
        said: String,
    },
    AddTopic {
        person_id: i64,
        text: String,
    },
    SetNextOneOnOne {
        person_id: i64,
        day: NaiveDate,
    },
    ReportOldestAdvice {
        person_id: i64,
        applied: bool,
    },
    LoadInsights {
        person_id: i64,
        range: Range,
        targets: Targets,
    },
    FindDrafts,
    SaveDraft {
        key: String,
        body: String,
    },
    DiscardDraft(String),
    Batch(Vec<Cmd>),
}
