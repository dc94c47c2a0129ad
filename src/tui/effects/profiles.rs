//! The People screen's work against the store: loading both profiles and
//! the expectations with one person, each in-place edit (answered with what
//! happened and the edit that would undo a removal), a new current manager.

use chrono::{DateTime, NaiveDate, Utc};

use super::super::app::Msg;
use super::super::screens::people::about::{AboutData, ProfileOp};
use super::super::screens::people::{self, Cmd};
use crate::domain::text::shown_line;
use crate::domain::{ExpectationState, ProfileChange};
use crate::present::truncated;
use crate::store::{PersonChange, Store, StoreError};

fn load(store: &Store, person_id: i64) -> Result<AboutData, StoreError> {
    Ok(AboutData {
        person_id,
        theirs: store.profiles().profile(Some(person_id))?,
        mine: store.profiles().profile(None)?,
        expectations: store.profiles().expectations(Some(person_id), false)?,
    })
}

fn quoted(text: &str) -> String {
    format!("“{}”", truncated(&shown_line(text), 40))
}

pub(super) fn run(
    store: &mut Store,
    cmd: Cmd,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<Msg, StoreError> {
    match cmd {
        Cmd::LoadAbout { request, person_id } => load(store, person_id).map(|data| {
            Msg::People(people::Msg::AboutLoaded {
                request,
                data: Box::new(data),
            })
        }),
        Cmd::Profile(op) => edit(store, op, today, now).map(Msg::People),
        Cmd::SetCurrent(id) => store
            .people_mut()
            .update_person(
                id,
                &PersonChange {
                    make_current: true,
                    ..PersonChange::default()
                },
                today,
                now,
            )
            .map(|person| Msg::People(people::Msg::MadeCurrent(person))),
    }
}

fn edit(
    store: &mut Store,
    op: ProfileOp,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<people::Msg, StoreError> {
    let mut undo = None;
    let said = match op {
        ProfileOp::Add {
            person_id,
            facet,
            text,
        } => {
            let item = store
                .profiles_mut()
                .add_profile_item(person_id, facet, &text, today)?;
            format!("noted {}", quoted(&item.text))
        }
        ProfileOp::Edit { id, text } => {
            let item = store.profiles_mut().edit_profile_item(id, &text, today)?;
            format!(
                "now {} (the old wording is kept in the history)",
                quoted(&item.text)
            )
        }
        ProfileOp::Retire { id } => {
            let item = store.profiles_mut().retire_profile_item(id, today)?;
            undo = Some(ProfileOp::Restore { id });
            format!("removed {}", quoted(&item.text))
        }
        ProfileOp::Restore { id } => {
            let item = store.profiles_mut().restore_profile_item(id)?;
            format!("restored {}", quoted(&item.text))
        }
        ProfileOp::Confirm { id } => {
            let item = store.profiles_mut().confirm_profile_item(id, today)?;
            format!("{} still holds: confirmed today", quoted(&item.text))
        }
        ProfileOp::SetStrengths {
            person_id,
            strengths,
        } => {
            let before = store.people().person(person_id)?.strengths;
            let change = PersonChange {
                strengths: Some(strengths),
                profile: ProfileChange::default(),
                ..PersonChange::default()
            };
            let after = store
                .people_mut()
                .update_person(person_id, &change, today, now)?
                .strengths;
            if after.len() < before.len() {
                undo = Some(ProfileOp::SetStrengths {
                    person_id,
                    strengths: before,
                });
                "removed a strength".to_string()
            } else {
                "strengths saved".to_string()
            }
        }
        ProfileOp::AddExpectation(draft) => {
            let e = store.profiles_mut().add_expectation(&draft, today, now)?;
            format!("added {} as assumed: c once you agree it", quoted(&e.text))
        }
        ProfileOp::EditExpectation { id, text } => {
            let e = store.profiles_mut().edit_expectation(id, &text, now)?;
            format!("now {}", quoted(&e.text))
        }
        ProfileOp::SetState { id, state } => {
            let e = store
                .profiles_mut()
                .set_expectation_state(id, state, today, now)?;
            match state {
                ExpectationState::Agreed => format!("agreed {} today", quoted(&e.text)),
                other => format!("{} is {}", quoted(&e.text), other.as_str()),
            }
        }
        ProfileOp::DropExpectation { id } => {
            let e = store.profiles_mut().drop_expectation(id, today, now)?;
            undo = Some(ProfileOp::RestoreExpectation { id });
            format!("dropped {}", quoted(&e.text))
        }
        ProfileOp::RestoreExpectation { id } => {
            let e = store.profiles_mut().restore_expectation(id, now)?;
            format!("restored {}", quoted(&e.text))
        }
    };
    Ok(people::Msg::ProfileChanged { said, undo })
}
