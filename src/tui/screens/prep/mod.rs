//! The Prep screen: the current manager's prep sheet, which pane has the
//! focus and what is selected in each, this week's summary; the answers it
//! waits for (`Msg`) and the work it asks for (`Cmd`): the agenda, promises,
//! advice report-backs, the next 1:1's date, the summary (generate, edit
//! here or in `$EDITOR`, copy, write, mark sent) and the after-the-1:1 save.

mod actions;
mod update;

use std::path::PathBuf;

use chrono::NaiveDate;

pub use actions::{Action, on_action};
pub use update::update;

use super::super::app::Screen;
use super::super::ctx::Ctx;
use super::super::loading::{Fetch, RequestId};
use crate::domain::{FollowUps, Person, PromiseDraft, Topic, TopicStatus, Week, WeeklySummary};
use crate::prep::PrepSheet;
use crate::store::{OneOnOneRecord, RecordedOneOnOne, SentSummary, TopicMove};

/// A pane of the Prep screen, in the order `h`/`l` move through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Agenda,
    /// Open promises, mine due by the next 1:1 first, and those kept.
    Promises,
    /// Their goals, pressures, style, expectations to confirm.
    About,
    Advice,
    Since,
    Summary,
}

impl Pane {
    pub const ALL: [Pane; 6] = [
        Pane::Agenda,
        Pane::Promises,
        Pane::Advice,
        Pane::Since,
        Pane::Summary,
        Pane::About,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Agenda => "Agenda",
            Pane::Promises => "Promises",
            Pane::About => "About",
            Pane::Advice => "Advice",
            Pane::Since => "Since",
            Pane::Summary => "Summary",
        }
    }

    fn index(self) -> usize {
        Pane::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }

    pub fn next(self) -> Pane {
        Pane::ALL[(self.index() + 1) % Pane::ALL.len()]
    }

    pub fn prev(self) -> Pane {
        let count = Pane::ALL.len();
        Pane::ALL[(self.index() + count - 1) % count]
    }
}

/// The current manager's prep sheet, which pane has the focus and what is
/// selected in each.
#[derive(Debug, Clone)]
pub struct State {
    pub sheet: Option<Box<PrepSheet>>,
    /// This week's saved summary, sent or not.
    pub summary: Option<Box<WeeklySummary>>,
    /// The week whose summary the after-the-1:1 form's picks go on (this
    /// week's, or last week's for a 1:1 early in the week); `None` when there
    /// is no summary to pick from.
    pub picks_week: Option<Week>,
    pub fetch: Fetch,
    pub focus: Pane,
    pub topic_selected: usize,
    pub advice_selected: usize,
    pub since_selected: usize,
    /// The selected open promise.
    pub promise_selected: usize,
    /// The topic to select when the sheet next arrives (it just moved).
    pub select_topic: Option<i64>,
    /// Lines the summary preview is scrolled by.
    pub summary_scroll: u16,
    /// The furthest it scrolls and still ends at the draft's last line, as
    /// the last frame measured it (the view knows how the lines wrap).
    pub summary_end: Option<u16>,
}

impl Default for State {
    fn default() -> State {
        State {
            sheet: None,
            summary: None,
            picks_week: None,
            fetch: Fetch::Idle,
            focus: Pane::Agenda,
            topic_selected: 0,
            advice_selected: 0,
            since_selected: 0,
            promise_selected: 0,
            select_topic: None,
            summary_scroll: 0,
            summary_end: None,
        }
    }
}

/// What to do once this week's summary draft is ready.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryNext {
    Show,
    /// Open it in the in-app editor.
    Edit,
    /// Open it in `$VISUAL`/`$EDITOR`.
    EditExternally,
}

