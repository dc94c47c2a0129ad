//! The coach's numbers in words, through the one helper for counts and days
//! (`domain::text`): "no interactions", "1 interaction", "today",
//! "tomorrow", "in 3 days", "14 days ago"; and its dates, "Mon 16 Nov".

use chrono::NaiveDate;

use crate::domain::text::{count, in_days};

/// `n` of a noun: "no advice asks", "1 advice ask", "3 advice asks". The
/// noun is "one" or "one/many"; without a slash the many adds an s.
pub fn count_words(n: i64, noun: &str) -> String {
    let (one, many) = noun.split_once('/').map_or_else(
        || (noun.to_string(), format!("{noun}s")),
        |(o, m)| (o.to_string(), m.to_string()),
    );
    if n == 0 {
        format!("no {many}")
    } else {
        count(n, &one, &many)
    }
}

/// A day relative to today, as a person says it.
pub fn day_words(day: NaiveDate, today: NaiveDate) -> String {
    in_days(day.signed_duration_since(today).num_days())
}

/// A day as the coach writes it: "Mon 16 Nov".
pub fn short_day(day: NaiveDate) -> String {
    day.format("%a %-d %b").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_words_never_as_one_days_or_only_zero() {
        assert_eq!(count_words(0, "interaction"), "no interactions");
        assert_eq!(count_words(1, "day"), "1 day");
        assert_eq!(count_words(2, "day"), "2 days");
        assert_eq!(count_words(12, "open ask"), "12 open asks");
        assert_eq!(count_words(3, "1:1"), "3 1:1s");
        assert_eq!(count_words(2, "summary/summaries"), "2 summaries");
    }

    #[test]
    fn days_read_as_today_tomorrow_and_so_on_never_in_zero_days() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 30).expect("a day");
        let at = |d: i64| day_words(today + chrono::Duration::days(d), today);
        assert_eq!(at(0), "today");
        assert_eq!(at(1), "tomorrow");
        assert_eq!(at(2), "in 2 days");
        assert_eq!(at(-1), "yesterday");
        assert_eq!(at(-14), "14 days ago");
    }
}
