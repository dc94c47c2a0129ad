//! When the next 1:1 is: the date the user set, or the last 1:1 plus the
//! person's cadence, and how to say it ("Tue 1 Dec, in 7 days").

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;

use crate::domain::Person;
use crate::domain::text;

/// Where the next 1:1's date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NextBasis {
    /// The date the user set, no 1:1 having happened on or after it yet.
    Set,
    /// The next occurrence of the 1:1 series in their calendar.
    Calendar,
    /// The last 1:1 plus the cadence.
    Cadence,
    /// No 1:1 yet: the person's first entry (or today) plus the cadence.
    CadenceFromStart,
    /// No date set and no cadence: rapport cannot tell.
    Unplanned,
}

/// The next 1:1 as of one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NextOneOnOne {
    /// `None` when unplanned.
    pub on: Option<NaiveDate>,
    /// From the day it was computed for; negative when overdue.
    pub days_until: Option<i64>,
    pub basis: NextBasis,
    /// The last 1:1 it was computed from.
    pub last: Option<NaiveDate>,
}

/// What else tells when the next 1:1 is, besides the person's cadence.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Plan {
    /// The next day the calendar series has a 1:1 happening, after the last
    /// 1:1 logged and not before today (cancelled ones skipped).
    pub calendar: Option<NaiveDate>,
    /// The weekday most recent 1:1s fell on, when most of them agree.
    pub typical_weekday: Option<Weekday>,
}

/// The weekday most of `days` (recent 1:1s) fell on: at least two, and more
/// than half of them.
pub fn typical_weekday(days: &[NaiveDate]) -> Option<Weekday> {
    let mut counts = [0_usize; 7];
    for day in days {
        counts[day.weekday().num_days_from_monday() as usize] += 1;
    }
    let (best, &count) = counts.iter().enumerate().max_by_key(|(_, c)| **c)?;
    (count >= 2 && count * 2 > days.len())
        .then(|| Weekday::try_from(u8::try_from(best).unwrap_or(0)).ok())
        .flatten()
}

/// The next 1:1 with `person` as of `today`, with no calendar and no
/// typical weekday: see [`next_one_on_one_planned`].
pub fn next_one_on_one(
    person: &Person,
    last: Option<NaiveDate>,
    earliest: Option<NaiveDate>,
    today: NaiveDate,
) -> NextOneOnOne {
    next_one_on_one_planned(person, last, earliest, today, Plan::default())
}

/// The next 1:1 with `person` as of `today`.
///
/// A date the user set wins while no 1:1 has happened on or after it: once
/// one has, it was that meeting (held early, or on the day), so the cadence
/// takes over again. A set date in the past with no 1:1 since stays, and
/// shows as overdue. Without a set date it is the last 1:1 plus the cadence;
/// with no 1:1 yet the cadence counts from the person's first entry
/// (`earliest`), or from today when there is none, as the coach does.
/// `last` must be the last 1:1 on or before `today`.
///
/// The calendar's next occurrence comes after a set date and before the
/// cadence. A cadence of whole weeks lands on the typical weekday of the
/// logged 1:1s (the nearest such day), so a Tuesday 1:1 logged once on a
/// Monday does not move the next one to a Monday.
pub fn next_one_on_one_planned(
    person: &Person,
    last: Option<NaiveDate>,
    earliest: Option<NaiveDate>,
    today: NaiveDate,
    plan: Plan,
) -> NextOneOnOne {
    let planned = |on: NaiveDate, basis| NextOneOnOne {
        on: Some(on),
        days_until: Some(on.signed_duration_since(today).num_days()),
        basis,
        last,
    };
    if let Some(set) = person.next_one_on_one
        && last.is_none_or(|l| set > l)
    {
        return planned(set, NextBasis::Set);
    }
    if let Some(day) = plan.calendar {
        return planned(day, NextBasis::Calendar);
    }
    let from_cadence = person.cadence_days.and_then(|days| {
        let (from, basis) = match last {
            Some(l) => (l, NextBasis::Cadence),
            None => (
                earliest.unwrap_or(today).min(today),
                NextBasis::CadenceFromStart,
            ),
        };
        from.checked_add_days(Days::new(u64::from(days)))
            .map(|on| match plan.typical_weekday {
                Some(weekday) if days % 7 == 0 => on_nearest(on, weekday),
                _ => on,
            })
            .map(|on| (on, basis))
    });
    match from_cadence {
        Some((on, basis)) => planned(on, basis),
        None => NextOneOnOne {
            on: None,
            days_until: None,
            basis: NextBasis::Unplanned,
            last,
        },
    }
}

