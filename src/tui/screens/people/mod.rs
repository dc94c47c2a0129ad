//! The People screen: the list of people on the left, and on the right
//! their profile, the expectations between you and your own profile
//! (`about`), each list edited in place; removals are undone with `u`.

pub mod about;

use super::super::app::Overlay;
use super::super::app::Screen;
use super::super::ctx::Ctx;
use super::super::forms;
use super::super::keymap::PeopleAction;
use super::super::loading::{Fetch, RequestId};
use super::{Ask, Outcome};
use crate::domain::text::shown_line;
use crate::domain::{ExpectationState, Person};
use about::{AboutData, ProfileOp, Row, RowKind, Section};

#[derive(Debug, Clone, Default)]
pub struct State {
    /// The person selected in the list.
    pub selected: usize,
    /// The keyboard is on the profile side, not the list of people.
    pub focused: bool,
    /// The profile side as last loaded (kept while another loads).
    pub about: Option<Box<AboutData>>,
    /// The row selected on the profile side.
    pub row: usize,
    pub fetch: Fetch,
    /// The edit that brings back what was last removed.
    pub undo: Option<ProfileOp>,
}

/// What comes back to the People screen.
#[derive(Debug, Clone)]
pub enum Msg {
    AboutLoaded {
        request: RequestId,
        data: Box<AboutData>,
    },
    /// A profile or expectation edit was saved; `undo` brings back a removal.
    ProfileChanged {
        said: String,
        undo: Option<ProfileOp>,
    },
    /// They are the current manager now.
    MadeCurrent(Person),
}

/// What the People screen asks the journal for.
#[derive(Debug, Clone)]
pub enum Cmd {
    /// Both profiles and the expectations with this person.
    LoadAbout {
        request: RequestId,
        person_id: i64,
    },
    Profile(ProfileOp),
    /// Make them the current manager.
    SetCurrent(i64),
}

impl Cmd {
    /// The fetch this command answers, if it is one.
    pub fn request(&self) -> Option<RequestId> {
        match self {
            Cmd::LoadAbout { request, .. } => Some(*request),
            Cmd::Profile(_) | Cmd::SetCurrent(_) => None,
        }
    }
}

/// The person selected in the list.
pub fn selected_person<'a>(state: &State, ctx: &Ctx<'a>) -> Option<&'a Person> {
    ctx.people.get(state.selected)
}

/// The rows of the profile side, when they are loaded for the person
/// selected in the list.
pub fn rows(state: &State, ctx: &Ctx<'_>) -> Vec<Row> {
    let Some(person) = selected_person(state, ctx) else {
        return Vec::new();
    };
    match state.about.as_deref() {
        Some(data) if data.person_id == person.id => about::rows(data, person, ctx.today),
        _ => Vec::new(),
    }
}

pub fn update(state: &mut State, msg: Msg, ctx: &Ctx<'_>) -> Outcome<Cmd> {
    match msg {
        Msg::AboutLoaded { request, data } => {
            if state.fetch.finish(request) {
                let other_person = state
                    .about
                    .as_ref()
                    .is_none_or(|d| d.person_id != data.person_id);
                if other_person {
                    state.row = 0;
                    state.undo = None;
                }
                state.about = Some(data);
                let count = rows(state, ctx).len();
                state.row = state.row.min(count.saturating_sub(1));
            }
            // The selection may have moved on while it loaded.
            Outcome::from(refresh(state, ctx))
        }
        Msg::ProfileChanged { said, undo } => {
            let said = match &undo {
                Some(_) => {
                    let key = ctx.keymap.keys_for(PeopleAction::Undo);
                    format!("{said} — {key} to undo")
                }
                None => said,
            };
            state.undo = undo;
            Outcome::info(said).and(Ask::CloseForm)
        }
        Msg::MadeCurrent(person) => Outcome::info(format!("saved {}", shown_line(&person.name))),
    }
}

/// The people were loaded afresh: the selection stays on the list.
pub fn people_loaded(state: &mut State, ctx: &Ctx<'_>) {
    state.selected = state.selected.min(ctx.people.len().saturating_sub(1));
}

/// Asks for the selected person's profile when it is wanted, or loaded for
/// someone else, and the screen shows.
pub fn refresh(state: &mut State, ctx: &Ctx<'_>) -> Option<Cmd> {
    if ctx.screen != Screen::People || state.fetch.is_loading() || ctx.people_loading {
        return None;
    }
    let person_id = selected_person(state, ctx)?.id;
    let loaded = state.about.as_ref().map(|d| d.person_id);
    if !state.fetch.wanted() && loaded == Some(person_id) {
        return None;
    }
    if state.fetch.error().is_some() && loaded == Some(person_id) {
        return None;
    }
    let request = state.fetch.start();
    Some(Cmd::LoadAbout { request, person_id })
}

