//! Where the rest of the TUI asks the Journal screen for its timeline
//! afresh (a form saved an entry, a 1:1 was logged): the screen's own
//! command, wrapped.

use super::super::app::{App, Cmd};
use super::super::screens::journal;

/// Starts the timeline afresh from the newest row, selecting `select` when it arrives.
pub(super) fn reload(app: &mut App, select: Option<i64>) -> Cmd {
    Cmd::Journal(journal::reload(&mut app.journal, select))
}
