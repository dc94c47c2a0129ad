//! The ISO week (a weekly summary's, Prep's, Insights' unit): Monday to
//! Sunday, named `2026-W48`, parsed from what the user types.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;

/// The Monday that starts `day`'s ISO week.
pub fn monday_of(day: NaiveDate) -> NaiveDate {
    day.checked_sub_days(Days::new(u64::from(day.weekday().num_days_from_monday())))
        .unwrap_or(day)
}

/// One ISO week, held by its Monday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Week {
    monday: NaiveDate,
}

/// A week the user typed that is not one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WeekError {
    #[error("`{0}` is not a week: use YYYY-Www, e.g. 2026-W48")]
    NotAWeek(String),
    #[error("`{input}` is not a week of {year}: it has weeks W01 to W{last:02}")]
    OutOfRange { input: String, year: i32, last: u32 },
}

impl Week {
    /// The week `day` falls in.
    pub fn containing(day: NaiveDate) -> Week {
        Week {
            monday: monday_of(day),
        }
    }

    /// The week starting on `monday`; `None` when it is not a Monday.
    pub fn starting(monday: NaiveDate) -> Option<Week> {
        (monday.weekday() == Weekday::Mon).then_some(Week { monday })
    }

    /// Parses `2026-W48` (also `2026-w48` and `2026-W5`).
    pub fn parse(input: &str) -> Result<Week, WeekError> {
        let typed = input.trim();
        let not_a_week = || WeekError::NotAWeek(typed.to_string());
        let (year, week) = typed
            .split_once(['W', 'w'])
            .and_then(|(year, week)| Some((year.strip_suffix('-')?, week)))
            .ok_or_else(not_a_week)?;
        let digits = |s: &str, widths: std::ops::RangeInclusive<usize>| {
            widths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        if !digits(year, 4..=4) || !digits(week, 1..=2) {
            return Err(not_a_week());
        }
        let year: i32 = year.parse().map_err(|_| not_a_week())?;
        let week: u32 = week.parse().map_err(|_| not_a_week())?;
        if year == 0 {
            return Err(not_a_week());
        }
        // 28 December always falls in a year's last ISO week.
        let last = NaiveDate::from_ymd_opt(year, 12, 28).map_or(52, |d| d.iso_week().week());
        NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)
            .filter(|_| week >= 1)
            .map(|monday| Week { monday })
            .ok_or(WeekError::OutOfRange {
                input: typed.to_string(),
                year,
                last,
            })
    }

    pub fn monday(self) -> NaiveDate {
        self.monday
    }

    pub fn sunday(self) -> NaiveDate {
        self.monday
            .checked_add_days(Days::new(6))
            .unwrap_or(NaiveDate::MAX)
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        (self.monday..=self.sunday()).contains(&day)
    }

    /// The last day of the week that has happened by `today`: entries after
    /// it are plans, not what the week was.
    pub fn up_to(self, today: NaiveDate) -> NaiveDate {
        self.sunday().min(today)
    }

    /// `2026-W48`.
    pub fn label(self) -> String {
        let iso = self.monday.iso_week();
        format!("{}-W{:02}", iso.year(), iso.week())
    }

    /// `23–29 Nov 2026`, or `30 Nov – 6 Dec 2026` across a month.
    pub fn days_text(self) -> String {
        let (first, last) = (self.monday, self.sunday());
        if first.year() != last.year() {
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

impl std::fmt::Display for Week {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label())
    }
}

impl Serialize for Week {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("test dates are real")
    }

    #[test]
    fn a_week_runs_monday_to_sunday_and_is_named_by_its_iso_number() {
        let week = Week::containing(d(2026, 11, 24));
        assert_eq!(week.monday(), d(2026, 11, 23));
        assert_eq!(week.sunday(), d(2026, 11, 29));
        assert_eq!(week.label(), "2026-W48");
        assert_eq!(week.days_text(), "23–29 Nov 2026");
        assert!(week.contains(d(2026, 11, 29)));
        assert!(!week.contains(d(2026, 11, 30)));
        assert_eq!(week.up_to(d(2026, 11, 24)), d(2026, 11, 24));
        assert_eq!(week.up_to(d(2027, 1, 1)), d(2026, 11, 29));
    }

    #[test]
    fn parsing_a_label_gives_that_week_back() {
        assert_eq!(
            Week::parse("2026-W48"),
            Ok(Week::containing(d(2026, 11, 24)))
        );
        assert_eq!(
            Week::parse(" 2026-w5 "),
            Ok(Week::containing(d(2026, 1, 26)))
        );
        // ISO week 1 of 2026 starts in 2025; week 53 of 2026 ends in 2027.
        assert_eq!(
            Week::parse("2026-W01").map(Week::monday),
            Ok(d(2025, 12, 29))
        );
        let last = Week::parse("2026-W53");
        assert_eq!(
            last.map(Week::days_text).as_deref(),
            Ok("28 Dec 2026 – 3 Jan 2027")
        );
        assert_eq!(
            Week::containing(d(2026, 11, 30)).days_text(),
            "30 Nov – 6 Dec 2026"
        );
    }

    #[test]
    fn a_week_past_the_years_last_names_the_input_and_the_range() {
        let e = Week::parse("2025-W53").map_err(|e| e.to_string());
        assert_eq!(
            e,
            Err("`2025-W53` is not a week of 2025: it has weeks W01 to W52".to_string())
        );
        assert!(Week::parse("2026-W00").is_err());
    }

    #[test]
    fn misshapen_weeks_name_the_input_and_the_form() {
        for bad in [
            "2026-48",
            "2026W48",
            "W48",
            "26-W48",
            "2026-W123",
            "2026-W+1",
            "",
            "0000-W01",
        ] {
            let e = Week::parse(bad).map_err(|e| e.to_string());
            assert_eq!(
                e,
                Err(format!(
                    "`{bad}` is not a week: use YYYY-Www, e.g. 2026-W48"
                )),
                "{bad}"
            );
        }
    }

    #[test]
    fn only_a_monday_starts_a_week() {
        assert!(Week::starting(d(2026, 11, 23)).is_some());
        assert!(Week::starting(d(2026, 11, 24)).is_none());
    }
}
