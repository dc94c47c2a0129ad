//! Dependability over time: promises kept on time, kept late and missed,
//! per calendar month, mine and theirs apart.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::domain::{MadeBy, Outcome, Promise};

/// How promises ended in one month (by the day they were kept or missed).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PromiseCounts {
    pub kept_on_time: u32,
    pub kept_late: u32,
    pub missed: u32,
}

impl PromiseCounts {
    pub fn total(&self) -> u32 {
        self.kept_on_time + self.kept_late + self.missed
    }

    fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::KeptOnTime => self.kept_on_time += 1,
            Outcome::KeptLate => self.kept_late += 1,
            Outcome::Missed => self.missed += 1,
        }
    }

    fn plus(self, other: PromiseCounts) -> PromiseCounts {
        PromiseCounts {
            kept_on_time: self.kept_on_time + other.kept_on_time,
            kept_late: self.kept_late + other.kept_late,
            missed: self.missed + other.missed,
        }
    }
}

/// One calendar month of promises.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PromiseMonth {
    /// The first day of the month.
    pub month: NaiveDate,
    /// Promises I made.
    pub mine: PromiseCounts,
    /// Promises they made.
    pub theirs: PromiseCounts,
}

/// Promises over the range: per month, and the totals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PromiseSeries {
    pub months: Vec<PromiseMonth>,
    pub mine: PromiseCounts,
    pub theirs: PromiseCounts,
    /// Mine still open (not in the counts).
    pub mine_open: u32,
    /// Theirs still open.
    pub theirs_open: u32,
}

impl PromiseSeries {
    pub fn is_empty(&self) -> bool {
        self.mine.total() + self.theirs.total() + self.mine_open + self.theirs_open == 0
    }
}

/// Every month from `from`'s to `today`'s, with the promises that ended in it.
pub fn promise_series(promises: &[Promise], from: NaiveDate, today: NaiveDate) -> PromiseSeries {
    let mut months: Vec<PromiseMonth> = Vec::new();
    let mut month = first_of_month(from);
    let last = first_of_month(today);
    while month <= last {
        months.push(PromiseMonth {
            month,
            mine: PromiseCounts::default(),
            theirs: PromiseCounts::default(),
        });
        month = next_month(month);
    }
    let mut series = PromiseSeries::default();
    for p in promises {
        if p.state.is_open() {
            match p.made_by {
                MadeBy::Me => series.mine_open += 1,
                MadeBy::Them => series.theirs_open += 1,
            }
            continue;
        }
        let Some((outcome, day)) = p.outcome() else {
            continue;
        };
        if day < from || day > today {
            continue;
        }
        let start = first_of_month(day);
        if let Some(m) = months.iter_mut().find(|m| m.month == start) {
            match p.made_by {
                MadeBy::Me => m.mine.add(outcome),
                MadeBy::Them => m.theirs.add(outcome),
            }
        }
    }
    for m in &months {
        series.mine = series.mine.plus(m.mine);
        series.theirs = series.theirs.plus(m.theirs);
    }
    series.months = months;
    series
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

fn next_month(first: NaiveDate) -> NaiveDate {
    let (y, m) = if first.month() == 12 {
        (first.year() + 1, 1)
    } else {
        (first.year(), first.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::PromiseState;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn promise(
        by: MadeBy,
        due: NaiveDate,
        state: PromiseState,
        closed: Option<NaiveDate>,
    ) -> Promise {
        Promise {
            id: 1,
            person_id: 1,
            text: "x".into(),
            made_by: by,
            made_on: d(2026, 9, 1),
            interaction_id: None,
            due_on: Some(due),
            state,
            closed_on: closed,
            moves: Vec::new(),
        }
    }

    #[test]
    fn months_count_kept_on_time_late_and_missed_mine_and_theirs_apart() {
        use PromiseState::*;
        let list = vec![
            promise(MadeBy::Me, d(2026, 10, 9), Kept, Some(d(2026, 10, 9))),
            promise(MadeBy::Me, d(2026, 10, 9), Kept, Some(d(2026, 10, 12))),
            promise(MadeBy::Me, d(2026, 11, 2), Missed, Some(d(2026, 11, 4))),
            promise(MadeBy::Them, d(2026, 11, 2), Kept, Some(d(2026, 11, 20))),
            promise(MadeBy::Them, d(2026, 11, 2), Dropped, Some(d(2026, 11, 20))),
            promise(MadeBy::Me, d(2026, 12, 2), Open, None),
            // Ended before the range: not counted.
            promise(MadeBy::Me, d(2026, 9, 9), Kept, Some(d(2026, 9, 9))),
        ];
        let s = promise_series(&list, d(2026, 10, 1), d(2026, 11, 24));
        assert_eq!(s.months.len(), 2);
        assert_eq!(s.months[0].month, d(2026, 10, 1));
        assert_eq!(
            s.months[0].mine,
            PromiseCounts {
                kept_on_time: 1,
                kept_late: 1,
                missed: 0
            }
        );
        assert_eq!(s.months[1].mine.missed, 1);
        assert_eq!(s.months[1].theirs.kept_late, 1);
        assert_eq!(s.mine.total(), 3);
        assert_eq!(s.theirs.total(), 1);
        assert_eq!(s.mine_open, 1);
    }
}
