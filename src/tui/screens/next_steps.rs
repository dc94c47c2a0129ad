//! The Next steps screen: the coach's suggestions for the current manager,
//! which one is selected, and what accept, snooze, dismiss and switch off
//! ask for. The suggestions also feed the Journal's bottom line.

use chrono::{Days, NaiveDate};

use super::super::app::Overlay;
use super::super::ctx::Ctx;
use super::super::forms;
use super::super::keymap::NextStepsAction;
use super::super::loading::{Fetch, RequestId};
use super::prep;
use super::{Ask, Outcome};
use crate::coach::{SuggestedAction, Suggestion};
use crate::domain::text::shown_line;
use crate::present::truncated;
use crate::store::Nudge;

/// The coach's suggestions, and which one the user is acting on.
#[derive(Debug, Clone)]
pub struct State {
    /// Active suggestions first, then quiet ones (snoozed, dismissed, off).
    pub suggestions: Vec<Suggestion>,
    pub next_one_on_one: Option<NaiveDate>,
    pub selected: usize,
    pub fetch: Fetch,
}

impl Default for State {
    fn default() -> State {
        State {
            suggestions: Vec::new(),
            next_one_on_one: None,
            selected: 0,
            fetch: Fetch::Idle,
        }
    }
}

impl State {
    /// The most urgent suggestion not snoozed, dismissed or switched off.
    pub fn top(&self) -> Option<&Suggestion> {
        self.suggestions.iter().find(|s| s.quiet.is_none())
    }
}

/// What comes back to the Next steps screen.
#[derive(Debug, Clone)]
pub enum Msg {
    Loaded {
        request: RequestId,
        suggestions: Vec<Suggestion>,
        next_one_on_one: Option<NaiveDate>,
    },
    /// A nudge was recorded; the words say what happened.
    Nudged(String),
    /// The report-back on the oldest open advice ask was recorded.
    AdviceReported,
}

/// What the Next steps screen asks the journal for.
#[derive(Debug, Clone)]
pub enum Cmd {
    Load {
        request: RequestId,
        person_id: i64,
    },
    Nudge {
        rule: String,
        person_id: i64,
        nudge: Nudge,
        /// What to say once it is recorded.
        said: String,
    },
    /// The report-back form opened from a suggestion: it answers the
    /// oldest open ask.
    ReportOldestAdvice {
        person_id: i64,
        applied: bool,
    },
}

impl Cmd {
    /// The fetch it answers, if it is one.
    pub fn request(&self) -> Option<RequestId> {
        match self {
            Cmd::Load { request, .. } => Some(*request),
            Cmd::Nudge { .. } | Cmd::ReportOldestAdvice { .. } => None,
        }
    }
}

pub fn update(state: &mut State, msg: Msg, _ctx: &Ctx<'_>) -> Outcome<Cmd> {
    match msg {
        Msg::Loaded {
            request,
            suggestions,
            next_one_on_one,
        } => {
            if state.fetch.finish(request) {
                state.suggestions = suggestions;
                state.next_one_on_one = next_one_on_one;
                let last = state.suggestions.len().saturating_sub(1);
                state.selected = live_near(&state.suggestions, state.selected.min(last));
            }
            Outcome::none()
        }
        Msg::Nudged(said) => Outcome::info(said),
        Msg::AdviceReported => Outcome::info("report-back recorded").and(Ask::CloseForm),
    }
}

/// Asks for the suggestions when they are wanted (on every screen: the
/// Journal shows the top one).
pub fn refresh(state: &mut State, ctx: &Ctx<'_>) -> Option<Cmd> {
    if !state.fetch.wanted() || ctx.people_loading {
        return None;
    }
    let person_id = ctx.manager()?.id;
    let request = state.fetch.start();
    Some(Cmd::Load { request, person_id })
}

fn cooldown(ctx: &Ctx<'_>, rule: &str) -> u64 {
    ctx.playbook
        .rules
        .iter()
        .find(|r| r.id == rule)
        .map_or(14, |r| u64::from(r.cooldown_days))
}

fn nudge(s: &Suggestion, nudge: Nudge, said: String, ctx: &Ctx<'_>) -> Option<Cmd> {
    Some(Cmd::Nudge {
        rule: s.rule.clone(),
        person_id: ctx.manager()?.id,
        nudge,
        said,
    })
}

/// Records `s` as done: it stays quiet for its rule's cooldown.
pub fn done(s: &Suggestion, ctx: &Ctx<'_>) -> Option<Cmd> {
    let until = ctx.today + Days::new(cooldown(ctx, &s.rule));
    let said = format!("done: {}", truncated(&shown_line(&s.message), 60));
    nudge(
        s,
        Nudge::Done {
            anchor: s.anchor,
            until,
        },
        said,
        ctx,
    )
}

/// The summary was marked sent, however it was reached: the suggestions to
/// send one are done, each recorded with `said`.
pub fn summary_sent(state: &State, said: &str, ctx: &Ctx<'_>) -> Vec<Cmd> {
    state
        .suggestions
        .iter()
        .filter(|s| s.quiet.is_none() && matches!(s.action, SuggestedAction::Summary))
        .filter_map(|s| done(s, ctx))
        .map(|mut cmd| {
            if let Cmd::Nudge {
                said: nudge_said, ..
            } = &mut cmd
            {
                nudge_said.clear();
                nudge_said.push_str(said);
            }
            cmd
        })
        .collect()
}

