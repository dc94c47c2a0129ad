//! What the TUI has asked the store for and what came back: every fetch is
//! a `Fetch` with the id of its request, so an answer to an old request is
//! dropped and a failure stays where it happened until it is retried. A
//! write answers with what it `Changed`; `update::invalidate` decides from
//! that alone what to fetch again.

use std::sync::atomic::{AtomicU64, Ordering};

use bitflags::bitflags;

/// One request to the store, numbered so that its answer can be matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RequestId(u64);

impl RequestId {
    /// A number no other request of this process has.
    pub fn fresh() -> RequestId {
        static LAST: AtomicU64 = AtomicU64::new(0);
        RequestId(LAST.fetch_add(1, Ordering::Relaxed) + 1)
    }
}

/// Where one fetch stands. The value it loads lives beside it, and the last
/// one stays on screen while a fresher one loads.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Fetch {
    /// Not asked for, or out of date: the next refresh asks.
    #[default]
    Idle,
    Loading(RequestId),
    Ready,
    /// The store said no; shown where the value would be, and asked again on
    /// the next change (or when its screen is shown again).
    Failed(String),
}

impl Fetch {
    /// Whether a refresh should ask for it now.
    pub fn wanted(&self) -> bool {
        *self == Fetch::Idle
    }

    pub fn is_loading(&self) -> bool {
        matches!(self, Fetch::Loading(_))
    }

    /// The error, when the last request failed.
    pub fn error(&self) -> Option<&str> {
        match self {
            Fetch::Failed(error) => Some(error),
            _ => None,
        }
    }

    /// Starts a request: its answer is the only one taken.
    pub fn start(&mut self) -> RequestId {
        let id = RequestId::fresh();
        *self = Fetch::Loading(id);
        id
    }

    /// Takes the answer to `id`: false (drop it) when it answers an older
    /// request than the one waited for, or one made before a change.
    pub fn finish(&mut self, id: RequestId) -> bool {
        if *self == Fetch::Loading(id) {
            *self = Fetch::Ready;
            true
        } else {
            false
        }
    }

    /// Records that the request `id` failed; false when it is not the
    /// request this fetch waits for.
    pub fn fail(&mut self, id: RequestId, error: &str) -> bool {
        if *self == Fetch::Loading(id) {
            *self = Fetch::Failed(error.to_string());
            true
        } else {
            false
        }
    }

    /// What it shows is out of date: ask again. A request under way is
    /// forgotten, so its answer (from before the change) is dropped.
    pub fn invalidate(&mut self) {
        *self = Fetch::Idle;
    }

    /// A failed fetch is asked for again (its screen was shown again).
    pub fn retry(&mut self) {
        if matches!(self, Fetch::Failed(_)) {
            *self = Fetch::Idle;
        }
    }
}

bitflags! {
    /// What a write to the journal changed. Each write's answer carries one;
    /// `update::invalidate` maps it to the fetches that rest on it.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub struct Changed: u16 {
        const ENTRIES = 1;
        const CHECK_INS = 1 << 1;
        const PEOPLE = 1 << 2;
        const TOPICS = 1 << 3;
        const ADVICE = 1 << 4;
        const PROFILE = 1 << 5;
        const SUMMARY = 1 << 6;
        const NUDGES = 1 << 7;
        const PROMISES = 1 << 9;
        /// Not a write: the calendar turned (`Msg::Tick`).
        const DAY = 1 << 8;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_to_an_older_request_is_dropped() {
        let mut fetch = Fetch::default();
        let first = fetch.start();
        fetch.invalidate();
        let second = fetch.start();
        assert!(!fetch.finish(first));
        assert!(fetch.finish(second));
        assert_eq!(fetch, Fetch::Ready);
    }

    #[test]
    fn a_failure_waits_for_a_change_or_a_retry() {
        let mut fetch = Fetch::default();
        let id = fetch.start();
        assert!(fetch.fail(id, "disk I/O error"));
        assert_eq!(fetch.error(), Some("disk I/O error"));
        assert!(!fetch.wanted());
        fetch.retry();
        assert!(fetch.wanted());
    }
}
