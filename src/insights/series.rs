//! The series themselves: weekly frequency and quality, the calendar,
//! cadence health, streaks, balance and the summary effect.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};

use super::range::{mondays, week_index};
use super::{
    Average, Balance, Cadence, CalendarDay, CheckInPoint, Insights, InsightsInput, Streak, Streaks,
    SummaryEffect, WeekFrequency, WeekQuality,
};
use crate::domain::one_on_ones_with_summary;
use crate::domain::{Category, DayFact, monday_of};

/// Rated 1:1s needed on each side before the summary effect is shown.
pub const SUMMARY_EFFECT_MINIMUM: u32 = 3;

/// The first day of the year calendar: 53 weeks ending with this one.
pub fn calendar_start(today: NaiveDate) -> NaiveDate {
    monday_of(today)
        .checked_sub_days(Days::new(52 * 7))
        .unwrap_or(today)
}

pub fn compute(input: &InsightsInput<'_>) -> Insights {
    let today = input.today;
    let from = input.range.start(today, input.earliest);
    let in_range: Vec<&DayFact> = input
        .facts
        .iter()
        .filter(|f| f.day >= from && f.day <= today)
        .collect();
    let weeks = mondays(from, today);
    Insights {
        range: input.range,
        from,
        to: today,
        frequency: frequency(&weeks, &in_range),
        quality: quality(&weeks, &in_range),
        checkins: check_ins(input, from),
        calendar: calendar(input.facts, today),
        cadence: cadence(input),
        streaks: streaks(&weeks, &in_range, input),
        balance: balance(&in_range),
        summary_effect: summary_effect(&in_range, input),
        promises: super::promise_series(input.promises, from, today),
    }
}

fn check_ins(input: &InsightsInput<'_>, from: NaiveDate) -> Vec<CheckInPoint> {
    let mut points: Vec<CheckInPoint> = input
        .check_ins
        .iter()
        .filter(|c| c.checked_on >= from && c.checked_on <= input.today)
        .map(|c| CheckInPoint {
            day: c.checked_on,
            trust: c.trust,
            clarity: c.clarity,
            ease: c.ease,
        })
        .collect();
    points.sort_by_key(|p| p.day);
    points
}

fn frequency(weeks: &[NaiveDate], facts: &[&DayFact]) -> Vec<WeekFrequency> {
    let mut out: Vec<WeekFrequency> = weeks
        .iter()
        .map(|&week_start| WeekFrequency {
            week_start,
            iso_year: week_start.iso_week().year(),
            iso_week: week_start.iso_week().week(),
            ..WeekFrequency::default()
        })
        .collect();
    let first = weeks.first().copied();
    for fact in facts {
        let Some(week) = first
            .and_then(|f| week_index(f, fact.day))
            .and_then(|i| out.get_mut(i))
        else {
            continue;
        };
        let slot = match fact.category {
            Category::Formal => &mut week.formal,
            Category::Informal => &mut week.informal,
            Category::Ask => &mut week.ask,
            Category::Update => &mut week.update,
            Category::Feedback => &mut week.feedback,
            Category::Note => &mut week.note,
            // The work log is not time with them.
            Category::Work => continue,
        };
        *slot += fact.count;
        week.total += fact.count;
    }
    out
}

fn quality(weeks: &[NaiveDate], facts: &[&DayFact]) -> Vec<WeekQuality> {
    // (sum, count) for 1:1s and informal time, per week.
    let mut sums = vec![[(0u32, 0u32); 2]; weeks.len()];
    let first = weeks.first().copied();
    for fact in facts {
        let side = match fact.category {
            Category::Formal => 0,
            Category::Informal => 1,
            _ => continue,
        };
        if let Some(week) = first
            .and_then(|f| week_index(f, fact.day))
            .and_then(|i| sums.get_mut(i))
        {
            week[side].0 += fact.quality_sum;
            week[side].1 += fact.quality_count;
        }
    }
    weeks
        .iter()
        .zip(sums)
        .map(|(&week_start, [formal, informal])| WeekQuality {
            week_start,
            one_on_one: Average::of(formal.0, formal.1),
            informal: Average::of(informal.0, informal.1),
        })
        .collect()
}

fn calendar(facts: &[DayFact], today: NaiveDate) -> Vec<CalendarDay> {
    let start = calendar_start(today);
    let mut days: BTreeMap<NaiveDate, (u32, u32, u32)> = BTreeMap::new();
    for fact in facts.iter().filter(|f| f.day >= start && f.day <= today) {
        let entry = days.entry(fact.day).or_default();
        entry.0 += fact.count;
        entry.1 += fact.quality_sum;
        entry.2 += fact.quality_count;
    }
    start
        .iter_days()
        .take_while(|d| *d <= today)
        .map(|day| {
            let (count, sum, rated) = days.get(&day).copied().unwrap_or_default();
            CalendarDay {
                day,
                count,
                average_quality: Average::of(sum, rated).average,
            }
        })
        .collect()
}

