//! Keys while something covers the screen: help, a question, or a form
//! (handed to `forms::on_key`), and closing a form once it saved.

use crossterm::event::{KeyCode, KeyEvent};

use super::super::app::{App, Cmd, Overlay, Question, TerminalCmd};
use super::super::forms;
use super::super::keymap::{ConfirmAction, GlobalAction, HelpAction, Resolved};
use super::asks;
use super::fetches::batch;

pub(super) fn on_overlay_key(app: &mut App, key: &KeyEvent) -> Option<Cmd> {
    let overlay = app.overlay.take()?;
    match overlay {
        Overlay::Help { scroll } => {
            match app.keymap.resolve::<HelpAction>(key) {
                Some(Resolved::Here(HelpAction::Close) | Resolved::Global(GlobalAction::Help)) => {}
                Some(Resolved::Here(HelpAction::Down)) => {
                    app.overlay = Some(Overlay::Help {
                        scroll: scroll.saturating_add(1),
                    })
                }
                Some(Resolved::Here(HelpAction::Up)) => {
                    app.overlay = Some(Overlay::Help {
                        scroll: scroll.saturating_sub(1),
                    })
                }
                Some(Resolved::Global(GlobalAction::Quit)) => {
                    return Some(Cmd::Terminal(TerminalCmd::Quit));
                }
                Some(Resolved::Global(_)) | None => app.overlay = Some(Overlay::Help { scroll }),
            }
            None
        }
        Overlay::Confirm(Question::RestoreDraft {
            key: draft_key,
            form,
        }) => match app.keymap.resolve::<ConfirmAction>(key) {
            Some(Resolved::Here(answer)) => {
                let restore = answer == ConfirmAction::Yes;
                let outcome = forms::restore_answered(draft_key, form, restore);
                asks::apply(app, outcome, Cmd::from)
            }
            Some(Resolved::Global(GlobalAction::Quit)) => Some(Cmd::Terminal(TerminalCmd::Quit)),
            Some(Resolved::Global(_)) | None => {
                app.overlay = Some(Overlay::Confirm(Question::RestoreDraft {
                    key: draft_key,
                    form,
                }));
                None
            }
        },
        Overlay::Confirm(Question::AttachOneOnOne {
            entry,
            title,
            mut form,
        }) => {
            // Esc is neither (the question closes): n is the answer that
            // logs a second 1:1.
            if key.code == KeyCode::Esc {
                return None;
            }
            match app.keymap.resolve::<ConfirmAction>(key) {
                Some(Resolved::Here(ConfirmAction::Yes)) => {
                    forms::attach_one_on_one(&mut form, entry, &title);
                    app.overlay = Some(Overlay::Form(form));
                }
                Some(Resolved::Here(ConfirmAction::No)) => app.overlay = Some(Overlay::Form(form)),
                Some(Resolved::Global(GlobalAction::Quit)) => {
                    return Some(Cmd::Terminal(TerminalCmd::Quit));
                }
                Some(Resolved::Global(_)) | None => {
                    app.overlay = Some(Overlay::Confirm(Question::AttachOneOnOne {
                        entry,
                        title,
                        form,
                    }));
                }
            }
            None
        }
        Overlay::Confirm(Question::Confirm { title, text, yes }) => {
            match app.keymap.resolve::<ConfirmAction>(key) {
                Some(Resolved::Here(ConfirmAction::Yes)) => Some(*yes),
                Some(Resolved::Here(ConfirmAction::No)) => None,
                Some(Resolved::Global(GlobalAction::Quit)) => {
                    Some(Cmd::Terminal(TerminalCmd::Quit))
                }
                Some(Resolved::Global(_)) | None => {
                    app.overlay = Some(Overlay::Confirm(Question::Confirm { title, text, yes }));
                    None
                }
            }
        }
        Overlay::Form(mut open) => {
            let ctx = crate::tui_ctx!(app);
            let outcome = forms::on_key(&mut open, key, &ctx);
            // A form that was not closed goes back before what it asks for
            // is done (a save's answer closes it).
            if !open.closed {
                app.overlay = Some(Overlay::Form(open));
            }
            asks::apply(app, outcome, Cmd::from)
        }
    }
}

/// After a successful save: the form goes, with its draft; a step of the
/// coach accepted through it is done (`forms::closed`).
pub(super) fn close_form(app: &mut App) -> Option<Cmd> {
    let Some(Overlay::Form(open)) = app
        .overlay
        .take_if(|overlay| matches!(overlay, Overlay::Form(_)))
    else {
        return None;
    };
    let ctx = crate::tui_ctx!(app);
    batch(
        forms::closed(&open, &ctx)
            .into_iter()
            .map(|work| Some(Cmd::from(work))),
    )
}
