//! The three Insights charts, drawn cell by cell so they read without
//! colour: how often (stacked weekly bars on a y scale, weeks labelled
//! under their bars), how well (one labelled strip per series, so equal
//! scores never hide each other) and the cadence bars (time used up against
//! the target, with the state in words).

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::domain::Category;
use crate::insights::{
    CadenceStatus, Insights, QualityBin, frequency_bins, quality_bins, weeks_per_bin,
};
use crate::present::{cadence_status_text, width};

/// Rows of the bar's height: `count` out of `max` over `rows`, at least
/// one for anything at all. Bars and y labels use the same rounding, so a
/// bar of 2 ends on the row labelled 2.
fn rows_for(count: u32, max: u32, rows: u32) -> u32 {
    if count == 0 {
        return 0;
    }
    ((count * rows + max / 2) / max).max(1)
}

/// The y labels: the maximum on top, and below it multiples of a round
/// step at least two rows apart.
fn y_ticks(max: u32, rows: u32) -> Vec<u32> {
    let step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
        .into_iter()
        .find(|step| rows_for(*step, max, rows) >= 2)
        .unwrap_or(max);
    let top = rows_for(max, max, rows);
    let mut ticks: Vec<u32> = (1..)
        .map(|n| n * step)
        .take_while(|v| *v < max && rows_for(*v, max, rows) + 2 <= top)
        .collect();
    ticks.push(max);
    ticks
}

/// The categories' legend packed into as few rows as the width allows.
fn legend_rows<'a>(theme: &Theme, width: u16) -> Vec<Line<'a>> {
    let mut rows: Vec<Line<'a>> = Vec::new();
    let mut used = u16::MAX;
    for category in Category::MEETINGS {
        let name = match category {
            Category::Formal => "1:1",
            other => other.as_str(),
        };
        let item = 1 + name.len() as u16;
        if used.saturating_add(1 + item) > width {
            rows.push(Line::default());
            used = 0;
        } else {
            used += 1;
        }
        used += item;
        if let Some(row) = rows.last_mut() {
            if row.spans.is_empty() {
                row.spans.push(Span::raw(""));
            } else {
                row.spans.push(Span::raw(" "));
            }
            row.spans.push(Span::styled(
                theme.category_glyph(category),
                theme.category(category),
            ));
            row.spans.push(Span::raw(name));
        }
    }
    rows
}

