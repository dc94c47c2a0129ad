//! The 1:1 series as the user's calendar has it: each occurrence the rule
//! gives, cancelled (by whom, when the calendar says) or moved to another
//! day.

use chrono::{NaiveDate, NaiveTime};
use serde::Serialize;

/// One occurrence of the series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Occurrence {
    /// The day the rule gives it.
    pub original_on: NaiveDate,
    /// The day it happens; `None` when cancelled.
    pub happens_on: Option<NaiveDate>,
    /// Its start time, when not all-day.
    pub at: Option<NaiveTime>,
    /// Who cancelled it, when the calendar says.
    pub cancelled_by: Option<String>,
}

impl Occurrence {
    pub fn is_cancelled(&self) -> bool {
        self.happens_on.is_none()
    }

    /// Happens on another day than the rule gives.
    pub fn is_moved(&self) -> bool {
        self.happens_on.is_some_and(|d| d != self.original_on)
    }
}

/// A recurring 1:1 read from a calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Series {
    /// The event's UID.
    pub uid: String,
    /// The event's SUMMARY.
    pub title: String,
    /// The RRULE as written.
    pub rule: String,
    /// In the order of `original_on`.
    pub occurrences: Vec<Occurrence>,
}
