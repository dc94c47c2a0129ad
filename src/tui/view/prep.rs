//! The Prep screen: when the next 1:1 is, the agenda with how long each
//! topic has waited, advice awaiting a report-back, what happened since the
//! last 1:1 (feedback apart), what to keep in mind about them, and this
//! week's summary. Wide terminals show every pane; narrow ones show the
//! pane in focus under a bar naming them.

use chrono::Datelike;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::prep_about::about_lines;
use super::prep_promises::{promises_lines, promises_title};
use super::prep_summary::render_summary;
use super::theme::Theme;
use crate::domain::text::shown_line;
use crate::domain::{Category, Interaction};
use crate::prep::{PrepSheet, SummaryStatus, short_date};
use crate::present::truncated;
use crate::present::{days, days_ago, padded, quality_cell, title_text};
use crate::tui::ctx::Ctx;
use crate::tui::keymap::PrepAction;
use crate::tui::screens::prep::{Pane, State};

/// From this size every pane is drawn at once.
const WIDE_WIDTH: u16 = 100;
const WIDE_HEIGHT: u16 = 20;

/// Draws the screen; returns the furthest the summary preview scrolls
/// and still shows text, when the summary pane is drawn.
pub fn render(state: &State, ctx: &Ctx<'_>, frame: &mut Frame<'_>, area: Rect) -> Option<u16> {
    let theme = &ctx.theme;
    if ctx.manager().is_none() {
        let text = "Add your manager first (People, 5): Prep gathers everything for your next 1:1 with them.";
        frame.render_widget(
            Paragraph::new(text)
                .style(theme.dim())
                .wrap(Wrap { trim: true }),
            area,
        );
        return None;
    }
    let Some(sheet) = state.sheet.as_deref() else {
        let text = super::waiting_text(&state.fetch, "the prep sheet", "loading…");
        frame.render_widget(
            Paragraph::new(format!(" {text}"))
                .style(theme.dim())
                .wrap(Wrap { trim: false }),
            area,
        );
        return None;
    };
    let [head, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(area);
    let wide = area.width >= WIDE_WIDTH && area.height >= WIDE_HEIGHT;
    frame.render_widget(Paragraph::new(head_line(sheet, theme, wide)), head);
    if wide {
        render_wide(state, ctx, sheet, frame, body)
    } else {
        render_narrow(state, ctx, sheet, frame, body)
    }
}

/// ` next 1:1 Tue 1 Dec, in 7 days · last 1:1 Tue 24 Nov ●●●●○ Weekly 1:1`
fn head_line<'a>(sheet: &PrepSheet, theme: &Theme, wide: bool) -> Line<'a> {
    let next_style = if sheet.next_one_on_one.is_overdue() {
        theme.error()
    } else {
        theme.title()
    };
    let mut spans = vec![
        Span::styled(" next 1:1 ", theme.label()),
        Span::styled(sheet.next_one_on_one_text.clone(), next_style),
    ];
    if wide && let Some(last) = &sheet.last_one_on_one {
        spans.push(Span::styled(" · last 1:1 ", theme.label()));
        spans.push(Span::raw(short_date(last.happened_on, sheet.today)));
        if let Some(q) = last.quality {
            spans.push(Span::styled(
                format!(" {}", q.dots()),
                theme.quality(Some(q.get())),
            ));
        }
        spans.push(Span::raw(format!(
            " {}",
            truncated(&shown_line(&last.title), 50)
        )));
    }
    Line::from(spans)
}

fn render_wide(
    state: &State,
    ctx: &Ctx<'_>,
    sheet: &PrepSheet,
    frame: &mut Frame<'_>,
    body: Rect,
) -> Option<u16> {
    let theme = &ctx.theme;
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body);
    let height = left.height;
    let agenda_rows = (sheet.agenda.len().max(1) as u16 + 2).clamp(3, height * 2 / 5);
    let advice_rows = (sheet.advice.len().max(1) as u16 * 2 + 2).clamp(3, height * 3 / 10);
    let kept = sheet.kept_since_last.len();
    let promise_rows = (sheet.promises.len().max(1) as u16 + u16::from(kept > 0) + kept as u16 + 2)
        .clamp(3, height * 3 / 10);
    let [agenda, promises, advice, since] = Layout::vertical([
        Constraint::Length(agenda_rows),
        Constraint::Length(promise_rows),
        Constraint::Length(advice_rows),
        Constraint::Min(3),
    ])
    .areas(left);
    render_pane(state, ctx, sheet, frame, agenda, Pane::Agenda);
    render_pane(state, ctx, sheet, frame, promises, Pane::Promises);
    render_pane(state, ctx, sheet, frame, advice, Pane::Advice);
    render_pane(state, ctx, sheet, frame, since, Pane::Since);
    // About them sits beside the agenda, above the summary.
    let about_rows = (about_lines(sheet, theme, usize::from(right.width)).len() as u16 + 2)
        .clamp(3, height * 3 / 5);
    let [about, summary] =
        Layout::vertical([Constraint::Length(about_rows), Constraint::Min(3)]).areas(right);
    render_pane(state, ctx, sheet, frame, about, Pane::About);
    render_pane(state, ctx, sheet, frame, summary, Pane::Summary)
}