pub fn frequency(data: &Insights, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let inner = theme.block("").inner(area);
    // A long range in a narrow pane: two or more weeks to a bar, all shown.
    let per = weeks_per_bin(
        data.frequency.len(),
        usize::from(inner.width.saturating_sub(4)),
    );
    let title = if per == 1 {
        "How often, per week".to_string()
    } else {
        format!("How often, per {per} weeks")
    };
    frame.render_widget(theme.block(&title), area);
    let weeks = &frequency_bins(&data.frequency, per);
    if inner.height < 4 || inner.width < 12 || weeks.is_empty() {
        return;
    }
    let legend = legend_rows(theme, inner.width);
    let below = 1 + legend.len() as u16;
    if inner.height < below + 2 {
        return;
    }
    let max = weeks.iter().map(|w| w.total).max().unwrap_or(0).max(1);
    let rows = u32::from(inner.height - below);
    let gutter = max.to_string().len() as u16 + 1;
    let plot = Rect {
        x: inner.x + gutter,
        width: inner.width - gutter,
        height: inner.height - below,
        ..inner
    };
    let slot = (usize::from(plot.width) / weeks.len()).clamp(1, 6);
    let shown = weeks.len().min(usize::from(plot.width) / slot);
    let visible = &weeks[weeks.len() - shown..];
    let bar_width = if slot >= 2 { slot - 1 } else { 1 };
    // The bars end at the right edge, under the last date. Narrower than
    // two columns a bar, they fill the width edge to edge (one or two
    // columns each, no gaps that would read as empty weeks).
    let used = (shown - 1) * slot + bar_width;
    let x0 = plot.right() - used as u16;
    let spread = slot == 1 && shown < usize::from(plot.width);
    let step = f64::from(plot.width) / shown as f64;
    let edge = |i: usize| plot.x + (i as f64 * step).floor() as u16;
    let bar_x = |i: usize| {
        if spread {
            edge(i)
        } else {
            x0 + (i * slot) as u16
        }
    };
    let bar_w = |i: usize| {
        if spread {
            usize::from(edge(i + 1) - edge(i))
        } else {
            bar_width
        }
    };
    let buf = frame.buffer_mut();
    for (i, week) in visible.iter().enumerate() {
        let mut below = 0;
        let mut filled = 0;
        for category in Category::MEETINGS {
            below += week.count(category);
            let top = rows_for(below, max, rows);
            for row in filled..top {
                let y = plot.bottom() - 1 - row as u16;
                for dx in 0..bar_w(i) {
                    buf.set_string(
                        bar_x(i) + dx as u16,
                        y,
                        theme.category_glyph(category),
                        theme.category(category),
                    );
                }
            }
            filled = filled.max(top);
        }
    }
    for row in 0..plot.height {
        buf.set_string(plot.x - 1, plot.y + row, "│", theme.dim());
    }
    for tick in y_ticks(max, rows) {
        let y = plot.bottom() - rows_for(tick, max, rows) as u16;
        let text = tick.to_string();
        buf.set_string(plot.x - 1 - text.len() as u16, y, &text, theme.dim());
        buf.set_string(plot.x - 1, y, "┤", theme.dim());
    }
    // Week labels under their bars, counted back from the last one, which
    // ends where the last bar ends.
    let y = plot.bottom();
    let pitch = if spread { step } else { slot as f64 };
    let stride = ((8.0 / pitch).ceil() as usize).max(1);
    let mut free_until = inner.right();
    for i in (0..shown).rev().step_by(stride) {
        let label = visible[i].week_start.format("%-d %b").to_string();
        let len = label.len() as u16;
        let x = if i + 1 == shown {
            inner.right().saturating_sub(len)
        } else {
            bar_x(i)
        };
        if x < inner.x || x + len > free_until {
            continue;
        }
        buf.set_string(x, y, &label, theme.dim());
        free_until = x.saturating_sub(1);
    }
    let legend_area = Rect {
        y: plot.bottom() + 1,
        height: legend.len() as u16,
        ..inner
    };
    frame.render_widget(Paragraph::new(legend), legend_area);
}

/// One row of the "how well" chart: its name and its value in a bin.
type Series = (&'static str, fn(&QualityBin) -> Option<f64>);

const SERIES: [Series; 5] = [
    ("1:1", |b| b.one_on_one),
    ("informal", |b| b.informal),
    ("trust", |b| b.trust),
    ("clarity", |b| b.clarity),
    ("ease", |b| b.ease),
];

/// A score of 1–5 as one of eight bar heights.
fn score_bar(score: f64) -> &'static str {
    const BARS: [&str; 8] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"];
    let level = ((score - 1.0) / 4.0 * 7.0).round().clamp(0.0, 7.0) as usize;
    BARS[level]
}

