//! The People screen: who the journal is about, the current manager first,
//! and beside the list the selected person's profile, the expectations
//! between you and your own profile (`people_about`). Narrow terminals show
//! one side at a time.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::wrap::hanging;
use crate::domain::text::shown_line;
use crate::tui::ctx::Ctx;
use crate::tui::screens::people::State;

/// From this width the list and the profile side are drawn side by side.
const WIDE_WIDTH: u16 = 90;

pub fn render(state: &State, ctx: &Ctx<'_>, frame: &mut Frame<'_>, area: Rect) {
    if ctx.people.is_empty() {
        return render_list(state, ctx, frame, area);
    }
    if area.width < WIDE_WIDTH {
        return if state.focused {
            super::people_about::render(state, ctx, frame, area)
        } else {
            render_list(state, ctx, frame, area)
        };
    }
    let [list, about] =
        Layout::horizontal([Constraint::Percentage(32), Constraint::Percentage(68)]).areas(area);
    render_list(state, ctx, frame, list);
    super::people_about::render(state, ctx, frame, about);
}

fn render_list(state: &State, ctx: &Ctx<'_>, frame: &mut Frame<'_>, area: Rect) {
    let theme = &ctx.theme;
    let block = theme.pane("People", !state.focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if ctx.people.is_empty() {
        frame.render_widget(
            Paragraph::new("No one yet. Press a to add your manager.").style(theme.dim()),
            inner,
        );
        return;
    }
    let mut lines = Vec::new();
    let mut selected_line = 0;
    for (i, person) in ctx.people.iter().enumerate() {
        if i == state.selected {
            selected_line = lines.len();
        }
        let marker = if person.is_current { "● " } else { "  " };
        let role = if person.role.is_empty() {
            String::new()
        } else {
            format!(" — {}", shown_line(&person.role))
        };
        let head = format!("{}{role}", shown_line(&person.name));
        let style = if i == state.selected {
            theme.selected()
        } else {
            theme.title()
        };
        for line in hanging(marker, &head, usize::from(inner.width), 64) {
            lines.push(Line::from(Span::styled(line, style)));
        }
        let cadence = person.cadence_days.map_or_else(
            || "no 1:1 cadence set".to_string(),
            |d| format!("1:1 every {}", crate::present::days(d)),
        );
        // The ● before the name marks the current one; the relation decides
        // which of the coach's steps apply.
        lines.push(Line::from(Span::styled(
            format!("    {} · {cadence}", person.relation.words()),
            theme.dim(),
        )));
        if !person.strengths.is_empty() {
            let text = shown_line(&person.strengths.join("; "));
            for line in hanging("    strengths: ", &text, usize::from(inner.width), 64) {
                lines.push(Line::from(line));
            }
        }
        lines.push(Line::from(""));
    }
    // Keep the selected person in view on short terminals.
    let height = usize::from(inner.height);
    let scroll = (selected_line + 3).saturating_sub(height) as u16;
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0)),
        inner,
    );
}
