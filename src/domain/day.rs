//! Turns what the user types for "which day?" and "what time?" into dates and times.
//! Relative forms resolve against a `today` the caller passes in, so nothing here reads the clock.

use std::ops::RangeInclusive;

use chrono::{Datelike, Days, Month, NaiveDate, NaiveTime, Weekday};

/// A hundred years: further back than any real journal entry, small enough to stay in the calendar.
const MAX_DAYS_BACK: u64 = 36_500;

const ACCEPTED_DAYS: &str =
    "use YYYY-MM-DD, today, yesterday, -3d, 3 days ago, or a weekday name like monday";

const ACCEPTED_TIMES: &str = "use HH:MM, 24-hour";

// Only past-facing words: a journal records what happened, so `tomorrow` is deliberately absent.
const WEEKDAY_NAMES: [(Weekday, &[&str]); 7] = [
    (Weekday::Mon, &["mon", "monday"]),
    (Weekday::Tue, &["tue", "tues", "tuesday"]),
    (Weekday::Wed, &["wed", "wednesday"]),
    (Weekday::Thu, &["thu", "thur", "thurs", "thursday"]),
    (Weekday::Fri, &["fri", "friday"]),
    (Weekday::Sat, &["sat", "saturday"]),
    (Weekday::Sun, &["sun", "sunday"]),
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DayError {
    #[error("no date given: {accepted}", accepted = ACCEPTED_DAYS)]
    Empty,
    #[error("`{0}` is not a date: {accepted}", accepted = ACCEPTED_DAYS)]
    NotADate(String),
    #[error("`{input}` is not a real date (month {month:02} is out of range: use 01 to 12)")]
    MonthOutOfRange { input: String, month: u32 },
    #[error("`{input}` is not a real date ({} {year} has {days} days)", month_name(*.month))]
    DayOutOfRange {
        input: String,
        year: i32,
        month: u32,
        days: u32,
    },
    #[error("`{0}` is not a supported date: years run from 0001 to 9999")]
    YearOutOfRange(String),
    #[error("`{0}` is too far back: at most {max} days ago", max = MAX_DAYS_BACK)]
    TooFarBack(String),
    #[error("`{0}` falls outside the supported dates 0001-01-01 to 9999-12-31")]
    OutOfCalendar(String),
    #[error(
        "`{0}` is not a date ahead: use YYYY-MM-DD, today, tomorrow, +3d, in 3 days, or a weekday name like tuesday"
    )]
    NotAnUpcomingDate(String),
    #[error(
        "`{0}`: there is no next 1:1 to count to (no date set and no cadence); set one with `rapport person set NAME --next-1on1 DATE`, or give a day like fri or +3d"
    )]
    NoNextOneOnOne(String),
    #[error("no time given: {accepted}", accepted = ACCEPTED_TIMES)]
    NoTime,
    #[error("`{0}` is not a time: {accepted}", accepted = ACCEPTED_TIMES)]
    NotATime(String),
}

/// Parses a day the user typed; relative forms count back from `today`.
pub fn parse_day(input: &str, today: NaiveDate) -> Result<NaiveDate, DayError> {
    let typed = input.trim();
    if typed.is_empty() {
        return Err(DayError::Empty);
    }
    // ASCII-only folding: every accepted form is ASCII, and full Unicode folding can change lengths.
    let lowered = typed.to_ascii_lowercase();
    let date = match lowered.as_str() {
        "today" => Some(today),
        "yesterday" => today.checked_sub_days(Days::new(1)),
        s if is_iso_shaped(s) => return parse_iso(s, typed),
        s => {
            let back =
                days_back(s, typed)?.or_else(|| weekday_named(s).map(|w| days_since(today, w)));
            let Some(back) = back else {
                return Err(DayError::NotADate(typed.to_owned()));
            };
            today.checked_sub_days(Days::new(back))
        }
    };
    // Relative forms can walk off the years the ISO form accepts; keep both forms to one range.
    date.filter(|d| (1..=9999).contains(&d.year()))
        .ok_or_else(|| DayError::OutOfCalendar(typed.to_owned()))
}