pub fn quality(data: &Insights, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    const LABEL: u16 = 9;
    const AVERAGE: u16 = 4;
    let inner = Rect {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    };
    let strip = inner.width.saturating_sub(LABEL + AVERAGE + 1);
    let weeks = data.quality.len();
    let per = weeks_per_bin(weeks, usize::from(strip));
    let span = if per == 1 {
        "by week".to_string()
    } else {
        format!("per {per} weeks")
    };
    let title = format!("How well {span} · ▁ 1 … █ 5");
    frame.render_widget(theme.block(&title), area);
    if inner.height < 6 || strip < 4 || weeks == 0 {
        return;
    }
    let bins = quality_bins(data, per);
    let whole = quality_bins(data, weeks);
    let cell = (usize::from(strip) / bins.len()).clamp(1, 3);
    let bar = if cell >= 2 { cell - 1 } else { 1 };
    let strip_x = inner.x + LABEL;
    let average_x = inner.right() - AVERAGE;
    // Spare rows go between the series: all of them, or between the
    // meetings and the check-ins.
    let spare = inner.height - 6;
    let mut y = inner.y;
    let buf = frame.buffer_mut();
    for (n, (name, value)) in SERIES.iter().enumerate() {
        buf.set_string(inner.x, y, name, Style::new());
        for (i, bin) in bins.iter().enumerate() {
            let x = strip_x + (i * cell) as u16;
            match value(bin) {
                Some(score) => {
                    let glyph = score_bar(score).repeat(bar);
                    buf.set_string(x, y, &glyph, theme.quality_shade(Some(score)));
                }
                None => {
                    buf.set_string(x, y, "·", theme.dim());
                }
            }
        }
        let average = whole
            .first()
            .and_then(value)
            .map_or("  —".to_string(), |v| format!("{v:>3.1}"));
        buf.set_string(average_x, y, &average, Style::new());
        y += 1;
        if (spare >= 4 && n < 4) || (spare >= 1 && n == 1) {
            y += 1;
        }
    }
    // Months under the first bin that starts in them; the averages' header.
    let axis = inner.bottom() - 1;
    let mut free_from = strip_x;
    let mut month = None;
    for (i, bin) in bins.iter().enumerate() {
        let this = (bin.week_start.year(), bin.week_start.month());
        if month.replace(this) == Some(this) {
            continue;
        }
        let x = strip_x + (i * cell) as u16;
        let name = bin.week_start.format("%b").to_string();
        if x < free_from || x + 3 > average_x {
            continue;
        }
        buf.set_string(x, axis, &name, theme.dim());
        free_from = x + 4;
    }
    buf.set_string(average_x, axis, "avg", theme.dim());
}

/// How long since the last one of each sort, as time used up against its
/// target: aligned bars, the days, and the state in words.
pub fn cadence(data: &Insights, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let block = theme.block("Since the last one, against the target");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows: Vec<(String, String)> = data
        .cadence
        .iter()
        .map(|c| {
            let days = match (c.days_since, c.target_days) {
                (Some(days), Some(target)) => format!("{days}/{target} days"),
                (Some(days), None) => crate::present::days(days),
                (None, Some(target)) => format!("–/{target} days"),
                (None, None) => "—".to_string(),
            };
            (days, cadence_status_text(c))
        })
        .collect();
    let name_w = data
        .cadence
        .iter()
        .map(|c| width(c.name))
        .max()
        .unwrap_or(0) as u16
        + 1;
    let days_w = rows.iter().map(|(d, _)| width(d)).max().unwrap_or(0) as u16;
    let words_w = rows.iter().map(|(_, w)| width(w)).max().unwrap_or(0) as u16;
    let bar_w = inner
        .width
        .saturating_sub(name_w + days_w + words_w + 2)
        .min(30);
    let gap = if inner.height as usize >= data.cadence.len() * 2 - 1 {
        2
    } else {
        1
    };
    let buf = frame.buffer_mut();
    for (i, (c, (days, words))) in data.cadence.iter().zip(&rows).enumerate() {
        let y = inner.y + (i as u16) * gap;
        if y >= inner.bottom() {
            break;
        }
        let status = c.status();
        let style = theme.cadence(status);
        buf.set_stringn(inner.x, y, c.name, usize::from(inner.width), Style::new());
        let mut x = inner.x + name_w;
        if bar_w >= 4 {
            let used = if status == CadenceStatus::NoTarget {
                0
            } else {
                (c.used() * f64::from(bar_w)).round() as u16
            };
            buf.set_string(x, y, "█".repeat(usize::from(used)), style);
            buf.set_string(
                x + used,
                y,
                "░".repeat(usize::from(bar_w - used)),
                theme.dim(),
            );
            x += bar_w + 1;
        }
        let right = inner.right();
        let days_x = x + days_w.saturating_sub(width(days) as u16);
        if days_x < right {
            buf.set_stringn(days_x, y, days, usize::from(right - days_x), Style::new());
        }
        let words_x = x + days_w + 1;
        if words_x < right {
            buf.set_stringn(words_x, y, words, usize::from(right - words_x), style);
        }
    }
}
