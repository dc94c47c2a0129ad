//! Advice asks followed to their report-back.

use chrono::NaiveDate;

use crate::domain::AdviceLoop;
use crate::store::{Result, Store};

/// Records the report-back on the person's oldest advice ask still
/// awaiting one; `None` when there is none.
pub fn report_oldest_advice(
    store: &mut Store,
    person_id: i64,
    applied: bool,
    today: NaiveDate,
) -> Result<Option<AdviceLoop>> {
    match store.advice().oldest_open_advice(person_id)? {
        Some(ask) => store
            .advice_mut()
            .report_advice(ask.id, Some(applied), today)
            .map(Some),
        None => Ok(None),
    }
}