/// What comes back to the Prep screen.
#[derive(Debug, Clone)]
pub enum Msg {
    Loaded {
        request: RequestId,
        person_id: i64,
        sheet: Box<PrepSheet>,
        summary: Option<Box<WeeklySummary>>,
        picks_week: Option<Week>,
    },
    TopicAdded(Topic),
    TopicMoved {
        id: i64,
        moved: bool,
    },
    TopicClosed(Topic),
    /// The next 1:1's day was set on the person.
    Rescheduled(Person),
    /// A promise was added, kept, moved or dropped: the words say which.
    PromiseChanged(String),
    /// The report-back on an advice ask was recorded.
    AdviceReported,
    /// This week's draft, generated afresh or as saved.
    SummaryReady {
        summary: Box<WeeklySummary>,
        generated: bool,
        /// The user's template could not be used; the built-in one was.
        template_error: Option<String>,
        then: SummaryNext,
    },
    SummarySaved(Box<WeeklySummary>),
    SummarySent(Box<SentSummary>),
    SummaryWritten(PathBuf),
    /// The file is there already: ask before replacing it.
    SummaryFileExists {
        path: PathBuf,
        body: String,
    },
    /// The clipboard sequence was written.
    Copied {
        words: usize,
    },
    /// The editor closed: `body` is the text when it changed, `said` what
    /// happened otherwise.
    EditedExternally {
        person_id: i64,
        week: Week,
        body: Option<String>,
        said: String,
    },
    OneOnOneRecorded(Box<RecordedOneOnOne>),
    /// A frame measured how far the summary preview scrolls.
    SummaryMeasured {
        end: u16,
    },
}

/// What the Prep screen asks the journal for.
#[derive(Debug, Clone)]
pub enum Cmd {
    Load {
        request: RequestId,
        person_id: i64,
    },
    AddTopic {
        person_id: i64,
        text: String,
    },
    MoveTopic {
        id: i64,
        direction: TopicMove,
    },
    CloseTopic {
        id: i64,
        status: TopicStatus,
    },
    SetNextOneOnOne {
        person_id: i64,
        day: NaiveDate,
    },
    /// A change to one promise.
    Promise(PromiseCmd),
    ReportAdvice {
        loop_id: i64,
        applied: bool,
    },
    /// This week's summary: the saved draft, or a fresh one generated and
    /// saved when there is none (or `fresh`).
    DraftSummary {
        person_id: i64,
        week: Week,
        fresh: bool,
        then: SummaryNext,
    },
    SaveSummary {
        person_id: i64,
        week: Week,
        body: String,
    },
    MarkSummarySent {
        person_id: i64,
        week: Week,
        body: String,
    },
    WriteSummary {
        path: PathBuf,
        body: String,
        replace: bool,
    },
    RecordOneOnOne {
        record: Box<OneOnOneRecord>,
        follow_ups: FollowUps,
        /// The 1:1 already logged that it is saved onto, instead of a new one.
        attach_to: Option<i64>,
    },
}

impl Cmd {
    /// The fetch it answers, if it is one.
    pub fn request(&self) -> Option<RequestId> {
        match self {
            Cmd::Load { request, .. } => Some(*request),
            Cmd::AddTopic { .. }
            | Cmd::MoveTopic { .. }
            | Cmd::CloseTopic { .. }
            | Cmd::SetNextOneOnOne { .. }
            | Cmd::Promise(_)
            | Cmd::ReportAdvice { .. }
            | Cmd::DraftSummary { .. }
            | Cmd::SaveSummary { .. }
            | Cmd::MarkSummarySent { .. }
            | Cmd::WriteSummary { .. }
            | Cmd::RecordOneOnOne { .. } => None,
        }
    }
}

/// What the promises pane asks of a promise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromiseCmd {
    Add(PromiseDraft),
    /// Kept today.
    Keep(i64),
    Move {
        id: i64,
        due_on: NaiveDate,
    },
    Drop(i64),
}

/// Asks for the sheet when the Prep screen shows and it is wanted.
pub fn refresh(state: &mut State, ctx: &Ctx<'_>) -> Option<Cmd> {
    if ctx.screen != Screen::Prep || !state.fetch.wanted() || ctx.people_loading {
        return None;
    }
    let person_id = ctx.manager()?.id;
    let request = state.fetch.start();
    Some(Cmd::Load { request, person_id })
}

/// This week's summary, the saved draft or a fresh one, to open in the
/// in-app editor once it is there (a suggestion asked to write it).
pub fn draft_for_editing(ctx: &Ctx<'_>) -> Option<Cmd> {
    let manager = ctx.manager()?;
    Some(draft_summary(ctx, manager, false, SummaryNext::Edit))
}

fn draft_summary(ctx: &Ctx<'_>, manager: &Person, fresh: bool, then: SummaryNext) -> Cmd {
    Cmd::DraftSummary {
        person_id: manager.id,
        week: Week::containing(ctx.today),
        fresh,
        then,
    }
}
