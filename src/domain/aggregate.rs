//! What the store aggregates the journal to for Insights and the coach: per
//! day and kind, and the last day of each sort of contact.

use chrono::NaiveDate;

use super::Category;

/// What happened on one day with one kind: the unit the store aggregates to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayFact {
    pub day: NaiveDate,
    pub category: Category,
    pub count: u32,
    pub quality_sum: u32,
    pub quality_count: u32,
    /// How many of them I started.
    pub by_me: u32,
}

/// The last day of each sort of contact, whenever it was.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LastSeen {
    pub one_on_one: Option<NaiveDate>,
    pub informal: Option<NaiveDate>,
    pub ask: Option<NaiveDate>,
    pub summary: Option<NaiveDate>,
    pub feedback: Option<NaiveDate>,
}
