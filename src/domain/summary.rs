//! The weekly summary as saved, and what the prep sheet and the after-the-1:1
//! form carry to and from the store: advice awaiting a report-back, the
//! follow-ups of a 1:1.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::AdviceLoop;

/// Advice asks awaiting a report-back that Prep and the summary list, oldest
/// first; the rest are counted.
pub const ADVICE_SHOWN: usize = 50;

/// An advice ask awaiting a report-back, with the day it was asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AwaitingAdvice {
    #[serde(flatten)]
    pub advice: AdviceLoop,
    pub asked_on: NaiveDate,
}

impl AwaitingAdvice {
    pub fn days_waiting(&self, today: NaiveDate) -> i64 {
        today.signed_duration_since(self.asked_on).num_days()
    }
}

/// What came out of a 1:1 besides closing topics: topics for the next one,
/// an advice ask and the promises made. The after-the-1:1 form saves them with the 1:1.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FollowUps {
    /// Texts of topics for the next 1:1, in agenda order.
    pub new_topics: Vec<String>,
    pub advice: Option<AdviceAsk>,
    /// Promises made in it, mine and theirs, made on the 1:1's day.
    pub promises: Vec<super::PromiseNote>,
}

/// An explicit advice ask: the question, and the strength of theirs it
/// draws on (may be empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdviceAsk {
    pub question: String,
    pub strength: String,
}

/// A summary as saved, for the 1:1 after `after_one_on_one`: a draft until
/// it is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeeklySummary {
    pub id: i64,
    pub person_id: i64,
    /// The last 1:1 before the one it prepares (`None`: there was none).
    pub after_one_on_one: Option<NaiveDate>,
    /// The day the 1:1 it prepares was planned for when last saved.
    pub for_one_on_one: Option<NaiveDate>,
    pub body: String,
    pub sent_on: Option<NaiveDate>,
    /// The `summary` interaction logged when it was sent.
    pub sent_interaction: Option<i64>,
    /// The topics the manager picked from it.
    pub picked_topics: Vec<i64>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}
