//! The Prep screen's promises pane: open promises, mine due by the next 1:1
//! first, then the overdue ones, then theirs I am waiting on, then mine due
//! later; and below them, mine kept since the last 1:1 — done as promised.

use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use crate::domain::MadeBy;
use crate::domain::text::shown_line;
use crate::prep::{PrepSheet, PromiseGroup, short_date};
use crate::present::truncated;
use crate::tui::ctx::Ctx;
use crate::tui::keymap::PrepAction;
use crate::tui::screens::prep::State;

/// A row of the pane: the line and whether it is the selected one.
type Row<'a> = (Line<'a>, bool);

/// `Promises: 3 open`.
pub fn promises_title(sheet: &PrepSheet) -> String {
    match sheet.promises.len() {
        0 => "Promises".to_string(),
        n => format!("Promises: {n} open"),
    }
}

pub fn promises_lines<'a>(
    state: &State,
    ctx: &Ctx<'_>,
    sheet: &PrepSheet,
    width: usize,
    focused: bool,
) -> Vec<Row<'a>> {
    let theme = &ctx.theme;
    let keys = |a: PrepAction| ctx.keymap.keys_for(a);
    let mut rows: Vec<Row<'a>> = Vec::new();
    if sheet.promises.is_empty() {
        rows.push((
            Line::from(Span::styled(
                format!(
                    "None open. {} adds one (or the after-1:1 form, {}).",
                    keys(PrepAction::AddTopic),
                    keys(PrepAction::LogOneOnOne)
                ),
                theme.dim(),
            )),
            false,
        ));
    }
    for (i, row) in sheet.promises.iter().enumerate() {
        let selected = i == state.promise_selected;
        let head = if selected && focused { "› " } else { "  " };
        let whose = match row.promise.made_by {
            MadeBy::Me => "mine   ",
            MadeBy::Them => "theirs ",
        };
        let when_style = match row.group {
            PromiseGroup::Overdue => theme.error(),
            PromiseGroup::DueByNextOneOnOne => theme.title(),
            PromiseGroup::Theirs | PromiseGroup::Later => theme.dim(),
        };
        let when = row.when.clone();
        let room = width.saturating_sub(head.width() + whose.width() + when.width() + 1);
        let text = truncated(&shown_line(&row.promise.text), room);
        let gap = width.saturating_sub(head.width() + whose.width() + text.width() + when.width());
        let line = Line::from(vec![
            Span::raw(head),
            Span::styled(whose, theme.label()),
            Span::raw(text),
            Span::raw(" ".repeat(gap)),
            Span::styled(when, when_style),
        ]);
        let line = if selected && focused {
            line.style(theme.selected())
        } else {
            line
        };
        rows.push((line, selected));
    }
    if !sheet.kept_since_last.is_empty() {
        rows.push((
            Line::from(Span::styled("Done as promised", theme.title())),
            false,
        ));
        for p in &sheet.kept_since_last {
            let on = p
                .closed_on
                .map(|d| short_date(d, sheet.today))
                .unwrap_or_default();
            let room = width.saturating_sub(4 + on.width() + 1);
            let text = truncated(&shown_line(&p.text), room);
            let gap = width.saturating_sub(4 + text.width() + on.width());
            rows.push((
                Line::from(vec![
                    Span::styled("  ✓ ", theme.accent()),
                    Span::raw(text),
                    Span::raw(" ".repeat(gap)),
                    Span::styled(on, theme.dim()),
                ]),
                false,
            ));
        }
    }
    rows
}
