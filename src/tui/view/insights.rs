//! The Insights screen: how often (weekly bars by category), how well
//! (quality and check-in lines), a year calendar, cadence gauges, and the
//! streak, balance and summary-effect figures. Fewer panels as room shrinks.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Chart, Dataset, GraphType, LineGauge, Paragraph, Wrap};

use super::heatmap;
use super::theme::Theme;
use crate::domain::Category;
use crate::domain::text::shown_line;
use crate::insights::{Average, Insights};
use crate::tui::ctx::Ctx;
use crate::tui::keymap::{InsightsAction, JournalAction};
use crate::tui::screens::insights::State;

pub fn render(state: &State, ctx: &Ctx<'_>, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let person = state
        .person_id
        .and_then(|id| ctx.people.iter().find(|p| p.id == id))
        .or(ctx.manager());
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let Some(person) = person else {
        frame.render_widget(
            Paragraph::new(
                "Add your manager first (People, 5); then the figures fill in as you journal.",
            )
            .style(theme.dim())
            .wrap(Wrap { trim: true }),
            body,
        );
        return;
    };
    let keys = |a: InsightsAction| ctx.keymap.keys_for(a);
    let range_text = match state.data.as_deref() {
        Some(d) if area.width >= 90 => format!(
            "{} ({} to {})",
            d.range.describe(),
            d.from.format("%-d %b %Y"),
            d.to.format("%-d %b %Y")
        ),
        _ => state.range.describe().to_string(),
    };
    let head_line = Line::from(vec![
        Span::styled(format!(" {} ", shown_line(&person.name)), theme.title()),
        Span::raw(format!("· {range_text}  ")),
        Span::styled(keys(InsightsAction::PrevRange), theme.key()),
        Span::raw(" "),
        Span::styled(keys(InsightsAction::NextRange), theme.key()),
        Span::styled(" range  ", theme.dim()),
        Span::styled(keys(InsightsAction::NextPerson), theme.key()),
        Span::styled(" person", theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(head_line), head);
    let Some(data) = state.data.as_deref() else {
        let text = super::waiting_text(&state.fetch, "the figures", "computing…");
        frame.render_widget(
            Paragraph::new(text)
                .style(theme.dim())
                .wrap(Wrap { trim: true }),
            body,
        );
        return;
    };
    if data.is_empty() {
        let add = ctx.keymap.keys_for(JournalAction::Add);
        let text = format!(
            "Nothing logged with {} in the {}.\n\nLog interactions in the Journal (1, then {add}) and this screen fills in: \
             interactions per week by kind, how well 1:1s and informal time go, a year calendar, \
             how long since each kind of contact, and your streaks. Try a longer range with {}.",
            shown_line(&person.name),
            data.range.describe(),
            keys(InsightsAction::NextRange),
        );
        frame.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .block(theme.block("Insights")),
            body,
        );
        return;
    }
    if body.width >= 100 && body.height >= 30 {
        let [charts, calendar, bottom] = Layout::vertical([
            Constraint::Length(12),
            Constraint::Length(heatmap::HEIGHT + 2),
            Constraint::Min(6),
        ])
        .areas(body);
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(charts);
        render_frequency(data, theme, frame, left);
        render_quality(data, theme, frame, right);
        let block = theme.block("A year, day by day");
        let inner = block.inner(calendar);
        frame.render_widget(block, calendar);
        heatmap::render(&data.calendar, theme, frame, inner);
        let [gauges, figures] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(bottom);
        render_cadence(data, theme, frame, gauges);
        render_figures(data, theme, frame, figures);
    } else if body.width >= 70 && body.height >= 20 {
        let with_calendar = body.height >= 32;
        let [charts, calendar, figures] = Layout::vertical([
            Constraint::Length(9),
            Constraint::Length(if with_calendar {
                heatmap::HEIGHT + 2
            } else {
                0
            }),
            Constraint::Min(4),
        ])
        .areas(body);
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(charts);
        render_frequency(data, theme, frame, left);
        render_quality(data, theme, frame, right);
        if with_calendar {
            let block = theme.block("A year, day by day");
            let inner = block.inner(calendar);
            frame.render_widget(block, calendar);
            heatmap::render(&data.calendar, theme, frame, inner);
        }
        render_summary_text(data, theme, frame, figures);
    } else {
        render_summary_text(data, theme, frame, body);
    }
}

fn render_frequency(data: &Insights, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let max = data.frequency.iter().map(|w| w.total).max().unwrap_or(0);
    let title = format!("How often: per week (max {max})");
    let block = theme.block(&title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 4 || inner.width < 8 {
        return;
    }
    let chart = Rect {
        height: inner.height - 2,
        ..inner
    };
    let weeks = &data.frequency;
    let slot = (usize::from(chart.width) / weeks.len().max(1)).clamp(1, 6);
    let shown = weeks.len().min(usize::from(chart.width) / slot);
    let visible = &weeks[weeks.len() - shown..];
    let height = u32::from(chart.height);
    let max = max.max(1);
    let buf = frame.buffer_mut();
    for (i, week) in visible.iter().enumerate() {
        let x = chart.x + (i * slot) as u16;
        let bar_width = if slot >= 2 { slot - 1 } else { 1 };
        let mut below = 0u32;
        let mut filled = 0u32;
        for category in Category::MEETINGS {
            below += week.count(category);
            // Rounded cumulative heights keep the stack's top exact.
            let top = (below * height + max / 2) / max;
            for row in filled..top {
                let y = chart.bottom() - 1 - row as u16;
                for dx in 0..bar_width {
                    buf.set_string(
                        x + dx as u16,
                        y,
                        theme.category_glyph(category),
                        theme.category(category),
                    );
                }
            }
            filled = filled.max(top);
        }
    }
    if let (Some(first), Some(last)) = (visible.first(), visible.last()) {
        let left = first.week_start.format("%-d %b").to_string();
        let right = last.week_start.format("%-d %b").to_string();
        let y = inner.bottom() - 2;
        buf.set_string(inner.x, y, &left, theme.dim());
        let rx = inner.right().saturating_sub(right.len() as u16);
        if rx > inner.x + left.len() as u16 {
            buf.set_string(rx, y, &right, theme.dim());
        }
    }
    let mut legend = Vec::new();
    for category in Category::MEETINGS {
        let name = match category {
            Category::Formal => "1:1",
            other => other.as_str(),
        };
        legend.push(Span::styled(
            theme.category_glyph(category),
            theme.category(category),
        ));
        legend.push(Span::raw(format!("{name} ")));
    }
    frame.render_widget(
        Paragraph::new(Line::from(legend)),
        Rect {
            y: inner.bottom() - 1,
            height: 1,
            ..inner
        },
    );
}

fn render_quality(data: &Insights, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let points = |pick: fn(&crate::insights::WeekQuality) -> Average| -> Vec<(f64, f64)> {
        data.quality
            .iter()
            .enumerate()
            .filter_map(|(i, q)| pick(q).average.map(|a| (i as f64, a)))
            .collect()
    };
    let one_on_one = points(|q| q.one_on_one);
    let informal = points(|q| q.informal);
    let at = |day: chrono::NaiveDate| day.signed_duration_since(data.from).num_days() as f64 / 7.0;
    let trust: Vec<(f64, f64)> = data
        .checkins
        .iter()
        .map(|c| (at(c.day), f64::from(c.trust)))
        .collect();
    let clarity: Vec<(f64, f64)> = data
        .checkins
        .iter()
        .map(|c| (at(c.day), f64::from(c.clarity)))
        .collect();
    let ease: Vec<(f64, f64)> = data
        .checkins
        .iter()
        .map(|c| (at(c.day), f64::from(c.ease)))
        .collect();
    let style = |category: Option<Category>, fallback: ratatui::style::Color| match category {
        Some(c) => theme.category(c),
        None if theme.is_color() => Style::new().fg(fallback),
        None => Style::new(),
    };
    let datasets = vec![
        Dataset::default()
            .name("1:1")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(style(Some(Category::Formal), ratatui::style::Color::Yellow))
            .data(&one_on_one),
        Dataset::default()
            .name("informal")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(style(
                Some(Category::Informal),
                ratatui::style::Color::Green,
            ))
            .data(&informal),
        Dataset::default()
            .name("trust")
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(style(None, ratatui::style::Color::LightCyan))
            .data(&trust),
        Dataset::default()
            .name("clarity")
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(style(None, ratatui::style::Color::LightMagenta))
            .data(&clarity),
        Dataset::default()
            .name("ease")
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(style(None, ratatui::style::Color::LightBlue))
            .data(&ease),
    ];
    let last = data.quality.len().saturating_sub(1).max(1) as f64;
    // The legend rides in the title, where it never covers a line.
    let mut title = vec![Span::raw(" How well (1-5): ")];
    for (name, style) in [
        (
            "─1:1 ",
            style(Some(Category::Formal), ratatui::style::Color::Yellow),
        ),
        (
            "─informal ",
            style(Some(Category::Informal), ratatui::style::Color::Green),
        ),
        ("•trust ", style(None, ratatui::style::Color::LightCyan)),
        (
            "•clarity ",
            style(None, ratatui::style::Color::LightMagenta),
        ),
        ("•ease ", style(None, ratatui::style::Color::LightBlue)),
    ] {
        title.push(Span::styled(name, style));
    }
    let chart = Chart::new(datasets)
        .block(theme.block("").title(Line::from(title)))
        .x_axis(
            Axis::default()
                .style(theme.dim())
                .bounds([0.0, last])
                .labels([
                    Span::raw(data.from.format("%-d %b").to_string()),
                    Span::raw(data.to.format("%-d %b").to_string()),
                ]),
        )
        .y_axis(
            Axis::default()
                .style(theme.dim())
                .bounds([1.0, 5.0])
                .labels([Span::raw("1"), Span::raw("3"), Span::raw("5")]),
        )
        .legend_position(None);
    frame.render_widget(chart, area);
}

fn render_cadence(data: &Insights, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let block = theme.block("Since the last one, against the target");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    for (i, c) in data.cadence.iter().enumerate() {
        let y = inner.y + (i as u16) * 2;
        if y >= inner.bottom() {
            break;
        }
        let row = Rect {
            y,
            height: 1,
            ..inner
        };
        let (ratio, label) = match (c.days_since, c.target_days) {
            (Some(days), Some(target)) => (
                (days as f64 / f64::from(target.max(1))).min(1.0),
                format!("{:<9}{days}/{target} days ", c.name),
            ),
            (None, Some(target)) => (1.0, format!("{:<9}never (every {target}) ", c.name)),
            (Some(days), None) => (0.0, format!("{:<9}{days} days, no target ", c.name)),
            (None, None) => (0.0, format!("{:<9}— ", c.name)),
        };
        let style = if c.is_overdue() {
            theme.error()
        } else {
            theme.info()
        };
        frame.render_widget(
            LineGauge::default()
                .ratio(ratio)
                .label(Span::raw(label))
                .filled_style(style)
                .unfilled_style(theme.dim()),
            row,
        );
    }
}

fn figure_lines<'a>(data: &Insights, theme: &Theme) -> Vec<Line<'a>> {
    let s = data.streaks;
    let b = data.balance;
    let e = data.summary_effect;
    let avg = |a: Average| a.average.map_or("—".to_string(), |v| format!("{v:.1}"));
    let mut lines = vec![
        Line::from(Span::styled(
            "Streaks, weeks in a row (now / best)",
            theme.title(),
        )),
        Line::from(format!(
            "  summary before the 1:1  {} / {}",
            s.summary_before_one_on_one.current, s.summary_before_one_on_one.longest
        )),
        Line::from(format!(
            "  informal time           {} / {}",
            s.informal.current, s.informal.longest
        )),
        Line::from(format!(
            "  check-ins               {} / {}",
            s.check_in.current, s.check_in.longest
        )),
        Line::from(""),
    ];
    let share = b
        .share_by_me
        .map_or("—".to_string(), |v| format!("{:.0}%", v * 100.0));
    lines.push(Line::from(vec![
        Span::styled("Balance ", theme.title()),
        Span::raw(format!(
            "{share} started by me ({} me / {} them)",
            b.by_me, b.by_them
        )),
    ]));
    lines.push(Line::from(format!(
        "  informal time {} vs asks {}",
        b.informal, b.asks
    )));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "With a summary before the 1:1",
        theme.title(),
    )));
    if e.enough_data {
        lines.push(Line::from(format!(
            "  1:1 quality {} with (n={}) vs {} without (n={})",
            avg(e.with_summary),
            e.with_summary.count,
            avg(e.without_summary),
            e.without_summary.count
        )));
    } else {
        lines.push(Line::from(Span::styled(
            format!(
                "  not enough data yet ({} and {} rated 1:1s; needs {} each)",
                e.with_summary.count, e.without_summary.count, e.minimum
            ),
            theme.dim(),
        )));
    }
    lines.extend(promise_lines(data, theme));
    lines
}

