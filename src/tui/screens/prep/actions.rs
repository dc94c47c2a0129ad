//! The Prep screen's keys: move between and within panes, and the forms,
//! questions and commands its actions open or ask for.

use chrono::NaiveDate;

use super::super::super::app::{Overlay, Question, TerminalCmd};
use super::super::super::ctx::Ctx;
use super::super::super::forms;
use super::super::super::keymap::{
    PrepAction, PrepAdviceAction, PrepAgendaAction, PrepPromisesAction,
};
use super::super::super::message::Cmd as AppCmd;
use super::super::{Ask, Outcome};
use super::{Cmd, Pane, PromiseCmd, State, SummaryNext, draft_summary};
use crate::domain::text::shown_line;
use crate::domain::{Person, Promise, TopicStatus, Week};
use crate::prep::{SummaryStatus, short_date};
use crate::present::truncated;
use crate::store::TopicMove;

/// A question whose yes runs one of the screen's commands.
fn confirm(title: &str, text: String, yes: Cmd) -> Ask {
    Ask::Open(Overlay::Confirm(Question::Confirm {
        title: title.into(),
        text,
        yes: Box::new(AppCmd::Prep(yes)),
    }))
}

fn open(form: forms::OpenForm) -> Outcome<Cmd> {
    Outcome::ask(Ask::Open(Overlay::Form(Box::new(form))))
}

/// This week's summary body when there is one to act on.
pub(super) fn summary_body(state: &State) -> Option<String> {
    state
        .summary
        .as_ref()
        .map(|s| s.body.clone())
        .filter(|b| !b.trim().is_empty())
}

/// The day this week's summary was sent through rapport, if it was.
fn sent_on(state: &State) -> Option<chrono::NaiveDate> {
    state.summary.as_ref().and_then(|s| s.sent_on)
}

/// Why a sent summary is not edited or generated again.
pub(super) fn kept_as_sent(ctx: &Ctx<'_>, on: chrono::NaiveDate) -> Ask {
    let key = |a: PrepAction| ctx.keymap.keys_for(a);
    Ask::Info(format!(
        "the summary for this 1:1 was sent {}; it is kept as sent ({} copies it, {} writes it)",
        short_date(on, ctx.today),
        key(PrepAction::CopySummary),
        key(PrepAction::WriteSummary)
    ))
}

fn no_summary_yet(ctx: &Ctx<'_>) -> Outcome<Cmd> {
    let key = ctx.keymap.keys_for(PrepAction::GenerateSummary);
    Outcome::info(format!(
        "no summary this week yet: {key} generates one from the journal"
    ))
}

/// The next 1:1 with `person_id` as the sheet has it: what a due day of
/// "next 1:1" means in a promise form opened now.
fn next_one_on_one(state: &State, person_id: i64) -> Option<NaiveDate> {
    state
        .sheet
        .as_ref()
        .filter(|s| s.person_id == person_id)
        .and_then(|s| s.next_one_on_one.on)
}

/// What a key means on Prep: an action of `[prep]`, or of the section of
/// the pane in focus (whose keys are looked up first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Prep(PrepAction),
    Agenda(PrepAgendaAction),
    Advice(PrepAdviceAction),
    Promises(PrepPromisesAction),
}

