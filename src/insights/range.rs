//! The span of time Insights looks at, and the ISO-week arithmetic its
//! series are built on.

use chrono::{Days, NaiveDate};
use serde::Serialize;

/// How far back Insights looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Range {
    #[serde(rename = "3m")]
    ThreeMonths,
    #[serde(rename = "6m")]
    SixMonths,
    #[serde(rename = "12m")]
    Year,
    #[serde(rename = "all")]
    All,
}

impl Range {
    pub const ALL: [Range; 4] = [
        Range::ThreeMonths,
        Range::SixMonths,
        Range::Year,
        Range::All,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Range::ThreeMonths => "3m",
            Range::SixMonths => "6m",
            Range::Year => "12m",
            Range::All => "all",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Range::ThreeMonths => "last 3 months",
            Range::SixMonths => "last 6 months",
            Range::Year => "last 12 months",
            Range::All => "all time",
        }
    }

    pub fn parse(text: &str) -> Option<Range> {
        Range::ALL
            .into_iter()
            .find(|r| r.label() == text.trim().to_ascii_lowercase())
    }

    pub fn next(self) -> Range {
        let i = Range::ALL.iter().position(|r| *r == self).unwrap_or(0);
        Range::ALL[(i + 1) % Range::ALL.len()]
    }

    pub fn prev(self) -> Range {
        let i = Range::ALL.iter().position(|r| *r == self).unwrap_or(0);
        Range::ALL[(i + Range::ALL.len() - 1) % Range::ALL.len()]
    }

    /// The first day looked at: the Monday of the week the range starts in,
    /// so every week shown is whole. `All` starts at the earliest entry.
    pub fn start(self, today: NaiveDate, earliest: Option<NaiveDate>) -> NaiveDate {
        let back = |months: u32| {
            today
                .checked_sub_months(chrono::Months::new(months))
                .unwrap_or(today)
        };
        let first = match self {
            Range::ThreeMonths => back(3),
            Range::SixMonths => back(6),
            Range::Year => back(12),
            Range::All => earliest.unwrap_or(today).min(today),
        };
        monday_of(first)
    }
}

use crate::domain::monday_of;

/// The Mondays from `from`'s week to `to`'s week, inclusive.
pub fn mondays(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut week = monday_of(from);
    let last = monday_of(to);
    while week <= last {
        out.push(week);
        match week.checked_add_days(Days::new(7)) {
            Some(next) => week = next,
            None => break,
        }
    }
    out
}

/// Index of `day`'s week among weeks starting at `first_monday`.
pub fn week_index(first_monday: NaiveDate, day: NaiveDate) -> Option<usize> {
    let days = monday_of(day)
        .signed_duration_since(first_monday)
        .num_days();
    usize::try_from(days / 7).ok()
}

#[cfg(test)]
mod tests {
    use chrono::Datelike;

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn weeks_are_iso_weeks_starting_monday_across_a_year_boundary() {
        // 2026-12-31 is a Thursday; its ISO week 53 of 2026 runs Mon 28 Dec to Sun 3 Jan.
        assert_eq!(monday_of(d(2027, 1, 3)), d(2026, 12, 28));
        assert_eq!(d(2027, 1, 3).iso_week().week(), 53);
        assert_eq!(
            mondays(d(2026, 12, 24), d(2027, 1, 5)),
            vec![d(2026, 12, 21), d(2026, 12, 28), d(2027, 1, 4)]
        );
        assert_eq!(week_index(d(2026, 12, 21), d(2027, 1, 1)), Some(1));
    }

    #[test]
    fn ranges_start_on_a_monday_and_cycle() {
        let today = d(2026, 11, 24);
        assert_eq!(Range::ThreeMonths.start(today, None), d(2026, 8, 24));
        assert_eq!(
            Range::All.start(today, Some(d(2025, 1, 1))),
            d(2024, 12, 30)
        );
        assert_eq!(Range::All.next(), Range::ThreeMonths);
        assert_eq!(Range::ThreeMonths.prev(), Range::All);
        assert_eq!(Range::parse("12M"), Some(Range::Year));
    }
}
