//! The Journal screen's work against the journal: a page of the timeline,
//! a delete and its undo.

use chrono::{DateTime, Utc};

use super::super::loading::Changed;
use super::super::screens::journal::{Cmd, Msg, PAGE, PageFrom};
use crate::store::{PageRequest, Store, StoreError};

pub(super) fn run(store: &mut Store, cmd: Cmd, now: DateTime<Utc>) -> Result<Msg, StoreError> {
    match cmd {
        Cmd::LoadPage {
            request,
            filter,
            from,
        } => match from {
            PageFrom::Start => store.entries().interactions(
                &filter,
                PageRequest {
                    limit: PAGE,
                    after: None,
                },
            ),
            PageFrom::Older(cursor) => store.entries().interactions(
                &filter,
                PageRequest {
                    limit: PAGE,
                    after: Some(cursor),
                },
            ),
            PageFrom::Newer(cursor) => store
                .entries()
                .interactions_newer_than(&filter, cursor, PAGE),
        }
        .map(|rows| Msg::PageLoaded {
            request,
            from,
            rows,
        }),
        Cmd::Delete(id) => store
            .entries_mut()
            .delete_interaction(id, now)
            .map(|e| Msg::Deleted(Box::new(e))),
        Cmd::UndoDelete => store
            .entries_mut()
            .undo_own_delete()
            .map(|e| Msg::Restored(e.map(Box::new))),
    }
}

/// What each command writes, for `update::invalidate`.
pub(super) fn changed_by(cmd: &Cmd) -> Changed {
    match cmd {
        Cmd::LoadPage { .. } => Changed::empty(),
        // An entry may carry an advice ask; deleting it takes the ask along.
        Cmd::Delete(_) | Cmd::UndoDelete => Changed::ENTRIES | Changed::ADVICE,
    }
}