/// An action of `[prep]` or of the section of the pane in focus.
pub fn on_action(state: &mut State, action: Action, ctx: &Ctx<'_>) -> Outcome<Cmd> {
    if action == Action::Prep(PrepAction::CheckIn) {
        return open(forms::check_in_form());
    }
    let Some(manager) = ctx.manager() else {
        return Outcome::info("add your manager first (People, 5)");
    };
    let week = Week::containing(ctx.today);
    match action {
        Action::Prep(PrepAction::NextPane) => {
            state.focus = state.focus.next();
            Outcome::none()
        }
        Action::Prep(PrepAction::PrevPane) => {
            state.focus = state.focus.prev();
            Outcome::none()
        }
        Action::Prep(PrepAction::Down) => {
            move_in_pane(state, 1);
            Outcome::none()
        }
        Action::Prep(PrepAction::Up) => {
            move_in_pane(state, -1);
            Outcome::none()
        }
        Action::Promises(PrepPromisesAction::AddPromise) => {
            let next = next_one_on_one(state, manager.id);
            open(forms::promise_form(manager.id, &manager.name, next))
        }
        Action::Prep(PrepAction::AddTopic) => open(forms::topic_form("")),
        Action::Promises(PrepPromisesAction::KeepPromise) => selected_promise(state)
            .map(|p| Cmd::Promise(PromiseCmd::Keep(p.id)))
            .into(),
        Action::Promises(PrepPromisesAction::MovePromise) => match selected_promise(state) {
            Some(p) => open(forms::move_promise_form(
                p.id,
                &p.text,
                next_one_on_one(state, manager.id),
            )),
            None => Outcome::none(),
        },
        Action::Promises(PrepPromisesAction::DropPromise) => match selected_promise(state) {
            Some(p) => Outcome::ask(confirm(
                "Drop the promise",
                format!(
                    "Drop “{}”? Say so to them too; it stays in the history.",
                    truncated(&shown_line(&p.text), 60)
                ),
                Cmd::Promise(PromiseCmd::Drop(p.id)),
            )),
            None => Outcome::none(),
        },
        Action::Prep(PrepAction::SetNextOneOnOne) => open(forms::reschedule_form()),
        Action::Prep(PrepAction::TopicUp) | Action::Prep(PrepAction::TopicDown) => {
            let direction = if action == Action::Prep(PrepAction::TopicUp) {
                TopicMove::Up
            } else {
                TopicMove::Down
            };
            selected_topic(state)
                .map(|(id, _)| Cmd::MoveTopic { id, direction })
                .into()
        }
        Action::Agenda(PrepAgendaAction::TopicDiscussed) => selected_topic(state)
            .map(|(id, _)| Cmd::CloseTopic {
                id,
                status: TopicStatus::Discussed,
            })
            .into(),
        Action::Advice(PrepAdviceAction::ReportBack) => {
            let ask = state
                .sheet
                .as_ref()
                .and_then(|s| s.advice.get(state.advice_selected));
            match ask {
                Some(ask) => open(forms::report_back_form(
                    &ask.advice.question,
                    Some(ask.advice.id),
                )),
                None => Outcome::none(),
            }
        }
        Action::Prep(PrepAction::DropTopic) => match selected_topic(state) {
            Some((id, text)) => Outcome::ask(confirm(
                "Drop the topic",
                format!(
                    "Drop “{}” from the agenda without discussing it?",
                    truncated(&shown_line(&text), 60)
                ),
                Cmd::CloseTopic {
                    id,
                    status: TopicStatus::Dropped,
                },
            )),
            None => Outcome::none(),
        },
        Action::Prep(PrepAction::GenerateSummary) => {
            if let Some(on) = sent_on(state) {
                return Outcome::ask(kept_as_sent(ctx, on));
            }
            let fresh = draft_summary(ctx, manager, true, SummaryNext::Show);
            if summary_body(state).is_none() {
                return Outcome::cmd(fresh);
            }
            Outcome::ask(confirm(
                "Generate again",
                "Replace this week's draft with a fresh one from the journal? What you changed in it is lost.".into(),
                fresh,
            ))
        }
        Action::Prep(PrepAction::EditSummary) | Action::Prep(PrepAction::EditSummaryExternally) => {
            if let Some(on) = sent_on(state) {
                return Outcome::ask(kept_as_sent(ctx, on));
            }
            let external = action == Action::Prep(PrepAction::EditSummaryExternally);
            match summary_body(state) {
                Some(body) if external => Outcome::ask(Ask::Terminal(TerminalCmd::EditSummary {
                    person_id: manager.id,
                    week,
                    body,
                })),
                Some(body) => open(forms::summary_form(manager.id, week, &body)),
                None => {
                    let then = if external {
                        SummaryNext::EditExternally
                    } else {
                        SummaryNext::Edit
                    };
                    Outcome::cmd(draft_summary(ctx, manager, false, then))
                }
            }
        }
        Action::Prep(PrepAction::CopySummary) => match summary_body(state) {
            Some(text) => Outcome::ask(Ask::Terminal(TerminalCmd::Copy { text })),
            None => no_summary_yet(ctx),
        },
        Action::Prep(PrepAction::WriteSummary) => match summary_body(state) {
            Some(body) => open(forms::write_summary_form(week, &body)),
            None => no_summary_yet(ctx),
        },
        Action::Prep(PrepAction::MarkSummarySent) => mark_sent(state, manager, ctx),
        Action::Prep(PrepAction::LogOneOnOne) => log_one_on_one(state, manager, ctx),
        // Answered above.
        Action::Prep(PrepAction::CheckIn) => Outcome::none(),
    }
}

