//! The Prep screen's summary pane: the summary for the next 1:1, its state,
//! the lines to read before it leaves, the talking points for a listener,
//! and the keys that write, copy and send it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::wrap::{wrapped, wrapped_shown, wrapped_shown_count};
use crate::domain::text::shown_line;
use crate::prep::{PrepSheet, SummaryStatus, short_date};
use crate::tui::ctx::Ctx;
use crate::tui::keymap::PrepAction;
use crate::tui::screens::prep::State;

/// Draws the summary pane; returns the furthest its preview scrolls and
/// still ends at the draft's last line.
pub(super) fn render_summary(
    state: &State,
    ctx: &Ctx<'_>,
    sheet: &PrepSheet,
    frame: &mut Frame<'_>,
    inner: Rect,
) -> u16 {
    let theme = &ctx.theme;
    let summary = &sheet.summary;
    let keys = |a: PrepAction| ctx.keymap.keys_for(a);
    let width = usize::from(inner.width);
    let sent_here = state.summary.as_ref().is_some_and(|s| s.sent_on.is_some());
    let reading = summary.reading.map(|r| r.describe()).unwrap_or_default();
    let (standing, note) = match (summary.status, &summary.body) {
        (SummaryStatus::Sent { on, .. }, Some(_)) if sent_here => (
            format!("sent {} · {reading}", short_date(on, sheet.today)),
            None,
        ),
        // A summary logged by hand this week, and a draft here as well.
        (SummaryStatus::Sent { on, .. }, Some(_)) => (
            format!("draft, {reading}"),
            Some(format!(
                "a summary entry was logged by hand {}",
                short_date(on, sheet.today)
            )),
        ),
        (SummaryStatus::Sent { on, .. }, None) => (
            format!("sent {} (logged by hand)", short_date(on, sheet.today)),
            None,
        ),
        _ => (summary.describe(sheet.today), None),
    };
    let mut lines = vec![
        Line::from(Span::styled(standing, theme.title())),
        Line::from(Span::styled(
            format!("covers {}", summary.window.days_text()),
            theme.dim(),
        )),
    ];
    if let Some(note) = note {
        lines.push(Line::from(Span::styled(note, theme.dim())));
    }
    // The check before it leaves: read these before y, w or m.
    let flags = summary
        .body
        .as_deref()
        .map(|b| summary.check_against.check(b))
        .unwrap_or_default();
    if !flags.is_empty() {
        let call = shown_line(&summary.check_against.call_name());
        lines.push(Line::from(Span::styled(
            format!("read before sending ({}):", flags.len()),
            theme.error(),
        )));
        for flag in flags.iter().take(3) {
            let (text, _) = wrapped(&format!("! {}", flag.describe(&call)), width.max(1), 0, 2);
            lines.extend(
                text.into_iter()
                    .map(|t| Line::from(Span::styled(t, theme.error()))),
            );
        }
    }
    if summary.for_a_listener && !summary.talking_points.is_empty() {
        lines.push(Line::from(Span::styled(
            "talking points (they would rather hear it):",
            theme.label(),
        )));
        for (i, point) in summary.talking_points.iter().enumerate() {
            let (text, _) = wrapped(&format!("{}. {point}", i + 1), width.max(1), 0, 2);
            lines.extend(text.into_iter().map(Line::from));
        }
    }
    lines.push(Line::from(""));
    let hints = [
        (PrepAction::GenerateSummary, "generate"),
        (PrepAction::EditSummary, "edit"),
        (PrepAction::EditSummaryExternally, "editor"),
        (PrepAction::CopySummary, "copy"),
        (PrepAction::WriteSummary, "file"),
        (PrepAction::MarkSummarySent, "sent"),
    ];
    // Whole hints only, on as many rows as they need.
    let mut hint_lines: Vec<Vec<Span<'_>>> = vec![Vec::new()];
    let mut used = 0;
    for (action, label) in hints {
        let key = keys(action);
        let part = format!(" {label}  ");
        let needed = key.width() + part.width();
        if key.is_empty() || needed > width + 2 {
            continue;
        }
        if used + needed > width + 2 {
            hint_lines.push(Vec::new());
            used = 0;
        }
        used += needed;
        if let Some(row) = hint_lines.last_mut() {
            row.push(Span::styled(key, theme.key()));
            row.push(Span::styled(part, theme.dim()));
        }
    }
    let hint_rows = if usize::from(inner.height) >= lines.len() + hint_lines.len() + 3 {
        hint_lines.len()
    } else {
        0
    };
    let room = usize::from(inner.height).saturating_sub(lines.len() + hint_rows);
    let mut end = 0;
    match &summary.body {
        Some(body) => {
            // Scrolled no further than the last screenful: the end of the
            // draft stays at the foot of the pane, never a blank pane.
            let all = wrapped_shown_count(body, width.max(1));
            end = all.saturating_sub(room);
            let scroll = usize::from(state.summary_scroll).min(end);
            let (preview, more) = wrapped_shown(body, width.max(1), scroll, room);
            for text in preview {
                lines.push(Line::from(text));
            }
            if more && let Some(last) = lines.last_mut() {
                *last = Line::from(Span::styled("… (j to read on)", theme.dim()));
            }
        }
        None => {
            let generate = keys(PrepAction::GenerateSummary);
            let text = match summary.status {
                SummaryStatus::Sent { .. } => format!(
                    "Logged by hand, so there is no text here. {generate} drafts one from your shared work {} to copy or send.",
                    summary.window.since_text()
                ),
                _ => format!(
                    "None yet. {generate} drafts one from your shared work {}: done, risks, topics for {} to pick, new advice asks and report-backs.",
                    summary.window.since_text(),
                    shown_line(summary.check_against.call_name().as_str()),
                ),
            };
            let (intro, _) = wrapped(&text, width.max(1), 0, room);
            lines.extend(
                intro
                    .into_iter()
                    .map(|t| Line::from(Span::styled(t, theme.dim()))),
            );
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if hint_rows > 0 {
        let rows = u16::try_from(hint_rows).unwrap_or(1);
        let hint_area = Rect {
            y: inner.bottom().saturating_sub(rows),
            height: rows,
            ..inner
        };
        let text: Vec<Line<'_>> = hint_lines.into_iter().map(Line::from).collect();
        frame.render_widget(Paragraph::new(text), hint_area);
    }
    u16::try_from(end).unwrap_or(u16::MAX)
}
