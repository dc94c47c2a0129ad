//! Drawing: a pure function of `App` onto a frame. Views read state only;
//! they never touch the store or the clock.

mod heatmap;
mod insights;
mod insights_charts;
mod journal;
mod next_steps;
mod overlay;
mod people;
mod people_about;
mod prep;
mod prep_about;
mod prep_promises;
mod prep_summary;
mod wrap;

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};

use super::app::{App, Msg, Screen, StatusKind};
use super::ctx::Ctx;
use super::keymap::{
    GlobalAction, InsightsAction, JournalAction, NextStepsAction, PeopleAction, PrepAction,
    PrepAgendaAction, PrepPromisesAction,
};
use super::loading::Fetch;
pub use super::theme::{self, Theme};
use crate::domain::text::shown_line;
use crate::present::{truncated_at_word, width};
use unicode_width::UnicodeWidthStr;

/// Below this size the layout is replaced by a note asking for more room.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// The status line while a save is slow to answer.
pub const SAVING_TEXT: &str = "saving…";

/// What a frame found out that only drawing knows (how text wraps at the
/// size it got); the event loop hands it to `update` as a message.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Measured {
    /// The furthest the Prep summary preview scrolls and still ends at the
    /// draft's last line, when it was drawn.
    pub prep_summary_end: Option<u16>,
}

impl Measured {
    /// The message that tells `update` what it does not know yet, if any.
    pub fn news(self, app: &App) -> Option<Msg> {
        let end = self.prep_summary_end?;
        (app.prep.summary_end != Some(end)).then_some(Msg::Prep(
            super::screens::prep::Msg::SummaryMeasured { end },
        ))
    }
}

pub fn render(app: &App, frame: &mut Frame<'_>) {
    render_measured(app, frame);
}

/// `render`, saying what the frame measured.
pub fn render_measured(app: &App, frame: &mut Frame<'_>) -> Measured {
    let area = frame.area();
    frame.render_widget(Clear, area);
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let note = format!("terminal too small (need {MIN_WIDTH}×{MIN_HEIGHT})");
        frame.render_widget(Paragraph::new(note).wrap(Wrap { trim: true }), area);
        return Measured::default();
    }
    let mut measured = Measured::default();
    let ctx = Ctx::of(app);
    let theme = ctx.theme;
    let [header, body, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(app, &theme, frame, header);
    match app.screen {
        Screen::Journal => {
            let (body, next_step) = super::layout::without_next_step(body);
            render_next_step(app, &theme, frame, next_step);
            journal::render(&app.journal, &ctx, frame, body);
        }
        Screen::Insights => {
            insights::render(&app.insights, &ctx, frame, body);
        }
        Screen::NextSteps => next_steps::render(&app.coach, &ctx, frame, body),
        Screen::People => {
            people::render(&app.people_screen, &ctx, frame, body);
        }
        Screen::Prep => {
            measured.prep_summary_end = prep::render(&app.prep, &ctx, frame, body);
        }
    }
    render_status(app, &theme, frame, status);
    overlay::render(app, &theme, frame, area);
    measured
}

