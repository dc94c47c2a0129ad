//! The Prep screen's keys and the answers to them: the agenda (add,
//! reorder, discussed, drop), advice report-backs, the next 1:1's date, this
//! week's summary (generate, edit here or in `$EDITOR`, copy, write, mark
//! sent) and the after-the-1:1 form.

use super::super::app::{
    App, Cmd, Msg, Overlay, PrepPane, PromiseCmd, Question, SummaryNext, TerminalCmd,
};
use super::super::forms;
use super::super::keymap::{Action, Context};
use super::fetches::{batch, refresh_prep};
use super::overlays::close_form;
use super::timeline::reload;
use crate::domain::text::shown_line;
use crate::domain::{Person, TopicStatus};
use crate::prep::{ReadingTime, SummaryStatus, Week, short_date};
use crate::present::truncated;
use crate::store::TopicMove;

fn week(app: &App) -> Week {
    Week::containing(app.today)
}

/// This week's summary body when there is one to act on.
fn summary_body(app: &App) -> Option<String> {
    app.prep
        .summary
        .as_ref()
        .map(|s| s.body.clone())
        .filter(|b| !b.trim().is_empty())
}

/// The day this week's summary was sent through rapport, if it was.
fn sent_on(app: &App) -> Option<chrono::NaiveDate> {
    app.prep.summary.as_ref().and_then(|s| s.sent_on)
}

fn kept_as_sent(app: &mut App, on: chrono::NaiveDate) {
    let key = |a| app.keymap.keys_for(Context::Prep, a);
    let text = format!(
        "the summary for this 1:1 was sent {}; it is kept as sent ({} copies it, {} writes it)",
        short_date(on, app.today),
        key(Action::CopySummary),
        key(Action::WriteSummary)
    );
    app.info(text);
}

fn draft_summary(app: &App, manager: &Person, fresh: bool, then: SummaryNext) -> Cmd {
    Cmd::DraftSummary {
        person_id: manager.id,
        week: week(app),
        template_dir: app.prep.template_dir.clone(),
        fresh,
        then,
    }
}