/// Promises kept on time, late and missed: the totals, mine and theirs,
/// and mine in the last months that had any.
fn promise_lines<'a>(data: &Insights, theme: &Theme) -> Vec<Line<'a>> {
    let p = &data.promises;
    if p.is_empty() {
        return Vec::new();
    }
    let short = |c: &crate::insights::PromiseCounts| {
        format!("{}/{}/{}", c.kept_on_time, c.kept_late, c.missed)
    };
    let months: Vec<String> = p
        .months
        .iter()
        .filter(|m| m.mine.total() > 0)
        .rev()
        .take(3)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .map(|m| format!("{} {}", m.month.format("%b"), short(&m.mine)))
        .collect();
    let mut lines = vec![Line::from(vec![
        Span::styled("Promises", theme.title()),
        Span::raw(format!(
            " on time/late/missed: mine {} ({} open), theirs {}",
            short(&p.mine),
            p.mine_open,
            short(&p.theirs)
        )),
    ])];
    if !months.is_empty() {
        lines.push(Line::from(format!(
            "  mine by month: {}",
            months.join(" · ")
        )));
    }
    lines
}

fn render_figures(data: &Insights, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    frame.render_widget(
        Paragraph::new(figure_lines(data, theme))
            .wrap(Wrap { trim: false })
            .block(theme.block("Streaks and balance")),
        area,
    );
}

/// Every figure as text, for terminals too small for charts.
fn render_summary_text(data: &Insights, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let mut lines = Vec::new();
    let totals: Vec<u32> = data.frequency.iter().map(|w| w.total).collect();
    lines.push(Line::from(vec![
        Span::styled("Per week ", theme.title()),
        Span::raw(crate::present::sparkline(&totals)),
        Span::raw(format!(
            " ({} in {} weeks)",
            totals.iter().sum::<u32>(),
            totals.len()
        )),
    ]));
    let mut cadence = vec![Span::styled("Since last ", theme.title())];
    for c in &data.cadence {
        let days = c
            .days_since
            .map_or("never".to_string(), |d| format!("{d}d"));
        let style = if c.is_overdue() {
            theme.error()
        } else {
            Style::new()
        };
        cadence.push(Span::styled(format!("{} {days}  ", c.name), style));
    }
    lines.push(Line::from(cadence));
    lines.push(Line::from(""));
    lines.extend(figure_lines(data, theme));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(theme.block("Insights")),
        area,
    );
}
