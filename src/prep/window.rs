//! Which days the summary for the next 1:1 covers, and which 1:1 it is for.
//!
//! It covers what happened since the last summary sent to that person (or,
//! when none was sent since the 1:1 before the last one, since their last
//! 1:1), through today, and is named by the 1:1 it prepares. Whether a
//! summary counts as sent before a 1:1 is [`sent_before_one_on_one`]'s call,
//! the one rule Prep, the coach and Insights share.

use chrono::{Days, NaiveDate};
use serde::Serialize;

use super::next::short_date;
use crate::domain::sent_before_one_on_one;

/// How far back the window looks when there has been neither a 1:1 nor a
/// summary.
pub const WINDOW_WITHOUT_ONE_ON_ONE_DAYS: u64 = 30;

/// Where the window starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "since", content = "on", rename_all = "snake_case")]
pub enum WindowStart {
    /// The day the last summary was sent.
    LastSummary(NaiveDate),
    /// The day of the last 1:1 (no summary sent since the one before it).
    LastOneOnOne(NaiveDate),
    /// Neither yet: the last [`WINDOW_WITHOUT_ONE_ON_ONE_DAYS`] days.
    Recent(NaiveDate),
}

impl WindowStart {
    pub fn day(self) -> NaiveDate {
        match self {
            WindowStart::LastSummary(d) | WindowStart::LastOneOnOne(d) | WindowStart::Recent(d) => {
                d
            }
        }
    }
}

/// The summary's window and the 1:1 it prepares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SummaryWindow {
    /// The first day covered (entries on it count).
    pub from: NaiveDate,
    /// Today: the last day covered.
    pub to: NaiveDate,
    pub start: WindowStart,
    /// The last 1:1 on or before today: the summary is filed after it.
    pub previous: Option<NaiveDate>,
    /// The 1:1 it prepares, when one is planned.
    pub for_one_on_one: Option<NaiveDate>,
    /// A summary was already sent for that 1:1 (after `previous`, by today).
    pub sent_on: Option<NaiveDate>,
}

/// What the window is computed from: plain days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WindowFacts {
    pub today: NaiveDate,
    /// The last 1:1 on or before today.
    pub last_one_on_one: Option<NaiveDate>,
    /// The 1:1 before that one.
    pub one_on_one_before: Option<NaiveDate>,
    /// The last day a summary was sent (or logged) on or before today.
    pub last_summary: Option<NaiveDate>,
    /// The next 1:1, if planned.
    pub next_one_on_one: Option<NaiveDate>,
}

impl SummaryWindow {
    pub fn of(facts: &WindowFacts) -> SummaryWindow {
        let today = facts.today;
        let previous = facts.last_one_on_one;
        // A summary sent for the last 1:1 (or since it) starts the window:
        // what came after it is what they have not heard yet.
        let summary = facts
            .last_summary
            .filter(|s| *s <= today)
            .filter(|s| facts.one_on_one_before.is_none_or(|b| *s > b));
        let start = match (summary, previous) {
            (Some(s), _) => WindowStart::LastSummary(s),
            (None, Some(p)) => WindowStart::LastOneOnOne(p),
            (None, None) => WindowStart::Recent(
                today
                    .checked_sub_days(Days::new(WINDOW_WITHOUT_ONE_ON_ONE_DAYS))
                    .unwrap_or(today),
            ),
        };
        // The 1:1 it prepares: the next one, never one already past.
        let for_one_on_one = facts.next_one_on_one.map(|n| n.max(today));
        let sent_on = facts.last_summary.filter(|s| {
            *s <= today
                && match for_one_on_one {
                    Some(n) => sent_before_one_on_one(*s, previous, n),
                    None => previous.is_none_or(|p| *s > p),
                }
        });
        SummaryWindow {
            from: start.day().min(today),
            to: today,
            start,
            previous,
            for_one_on_one,
            sent_on,
        }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        (self.from..=self.to).contains(&day)
    }

    /// `for your 1:1 on Tue 1 Dec`, `for your 1:1 today`, or `for your next 1:1`.
    pub fn for_text(&self) -> String {
        match self.for_one_on_one {
            Some(n) if n == self.to => "for your 1:1 today".to_string(),
            Some(n) => format!("for your 1:1 on {}", short_date(n, self.to)),
            None => "for your next 1:1".to_string(),
        }
    }

    /// `Tue 1 Dec` or `your next 1:1`, for a template's `{{one_on_one}}`.
    pub fn one_on_one_text(&self) -> String {
        match self.for_one_on_one {
            Some(n) => short_date(n, self.to),
            None => "our next 1:1".to_string(),
        }
    }

