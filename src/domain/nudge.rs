//! The user's answers to the coach's suggestions, as the store keeps them.

use chrono::NaiveDate;

/// Where a rule stands for one person, as the store keeps it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleState {
    pub rule_id: String,
    /// Quiet until this day (a snooze, or the cooldown after dismiss/done).
    pub quiet_until: Option<NaiveDate>,
    /// The occurrence that was dismissed or done.
    pub anchor: Option<NaiveDate>,
    pub dismissed_on: Option<NaiveDate>,
    pub done_on: Option<NaiveDate>,
    pub switched_off: bool,
}
