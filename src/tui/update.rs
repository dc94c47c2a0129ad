//! `update`: every change to the TUI's state, in one place. It never
//! touches the store or the clock; it returns the `Cmd` it needs run.

use chrono::NaiveDate;
use crossterm::event::{KeyEvent, KeyEventKind};

use super::app::{
    App, Cmd, Msg, Overlay, PAGE, PASTE_LIMIT, PREFETCH, PageFrom, Question, Screen, StatusKind,
    WINDOW,
};
use super::form::FormEvent;
use super::forms::{self, OpenForm, Purpose};
use super::input::LineInput;
use super::keymap::{Action, Context};
use crate::domain::text::{shown_line, truncated};
use crate::store::{Cursor, InteractionFilter};

/// Ticks of quiet typing after which a draft is saved.
const DRAFT_DEBOUNCE_TICKS: u16 = 2;

pub fn update(app: &mut App, msg: Msg) -> Option<Cmd> {
    match msg {
        Msg::Key(key) if key.kind == KeyEventKind::Press => on_key(app, &key),
        Msg::Key(_) => None,
        Msg::Paste(text) => on_paste(app, &text),
        Msg::Tick => on_tick(app),
        Msg::Resized { width, height } => {
            app.list_height = super::view::journal_list_height(width, height);
            keep_visible(app);
            None
        }
        Msg::Resumed => None,
        Msg::PageLoaded {
            generation,
            from,
            rows,
        } => {
            if generation == app.timeline.generation {
                apply_page(app, from, rows);
            }
            None
        }
        Msg::InsightsLoaded {
            person_id,
            range,
            insights,
        } => {
            let state = &mut app.insights;
            state.loading = false;
            if state.range == range && state.person_id.is_none_or(|p| p == person_id) {
                state.data = Some(insights);
                state.stale = false;
            }
            None
        }
        Msg::EntrySaved { entry, was_edit } => {
            app.insights.stale = true;
            let verb = if was_edit { "updated" } else { "saved" };
            app.info(format!(
                "{verb} {} with {}",
                entry.kind,
                shown_line(&entry.person)
            ));
            let cmd = close_form(app);
            app.timeline.detail_scroll = 0;
            Some(batch(cmd, Some(reload(app, Some(entry.id)))))
        }
        Msg::EntryDeleted(entry) => {
            app.insights.stale = true;
            let title = if entry.title.is_empty() {
                entry.kind.clone()
            } else {
                shown_line(&entry.title)
            };
            let undo = app.keymap.keys_for(Context::Journal, Action::Undo);
            app.info(format!(
                "deleted “{}” — {undo} to undo",
                truncated(&title, 40)
            ));
            let t = &mut app.timeline;
            t.rows.retain(|r| r.id != entry.id);
            t.selected = t.selected.min(t.rows.len().saturating_sub(1));
            keep_visible(app);
            fetch_if_near_edge(app)
        }
        Msg::EntryRestored(Some(entry)) => {
            app.insights.stale = true;
            app.info(format!(
                "restored “{}”",
                truncated(&shown_line(&entry.title), 40)
            ));
            Some(reload(app, Some(entry.id)))
        }
        Msg::EntryRestored(None) => {
            app.info("nothing to undo");
            None
        }
        Msg::CheckInSaved(check_in) => {
            app.insights.stale = true;
            app.info(format!(
                "checked in: trust {}, clarity {}, ease {}",
                check_in.trust, check_in.clarity, check_in.ease
            ));
            close_form(app)
        }
        Msg::PersonSaved(person) => {
            app.insights.stale = true;
            app.info(format!("saved {}", shown_line(&person.name)));
            Some(batch(close_form(app), Some(Cmd::LoadPeople)))
        }
        Msg::PeopleLoaded { people, kinds } => {
            let first = !app.loaded;
            app.loaded = true;
            app.people = people;
            app.kinds = kinds;
            app.people_selected = app.people_selected.min(app.people.len().saturating_sub(1));
            if first && app.people.is_empty() && app.overlay.is_none() {
                app.overlay = Some(Overlay::Form(Box::new(forms::person_form(None, true))));
                return None;
            }
            first.then_some(Cmd::FindDrafts)
        }
        Msg::DraftFound { key, body } => {
            if app.overlay.is_none() {
                let manager = app.manager().cloned();
                match forms::restore_draft(&key, &body, &app.kinds, &app.people, manager.as_ref()) {
                    Some(form) => {
                        app.overlay = Some(Overlay::Confirm(Question::RestoreDraft {
                            key,
                            form: Box::new(form),
                        }));
                    }
                    None => return Some(Cmd::DiscardDraft(key)),
                }
            }
            None
        }
        Msg::Stale(text) | Msg::Failed(text) => {
            app.timeline.loading = false;
            app.error(text);
            None
        }
    }
}

