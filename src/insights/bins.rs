//! The "how well" series gathered into bins of whole weeks, so a long range
//! still reads as one value per column (weekly averages, or averages over two
//! or more weeks when the screen is narrow), and how far each cadence is
//! along its target.

use chrono::NaiveDate;

use super::{Average, Cadence, Insights, WeekFrequency};

/// The five "how well" series over a bin of consecutive weeks. `None` where
/// nothing was rated (or checked in) in the bin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct QualityBin {
    pub week_start: NaiveDate,
    pub one_on_one: Option<f64>,
    pub informal: Option<f64>,
    pub trust: Option<f64>,
    pub clarity: Option<f64>,
    pub ease: Option<f64>,
}

/// A weighted running mean: the sum of values and how many.
#[derive(Debug, Clone, Copy, Default)]
struct Mean {
    sum: f64,
    count: u32,
}

impl Mean {
    fn add_average(&mut self, a: Average) {
        if let Some(v) = a.average {
            self.sum += v * f64::from(a.count);
            self.count += a.count;
        }
    }

    fn add(&mut self, v: u8) {
        self.sum += f64::from(v);
        self.count += 1;
    }

    fn value(self) -> Option<f64> {
        (self.count > 0).then(|| self.sum / f64::from(self.count))
    }
}

/// How many weeks each column must hold so `weeks` fit in `columns`.
pub fn weeks_per_bin(weeks: usize, columns: usize) -> usize {
    weeks.div_ceil(columns.max(1)).max(1)
}

/// The quality and check-in series, `weeks_per_bin` weeks to a bin, the
/// last bin ending with the range's last week (an uneven remainder goes to
/// the first bin). Ratings are weighted by their count; check-ins count once each.
pub fn quality_bins(data: &Insights, weeks_per_bin: usize) -> Vec<QualityBin> {
    let per = weeks_per_bin.max(1);
    let weeks = data.quality.len();
    let bins = weeks.div_ceil(per);
    let first_size = weeks - (bins.saturating_sub(1)) * per;
    let mut out = Vec::with_capacity(bins);
    let mut start = 0;
    for b in 0..bins {
        let size = if b == 0 { first_size } else { per };
        let slice = &data.quality[start..start + size];
        let (mut one_on_one, mut informal) = (Mean::default(), Mean::default());
        for week in slice {
            one_on_one.add_average(week.one_on_one);
            informal.add_average(week.informal);
        }
        let from = slice[0].week_start;
        let until = data
            .quality
            .get(start + size)
            .map(|w| w.week_start)
            .unwrap_or(NaiveDate::MAX);
        let (mut trust, mut clarity, mut ease) =
            (Mean::default(), Mean::default(), Mean::default());
        for c in data
            .checkins
            .iter()
            .filter(|c| c.day >= from && c.day < until)
        {
            trust.add(c.trust);
            clarity.add(c.clarity);
            ease.add(c.ease);
        }
        out.push(QualityBin {
            week_start: from,
            one_on_one: one_on_one.value(),
            informal: informal.value(),
            trust: trust.value(),
            clarity: clarity.value(),
            ease: ease.value(),
        });
        start += size;
    }
    out
}

/// The weekly counts summed `weeks_per_bin` weeks to a bin, binned as
/// [`quality_bins`] (the short bin first); each bin carries its first week.
pub fn frequency_bins(weeks: &[WeekFrequency], weeks_per_bin: usize) -> Vec<WeekFrequency> {
    let per = weeks_per_bin.max(1);
    if weeks.is_empty() {
        return Vec::new();
    }
    let first = weeks.len() - (weeks.len().div_ceil(per) - 1) * per;
    std::iter::once(&weeks[..first])
        .chain(weeks[first..].chunks(per))
        .map(|chunk| {
            let mut sum = chunk[0].clone();
            for week in &chunk[1..] {
                sum.formal += week.formal;
                sum.informal += week.informal;
                sum.ask += week.ask;
                sum.update += week.update;
                sum.feedback += week.feedback;
                sum.note += week.note;
                sum.total += week.total;
            }
            sum
        })
        .collect()
}

/// Where a cadence stands: used up time against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CadenceStatus {
    /// Well inside the target.
    OnTrack,
    /// The last day or so, or the last fifth of the target: time to plan it.
    DueSoon,
    /// Past the target, or never happened while a target is set.
    Overdue,
    /// No target to measure against.
    NoTarget,
}

impl Cadence {
    /// How far along its target: days since over target days, up to 1.
    pub fn used(&self) -> f64 {
        match (self.days_since, self.target_days) {
            (Some(days), Some(target)) => (days as f64 / f64::from(target.max(1))).clamp(0.0, 1.0),
            (None, Some(_)) => 1.0,
            _ => 0.0,
        }
    }

    pub fn status(&self) -> CadenceStatus {
        match (self.days_since, self.target_days) {
            (_, None) => CadenceStatus::NoTarget,
            _ if self.is_overdue() => CadenceStatus::Overdue,
            (Some(days), Some(target)) => {
                let left = i64::from(target) - days;
                if left <= 1 || days * 5 >= i64::from(target) * 4 {
                    CadenceStatus::DueSoon
                } else {
                    CadenceStatus::OnTrack
                }
            }
            (None, Some(_)) => CadenceStatus::Overdue,
        }
    }
}
