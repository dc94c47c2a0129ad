//! The Journal screen: the timeline, newest first, and the selected entry
//! (the coach's top step below them is drawn by `view`, as it is the
//! coach's).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use super::wrap::wrapped_shown;
use chrono::Datelike;

use crate::domain::Interaction;
use crate::domain::text::shown_line;
use crate::prep::short_date;
use crate::present::{advice_state, padded, quality_cell, tags_text, title_text, truncated};
use crate::tui::ctx::Ctx;
use crate::tui::keymap::{JournalAction, Keymap};
use crate::tui::layout::split;
use crate::tui::screens::journal::State;

/// The list and the selected entry, in `body` (above the coach's line).
pub fn render(state: &State, ctx: &Ctx<'_>, frame: &mut Frame<'_>, body: Rect) {
    let theme = &ctx.theme;
    let (list, detail) = split(body);
    render_list(state, ctx, frame, list);
    if let Some(detail) = detail {
        render_detail(state, ctx.keymap, theme, frame, detail);
    }
}

fn filter_summary(state: &State, ctx: &Ctx<'_>) -> String {
    let f = &state.filter;
    let mut parts = Vec::new();
    if let Some(text) = &f.text {
        parts.push(format!("“{}”", shown_line(text)));
    }
    if let Some(id) = f.kind_id
        && let Some(k) = ctx.kinds.iter().find(|k| k.id == id)
    {
        parts.push(k.name.clone());
    }
    if let Some(c) = f.category {
        parts.push(c.to_string());
    }
    if let Some(id) = f.person_id
        && let Some(p) = ctx.people.iter().find(|p| p.id == id)
    {
        parts.push(format!("with {}", shown_line(&p.name)));
    }
    if let Some(tag) = &f.tag {
        parts.push(format!("#{}", shown_line(tag)));
    }
    match (f.since, f.until) {
        (Some(s), Some(u)) => parts.push(format!("{s}…{u}")),
        (Some(s), None) => parts.push(format!("since {s}")),
        (None, Some(u)) => parts.push(format!("until {u}")),
        (None, None) => {}
    }
    parts.join(", ")
}

