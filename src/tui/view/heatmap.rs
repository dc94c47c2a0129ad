//! The year calendar: weeks as columns, weekdays as rows, the glyph's
//! density for how many interactions, its colour for how well they went.

use chrono::Datelike;
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
    // Month names above the first week that holds the 1st of a month.
    let mut next_free = 0usize;
    for week in 0..shown {
        let first_day = (skip + week) * 7;
        let Some(month_start) = days
            .iter()
            .skip(first_day)
            .take(7)
            .find(|d| d.day.day() == 1 || (week == 0 && d.day == days[first_day].day))
        else {
            continue;
        };
        let x = week * cell;
        if x < next_free || x + 3 > room {
            continue;
        }
        let name = month_start.day.format("%b").to_string();
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
