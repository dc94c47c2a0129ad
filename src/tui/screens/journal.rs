//! The Journal screen (home): the timeline of interactions, newest first,
//! paged from the journal as the selection nears either edge (never the
//! whole table in memory), the search line and the filter, delete and undo.

use chrono::NaiveDate;
use crossterm::event::KeyEvent;

use super::super::app::{Overlay, TerminalCmd};
use super::super::ctx::Ctx;
use super::super::forms;
use super::super::input::LineInput;
use super::super::keymap::{GlobalAction, JournalAction, Resolved, SearchAction};
use super::super::loading::{Fetch, RequestId};
use super::{Ask, Outcome};
use crate::domain::Interaction;
use crate::domain::text::shown_line;
use crate::present::truncated;
use crate::store::{Cursor, InteractionFilter};

/// Rows fetched per page, and the most kept in memory at once.
pub const PAGE: u32 = 100;
pub const WINDOW: usize = 300;
/// How close to the edge of the loaded rows the selection gets before the
/// next page is fetched.
pub const PREFETCH: usize = 20;

/// Where a page of the timeline goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFrom {
    /// The newest rows: replaces what is loaded.
    Start,
    /// Rows older than the cursor: appended.
    Older(Cursor),
    /// Rows newer than the cursor: prepended.
    Newer(Cursor),
}

/// The loaded window of the timeline, the selection in it, and the search
/// line while it is typed.
#[derive(Debug, Clone)]
pub struct State {
    pub rows: Vec<Interaction>,
    pub selected: usize,
    /// The first row drawn.
    pub offset: usize,
    pub filter: InteractionFilter,
    /// The page asked for; a page for an older request (an old filter, a
    /// reload since) is dropped.
    pub fetch: Fetch,
    /// Nothing older than the last row exists.
    pub at_oldest: bool,
    /// Nothing newer than the first row exists.
    pub at_newest: bool,
    /// Lines the notes pane is scrolled by.
    pub detail_scroll: u16,
    /// The entry to select when the next fresh page arrives.
    pub pending_select: Option<i64>,
    /// The search line, while it is being typed.
    pub search: Option<LineInput>,
    /// Rows of the list on screen, from the last size (`Msg::Resized`).
    pub list_height: usize,
}

impl Default for State {
    fn default() -> State {
        State {
            rows: Vec::new(),
            selected: 0,
            offset: 0,
            filter: InteractionFilter::default(),
            fetch: Fetch::Idle,
            at_oldest: false,
            at_newest: false,
            detail_scroll: 0,
            pending_select: None,
            search: None,
            list_height: 20,
        }
    }
}

impl State {
    pub fn selected_entry(&self) -> Option<&Interaction> {
        self.rows.get(self.selected)
    }
}

/// What comes back to the Journal screen.
#[derive(Debug, Clone)]
pub enum Msg {
    PageLoaded {
        request: RequestId,
        from: PageFrom,
        rows: Vec<Interaction>,
    },
    Deleted(Box<Interaction>),
    /// The last delete undone; `None` when there was nothing to undo.
    Restored(Option<Box<Interaction>>),
}

/// What the Journal screen asks the journal for.
#[derive(Debug, Clone)]
pub enum Cmd {
    LoadPage {
        request: RequestId,
        filter: InteractionFilter,
        from: PageFrom,
    },
    Delete(i64),
    UndoDelete,
}

impl Cmd {
    /// The fetch this command answers, if it is one.
    pub fn request(&self) -> Option<RequestId> {
        match self {
            Cmd::LoadPage { request, .. } => Some(*request),
            Cmd::Delete(_) | Cmd::UndoDelete => None,
        }
    }
}

