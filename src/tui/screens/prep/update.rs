//! The answers to the Prep screen's commands: the sheet arrives, a topic
//! moved or closed, a promise changed, the summary is ready, saved, sent or
//! written, the 1:1 is logged.

use super::super::super::app::{Overlay, Question, TerminalCmd};
use super::super::super::ctx::Ctx;
use super::super::super::forms;
use super::super::super::message::Cmd as AppCmd;
use super::super::{Ask, Outcome};
use super::actions::kept_as_sent;
use super::{Cmd, Msg, Pane, State, SummaryNext, refresh};
use crate::domain::text::shown_line;
use crate::domain::{TopicStatus, Week};
use crate::prep::{ReadingTime, short_date};
use crate::present::truncated;

pub fn update(state: &mut State, msg: Msg, ctx: &Ctx<'_>) -> Outcome<Cmd> {
    match msg {
        Msg::Loaded {
            request,
            person_id,
            sheet,
            summary,
            picks_week,
        } => {
            if !state.fetch.finish(request) {
                return Outcome::none();
            }
            if ctx.people.iter().any(|p| p.is_current && p.id != person_id) {
                // The manager changed while it loaded: ask again.
                state.fetch.invalidate();
                return refresh(state, ctx).into();
            }
            if let Some(id) = state.select_topic.take()
                && let Some(at) = sheet.agenda.iter().position(|t| t.topic.id == id)
            {
                state.topic_selected = at;
            }
            let last = |len: usize| len.saturating_sub(1);
            state.topic_selected = state.topic_selected.min(last(sheet.agenda.len()));
            state.advice_selected = state.advice_selected.min(last(sheet.advice.len()));
            state.since_selected = state.since_selected.min(last(sheet.since_last.len()));
            state.promise_selected = state.promise_selected.min(last(sheet.promises.len()));
            state.sheet = Some(sheet);
            state.summary = summary;
            state.picks_week = picks_week;
            Outcome::none()
        }
        Msg::TopicAdded(topic) => Outcome::info(format!(
            "added “{}” to the next 1:1's agenda",
            shown_line(&topic.text)
        ))
        .and(Ask::CloseForm),
        Msg::TopicMoved { id, moved } => {
            state.select_topic = Some(id);
            if moved {
                Outcome::none()
            } else {
                Outcome::info("it is already at that end of the agenda")
            }
        }
        Msg::TopicClosed(topic) => {
            let what = match topic.status {
                TopicStatus::Dropped => "dropped",
                _ => "discussed",
            };
            Outcome::info(format!(
                "“{}” {what}: off the agenda",
                truncated(&shown_line(&topic.text), 50)
            ))
        }
        Msg::Rescheduled(person) => {
            Outcome::info(format!("saved {}", shown_line(&person.name))).and(Ask::CloseForm)
        }
        // A form (a new promise, a new day) closes; `x` had none open.
        Msg::PromiseChanged(text) => Outcome::info(text).and(Ask::CloseForm),
        Msg::AdviceReported => Outcome::info("report-back recorded").and(Ask::CloseForm),
        Msg::SummaryReady {
            summary,
            generated,
            template_error,
            then,
        } => {
            let reading = ReadingTime::of(&summary.body);
            let week = Week::containing(ctx.today);
            let (person_id, body) = (summary.person_id, summary.body.clone());
            let sent = summary.sent_on;
            state.summary = Some(summary);
            state.summary_scroll = 0;
            state.focus = Pane::Summary;
            let mut out = Outcome::none();
            if let Some(error) = template_error {
                out = out.and(Ask::Error(format!("{error}; used the built-in template")));
            } else if generated {
                out = out.and(Ask::Info(format!(
                    "summary generated: {} · e edit · y copy · m mark sent",
                    reading.describe()
                )));
            }
            match (then, sent) {
                (SummaryNext::Show, _) => out,
                (_, Some(on)) => out.and(kept_as_sent(ctx, on)),
                (SummaryNext::Edit, None) => out.and(Ask::Open(Overlay::Form(Box::new(
                    forms::summary_form(person_id, week, &body),
                )))),
                (SummaryNext::EditExternally, None) => {
                    out.and(Ask::Terminal(TerminalCmd::EditSummary {
                        person_id,
                        week,
                        body,
                    }))
                }
            }
        }
        Msg::SummarySaved(summary) => {
            let reading = ReadingTime::of(&summary.body);
            state.summary = Some(summary);
            Outcome::info(format!("saved the summary draft: {}", reading.describe()))
                .and(Ask::CloseForm)
        }
        Msg::SummarySent(sent) => {
            let said = format!(
                "marked sent; “{}” is in the journal",
                shown_line(&sent.interaction.title)
            );
            state.summary = Some(Box::new(sent.summary));
            // The coach's summary nudge is answered, however it was reached;
            // recording that says the same as this.
            Outcome::info(said.clone())
                .and(Ask::SummarySent(said))
                .and(Ask::ReloadJournal(Some(sent.interaction.id)))
        }
        Msg::SummaryWritten(path) => Outcome::info(format!(
            "wrote the summary to {} (readable by you only)",
            shown_line(&path.display().to_string())
        ))
        .and(Ask::CloseForm),
        Msg::SummaryFileExists { path, body } => {
            let text = format!(
                "{} exists. Replace it with this summary?",
                shown_line(&path.display().to_string())
            );
            Outcome::ask(Ask::Open(Overlay::Confirm(Question::Confirm {
                title: "Replace the file".into(),
                text,
                yes: Box::new(AppCmd::Prep(Cmd::WriteSummary {
                    path,
                    body,
                    replace: true,
                })),
            })))
        }
        Msg::Copied { words } => Outcome::info(format!(
            "copied the summary ({words} words) with OSC 52: works over SSH and in tmux (set-clipboard on) if the terminal allows it"
        )),
        Msg::EditedExternally {
            person_id,
            week,
            body,
            said,
        } => match body {
            Some(body) => Outcome::cmd(Cmd::SaveSummary {
                person_id,
                week,
                body,
            }),
            None => Outcome::info(said),
        },
        Msg::OneOnOneRecorded(recorded) => {
            let mut said = format!(
                "logged the 1:1 of {}",
                short_date(recorded.interaction.happened_on, ctx.today)
            );
            let count = |n: usize, what: &str| match n {
                1 => format!("1 {what}"),
                n => format!("{n} {what}s"),
            };
            if !recorded.closed.is_empty() {
                said.push_str(&format!(
                    "; closed {}",
                    count(recorded.closed.len(), "topic")
                ));
            }
            if !recorded.added_topics.is_empty() {
                said.push_str(&format!(
                    "; added {}",
                    count(recorded.added_topics.len(), "topic")
                ));
            }
            if recorded.advice.is_some() {
                said.push_str("; advice ask logged");
            }
            Outcome::info(said)
                .and(Ask::CloseForm)
                .and(Ask::ReloadJournal(Some(recorded.interaction.id)))
        }
        Msg::SummaryMeasured { end } => {
            state.summary_end = Some(end);
            state.summary_scroll = state.summary_scroll.min(end);
            Outcome::none()
        }
    }
}