/// The Journal's last line: the coach's top step, and the key for more.
fn render_next_step(app: &App, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let Some(top) = app.coach.top() else {
        return;
    };
    let key = app.keymap.keys_for(GlobalAction::ShowNextSteps);
    let label = " Next: ";
    let more = format!("  ({key} for more)");
    let room = usize::from(area.width).saturating_sub(width(label) + width(&more));
    let line = Line::from(vec![
        Span::styled(label, theme.key()),
        Span::raw(truncated_at_word(&shown_line(&top.message), room)),
        Span::styled(more, theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// What stands where a fetch's value will be: that it is on its way, or
/// where it failed and when it is tried again.
pub(super) fn waiting_text(fetch: &Fetch, what: &str, on_its_way: &str) -> String {
    match fetch.error() {
        Some(error) => format!(
            "could not load {what}: {error}. It is tried again on the next change, or when you come back to this screen."
        ),
        None => on_its_way.to_string(),
    }
}

fn render_header(app: &App, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let mut spans = vec![Span::styled(" rapport ", theme.brand())];
    if app.read_only {
        spans.push(Span::styled(" READ-ONLY ", theme.error()));
    }
    // Narrow terminals show every screen's number and only the current title.
    let compact = area.width < 90;
    for screen in Screen::ALL {
        let current = screen == app.screen;
        let label = if current || !compact {
            format!(" {} {} ", screen.index() + 1, screen.title())
        } else {
            format!(" {} ", screen.index() + 1)
        };
        let style = if current {
            theme.tab_active()
        } else {
            theme.dim()
        };
        spans.push(Span::styled(label, style));
    }
    let tabs = Line::from(spans);
    let manager = app
        .manager()
        .map(|m| format!("{} ", shown_line(&m.name)))
        .unwrap_or_default();
    let tabs_width = tabs.width() as u16;
    frame.render_widget(Paragraph::new(tabs), area);
    let room = area.width.saturating_sub(tabs_width);
    if room > 4 && !manager.is_empty() {
        let text = crate::present::truncated(&manager, usize::from(room) - 1);
        frame.render_widget(
            Paragraph::new(Span::styled(text, theme.accent())).alignment(Alignment::Right),
            Rect {
                x: area.x + tabs_width,
                width: room,
                ..area
            },
        );
    }
}

fn render_status(app: &App, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    if let Some(search) = &app.journal.search {
        let mut spans = vec![
            Span::styled("/", theme.accent()),
            Span::raw(shown_line(search.text())),
        ];
        if crate::domain::text::live_search_waits(search.text()) {
            spans.push(Span::styled(
                "  (3 letters to search, or Enter)",
                theme.dim(),
            ));
        }
        let line = Line::from(spans);
        frame.render_widget(Paragraph::new(line), area);
        let before: String = search.text().chars().take(search.cursor()).collect();
        let x =
            area.x + 1 + unicode_width::UnicodeWidthStr::width(shown_line(&before).as_str()) as u16;
        if app.overlay.is_none() && x < area.right() {
            frame.set_cursor_position((x, area.y));
        }
        return;
    }
    // A save slow to answer says so; nothing says "saved" until it has.
    if app.saving.shown() {
        frame.render_widget(
            Paragraph::new(Span::styled(SAVING_TEXT, theme.info())),
            area,
        );
        return;
    }
    if let Some(status) = &app.status {
        let style = match status.kind {
            StatusKind::Info => theme.info(),
            StatusKind::Error => theme.error(),
        };
        frame.render_widget(
            Paragraph::new(Span::styled(shown_line(&status.text), style)),
            area,
        );
        return;
    }
    if let Some(percent) = app.checking {
        let text = crate::tui::check::checking_text(percent);
        frame.render_widget(Paragraph::new(Span::styled(text, theme.info())), area);
        return;
    }
    let keys = &app.keymap;
    let hints: Vec<(String, &str)> = match app.screen {
        Screen::Journal => vec![
            (keys.keys_for(GlobalAction::Help), "help"),
            (keys.keys_for(JournalAction::Add), "add"),
            (keys.keys_for(JournalAction::Edit), "edit"),
            (keys.keys_for(JournalAction::Delete), "delete"),
            (keys.keys_for(JournalAction::Search), "search"),
            (keys.keys_for(JournalAction::Filter), "filter"),
            (keys.keys_for(JournalAction::CheckIn), "check-in"),
            (keys.keys_for(GlobalAction::Quit), "quit"),
        ],
        // The profile side draws its own keys at its foot.
        Screen::People if app.people_screen.focused => vec![
            (keys.keys_for(GlobalAction::Help), "help"),
            (keys.keys_for(PeopleAction::FocusPeople), "people"),
            (keys.keys_for(PeopleAction::SetCurrent), "set current"),
            (keys.keys_for(GlobalAction::Quit), "quit"),
        ],
        Screen::People => vec![
            (keys.keys_for(GlobalAction::Help), "help"),
            (keys.keys_for(PeopleAction::Add), "add"),
            (keys.keys_for(PeopleAction::Edit), "edit"),
            (keys.keys_for(PeopleAction::SetCurrent), "set current"),
            (keys.keys_for(PeopleAction::FocusProfile), "profile"),
            (keys.keys_for(GlobalAction::Quit), "quit"),
        ],
        Screen::NextSteps => vec![
            (keys.keys_for(GlobalAction::Help), "help"),
            (keys.keys_for(NextStepsAction::TakeStep), "do it"),
            (keys.keys_for(NextStepsAction::SnoozeWeek), "snooze a week"),
            (keys.keys_for(NextStepsAction::Dismiss), "dismiss"),
            (keys.keys_for(GlobalAction::Quit), "quit"),
        ],
        Screen::Insights => vec![
            (keys.keys_for(GlobalAction::Help), "help"),
            (keys.keys_for(InsightsAction::NextRange), "longer range"),
            (keys.keys_for(InsightsAction::PrevRange), "shorter range"),
            (keys.keys_for(InsightsAction::NextPerson), "person"),
            (keys.keys_for(GlobalAction::Quit), "quit"),
        ],
        Screen::Prep if app.prep.focus == super::screens::prep::Pane::Promises => vec![
            (keys.keys_for(GlobalAction::Help), "help"),
            (keys.keys_for(PrepPromisesAction::AddPromise), "add promise"),
            (keys.keys_for(PrepPromisesAction::KeepPromise), "kept"),
            (keys.keys_for(PrepPromisesAction::MovePromise), "new day"),
            (keys.keys_for(PrepPromisesAction::DropPromise), "drop"),
            (keys.keys_for(PrepAction::LogOneOnOne), "log the 1:1"),
            (keys.keys_for(PrepAction::NextPane), "next pane"),
            (keys.keys_for(GlobalAction::Quit), "quit"),
        ],
        Screen::Prep => vec![
            (keys.keys_for(GlobalAction::Help), "help"),
            (keys.keys_for(PrepAction::AddTopic), "add topic"),
            (keys.keys_for(PrepAgendaAction::TopicDiscussed), "done"),
            (keys.keys_for(PrepAction::GenerateSummary), "summary"),
            (keys.keys_for(PrepAction::CopySummary), "copy"),
            (keys.keys_for(PrepAction::MarkSummarySent), "sent"),
            (keys.keys_for(PrepAction::LogOneOnOne), "log the 1:1"),
            (keys.keys_for(PrepAction::NextPane), "next pane"),
            (keys.keys_for(GlobalAction::Quit), "quit"),
        ],
    };
    let mut spans = Vec::new();
    let mut used = 0usize;
    for (key, label) in hints {
        let label = format!(" {label}  ");
        let width = key.width() + label.width();
        // Only whole hints: a cut one reads as a different key.
        if key.is_empty() || used + width > usize::from(area.width) + 2 {
            continue;
        }
        used += width;
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::styled(label, theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
