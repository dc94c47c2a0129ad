//! Insights: how often and how well, as series computed by pure functions
//! from plain aggregates (per day and kind) and a `today`. No I/O here: the
//! store supplies the facts, the TUI and `rapport stats` show the result.

mod bins;
mod promises;
pub mod range;
mod series;

use chrono::NaiveDate;
use serde::Serialize;

pub use bins::{CadenceStatus, QualityBin, frequency_bins, quality_bins, weeks_per_bin};
pub use promises::{PromiseCounts, PromiseMonth, PromiseSeries, promise_series};
pub use range::Range;
pub use series::{SUMMARY_EFFECT_MINIMUM, calendar_start, compute};

use crate::domain::{Category, CheckIn, DayFact, LastSeen, Promise};

/// Targets in days; the 1:1 one is the person's cadence, if set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CadenceTargets {
    pub one_on_one: Option<u32>,
    pub informal: u32,
    pub advice: u32,
    pub summary: u32,
}

/// Everything `compute` needs.
#[derive(Debug, Clone)]
pub struct InsightsInput<'a> {
    /// Facts from at least the range start and the calendar's start on.
    pub facts: &'a [DayFact],
    pub check_ins: &'a [CheckIn],
    /// The person's promises, any state.
    pub promises: &'a [Promise],
    pub last_seen: LastSeen,
    pub targets: CadenceTargets,
    pub range: Range,
    /// The earliest entry, for the `All` range.
    pub earliest: Option<NaiveDate>,
    pub today: NaiveDate,
}

/// Interactions in one ISO week, by category.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct WeekFrequency {
    pub week_start: NaiveDate,
    pub iso_year: i32,
    pub iso_week: u32,
    pub formal: u32,
    pub informal: u32,
    pub ask: u32,
    pub update: u32,
    pub feedback: u32,
    pub note: u32,
    pub total: u32,
}

impl WeekFrequency {
    pub fn count(&self, category: Category) -> u32 {
        match category {
            Category::Formal => self.formal,
            Category::Informal => self.informal,
            Category::Ask => self.ask,
            Category::Update => self.update,
            Category::Feedback => self.feedback,
            Category::Note => self.note,
            Category::Work => 0,
        }
    }
}

/// An average with the count of ratings behind it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Average {
    pub average: Option<f64>,
    pub count: u32,
}

impl Average {
    fn of(sum: u32, count: u32) -> Average {
        Average {
            average: (count > 0).then(|| f64::from(sum) / f64::from(count)),
            count,
        }
    }
}

/// Average quality in one week, 1:1s and informal time apart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeekQuality {
    pub week_start: NaiveDate,
    pub one_on_one: Average,
    pub informal: Average,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckInPoint {
    pub day: NaiveDate,
    pub trust: u8,
    pub clarity: u8,
    pub ease: u8,
}

/// One day of the year calendar.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CalendarDay {
    pub day: NaiveDate,
    pub count: u32,
    pub average_quality: Option<f64>,
}

/// Days since the last contact of a sort, against its target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cadence {
    pub name: &'static str,
    pub target_days: Option<u32>,
    pub last: Option<NaiveDate>,
    pub days_since: Option<i64>,
}

impl Cadence {
    /// Past the target (or never happened while a target is set).
    pub fn is_overdue(&self) -> bool {
        match (self.target_days, self.days_since) {
            (Some(target), Some(days)) => days > i64::from(target),
            (Some(_), None) => true,
            _ => false,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Streak {
    /// Weeks in a row up to now (this week counts once it qualifies).
    pub current: u32,
    pub longest: u32,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Streaks {
    /// Weeks with a 1:1 whose summary was sent before it (weeks without a
    /// 1:1 neither count nor break the run).
    pub summary_before_one_on_one: Streak,
    pub informal: Streak,
    pub check_in: Streak,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Balance {
    pub by_me: u32,
    pub by_them: u32,
    pub share_by_me: Option<f64>,
    pub informal: u32,
    pub asks: u32,
}

/// Average 1:1 quality with and without a summary sent before it that week.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SummaryEffect {
    pub with_summary: Average,
    pub without_summary: Average,
    /// Both sides have at least `minimum` rated 1:1s.
    pub enough_data: bool,
    pub minimum: u32,
}

/// Every series of the Insights screen for one person and range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Insights {
    pub range: Range,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub frequency: Vec<WeekFrequency>,
    pub quality: Vec<WeekQuality>,
    pub checkins: Vec<CheckInPoint>,
    pub calendar: Vec<CalendarDay>,
    pub cadence: Vec<Cadence>,
    pub streaks: Streaks,
    pub balance: Balance,
    pub summary_effect: SummaryEffect,
    /// Promises kept on time, kept late and missed, per month.
    pub promises: PromiseSeries,
}

impl Insights {
    /// Nothing at all was logged in the range.
    pub fn is_empty(&self) -> bool {
        self.frequency.iter().all(|w| w.total == 0)
            && self.checkins.is_empty()
            && self.promises.is_empty()
    }
}

#[cfg(test)]
mod tests;