fn render_narrow(
    state: &State,
    ctx: &Ctx<'_>,
    sheet: &PrepSheet,
    frame: &mut Frame<'_>,
    body: Rect,
) -> Option<u16> {
    let theme = &ctx.theme;
    let [bar, pane] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
    let keys = |a: PrepAction| ctx.keymap.keys_for(a);
    let switch = format!(
        " {}/{}",
        keys(PrepAction::PrevPane),
        keys(PrepAction::NextPane)
    );
    let label = |p: Pane, counted: bool| {
        let count = match p {
            Pane::Agenda => sheet.agenda.len().to_string(),
            Pane::Promises => sheet.promises.len().to_string(),
            Pane::About => String::new(),
            Pane::Advice => sheet.advice_total.to_string(),
            Pane::Since => sheet.since_last.len().to_string(),
            Pane::Summary => summary_word(sheet).to_string(),
        };
        if counted {
            format!("{} {count}", p.title()).trim_end().to_string()
        } else {
            p.title().to_string()
        }
    };
    // Every pane with its count when it fits; else the others by name only;
    // else the one in focus alone.
    let fits = |spans: &[Span<'_>]| {
        spans.iter().map(|s| s.content.width()).sum::<usize>() + switch.width()
            <= usize::from(bar.width)
    };
    let build = |others: Option<bool>| {
        let mut spans = vec![Span::raw(" ")];
        for p in Pane::ALL {
            if p == state.focus {
                spans.push(Span::styled(
                    format!("[{}]", label(p, true)),
                    theme.tab_active(),
                ));
            } else if let Some(counted) = others {
                spans.push(Span::styled(
                    format!(" {} ", label(p, counted)),
                    theme.dim(),
                ));
            }
        }
        spans
    };
    let mut spans = build(Some(true));
    if !fits(&spans) {
        spans = build(Some(false));
    }
    if !fits(&spans) {
        spans = build(None);
    }
    spans.push(Span::styled(switch, theme.key()));
    frame.render_widget(Paragraph::new(Line::from(spans)), bar);
    render_pane(state, ctx, sheet, frame, pane, state.focus)
}

/// One word for the summary's state, for the narrow bar.
fn summary_word(sheet: &PrepSheet) -> &'static str {
    match (sheet.summary.status, &sheet.summary.body) {
        (SummaryStatus::Sent { .. }, _) => "sent",
        (SummaryStatus::Draft { .. }, _) | (_, Some(_)) => "draft",
        (SummaryStatus::None, None) => "none",
    }
}

