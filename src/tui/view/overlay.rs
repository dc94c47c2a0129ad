//! What is drawn over a screen: help, forms, and questions.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::theme::Theme;
use crate::domain::text::shown_line;
use crate::present::truncated;
use crate::tui::app::{App, Overlay, Question, Screen};
use crate::tui::ctx::Ctx;
use crate::tui::form::{Checklist, Editor, FieldId, Form};
use crate::tui::forms;
use crate::tui::keymap::{Context, FormAction, HelpAction, Keymap};

pub fn render(app: &App, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    match &app.overlay {
        None => {}
        Some(Overlay::Help { scroll }) => render_help(app, theme, frame, area, *scroll),
        Some(Overlay::Form(open)) => render_form(open, &Ctx::of(app), frame, area),
        Some(Overlay::Confirm(Question::RestoreDraft { form, .. })) => {
            let what = form.form.title.to_lowercase();
            let text = format!(
                "rapport stopped while you were typing ({what}).\n\nRestore what you typed?  y yes · n discard"
            );
            let popup = centered(area, 56, 7);
            frame.render_widget(Clear, popup);
            frame.render_widget(
                Paragraph::new(text)
                    .wrap(Wrap { trim: true })
                    .block(theme.block("Unsaved draft")),
                popup,
            );
        }
        Some(Overlay::Confirm(Question::AttachOneOnOne { title, .. })) => {
            let text = format!(
                "“{}” is logged today already.\n\ny add to it · n log a second 1:1 · esc neither",
                shown_line(title)
            );
            let width = 60.min(area.width);
            let height = wrapped_height(&text, width.saturating_sub(2)) + 4;
            let popup = centered(area, width, height);
            frame.render_widget(Clear, popup);
            frame.render_widget(
                Paragraph::new(text)
                    .wrap(Wrap { trim: true })
                    .block(theme.block("A 1:1 today already")),
                popup,
            );
        }
        Some(Overlay::Confirm(Question::Confirm { title, text, .. })) => {
            let text = format!("{}\n\ny yes · n no", shown_line(text));
            let width = 60.min(area.width);
            let height = wrapped_height(&text, width.saturating_sub(2)) + 4;
            let popup = centered(area, width, height);
            frame.render_widget(Clear, popup);
            frame.render_widget(
                Paragraph::new(text)
                    .wrap(Wrap { trim: true })
                    .block(theme.block(title)),
                popup,
            );
        }
    }
}

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

fn render_help(app: &App, theme: &Theme, frame: &mut Frame<'_>, area: Rect, scroll: u16) {
    let context = match app.screen {
        Screen::Journal => Context::Journal,
        Screen::Insights => Context::Insights,
        Screen::NextSteps => Context::NextSteps,
        Screen::People => Context::People,
        Screen::Prep => Context::Prep,
    };
    let popup = centered(area, 72, area.height.saturating_sub(2));
    let mut lines = Vec::new();
    let mut last_context = None;
    for (c, keys, description) in app.keymap.help(context) {
        if last_context != Some(c) {
            if last_context.is_some() {
                lines.push(Line::from(""));
            }
            lines.push(Line::from(Span::styled(c.heading(), theme.title())));
            last_context = Some(c);
        }
        // A description too long for the row wraps under itself, not
        // under the keys.
        let keys = format!("  {keys:<16}");
        let indent = keys.width();
        let room = usize::from(popup.width.saturating_sub(2)).saturating_sub(indent);
        let (rows, _) = if room >= 12 {
            super::wrap::wrapped(description, room, 0, 16)
        } else {
            (vec![description.to_string()], false)
        };
        for (i, row) in rows.into_iter().enumerate() {
            let lead = if i == 0 {
                keys.clone()
            } else {
                " ".repeat(indent)
            };
            lines.push(Line::from(vec![
                Span::styled(lead, theme.key()),
                Span::raw(row),
            ]));
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "Keys can be changed in keymap.toml (in the config directory), one section per heading above.",
        theme.dim(),
    )));
    let key = |a: HelpAction| app.keymap.keys_for(a);
    let title = format!(
        "Help — {}/{} scroll, {} closes",
        key(HelpAction::Down),
        key(HelpAction::Up),
        key(HelpAction::Close)
    );
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((scroll, 0))
            .block(theme.block(&title)),
        popup,
    );
}

/// One row of a drawn form: the intro, a field, or the error under a field.
enum FormRow {
    Intro { height: u16 },
    Field { index: usize, height: u16 },
    Error { index: usize, height: u16 },
}

impl FormRow {
    fn height(&self) -> u16 {
        match self {
            FormRow::Intro { height }
            | FormRow::Field { height, .. }
            | FormRow::Error { height, .. } => *height,
        }
    }
}

const LABEL_WIDTH: u16 = 12;

/// The most rows a checklist takes; longer ones scroll with the cursor.
const CHECKLIST_ROWS: usize = 8;

/// Lines `text` takes when wrapped at `width` columns.
fn wrapped_height(text: &str, width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let lines = text.width().div_ceil(width).max(1);
    u16::try_from(lines).unwrap_or(u16::MAX)
}

