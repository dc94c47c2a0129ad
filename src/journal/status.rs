//! What needs doing soon, read through the store: the next 1:1 as every
//! reader goes by it, and the facts `rapport status` and `rapport remind`
//! say in a line.

use chrono::{Days, NaiveDate};

use crate::domain::{MadeBy, Person};
use crate::prep::next::{Plan, next_one_on_one_planned, typical_weekday};
use crate::prep::status::{PromiseDue, StatusFacts};
use crate::prep::{NextOneOnOne, summary_status};
use crate::store::{PromiseFilter, Result, Store};

/// The next 1:1 with `person` as of `today`: what Prep, the summary,
/// `status`, `remind` and the coach's cadence signals all go by.
///
/// A date set by hand wins; then the calendar series (its next 1:1
/// happening after the last one logged, from today on); then the cadence,
/// kept on the weekday most recent 1:1s fell on.
pub fn next_one_on_one_for(
    store: &Store,
    person: &Person,
    today: NaiveDate,
) -> Result<NextOneOnOne> {
    let last = store
        .agenda()
        .last_one_on_one(person.id, today)?
        .map(|l| l.happened_on);
    Ok(next_one_on_one_planned(
        person,
        last,
        store.aggregates().earliest_day(person.id)?,
        today,
        plan(store, person, last, today)?,
    ))
}

/// How far back the typical weekday of 1:1s looks.
const TYPICAL_WEEKDAY_DAYS: u64 = 84;

/// The calendar's next 1:1 and the typical weekday, for `person` whose last
/// 1:1 logged on or before `today` was on `last`.
pub fn plan(
    store: &Store,
    person: &Person,
    last: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Plan> {
    let from = last
        .and_then(|l| l.succ_opt())
        .map_or(today, |after| after.max(today));
    let back = today
        .checked_sub_days(Days::new(TYPICAL_WEEKDAY_DAYS))
        .unwrap_or(today);
    let recent = store
        .calendar()
        .one_on_one_days_distinct(person.id, back, today)?;
    Ok(Plan {
        calendar: store.calendar().next_day(person.id, from)?,
        typical_weekday: typical_weekday(&recent),
    })
}

/// What `rapport status` and `rapport remind` say, for the current manager
/// on `today`; `None` without one.
pub fn status_facts(store: &Store, today: NaiveDate) -> Result<Option<StatusFacts>> {
    let Some(person) = store.people().current_person()? else {
        return Ok(None);
    };
    // The summary for the next 1:1, by the one sent-before rule.
    let window = super::prep::summary_window(store, &person, today)?;
    let saved = store.agenda().summary(person.id, window.previous)?;
    let logged = store.agenda().last_summary_entry(person.id, today)?;
    Ok(Some(StatusFacts {
        next: next_one_on_one_for(store, &person, today)?,
        summary: summary_status(saved.as_ref(), logged.as_ref(), &window),
        promises_due: promises_due(store, today)?,
        person: person.name,
    }))
}

/// My promises (made by me, to anyone) still open on or past their due
/// day as of `today`, soonest due first. Theirs overdue is the coach's.
pub fn promises_due(store: &Store, today: NaiveDate) -> Result<Vec<PromiseDue>> {
    let open = store.promises().list(PromiseFilter::default())?;
    let mut due: Vec<PromiseDue> = open
        .into_iter()
        .filter(|p| p.state.is_open() && p.made_by == MadeBy::Me)
        .filter_map(|p| {
            let day = p.due_on.filter(|d| *d <= today)?;
            Some(PromiseDue {
                text: p.text,
                due: day,
            })
        })
        .collect();
    due.sort_by_key(|p| p.due);
    Ok(due)
}
