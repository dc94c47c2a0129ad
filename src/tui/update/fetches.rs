//! What the TUI fetches and when: each screen's `refresh_*` asks when its
//! fetch is wanted (never asked, or out of date) and its screen shows; a
//! write's `Changed` goes through `invalidate`, the one place that knows
//! what rests on what; a failure stays with the fetch it belongs to.

use super::super::app::{App, Cmd, Screen};
use super::super::loading::{Changed, RequestId};

/// What each fetch rests on: a write that changed any of it makes it stale.
const COACH_RESTS_ON: Changed = Changed::all();
const PREP_RESTS_ON: Changed = Changed::all().difference(Changed::NUDGES);
const INSIGHTS_RESTS_ON: Changed = Changed::all()
    .difference(Changed::NUDGES)
    .difference(Changed::SUMMARY);
const ABOUT_RESTS_ON: Changed = Changed::PROFILE.union(Changed::PEOPLE).union(Changed::DAY);

/// One `Cmd` for what `cmds` holds, `None` when nothing.
pub(super) fn batch(cmds: impl IntoIterator<Item = Option<Cmd>>) -> Option<Cmd> {
    let mut cmds: Vec<Cmd> = cmds.into_iter().flatten().collect();
    match cmds.len() {
        0 => None,
        1 => cmds.pop(),
        _ => Some(Cmd::Batch(cmds)),
    }
}

/// Marks stale what rests on `changed` and asks again for what shows.
pub(super) fn invalidate(app: &mut App, changed: Changed) -> Option<Cmd> {
    if changed.intersects(COACH_RESTS_ON) {
        app.coach.fetch.invalidate();
    }
    if changed.intersects(PREP_RESTS_ON) {
        app.prep.fetch.invalidate();
    }
    if changed.intersects(INSIGHTS_RESTS_ON) {
        app.insights.fetch.invalidate();
    }
    if changed.intersects(ABOUT_RESTS_ON) {
        app.people_screen.fetch.invalidate();
    }
    let people = changed.contains(Changed::PEOPLE).then(|| load_people(app));
    batch([people, refresh_all(app)])
}

/// Asks for every fetch that is wanted and on show.
pub(super) fn refresh_all(app: &mut App) -> Option<Cmd> {
    batch([
        refresh_insights(app),
        refresh_coach(app),
        refresh_prep(app),
        refresh_about(app),
    ])
}

/// The screen just came into view: a fetch that failed is tried again.
pub(super) fn retry_failed(app: &mut App) {
    app.people_fetch.retry();
    match app.screen {
        Screen::Journal => {}
        Screen::Insights => app.insights.fetch.retry(),
        Screen::Prep => app.prep.fetch.retry(),
        Screen::NextSteps => app.coach.fetch.retry(),
        Screen::People => app.people_screen.fetch.retry(),
    }
    // The journal header shows the coach's top suggestion on every screen.
    app.coach.fetch.retry();
}

/// People and kinds, afresh.
pub(super) fn load_people(app: &mut App) -> Cmd {
    let request = app.people_fetch.start();
    Cmd::LoadPeople { request }
}

/// Asks for the suggestions when they are wanted.
pub(super) fn refresh_coach(app: &mut App) -> Option<Cmd> {
    let ctx = crate::tui_ctx!(app);
    super::super::screens::next_steps::refresh(&mut app.coach, &ctx).map(Cmd::NextSteps)
}

/// Asks for the prep sheet when the Prep screen shows and it is wanted.
pub(super) fn refresh_prep(app: &mut App) -> Option<Cmd> {
    let ctx = crate::tui_ctx!(app);
    super::super::screens::prep::refresh(&mut app.prep, &ctx).map(Cmd::Prep)
}

/// Asks for the Insights figures when the screen shows and they are wanted.
pub(super) fn refresh_insights(app: &mut App) -> Option<Cmd> {
    let ctx = crate::tui_ctx!(app);
    super::super::screens::insights::refresh(&mut app.insights, &ctx).map(Cmd::Insights)
}

/// Asks for the selected person's profile when it is wanted, or loaded for
/// someone else.
pub(super) fn refresh_about(app: &mut App) -> Option<Cmd> {
    let ctx = crate::tui_ctx!(app);
    super::super::screens::people::refresh(&mut app.people_screen, &ctx).map(Cmd::People)
}

/// A fetch failed: it shows where its value would, and waits for a change
/// or a return to its screen. Returns what failed to load, for the status.
pub(super) fn fail(app: &mut App, request: RequestId, error: &str) -> Option<&'static str> {
    if app.journal.fetch.fail(request, error) {
        Some("the journal")
    } else if app.people_fetch.fail(request, error) {
        Some("the people")
    } else if app.coach.fetch.fail(request, error) {
        Some("the suggestions")
    } else if app.insights.fetch.fail(request, error) {
        Some("the figures")
    } else if app.prep.fetch.fail(request, error) {
        Some("the prep sheet")
    } else if app.people_screen.fetch.fail(request, error) {
        Some("the profile")
    } else {
        None
    }
}