/// The form open in the overlay: the forms' view, over `forms::State`.
fn render_form(open: &forms::State, ctx: &Ctx<'_>, frame: &mut Frame<'_>, area: Rect) {
    let (theme, keymap) = (&ctx.theme, ctx.keymap);
    let form = &open.form;
    // A document to edit gets the whole width, less a margin.
    let popup_width = if form.tall {
        area.width.saturating_sub(2).max(1)
    } else {
        78.min(area.width)
    };
    let text_width = popup_width.saturating_sub(2);
    let error_width = text_width.saturating_sub(LABEL_WIDTH + 2);
    let footer = footer_text(open, keymap, text_width);
    let footer_height = u16::try_from(footer.len()).unwrap_or(1).max(1);
    let mut rows = Vec::new();
    if let Some(intro) = &form.intro {
        rows.push(FormRow::Intro {
            height: wrapped_height(intro, text_width) + 1,
        });
    }
    for (index, field) in form.fields.iter().enumerate() {
        let height = match &field.editor {
            Editor::Notes(_) if form.tall => area.height.saturating_sub(5 + footer_height).max(1),
            Editor::Notes(_) if index == form.focus => 5,
            Editor::Checklist(list) => list.items.len().clamp(1, CHECKLIST_ROWS) as u16,
            _ => 1,
        };
        rows.push(FormRow::Field { index, height });
        if let Some(error) = &field.error {
            rows.push(FormRow::Error {
                index,
                height: wrapped_height(&shown_line(error), error_width),
            });
        }
    }
    let content: u16 = rows.iter().map(FormRow::height).sum();
    let popup = centered(area, popup_width, content.saturating_add(3 + footer_height));
    frame.render_widget(Clear, popup);
    let block = theme.block(&form.title);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    if inner.height <= footer_height || inner.width < LABEL_WIDTH + 4 {
        return;
    }
    let footer_rect = Rect {
        y: inner.bottom() - footer_height,
        height: footer_height,
        ..inner
    };
    let body = Rect {
        height: inner.height - footer_height,
        ..inner
    };
    // Scroll so the focused field, and its error, are in view.
    let mut y = 0u16;
    let mut focus_top = 0u16;
    let mut focus_bottom = 0u16;
    for row in &rows {
        match row {
            FormRow::Field { index, .. } if *index == form.focus => {
                focus_top = y;
                focus_bottom = y + row.height();
            }
            FormRow::Error { index, .. } if *index == form.focus => focus_bottom = y + row.height(),
            _ => {}
        }
        y += row.height();
    }
    let offset = focus_bottom.saturating_sub(body.height).min(focus_top);
    let mut y = 0u16;
    for row in &rows {
        let h = row.height();
        if y >= offset && y - offset + h <= body.height {
            let rect = Rect {
                y: body.y + (y - offset),
                height: h,
                ..body
            };
            match row {
                FormRow::Intro { .. } => {
                    let intro = form.intro.clone().unwrap_or_default();
                    frame.render_widget(Paragraph::new(intro).wrap(Wrap { trim: true }), rect);
                }
                FormRow::Field { index, .. } => render_field(theme, frame, rect, form, *index),
                FormRow::Error { index, .. } => {
                    let text = form.fields[*index].error.clone().unwrap_or_default();
                    let rect = Rect {
                        x: rect.x + LABEL_WIDTH,
                        width: rect.width.saturating_sub(LABEL_WIDTH),
                        ..rect
                    };
                    frame.render_widget(
                        Paragraph::new(Span::styled(
                            format!("↑ {}", shown_line(&text)),
                            theme.error(),
                        ))
                        .wrap(Wrap { trim: false }),
                        rect,
                    );
                }
            }
        }
        y += h;
    }
    let footer_style = if open.confirming_cancel {
        theme.error()
    } else {
        theme.dim()
    };
    let footer_lines = footer
        .iter()
        .map(|line| Line::styled(line.clone(), footer_style));
    frame.render_widget(
        Paragraph::new(footer_lines.collect::<Vec<_>>()),
        footer_rect,
    );
}

/// The most lines a form's footer (the field's hint and the keys) takes.
const FOOTER_ROWS: usize = 3;

/// The form's footer, wrapped at `width` by words: the focused field's hint
/// and the keys that save and cancel, or the discard question. A long hint
/// takes a second line rather than losing its end.
fn footer_text(open: &forms::State, keymap: &Keymap, width: u16) -> Vec<String> {
    let form = &open.form;
    let text = if open.confirming_cancel {
        "Discard what you typed?  y yes · n keep editing".to_string()
    } else {
        let mut hint = form.focused().map_or(String::new(), |f| f.hint.to_string());
        // Notes also open in the user's editor, by whatever key is bound.
        let editor_key = keymap.keys_for(FormAction::EditNotesExternally);
        if form.focused().is_some_and(|f| f.id == FieldId::Notes) && !editor_key.is_empty() {
            hint.push_str(&format!("; {editor_key} opens $EDITOR"));
        }
        let key = |action: FormAction| keymap.keys_for(action);
        format!(
            "{hint}  ·  {} save · {} cancel",
            key(FormAction::Save),
            key(FormAction::Cancel)
        )
    };
    super::wrap::wrapped(&text, usize::from(width.max(1)), 0, FOOTER_ROWS).0
}

