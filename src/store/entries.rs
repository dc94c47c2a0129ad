//! The entries area: interactions with their tags, search, pages through
//! the timeline, edits with a stale check, soft deletes and undo. Its
//! methods live beside their SQL in `interactions`.

use super::Store;

/// Reads of entries: one, a page, a search: `store.entries()`.
pub struct Entries<'a> {
    pub(super) store: &'a Store,
}

/// Changes to entries, each in one transaction: `store.entries_mut()`.
pub struct EntriesMut<'a> {
    pub(super) store: &'a mut Store,
}

impl Store {
    pub fn entries(&self) -> Entries<'_> {
        Entries { store: self }
    }

    pub fn entries_mut(&mut self) -> EntriesMut<'_> {
        EntriesMut { store: self }
    }
}
