//! The screens as Elm modules: each owns its `State`, its `Msg` (the
//! answers it waits for), its `Cmd` (the work it asks for), an `update`
//! over them with a read-only `Ctx`, and an `on_action` over its keymap
//! section's own action enum (`keymap::JournalAction`, …). The top-level `Msg`/`Cmd` wrap them
//! (`Msg::Insights(insights::Msg)`), so routing is checked by the compiler.
//! What a screen cannot do itself (the status line, an overlay, the
//! journal's page, another screen) it asks for with an `Ask`.
//! Moved: Journal, Insights, Next steps, People, Prep; the forms (`tui::forms`)
//! have the same shape and answer with the same `Outcome`.

pub mod insights;
pub mod journal;
pub mod next_steps;
pub mod people;
pub mod prep;

use super::app::{Overlay, TerminalCmd};
use crate::store::InteractionFilter;

/// What a screen asks of the TUI around it: what only the `App` holds.
#[derive(Debug, Clone)]
pub enum Ask {
    Info(String),
    Error(String),
    /// Cover the screen with a form or a question.
    Open(Overlay),
    /// Cover the screen with this unless something covers it already (a
    /// draft found while a form is open is not offered over it).
    Offer(Overlay),
    /// The form that was saved closes: its draft goes, and a suggestion
    /// accepted through it is done.
    CloseForm,
    /// The journal's newest page again, this entry selected.
    ReloadJournal(Option<i64>),
    /// An entry was saved: the Journal shows it selected, its notes from the top.
    ShowEntry(i64),
    /// The Journal's timeline under this filter, from its newest row.
    Filter(InteractionFilter),
    /// Work for the terminal itself (the clipboard, the editor).
    Terminal(TerminalCmd),
    /// Show Prep with this pane in front; a sheet that failed is asked again.
    ShowPrep(prep::Pane),
    /// Show Prep and open this week's summary in the in-app editor
    /// (generated when there is none).
    EditSummary,
    /// The summary went out: the coach's suggestions to send one are done,
    /// each recorded with these words.
    SummarySent(String),
}

/// What a screen's `update` or `on_action` hands back: its own work, then
/// what it asks of the TUI, in order.
#[derive(Debug, Clone)]
#[must_use]
pub struct Outcome<C> {
    pub cmds: Vec<C>,
    pub asks: Vec<Ask>,
}

impl<C> Default for Outcome<C> {
    fn default() -> Self {
        Outcome {
            cmds: Vec::new(),
            asks: Vec::new(),
        }
    }
}

impl<C> Outcome<C> {
    /// Nothing to run, nothing to ask.
    pub fn none() -> Self {
        Outcome::default()
    }

    pub fn cmd(cmd: C) -> Self {
        Outcome::none().with(Some(cmd))
    }

    pub fn ask(ask: Ask) -> Self {
        Outcome::none().and(ask)
    }

    pub fn info(text: impl Into<String>) -> Self {
        Outcome::ask(Ask::Info(text.into()))
    }

    /// Also this work, when there is some.
    pub fn with(mut self, cmd: Option<C>) -> Self {
        self.cmds.extend(cmd);
        self
    }

    /// Also this ask.
    pub fn and(mut self, ask: Ask) -> Self {
        self.asks.push(ask);
        self
    }
}

impl<C> From<Option<C>> for Outcome<C> {
    fn from(cmd: Option<C>) -> Self {
        Outcome::none().with(cmd)
    }
}
