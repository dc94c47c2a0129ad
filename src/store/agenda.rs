//! The agenda area: topics to raise, weekly summaries and one-on-ones.
//! Its methods live beside their SQL in `records` (topics), `summaries`,
//! `summaries::facts` and `summaries::after`.

use super::Store;

/// Reads of topics, weekly summaries and one-on-ones: `store.agenda()`.
pub struct Agenda<'a> {
    pub(super) store: &'a Store,
}

/// Changes to topics, summaries and one-on-ones, each in one transaction:
/// `store.agenda_mut()`.
pub struct AgendaMut<'a> {
    pub(super) store: &'a mut Store,
}

impl Store {
    pub fn agenda(&self) -> Agenda<'_> {
        Agenda { store: self }
    }

    pub fn agenda_mut(&mut self) -> AgendaMut<'_> {
        AgendaMut { store: self }
    }
}
