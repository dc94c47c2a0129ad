//! Every series on small journals whose right answer is worked out by hand.

use chrono::NaiveDate;

use super::*;
use crate::domain::{Category, CheckIn, DayFact, LastSeen};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
}

fn fact(day: NaiveDate, category: Category, count: u32, qualities: &[u32], by_me: u32) -> DayFact {
    DayFact {
        day,
        category,
        count,
        quality_sum: qualities.iter().sum(),
        quality_count: qualities.len() as u32,
        by_me,
    }
}

fn targets() -> CadenceTargets {
    CadenceTargets {
        one_on_one: Some(7),
        informal: 30,
        advice: 30,
        summary: 7,
    }
}

fn run(facts: &[DayFact], check_ins: &[CheckIn], range: Range, today: NaiveDate) -> Insights {
    compute(&InsightsInput {
        facts,
        check_ins,
        promises: &[],
        last_seen: LastSeen::default(),
        targets: targets(),
        range,
        earliest: facts.iter().map(|f| f.day).min(),
        today,
    })
}

fn check_in(day: NaiveDate, trust: u8) -> CheckIn {
    CheckIn {
        id: 0,
        person_id: None,
        checked_on: day,
        trust,
        clarity: 3,
        ease: 3,
        note: String::new(),
    }
}

#[test]
fn weeks_with_nothing_are_zeros_not_gaps() {
    // Tuesday 24 Nov 2026; the 3-month range starts Monday 24 Aug.
    let today = d(2026, 11, 24);
    let facts = [
        fact(d(2026, 11, 24), Category::Formal, 1, &[4], 1),
        fact(d(2026, 9, 1), Category::Informal, 2, &[5, 3], 1),
    ];
    let insights = run(&facts, &[], Range::ThreeMonths, today);
    assert_eq!(insights.from, d(2026, 8, 24));
    assert_eq!(insights.frequency.len(), 14, "24 Aug to the week of 23 Nov");
    let totals: Vec<u32> = insights.frequency.iter().map(|w| w.total).collect();
    assert_eq!(totals.iter().sum::<u32>(), 3);
    assert_eq!(totals.iter().filter(|t| **t == 0).count(), 12);
    assert_eq!(insights.frequency[1].informal, 2, "week of 31 Aug");
    assert_eq!(insights.frequency[13].formal, 1);
}

#[test]
fn a_week_across_new_year_is_one_iso_week_53() {
    let today = d(2027, 1, 6);
    let facts = [
        fact(d(2026, 12, 29), Category::Formal, 1, &[3], 1),
        fact(d(2027, 1, 2), Category::Informal, 1, &[5], 0),
    ];
    let insights = run(&facts, &[], Range::ThreeMonths, today);
    let week = insights
        .frequency
        .iter()
        .find(|w| w.week_start == d(2026, 12, 28))
        .cloned()
        .unwrap_or_default();
    assert_eq!((week.iso_year, week.iso_week), (2026, 53));
    assert_eq!((week.formal, week.informal, week.total), (1, 1, 2));
}

#[test]
fn quality_averages_skip_unrated_rows_and_keep_their_counts() {
    let today = d(2026, 11, 24);
    let facts = [
        // Two 1:1s this week, one rated 4 and one unrated; coffee rated 2 and 5.
        fact(d(2026, 11, 23), Category::Formal, 2, &[4], 2),
        fact(d(2026, 11, 24), Category::Informal, 2, &[2, 5], 1),
    ];
    let insights = run(&facts, &[], Range::ThreeMonths, today);
    let last = insights.quality.last().cloned();
    let last = last.map(|q| (q.one_on_one, q.informal));
    assert_eq!(
        last,
        Some((
            Average {
                average: Some(4.0),
                count: 1
            },
            Average {
                average: Some(3.5),
                count: 2
            }
        ))
    );
    let empty = insights.quality.first().map(|q| q.one_on_one);
    assert_eq!(
        empty,
        Some(Average {
            average: None,
            count: 0
        })
    );
}

#[test]
fn a_person_with_no_one_on_ones_has_no_cadence_and_too_little_data() {
    let today = d(2026, 11, 24);
    let facts = [fact(d(2026, 11, 10), Category::Informal, 1, &[4], 1)];
    let insights = compute(&InsightsInput {
        facts: &facts,
        check_ins: &[],
        promises: &[],
        last_seen: LastSeen {
            informal: Some(d(2026, 11, 10)),
            ..LastSeen::default()
        },
        targets: CadenceTargets {
            one_on_one: None,
            ..targets()
        },
        range: Range::Year,
        earliest: None,
        today,
    });
    let one_on_one = &insights.cadence[0];
    assert_eq!(
        (one_on_one.target_days, one_on_one.days_since),
        (None, None)
    );
    assert!(!one_on_one.is_overdue(), "no target, nothing overdue");
    let informal = &insights.cadence[1];
    assert_eq!(informal.days_since, Some(14));
    assert!(!informal.is_overdue());
    assert!(
        insights.cadence[2].is_overdue(),
        "advice never asked, target 30 days"
    );
    assert!(!insights.summary_effect.enough_data);
    assert_eq!(
        insights.streaks.summary_before_one_on_one,
        Streak::default()
    );
}

