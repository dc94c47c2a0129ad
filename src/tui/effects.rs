//! `effects`: the only part of the TUI that calls the store. Each `Cmd`
//! runs in the store's own transaction and answers with a `Msg`; work for
//! the terminal itself is handed back to the event loop.

mod forms;
mod next_steps;
mod prep;
mod profiles;
mod timeline;

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};

use super::app::{Cmd, Msg, TerminalCmd};
use super::loading::{Changed, RequestId};
use super::screens;
use crate::coach::Playbook;
use crate::config::Targets;
use crate::journal;
use crate::store::{Store, StoreError};

/// The configuration the effects read (the coach's playbook, the cadence
/// targets, where a user summary template may be): read once at the start
/// and handed to the runner and the worker, never carried in a command.
#[derive(Debug, Clone)]
pub struct Settings {
    pub playbook: Playbook,
    pub targets: Targets,
    /// Where a user `summary.md` template may be.
    pub template_dir: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            playbook: Playbook::builtin(),
            targets: Targets::default(),
            template_dir: None,
        }
    }
}

/// Runs `cmd`, pushing the answers onto `out` and the terminal's work
/// (clipboard, editor) onto `terminal`, for the event loop.
pub fn run(
    store: &mut Store,
    settings: &Settings,
    cmd: Cmd,
    today: NaiveDate,
    now: DateTime<Utc>,
    out: &mut Vec<Msg>,
    terminal: &mut Vec<TerminalCmd>,
) {
    let request = cmd.request();
    let changed = changed_by(&cmd);
    let answer = match cmd {
        Cmd::Batch(cmds) => {
            for cmd in cmds {
                run(store, settings, cmd, today, now, out, terminal);
            }
            return;
        }
        Cmd::Terminal(work) => {
            terminal.push(work);
            return;
        }
        Cmd::Prep(cmd) => prep::run(store, settings, cmd, today, now).map(Msg::Prep),
        Cmd::People(cmd) => profiles::run(store, cmd, today, now),
        Cmd::LoadPeople { request } => store.people().list(false).and_then(|people| {
            Ok(Msg::PeopleLoaded {
                request,
                people,
                kinds: store.people().kinds()?,
            })
        }),
        Cmd::Journal(cmd) => timeline::run(store, cmd, now).map(Msg::Journal),
        Cmd::NextSteps(cmd) => next_steps::run(store, settings, cmd, today).map(Msg::NextSteps),
        Cmd::Insights(cmd) => insights(store, settings, cmd, today).map(Msg::Insights),
        Cmd::Form(cmd) => match forms::run(store, cmd, today, now) {
            Ok(Some(msg)) => Ok(msg),
            Ok(None) => return,
            Err(e) => Err(e),
        },
    };
    match answer {
        Ok(msg) => {
            out.push(msg);
            if !changed.is_empty() {
                out.push(Msg::Changed(changed));
            }
        }
        Err(e) => out.push(failure(e, request)),
    }
}

/// What a command writes, for `update::invalidate`: every write names what
/// it changes here, next to the others, and a new command must be placed.
fn changed_by(cmd: &Cmd) -> Changed {
    match cmd {
        Cmd::LoadPeople { .. } | Cmd::Insights(_) | Cmd::Terminal(_) | Cmd::Batch(_) => {
            Changed::empty()
        }
        Cmd::Form(cmd) => forms::changed_by(cmd),
        Cmd::Journal(cmd) => timeline::changed_by(cmd),
        Cmd::People(cmd) => match cmd {
            screens::people::Cmd::LoadAbout { .. } => Changed::empty(),
            // Strengths live on the person.
            screens::people::Cmd::Profile(_) => Changed::PROFILE | Changed::PEOPLE,
            screens::people::Cmd::SetCurrent(_) => Changed::PEOPLE,
        },
        Cmd::NextSteps(cmd) => next_steps::changed_by(cmd),
        Cmd::Prep(cmd) => prep::changed_by(cmd),
    }
}

/// The Insights screen's work.
fn insights(
    store: &Store,
    settings: &Settings,
    cmd: screens::insights::Cmd,
    today: NaiveDate,
) -> Result<screens::insights::Msg, StoreError> {
    match cmd {
        screens::insights::Cmd::Load {
            request,
            person_id,
            range,
        } => {
            let person = store.people().person(person_id)?;
            Ok(screens::insights::Msg::Loaded {
                request,
                insights: Box::new(journal::insights(
                    store,
                    &person,
                    range,
                    &settings.targets,
                    today,
                )?),
            })
        }
    }
}

fn failure(e: StoreError, request: Option<RequestId>) -> Msg {
    match e {
        StoreError::Stale { .. } => Msg::Stale(format!("{e}; your changes are still in the form")),
        other => Msg::Failed {
            request,
            error: other.to_string(),
        },
    }
}
