//! What the screens ask of the TUI around them (`screens::Ask`): the
//! status line, an overlay, the journal's page, another screen. A screen's
//! own work comes first, wrapped in the top-level `Cmd`, then each ask in
//! the order it was made.

use super::super::app::{App, Cmd, Screen};
use super::super::screens::{Ask, Outcome, journal, next_steps, prep};
use super::fetches::{batch, refresh_prep};
use super::overlays::close_form;
use super::timeline::reload;

/// Carries out `outcome`: its commands wrapped by `wrap`, its asks here.
pub(super) fn apply<C>(app: &mut App, outcome: Outcome<C>, wrap: impl Fn(C) -> Cmd) -> Option<Cmd> {
    let mut cmds: Vec<Option<Cmd>> = outcome.cmds.into_iter().map(|c| Some(wrap(c))).collect();
    for ask in outcome.asks {
        let cmd = match ask {
            Ask::Info(text) => {
                app.info(text);
                None
            }
            Ask::Error(text) => {
                app.error(text);
                None
            }
            Ask::Open(overlay) => {
                app.overlay = Some(overlay);
                None
            }
            Ask::Offer(overlay) => {
                if app.overlay.is_none() {
                    app.overlay = Some(overlay);
                }
                None
            }
            Ask::CloseForm => close_form(app),
            Ask::ReloadJournal(select) => Some(reload(app, select)),
            Ask::ShowEntry(id) => Some(Cmd::Journal(journal::entry_saved(&mut app.journal, id))),
            Ask::Filter(filter) => {
                Some(Cmd::Journal(journal::set_filter(&mut app.journal, filter)))
            }
            Ask::Terminal(work) => Some(Cmd::Terminal(work)),
            Ask::ShowPrep(pane) => {
                app.screen = Screen::Prep;
                app.prep.focus = pane;
                app.prep.fetch.retry();
                refresh_prep(app)
            }
            Ask::EditSummary => edit_summary(app),
            Ask::SummarySent(said) => {
                let ctx = crate::tui_ctx!(app);
                let done = next_steps::summary_sent(&app.coach, &said, &ctx);
                batch(done.into_iter().map(|c| Some(Cmd::NextSteps(c))))
            }
        };
        cmds.push(cmd);
    }
    batch(cmds)
}

/// Prep in view, and this week's draft (generated if there is none) opened
/// in the editor once it is there.
fn edit_summary(app: &mut App) -> Option<Cmd> {
    let draft = prep::draft_for_editing(&crate::tui_ctx!(app))?;
    app.screen = Screen::Prep;
    app.prep.fetch.retry();
    batch([Some(Cmd::Prep(draft)), refresh_prep(app)])
}