pub fn update(state: &mut State, msg: Msg, ctx: &Ctx<'_>) -> Outcome<Cmd> {
    match msg {
        Msg::PageLoaded {
            request,
            from,
            rows,
        } => {
            if state.fetch.finish(request) {
                apply_page(state, from, rows);
            }
            Outcome::none()
        }
        Msg::Deleted(entry) => {
            let title = if entry.title.is_empty() {
                entry.kind.clone()
            } else {
                shown_line(&entry.title)
            };
            let undo = ctx.keymap.keys_for(JournalAction::Undo);
            state.rows.retain(|r| r.id != entry.id);
            state.selected = state.selected.min(state.rows.len().saturating_sub(1));
            keep_visible(state);
            Outcome::from(fetch_if_near_edge(state)).and(Ask::Info(format!(
                "deleted “{}” — {undo} to undo",
                truncated(&title, 40)
            )))
        }
        Msg::Restored(Some(entry)) => Outcome::cmd(reload(state, Some(entry.id))).and(Ask::Info(
            format!("restored “{}”", truncated(&shown_line(&entry.title), 40)),
        )),
        Msg::Restored(None) => Outcome::info("nothing to undo"),
    }
}

/// The terminal's size changed: `rows` of the list show now.
pub fn resized(state: &mut State, rows: usize) {
    state.list_height = rows;
    keep_visible(state);
}

/// An entry was saved from a form: the timeline starts afresh, on it.
pub fn entry_saved(state: &mut State, id: i64) -> Cmd {
    state.detail_scroll = 0;
    reload(state, Some(id))
}

/// A new filter from the filter form: the timeline starts afresh.
pub fn set_filter(state: &mut State, filter: InteractionFilter) -> Cmd {
    state.filter = filter;
    state.selected = 0;
    reload(state, None)
}

/// An action of `[journal]`: every one is handled here (the compiler checks).
pub fn on_action(state: &mut State, action: JournalAction, ctx: &Ctx<'_>) -> Outcome<Cmd> {
    let page = state.list_height.max(1) as isize;
    let open = |form| Outcome::ask(Ask::Open(Overlay::Form(Box::new(form))));
    match action {
        JournalAction::Down => move_selection(state, 1).into(),
        JournalAction::Up => move_selection(state, -1).into(),
        JournalAction::PageDown => move_selection(state, page).into(),
        JournalAction::PageUp => move_selection(state, -page).into(),
        JournalAction::Top => {
            if state.at_newest {
                move_selection(state, -(state.selected as isize)).into()
            } else {
                state.selected = 0;
                Outcome::cmd(reload(state, None))
            }
        }
        JournalAction::Bottom => {
            if state.at_oldest {
                let last = state.rows.len() as isize;
                move_selection(state, last).into()
            } else {
                Outcome::cmd(load(state, PageFrom::Newer(oldest_cursor())))
            }
        }
        JournalAction::Add => open(entry_form(ctx, None)),
        JournalAction::Edit => match state.selected_entry() {
            Some(entry) => open(entry_form(ctx, Some(entry))),
            None => Outcome::none(),
        },
        JournalAction::Delete => state.selected_entry().map(|e| Cmd::Delete(e.id)).into(),
        JournalAction::Undo => Outcome::cmd(Cmd::UndoDelete),
        JournalAction::Search => {
            let current = state.filter.text.clone().unwrap_or_default();
            state.search = Some(LineInput::new(&current));
            Outcome::none()
        }
        JournalAction::Filter => open(forms::filter_form(ctx.kinds, ctx.people, &state.filter)),
        JournalAction::ClearFilter => {
            if state.filter.is_empty() {
                return Outcome::none();
            }
            state.filter = InteractionFilter::default();
            state.selected = 0;
            Outcome::cmd(reload(state, None)).and(Ask::Info("showing every entry".into()))
        }
        JournalAction::CheckIn => open(forms::check_in_form()),
        JournalAction::DetailDown => {
            state.detail_scroll = state.detail_scroll.saturating_add(3);
            Outcome::none()
        }
        JournalAction::DetailUp => {
            state.detail_scroll = state.detail_scroll.saturating_sub(3);
            Outcome::none()
        }
    }
}

/// The entry form, new or for `existing`; with no one in the journal yet,
/// the form that adds the manager first.
fn entry_form(ctx: &Ctx<'_>, existing: Option<&Interaction>) -> forms::OpenForm {
    if ctx.people.is_empty() {
        return forms::person_form(None, true);
    }
    forms::entry_form(ctx.kinds, ctx.people, ctx.manager(), existing)
}

