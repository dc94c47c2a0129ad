//! The coach on one person's journal: the facts its signals need, read
//! through the store as of one day (nothing logged after it counts), and the
//! suggestions `coach::evaluate` makes of them with the user's nudge state.

use chrono::{Days, NaiveDate};

use super::status::next_one_on_one_for;
use crate::coach::{CoachFacts, Playbook, Signals, Suggestion, evaluate};
use crate::domain::Person;
use crate::store::{PromiseFilter, Result, Store};

/// Everything the coach's signals need for one person on one day.
pub fn coach_facts(store: &Store, person: &Person, today: NaiveDate) -> Result<CoachFacts> {
    let open_topics: Vec<(String, NaiveDate)> = store
        .agenda()
        .topics(Some(person.id), false)?
        .into_iter()
        .filter(|t| t.added_on <= today)
        .map(|t| (t.text, t.added_on))
        .collect();
    let quarter_ago = today.checked_sub_days(Days::new(90)).unwrap_or(today);
    let since = open_topics
        .iter()
        .map(|(_, d)| *d)
        .min()
        .map_or(quarter_ago, |d| d.min(quarter_ago));
    let mut check_ins = store.nudges().last_check_ins(person.id, today, 6)?;
    check_ins.reverse();
    let asks = store.nudges().advice_asks_as_of(person.id, today, 1)?;
    let last_seen = store.aggregates().last_seen_as_of(person.id, today)?;
    // A risk is raised by the 1:1 or the summary that came after it.
    let raised_through = last_seen.one_on_one.max(last_seen.summary);
    Ok(CoachFacts {
        today,
        person: person.clone(),
        last_seen,
        earliest: store.aggregates().earliest_day(person.id)?,
        next_one_on_one: next_one_on_one_for(store, person, today)?.on,
        recent: store
            .aggregates()
            .day_facts(person.id, since)?
            .into_iter()
            .filter(|f| f.day <= today)
            .collect(),
        check_ins,
        open_advice: asks.oldest,
        open_advice_count: asks.open,
        advice_reported: asks.reported,
        open_topics,
        profile: store.profiles().profile(Some(person.id))?,
        my_profile: store.profiles().profile(None)?,
        expectations: store.profiles().expectations(Some(person.id), false)?,
        promises: store.promises().list(PromiseFilter {
            person_id: Some(person.id),
            include_closed: true,
        })?,
        unraised_risk: store.aggregates().oldest_shared_risk_after(
            person.id,
            raised_through,
            today,
        )?,
    })
}

/// Signals and suggestions for `person` on `today`.
pub fn suggestions(
    store: &Store,
    person: &Person,
    playbook: &Playbook,
    today: NaiveDate,
    include_quiet: bool,
) -> Result<(Signals, Vec<Suggestion>)> {
    let signals = Signals::compute(&coach_facts(store, person, today)?);
    let state = store.nudges().nudge_states(person.id)?;
    let suggestions = evaluate(playbook, &signals, &state, include_quiet);
    Ok((signals, suggestions))
}