/// The day with `weekday` nearest to `day` (at most three days away).
fn on_nearest(day: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead =
        i64::from(weekday.num_days_from_monday()) - i64::from(day.weekday().num_days_from_monday());
    let shift = (ahead + 7 + 3).rem_euclid(7) - 3;
    day.checked_add_signed(chrono::Duration::days(shift))
        .unwrap_or(day)
}

impl NextOneOnOne {
    pub fn is_overdue(&self) -> bool {
        self.days_until.is_some_and(|d| d < 0)
    }

    /// `Tue 1 Dec, in 7 days`, `Tue 24 Nov, today`, `Wed 25 Nov, tomorrow`,
    /// `Sat 21 Nov, overdue by 3 days`; unplanned, what to do about it.
    pub fn describe(&self, today: NaiveDate) -> String {
        let Some(on) = self.on else {
            return match self.last {
                None => "no 1:1 yet: set a cadence".to_string(),
                Some(_) => "not planned: set a cadence or a date".to_string(),
            };
        };
        let days = on.signed_duration_since(today).num_days();
        let when = match days {
            d if d < 0 => format!("overdue by {}", text::days(-d)),
            d => text::in_days(d),
        };
        format!("{}, {when}", short_date(on, today))
    }
}

/// `Tue 1 Dec`, with the year when it is not this year's.
pub fn short_date(day: NaiveDate, today: NaiveDate) -> String {
    if day.year() == today.year() {
        day.format("%a %-d %b").to_string()
    } else {
        day.format("%a %-d %b %Y").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tuesday_one_on_one_logged_on_a_monday_keeps_the_next_on_tuesday() {
        // Tuesdays 3, 10 and 17 November, then one on Monday 23.
        let days = [
            d(2026, 11, 3),
            d(2026, 11, 10),
            d(2026, 11, 17),
            d(2026, 11, 23),
        ];
        let plan = Plan {
            calendar: None,
            typical_weekday: typical_weekday(&days),
        };
        assert_eq!(plan.typical_weekday, Some(Weekday::Tue));
        let next = next_one_on_one_planned(
            &dana(Some(7), None),
            Some(d(2026, 11, 23)),
            None,
            today(),
            plan,
        );
        assert_eq!(next.on, Some(d(2026, 12, 1)));
        let drifting = next_one_on_one(&dana(Some(7), None), Some(d(2026, 11, 23)), None, today());
        assert_eq!(
            drifting.on,
            Some(d(2026, 11, 30)),
            "without the weekday: last + 7"
        );
    }

    #[test]
    fn no_typical_weekday_without_a_majority() {
        assert_eq!(typical_weekday(&[d(2026, 11, 3), d(2026, 11, 11)]), None);
        assert_eq!(typical_weekday(&[d(2026, 11, 3)]), None);
    }

    #[test]
    fn the_calendar_comes_before_the_cadence_and_after_a_set_date() {
        let plan = Plan {
            calendar: Some(d(2026, 12, 2)),
            typical_weekday: None,
        };
        let next = next_one_on_one_planned(
            &dana(Some(7), None),
            Some(d(2026, 11, 17)),
            None,
            today(),
            plan,
        );
        assert_eq!(
            (next.on, next.basis),
            (Some(d(2026, 12, 2)), NextBasis::Calendar)
        );
        let set = next_one_on_one_planned(
            &dana(Some(7), Some(d(2026, 11, 27))),
            Some(d(2026, 11, 17)),
            None,
            today(),
            plan,
        );
        assert_eq!(set.basis, NextBasis::Set);
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("test dates are real")
    }

    /// A Tuesday.
    fn today() -> NaiveDate {
        d(2026, 11, 24)
    }

    fn dana(cadence: Option<u32>, set: Option<NaiveDate>) -> Person {
        Person {
            relation: Default::default(),
            id: 1,
            name: "Dana".into(),
            role: String::new(),
            is_current: true,
            cadence_days: cadence,
            next_one_on_one: set,
            archived: false,
            strengths: Vec::new(),
            call: String::new(),
        }
    }

    #[test]
    fn cadence_counts_from_the_last_one_on_one() {
        let next = next_one_on_one(&dana(Some(7), None), Some(d(2026, 11, 17)), None, today());
        assert_eq!(next.on, Some(today()));
        assert_eq!(next.basis, NextBasis::Cadence);
        assert_eq!(next.describe(today()), "Tue 24 Nov, today");
        let next = next_one_on_one(&dana(Some(14), None), Some(d(2026, 11, 17)), None, today());
        assert_eq!(next.days_until, Some(7));
        assert_eq!(next.describe(today()), "Tue 1 Dec, in 7 days");
        let next = next_one_on_one(&dana(Some(8), None), Some(d(2026, 11, 17)), None, today());
        assert_eq!(next.describe(today()), "Wed 25 Nov, tomorrow");
    }

    #[test]
    fn a_one_on_one_past_its_cadence_is_overdue_by_the_days_missed() {
        let next = next_one_on_one(&dana(Some(7), None), Some(d(2026, 11, 14)), None, today());
        assert_eq!(next.days_until, Some(-3));
        assert!(next.is_overdue());
        assert_eq!(next.describe(today()), "Sat 21 Nov, overdue by 3 days");
        let next = next_one_on_one(&dana(Some(7), None), Some(d(2026, 11, 16)), None, today());
        assert_eq!(next.describe(today()), "Mon 23 Nov, overdue by 1 day");
    }

    #[test]
    fn a_set_date_wins_over_the_cadence_until_a_one_on_one_reaches_it() {
        let set = Some(d(2026, 12, 1));
        let next = next_one_on_one(&dana(Some(7), set), Some(d(2026, 11, 20)), None, today());
        assert_eq!((next.on, next.basis), (set, NextBasis::Set));
        assert_eq!(next.describe(today()), "Tue 1 Dec, in 7 days");
        // Set for a day already past, with no 1:1 since: still the plan, overdue.
        let past = Some(d(2026, 11, 21));
        let next = next_one_on_one(&dana(Some(7), past), Some(d(2026, 11, 18)), None, today());
        assert_eq!((next.basis, next.days_until), (NextBasis::Set, Some(-3)));
        // A 1:1 on (or after) the set day was that meeting: the cadence is back.
        let next = next_one_on_one(&dana(Some(7), past), Some(d(2026, 11, 21)), None, today());
        assert_eq!(
            (next.on, next.basis),
            (Some(d(2026, 11, 28)), NextBasis::Cadence)
        );
        // A set date needs no cadence.
        let next = next_one_on_one(&dana(None, set), None, None, today());
        assert_eq!(next.on, set);
    }

    #[test]
    fn with_no_one_on_one_yet_the_cadence_counts_from_the_first_entry() {
        let next = next_one_on_one(&dana(Some(14), None), None, Some(d(2026, 11, 20)), today());
        assert_eq!(next.on, Some(d(2026, 12, 4)));
        assert_eq!(next.basis, NextBasis::CadenceFromStart);
        let fresh = next_one_on_one(&dana(Some(7), None), None, None, today());
        assert_eq!(fresh.on, Some(d(2026, 12, 1)));
    }

    #[test]
    fn without_a_cadence_or_a_date_it_says_what_to_set() {
        let next = next_one_on_one(&dana(None, None), None, None, today());
        assert_eq!(next.on, None);
        assert_eq!(next.basis, NextBasis::Unplanned);
        assert!(!next.is_overdue());
        assert_eq!(next.describe(today()), "no 1:1 yet: set a cadence");
        let after = next_one_on_one(&dana(None, None), Some(d(2026, 11, 17)), None, today());
        assert_eq!(
            after.describe(today()),
            "not planned: set a cadence or a date"
        );
    }

    #[test]
    fn a_date_in_another_year_shows_its_year() {
        let next = next_one_on_one(&dana(Some(40), None), Some(d(2026, 11, 24)), None, today());
        assert_eq!(next.describe(today()), "Sun 3 Jan 2027, in 40 days");
    }
}
