//! `update`: every change to the TUI's state, in one place. It never
//! touches the store or the clock; it returns the `Cmd` it needs run.

use crossterm::event::{KeyEvent, KeyEventKind};

mod asks;
mod fetches;
mod overlays;
mod timeline;

use super::app::{App, Cmd, Msg, Overlay, PASTE_LIMIT, Screen, StatusKind, TerminalCmd};
use super::forms;
use super::keymap::{Actions, GlobalAction, Resolved};
use super::loading::Changed;
use super::screens;
use super::screens::prep::Pane;
use fetches::{fail, invalidate, load_people, refresh_all, retry_failed};
use overlays::on_overlay_key;

pub fn update(app: &mut App, msg: Msg) -> Option<Cmd> {
    match msg {
        Msg::Key(key) if key.kind == KeyEventKind::Press => on_key(app, &key),
        Msg::Key(_) => None,
        Msg::Paste(text) => on_paste(app, &text),
        Msg::Tick { today, now } => {
            app.now = now;
            let day = if today == app.today {
                None
            } else {
                on_new_day(app, today)
            };
            let tick = on_tick(app);
            fetches::batch([day, tick])
        }
        Msg::Resized { journal_rows, .. } => {
            screens::journal::resized(&mut app.journal, journal_rows);
            None
        }
        Msg::Resumed => None,
        // Whatever ends the session, a form still open keeps its contents.
        Msg::Closing => match &app.overlay {
            Some(Overlay::Form(open)) => forms::save_draft_of(open).map(Cmd::Form),
            _ => None,
        },
        Msg::CheckProgress(percent) => {
            if app.checking.is_some() {
                app.checking = Some(percent);
            }
            None
        }
        Msg::CheckPassed => {
            app.checking = None;
            app.info("the journal passed its check: changes are saved again");
            let held = std::mem::take(&mut app.held);
            (!held.is_empty()).then_some(Cmd::Batch(held))
        }
        Msg::Start => Some(Cmd::Batch(vec![
            load_people(app),
            Cmd::Journal(screens::journal::reload(&mut app.journal, None)),
        ])),
        Msg::Journal(msg) => {
            let ctx = crate::tui_ctx!(app);
            let outcome = screens::journal::update(&mut app.journal, msg, &ctx);
            asks::apply(app, outcome, Cmd::Journal)
        }
        Msg::NextSteps(msg) => {
            let ctx = crate::tui_ctx!(app);
            let outcome = screens::next_steps::update(&mut app.coach, msg, &ctx);
            asks::apply(app, outcome, Cmd::NextSteps)
        }
        Msg::People(msg) => {
            let ctx = crate::tui_ctx!(app);
            let outcome = screens::people::update(&mut app.people_screen, msg, &ctx);
            asks::apply(app, outcome, Cmd::People)
        }
        Msg::Insights(msg) => {
            let ctx = crate::tui_ctx!(app);
            screens::insights::update(&mut app.insights, msg, &ctx);
            None
        }
        Msg::Form(msg) => {
            let ctx = crate::tui_ctx!(app);
            let open = match &mut app.overlay {
                Some(Overlay::Form(open)) => Some(open.as_mut()),
                _ => None,
            };
            let outcome = forms::update(open, msg, &ctx);
            asks::apply(app, outcome, Cmd::from)
        }
        Msg::PeopleLoaded {
            request,
            people,
            kinds,
        } => {
            if !app.people_fetch.finish(request) {
                return None;
            }
            let first = !app.loaded;
            app.loaded = true;
            app.people = people;
            app.kinds = kinds;
            let ctx = crate::tui_ctx!(app);
            screens::people::people_loaded(&mut app.people_screen, &ctx);
            if first && app.people.is_empty() && app.overlay.is_none() {
                app.overlay = Some(Overlay::Form(Box::new(forms::person_form(None, true))));
                return None;
            }
            // What waited for the people (it needs the manager) goes now.
            let drafts = first.then_some(Cmd::Form(forms::Cmd::FindDrafts));
            fetches::batch([drafts, refresh_all(app)])
        }
        Msg::Prep(msg) => {
            let ctx = crate::tui_ctx!(app);
            let outcome = screens::prep::update(&mut app.prep, msg, &ctx);
            asks::apply(app, outcome, Cmd::Prep)
        }
        Msg::Changed(changed) => invalidate(app, changed),
        Msg::SaveSent => {
            app.saving.in_flight = app.saving.in_flight.saturating_add(1);
            None
        }
        Msg::SaveAnswered => {
            app.saving.in_flight = app.saving.in_flight.saturating_sub(1);
            if app.saving.in_flight == 0 {
                app.saving.ticks = 0;
            }
            None
        }
        Msg::Stale(text) => {
            app.error(text);
            None
        }
        Msg::Failed { request, error } => {
            match request.and_then(|id| fail(app, id, &error)) {
                Some(what) => app.error(format!("could not load {what}: {error}")),
                None => app.error(error),
            }
            None
        }
    }
}

/// The calendar turned while the TUI was open: what rests on the day (the
/// suggestions and snoozes, the prep sheet and its week, the figures, the
/// profiles' ages) is asked for again.
fn on_new_day(app: &mut App, today: chrono::NaiveDate) -> Option<Cmd> {
    app.today = today;
    invalidate(app, Changed::DAY)
}