fn render_list(state: &State, ctx: &Ctx<'_>, frame: &mut Frame<'_>, area: Rect) {
    let theme = &ctx.theme;
    let filter = filter_summary(state, ctx);
    let title = if filter.is_empty() {
        "Journal".to_string()
    } else {
        let clear = ctx.keymap.keys_for(JournalAction::ClearFilter);
        format!("Journal — {filter} ({clear} clears)")
    };
    let block = theme.block(&title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let t = state;
    if t.rows.is_empty() {
        let text = if t.fetch.is_loading() || t.fetch.error().is_some() {
            super::waiting_text(&t.fetch, "the journal", "loading…")
        } else if filter.is_empty() {
            let add = ctx.keymap.keys_for(JournalAction::Add);
            format!("Nothing logged yet. Press {add} to log your first interaction.")
        } else {
            "No entries match.".to_string()
        };
        frame.render_widget(Paragraph::new(text).style(theme.dim()), inner);
        return;
    }
    let height = usize::from(inner.height);
    let shown = || t.rows.iter().enumerate().skip(t.offset).take(height);
    let columns = Columns {
        // "Tue 1 Dec", or "Tue 1 Dec 2025" when a row on screen is from
        // another year.
        day: if shown().any(|(_, e)| e.happened_on.year() != ctx.today.year()) {
            16
        } else {
            11
        },
        // One person fills the column when the journal has one person or
        // the list shows one person's entries: the title gets the room.
        with: ctx.people.iter().filter(|p| !p.archived).count() > 1 && t.filter.person_id.is_none(),
    };
    let lines: Vec<Line<'_>> = shown()
        .map(|(i, entry)| {
            row_line(
                ctx.today,
                theme,
                entry,
                usize::from(inner.width),
                i == t.selected,
                columns,
            )
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Which columns the list shows, the same for every row on screen.
#[derive(Debug, Clone, Copy)]
struct Columns {
    /// The day column's width.
    day: usize,
    /// Whether the "with" column is there.
    with: bool,
}

fn row_line<'a>(
    today: chrono::NaiveDate,
    theme: &Theme,
    entry: &'a Interaction,
    width: usize,
    selected: bool,
    columns: Columns,
) -> Line<'a> {
    let wide = width >= 60;
    let quality = quality_cell(entry.quality);
    let mut spans = vec![
        Span::raw(format!(
            "{} ",
            padded(&short_date(entry.happened_on, today), columns.day)
        )),
        Span::styled(format!("{} ", padded(&entry.kind, 10)), theme.accent()),
    ];
    if wide && columns.with {
        spans.push(Span::raw(format!(
            "{} ",
            padded(&shown_line(&entry.person), 12)
        )));
    }
    spans.push(Span::styled(
        format!("{quality} "),
        theme.quality(entry.quality.map(|q| q.get())),
    ));
    let used: usize = spans.iter().map(|s| s.content.width()).sum();
    let room = width.saturating_sub(used);
    let title = format!(
        "{}{}",
        crate::present::private_mark(entry),
        shown_line(&entry.title)
    );
    spans.push(Span::raw(truncated(&title, room)));
    let mut line = Line::from(spans);
    if selected {
        let filler = width.saturating_sub(line.width());
        line.push_span(Span::raw(" ".repeat(filler)));
        line = line.style(theme.selected());
        for span in &mut line.spans {
            span.style = Style::default();
        }
    }
    line
}

fn render_detail(state: &State, keymap: &Keymap, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let block = theme.block("Entry");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(entry) = state.selected_entry() else {
        return;
    };
    let mut lines = vec![Line::from(Span::styled(title_text(entry), theme.title()))];
    let mut when = entry.happened_on.format("%A %-d %B %Y").to_string();
    if let Some(t) = entry.at_time {
        when.push_str(&format!(" at {}", t.format("%H:%M")));
    }
    if let Some(m) = entry.minutes {
        when.push_str(&format!(", {m} min"));
    }
    let field = |label: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{label:<9}"), theme.label()),
            Span::raw(value),
        ])
    };
    lines.push(field("when", when));
    lines.push(field(
        "kind",
        format!("{} ({})", entry.kind, entry.category),
    ));
    if entry.category == crate::domain::Category::Work {
        let shared = if entry.private {
            "private: kept out of the summary"
        } else {
            "shared: goes into the summary"
        };
        lines.push(field("visible", shared.to_string()));
    }
    lines.push(field(
        "with",
        format!(
            "{}, started by {}",
            shown_line(&entry.person),
            entry.initiated_by.as_str()
        ),
    ));
    if let Some(q) = entry.quality {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<9}", "quality"), theme.label()),
            Span::styled(q.dots(), theme.quality(Some(q.get()))),
            Span::raw(format!(" {}/5", q.get())),
        ]));
    }
    if !entry.tags.is_empty() {
        lines.push(field("tags", tags_text(&entry.tags)));
    }
    if let Some(advice) = &entry.advice_loop {
        let state = advice_state(advice);
        let strength = if advice.strength.is_empty() {
            String::new()
        } else {
            format!(" · draws on {}", shown_line(&advice.strength))
        };
        lines.push(field("advice", format!("{state}{strength}")));
    }
    // Long titles and fields wrap; the notes start below them.
    let width = usize::from(inner.width.max(1));
    let header_rows: usize = lines.iter().map(|l| l.width().div_ceil(width).max(1)).sum();
    let header = u16::try_from(header_rows + 1).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    if entry.notes.is_empty() || inner.height <= header {
        return;
    }
    let notes_area = Rect {
        y: inner.y + header,
        height: inner.height - header,
        ..inner
    };
    let scroll = usize::from(state.detail_scroll);
    let (notes, more) = wrapped_shown(
        &entry.notes,
        usize::from(notes_area.width),
        scroll,
        usize::from(notes_area.height),
    );
    let mut text: Vec<Line<'_>> = notes.into_iter().map(Line::from).collect();
    if more && !text.is_empty() {
        let last = text.len() - 1;
        let scroll = keymap.keys_for(JournalAction::DetailDown);
        text[last] = Line::from(Span::styled(format!("… ({scroll} to scroll)"), theme.dim()));
    }
    frame.render_widget(Paragraph::new(text), notes_area);
}
