//! The full check of a journal that was not sealed, run on a thread of its
//! own while the screen already shows the journal, read-only. Its progress
//! and its verdict come back to the event loop as `CheckNews`; until it
//! passes, the writes `update` asks for are held (drafts, saved once it
//! passes) or refused (a save: what was typed stays in its form).

use std::sync::mpsc::{self, Receiver};
use std::thread;

use super::app::{App, Cmd, Msg};
use crate::store::{PendingCheck, Store, StoreError};

/// What the check thread says.
pub enum CheckNews {
    /// How far it has come, in percent.
    Progress(u8),
    /// Passed: the journal opened for writing. Failed: refused, untouched.
    Done(Box<Result<Store, StoreError>>),
}

/// Starts `check` on its own thread. It stops early once the receiver is
/// dropped (the TUI ended before it finished).
pub fn spawn(check: PendingCheck) -> std::io::Result<Receiver<CheckNews>> {
    let (news, received) = mpsc::channel();
    let progress = news.clone();
    thread::Builder::new()
        .name("journal-check".into())
        .spawn(move || {
            let verdict = check.run(Some(Box::new(move |percent| {
                progress.send(CheckNews::Progress(percent)).is_err()
            })));
            let _ = news.send(CheckNews::Done(Box::new(verdict)));
        })?;
    Ok(received)
}

/// What becomes of `cmd`, a write asked for while the journal is still
/// being checked: a draft (saved, discarded, or looked for) waits in
/// `app.held` for the check to pass; anything else is refused with an
/// answer that says why and when it will work.
pub fn hold(app: &mut App, cmd: Cmd) -> Option<Msg> {
    match cmd {
        Cmd::Form(ref form) if form.is_draft() => {
            app.held.push(cmd);
            None
        }
        _ => Some(Msg::Failed {
            request: None,
            error: format!(
                "not saved: the journal is still being checked ({}%); save again once it passes (what you typed is kept)",
                app.checking.unwrap_or(0)
            ),
        }),
    }
}

/// The status line's words while the check runs.
pub fn checking_text(percent: u8) -> String {
    format!("checking the journal… {percent}%  (changes can be saved once it passes)")
}