    /// `since your summary of Fri 20 Nov`, `since our 1:1 on Tue 17 Nov`,
    /// `over the last 30 days`.
    pub fn since_text(&self) -> String {
        match self.start {
            WindowStart::LastSummary(d) => {
                format!("since my last summary ({})", short_date(d, self.to))
            }
            WindowStart::LastOneOnOne(d) if d == self.to => "since our 1:1 today".to_string(),
            WindowStart::LastOneOnOne(d) => {
                format!("since our 1:1 on {}", short_date(d, self.to))
            }
            WindowStart::Recent(_) => {
                format!("over the last {WINDOW_WITHOUT_ONE_ON_ONE_DAYS} days")
            }
        }
    }

    /// `17–24 Nov 2026`, its days.
    pub fn days_text(&self) -> String {
        use chrono::Datelike;
        let (first, last) = (self.from, self.to);
        if first == last {
            last.format("%-d %b %Y").to_string()
        } else if first.year() != last.year() {
            format!(
                "{} – {}",
                first.format("%-d %b %Y"),
                last.format("%-d %b %Y")
            )
        } else if first.month() != last.month() {
            format!("{} – {}", first.format("%-d %b"), last.format("%-d %b %Y"))
        } else {
            format!("{}–{}", first.format("%-d"), last.format("%-d %b %Y"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, month, day).expect("a real day")
    }

    fn facts(today: NaiveDate) -> WindowFacts {
        WindowFacts {
            today,
            last_one_on_one: None,
            one_on_one_before: None,
            last_summary: None,
            next_one_on_one: None,
        }
    }

    #[test]
    fn without_a_summary_since_it_starts_at_the_last_one_on_one() {
        // Tuesday 1:1s; today is the Monday before the next one.
        let w = SummaryWindow::of(&WindowFacts {
            last_one_on_one: Some(d(11, 17)),
            one_on_one_before: Some(d(11, 10)),
            last_summary: Some(d(11, 9)),
            next_one_on_one: Some(d(11, 24)),
            ..facts(d(11, 23))
        });
        assert_eq!(w.start, WindowStart::LastOneOnOne(d(11, 17)));
        assert_eq!((w.from, w.to), (d(11, 17), d(11, 23)));
        assert_eq!(w.for_text(), "for your 1:1 on Tue 24 Nov");
        assert_eq!(w.since_text(), "since our 1:1 on Tue 17 Nov");
        assert_eq!(w.sent_on, None);
    }

    #[test]
    fn a_summary_sent_for_the_last_one_on_one_starts_the_window() {
        // Sent Friday 13 for the Monday 16 1:1: what came after it is new.
        let w = SummaryWindow::of(&WindowFacts {
            last_one_on_one: Some(d(11, 16)),
            one_on_one_before: Some(d(11, 9)),
            last_summary: Some(d(11, 13)),
            next_one_on_one: Some(d(11, 23)),
            ..facts(d(11, 20))
        });
        assert_eq!(w.start, WindowStart::LastSummary(d(11, 13)));
        assert_eq!(w.from, d(11, 13));
        assert_eq!(w.sent_on, None, "that one was for the 16th");
    }

    #[test]
    fn a_summary_sent_on_friday_is_the_one_for_mondays_one_on_one() {
        let w = SummaryWindow::of(&WindowFacts {
            last_one_on_one: Some(d(11, 16)),
            one_on_one_before: Some(d(11, 9)),
            last_summary: Some(d(11, 20)),
            next_one_on_one: Some(d(11, 23)),
            ..facts(d(11, 21))
        });
        assert_eq!(w.sent_on, Some(d(11, 20)));
        assert_eq!(w.from, d(11, 20));
    }

    #[test]
    fn with_nothing_yet_it_looks_back_thirty_days_and_names_no_day() {
        let w = SummaryWindow::of(&facts(d(11, 24)));
        assert_eq!(w.from, d(10, 25));
        assert_eq!(w.for_text(), "for your next 1:1");
        assert_eq!(w.days_text(), "25 Oct – 24 Nov 2026");
    }

    #[test]
    fn an_overdue_one_on_one_is_prepared_for_today() {
        let w = SummaryWindow::of(&WindowFacts {
            last_one_on_one: Some(d(11, 10)),
            next_one_on_one: Some(d(11, 17)),
            ..facts(d(11, 19))
        });
        assert_eq!(w.for_text(), "for your 1:1 today");
    }
}