/// Parses a day ahead, for plans such as the next 1:1: `YYYY-MM-DD`, `today`,
/// `tomorrow`, `+3d`, `in 3 days`, or a weekday name meaning the next such day
/// after today.
pub fn parse_upcoming_day(input: &str, today: NaiveDate) -> Result<NaiveDate, DayError> {
    let typed = input.trim();
    let lowered = typed.to_ascii_lowercase();
    let ahead = match lowered.as_str() {
        "" => return Err(DayError::Empty),
        "today" => Some(0),
        "tomorrow" => Some(1),
        s if is_iso_shaped(s) => return parse_iso(s, typed),
        s => {
            let count = s
                .strip_prefix('+')
                .and_then(|r| r.strip_suffix('d'))
                .or_else(
                    || match s.split_whitespace().collect::<Vec<_>>().as_slice() {
                        ["in", count, "day" | "days"] => Some(*count),
                        _ => None,
                    },
                );
            match count {
                Some(c) if all_digits(c, 1..=5) => c.parse::<u64>().ok(),
                Some(_) => None,
                None => weekday_named(s).map(|w| 7 - days_since(today, w) % 7),
            }
        }
    };
    let Some(ahead) = ahead else {
        return Err(DayError::NotAnUpcomingDate(typed.to_owned()));
    };
    today
        .checked_add_days(Days::new(ahead))
        .filter(|d| (1..=9999).contains(&d.year()))
        .ok_or_else(|| DayError::OutOfCalendar(typed.to_owned()))
}

/// Parses a 24-hour `HH:MM` (or `H:MM`) time of day.
pub fn parse_time(input: &str) -> Result<NaiveTime, DayError> {
    let typed = input.trim();
    if typed.is_empty() {
        return Err(DayError::NoTime);
    }
    let not_a_time = || DayError::NotATime(typed.to_owned());
    let (hour, minute) = typed.split_once(':').ok_or_else(not_a_time)?;
    // `str::parse` would also take `+5`, so insist on plain digits of the right width first.
    if !all_digits(hour, 1..=2) || !all_digits(minute, 2..=2) {
        return Err(not_a_time());
    }
    let hour = hour.parse().map_err(|_| not_a_time())?;
    let minute = minute.parse().map_err(|_| not_a_time())?;
    NaiveTime::from_hms_opt(hour, minute, 0).ok_or_else(not_a_time)
}

