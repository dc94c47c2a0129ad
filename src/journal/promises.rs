//! Promises as the faces ask for them: a due day typed as "next 1:1"
//! counted for the person it concerns.

use chrono::NaiveDate;

use crate::domain::Person;
use crate::store::{Result, Store};

/// The day of the next 1:1 with `person` as of `today` (what a due day of
/// "next 1:1" means); `None` when it is not planned.
pub fn next_one_on_one_day(
    store: &Store,
    person: &Person,
    today: NaiveDate,
) -> Result<Option<NaiveDate>> {
    Ok(super::status::next_one_on_one_for(store, person, today)?.on)
}