fn render_pane(
    state: &State,
    ctx: &Ctx<'_>,
    sheet: &PrepSheet,
    frame: &mut Frame<'_>,
    area: Rect,
    pane: Pane,
) -> Option<u16> {
    let theme = &ctx.theme;
    let focused = pane == state.focus;
    let title = match pane {
        Pane::Agenda => match sheet.agenda.len() {
            1 => "Agenda: 1 open topic".to_string(),
            n => format!("Agenda: {n} open topics"),
        },
        Pane::Advice if sheet.advice_total > sheet.advice.len() => format!(
            "Advice awaiting your report-back: {} (the oldest {} shown)",
            sheet.advice_total,
            sheet.advice.len()
        ),
        Pane::Advice => format!("Advice awaiting your report-back: {}", sheet.advice_total),
        Pane::Since => match &sheet.last_one_on_one {
            Some(last) => format!(
                "Since the last 1:1 ({})",
                short_date(last.happened_on, sheet.today)
            ),
            None => format!(
                "Since {} (no 1:1 yet)",
                short_date(sheet.since, sheet.today)
            ),
        },
        Pane::Summary => sheet.summary.heading(),
        Pane::Promises => promises_title(sheet),
        Pane::About => format!("About {}", shown_line(&sheet.person)),
    };
    let title = if focused {
        format!("▶ {title}")
    } else {
        title
    };
    let block = theme.pane(&title, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return None;
    }
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let lines = match pane {
        Pane::Agenda => agenda_lines(state, ctx, sheet, width, focused),
        Pane::Advice => advice_lines(state, sheet, theme, width, focused),
        Pane::Promises => promises_lines(state, ctx, sheet, width, focused),
        Pane::Since => since_lines(state, sheet, theme, width, focused),
        Pane::Summary => return Some(render_summary(state, ctx, sheet, frame, inner)),
        Pane::About => about_lines(sheet, theme, width)
            .into_iter()
            .map(|line| (line, false))
            .collect(),
    };
    // Keep the selected row in view: lists scroll by whole rows.
    let selected_line = lines.iter().position(|(_, selected)| *selected);
    let offset = selected_line.map_or(0, |at| (at + 1).saturating_sub(height));
    let text: Vec<Line<'_>> = lines
        .into_iter()
        .skip(offset)
        .take(height)
        .map(|(line, _)| line)
        .collect();
    frame.render_widget(Paragraph::new(text), inner);
    None
}

/// A row of a list: the line and whether it is the selected one's last.
type Row<'a> = (Line<'a>, bool);

/// `› ` on the selected row of the pane in focus, spaces elsewhere.
fn cursor(selected: bool, focused: bool) -> &'static str {
    if selected && focused { "› " } else { "  " }
}

fn selected_style(theme: &Theme, selected: bool, focused: bool) -> Style {
    if selected && focused {
        theme.selected()
    } else {
        Style::default()
    }
}

fn hint_row<'a>(text: String, theme: &Theme) -> Vec<Row<'a>> {
    vec![(Line::from(Span::styled(text, theme.dim())), false)]
}

fn agenda_lines<'a>(
    state: &State,
    ctx: &Ctx<'_>,
    sheet: &PrepSheet,
    width: usize,
    focused: bool,
) -> Vec<Row<'a>> {
    let theme = &ctx.theme;
    let keys = |a: PrepAction| ctx.keymap.keys_for(a);
    if sheet.agenda.is_empty() {
        return hint_row(
            format!(
                "No open topics. {} adds one for the next 1:1.",
                keys(PrepAction::AddTopic)
            ),
            theme,
        );
    }
    sheet
        .agenda
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let selected = i == state.topic_selected;
            let carried = match (item.carried_over, width >= 50) {
                (0, _) => "new".to_string(),
                (n, true) => format!("carried over {n}"),
                (n, false) => format!("{n}×"),
            };
            let head = format!("{}{}. ", cursor(selected, focused), i + 1);
            let room = width.saturating_sub(head.width() + carried.width() + 1);
            let text = truncated(&shown_line(&item.topic.text), room);
            let gap = width.saturating_sub(head.width() + text.width() + carried.width());
            let line = Line::from(vec![
                Span::raw(head),
                Span::raw(text),
                Span::raw(" ".repeat(gap)),
                Span::styled(carried, theme.dim()),
            ])
            .style(selected_style(theme, selected, focused));
            (line, selected)
        })
        .collect()
}