fn on_tick(app: &mut App) -> Option<Cmd> {
    if app.saving.in_flight > 0 {
        app.saving.ticks = app.saving.ticks.saturating_add(1);
    }
    if let Some(status) = &mut app.status
        && status.kind == StatusKind::Info
    {
        status.ttl = status.ttl.saturating_sub(1);
        if status.ttl == 0 {
            app.status = None;
        }
    }
    match &mut app.overlay {
        Some(Overlay::Form(open)) => forms::tick(open).map(Cmd::Form),
        _ => None,
    }
}

fn on_paste(app: &mut App, text: &str) -> Option<Cmd> {
    if text.len() > PASTE_LIMIT {
        app.error(format!(
            "paste too large ({} KiB); the limit is {} KiB — use `rapport log --notes-file` for long notes",
            text.len() / 1024,
            PASTE_LIMIT / 1024
        ));
        return None;
    }
    match &mut app.overlay {
        Some(Overlay::Form(open)) => {
            forms::paste(open, text);
            None
        }
        Some(_) => None,
        None => screens::journal::paste(&mut app.journal, text).map(Cmd::Journal),
    }
}

fn on_key(app: &mut App, key: &KeyEvent) -> Option<Cmd> {
    if app
        .status
        .as_ref()
        .is_some_and(|s| s.kind == StatusKind::Error)
    {
        app.status = None;
    }
    if app.overlay.is_some() {
        return on_overlay_key(app, key);
    }
    if app.journal.search.is_some() {
        let ctx = crate::tui_ctx!(app);
        let outcome = screens::journal::on_search_key(&mut app.journal, key, &ctx);
        return asks::apply(app, outcome, Cmd::Journal);
    }
    match app.screen {
        Screen::Journal => screen_key(app, key, |app, action| {
            let ctx = crate::tui_ctx!(app);
            let outcome = screens::journal::on_action(&mut app.journal, action, &ctx);
            asks::apply(app, outcome, Cmd::Journal)
        }),
        Screen::Insights => screen_key(app, key, |app, action| {
            let ctx = crate::tui_ctx!(app);
            let outcome = screens::insights::on_action(&mut app.insights, action, &ctx);
            asks::apply(app, outcome, Cmd::Insights)
        }),
        Screen::NextSteps => screen_key(app, key, |app, action| {
            let ctx = crate::tui_ctx!(app);
            let outcome = screens::next_steps::on_action(&mut app.coach, action, &ctx);
            asks::apply(app, outcome, Cmd::NextSteps)
        }),
        Screen::People => screen_key(app, key, |app, action| {
            let ctx = crate::tui_ctx!(app);
            let outcome = screens::people::on_action(&mut app.people_screen, action, &ctx);
            asks::apply(app, outcome, Cmd::People)
        }),
        Screen::Prep => on_prep_key(app, key),
    }
}

/// A key on Prep: the pane in focus has its own keys first, then the rest
/// of Prep's, then the global ones.
fn on_prep_key(app: &mut App, key: &KeyEvent) -> Option<Cmd> {
    use screens::prep::Action;
    let pane = match app.prep.focus {
        Pane::Agenda => app.keymap.action(key).map(Action::Agenda),
        Pane::Advice => app.keymap.action(key).map(Action::Advice),
        Pane::Promises => app.keymap.action(key).map(Action::Promises),
        Pane::About | Pane::Since | Pane::Summary => None,
    };
    let act = |app: &mut App, action| {
        let ctx = crate::tui_ctx!(app);
        let outcome = screens::prep::on_action(&mut app.prep, action, &ctx);
        asks::apply(app, outcome, Cmd::Prep)
    };
    match pane {
        Some(action) => act(app, action),
        None => screen_key(app, key, |app, action| act(app, Action::Prep(action))),
    }
}

/// A key on a screen whose keys are the actions `A`: one of them goes to
/// `act`, a global one to `on_global_action`.
fn screen_key<A: Actions>(
    app: &mut App,
    key: &KeyEvent,
    act: impl FnOnce(&mut App, A) -> Option<Cmd>,
) -> Option<Cmd> {
    match app.keymap.resolve::<A>(key)? {
        Resolved::Here(action) => act(app, action),
        Resolved::Global(action) => on_global_action(app, action),
    }
}

/// An action bound in `[global]`, on any screen.
fn on_global_action(app: &mut App, action: GlobalAction) -> Option<Cmd> {
    let go = |app: &mut App, screen: Screen| {
        app.screen = screen;
        retry_failed(app);
        refresh_all(app)
    };
    let count = Screen::ALL.len();
    match action {
        GlobalAction::Quit => Some(Cmd::Terminal(TerminalCmd::Quit)),
        GlobalAction::Help => {
            app.overlay = Some(Overlay::Help { scroll: 0 });
            None
        }
        GlobalAction::Suspend => Some(Cmd::Terminal(TerminalCmd::Suspend)),
        GlobalAction::NextScreen => go(app, Screen::ALL[(app.screen.index() + 1) % count]),
        GlobalAction::PrevScreen => go(app, Screen::ALL[(app.screen.index() + count - 1) % count]),
        GlobalAction::ShowJournal => go(app, Screen::Journal),
        GlobalAction::ShowInsights => go(app, Screen::Insights),
        GlobalAction::ShowPrep => go(app, Screen::Prep),
        GlobalAction::ShowNextSteps => go(app, Screen::NextSteps),
        GlobalAction::ShowPeople => go(app, Screen::People),
    }
}