fn all_digits(s: &str, widths: RangeInclusive<usize>) -> bool {
    widths.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

fn is_iso_shaped(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
}

/// Checks each part separately so the error can say which one is wrong.
fn parse_iso(s: &str, typed: &str) -> Result<NaiveDate, DayError> {
    let input = || typed.to_owned();
    let not_a_date = || DayError::NotADate(input());
    let part = |from: usize, to: usize| {
        s.get(from..to)
            .and_then(|p| p.parse::<u32>().ok())
            .ok_or_else(not_a_date)
    };
    let (year, month, day) = (part(0, 4)?, part(5, 7)?, part(8, 10)?);
    let year = year.cast_signed();
    if year == 0 {
        return Err(DayError::YearOutOfRange(input()));
    }
    if !(1..=12).contains(&month) {
        return Err(DayError::MonthOutOfRange {
            input: input(),
            month,
        });
    }
    // The first of a valid month always exists, so only the day is left to check.
    let days =
        NaiveDate::from_ymd_opt(year, month, 1).map_or(31, |d| u32::from(d.num_days_in_month()));
    if !(1..=days).contains(&day) {
        return Err(DayError::DayOutOfRange {
            input: input(),
            year,
            month,
            days,
        });
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(not_a_date)
}

fn month_name(month: u32) -> &'static str {
    let month = u8::try_from(month)
        .ok()
        .and_then(|m| Month::try_from(m).ok());
    month.map_or("that month", |m| m.name())
}

/// `Ok(None)` means "not this form"; an error means it was this form with a bad count.
fn days_back(s: &str, typed: &str) -> Result<Option<u64>, DayError> {
    let count = match s.strip_prefix('-').and_then(|rest| rest.strip_suffix('d')) {
        Some(count) => count,
        None => match s.split_whitespace().collect::<Vec<_>>().as_slice() {
            [count, "day" | "days", "ago"] => *count,
            _ => return Ok(None),
        },
    };
    if !all_digits(count, 1..=usize::MAX) {
        return Ok(None);
    }
    // A count too long for u64 is still a count, so it gets the "too far back" message too.
    match count.parse::<u64>() {
        Ok(days) if days <= MAX_DAYS_BACK => Ok(Some(days)),
        _ => Err(DayError::TooFarBack(typed.to_owned())),
    }
}

fn weekday_named(s: &str) -> Option<Weekday> {
    WEEKDAY_NAMES
        .iter()
        .find(|(_, names)| names.contains(&s))
        .map(|&(weekday, _)| weekday)
}

/// Strictly before today: on a Tuesday, "tuesday" means last week's, since today has its own word.
fn days_since(today: NaiveDate, weekday: Weekday) -> u64 {
    let back = (7 + today.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    u64::from(if back == 0 { 7 } else { back })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).expect("test dates are real")
    }

    fn hm(hour: u32, minute: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(hour, minute, 0).expect("test times are real")
    }

    /// A Tuesday.
    fn today() -> NaiveDate {
        ymd(2026, 3, 10)
    }

    fn day(input: &str) -> Result<NaiveDate, DayError> {
        parse_day(input, today())
    }

    fn march(day: u32) -> Result<NaiveDate, DayError> {
        Ok(ymd(2026, 3, day))
    }

    fn error_text(input: &str) -> String {
        match day(input) {
            Ok(date) => panic!("`{input}` unexpectedly parsed as {date}"),
            Err(err) => err.to_string(),
        }
    }

    #[test]
    fn iso_date_parses_to_that_day() {
        assert_eq!(day("2024-02-29"), Ok(ymd(2024, 2, 29)));
        assert_eq!(day("0001-01-01"), Ok(ymd(1, 1, 1)));
        assert_eq!(day("9999-12-31"), Ok(ymd(9999, 12, 31)));
    }

    #[test]
    fn today_and_yesterday_count_from_the_given_today() {
        assert_eq!(day("today"), Ok(today()));
        assert_eq!(
            parse_day("yesterday", ymd(2026, 3, 1)),
            Ok(ymd(2026, 2, 28))
        );
    }

    #[test]
    fn relative_day_counts_go_back_that_many_days() {
        assert_eq!(day("-0d"), Ok(today()));
        assert_eq!(day("-3d"), march(7));
        assert_eq!(day("3 days ago"), march(7));
        assert_eq!(day("1 day ago"), march(9));
        assert_eq!(day("2 day ago"), march(8));
        assert_eq!(day("-36500d"), Ok(ymd(1926, 4, 4)));
    }

    #[test]
    fn case_and_surrounding_whitespace_are_ignored() {
        assert_eq!(day("  TODAY\n"), Ok(today()));
        assert_eq!(day("\tYesterday "), march(9));
        assert_eq!(day(" -3D "), march(7));
        assert_eq!(day("3  Days   AGO"), march(7));
        assert_eq!(day(" MonDay "), march(9));
    }

    #[test]
    fn every_weekday_spelling_names_the_right_day() {
        // Today is Tuesday 2026-03-10, so each name lands on the day of March given here.
        let spellings: [(u32, &[&str]); 7] = [
            (9, &["mon", "monday"]),
            (3, &["tue", "tues", "tuesday"]),
            (4, &["wed", "wednesday"]),
            (5, &["thu", "thur", "thurs", "thursday"]),
            (6, &["fri", "friday"]),
            (7, &["sat", "saturday"]),
            (8, &["sun", "sunday"]),
        ];
        for (march_day, names) in spellings {
            for name in names {
                assert_eq!(day(name), march(march_day), "{name}");
            }
        }
    }

    #[test]
    fn weekday_name_on_the_same_weekday_means_a_week_ago() {
        assert_eq!(day("tuesday"), march(3));
    }

    #[test]
    fn weekday_name_for_the_previous_weekday_means_yesterday() {
        assert_eq!(day("monday"), march(9));
    }

    #[test]
    fn day_past_the_end_of_the_month_says_how_long_the_month_is() {
        assert_eq!(
            error_text("2026-02-30"),
            "`2026-02-30` is not a real date (February 2026 has 28 days)"
        );
        assert!(error_text("2024-04-31").contains("April 2024 has 30 days"));
        assert!(error_text("2026-01-00").contains("`2026-01-00`"));
    }

    #[test]
    fn month_out_of_range_says_which_months_exist() {
        assert_eq!(
            error_text("2026-13-01"),
            "`2026-13-01` is not a real date (month 13 is out of range: use 01 to 12)"
        );
        assert!(error_text("2026-00-10").contains("month 00 is out of range"));
    }

    #[test]
    fn year_zero_is_rejected() {
        assert_eq!(
            error_text("0000-06-01"),
            "`0000-06-01` is not a supported date: years run from 0001 to 9999"
        );
    }

    #[test]
    fn unknown_words_are_rejected_with_the_accepted_forms() {
        assert_eq!(
            error_text("blursday"),
            "`blursday` is not a date: use YYYY-MM-DD, today, yesterday, -3d, 3 days ago, \
             or a weekday name like monday"
        );
        let near_misses = "tomorrow|2026-3-10|2026/03/10|+3d|-3|-d|3d|-3 d|3 days|days ago|-1.5d|\
                           +3 days ago|3 weeks ago|mond|Blursday";
        for input in near_misses.split('|') {
            assert!(
                error_text(input).contains(&format!("`{input}` is not a date")),
                "{input}"
            );
        }
    }

    #[test]
    fn empty_input_asks_for_a_date() {
        assert_eq!(day("   "), Err(DayError::Empty));
        assert!(error_text("").contains("use YYYY-MM-DD"));
    }

    #[test]
    fn counts_beyond_a_hundred_years_are_too_far_back() {
        assert_eq!(
            error_text("-36501d"),
            "`-36501d` is too far back: at most 36500 days ago"
        );
        assert!(error_text("99999999999999999999999 days ago").contains("too far back"));
    }

    #[test]
    fn relative_dates_before_year_one_are_rejected() {
        let out = Err(DayError::OutOfCalendar("-5d".into()));
        assert_eq!(parse_day("-5d", ymd(1, 1, 3)), out);
        assert!(parse_day("sunday", ymd(1, 1, 1)).is_err());
    }

    #[test]
    fn times_parse_with_one_or_two_hour_digits() {
        assert_eq!(parse_time("09:05"), Ok(hm(9, 5)));
        assert_eq!(parse_time("9:05"), Ok(hm(9, 5)));
        assert_eq!(parse_time(" 23:59 "), Ok(hm(23, 59)));
        assert_eq!(parse_time("0:00"), Ok(hm(0, 0)));
    }

    #[test]
    fn impossible_or_misshapen_times_are_rejected_by_name() {
        for bad in [
            "25:00", "24:00", "12:60", "12:5", "123:00", "12:345", "+1:00", "1:2:3", "noon",
        ] {
            let text = parse_time(bad).map_err(|e| e.to_string());
            assert_eq!(
                text,
                Err(format!("`{bad}` is not a time: use HH:MM, 24-hour"))
            );
        }
        assert_eq!(parse_time(""), Err(DayError::NoTime));
    }

    fn any_date(years: std::ops::Range<i32>) -> impl Strategy<Value = NaiveDate> {
        (years, 1u32..=366)
            .prop_filter_map("no such ordinal", |(y, o)| NaiveDate::from_yo_opt(y, o))
    }

    fn every_weekday_spelling() -> Vec<(Weekday, &'static str)> {
        let spell = |&(weekday, names): &(Weekday, &'static [&'static str])| {
            names.iter().map(move |&name| (weekday, name))
        };
        WEEKDAY_NAMES.iter().flat_map(spell).collect()
    }

    proptest! {
        #[test]
        fn any_real_date_round_trips_through_iso(d in any_date(1900..2200), t in any_date(1100..9900)) {
            prop_assert_eq!(parse_day(&d.format("%Y-%m-%d").to_string(), t), Ok(d));
        }

        #[test]
        fn both_relative_forms_go_back_n_days(today in any_date(1100..9900), n in 0u64..=3650) {
            let expected = Ok(today - Days::new(n));
            prop_assert_eq!(parse_day(&format!("-{n}d"), today), expected.clone());
            prop_assert_eq!(parse_day(&format!("{n} days ago"), today), expected);
        }

        #[test]
        fn weekday_names_land_in_the_past_week_on_that_weekday(
            today in any_date(1100..9900),
            (weekday, name) in prop::sample::select(every_weekday_spelling()),
        ) {
            let found = parse_day(name, today).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(found < today);
            prop_assert!(today - found <= chrono::TimeDelta::days(7));
            prop_assert_eq!(found.weekday(), weekday);
        }

        #[test]
        fn parse_day_never_panics(s in any::<String>(), near in "[-0-9a-zA-Z :/ ]{0,14}") {
            let _ = parse_day(&s, today());
            let _ = parse_day(&near, today());
        }

        #[test]
        fn any_clock_time_round_trips(hour in 0u32..24, minute in 0u32..60) {
            prop_assert_eq!(parse_time(&format!("{hour:02}:{minute:02}")), Ok(hm(hour, minute)));
            prop_assert_eq!(parse_time(&format!("{hour}:{minute:02}")), Ok(hm(hour, minute)));
        }
    }

    #[test]
    fn upcoming_weekday_is_the_next_one_after_today() {
        // today() is a Tuesday.
        assert_eq!(parse_upcoming_day("tuesday", today()), Ok(ymd(2026, 3, 17)));
        assert_eq!(parse_upcoming_day("wed", today()), Ok(ymd(2026, 3, 11)));
        assert_eq!(parse_upcoming_day("mon", today()), Ok(ymd(2026, 3, 16)));
        assert_eq!(parse_upcoming_day("+2d", today()), Ok(ymd(2026, 3, 12)));
        assert_eq!(
            parse_upcoming_day("in 3 days", today()),
            Ok(ymd(2026, 3, 13))
        );
        assert_eq!(
            parse_upcoming_day("tomorrow", today()),
            Ok(ymd(2026, 3, 11))
        );
        assert!(parse_upcoming_day("yesterday", today()).is_err());
    }
}
