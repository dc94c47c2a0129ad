//! Before the 1:1: the facts the prep sheet and the weekly summary are made
//! of, read through the store, and the sheet `prep` shapes from them.

use chrono::NaiveDate;

use crate::domain::{Category, Facet, Person, Week};
use crate::prep::{PrepFacts, PrepSheet, SummaryFacts, agenda};
use crate::store::{InteractionFilter, PageRequest, PromiseFilter, Result, Store};

/// At most this many entries on the prep sheet's "since the last 1:1".
pub const PREP_RECENT_LIMIT: u32 = 200;

/// At most this many entries read for one week's summary.
const WEEK_ENTRY_LIMIT: u32 = 1000;

/// Everything the prep sheet is built from, for `person` on `today`.
pub fn prep_facts(store: &Store, person: &Person, today: NaiveDate) -> Result<PrepFacts> {
    let last = store.last_one_on_one(person.id, today)?;
    let last_day = last.as_ref().map(|l| l.happened_on);
    let since = PrepFacts::window_start(last.as_ref().map(|l| l.happened_on), today);
    let filter = InteractionFilter {
        person_id: Some(person.id),
        since: Some(since),
        until: Some(today),
        ..InteractionFilter::default()
    };
    // One more than shown tells whether there are more.
    let page = PageRequest {
        limit: PREP_RECENT_LIMIT + 2,
        after: None,
    };
    let mut recent = store.interactions(&filter, page)?;
    let keep = PREP_RECENT_LIMIT as usize + usize::from(last.is_some());
    let recent_truncated = recent.len() > keep;
    recent.truncate(keep);
    let open_topics = store.topics(Some(person.id), false)?;
    let oldest = open_topics
        .iter()
        .map(|t| t.added_on)
        .min()
        .unwrap_or(today);
    let week = Week::containing(today);
    let summary_filter = InteractionFilter {
        category: Some(Category::Update),
        person_id: Some(person.id),
        since: Some(week.monday()),
        until: Some(today),
        ..InteractionFilter::default()
    };
    let summary_page = PageRequest {
        limit: 1,
        after: None,
    };
    let (open_advice, open_advice_total) = store.awaiting_advice_counted(person.id, today)?;
    Ok(PrepFacts {
        person: person.clone(),
        today,
        earliest: store.earliest_day(person.id)?,
        last_one_on_one: last,
        recent,
        recent_truncated,
        one_on_ones: store.one_on_one_days(person.id, oldest, today)?,
        open_topics,
        open_advice,
        open_advice_total,
        summary: store.summary(person.id, week)?,
        summary_entry: store
            .interactions(&summary_filter, summary_page)?
            .into_iter()
            .next(),
        profile: store.profile(Some(person.id))?,
        expectations: store.expectations(Some(person.id), false)?,
        promises: store
            .promises(PromiseFilter {
                person_id: Some(person.id),
                include_closed: true,
            })?
            .into_iter()
            .filter(|p| p.state.is_open() || p.closed_on.is_some_and(|d| d >= since))
            .collect(),
        plan: super::status::plan(store, person, last_day, today)?,
    })
}

/// The prep sheet for `person` on `today`.
pub fn prep_sheet(store: &Store, person: &Person, today: NaiveDate) -> Result<PrepSheet> {
    Ok(PrepSheet::build(&prep_facts(store, person, today)?))
}

/// Everything one week's summary is made from: the week as it stood at
/// its end, or today for the current week.
pub fn summary_facts(
    store: &Store,
    person: &Person,
    week: Week,
    today: NaiveDate,
) -> Result<SummaryFacts> {
    let as_of = week.up_to(today);
    let filter = InteractionFilter {
        person_id: Some(person.id),
        since: Some(week.monday()),
        until: Some(as_of),
        ..InteractionFilter::default()
    };
    let page = PageRequest {
        limit: WEEK_ENTRY_LIMIT,
        after: None,
    };
    let topics = store.topics_open_on(person.id, as_of)?;
    let oldest = topics.iter().map(|t| t.added_on).min().unwrap_or(as_of);
    let one_on_ones = store.one_on_one_days(person.id, oldest, as_of)?;
    Ok(SummaryFacts {
        manager: person.clone(),
        week,
        as_of,
        entries: store.interactions(&filter, page)?,
        open_topics: agenda(&topics, &one_on_ones, as_of),
        open_advice: store.awaiting_advice(person.id, as_of)?,
        reported_advice: store.advice_reported(person.id, week.monday(), as_of)?,
        next: super::status::next_one_on_one_for(store, person, as_of)?,
        goals: store.profile(Some(person.id))?.texts(Facet::Goal),
        promises: store
            .promises(PromiseFilter {
                person_id: Some(person.id),
                include_closed: true,
            })?
            .into_iter()
            .filter(|p| p.state.is_open() || p.closed_on.is_some_and(|d| d >= week.monday()))
            .collect(),
    })
}