fn cadence(input: &InsightsInput<'_>) -> Vec<Cadence> {
    let since =
        |last: Option<NaiveDate>| last.map(|d| input.today.signed_duration_since(d).num_days());
    let t = input.targets;
    let l = input.last_seen;
    vec![
        Cadence {
            name: "1:1",
            target_days: t.one_on_one,
            last: l.one_on_one,
            days_since: since(l.one_on_one),
        },
        Cadence {
            name: "informal",
            target_days: Some(t.informal),
            last: l.informal,
            days_since: since(l.informal),
        },
        Cadence {
            name: "advice",
            target_days: Some(t.advice),
            last: l.ask,
            days_since: since(l.ask),
        },
        Cadence {
            name: "summary",
            target_days: Some(t.summary),
            last: l.summary,
            days_since: since(l.summary),
        },
    ]
}

/// Whether each week qualifies: `Some(true)`, `Some(false)`, or `None` for a
/// week that neither counts nor breaks a run.
fn streak(weeks: &[Option<bool>]) -> Streak {
    let mut longest = 0;
    let mut run = 0;
    for w in weeks {
        match w {
            Some(true) => {
                run += 1;
                longest = longest.max(run);
            }
            Some(false) => run = 0,
            None => {}
        }
    }
    // The week in progress does not break the current run before it ends.
    let mut current = 0;
    for (i, w) in weeks.iter().enumerate().rev() {
        match w {
            Some(true) => current += 1,
            Some(false) if i + 1 == weeks.len() => {}
            Some(false) => break,
            None => {}
        }
    }
    Streak { current, longest }
}

fn streaks(weeks: &[NaiveDate], facts: &[&DayFact], input: &InsightsInput<'_>) -> Streaks {
    let first = weeks.first().copied();
    let index = |day: NaiveDate| {
        first
            .and_then(|f| week_index(f, day))
            .filter(|i| *i < weeks.len())
    };
    let mut first_one_on_one: Vec<Option<NaiveDate>> = vec![None; weeks.len()];
    let mut informal = vec![false; weeks.len()];
    for fact in facts {
        let Some(i) = index(fact.day) else { continue };
        let earliest =
            |slot: &mut Option<NaiveDate>| *slot = Some(slot.map_or(fact.day, |d| d.min(fact.day)));
        match fact.category {
            Category::Formal => earliest(&mut first_one_on_one[i]),
            Category::Informal => informal[i] = true,
            _ => {}
        }
    }
    let mut checked_in = vec![false; weeks.len()];
    for c in input.check_ins {
        if let Some(i) = index(c.checked_on).filter(|_| c.checked_on <= input.today) {
            checked_in[i] = true;
        }
    }
    let prepared = prepared_one_on_ones(input);
    let summary_weeks: Vec<Option<bool>> = first_one_on_one
        .iter()
        .map(|meeting| meeting.map(|m| prepared.get(&m).copied().unwrap_or(false)))
        .collect();
    let every = |flags: &[bool]| flags.iter().map(|f| Some(*f)).collect::<Vec<_>>();
    Streaks {
        summary_before_one_on_one: streak(&summary_weeks),
        informal: streak(&every(&informal)),
        check_in: streak(&every(&checked_in)),
    }
}

fn balance(facts: &[&DayFact]) -> Balance {
    let mut b = Balance::default();
    for fact in facts {
        b.by_me += fact.by_me;
        b.by_them += fact.count - fact.by_me.min(fact.count);
        match fact.category {
            Category::Informal => b.informal += fact.count,
            Category::Ask => b.asks += fact.count,
            _ => {}
        }
    }
    let total = b.by_me + b.by_them;
    b.share_by_me = (total > 0).then(|| f64::from(b.by_me) / f64::from(total));
    b
}

/// Each day with a 1:1 up to today, and whether a summary was sent before
/// that day's first 1:1, by the one rule
/// ([`crate::domain::sent_before_one_on_one`]).
fn prepared_one_on_ones(input: &InsightsInput<'_>) -> BTreeMap<NaiveDate, bool> {
    let upto = input.facts.iter().filter(|f| f.day <= input.today);
    let one_on_ones: Vec<NaiveDate> = upto
        .clone()
        .filter(|f| f.category == Category::Formal && f.count > 0)
        .map(|f| f.day)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let sent: Vec<NaiveDate> = upto
        .filter(|f| f.category == Category::Update && f.count > 0)
        .map(|f| f.day)
        .collect();
    let prepared = one_on_ones_with_summary(&one_on_ones, None, &sent);
    one_on_ones.into_iter().zip(prepared).collect()
}

fn summary_effect(facts: &[&DayFact], input: &InsightsInput<'_>) -> SummaryEffect {
    // A 1:1 had a summary when one was sent after the 1:1 before it and by its day.
    let prepared = prepared_one_on_ones(input);
    let (mut with, mut without) = ((0, 0), (0, 0));
    for fact in facts.iter().filter(|f| f.category == Category::Formal) {
        let had_summary = prepared.get(&fact.day).copied().unwrap_or(false);
        let side = if had_summary { &mut with } else { &mut without };
        side.0 += fact.quality_sum;
        side.1 += fact.quality_count;
    }
    let with_summary = Average::of(with.0, with.1);
    let without_summary = Average::of(without.0, without.1);
    SummaryEffect {
        enough_data: with_summary.count >= SUMMARY_EFFECT_MINIMUM
            && without_summary.count >= SUMMARY_EFFECT_MINIMUM,
        with_summary,
        without_summary,
        minimum: SUMMARY_EFFECT_MINIMUM,
    }
}
