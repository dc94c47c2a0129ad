//! The coach in the TUI: keeping suggestions fresh, and what accept,
//! snooze, dismiss and switch off do.

use chrono::Days;

use super::super::app::{App, Cmd, Overlay, Screen, SummaryNext};
use super::super::form::{FieldId, Pick};
use super::super::forms;
use super::super::keymap::Action;
use super::fetches::{batch, refresh_prep};
use crate::coach::{SuggestedAction, Suggestion};
use crate::domain::text::shown_line;
use crate::prep::Week;
use crate::present::truncated;
use crate::store::Nudge;

fn cooldown(app: &App, rule: &str) -> u64 {
    app.coach
        .playbook
        .rules
        .iter()
        .find(|r| r.id == rule)
        .map_or(14, |r| u64::from(r.cooldown_days))
}

fn nudge(app: &App, s: &Suggestion, nudge: Nudge, said: String) -> Option<Cmd> {
    Some(Cmd::Nudge {
        rule: s.rule.clone(),
        person_id: app.manager()?.id,
        nudge,
        said,
    })
}

pub(super) fn done(app: &App, s: &Suggestion) -> Option<Cmd> {
    let until = app.today + Days::new(cooldown(app, &s.rule));
    let said = format!("done: {}", truncated(&shown_line(&s.message), 60));
    nudge(
        app,
        s,
        Nudge::Done {
            anchor: s.anchor,
            until,
        },
        said,
    )
}

/// The row for the cursor after the list changed: `at` when it is a live
/// suggestion, else the nearest live one after it, else before it; a
/// snoozed or switched-off row ("Quiet for now") is never where the next
/// key lands unless nothing is live.
pub(super) fn live_near(suggestions: &[Suggestion], at: usize) -> usize {
    let live = |i: &usize| suggestions.get(*i).is_some_and(|s| s.quiet.is_none());
    (at..suggestions.len())
        .find(live)
        .or_else(|| (0..at).rev().find(live))
        .unwrap_or(at)
}

/// Once the form opened by accepting a suggestion saves, it is done.
pub(super) fn done_if_accepted(app: &mut App) -> Option<Cmd> {
    let accepted = app.coach.accepted.take()?;
    done(app, &accepted)
}

pub(super) fn on_next_steps_action(app: &mut App, action: Action) -> Option<Cmd> {
    let count = app.coach.suggestions.len();
    match action {
        Action::Down if count > 0 => {
            app.coach.selected = (app.coach.selected + 1).min(count - 1);
            return None;
        }
        Action::Up => {
            app.coach.selected = app.coach.selected.saturating_sub(1);
            return None;
        }
        _ => {}
    }
    let s = app.coach.suggestions.get(app.coach.selected)?.clone();
    let today = app.today;
    match action {
        Action::TakeStep => accept(app, s),
        Action::SnoozeDay => nudge(
            app,
            &s,
            Nudge::Snooze(today + Days::new(1)),
            "snoozed until tomorrow".into(),
        ),
        Action::SnoozeWeek => nudge(
            app,
            &s,
            Nudge::Snooze(today + Days::new(7)),
            "snoozed for a week".into(),
        ),
        Action::SnoozeNextOneOnOne => {
            let after = app
                .coach
                .next_one_on_one
                .filter(|d| *d >= today)
                .unwrap_or(today + Days::new(6))
                + Days::new(1);
            let said = format!(
                "snoozed until after the next 1:1 ({})",
                after.format("%a %-d %b")
            );
            nudge(app, &s, Nudge::Snooze(after), said)
        }
        Action::Dismiss => {
            let until = today + Days::new(cooldown(app, &s.rule));
            nudge(
                app,
                &s,
                Nudge::Dismiss {
                    anchor: s.anchor,
                    until,
                },
                "dismissed; it comes back if it happens again".into(),
            )
        }
        Action::SwitchOff => {
            if s.quiet.as_deref() == Some("switched off") {
                nudge(
                    app,
                    &s,
                    Nudge::SwitchOn,
                    format!("switched {} back on", s.rule),
                )
            } else {
                let said = format!("switched {} off; o on it again switches it back on", s.rule);
                nudge(app, &s, Nudge::SwitchOff, said)
            }
        }
        _ => None,
    }
}

/// The summary is written on the Prep screen: go there and open this
/// week's draft (generated if there is none) in the editor. The suggestion
/// is done once the summary is marked sent.
fn write_summary(app: &mut App) -> Option<Cmd> {
    let person_id = app.manager()?.id;
    app.screen = Screen::Prep;
    app.prep.fetch.retry();
    let draft = Cmd::DraftSummary {
        person_id,
        week: Week::containing(app.today),
        template_dir: app.prep.template_dir.clone(),
        fresh: false,
        then: SummaryNext::Edit,
    };
    batch([Some(draft), refresh_prep(app)])
}

/// Opens the form the suggestion names, pre-filled; saving it marks it done.
fn accept(app: &mut App, s: Suggestion) -> Option<Cmd> {
    if s.quiet.as_deref() == Some("switched off") {
        app.info("this rule is switched off: o switches it back on");
        return None;
    }
    let manager = app.manager().cloned();
    let form = match &s.action {
        SuggestedAction::Log { kind, title } => {
            let mut open = forms::entry_form(&app.kinds, &app.people, manager.as_ref(), None);
            if let Some(kind) = app.kinds.iter().find(|k| k.name == *kind) {
                open.form.select(FieldId::Kind, Pick::Kind(kind.id));
            }
            if let Some(title) = title {
                open.form.set_text(FieldId::Title, title);
            }
            open
        }
        SuggestedAction::Summary => return write_summary(app),
        SuggestedAction::Topic { text } => forms::topic_form(text),
        SuggestedAction::CheckIn => forms::check_in_form(),
        SuggestedAction::Reschedule => forms::reschedule_form(),
        SuggestedAction::ReportBack => forms::report_back_form(&s.message, None),
        SuggestedAction::EditPerson => forms::person_form(manager.as_ref(), false),
        SuggestedAction::Agenda => {
            app.screen = Screen::Prep;
            app.prep.focus = super::super::app::PrepPane::Agenda;
            app.prep.fetch.retry();
            return batch([done(app, &s), refresh_prep(app)]);
        }
        // Not done by looking: the promise kept or moved quiets it.
        SuggestedAction::Promises => {
            app.screen = Screen::Prep;
            app.prep.focus = super::super::app::PrepPane::Promises;
            app.prep.fetch.retry();
            return refresh_prep(app);
        }
        SuggestedAction::None => return done(app, &s),
    };
    app.overlay = Some(Overlay::Form(Box::new(form)));
    app.coach.accepted = Some(s);
    None
}
