//! When a summary counts as sent before a 1:1: the one definition Prep, the
//! coach, `stats` streaks and the summary-effect comparison all use.

use chrono::NaiveDate;

/// Whether a summary sent on `sent_on` was sent before the 1:1 on
/// `one_on_one`, whose previous 1:1 was on `previous` (`None`: the first).
///
/// Sent after the previous 1:1 and on or before this one's day: a summary
/// sent on a Friday prepares the Monday 1:1 after it; one sent on the day of
/// a 1:1 prepares that 1:1, not the next one.
pub fn sent_before_one_on_one(
    sent_on: NaiveDate,
    previous: Option<NaiveDate>,
    one_on_one: NaiveDate,
) -> bool {
    previous.is_none_or(|p| sent_on > p) && sent_on <= one_on_one
}

/// For each 1:1 day in `one_on_ones` (sorted, one per 1:1), whether a
/// summary in `sent` (any order) was sent before it, by
/// [`sent_before_one_on_one`] with the 1:1 before it in the list as the
/// previous one. `before_first` is the 1:1 before the list's first, if any.
pub fn one_on_ones_with_summary(
    one_on_ones: &[NaiveDate],
    before_first: Option<NaiveDate>,
    sent: &[NaiveDate],
) -> Vec<bool> {
    let mut previous = before_first;
    let mut current: Option<NaiveDate> = None;
    one_on_ones
        .iter()
        .map(|&day| {
            // Two 1:1s on one day share what came before that day.
            if current.is_some_and(|c| c < day) {
                previous = current;
            }
            current = Some(day);
            sent.iter()
                .any(|s| sent_before_one_on_one(*s, previous, day))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).expect("a real day")
    }

    #[test]
    fn a_summary_sent_on_friday_prepares_the_monday_one_on_one() {
        // 1:1s on Monday 16 and Monday 23; sent Friday 20.
        assert!(sent_before_one_on_one(d(20), Some(d(16)), d(23)));
        assert!(
            sent_before_one_on_one(d(23), Some(d(16)), d(23)),
            "on the day counts"
        );
        assert!(
            !sent_before_one_on_one(d(16), Some(d(16)), d(23)),
            "that day's is for the 16th"
        );
        assert!(
            !sent_before_one_on_one(d(24), Some(d(16)), d(23)),
            "after it is too late"
        );
        assert!(
            sent_before_one_on_one(d(2), None, d(23)),
            "the first 1:1 has no previous"
        );
    }

    #[test]
    fn each_one_on_one_is_checked_against_the_one_before_it() {
        let one_on_ones = [d(3), d(10), d(17), d(24)];
        let sent = [d(6), d(17), d(23)];
        assert_eq!(
            one_on_ones_with_summary(&one_on_ones, Some(d(1)), &sent),
            vec![false, true, true, true]
        );
        assert_eq!(
            one_on_ones_with_summary(&one_on_ones, None, &[d(1)]),
            vec![true, false, false, false]
        );
        assert_eq!(
            one_on_ones_with_summary(&[d(3), d(3), d(10)], None, &[d(2)]),
            vec![true, true, false]
        );
    }
}