fn batch(first: Option<Cmd>, second: Option<Cmd>) -> Cmd {
    match (first, second) {
        (Some(a), Some(b)) => Cmd::Batch(vec![a, b]),
        (Some(a), None) | (None, Some(a)) => a,
        (None, None) => Cmd::Batch(Vec::new()),
    }
}

fn on_tick(app: &mut App) -> Option<Cmd> {
    if let Some(status) = &mut app.status
        && status.kind == StatusKind::Info
    {
        status.ttl = status.ttl.saturating_sub(1);
        if status.ttl == 0 {
            app.status = None;
        }
    }
    let idle = app.draft_idle_ticks? + 1;
    if idle < DRAFT_DEBOUNCE_TICKS {
        app.draft_idle_ticks = Some(idle);
        return None;
    }
    app.draft_idle_ticks = None;
    save_draft(app)
}

fn save_draft(app: &App) -> Option<Cmd> {
    let Some(Overlay::Form(open)) = &app.overlay else {
        return None;
    };
    let key = open.purpose.draft_key()?;
    open.form.touched.then(|| Cmd::SaveDraft {
        key: key.to_string(),
        body: open.draft_body(),
    })
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
    match (&mut app.overlay, &mut app.search) {
        (Some(Overlay::Form(open)), _) => {
            if open.form.paste(text) == FormEvent::Changed {
                app.draft_idle_ticks = Some(0);
            }
            None
        }
        (None, Some(input)) => {
            input.insert(text);
            let query = input.text().to_string();
            set_search(app, &query)
        }
        _ => None,
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
    if app.search.is_some() {
        return on_search_key(app, key);
    }
    let context = match app.screen {
        Screen::Journal => Context::Journal,
        Screen::Insights => Context::Insights,
        Screen::People => Context::People,
        _ => Context::Global,
    };
    let action = app.keymap.action(context, key)?;
    if let Some(cmd) = on_global_action(app, action) {
        return cmd;
    }
    match app.screen {
        Screen::Journal => on_journal_action(app, action),
        Screen::Insights => on_insights_action(app, action),
        Screen::People => on_people_action(app, action),
        _ => None,
    }
}

fn on_insights_action(app: &mut App, action: Action) -> Option<Cmd> {
    match action {
        Action::NextRange => app.insights.range = app.insights.range.next(),
        Action::PrevRange => app.insights.range = app.insights.range.prev(),
        Action::NextPerson => {
            let count = app.people.len();
            if count < 2 {
                app.info("only one person in the journal");
                return None;
            }
            let current = app
                .insights
                .person_id
                .or(app.manager().map(|m| m.id))
                .and_then(|id| app.people.iter().position(|p| p.id == id))
                .unwrap_or(0);
            app.insights.person_id = app.people.get((current + 1) % count).map(|p| p.id);
        }
        _ => return None,
    }
    app.insights.stale = true;
    load_insights(app)
}

/// Asks for the Insights figures when they are missing or out of date.
fn load_insights(app: &mut App) -> Option<Cmd> {
    if app.screen != Screen::Insights || !app.insights.stale || app.insights.loading {
        return None;
    }
    let person_id = app.insights.person_id.or(app.manager().map(|m| m.id))?;
    app.insights.loading = true;
    Some(Cmd::LoadInsights {
        person_id,
        range: app.insights.range,
        targets: app.insights.targets.clone(),
    })
}

/// `Some(cmd)` when the action was a global one.
fn on_global_action(app: &mut App, action: Action) -> Option<Option<Cmd>> {
    let go = |app: &mut App, screen: Screen| {
        app.screen = screen;
        load_insights(app)
    };
    let count = Screen::ALL.len();
    Some(match action {
        Action::Quit => {
            app.quit = true;
            None
        }
        Action::Help => {
            app.overlay = Some(Overlay::Help { scroll: 0 });
            None
        }
        Action::Suspend => {
            app.suspend = true;
            None
        }
        Action::NextScreen => go(app, Screen::ALL[(app.screen.index() + 1) % count]),
        Action::PrevScreen => go(app, Screen::ALL[(app.screen.index() + count - 1) % count]),
        Action::ShowJournal => go(app, Screen::Journal),
        Action::ShowInsights => go(app, Screen::Insights),
        Action::ShowPrep => go(app, Screen::Prep),
        Action::ShowNextSteps => go(app, Screen::NextSteps),
        Action::ShowPeople => go(app, Screen::People),
        _ => return None,
    })
}

fn on_journal_action(app: &mut App, action: Action) -> Option<Cmd> {
    let page = app.list_height.max(1) as isize;
    match action {
        Action::Down => move_selection(app, 1),
        Action::Up => move_selection(app, -1),
        Action::PageDown => move_selection(app, page),
        Action::PageUp => move_selection(app, -page),
        Action::Top => {
            if app.timeline.at_newest {
                move_selection(app, -(app.timeline.selected as isize))
            } else {
                app.timeline.selected = 0;
                Some(reload(app, None))
            }
        }
        Action::Bottom => {
            if app.timeline.at_oldest {
                let last = app.timeline.rows.len() as isize;
                move_selection(app, last)
            } else {
                Some(load(app, PageFrom::Newer(oldest_cursor())))
            }
        }
        Action::Add => {
            open_entry_form(app, None);
            None
        }
        Action::Edit => {
            let entry = app.timeline.selected_entry().cloned();
            if entry.is_some() {
                open_entry_form(app, entry.as_ref());
            }
            None
        }
        Action::Delete => app
            .timeline
            .selected_entry()
            .map(|e| Cmd::DeleteEntry(e.id)),
        Action::Undo => Some(Cmd::UndoDelete),
        Action::Search => {
            let current = app.timeline.filter.text.clone().unwrap_or_default();
            app.search = Some(LineInput::new(&current));
            None
        }
        Action::Filter => {
            let form = forms::filter_form(&app.kinds, &app.people, &app.timeline.filter);
            app.overlay = Some(Overlay::Form(Box::new(form)));
            None
        }
        Action::ClearFilter => {
            if app.timeline.filter.is_empty() {
                return None;
            }
            app.timeline.filter = InteractionFilter::default();
            app.info("showing every entry");
            app.timeline.selected = 0;
            Some(reload(app, None))
        }
        Action::CheckIn => {
            app.overlay = Some(Overlay::Form(Box::new(forms::check_in_form())));
            None
        }
        Action::DetailDown => {
            app.timeline.detail_scroll = app.timeline.detail_scroll.saturating_add(3);
            None
        }
        Action::DetailUp => {
            app.timeline.detail_scroll = app.timeline.detail_scroll.saturating_sub(3);
            None
        }
        _ => None,
    }
}

fn open_entry_form(app: &mut App, existing: Option<&crate::domain::Interaction>) {
    if app.people.is_empty() {
        app.overlay = Some(Overlay::Form(Box::new(forms::person_form(None, true))));
        return;
    }
    let manager = app.manager().cloned();
    let form = forms::entry_form(&app.kinds, &app.people, manager.as_ref(), existing);
    app.overlay = Some(Overlay::Form(Box::new(form)));
}

fn on_people_action(app: &mut App, action: Action) -> Option<Cmd> {
    let count = app.people.len();
    match action {
        Action::Down if count > 0 => {
            app.people_selected = (app.people_selected + 1).min(count - 1);
            None
        }
        Action::Up => {
            app.people_selected = app.people_selected.saturating_sub(1);
            None
        }
        Action::Add => {
            app.overlay = Some(Overlay::Form(Box::new(forms::person_form(None, false))));
            None
        }
        Action::Edit => {
            let person = app.people.get(app.people_selected).cloned();
            if let Some(p) = person {
                app.overlay = Some(Overlay::Form(Box::new(forms::person_form(Some(&p), false))));
            }
            None
        }
        Action::SetCurrent => app
            .people
            .get(app.people_selected)
            .map(|p| Cmd::SetCurrent(p.id)),
        _ => None,
    }
}

fn on_search_key(app: &mut App, key: &KeyEvent) -> Option<Cmd> {
    match app.keymap.action(Context::Search, key) {
        Some(Action::Accept) => {
            app.search = None;
            None
        }
        Some(Action::Cancel) => {
            app.search = None;
            set_search(app, "")
        }
        Some(Action::Quit) => {
            app.quit = true;
            None
        }
        _ => {
            let input = app.search.as_mut()?;
            if input.handle(key) {
                let query = input.text().to_string();
                set_search(app, &query)
            } else {
                None
            }
        }
    }
}

fn set_search(app: &mut App, query: &str) -> Option<Cmd> {
    let text = (!query.trim().is_empty()).then(|| query.to_string());
    if app.timeline.filter.text == text {
        return None;
    }
    app.timeline.filter.text = text;
    app.timeline.selected = 0;
    Some(reload(app, None))
}

fn on_overlay_key(app: &mut App, key: &KeyEvent) -> Option<Cmd> {
    let overlay = app.overlay.take()?;
    match overlay {
        Overlay::Help { scroll } => {
            match app.keymap.action(Context::Help, key) {
                Some(Action::Close | Action::Help) => {}
                Some(Action::Down) => {
                    app.overlay = Some(Overlay::Help {
                        scroll: scroll.saturating_add(1),
                    })
                }
                Some(Action::Up) => {
                    app.overlay = Some(Overlay::Help {
                        scroll: scroll.saturating_sub(1),
                    })
                }
                Some(Action::Quit) => app.quit = true,
                _ => app.overlay = Some(Overlay::Help { scroll }),
            }
            None
        }
        Overlay::Confirm(Question::RestoreDraft {
            key: draft_key,
            form,
        }) => match app.keymap.action(Context::Confirm, key) {
            Some(Action::Yes) => {
                app.overlay = Some(Overlay::Form(form));
                app.info("draft restored");
                None
            }
            Some(Action::No) => Some(Cmd::DiscardDraft(draft_key)),
            Some(Action::Quit) => {
                app.quit = true;
                None
            }
            _ => {
                app.overlay = Some(Overlay::Confirm(Question::RestoreDraft {
                    key: draft_key,
                    form,
                }));
                None
            }
        },
        Overlay::Form(mut open) => {
            let cmd = on_form_key(app, &mut open, key);
            // A form that was not closed goes back, unless another overlay took its place.
            if app.overlay.is_none() && !open.closed {
                app.overlay = Some(Overlay::Form(open));
            }
            cmd
        }
    }
}

fn on_form_key(app: &mut App, open: &mut OpenForm, key: &KeyEvent) -> Option<Cmd> {
    if open.confirming_cancel {
        return match app.keymap.action(Context::Confirm, key) {
            Some(Action::Yes) => {
                open.closed = true;
                app.draft_idle_ticks = None;
                open.purpose
                    .draft_key()
                    .map(|k| Cmd::DiscardDraft(k.to_string()))
            }
            Some(Action::No) => {
                open.confirming_cancel = false;
                None
            }
            _ => None,
        };
    }
    match app.keymap.action(Context::Form, key) {
        Some(Action::NextField) => {
            open.form.next_field();
            None
        }
        Some(Action::PrevField) => {
            open.form.prev_field();
            None
        }
        Some(Action::Save) => submit(app, open),
        Some(Action::Cancel) => {
            if open.form.touched {
                open.confirming_cancel = true;
                None
            } else {
                open.closed = true;
                if matches!(
                    open.purpose,
                    Purpose::Person {
                        onboarding: true,
                        ..
                    }
                ) {
                    app.info("add your manager on People (5) to start journaling");
                }
                None
            }
        }
        Some(Action::Quit) => {
            app.quit = true;
            save_draft_of(open)
        }
        Some(Action::Suspend) => {
            app.suspend = true;
            None
        }
        _ => match open.form.handle_key(key) {
            FormEvent::Changed => {
                app.draft_idle_ticks = Some(0);
                None
            }
            FormEvent::Submit => submit(app, open),
            FormEvent::Nothing => None,
        },
    }
}

fn save_draft_of(open: &OpenForm) -> Option<Cmd> {
    let key = open.purpose.draft_key()?;
    open.form.touched.then(|| Cmd::SaveDraft {
        key: key.to_string(),
        body: open.draft_body(),
    })
}

/// Validates the form and asks for it to be saved, or marks what is wrong.
fn submit(app: &mut App, open: &mut OpenForm) -> Option<Cmd> {
    let today: NaiveDate = app.today;
    let result = match &open.purpose {
        Purpose::Entry { editing } => {
            forms::entry_draft(&open.form, &app.kinds, &app.people, today).map(|draft| {
                Cmd::SaveEntry {
                    draft: Box::new(draft),
                    editing: *editing,
                }
            })
        }
        Purpose::CheckIn => forms::check_in_draft(&open.form, app.manager().map(|m| m.id), today)
            .map(Cmd::SaveCheckIn),
        Purpose::Person {
            editing,
            onboarding,
        } => forms::person_draft(&open.form).map(|draft| Cmd::SavePerson {
            draft,
            editing: *editing,
            make_current: *onboarding || app.people.is_empty(),
        }),
        Purpose::Filter => {
            match forms::filter_from(
                &open.form,
                &app.kinds,
                &app.people,
                &app.timeline.filter,
                today,
            ) {
                Ok(filter) => {
                    app.timeline.filter = filter;
                    app.timeline.selected = 0;
                    open.closed = true;
                    return Some(reload(app, None));
                }
                Err(errors) => Err(errors),
            }
        }
    };
    match result {
        Ok(cmd) => Some(cmd),
        Err(errors) => {
            open.form.show_errors(&errors);
            app.error(format!(
                "{} field{} to fix",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" }
            ));
            None
        }
    }
}

/// After a successful save: the form goes, and so does its draft.
fn close_form(app: &mut App) -> Option<Cmd> {
    let key = match &app.overlay {
        Some(Overlay::Form(open)) => open.purpose.draft_key(),
        _ => None,
    };
    if matches!(app.overlay, Some(Overlay::Form(_))) {
        app.overlay = None;
    }
    app.draft_idle_ticks = None;
    key.map(|k| Cmd::DiscardDraft(k.to_string()))
}

fn oldest_cursor() -> Cursor {
    Cursor {
        happened_on: NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default(),
        id: 0,
    }
}

fn load(app: &mut App, from: PageFrom) -> Cmd {
    app.timeline.loading = true;
    Cmd::LoadPage {
        generation: app.timeline.generation,
        filter: app.timeline.filter.clone(),
        from,
    }
}

/// Starts the timeline afresh from the newest row, selecting `select` when it arrives.
fn reload(app: &mut App, select: Option<i64>) -> Cmd {
    app.timeline.generation += 1;
    app.timeline.pending_select = select;
    load(app, PageFrom::Start)
}

fn apply_page(app: &mut App, from: PageFrom, rows: Vec<crate::domain::Interaction>) {
    let t = &mut app.timeline;
    t.loading = false;
    let full = rows.len() >= PAGE as usize;
    match from {
        PageFrom::Start => {
            t.rows = rows;
            t.at_newest = true;
            t.at_oldest = !full;
            if let Some(id) = t.pending_select.take() {
                t.selected = t.rows.iter().position(|r| r.id == id).unwrap_or(0);
            }
        }
        PageFrom::Older(_) => {
            t.rows.extend(rows);
            t.at_oldest = !full;
            if t.rows.len() > WINDOW {
                let drop = t.rows.len() - WINDOW;
                t.rows.drain(..drop);
                t.selected = t.selected.saturating_sub(drop);
                t.offset = t.offset.saturating_sub(drop);
                t.at_newest = false;
            }
        }
        PageFrom::Newer(cursor) if cursor == oldest_cursor() => {
            // The jump to the oldest rows: the page is the end of the timeline.
            t.rows = rows;
            t.at_oldest = true;
            t.at_newest = !full;
            t.selected = t.rows.len().saturating_sub(1);
        }
        PageFrom::Newer(_) => {
            let added = rows.len();
            let mut merged = rows;
            merged.append(&mut t.rows);
            t.rows = merged;
            t.selected += added;
            t.offset += added;
            t.at_newest = !full;
            if t.rows.len() > WINDOW {
                t.rows.truncate(WINDOW);
                t.at_oldest = false;
            }
        }
    }
    t.selected = t.selected.min(t.rows.len().saturating_sub(1));
    keep_visible(app);
}

fn move_selection(app: &mut App, delta: isize) -> Option<Cmd> {
    let t = &mut app.timeline;
    if t.rows.is_empty() {
        return None;
    }
    let last = t.rows.len() as isize - 1;
    let target = (t.selected as isize + delta).clamp(0, last) as usize;
    if target != t.selected {
        t.selected = target;
        t.detail_scroll = 0;
    }
    keep_visible(app);
    fetch_if_near_edge(app)
}

fn fetch_if_near_edge(app: &mut App) -> Option<Cmd> {
    let t = &app.timeline;
    if t.loading {
        return None;
    }
    if !t.at_oldest && t.selected + PREFETCH >= t.rows.len() {
        let cursor = t.rows.last().map(Cursor::after)?;
        return Some(load(app, PageFrom::Older(cursor)));
    }
    if !t.at_newest && t.selected < PREFETCH {
        let cursor = t.rows.first().map(Cursor::after)?;
        return Some(load(app, PageFrom::Newer(cursor)));
    }
    None
}

fn keep_visible(app: &mut App) {
    let height = app.list_height.max(1);
    let t = &mut app.timeline;
    if t.selected < t.offset {
        t.offset = t.selected;
    } else if t.selected >= t.offset + height {
        t.offset = t.selected + 1 - height;
    }
    t.offset = t.offset.min(t.rows.len().saturating_sub(1));
}
