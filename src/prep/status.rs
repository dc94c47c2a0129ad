//! What needs doing soon, said in one line for a shell prompt or a status
//! bar (`rapport status`) and as the day's one reminder (`rapport remind`):
//! the next 1:1 when it is today, tomorrow or overdue, this week's summary
//! when that 1:1 is near and it is not sent, and the promises due.
//!
//! Pure: the caller gathers [`StatusFacts`] for one `today`.

use serde::Serialize;

use chrono::NaiveDate;

use super::{NextOneOnOne, SummaryStatus, short_date};
use crate::domain::text::{count, days};

/// What the status line and the reminder are made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusFacts {
    /// The current manager's name.
    pub person: String,
    pub next: NextOneOnOne,
    /// This week's summary to them.
    pub summary: SummaryStatus,
    /// My promises still open on or past their due day, soonest due first.
    pub promises_due: Vec<PromiseDue>,
}

/// One of my promises due: what, and the day it is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromiseDue {
    pub text: String,
    pub due: NaiveDate,
}

impl PromiseDue {
    /// `“Send the cost model” is due today`, `… was due Tue 24 Nov`.
    fn said(&self, today: NaiveDate) -> String {
        if self.due >= today {
            format!("“{}” is due today", self.text)
        } else {
            format!("“{}” was due {}", self.text, short_date(self.due, today))
        }
    }
}

/// The parts of the status line; each is absent when there is nothing to say.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Status {
    pub one_on_one: Option<String>,
    pub summary: Option<String>,
    pub promises: Option<String>,
}

impl Status {
    /// The parts there are, in order.
    pub fn parts(&self) -> Vec<&str> {
        [&self.one_on_one, &self.summary, &self.promises]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect()
    }

    /// `1:1 tomorrow · summary not sent · 2 promises due`; empty when there
    /// is nothing to say.
    pub fn line(&self, separator: &str) -> String {
        self.parts().join(separator)
    }
}

/// Whether the next 1:1 is today, tomorrow, or overdue.
fn is_near(next: &NextOneOnOne) -> bool {
    next.days_until.is_some_and(|d| d <= 1)
}

/// The status line's parts.
pub fn status(facts: &StatusFacts) -> Status {
    let one_on_one = facts.next.days_until.and_then(|d| match d {
        0 => Some("1:1 today".to_string()),
        1 => Some("1:1 tomorrow".to_string()),
        d if d < 0 => Some(format!("1:1 overdue by {}", days(-d))),
        _ => None,
    });
    let summary = (is_near(&facts.next) && !matches!(facts.summary, SummaryStatus::Sent { .. }))
        .then(|| "summary not sent".to_string());
    let due = facts.promises_due.len();
    let promises = (due > 0).then(|| format!("{} due", count(due, "promise", "promises")));
    Status {
        one_on_one,
        summary,
        promises,
    }
}

/// The day's one reminder, for cron or a timer: the day before a 1:1 (or on
/// its day) with the summary not sent, send it; on the day a promise is due,
/// keep it, named. `None` on a day with nothing to be reminded of.
pub fn reminder(facts: &StatusFacts, today: NaiveDate) -> Option<String> {
    let mut said = Vec::new();
    let unsent = !matches!(facts.summary, SummaryStatus::Sent { .. });
    match facts.next.days_until {
        Some(1) if unsent => said.push(format!(
            "1:1 with {} tomorrow: send this week's summary today (rapport summary)",
            facts.person
        )),
        Some(0) if unsent => said.push(format!(
            "1:1 with {} today and the summary is not sent (rapport summary)",
            facts.person
        )),
        _ => {}
    }
    match facts.promises_due.as_slice() {
        [] => {}
        [one] => said.push(format!("{}: keep it or say when", one.said(today))),
        [first, rest @ ..] => said.push(format!(
            "{} and {} more due: keep them or say when",
            first.said(today),
            rest.len()
        )),
    }
    (!said.is_empty()).then(|| said.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prep::NextBasis;
    use chrono::NaiveDate;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).expect("a date")
    }

    fn facts(days_until: Option<i64>, summary: SummaryStatus, promises: usize) -> StatusFacts {
        let today = d(24);
        StatusFacts {
            person: "Dana".to_string(),
            next: NextOneOnOne {
                on: days_until.map(|n| today + chrono::Duration::days(n)),
                days_until,
                basis: NextBasis::Cadence,
                last: Some(d(17)),
            },
            summary,
            promises_due: (0..promises)
                .map(|i| PromiseDue {
                    text: format!("promise {i}"),
                    due: today,
                })
                .collect(),
        }
    }

    fn sent() -> SummaryStatus {
        SummaryStatus::Sent {
            on: d(23),
            interaction_id: None,
            summary_id: None,
        }
    }

    #[test]
    fn a_one_on_one_tomorrow_without_a_summary_says_both() {
        let status = status(&facts(Some(1), SummaryStatus::None, 2));
        assert_eq!(
            status.line(" · "),
            "1:1 tomorrow · summary not sent · 2 promises due"
        );
    }

    #[test]
    fn nothing_near_says_nothing() {
        assert_eq!(
            status(&facts(Some(5), SummaryStatus::None, 0)).line(" · "),
            ""
        );
        assert_eq!(status(&facts(None, SummaryStatus::None, 0)).line(" · "), "");
    }

    #[test]
    fn a_sent_summary_is_not_mentioned() {
        assert_eq!(status(&facts(Some(0), sent(), 0)).line("|"), "1:1 today");
    }

    #[test]
    fn an_overdue_one_on_one_says_by_how_much() {
        assert_eq!(
            status(&facts(Some(-1), sent(), 1)).line(" · "),
            "1:1 overdue by 1 day · 1 promise due"
        );
    }

    #[test]
    fn the_reminder_comes_the_day_before_a_one_on_one_without_a_summary() {
        let said = reminder(&facts(Some(1), SummaryStatus::None, 0), d(24));
        assert_eq!(
            said.as_deref(),
            Some("1:1 with Dana tomorrow: send this week's summary today (rapport summary)")
        );
        assert_eq!(reminder(&facts(Some(1), sent(), 0), d(24)), None);
        assert_eq!(
            reminder(&facts(Some(3), SummaryStatus::None, 0), d(24)),
            None
        );
    }
}