/// The row for the cursor after the list changed: `at` when it is a live
/// suggestion, else the nearest live one after it, else before it; a
/// snoozed or switched-off row ("Quiet for now") is never where the next
/// key lands unless nothing is live.
pub fn live_near(suggestions: &[Suggestion], at: usize) -> usize {
    let live = |i: &usize| suggestions.get(*i).is_some_and(|s| s.quiet.is_none());
    (at..suggestions.len())
        .find(live)
        .or_else(|| (0..at).rev().find(live))
        .unwrap_or(at)
}

/// An action of `[next_steps]`: move, or act on the selected suggestion.
pub fn on_action(state: &mut State, action: NextStepsAction, ctx: &Ctx<'_>) -> Outcome<Cmd> {
    let count = state.suggestions.len();
    match action {
        NextStepsAction::Down => {
            state.selected = (state.selected + 1).min(count.saturating_sub(1));
            return Outcome::none();
        }
        NextStepsAction::Up => {
            state.selected = state.selected.saturating_sub(1);
            return Outcome::none();
        }
        NextStepsAction::CheckIn => {
            let form = Box::new(forms::check_in_form());
            return Outcome::ask(Ask::Open(Overlay::Form(form)));
        }
        NextStepsAction::TakeStep
        | NextStepsAction::SnoozeDay
        | NextStepsAction::SnoozeWeek
        | NextStepsAction::SnoozeNextOneOnOne
        | NextStepsAction::Dismiss
        | NextStepsAction::SwitchOff => {}
    }
    let Some(s) = state.suggestions.get(state.selected).cloned() else {
        return Outcome::none();
    };
    let today = ctx.today;
    let cmd = match action {
        NextStepsAction::TakeStep => return accept(s, ctx),
        NextStepsAction::SnoozeDay => nudge(
            &s,
            Nudge::Snooze(today + Days::new(1)),
            "snoozed until tomorrow".into(),
            ctx,
        ),
        NextStepsAction::SnoozeWeek => nudge(
            &s,
            Nudge::Snooze(today + Days::new(7)),
            "snoozed for a week".into(),
            ctx,
        ),
        NextStepsAction::SnoozeNextOneOnOne => {
            let after = state
                .next_one_on_one
                .filter(|d| *d >= today)
                .unwrap_or(today + Days::new(6))
                + Days::new(1);
            let said = format!(
                "snoozed until after the next 1:1 ({})",
                after.format("%a %-d %b")
            );
            nudge(&s, Nudge::Snooze(after), said, ctx)
        }
        NextStepsAction::Dismiss => {
            let until = today + Days::new(cooldown(ctx, &s.rule));
            nudge(
                &s,
                Nudge::Dismiss {
                    anchor: s.anchor,
                    until,
                },
                "dismissed; it comes back if it happens again".into(),
                ctx,
            )
        }
        NextStepsAction::SwitchOff => {
            if s.quiet.as_deref() == Some("switched off") {
                nudge(
                    &s,
                    Nudge::SwitchOn,
                    format!("switched {} back on", s.rule),
                    ctx,
                )
            } else {
                let said = format!("switched {} off; o on it again switches it back on", s.rule);
                nudge(&s, Nudge::SwitchOff, said, ctx)
            }
        }
        // Answered above.
        NextStepsAction::Down | NextStepsAction::Up | NextStepsAction::CheckIn => None,
    };
    cmd.into()
}

/// Opens the form the suggestion names, pre-filled; the form keeps the
/// suggestion, done once the form saves.
fn accept(s: Suggestion, ctx: &Ctx<'_>) -> Outcome<Cmd> {
    if s.quiet.as_deref() == Some("switched off") {
        return Outcome::info("this rule is switched off: o switches it back on");
    }
    let manager = ctx.manager();
    let mut form = match &s.action {
        SuggestedAction::Log { kind, title } => {
            forms::suggested_entry_form(ctx.kinds, ctx.people, manager, kind, title.as_deref())
        }
        // The summary is written on the Prep screen; the suggestion is done
        // once the summary is marked sent.
        SuggestedAction::Summary => return Outcome::ask(Ask::EditSummary),
        SuggestedAction::Topic { text } => forms::topic_form(text),
        SuggestedAction::CheckIn => forms::check_in_form(),
        SuggestedAction::Reschedule => forms::reschedule_form(),
        SuggestedAction::ReportBack => forms::report_back_form(&s.message, None),
        SuggestedAction::EditPerson => forms::person_form(manager, false),
        SuggestedAction::Agenda => {
            return Outcome::from(done(&s, ctx)).and(Ask::ShowPrep(prep::Pane::Agenda));
        }
        // Not done by looking: the promise kept or moved quiets it.
        SuggestedAction::Promises => return Outcome::ask(Ask::ShowPrep(prep::Pane::Promises)),
        SuggestedAction::None => return done(&s, ctx).into(),
    };
    form.accepted = Some(s);
    Outcome::ask(Ask::Open(Overlay::Form(Box::new(form))))
}
