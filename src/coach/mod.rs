//! The coach: the practices of DESIGN.md §1 as rules (`assets/playbook.toml`),
//! a plain `Signals` snapshot of one person's journal on one day, and a pure
//! `evaluate` that turns both, with the user's nudge state, into ranked
//! suggestions that carry their reason in numbers.

mod evaluate;
mod playbook;
mod promises;
mod quality;
mod render;
mod signal;
mod signals;
mod words;

use serde::{Deserialize, Serialize};

pub use evaluate::{LONG_AGENDA, NudgeState, SHOWN, Suggestion, evaluate};
pub use playbook::{PLACEHOLDERS, Playbook, PlaybookError};
pub use promises::{MOVED_WINDOW_DAYS, PromiseAbout};
pub use signals::{CoachFacts, Signal, SignalName, Signals};

/// The practices of DESIGN.md §1; every rule serves one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Practice {
    Trust,
    Peers,
    Interactions,
    Summary,
    Advice,
    Judgement,
}

impl Practice {
    pub const ALL: [Practice; 6] = [
        Practice::Trust,
        Practice::Peers,
        Practice::Interactions,
        Practice::Summary,
        Practice::Advice,
        Practice::Judgement,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Practice::Trust => "trust",
            Practice::Peers => "peers",
            Practice::Interactions => "interactions",
            Practice::Summary => "summary",
            Practice::Advice => "advice",
            Practice::Judgement => "judgement",
        }
    }

    /// The practice in a few words, for the Next steps screen.
    pub fn title(self) -> &'static str {
        match self {
            Practice::Trust => "trust is the key factor",
            Practice::Peers => "think of it as peers",
            Practice::Interactions => "more and better interactions",
            Practice::Summary => "a weekly summary before each 1:1",
            Practice::Advice => "ask for advice explicitly",
            Practice::Judgement => "your judgement, not boilerplate rules",
        }
    }
}

/// What accepting a suggestion opens, pre-filled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "form", rename_all = "snake_case", deny_unknown_fields)]
pub enum SuggestedAction {
    /// The add-entry form with this kind and, if given, a title.
    Log {
        kind: String,
        #[serde(default)]
        title: Option<String>,
    },
    /// Add a topic to the next 1:1's agenda.
    Topic { text: String },
    /// The check-in form.
    CheckIn,
    /// Write this week's summary.
    Summary,
    /// Set the next 1:1's date.
    Reschedule,
    /// Record the report-back on the oldest open advice ask.
    ReportBack,
    /// Edit the manager: strengths, cadence.
    EditPerson,
    /// The Prep screen's agenda: pick the topics, park the rest.
    Agenda,
    /// The Prep screen's promises: keep one, or give it a new day.
    Promises,
    /// Nothing to open: a note to read.
    None,
}
