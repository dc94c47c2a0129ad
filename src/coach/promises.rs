//! The coach's view of promises: mine due soon or overdue, theirs overdue,
//! and how often mine were moved lately. Pure: a list of promises and a day
//! in, signals and the promise each one is about out.

use chrono::{Days, NaiveDate};

use super::signals::{Signal, SignalName};
use crate::domain::{MadeBy, Promise};

/// How far back moved promises count as a pattern.
pub const MOVED_WINDOW_DAYS: u64 = 90;

/// The promise a signal is about, for the message's `{promise}` and `{due}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromiseAbout {
    pub text: String,
    pub due: Option<NaiveDate>,
}

/// Each promise signal with the promise it is about.
pub fn promise_signals(
    promises: &[Promise],
    today: NaiveDate,
) -> Vec<(SignalName, Signal, Option<PromiseAbout>)> {
    let days_left = |p: &Promise| p.due_on.map(|d| d.signed_duration_since(today).num_days());
    let open = |by: MadeBy| {
        promises
            .iter()
            .filter(move |p| p.made_by == by && p.state.is_open())
    };
    let about = |p: &Promise| {
        Some(PromiseAbout {
            text: p.text.clone(),
            due: p.due_on,
        })
    };
    let mut out = Vec::new();
    // Mine still ahead (or due today): the soonest.
    if let Some((p, left)) = open(MadeBy::Me)
        .filter_map(|p| days_left(p).filter(|d| *d >= 0).map(|d| (p, d)))
        .min_by_key(|(p, d)| (*d, p.id))
    {
        out.push((
            SignalName::MyPromiseDueInDays,
            Signal {
                value: left as f64,
                anchor: p.due_on,
                ..Signal::default()
            },
            about(p),
        ));
    }
    // Mine and theirs past their day (due today counts as 0): the longest overdue.
    for (by, name) in [
        (MadeBy::Me, SignalName::MyPromiseOverdueDays),
        (MadeBy::Them, SignalName::TheirPromiseOverdueDays),
    ] {
        if let Some((p, late)) = open(by)
            .filter_map(|p| days_left(p).filter(|d| *d <= 0).map(|d| (p, -d)))
            .max_by_key(|(p, d)| (*d, std::cmp::Reverse(p.id)))
        {
            out.push((
                name,
                Signal {
                    value: late as f64,
                    anchor: p.due_on,
                    ..Signal::default()
                },
                about(p),
            ));
        }
    }
    // Mine moved lately: how many promises, anchored on the latest move.
    let window_start = today
        .checked_sub_days(Days::new(MOVED_WINDOW_DAYS))
        .unwrap_or(today);
    let moved: Vec<(&Promise, NaiveDate)> = promises
        .iter()
        .filter(|p| p.made_by == MadeBy::Me)
        .filter_map(|p| {
            p.moves
                .iter()
                .map(|m| m.moved_on)
                .filter(|d| *d > window_start && *d <= today)
                .max()
                .map(|last| (p, last))
        })
        .collect();
    let latest = moved.iter().max_by_key(|(_, d)| *d);
    out.push((
        SignalName::MyPromisesMoved,
        Signal {
            value: moved.len() as f64,
            anchor: latest.map(|(_, d)| *d),
            ..Signal::default()
        },
        latest.and_then(|(p, _)| about(p)),
    ));
    out
}