fn log_one_on_one(state: &State, manager: &Person, ctx: &Ctx<'_>) -> Outcome<Cmd> {
    let topics: Vec<(i64, String)> = state
        .sheet
        .as_ref()
        .map(|s| {
            s.agenda
                .iter()
                .map(|t| (t.topic.id, t.topic.text.clone()))
                .collect()
        })
        .unwrap_or_default();
    let form = Box::new(forms::one_on_one_form(
        manager,
        &topics,
        state.picks_week.is_some(),
    ));
    let logged_today = state
        .sheet
        .as_ref()
        .and_then(|s| s.last_one_on_one.as_ref())
        .filter(|e| e.happened_on == ctx.today)
        .map(|e| (e.id, e.title.clone()));
    Outcome::ask(Ask::Open(match logged_today {
        Some((entry, title)) => Overlay::Confirm(Question::AttachOneOnOne { entry, title, form }),
        None => Overlay::Form(form),
    }))
}

fn mark_sent(state: &State, manager: &Person, ctx: &Ctx<'_>) -> Outcome<Cmd> {
    if let Some(on) = sent_on(state) {
        return Outcome::ask(kept_as_sent(ctx, on));
    }
    let Some(body) = summary_body(state) else {
        return no_summary_yet(ctx);
    };
    let today = ctx.today;
    let mut text = format!(
        "Mark the summary {} sent today? It logs a summary entry with {} dated {}.",
        state.sheet.as_ref().map_or_else(
            || "for your next 1:1".to_string(),
            |s| s.summary.window.for_text()
        ),
        shown_line(&manager.name),
        short_date(today, today)
    );
    let logged = state.sheet.as_ref().map(|s| s.summary.status);
    if let Some(SummaryStatus::Sent { on, .. }) = logged {
        text.push_str(&format!(
            " A summary entry was already logged {}.",
            short_date(on, today)
        ));
    }
    Outcome::ask(confirm(
        "Mark sent",
        text,
        Cmd::MarkSummarySent {
            person_id: manager.id,
            week: Week::containing(today),
            body,
        },
    ))
}

/// The promise selected on the promises pane, when it is in focus.
fn selected_promise(state: &State) -> Option<Promise> {
    if state.focus != Pane::Promises {
        return None;
    }
    let sheet = state.sheet.as_ref()?;
    sheet
        .promises
        .get(state.promise_selected)
        .map(|p| p.promise.clone())
}

fn selected_topic(state: &State) -> Option<(i64, String)> {
    let sheet = state.sheet.as_ref()?;
    sheet
        .agenda
        .get(state.topic_selected)
        .map(|t| (t.topic.id, t.topic.text.clone()))
}

fn move_in_pane(state: &mut State, delta: isize) {
    let Some((topics, promises, asks, since)) = state.sheet.as_ref().map(|s| {
        (
            s.agenda.len(),
            s.promises.len(),
            s.advice.len(),
            s.since_last.len(),
        )
    }) else {
        return;
    };
    let step = |at: usize, len: usize| {
        let last = len.saturating_sub(1) as isize;
        (at as isize + delta).clamp(0, last.max(0)) as usize
    };
    match state.focus {
        Pane::Agenda => state.topic_selected = step(state.topic_selected, topics),
        Pane::Promises => state.promise_selected = step(state.promise_selected, promises),
        Pane::Advice => state.advice_selected = step(state.advice_selected, asks),
        Pane::Since => state.since_selected = step(state.since_selected, since),
        Pane::About => {}
        Pane::Summary => {
            // Never past the last screenful, as the last frame measured it.
            state.summary_scroll = if delta < 0 {
                state.summary_scroll.saturating_sub(3)
            } else {
                state
                    .summary_scroll
                    .saturating_add(3)
                    .min(state.summary_end.unwrap_or(u16::MAX))
            };
        }
    }
}