#[test]
fn summary_streak_counts_weeks_with_a_summary_before_the_one_on_one() {
    let today = d(2026, 11, 25); // a Wednesday
    let mut facts = Vec::new();
    // Weeks of 26 Oct, 2, 9 and 23 Nov: summary Monday, 1:1 Tuesday.
    for week in [
        d(2026, 10, 26),
        d(2026, 11, 2),
        d(2026, 11, 9),
        d(2026, 11, 23),
    ] {
        facts.push(fact(week, Category::Update, 1, &[], 1));
        facts.push(fact(
            week + chrono::Days::new(1),
            Category::Formal,
            1,
            &[5],
            1,
        ));
    }
    // Week of 19 Oct: the summary came after the 1:1 — it breaks the run.
    facts.push(fact(d(2026, 10, 20), Category::Formal, 1, &[2], 1));
    facts.push(fact(d(2026, 10, 22), Category::Update, 1, &[], 1));
    // Week of 16 Nov: no 1:1 at all — neither counts nor breaks.
    let insights = run(&facts, &[], Range::ThreeMonths, today);
    assert_eq!(
        insights.streaks.summary_before_one_on_one,
        Streak {
            current: 4,
            longest: 4
        }
    );
    let effect = insights.summary_effect;
    assert_eq!(effect.with_summary.average, Some(5.0));
    assert_eq!(effect.with_summary.count, 4);
    assert_eq!(effect.without_summary.count, 1);
    assert!(
        !effect.enough_data,
        "one 1:1 without a summary is below the minimum"
    );
}

#[test]
fn the_week_in_progress_does_not_break_a_streak_yet() {
    let today = d(2026, 11, 24); // Tuesday, no informal time yet this week
    let facts = [
        fact(d(2026, 11, 5), Category::Informal, 1, &[4], 1),
        fact(d(2026, 11, 12), Category::Informal, 1, &[4], 1),
        fact(d(2026, 11, 19), Category::Informal, 1, &[4], 1),
    ];
    let check_ins = [check_in(d(2026, 11, 20), 3), check_in(d(2026, 10, 30), 2)];
    let insights = run(&facts, &check_ins, Range::ThreeMonths, today);
    assert_eq!(
        insights.streaks.informal,
        Streak {
            current: 3,
            longest: 3
        }
    );
    // Check-ins in the weeks of 26 Oct and 16 Nov, none between: runs of 1.
    assert_eq!(
        insights.streaks.check_in,
        Streak {
            current: 1,
            longest: 1
        }
    );
    assert_eq!(
        insights
            .checkins
            .iter()
            .map(|c| c.trust)
            .collect::<Vec<_>>(),
        [2, 3]
    );
}

#[test]
fn balance_splits_by_who_started_it() {
    let today = d(2026, 11, 24);
    let facts = [
        fact(d(2026, 11, 2), Category::Formal, 3, &[], 2),
        fact(d(2026, 11, 3), Category::Informal, 2, &[], 0),
        fact(d(2026, 11, 4), Category::Ask, 1, &[], 1),
    ];
    let b = run(&facts, &[], Range::ThreeMonths, today).balance;
    assert_eq!((b.by_me, b.by_them, b.informal, b.asks), (3, 3, 2, 1));
    assert_eq!(b.share_by_me, Some(0.5));
}

#[test]
fn the_calendar_covers_53_weeks_ending_today() {
    let today = d(2026, 11, 24); // Tuesday
    let facts = [
        fact(d(2026, 11, 24), Category::Formal, 2, &[3, 5], 2),
        fact(d(2025, 11, 20), Category::Formal, 1, &[1], 1),
    ];
    let insights = run(&facts, &[], Range::ThreeMonths, today);
    let cal = &insights.calendar;
    assert_eq!(cal.first().map(|c| c.day), Some(d(2025, 11, 24)));
    assert_eq!(
        cal.last().map(|c| (c.day, c.count, c.average_quality)),
        Some((today, 2, Some(4.0)))
    );
    assert_eq!(cal.len(), 52 * 7 + 2);
    assert!(
        cal.iter().all(|c| c.day >= d(2025, 11, 24)),
        "older facts are out"
    );
}