/// An action of `[people]`, on the list or on the profile side.
pub fn on_action(state: &mut State, action: PeopleAction, ctx: &Ctx<'_>) -> Outcome<Cmd> {
    if state.focused {
        return on_about_action(state, action, ctx);
    }
    let count = ctx.people.len();
    match action {
        PeopleAction::Down if count > 0 => {
            state.selected = (state.selected + 1).min(count - 1);
            Outcome::from(refresh(state, ctx))
        }
        PeopleAction::Up => {
            state.selected = state.selected.saturating_sub(1);
            Outcome::from(refresh(state, ctx))
        }
        PeopleAction::FocusProfile if count > 0 => {
            state.focused = true;
            Outcome::from(refresh(state, ctx))
        }
        PeopleAction::Add => open(forms::person_form(None, false)),
        PeopleAction::Edit => match selected_person(state, ctx) {
            Some(p) => open(forms::person_form(Some(p), false)),
            None => Outcome::none(),
        },
        PeopleAction::SetCurrent => {
            Outcome::from(selected_person(state, ctx).map(|p| Cmd::SetCurrent(p.id)))
        }
        // Down and into the profile with no one listed; the rest act on the profile side.
        PeopleAction::Down
        | PeopleAction::FocusProfile
        | PeopleAction::FocusPeople
        | PeopleAction::Remove
        | PeopleAction::Undo
        | PeopleAction::ConfirmItem
        | PeopleAction::MarkUnclear => Outcome::none(),
    }
}

fn open(form: forms::OpenForm) -> Outcome<Cmd> {
    Outcome::ask(Ask::Open(Overlay::Form(Box::new(form))))
}

fn profile_form(section: Section, person_id: i64, editing: Option<&Row>) -> Outcome<Cmd> {
    open(match editing {
        Some(row) => forms::profile_form(section, person_id, Some(row.kind), &row.text),
        None => forms::profile_form(section, person_id, None, ""),
    })
}

fn on_about_action(state: &mut State, action: PeopleAction, ctx: &Ctx<'_>) -> Outcome<Cmd> {
    let Some(person) = selected_person(state, ctx) else {
        return Outcome::none();
    };
    let rows = rows(state, ctx);
    let row = rows.get(state.row).cloned();
    let profile = |op| Outcome::cmd(Cmd::Profile(op));
    match action {
        PeopleAction::Down if !rows.is_empty() => {
            state.row = (state.row + 1).min(rows.len() - 1);
            Outcome::none()
        }
        PeopleAction::Up => {
            state.row = state.row.saturating_sub(1);
            Outcome::none()
        }
        PeopleAction::FocusPeople => {
            state.focused = false;
            Outcome::none()
        }
        PeopleAction::Add => {
            let section = row.map_or(Section::Goals, |r| r.section);
            profile_form(section, person.id, None)
        }
        PeopleAction::Edit => match row {
            Some(row) => {
                let editing = (row.kind != RowKind::Empty).then_some(&row);
                profile_form(row.section, person.id, editing)
            }
            None => Outcome::none(),
        },
        PeopleAction::Remove => match row.map(|r| r.kind) {
            Some(RowKind::ProfileItem(id)) => profile(ProfileOp::Retire { id }),
            Some(RowKind::Expectation(id)) => profile(ProfileOp::DropExpectation { id }),
            Some(RowKind::Strength(i)) if i < person.strengths.len() => {
                let mut strengths = person.strengths.clone();
                strengths.remove(i);
                profile(ProfileOp::SetStrengths {
                    person_id: person.id,
                    strengths,
                })
            }
            Some(RowKind::Strength(_)) | None => Outcome::none(),
            Some(RowKind::Empty) => Outcome::info("nothing to remove here"),
        },
        PeopleAction::Undo => match state.undo.take() {
            Some(op) => profile(op),
            None => Outcome::info("nothing to undo"),
        },
        PeopleAction::ConfirmItem => match row.map(|r| r.kind) {
            Some(RowKind::ProfileItem(id)) => profile(ProfileOp::Confirm { id }),
            Some(RowKind::Expectation(id)) => profile(ProfileOp::SetState {
                id,
                state: ExpectationState::Agreed,
            }),
            None => Outcome::none(),
            Some(RowKind::Strength(_) | RowKind::Empty) => {
                let key = ctx.keymap.keys_for(PeopleAction::ConfirmItem);
                Outcome::info(format!(
                    "{key} confirms a goal or another item, or agrees an expectation"
                ))
            }
        },
        PeopleAction::MarkUnclear => match row.map(|r| r.kind) {
            Some(RowKind::Expectation(id)) => profile(ProfileOp::SetState {
                id,
                state: ExpectationState::Unclear,
            }),
            None => Outcome::none(),
            Some(RowKind::ProfileItem(_) | RowKind::Strength(_) | RowKind::Empty) => {
                let key = ctx.keymap.keys_for(PeopleAction::MarkUnclear);
                Outcome::info(format!("{key} marks an expectation unclear"))
            }
        },
        PeopleAction::SetCurrent => Outcome::cmd(Cmd::SetCurrent(person.id)),
        // Down past the last row; already on the profile side.
        PeopleAction::Down | PeopleAction::FocusProfile => Outcome::none(),
    }
}
