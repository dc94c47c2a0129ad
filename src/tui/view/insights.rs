//! The Insights screen: how often (weekly bars by category), how well
//! (quality and check-in lines), a year calendar, cadence gauges, and the
//! streak, balance and summary-effect figures. Fewer panels as room shrinks.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::heatmap;
use super::insights_charts as charts;
use super::theme::Theme;
use crate::domain::text::shown_line;
use crate::insights::{Average, CadenceStatus, Insights, quality_bins};
use crate::tui::ctx::Ctx;
use crate::tui::keymap::{InsightsAction, JournalAction};
use crate::tui::screens::insights::State;

pub fn render(state: &State, ctx: &Ctx<'_>, frame: &mut Frame<'_>, area: Rect) {
    let theme = &ctx.theme;
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
        charts::frequency(data, theme, frame, left);
        charts::quality(data, theme, frame, right);
        let block = theme.block("A year, day by day");
        let inner = block.inner(calendar);
        frame.render_widget(block, calendar);
        heatmap::render(&data.calendar, theme, frame, inner);
        let [gauges, figures] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(bottom);
        charts::cadence(data, theme, frame, gauges);
        render_figures(data, theme, frame, figures);
    } else if body.width >= 70 && body.height >= 20 {
        let with_calendar = body.height >= 32;
        let [charts, calendar, figures] = Layout::vertical([
            Constraint::Length(10),
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
        charts::frequency(data, theme, frame, left);
        charts::quality(data, theme, frame, right);
        if with_calendar {
            let block = theme.block("A year, day by day");
            let inner = block.inner(calendar);
            frame.render_widget(block, calendar);
            heatmap::render(&data.calendar, theme, frame, inner);
        }
        render_summary_text(data, theme, frame, figures, true);
    } else {
        render_summary_text(data, theme, frame, body, false);
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
    lines.push(Line::from(vec![
        Span::styled("Balance ", theme.title()),
        Span::raw(crate::present::balance_text(&b)),
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

/// Every figure as text, for terminals too small for charts: the most
/// pressing first (what is due), one labelled line each where the width
/// allows. Without charts above it, it goes without a border, for room.
fn render_summary_text(
    data: &Insights,
    theme: &Theme,
    frame: &mut Frame<'_>,
    area: Rect,
    bordered: bool,
) {
    let label = |text: &'static str| Span::styled(format!("{text:<10}"), theme.title());
    let dot = || Span::styled(" · ", theme.dim());
    // Within one figure the spaces do not break: a narrow pane wraps between
    // figures, never between a name and its number.
    let keep = |text: String| text.replace(' ', "\u{a0}");
    let mut lines = Vec::new();
    let mut cadence = vec![label("Since")];
    for (i, c) in data.cadence.iter().enumerate() {
        if i > 0 {
            cadence.push(dot());
        }
        let days = match (c.days_since, c.target_days) {
            (Some(days), Some(target)) => format!(" {days}/{target}d"),
            (Some(days), None) => format!(" {days}d"),
            (None, _) => String::new(),
        };
        let status = c.status();
        let words = match status {
            CadenceStatus::OnTrack | CadenceStatus::NoTarget if c.days_since.is_some() => {
                String::new()
            }
            _ => format!(" {}", crate::present::cadence_status_text(c)),
        };
        cadence.push(Span::raw(keep(format!("{}{days}", c.name))));
        cadence.push(Span::styled(keep(words), theme.cadence(status)));
    }
    lines.push(Line::from(cadence));
    let whole = quality_bins(data, data.quality.len());
    let mut quality = vec![label("How well")];
    if let Some(all) = whole.first() {
        for (i, (name, value)) in [
            ("1:1", all.one_on_one),
            ("informal", all.informal),
            ("trust", all.trust),
            ("clarity", all.clarity),
            ("ease", all.ease),
        ]
        .into_iter()
        .enumerate()
        {
            if i > 0 {
                quality.push(dot());
            }
            quality.push(Span::raw(format!("{name}\u{a0}")));
            quality.push(Span::styled(
                value.map_or("—".to_string(), |v| format!("{v:.1}")),
                theme.quality_shade(value),
            ));
        }
        quality.push(Span::styled(" (avg)", theme.dim()));
    }
    lines.push(Line::from(quality));
    let totals: Vec<u32> = data.frequency.iter().map(|w| w.total).collect();
    // The sparkline takes what the width leaves beside its words (so the
    // line does not wrap); a long range sums two or more weeks to a bar.
    let width = usize::from(area.width.saturating_sub(if bordered { 2 } else { 0 }));
    let sum = totals.iter().sum::<u32>();
    let words = |per: usize, most: u32| {
        let unit = if per == 1 {
            "a week".to_string()
        } else {
            format!("per {per} weeks")
        };
        format!(
            " {sum} in {}, at most {most} {unit}",
            crate::present::count(totals.len(), "week", "weeks")
        )
        .replace(' ', "\u{a0}")
    };
    let bins = |per: usize| {
        let first = totals.len() - (totals.len().div_ceil(per).saturating_sub(1)) * per;
        let mut sums: Vec<u32> = vec![totals[..first].iter().sum()];
        sums.extend(totals[first..].chunks(per).map(|c| c.iter().sum::<u32>()));
        sums
    };
    // The words' width barely depends on the bins: size them for a guess,
    // then for the bins that guess gives.
    let mut per = 1;
    for _ in 0..2 {
        let most = bins(per).into_iter().max().unwrap_or(0);
        let room = width.saturating_sub(10 + crate::present::width(&words(per, most)) + 1);
        per = crate::insights::weeks_per_bin(totals.len(), room.max(4));
    }
    let sums = bins(per);
    lines.push(Line::from(vec![
        label("How often"),
        Span::raw(crate::present::sparkline(&sums).replace(' ', "\u{a0}")),
        Span::raw(words(per, sums.iter().copied().max().unwrap_or(0))),
    ]));
    let s = data.streaks;
    lines.push(Line::from(vec![
        label("Streaks"),
        Span::raw(
            keep(format!(
                "summary {}/{} · informal {}/{} · check-in {}/{}",
                s.summary_before_one_on_one.current,
                s.summary_before_one_on_one.longest,
                s.informal.current,
                s.informal.longest,
                s.check_in.current,
                s.check_in.longest
            ))
            .replace("\u{a0}·\u{a0}", " · "),
        ),
        Span::styled(" (weeks now/best)", theme.dim()),
    ]));
    let b = data.balance;
    let share = b
        .share_by_me
        .map_or("—".to_string(), |v| format!("{:.0}%", v * 100.0));
    lines.push(Line::from(vec![
        label("Balance"),
        Span::raw(format!(
            "{share} by me ({} of {}) · informal {} vs asks {}",
            b.by_me,
            b.by_me + b.by_them,
            b.informal,
            b.asks
        )),
    ]));
    let e = data.summary_effect;
    let avg = |a: Average| a.average.map_or("—".to_string(), |v| format!("{v:.1}"));
    lines.push(Line::from(vec![
        label("Summary"),
        if e.enough_data {
            Span::raw(format!(
                "1:1s {} after one (n={}), {} without (n={})",
                avg(e.with_summary),
                e.with_summary.count,
                avg(e.without_summary),
                e.without_summary.count
            ))
        } else {
            Span::styled(
                format!(
                    "too few rated 1:1s: {} with, {} without, needs {}",
                    e.with_summary.count, e.without_summary.count, e.minimum
                ),
                theme.dim(),
            )
        },
    ]));
    let p = &data.promises;
    if !p.is_empty() {
        let short = |c: &crate::insights::PromiseCounts| {
            format!("{}/{}/{}", c.kept_on_time, c.kept_late, c.missed)
        };
        lines.push(Line::from(vec![
            label("Promises"),
            Span::raw(format!(
                "mine {} ({} open) · theirs {}",
                short(&p.mine),
                p.mine_open,
                short(&p.theirs)
            )),
            Span::styled(" (on time/late/missed)", theme.dim()),
        ]));
    }
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    if bordered {
        frame.render_widget(paragraph.block(theme.block("Insights")), area);
    } else {
        frame.render_widget(paragraph, area);
    }
}
