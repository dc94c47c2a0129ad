//! Before the 1:1: the facts the prep sheet and the weekly summary are made
//! of, read through the store, and the sheet `prep` shapes from them.

use chrono::NaiveDate;

use crate::domain::{Facet, Person};
use crate::prep::{
    PrepFacts, PrepSheet, SummaryFacts, SummaryWindow, WindowFacts, WindowStart, agenda,
    wants_bad_news_early,
};
use crate::store::{InteractionFilter, PageRequest, PromiseFilter, Result, Store};

/// At most this many entries on the prep sheet's "since the last 1:1".
pub const PREP_RECENT_LIMIT: u32 = 200;

/// At most this many entries read for one summary's window.
const WINDOW_ENTRY_LIMIT: u32 = 1000;

/// Everything the prep sheet is built from, for `person` on `today`.
pub fn prep_facts(store: &Store, person: &Person, today: NaiveDate) -> Result<PrepFacts> {
    let last = store.agenda().last_one_on_one(person.id, today)?;
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
    let mut recent = store.entries().interactions(&filter, page)?;
    let keep = PREP_RECENT_LIMIT as usize + usize::from(last.is_some());
    let recent_truncated = recent.len() > keep;
    recent.truncate(keep);
    let open_topics = store.agenda().topics(Some(person.id), false)?;
    let oldest = open_topics
        .iter()
        .map(|t| t.added_on)
        .min()
        .unwrap_or(today);
    let (open_advice, open_advice_total) =
        store.advice().awaiting_advice_counted(person.id, today)?;
    let summary_facts = summary_facts(store, person, today)?;
    Ok(PrepFacts {
        person: person.clone(),
        today,
        earliest: store.aggregates().earliest_day(person.id)?,
        last_one_on_one: last,
        recent,
        recent_truncated,
        one_on_ones: store.agenda().one_on_one_days(person.id, oldest, today)?,
        open_topics,
        open_advice,
        open_advice_total,
        summary: store
            .agenda()
            .summary(person.id, summary_facts.window.previous)?,
        summary_entry: store.agenda().last_summary_entry(person.id, today)?,
        summary_facts,
        profile: store.profiles().profile(Some(person.id))?,
        expectations: store.profiles().expectations(Some(person.id), false)?,
        promises: store
            .promises()
            .list(PromiseFilter {
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

/// The summary for the next 1:1 as of `today`: its window (see
/// `prep::SummaryWindow`) and the 1:1 it prepares.
pub fn summary_window(store: &Store, person: &Person, today: NaiveDate) -> Result<SummaryWindow> {
    let last = store
        .agenda()
        .last_one_on_one(person.id, today)?
        .map(|l| l.happened_on);
    let before = match last.and_then(|l| l.pred_opt()) {
        Some(day) => store
            .agenda()
            .last_one_on_one(person.id, day)?
            .map(|l| l.happened_on),
        None => None,
    };
    let next = super::status::next_one_on_one_for(store, person, today)?;
    Ok(SummaryWindow::of(&WindowFacts {
        today,
        last_one_on_one: last,
        one_on_one_before: before,
        last_summary: store
            .agenda()
            .last_summary_entry(person.id, today)?
            .map(|e| e.happened_on),
        next_one_on_one: next.on,
    }))
}

/// Everything the summary for the next 1:1 is made from, as of `today`.
pub fn summary_facts(store: &Store, person: &Person, today: NaiveDate) -> Result<SummaryFacts> {
    let window = summary_window(store, person, today)?;
    let filter = InteractionFilter {
        person_id: Some(person.id),
        since: Some(window.from),
        until: Some(window.to),
        ..InteractionFilter::default()
    };
    let page = PageRequest {
        limit: WINDOW_ENTRY_LIMIT,
        after: None,
    };
    let topics = store.agenda().topics_open_on(person.id, today)?;
    let oldest = topics.iter().map(|t| t.added_on).min().unwrap_or(today);
    let one_on_ones = store.agenda().one_on_one_days(person.id, oldest, today)?;
    let profile = store.profiles().profile(Some(person.id))?;
    let already_sent = match window.start {
        WindowStart::LastSummary(_) => store
            .agenda()
            .last_summary_entry(person.id, today)?
            .map(|e| e.notes),
        _ => None,
    };
    Ok(SummaryFacts {
        manager: person.clone(),
        window,
        entries: store.entries().interactions(&filter, page)?,
        open_topics: agenda(&topics, &one_on_ones, today),
        new_asks: store.advice().advice_asked(person.id, window.from, today)?,
        reported_advice: store
            .advice()
            .advice_reported(person.id, window.from, today)?,
        goals: profile.texts(Facet::Goal),
        bad_news_early: profile
            .value(Facet::BadNews)
            .is_some_and(wants_bad_news_early),
        already_sent,
        promises: store
            .promises()
            .list(PromiseFilter {
                person_id: Some(person.id),
                include_closed: true,
            })?
            .into_iter()
            .filter(|p| p.state.is_open() || p.closed_on.is_some_and(|d| d >= window.from))
            .collect(),
    })
}