fn advice_lines<'a>(
    state: &State,
    sheet: &PrepSheet,
    theme: &Theme,
    width: usize,
    focused: bool,
) -> Vec<Row<'a>> {
    if sheet.advice.is_empty() {
        return hint_row(
            "None open: every ask has had its report-back.".to_string(),
            theme,
        );
    }
    let mut rows = Vec::new();
    for (i, ask) in sheet.advice.iter().enumerate() {
        let selected = i == state.advice_selected;
        let head = cursor(selected, focused);
        let question = truncated(
            &shown_line(&ask.advice.question),
            width.saturating_sub(head.width()),
        );
        rows.push((
            Line::from(vec![Span::raw(head), Span::raw(question)])
                .style(selected_style(theme, selected, focused)),
            false,
        ));
        // `(6 days)`, kept short: the line has the asked date already.
        let days = match ask.days_waiting(sheet.today) {
            n @ (0 | 1) => days_ago(n),
            n => days(n),
        };
        // The year only when it is not this one.
        let on = if ask.asked_on.year() == sheet.today.year() {
            ask.asked_on.format("%-d %b")
        } else {
            ask.asked_on.format("%-d %b %Y")
        };
        let asked = format!("asked {on} ({days})");
        // When the row is short, the strength gives way, not the date:
        // the days waiting are what the pane is about.
        let room = width.saturating_sub(2 + asked.width() + "draws on  · ".width());
        let detail = match ask.advice.strength.trim() {
            "" => asked,
            _ if room < 8 => asked,
            s => format!("draws on {} · {asked}", truncated(&shown_line(s), room)),
        };
        rows.push((
            Line::from(Span::styled(
                truncated(&format!("  {detail}"), width),
                theme.dim(),
            )),
            selected,
        ));
    }
    rows
}

fn entry_line<'a>(
    entry: &Interaction,
    sheet: &PrepSheet,
    theme: &Theme,
    width: usize,
    head: &str,
) -> Line<'a> {
    let quality = quality_cell(entry.quality);
    let title = format!(
        "{}{}",
        crate::present::private_mark(entry),
        title_text(entry)
    );
    let lead = format!(
        "{head}{:<11}{} ",
        short_date(entry.happened_on, sheet.today),
        padded(&entry.kind, 10)
    );
    let room = width.saturating_sub(lead.width() + quality.width() + 1);
    Line::from(vec![
        Span::raw(lead),
        Span::styled(quality, theme.quality(entry.quality.map(|q| q.get()))),
        Span::raw(" "),
        Span::raw(truncated(&title, room)),
    ])
}

fn since_lines<'a>(
    state: &State,
    sheet: &PrepSheet,
    theme: &Theme,
    width: usize,
    focused: bool,
) -> Vec<Row<'a>> {
    let mut rows = Vec::new();
    let mut index = 0;
    let mut entry = |rows: &mut Vec<Row<'a>>, e: &Interaction| {
        let selected = index == state.since_selected;
        index += 1;
        let line = entry_line(e, sheet, theme, width, cursor(selected, focused))
            .style(selected_style(theme, selected, focused));
        rows.push((line, selected));
    };
    // Feedback has its own heading below, so it is listed once, there.
    let others: Vec<&Interaction> = sheet
        .since_last
        .iter()
        .filter(|e| e.category != Category::Feedback)
        .collect();
    if others.is_empty() {
        let text = if sheet.feedback.is_empty() {
            "Nothing logged since."
        } else {
            "Nothing logged since but feedback."
        };
        rows.extend(hint_row(text.to_string(), theme));
    }
    for e in others {
        entry(&mut rows, e);
    }
    if sheet.more_since_last {
        rows.extend(hint_row(
            "  … and more in the Journal (1)".to_string(),
            theme,
        ));
    }
    rows.push((Line::from(""), false));
    let heading = match sheet.feedback.len() {
        0 => "Feedback received: none".to_string(),
        n => format!("Feedback received: {n}"),
    };
    rows.push((Line::from(Span::styled(heading, theme.title())), false));
    for e in &sheet.feedback {
        entry(&mut rows, e);
    }
    rows
}
