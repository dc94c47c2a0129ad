//! The Next steps screen's work against the journal: the suggestions, a
//! nudge recorded, the report-back on the oldest advice ask.

use chrono::NaiveDate;

use super::super::loading::Changed;
use super::super::screens::next_steps::{Cmd, Msg};
use super::Settings;
use crate::journal;
use crate::store::{Store, StoreError};

pub(super) fn run(
    store: &mut Store,
    settings: &Settings,
    cmd: Cmd,
    today: NaiveDate,
) -> Result<Msg, StoreError> {
    match cmd {
        Cmd::Load { request, person_id } => {
            let person = store.people().person(person_id)?;
            let (signals, suggestions) =
                journal::suggestions(store, &person, &settings.playbook, today, true)?;
            Ok(Msg::Loaded {
                request,
                suggestions,
                next_one_on_one: signals.next_one_on_one,
            })
        }
        Cmd::Nudge {
            rule,
            person_id,
            nudge,
            said,
        } => store
            .nudges_mut()
            .record_nudge(&rule, person_id, nudge, today)
            .map(|()| Msg::Nudged(said)),
        Cmd::ReportOldestAdvice { person_id, applied } => {
            journal::report_oldest_advice(store, person_id, applied, today)
                .map(|_| Msg::AdviceReported)
        }
    }
}

/// What each command writes.
pub(super) fn changed_by(cmd: &Cmd) -> Changed {
    match cmd {
        Cmd::Load { .. } => Changed::empty(),
        Cmd::Nudge { .. } => Changed::NUDGES,
        Cmd::ReportOldestAdvice { .. } => Changed::ADVICE,
    }
}
