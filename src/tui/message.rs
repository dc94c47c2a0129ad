//! The messages that change the TUI's state (`Msg`: a key, a tick, the
//! store's answer) and the commands `update` asks the store to run (`Cmd`).

use chrono::{DateTime, NaiveDate, Utc};
use crossterm::event::KeyEvent;

use super::app::TerminalCmd;
use super::forms;
use super::loading::{Changed, RequestId};
use super::screens::{insights, journal, next_steps, people, prep};
use crate::domain::{Kind, Person};

/// Something that happened: a key, a tick, or the store's answer.
#[derive(Debug, Clone)]
pub enum Msg {
    /// The TUI opened: the people and the newest page are asked for.
    Start,
    Key(KeyEvent),
    Paste(String),
    /// About four times a second, with the clock read at the edge: fades
    /// messages, saves drafts when idle, and moves the TUI to a new day
    /// when the calendar turns (`update` never reads the clock itself).
    Tick {
        today: NaiveDate,
        now: DateTime<Utc>,
    },
    /// The terminal's size, and the rows of the Journal's list at that
    /// size (made by `Msg::resized`, where the layout is known).
    Resized {
        width: u16,
        height: u16,
        journal_rows: usize,
    },
    /// The terminal came back from a suspend.
    Resumed,
    /// The session is ending (quit, a signal, the terminal gone).
    Closing,
    /// The full check of a journal that was not sealed: how far it has come
    /// (percent), or that it passed (the event loop has swapped in the
    /// writable store).
    CheckProgress(u8),
    CheckPassed,
    Journal(journal::Msg),
    /// An answer for the forms (a save, the editor's notes, a draft found).
    Form(forms::Msg),
    PeopleLoaded {
        request: RequestId,
        people: Vec<Person>,
        kinds: Vec<Kind>,
    },
    People(people::Msg),
    NextSteps(next_steps::Msg),
    Insights(insights::Msg),
    Prep(prep::Msg),
    /// A write went through; what rests on what it changed is fetched again.
    Changed(Changed),
    /// A save went to the writer thread (`Cmd::is_save`): the status line
    /// says "saving…" if its answer is slow to come.
    SaveSent,
    /// The writer's answer to a save comes next (after this message).
    SaveAnswered,
    /// A save that lost to another instance's edit.
    Stale(String),
    /// The store (or the terminal) said no; `request` names the fetch that
    /// failed, `None` for a write.
    Failed {
        request: Option<RequestId>,
        error: String,
    },
}

impl Msg {
    /// The terminal is `width`×`height` now: the message carries what the
    /// Journal's list shows at that size, worked out here from the layout
    /// the views draw with, so that `update` never asks a view.
    pub fn resized(width: u16, height: u16) -> Msg {
        Msg::Resized {
            width,
            height,
            journal_rows: super::layout::journal_list_height(width, height),
        }
    }
}

impl Cmd {
    /// Whether it only reads, may take long on a large journal, and is
    /// answered with its request id (so a late answer is dropped): the
    /// event loop runs these on the worker, off the thread that answers keys.
    pub fn is_slow_read(&self) -> bool {
        // Every fetch but pages and people: those are quick, and the next
        // key needs them.
        self.request().is_some()
            && !matches!(
                self,
                Cmd::LoadPeople { .. } | Cmd::Journal(journal::Cmd::LoadPage { .. })
            )
    }

    /// Whether it writes (the journal, or a file): every command but the
    /// fetches and the terminal's work. While the journal is being checked
    /// these wait (see `tui::check::hold`).
    pub fn waits_for_check(&self) -> bool {
        self.request().is_none() && !matches!(self, Cmd::Terminal(_) | Cmd::Batch(_))
    }

    /// Whether it is a save the user waits for: a write (`waits_for_check`)
    /// but not the drafts kept quietly in the background. The event loop
    /// counts these while they run on the writer thread.
    pub fn is_save(&self) -> bool {
        self.waits_for_check() && !matches!(self, Cmd::Form(cmd) if cmd.is_draft())
    }

    /// The fetch this command answers, if it is one.
    pub fn request(&self) -> Option<RequestId> {
        match self {
            Cmd::LoadPeople { request } => Some(*request),
            Cmd::Insights(cmd) => Some(cmd.request()),
            Cmd::People(cmd) => cmd.request(),
            Cmd::Journal(cmd) => cmd.request(),
            Cmd::NextSteps(cmd) => cmd.request(),
            Cmd::Prep(cmd) => cmd.request(),
            // A form only writes (or looks for drafts, which is quick).
            Cmd::Form(_) | Cmd::Terminal(_) | Cmd::Batch(_) => None,
        }
    }
}

/// Work for the store; `effects` runs it and answers with a `Msg`.
#[derive(Debug, Clone)]
pub enum Cmd {
    LoadPeople {
        request: RequestId,
    },
    People(people::Cmd),
    Journal(journal::Cmd),
    /// A form's own work: a save, a draft kept or dropped.
    Form(forms::Cmd),
    NextSteps(next_steps::Cmd),
    Insights(insights::Cmd),
    Prep(prep::Cmd),
    /// For the event loop, not the store.
    Terminal(TerminalCmd),
    Batch(Vec<Cmd>),
}

impl From<forms::Work> for Cmd {
    /// A form's work: its own command, or the command of the screen whose
    /// data it edits (run and answered as that screen's).
    fn from(work: forms::Work) -> Cmd {
        match work {
            forms::Work::Form(cmd) => Cmd::Form(cmd),
            forms::Work::Prep(cmd) => Cmd::Prep(cmd),
            forms::Work::People(cmd) => Cmd::People(cmd),
            forms::Work::NextSteps(cmd) => Cmd::NextSteps(cmd),
        }
    }
}