/// A key while the search line is open: Enter keeps the search, Esc drops
/// it, an editing key changes the line and searches as it is typed.
pub fn on_search_key(state: &mut State, key: &KeyEvent, ctx: &Ctx<'_>) -> Outcome<Cmd> {
    match ctx.keymap.resolve::<SearchAction>(key) {
        Some(Resolved::Here(SearchAction::KeepSearch)) => {
            // Enter searches for all of it, short words included.
            let Some(input) = state.search.take() else {
                return Outcome::none();
            };
            set_search(state, input.text()).into()
        }
        Some(Resolved::Here(SearchAction::Cancel)) => {
            state.search = None;
            set_search(state, "").into()
        }
        Some(Resolved::Global(GlobalAction::Quit)) => {
            Outcome::ask(Ask::Terminal(TerminalCmd::Quit))
        }
        // Other keys edit the line (a global one with ctrl is typed as nothing).
        Some(Resolved::Global(_)) | None => {
            let Some(input) = state.search.as_mut() else {
                return Outcome::none();
            };
            if input.handle(key, ctx.keymap) {
                let query = input.text().to_string();
                set_live_search(state, &query).into()
            } else {
                Outcome::none()
            }
        }
    }
}

/// Text pasted into the search line, searched as if typed.
pub fn paste(state: &mut State, text: &str) -> Option<Cmd> {
    let input = state.search.as_mut()?;
    input.insert(text);
    let query = input.text().to_string();
    set_live_search(state, &query)
}

/// A search as it is typed: only its words of three letters or more are
/// looked up; with none yet, the results stay as they are until the next
/// letter (a one-letter prefix would read most of the text index).
fn set_live_search(state: &mut State, query: &str) -> Option<Cmd> {
    if query.trim().is_empty() {
        return set_search(state, "");
    }
    let looked_up = crate::domain::text::live_search(query)?;
    set_search(state, &looked_up)
}

fn set_search(state: &mut State, query: &str) -> Option<Cmd> {
    let text = (!query.trim().is_empty()).then(|| query.to_string());
    if state.filter.text == text {
        return None;
    }
    state.filter.text = text;
    state.selected = 0;
    Some(reload(state, None))
}

/// A page of the timeline; a page on its way is superseded.
pub fn load(state: &mut State, from: PageFrom) -> Cmd {
    let request = state.fetch.start();
    Cmd::LoadPage {
        request,
        filter: state.filter.clone(),
        from,
    }
}

/// Starts the timeline afresh from the newest row, selecting `select` when it arrives.
pub fn reload(state: &mut State, select: Option<i64>) -> Cmd {
    state.pending_select = select;
    load(state, PageFrom::Start)
}

fn oldest_cursor() -> Cursor {
    Cursor {
        happened_on: NaiveDate::from_ymd_opt(1, 1, 1).unwrap_or_default(),
        id: 0,
    }
}

fn apply_page(t: &mut State, from: PageFrom, rows: Vec<Interaction>) {
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
    keep_visible(t);
}

fn move_selection(t: &mut State, delta: isize) -> Option<Cmd> {
    if t.rows.is_empty() {
        return None;
    }
    let last = t.rows.len() as isize - 1;
    let target = (t.selected as isize + delta).clamp(0, last) as usize;
    if target != t.selected {
        t.selected = target;
        t.detail_scroll = 0;
    }
    keep_visible(t);
    fetch_if_near_edge(t)
}

fn fetch_if_near_edge(t: &mut State) -> Option<Cmd> {
    if t.fetch.is_loading() {
        return None;
    }
    if !t.at_oldest && t.selected + PREFETCH >= t.rows.len() {
        let cursor = t.rows.last().map(Cursor::after)?;
        return Some(load(t, PageFrom::Older(cursor)));
    }
    if !t.at_newest && t.selected < PREFETCH {
        let cursor = t.rows.first().map(Cursor::after)?;
        return Some(load(t, PageFrom::Newer(cursor)));
    }
    None
}

fn keep_visible(t: &mut State) {
    let height = t.list_height.max(1);
    if t.selected < t.offset {
        t.offset = t.selected;
    } else if t.selected >= t.offset + height {
        t.offset = t.selected + 1 - height;
    }
    t.offset = t.offset.min(t.rows.len().saturating_sub(1));
}
