//! The Journal's timeline: moving through it, paging it from the store as
//! the selection nears either edge, and the Journal's own actions.

use chrono::NaiveDate;

use super::super::app::{App, Cmd, Overlay, PAGE, PREFETCH, PageFrom, WINDOW};
use super::super::forms;
use super::super::input::LineInput;
use super::super::keymap::Action;
use super::fetches::load_page;
use crate::store::{Cursor, InteractionFilter};

pub(super) fn on_journal_action(app: &mut App, action: Action) -> Option<Cmd> {
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
                Some(load_page(app, PageFrom::Newer(oldest_cursor())))
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

pub(super) fn open_entry_form(app: &mut App, existing: Option<&crate::domain::Interaction>) {
    if app.people.is_empty() {
        app.overlay = Some(Overlay::Form(Box::new(forms::person_form(None, true))));
        return;
    }
    let manager = app.manager().cloned();
    let form = forms::entry_form(&app.kinds, &app.people, manager.as_ref(), existing);
    app.overlay = Some(Overlay::Form(Box::new(form)));
}

pub(super) fn oldest_cursor() -> Cursor {
    Cursor {
        happened_on: NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default(),
        id: 0,
    }
}

/// Starts the timeline afresh from the newest row, selecting `select` when it arrives.
pub(super) fn reload(app: &mut App, select: Option<i64>) -> Cmd {
    app.timeline.pending_select = select;
    load_page(app, PageFrom::Start)
}

pub(super) fn apply_page(app: &mut App, from: PageFrom, rows: Vec<crate::domain::Interaction>) {
    let t = &mut app.timeline;
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

pub(super) fn move_selection(app: &mut App, delta: isize) -> Option<Cmd> {
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

pub(super) fn fetch_if_near_edge(app: &mut App) -> Option<Cmd> {
    let t = &app.timeline;
    if t.fetch.is_loading() {
        return None;
    }
    if !t.at_oldest && t.selected + PREFETCH >= t.rows.len() {
        let cursor = t.rows.last().map(Cursor::after)?;
        return Some(load_page(app, PageFrom::Older(cursor)));
    }
    if !t.at_newest && t.selected < PREFETCH {
        let cursor = t.rows.first().map(Cursor::after)?;
        return Some(load_page(app, PageFrom::Newer(cursor)));
    }
    None
}

pub(super) fn keep_visible(app: &mut App) {
    let height = app.list_height.max(1);
    let t = &mut app.timeline;
    if t.selected < t.offset {
        t.offset = t.selected;
    } else if t.selected >= t.offset + height {
        t.offset = t.selected + 1 - height;
    }
    t.offset = t.offset.min(t.rows.len().saturating_sub(1));
}
