//! The People screen: the list of people on the left, and on the right
//! their profile, the expectations between you and your own profile, each
//! list edited in place; removals are undone with `u`.

use super::super::about::{AboutData, ProfileOp, Row, RowKind, Section, about_rows};
use super::super::app::{App, Cmd, Overlay};
use super::super::forms;
use super::super::keymap::{Action, Context};
use super::fetches::refresh_about;
use super::overlays::close_form;
use crate::domain::{ExpectationState, Person};

fn selected_person(app: &App) -> Option<Person> {
    app.people.get(app.people_selected).cloned()
}

pub(super) fn on_about_loaded(app: &mut App, data: Box<AboutData>) {
    let about = &mut app.about;
    let other_person = about
        .data
        .as_ref()
        .is_none_or(|d| d.person_id != data.person_id);
    if other_person {
        about.selected = 0;
        about.undo = None;
    }
    about.data = Some(data);
    let count = about_rows(app).len();
    app.about.selected = app.about.selected.min(count.saturating_sub(1));
}

pub(super) fn on_profile_changed(
    app: &mut App,
    said: String,
    undo: Option<ProfileOp>,
) -> Option<Cmd> {
    let said = match &undo {
        Some(_) => {
            let key = app.keymap.keys_for(Context::People, Action::Undo);
            format!("{said} — {key} to undo")
        }
        None => said,
    };
    app.info(said);
    app.about.undo = undo;
    close_form(app)
}

pub(super) fn on_people_action(app: &mut App, action: Action) -> Option<Cmd> {
    if app.about.focused {
        return on_about_action(app, action);
    }
    let count = app.people.len();
    match action {
        Action::Down if count > 0 => {
            app.people_selected = (app.people_selected + 1).min(count - 1);
            refresh_about(app)
        }
        Action::Up => {
            app.people_selected = app.people_selected.saturating_sub(1);
            refresh_about(app)
        }
        Action::FocusProfile if count > 0 => {
            app.about.focused = true;
            refresh_about(app)
        }
        Action::Add => {
            app.overlay = Some(Overlay::Form(Box::new(forms::person_form(None, false))));
            None
        }
        Action::Edit => {
            let person = selected_person(app);
            if let Some(p) = person {
                app.overlay = Some(Overlay::Form(Box::new(forms::person_form(Some(&p), false))));
            }
            None
        }
        Action::SetCurrent => selected_person(app).map(|p| Cmd::SetCurrent(p.id)),
        _ => None,
    }
}

fn open_form(app: &mut App, section: Section, person_id: i64, editing: Option<&Row>) {
    let form = match editing {
        Some(row) => forms::profile_form(section, person_id, Some(row.kind), &row.text),
        None => forms::profile_form(section, person_id, None, ""),
    };
    app.overlay = Some(Overlay::Form(Box::new(form)));
}

fn on_about_action(app: &mut App, action: Action) -> Option<Cmd> {
    let person = selected_person(app)?;
    let rows = about_rows(app);
    let row = rows.get(app.about.selected).cloned();
    match action {
        Action::Down if !rows.is_empty() => {
            app.about.selected = (app.about.selected + 1).min(rows.len() - 1);
            None
        }
        Action::Up => {
            app.about.selected = app.about.selected.saturating_sub(1);
            None
        }
        Action::FocusPeople => {
            app.about.focused = false;
            None
        }
        Action::Add => {
            let section = row.map_or(Section::Goals, |r| r.section);
            open_form(app, section, person.id, None);
            None
        }
        Action::Edit => {
            let row = row?;
            let editing = (row.kind != RowKind::Empty).then_some(&row);
            open_form(app, row.section, person.id, editing);
            None
        }
        Action::Remove => match row?.kind {
            RowKind::ProfileItem(id) => Some(Cmd::Profile(ProfileOp::Retire { id })),
            RowKind::Expectation(id) => Some(Cmd::Profile(ProfileOp::DropExpectation { id })),
            RowKind::Strength(i) => {
                let mut strengths = person.strengths.clone();
                (i < strengths.len()).then(|| {
                    strengths.remove(i);
                    Cmd::Profile(ProfileOp::SetStrengths {
                        person_id: person.id,
                        strengths,
                    })
                })
            }
            RowKind::Empty => {
                app.info("nothing to remove here");
                None
            }
        },
        Action::Undo => match app.about.undo.take() {
            Some(op) => Some(Cmd::Profile(op)),
            None => {
                app.info("nothing to undo");
                None
            }
        },
        Action::ConfirmItem => match row?.kind {
            RowKind::ProfileItem(id) => Some(Cmd::Profile(ProfileOp::Confirm { id })),
            RowKind::Expectation(id) => Some(Cmd::Profile(ProfileOp::SetState {
                id,
                state: ExpectationState::Agreed,
            })),
            _ => {
                app.info("c confirms a goal or another item, or agrees an expectation");
                None
            }
        },
        Action::MarkUnclear => match row?.kind {
            RowKind::Expectation(id) => Some(Cmd::Profile(ProfileOp::SetState {
                id,
                state: ExpectationState::Unclear,
            })),
            _ => {
                app.info("x marks an expectation unclear");
                None
            }
        },
        Action::SetCurrent => Some(Cmd::SetCurrent(person.id)),
        _ => None,
    }
}