pub(super) fn on_prep_action(app: &mut App, action: Action) -> Option<Cmd> {
    let Some(manager) = app.manager().cloned() else {
        app.info("add your manager first (People, 5)");
        return None;
    };
    match action {
        Action::NextPane => {
            app.prep.focus = app.prep.focus.next();
            None
        }
        Action::PrevPane => {
            app.prep.focus = app.prep.focus.prev();
            None
        }
        Action::Down => {
            move_in_pane(app, 1);
            None
        }
        Action::Up => {
            move_in_pane(app, -1);
            None
        }
        Action::AddPromise => {
            let form = forms::promise_form(manager.id, &manager.name);
            app.overlay = Some(Overlay::Form(Box::new(form)));
            None
        }
        Action::AddTopic => {
            app.overlay = Some(Overlay::Form(Box::new(forms::topic_form(""))));
            None
        }
        Action::KeepPromise => {
            let promise = selected_promise(app)?;
            Some(Cmd::Promise(PromiseCmd::Keep(promise.id)))
        }
        Action::MovePromise => {
            let promise = selected_promise(app)?;
            let form = forms::move_promise_form(promise.id, manager.id, &promise.text);
            app.overlay = Some(Overlay::Form(Box::new(form)));
            None
        }
        Action::DropPromise => {
            let promise = selected_promise(app)?;
            let question = Question::Confirm {
                title: "Drop the promise".into(),
                text: format!(
                    "Drop “{}”? Say so to them too; it stays in the history.",
                    truncated(&shown_line(&promise.text), 60)
                ),
                yes: Box::new(Cmd::Promise(PromiseCmd::Drop(promise.id))),
            };
            app.overlay = Some(Overlay::Confirm(question));
            None
        }
        Action::SetNextOneOnOne => {
            app.overlay = Some(Overlay::Form(Box::new(forms::reschedule_form())));
            None
        }
        Action::TopicUp | Action::TopicDown => {
            let id = selected_topic(app)?.0;
            let direction = if action == Action::TopicUp {
                TopicMove::Up
            } else {
                TopicMove::Down
            };
            Some(Cmd::MoveTopic { id, direction })
        }
        Action::TopicDiscussed => {
            let (id, _) = selected_topic(app)?;
            Some(Cmd::CloseTopic {
                id,
                status: TopicStatus::Discussed,
            })
        }
        Action::ReportBack => {
            let sheet = app.prep.sheet.as_ref()?;
            let ask = sheet.advice.get(app.prep.advice_selected)?;
            let form = forms::report_back_form(&ask.advice.question, Some(ask.advice.id));
            app.overlay = Some(Overlay::Form(Box::new(form)));
            None
        }
        Action::DropTopic => {
            let (id, text) = selected_topic(app)?;
            let question = Question::Confirm {
                title: "Drop the topic".into(),
                text: format!(
                    "Drop “{}” from the agenda without discussing it?",
                    truncated(&shown_line(&text), 60)
                ),
                yes: Box::new(Cmd::CloseTopic {
                    id,
                    status: TopicStatus::Dropped,
                }),
            };
            app.overlay = Some(Overlay::Confirm(question));
            None
        }
        Action::GenerateSummary => {
            if let Some(on) = sent_on(app) {
                kept_as_sent(app, on);
                return None;
            }
            if summary_body(app).is_none() {
                return Some(draft_summary(app, &manager, true, SummaryNext::Show));
            }
            let question = Question::Confirm {
                title: "Generate again".into(),
                text: "Replace this week's draft with a fresh one from the journal? What you changed in it is lost.".into(),
                yes: Box::new(draft_summary(app, &manager, true, SummaryNext::Show)),
            };
            app.overlay = Some(Overlay::Confirm(question));
            None
        }
        Action::EditSummary | Action::EditSummaryExternally => {
            if let Some(on) = sent_on(app) {
                kept_as_sent(app, on);
                return None;
            }
            let external = action == Action::EditSummaryExternally;
            match summary_body(app) {
                Some(body) if external => Some(Cmd::Terminal(TerminalCmd::EditSummary {
                    person_id: manager.id,
                    week: week(app),
                    body,
                })),
                Some(body) => {
                    let form = forms::summary_form(manager.id, week(app), &body);
                    app.overlay = Some(Overlay::Form(Box::new(form)));
                    None
                }
                None => {
                    let then = if external {
                        SummaryNext::EditExternally
                    } else {
                        SummaryNext::Edit
                    };
                    Some(draft_summary(app, &manager, false, then))
                }
            }
        }
        Action::CopySummary => match summary_body(app) {
            Some(text) => Some(Cmd::Terminal(TerminalCmd::Copy { text })),
            None => {
                no_summary_yet(app);
                None
            }
        },
        Action::WriteSummary => {
            match summary_body(app) {
                Some(body) => {
                    let form = forms::write_summary_form(week(app), &body);
                    app.overlay = Some(Overlay::Form(Box::new(form)));
                }
                None => no_summary_yet(app),
            }
            None
        }
        Action::MarkSummarySent => {
            mark_sent(app, &manager);
            None
        }
        Action::LogOneOnOne => {
            let topics: Vec<(i64, String)> = app
                .prep
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
                &manager,
                &topics,
                app.prep.picks_week.is_some(),
            ));
            let logged_today = app
                .prep
                .sheet
                .as_ref()
                .and_then(|s| s.last_one_on_one.as_ref())
                .filter(|e| e.happened_on == app.today)
                .map(|e| (e.id, e.title.clone()));
            app.overlay = Some(match logged_today {
                Some((entry, title)) => {
                    Overlay::Confirm(Question::AttachOneOnOne { entry, title, form })
                }
                None => Overlay::Form(form),
            });
            None
        }
        _ => None,
    }
}

fn no_summary_yet(app: &mut App) {
    let key = app
        .keymap
        .keys_for(super::super::keymap::Context::Prep, Action::GenerateSummary);
    app.info(format!(
        "no summary this week yet: {key} generates one from the journal"
    ));
}

