//! The self-review draft: the entries of a span read through the store,
//! shaped by `review`.

use chrono::NaiveDate;

use crate::domain::{Category, Person};
use crate::review::{Review, ReviewFacts};
use crate::store::{Cursor, InteractionFilter, PageRequest, Result, Store};

/// Entries read per page while gathering a review.
const PAGE: u32 = 500;

/// The review of `since..=until`, for one person or everyone.
pub fn review(
    store: &Store,
    person: Option<&Person>,
    since: NaiveDate,
    until: NaiveDate,
    include_private: bool,
) -> Result<Review> {
    let filter = InteractionFilter {
        person_id: person.map(|p| p.id),
        since: Some(since),
        until: Some(until),
        ..InteractionFilter::default()
    };
    let mut entries = Vec::new();
    let mut after: Option<Cursor> = None;
    loop {
        let page = store
            .entries()
            .interactions(&filter, PageRequest { limit: PAGE, after })?;
        let Some(last) = page.last() else { break };
        after = Some(Cursor::after(last));
        entries.extend(page);
    }
    let people: Vec<Person> = match person {
        Some(p) => vec![p.clone()],
        None => store.people().list(true)?,
    };
    let mut one_on_one_before = Vec::new();
    for p in &people {
        let before = since.pred_opt().unwrap_or(since);
        if let Some(last) = store.agenda().last_one_on_one(p.id, before)? {
            one_on_one_before.push((p.id, last.happened_on));
        }
    }
    let mut expectations = Vec::new();
    for p in &people {
        expectations.extend(store.profiles().expectations(Some(p.id), false)?);
    }
    // Only what the review reads: work, feedback, asks, 1:1s and summaries.
    entries.retain(|e| {
        matches!(
            e.category,
            Category::Work
                | Category::Feedback
                | Category::Ask
                | Category::Formal
                | Category::Update
        )
    });
    Ok(Review::build(&ReviewFacts {
        since,
        until,
        with: person.map(|p| p.name.clone()),
        entries,
        one_on_one_before,
        expectations,
        include_private,
    }))
}
