//! How well 1:1s and informal time go, with evidence rather than noise: a
//! level needs three ratings, a trend three more before them, and "going
//! well" a rise that every recent rating shares.

use chrono::NaiveDate;

use crate::domain::{Category, DayFact};

/// Ratings a verdict needs in each window compared.
pub const MIN_RATINGS: u32 = 3;

/// Rated days of one category, newest first: (day, sum, count).
#[derive(Debug, Clone, PartialEq)]
pub struct Ratings(Vec<(NaiveDate, u32, u32)>);

/// The average of the last ratings, and the day the window starts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Level {
    pub now: f64,
    pub since: NaiveDate,
}

/// The last ratings against the ones before them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trend {
    pub now: f64,
    pub then: f64,
    /// The day the recent window starts: one occurrence from the next.
    pub since: NaiveDate,
    /// Every recent rated day is above the earlier average.
    pub sustained: bool,
}

impl Ratings {
    pub fn of(facts: &[DayFact], category: Category) -> Ratings {
        let mut days: Vec<(NaiveDate, u32, u32)> = facts
            .iter()
            .filter(|f| f.category == category && f.quality_count > 0)
            .map(|f| (f.day, f.quality_sum, f.quality_count))
            .collect();
        days.sort_by_key(|d| std::cmp::Reverse(d.0));
        Ratings(days)
    }

    /// The newest days holding at least `MIN_RATINGS` ratings, from `skip`
    /// days on: (sum, count, days taken).
    fn window(&self, skip: usize) -> Option<(u32, u32, usize)> {
        let (mut sum, mut count) = (0, 0);
        for (taken, (_, s, n)) in self.0.iter().skip(skip).enumerate() {
            sum += s;
            count += n;
            if count >= MIN_RATINGS {
                return Some((sum, count, taken + 1));
            }
        }
        None
    }

    pub fn trend(&self) -> Option<Trend> {
        let (sum, count, taken) = self.window(0)?;
        let (before_sum, before_count, _) = self.window(taken)?;
        let now = f64::from(sum) / f64::from(count);
        let then = f64::from(before_sum) / f64::from(before_count);
        let recent = &self.0[..taken];
        Some(Trend {
            now,
            then,
            since: recent.last().map_or(self.0[0].0, |r| r.0),
            sustained: recent
                .iter()
                .all(|(_, s, n)| f64::from(*s) / f64::from(*n) > then),
        })
    }
}

/// The average of the last three ratings, if there are three.
pub fn average_of_last(ratings: &Ratings) -> Option<Level> {
    let (sum, count, taken) = ratings.window(0)?;
    Some(Level {
        now: f64::from(sum) / f64::from(count),
        since: ratings.0[taken - 1].0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).expect("a day")
    }

    fn rated(pairs: &[(u32, u32)]) -> Ratings {
        let facts: Vec<DayFact> = pairs
            .iter()
            .map(|(d, q)| DayFact {
                day: day(*d),
                category: Category::Formal,
                count: 1,
                quality_sum: *q,
                quality_count: 1,
                by_me: 1,
            })
            .collect();
        Ratings::of(&facts, Category::Formal)
    }

    #[test]
    fn two_ratings_are_no_evidence_of_a_level() {
        assert_eq!(average_of_last(&rated(&[(1, 2), (8, 2)])), None);
        let level = average_of_last(&rated(&[(1, 2), (8, 2), (15, 3)]));
        assert!(level.is_some_and(|l| (l.now - 7.0 / 3.0).abs() < 1e-9));
    }

    #[test]
    fn alternating_ratings_make_no_trend_worth_naming_and_no_sustained_rise() {
        let t = rated(&[(1, 4), (4, 3), (8, 4), (11, 3), (15, 4), (18, 3)])
            .trend()
            .expect("six ratings");
        assert!((t.now - t.then).abs() < 0.5, "{t:?}");
        assert!(!t.sustained);
    }

    #[test]
    fn a_rise_every_recent_rating_shares_is_sustained() {
        let t = rated(&[(1, 3), (4, 3), (8, 3), (11, 4), (15, 5), (18, 4)])
            .trend()
            .expect("six ratings");
        assert!((t.now - 13.0 / 3.0).abs() < 1e-9 && (t.then - 3.0).abs() < 1e-9);
        assert!(t.sustained);
    }
}
