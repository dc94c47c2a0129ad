//! The Prep screen's "about them" pane: their goals, the pressures on them,
//! how they like to work, and the expectations worth confirming — what to
//! keep in mind beside the agenda.

use ratatui::text::{Line, Span};

use super::theme::Theme;
use super::wrap::wrapped;
use crate::domain::text::shown_line;
use crate::domain::{ExpectationState, HeldBy};
use crate::prep::PrepSheet;
use crate::present::truncated;

/// The pane's lines, at most `width` wide.
pub(super) fn about_lines<'a>(sheet: &PrepSheet, theme: &Theme, width: usize) -> Vec<Line<'a>> {
    let about = &sheet.about;
    let room = width.saturating_sub(11);
    let mut lines = Vec::new();
    // Each item takes up to two lines; a longer one ends in "…".
    let mut row = |label: &str, text: String, dim: bool| {
        let style = if dim { theme.dim() } else { Default::default() };
        let (mut parts, more) = wrapped(&shown_line(&text), room.max(1), 0, 2);
        if more && let Some(last) = parts.last_mut() {
            *last = truncated(&format!("{last} …"), room);
        }
        for (i, part) in parts.into_iter().enumerate() {
            let label = if i == 0 { label } else { "" };
            lines.push(Line::from(vec![
                Span::styled(format!("{label:<10} "), theme.label()),
                Span::styled(part, style),
            ]));
        }
    };
    if about.goals.is_empty() {
        row("goals", "none yet: ask about their priorities".into(), true);
    }
    for (i, goal) in about.goals.iter().enumerate() {
        row(
            if i == 0 { "goals" } else { "" },
            format!("• {goal}"),
            false,
        );
    }
    if !about.goals.is_empty() && about.goals_stale {
        row("", "(over 90 days old: ask what changed)".into(), true);
    }
    if !about.pressures.is_empty() {
        row("pressures", about.pressures.join("; "), false);
    }
    let style: Vec<String> = [
        about.style.clone(),
        about.bad_news.as_ref().map(|b| format!("bad news: {b}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !style.is_empty() {
        row("style", style.join(" · "), false);
    }
    for (i, e) in about.to_confirm.iter().enumerate() {
        let whose = match e.held_by {
            HeldBy::Them => "theirs",
            HeldBy::Me => "yours",
        };
        // An agreement worth confirming again says when it was made.
        let state = match (e.state, e.confirmed_on) {
            (ExpectationState::Agreed, Some(on)) => format!("agreed {}", on.format("%-d %b")),
            (state, _) => state.as_str().to_string(),
        };
        row(
            if i == 0 { "confirm" } else { "" },
            format!("{} ({whose}, {state})", e.text),
            false,
        );
    }
    if let Some(needs) = &about.needs {
        row("needs", needs.clone(), false);
    }
    if about.goals.is_empty() && about.style.is_none() && about.to_confirm.is_empty() {
        row("", "fill their profile on People (5)".into(), true);
    }
    lines
}
