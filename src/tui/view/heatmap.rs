//! The year calendar: weeks as columns, weekdays as rows, the glyph's
//! density for how many interactions, its colour for how well they went.

use chrono::{Datelike, NaiveDate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme::Theme;
use crate::insights::CalendarDay;

const GUTTER: u16 = 4;
const SHADES: [&str; 5] = ["·", "░", "▒", "▓", "█"];

fn shade(count: u32) -> &'static str {
    SHADES[(count as usize).min(SHADES.len() - 1)]
}

/// Where each month's name goes: the column of the first shown week that
/// holds the 1st of a month, and the first shown week itself (the month the
/// grid starts in), with the day that names it.
fn month_labels(
    days: &[CalendarDay],
    skip: usize,
    shown: usize,
    cell: usize,
) -> Vec<(usize, NaiveDate)> {
    (0..shown)
        .filter_map(|week| {
            let first_day = (skip + week) * 7;
            days.iter()
                .skip(first_day)
                .take(7)
                .find(|d| d.day.day() == 1 || (week == 0 && d.day == days[first_day].day))
                .map(|d| (week * cell, d.day))
        })
        .collect()
}

/// Rows the heatmap needs: months, seven weekdays, the legend.
pub const HEIGHT: u16 = 9;

pub fn render(days: &[CalendarDay], theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    if area.height < HEIGHT || area.width <= GUTTER + 2 || days.is_empty() {
        return;
    }
    let weeks_total = days.len().div_ceil(7);
    let room = usize::from(area.width - GUTTER);
    let cell: usize = if room >= weeks_total * 2 { 2 } else { 1 };
    let shown = weeks_total.min(room / cell);
    let skip = weeks_total - shown;
    let buf = frame.buffer_mut();
    // Month names above the first week that holds the 1st of a month; the
    // month the grid starts in is named in its first column only when the
    // next month's name leaves it room (a whole month is never dropped for
    // the few days of the one before it).
    let months = month_labels(days, skip, shown, cell);
    let mut next_free = 0usize;
    for (i, &(x, day)) in months.iter().enumerate() {
        let crowded_start =
            i == 0 && day.day() != 1 && months.get(1).is_some_and(|&(next, _)| next < x + 4);
        if crowded_start || x < next_free || x + 3 > room {
            continue;
        }
        let name = day.format("%b").to_string();
        buf.set_string(area.x + GUTTER + x as u16, area.y, &name, theme.dim());
        next_free = x + 4;
    }
    for (row, label) in [(0u16, "Mon"), (2, "Wed"), (4, "Fri"), (6, "Sun")] {
        buf.set_string(area.x, area.y + 1 + row, label, theme.dim());
    }
    for (i, day) in days.iter().enumerate().skip(skip * 7) {
        let week = i / 7 - skip;
        let weekday = day.day.weekday().num_days_from_monday() as u16;
        let x = area.x + GUTTER + (week * cell) as u16;
        let style = if day.count == 0 {
            theme.dim()
        } else {
            theme.quality_shade(day.average_quality)
        };
        buf.set_string(x, area.y + 1 + weekday, shade(day.count), style);
    }
    let mut legend = vec![Span::styled("less ", theme.dim())];
    for (n, glyph) in SHADES.iter().enumerate() {
        legend.push(Span::raw(*glyph));
        if n + 1 < SHADES.len() {
            legend.push(Span::raw(" "));
        }
    }
    legend.push(Span::styled(" more", theme.dim()));
    if theme.is_color() {
        legend.push(Span::styled("   colour: quality ", theme.dim()));
        legend.push(Span::styled("low ", theme.quality_shade(Some(1.0))));
        legend.push(Span::styled("mid ", theme.quality_shade(Some(3.0))));
        legend.push(Span::styled("high", theme.quality_shade(Some(5.0))));
    }
    frame.render_widget(
        Paragraph::new(Line::from(legend)),
        Rect {
            x: area.x + GUTTER,
            y: area.y + HEIGHT - 1,
            width: area.width - GUTTER,
            height: 1,
        },
    );
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;

    fn year_from(first: NaiveDate) -> Vec<CalendarDay> {
        first
            .iter_days()
            .take(53 * 7)
            .map(|day| CalendarDay {
                day,
                count: 1,
                average_quality: None,
            })
            .collect()
    }

    fn month_row(days: &[CalendarDay], width: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, HEIGHT)).expect("terminal");
        terminal
            .draw(|frame| render(days, &Theme::new(false), frame, frame.area()))
            .expect("draw");
        let buffer = terminal.backend().buffer();
        (0..width).map(|x| buffer[(x, 0)].symbol()).collect()
    }

    #[test]
    fn a_year_starting_late_in_a_month_names_every_whole_month_after_it() {
        let days = year_from(NaiveDate::from_ymd_opt(2025, 11, 24).expect("day"));
        for width in [120, 80] {
            let row = month_row(&days, width);
            assert!(row.contains("Dec"), "December is named at {width}: {row}");
            assert!(row.contains("Jan"), "{row}");
            assert!(
                !row.trim_start().starts_with("Nov"),
                "the few days of November give way: {row}"
            );
        }
    }

    #[test]
    fn a_year_starting_early_in_a_month_names_that_month_first() {
        let days = year_from(NaiveDate::from_ymd_opt(2025, 12, 2).expect("day"));
        let row = month_row(&days, 120);
        assert!(row.trim_start().starts_with("Dec"), "{row}");
        assert!(row.contains("Jan"), "{row}");
    }
}
