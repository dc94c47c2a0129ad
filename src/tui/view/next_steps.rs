//! The Next steps screen: the coach's suggestions, most urgent first, each
//! with its reason in numbers, the practice it serves and why; then the
//! quiet ones (snoozed, dismissed, switched off). Three steps show; the
//! rest fold away until the selection moves down into them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::theme::Theme;
use super::wrap;
use crate::coach::SHOWN;
use crate::domain::text::shown_line;
use crate::present::action_text;
use crate::present::count;
use crate::tui::ctx::Ctx;
use crate::tui::keymap::NextStepsAction;
use crate::tui::screens::next_steps::State;

pub fn render(coach: &State, ctx: &Ctx<'_>, frame: &mut Frame<'_>, area: Rect) {
    let theme = &ctx.theme;
    let block = theme.block("Next steps");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if ctx.manager().is_none() {
        frame.render_widget(
            Paragraph::new(
                "Add your manager first (People, 5): the coach looks at your journal with them.",
            )
            .style(theme.dim())
            .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    if coach.suggestions.is_empty() && coach.fetch.error().is_some() {
        let text = super::waiting_text(&coach.fetch, "the suggestions", "");
        frame.render_widget(
            Paragraph::new(text)
                .style(theme.dim())
                .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    if coach.suggestions.iter().all(|s| s.quiet.is_some()) && !coach.fetch.is_loading() {
        let mut lines = vec![
            Line::from(Span::styled(
                "Nothing to nudge about right now.",
                theme.title(),
            )),
            Line::from(""),
            Line::from(
                "Keep the rhythm: 1:1s with a summary before them, informal time, advice asks closed with a report-back, a weekly check-in.",
            ),
        ];
        if !coach.suggestions.is_empty() {
            lines.push(Line::from(""));
            lines.extend(quiet_lines(coach, theme, usize::from(inner.width)));
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
        return;
    }
    let key = |a: NextStepsAction| ctx.keymap.keys_for(a);
    let mut lines: Vec<Line<'_>> = vec![Line::from(vec![
        Span::styled(key(NextStepsAction::TakeStep), theme.key()),
        Span::styled(" do it  ", theme.dim()),
        Span::styled(key(NextStepsAction::SnoozeDay), theme.key()),
        Span::styled("/", theme.dim()),
        Span::styled(key(NextStepsAction::SnoozeWeek), theme.key()),
        Span::styled("/", theme.dim()),
        Span::styled(key(NextStepsAction::SnoozeNextOneOnOne), theme.key()),
        Span::styled(" snooze a day/week/past the 1:1  ", theme.dim()),
        Span::styled(key(NextStepsAction::Dismiss), theme.key()),
        Span::styled(" dismiss  ", theme.dim()),
        Span::styled(key(NextStepsAction::SwitchOff), theme.key()),
        Span::styled(" rule off/on", theme.dim()),
    ])];
    lines.push(Line::from(""));
    let width = usize::from(inner.width);
    let mut selected_line = 0;
    let active = coach
        .suggestions
        .iter()
        .filter(|s| s.quiet.is_none())
        .count();
    // The first three are the steps; the rest fold away until the
    // selection moves down into them.
    let unfolded = coach.selected >= SHOWN;
    for (i, s) in coach.suggestions.iter().enumerate() {
        if s.quiet.is_some() {
            continue;
        }
        if i == SHOWN && !unfolded {
            let more = active - SHOWN;
            let them = if more == 1 { "it" } else { "them" };
            lines.push(Line::from(Span::styled(
                format!(
                    "▸ {}, less urgent: move down to see {them}",
                    count(more, "more step", "more steps")
                ),
                theme.dim(),
            )));
            lines.push(Line::from(""));
            break;
        }
        if i == coach.selected {
            selected_line = lines.len();
        }
        let style = if i == coach.selected {
            theme.selected()
        } else {
            theme.title()
        };
        lines.extend(hanging(
            &format!("{}. ", i + 1),
            &shown_line(&s.message),
            width,
            style,
        ));
        lines.extend(hanging(
            "   ",
            &format!(
                "because {} · next: {}",
                shown_line(&s.reason),
                action_text(&s.action)
            ),
            width,
            Style::default(),
        ));
        lines.extend(hanging(
            "   ",
            &format!("why ({}): {}", s.practice.title(), s.why),
            width,
            theme.dim(),
        ));
        lines.push(Line::from(""));
    }
    let quiet = quiet_lines(coach, theme, usize::from(inner.width));
    if !quiet.is_empty() {
        if coach
            .suggestions
            .get(coach.selected)
            .is_some_and(|s| s.quiet.is_some())
        {
            selected_line = lines.len();
        }
        lines.extend(quiet);
    }
    // The selected step in view with room below it, but never scrolled
    // past the last line into a blank pane.
    // A line wider than the pane (the keys above) takes more than one row.
    let height = usize::from(inner.height);
    let rows = |lines: &[Line<'_>]| -> usize {
        lines
            .iter()
            .map(|line| line.width().div_ceil(width.max(1)).max(1))
            .sum()
    };
    let selected_row = rows(&lines[..selected_line.min(lines.len())]);
    let scroll = (selected_row + 4)
        .saturating_sub(height)
        .min(rows(&lines).saturating_sub(height)) as u16;
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        inner,
    );
}

/// `text` after `prefix`, its wrapped lines under the text, in `style`.
fn hanging<'a>(prefix: &str, text: &str, width: usize, style: Style) -> Vec<Line<'a>> {
    wrap::hanging(prefix, text, width, 200)
        .into_iter()
        .map(|line| Line::from(Span::styled(line, style)))
        .collect()
}

/// The suggestions that fire but are quiet, one line each.
fn quiet_lines<'a>(coach: &State, theme: &Theme, width: usize) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    for (i, s) in coach.suggestions.iter().enumerate() {
        let Some(quiet) = &s.quiet else { continue };
        if lines.is_empty() {
            lines.push(Line::from(Span::styled("Quiet for now", theme.title())));
        }
        let style = if i == coach.selected {
            theme.selected()
        } else {
            theme.dim()
        };
        lines.extend(hanging(
            "  ",
            &format!("{} ({quiet})", shown_line(&s.message)),
            width,
            style,
        ));
    }
    lines
}
