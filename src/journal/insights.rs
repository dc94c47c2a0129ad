//! Insights for one person: the aggregates read through the store, the
//! series computed by `insights::compute`.

use chrono::NaiveDate;

use crate::config::Targets;
use crate::domain::{Person, monday_of};
use crate::insights::{CadenceTargets, Insights, InsightsInput, Range};
use crate::store::{PromiseFilter, Result, Store};

/// Every Insights series for `person` over `range`.
pub fn insights(
    store: &Store,
    person: &Person,
    range: Range,
    targets: &Targets,
    today: NaiveDate,
) -> Result<Insights> {
    let earliest = match range {
        Range::All => store.aggregates().earliest_day(person.id)?,
        _ => None,
    };
    let since = range
        .start(today, earliest)
        .min(crate::insights::calendar_start(today));
    let since = monday_of(since);
    let facts = store.aggregates().day_facts(person.id, since)?;
    let check_ins = store.aggregates().check_ins_since(person.id, since)?;
    let promises = store.promises().list(PromiseFilter {
        person_id: Some(person.id),
        include_closed: true,
    })?;
    Ok(crate::insights::compute(&InsightsInput {
        facts: &facts,
        check_ins: &check_ins,
        promises: &promises,
        last_seen: store.aggregates().last_seen(person.id)?,
        targets: CadenceTargets {
            one_on_one: person.cadence_days,
            informal: targets.informal_days,
            advice: targets.advice_days,
            summary: targets.summary_days,
        },
        range,
        earliest,
        today,
    }))
}