fn render_field(theme: &Theme, frame: &mut Frame<'_>, rect: Rect, form: &Form, index: usize) {
    let field = &form.fields[index];
    let focused = index == form.focus;
    let label_style = if focused {
        theme.selected()
    } else if field.error.is_some() {
        theme.error()
    } else {
        theme.label()
    };
    if form.tall {
        // The one field is the document: no label, every column for it.
        render_editor(theme, frame, rect, field, focused);
        return;
    }
    let label = format!(
        "{:<width$}",
        field.label,
        width = usize::from(LABEL_WIDTH) - 1
    );
    let label_rect = Rect {
        width: LABEL_WIDTH - 1,
        height: 1,
        ..rect
    };
    frame.render_widget(Paragraph::new(Span::styled(label, label_style)), label_rect);
    let value_rect = Rect {
        x: rect.x + LABEL_WIDTH,
        width: rect.width.saturating_sub(LABEL_WIDTH),
        ..rect
    };
    render_editor(theme, frame, value_rect, field, focused);
}

/// A field's value, drawn in `value_rect`.
fn render_editor(
    theme: &Theme,
    frame: &mut Frame<'_>,
    value_rect: Rect,
    field: &crate::tui::form::Field,
    focused: bool,
) {
    let room = usize::from(value_rect.width);
    match &field.editor {
        Editor::Line(input)
        | Editor::List(input)
        | Editor::Count(crate::tui::form::CountInput { input, .. })
        | Editor::Time(input)
        | Editor::Day(crate::tui::form::DayInput { input, .. }) => {
            let chars: Vec<char> = input.text().chars().collect();
            // Show the part around the cursor when the text is wider than the room.
            let start = input.cursor().saturating_sub(room.saturating_sub(1));
            let visible: String = chars.iter().skip(start).collect();
            let shown = shown_line(&visible);
            frame.render_widget(Paragraph::new(shown.clone()), value_rect);
            if focused {
                let before: String = chars[start..input.cursor().min(chars.len())]
                    .iter()
                    .collect();
                let x = value_rect.x + shown_line(&before).width() as u16;
                if x < value_rect.right() {
                    frame.set_cursor_position((x, value_rect.y));
                }
            }
        }
        Editor::Choice(choice) => {
            let value = match choice.label() {
                "" => "—",
                label => label,
            };
            let text = if focused {
                format!("‹ {} ›", shown_line(value))
            } else {
                shown_line(value)
            };
            frame.render_widget(Paragraph::new(text), value_rect);
        }
        Editor::Score(score) => {
            let line = match score {
                Some(s) => Line::from(vec![
                    Span::styled(
                        format!(
                            "{}{}",
                            "●".repeat(usize::from(*s)),
                            "○".repeat(5 - usize::from(*s))
                        ),
                        theme.quality(Some(*s)),
                    ),
                    Span::raw(format!(" {s}")),
                ]),
                None => Line::from(Span::styled("○○○○○ none", theme.dim())),
            };
            frame.render_widget(Paragraph::new(line), value_rect);
        }
        Editor::Checklist(list) => render_checklist(theme, frame, value_rect, list, focused),
        Editor::Notes(area) => {
            if focused {
                frame.render_widget(&**area, value_rect);
            } else {
                let lines = area.lines();
                let first = lines.first().map(|l| shown_line(l)).unwrap_or_default();
                let more = if lines.len() > 1 {
                    format!("  (+{} lines)", lines.len() - 1)
                } else {
                    String::new()
                };
                frame.render_widget(
                    Paragraph::new(Line::from(vec![
                        Span::raw(first),
                        Span::styled(more, theme.dim()),
                    ])),
                    value_rect,
                );
            }
        }
    }
}

/// `› [x] 2. Hiring plan`: each item with its number, ticked or not; the
/// cursor shows while the field has the focus.
fn render_checklist(
    theme: &Theme,
    frame: &mut Frame<'_>,
    rect: Rect,
    list: &Checklist,
    focused: bool,
) {
    let rows = usize::from(rect.height.max(1));
    let offset = list.cursor.saturating_sub(rows - 1);
    let room = usize::from(rect.width);
    let lines: Vec<Line<'_>> = list
        .items
        .iter()
        .zip(&list.ticked)
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, ((_, text), ticked))| {
            let cursor = if focused && i == list.cursor {
                "›"
            } else {
                " "
            };
            let tick = if *ticked { "[x]" } else { "[ ]" };
            let head = format!("{cursor}{tick} {}. ", i + 1);
            let text = truncated(&shown_line(text), room.saturating_sub(head.width()));
            let style = if *ticked { theme.key() } else { theme.label() };
            Line::from(vec![Span::styled(head, style), Span::raw(text)])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), rect);
}