fn mark_sent(app: &mut App, manager: &Person) {
    if let Some(on) = sent_on(app) {
        kept_as_sent(app, on);
        return;
    }
    let Some(body) = summary_body(app) else {
        no_summary_yet(app);
        return;
    };
    let week = week(app);
    let mut text = format!(
        "Mark the summary {} sent today? It logs a summary entry with {} dated {}.",
        app.prep.sheet.as_ref().map_or_else(
            || "for your next 1:1".to_string(),
            |s| s.summary.window.for_text()
        ),
        shown_line(&manager.name),
        short_date(app.today, app.today)
    );
    let logged = app.prep.sheet.as_ref().map(|s| s.summary.status);
    if let Some(SummaryStatus::Sent { on, .. }) = logged {
        text.push_str(&format!(
            " A summary entry was already logged {}.",
            short_date(on, app.today)
        ));
    }
    let question = Question::Confirm {
        title: "Mark sent".into(),
        text,
        yes: Box::new(Cmd::MarkSummarySent {
            person_id: manager.id,
            week,
            body,
        }),
    };
    app.overlay = Some(Overlay::Confirm(question));
}

/// The promise selected on the promises pane, when it is in focus.
fn selected_promise(app: &App) -> Option<crate::domain::Promise> {
    if app.prep.focus != PrepPane::Promises {
        return None;
    }
    let sheet = app.prep.sheet.as_ref()?;
    sheet
        .promises
        .get(app.prep.promise_selected)
        .map(|p| p.promise.clone())
}

fn selected_topic(app: &App) -> Option<(i64, String)> {
    let sheet = app.prep.sheet.as_ref()?;
    sheet
        .agenda
        .get(app.prep.topic_selected)
        .map(|t| (t.topic.id, t.topic.text.clone()))
}

