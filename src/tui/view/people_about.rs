//! The People screen's profile side: what you know of them (goals,
//! pressures, strengths, blind spots, work style, needs), the expectations
//! between you, and your own profile — one row per item, the cursor on the
//! one the keys act on.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::domain::text::shown_line;
use crate::present::truncated;
use crate::tui::ctx::Ctx;
use crate::tui::keymap::PeopleAction;
use crate::tui::screens::people::about::{Group, RowKind};
use crate::tui::screens::people::{State, rows, selected_person};

const LABEL: usize = 18;

pub fn render(state: &State, ctx: &Ctx<'_>, frame: &mut Frame<'_>, area: Rect) {
    let theme = &ctx.theme;
    let person = selected_person(state, ctx);
    let title = person.map_or_else(
        || "Profile".to_string(),
        |p| format!("{}: profile and expectations", shown_line(&p.name)),
    );
    let focused = state.focused;
    let block = theme.pane(&title, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let rows = rows(state, ctx);
    if rows.is_empty() {
        let text = super::waiting_text(&state.fetch, "the profile", "loading…");
        frame.render_widget(
            Paragraph::new(format!(" {text}"))
                .style(theme.dim())
                .wrap(Wrap { trim: false }),
            inner,
        );
        return;
    }
    let width = usize::from(inner.width);
    let mut lines: Vec<Line<'_>> = Vec::new();
    let mut selected_line = 0;
    let mut group = None;
    let mut section = None;
    let name = person.map_or_else(String::new, |p| shown_line(&p.name));
    for (i, row) in rows.iter().enumerate() {
        if group != Some(row.section.group()) {
            group = Some(row.section.group());
            let heading = match row.section.group() {
                Group::Them => format!("About {name}"),
                Group::Expectations => "Expectations between you".to_string(),
                Group::Me => "About you".to_string(),
            };
            if !lines.is_empty() {
                lines.push(Line::from(""));
            }
            lines.push(Line::from(Span::styled(heading, theme.title())));
        }
        let label = if section == Some(row.section) {
            String::new()
        } else {
            section = Some(row.section);
            row.section.title().to_string()
        };
        let selected = i == state.row && focused;
        if i == state.row {
            selected_line = lines.len();
        }
        let cursor = if selected { "› " } else { "  " };
        let head = format!("{cursor}{label:<LABEL$} ");
        let note = if row.note.is_empty() {
            String::new()
        } else {
            format!(" {}", row.note)
        };
        let room = width.saturating_sub(head.width() + note.width());
        let (text, text_style) = if row.kind == RowKind::Empty {
            ("—".to_string(), theme.dim())
        } else {
            (truncated(&shown_line(&row.text), room), Default::default())
        };
        let gap = width.saturating_sub(head.width() + text.width() + note.width());
        let note_style = if row.flagged {
            theme.error()
        } else {
            theme.dim()
        };
        let line = Line::from(vec![
            Span::styled(head, theme.label()),
            Span::styled(text, text_style),
            Span::raw(" ".repeat(gap)),
            Span::styled(note, note_style),
        ]);
        lines.push(if selected {
            line.style(theme.selected())
        } else {
            line
        });
    }
    let keys = |a: PeopleAction| ctx.keymap.keys_for(a);
    let hint = if focused {
        format!(
            "{} add  {} edit  {} remove  {} undo  {} confirm/agree  {} unclear  {} back",
            keys(PeopleAction::Add),
            keys(PeopleAction::Edit),
            keys(PeopleAction::Remove),
            keys(PeopleAction::Undo),
            keys(PeopleAction::ConfirmItem),
            keys(PeopleAction::MarkUnclear),
            keys(PeopleAction::FocusPeople),
        )
    } else {
        format!(
            "{} to edit the profile and expectations",
            keys(PeopleAction::FocusProfile)
        )
    };
    let height = usize::from(inner.height);
    let body = height.saturating_sub(1).max(1);
    let offset = (selected_line + 2).saturating_sub(body);
    let mut shown: Vec<Line<'_>> = lines.into_iter().skip(offset).take(body).collect();
    if height > 1 {
        while shown.len() < body {
            shown.push(Line::from(""));
        }
        shown.push(Line::from(Span::styled(
            truncated(&hint, width),
            theme.key(),
        )));
    }
    frame.render_widget(Paragraph::new(shown), inner);
}