#[test]
fn an_empty_journal_is_empty_but_whole() {
    let insights = run(&[], &[], Range::All, d(2026, 11, 24));
    assert!(insights.is_empty());
    assert_eq!(insights.frequency.len(), 1, "just this week");
    assert_eq!(insights.balance.share_by_me, None);
}

#[test]
fn quality_bins_average_whole_weeks_weighted_by_ratings() {
    // Mondays 2 and 9 Nov: a 1:1 rated 2, then two rated 5 and 5.
    let facts = [
        fact(d(2026, 11, 2), Category::Formal, 1, &[2], 1),
        fact(d(2026, 11, 9), Category::Formal, 2, &[5, 5], 1),
    ];
    let checks = [check_in(d(2026, 11, 3), 2), check_in(d(2026, 11, 10), 4)];
    let insights = run(&facts, &checks, Range::All, d(2026, 11, 10));
    let weekly = quality_bins(&insights, 1);
    assert_eq!(weekly.len(), 2);
    assert_eq!(weekly[0].one_on_one, Some(2.0));
    assert_eq!(weekly[1].trust, Some(4.0));
    assert_eq!(weekly[0].informal, None, "nothing informal rated");
    let both = quality_bins(&insights, 2);
    assert_eq!(both.len(), 1);
    assert_eq!(
        both[0].one_on_one,
        Some(4.0),
        "(2 + 5 + 5) / 3, not (2 + 5) / 2"
    );
    assert_eq!(both[0].trust, Some(3.0));
    assert_eq!(both[0].week_start, d(2026, 11, 2));
}

#[test]
fn an_uneven_range_puts_the_short_bin_first_so_the_last_ends_today() {
    let facts = [fact(d(2026, 10, 12), Category::Formal, 1, &[3], 1)];
    let insights = run(&facts, &[], Range::All, d(2026, 11, 10));
    assert_eq!(insights.quality.len(), 5);
    let bins = quality_bins(&insights, 2);
    let starts: Vec<NaiveDate> = bins.iter().map(|b| b.week_start).collect();
    assert_eq!(starts, [d(2026, 10, 12), d(2026, 10, 19), d(2026, 11, 2)]);
    assert_eq!(weeks_per_bin(53, 39), 2);
    assert_eq!(weeks_per_bin(14, 39), 1);
}

#[test]
fn a_cadence_six_days_into_seven_is_due_soon_not_on_track() {
    let cadence = |days: Option<i64>, target: Option<u32>| Cadence {
        name: "1:1",
        target_days: target,
        last: None,
        days_since: days,
    };
    assert_eq!(cadence(Some(6), Some(7)).status(), CadenceStatus::DueSoon);
    assert_eq!(cadence(Some(7), Some(7)).status(), CadenceStatus::DueSoon);
    assert_eq!(cadence(Some(8), Some(7)).status(), CadenceStatus::Overdue);
    assert_eq!(cadence(Some(3), Some(7)).status(), CadenceStatus::OnTrack);
    assert_eq!(cadence(Some(11), Some(30)).status(), CadenceStatus::OnTrack);
    assert_eq!(cadence(Some(24), Some(30)).status(), CadenceStatus::DueSoon);
    assert_eq!(cadence(None, Some(30)).status(), CadenceStatus::Overdue);
    assert_eq!(cadence(Some(40), None).status(), CadenceStatus::NoTarget);
    assert_eq!(cadence(Some(6), Some(7)).used(), 6.0 / 7.0);
    assert_eq!(cadence(Some(60), Some(30)).used(), 1.0);
}

#[test]
fn frequency_bins_sum_whole_weeks_and_keep_every_week() {
    let facts = [
        fact(d(2026, 10, 12), Category::Formal, 1, &[3], 1),
        fact(d(2026, 10, 20), Category::Informal, 2, &[], 1),
        fact(d(2026, 11, 3), Category::Formal, 1, &[], 1),
    ];
    let insights = run(&facts, &[], Range::All, d(2026, 11, 10));
    assert_eq!(insights.frequency.len(), 5);
    let bins = frequency_bins(&insights.frequency, 2);
    let totals: Vec<u32> = bins.iter().map(|b| b.total).collect();
    assert_eq!(totals, [1, 2, 1]);
    assert_eq!(bins[1].informal, 2);
    assert_eq!(bins[2].week_start, d(2026, 11, 2));
    assert_eq!(frequency_bins(&insights.frequency, 1), insights.frequency);
}