fn move_in_pane(app: &mut App, delta: isize) {
    let Some((topics, promises, asks, since)) = app.prep.sheet.as_ref().map(|s| {
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
    let prep = &mut app.prep;
    match prep.focus {
        PrepPane::Agenda => prep.topic_selected = step(prep.topic_selected, topics),
        PrepPane::Promises => prep.promise_selected = step(prep.promise_selected, promises),
        PrepPane::Advice => prep.advice_selected = step(prep.advice_selected, asks),
        PrepPane::Since => prep.since_selected = step(prep.since_selected, since),
        PrepPane::About => {}
        PrepPane::Summary => {
            prep.summary_scroll = if delta < 0 {
                prep.summary_scroll.saturating_sub(3)
            } else {
                prep.summary_scroll.saturating_add(3)
            };
        }
    }
}

/// The answers of the Prep screen's commands.
pub(super) fn on_prep_msg(app: &mut App, msg: Msg) -> Option<Cmd> {
    match msg {
        Msg::PrepLoaded {
            request,
            person_id,
            sheet,
            summary,
            picks_week,
        } => {
            if !app.prep.fetch.finish(request) {
                return None;
            }
            if app.people.iter().any(|p| p.is_current && p.id != person_id) {
                // The manager changed while it loaded: ask again.
                app.prep.fetch.invalidate();
                return refresh_prep(app);
            }
            let prep = &mut app.prep;
            if let Some(id) = prep.select_topic.take()
                && let Some(at) = sheet.agenda.iter().position(|t| t.topic.id == id)
            {
                prep.topic_selected = at;
            }
            let last = |len: usize| len.saturating_sub(1);
            prep.topic_selected = prep.topic_selected.min(last(sheet.agenda.len()));
            prep.advice_selected = prep.advice_selected.min(last(sheet.advice.len()));
            prep.since_selected = prep.since_selected.min(last(sheet.since_last.len()));
            prep.promise_selected = prep.promise_selected.min(last(sheet.promises.len()));
            prep.sheet = Some(sheet);
            prep.summary = summary;
            prep.picks_week = picks_week;
            None
        }
        Msg::TopicMoved { id, moved } => {
            if !moved {
                app.info("it is already at that end of the agenda");
            }
            app.prep.select_topic = Some(id);
            None
        }
        Msg::PromiseChanged(text) => {
            app.info(text);
            // A form (a new promise, a new day) closes; `x` had none open.
            close_form(app)
        }
        Msg::TopicClosed(topic) => {
            let what = match topic.status {
                TopicStatus::Dropped => "dropped",
                _ => "discussed",
            };
            app.info(format!(
                "“{}” {what}: off the agenda",
                truncated(&shown_line(&topic.text), 50)
            ));
            None
        }
        Msg::SummaryReady {
            summary,
            generated,
            template_error,
            then,
        } => {
            let reading = ReadingTime::of(&summary.body);
            let (person_id, week, body) = (summary.person_id, week(app), summary.body.clone());
            app.prep.summary = Some(summary);
            app.prep.summary_scroll = 0;
            app.prep.focus = PrepPane::Summary;
            if let Some(error) = template_error {
                app.error(format!("{error}; used the built-in template"));
            } else if generated {
                app.info(format!(
                    "summary generated: {} · e edit · y copy · m mark sent",
                    reading.describe()
                ));
            }
            let sent = app.prep.summary.as_ref().and_then(|s| s.sent_on);
            match then {
                SummaryNext::Show => None,
                _ if sent.is_some() => {
                    if let Some(on) = sent {
                        kept_as_sent(app, on);
                    }
                    None
                }
                SummaryNext::Edit => {
                    let form = forms::summary_form(person_id, week, &body);
                    app.overlay = Some(Overlay::Form(Box::new(form)));
                    None
                }
                SummaryNext::EditExternally => Some(Cmd::Terminal(TerminalCmd::EditSummary {
                    person_id,
                    week,
                    body,
                })),
            }
        }
        Msg::SummarySaved(summary) => {
            let reading = ReadingTime::of(&summary.body);
            app.info(format!("saved the summary draft: {}", reading.describe()));
            app.prep.summary = Some(summary);
            close_form(app)
        }
        Msg::SummarySent(sent) => {
            let said = format!(
                "marked sent; “{}” is in the journal",
                shown_line(&sent.interaction.title)
            );
            app.info(said.clone());
            app.prep.summary = Some(Box::new(sent.summary));
            // The coach's summary nudge is answered, however it was reached;
            // recording that says the same as above.
            let done = super::asks::apply(
                app,
                super::super::screens::Outcome::<Cmd>::ask(
                    super::super::screens::Ask::SummarySent(said),
                ),
                |c| c,
            );
            let reload = reload(app, Some(sent.interaction.id));
            batch([done, Some(reload)])
        }
        Msg::SummaryWritten(path) => {
            app.info(format!(
                "wrote the summary to {} (readable by you only)",
                shown_line(&path.display().to_string())
            ));
            close_form(app)
        }
        Msg::SummaryFileExists { path, body } => {
            let question = Question::Confirm {
                title: "Replace the file".into(),
                text: format!(
                    "{} exists. Replace it with this summary?",
                    shown_line(&path.display().to_string())
                ),
                yes: Box::new(Cmd::WriteSummary {
                    path,
                    body,
                    replace: true,
                }),
            };
            app.overlay = Some(Overlay::Confirm(question));
            None
        }
        Msg::Copied { words } => {
            app.info(format!(
                "copied the summary ({words} words) with OSC 52: works over SSH and in tmux (set-clipboard on) if the terminal allows it"
            ));
            None
        }
        Msg::EditedExternally {
            person_id,
            week,
            body,
            said,
        } => match body {
            Some(body) => Some(Cmd::SaveSummary {
                person_id,
                week,
                body,
            }),
            None => {
                app.info(said);
                None
            }
        },
        Msg::OneOnOneRecorded(recorded) => {
            let mut said = format!(
                "logged the 1:1 of {}",
                short_date(recorded.interaction.happened_on, app.today)
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
            app.info(said);
            let closed = close_form(app);
            let reload = reload(app, Some(recorded.interaction.id));
            batch([closed, Some(reload)])
        }
        _ => None,
    }
}
