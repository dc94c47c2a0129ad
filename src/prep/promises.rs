//! Promises on the prep sheet: mine due by the next 1:1 first, then the
//! overdue ones, then theirs I am waiting on, then mine due later.

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::promise::when_due;
use crate::domain::{MadeBy, Promise};

/// Why a promise is on the sheet, in the order the sheet shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PromiseGroup {
    /// Mine, due today or by the next 1:1.
    DueByNextOneOnOne,
    /// Past its due day, mine first.
    Overdue,
    /// Theirs, still ahead or with no day: what I am waiting on.
    Theirs,
    /// Mine, due after the next 1:1 or with no day.
    Later,
}

impl PromiseGroup {
    pub fn label(self) -> &'static str {
        match self {
            PromiseGroup::DueByNextOneOnOne => "due by the 1:1",
            PromiseGroup::Overdue => "overdue",
            PromiseGroup::Theirs => "waiting on them",
            PromiseGroup::Later => "later",
        }
    }
}

/// One open promise on the sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrepPromise {
    #[serde(flatten)]
    pub promise: Promise,
    pub group: PromiseGroup,
    /// `tomorrow`, `in 3 days`, `2 days overdue`, or `no day`.
    pub when: String,
}

/// The open promises of `promises`, grouped and ordered for the sheet.
pub fn prep_promises(
    promises: &[Promise],
    next_one_on_one: Option<NaiveDate>,
    today: NaiveDate,
) -> Vec<PrepPromise> {
    let mut rows: Vec<PrepPromise> = promises
        .iter()
        .filter(|p| p.state.is_open())
        .map(|p| {
            let group = match (p.made_by, p.due_on) {
                (_, Some(due)) if due < today => PromiseGroup::Overdue,
                (MadeBy::Them, _) => PromiseGroup::Theirs,
                (MadeBy::Me, Some(due)) if next_one_on_one.is_none_or(|n| due <= n) => {
                    PromiseGroup::DueByNextOneOnOne
                }
                (MadeBy::Me, _) => PromiseGroup::Later,
            };
            PrepPromise {
                promise: p.clone(),
                group,
                when: p
                    .due_on
                    .map_or_else(|| "no day".to_string(), |d| when_due(d, today)),
            }
        })
        .collect();
    rows.sort_by_key(|r| {
        (
            r.group,
            r.promise.made_by == MadeBy::Them,
            r.promise.due_on.is_none(),
            r.promise.due_on,
            r.promise.id,
        )
    });
    rows
}

/// My promises kept from `since` (inclusive) to `until`, in the order kept:
/// what "Done as promised" lists.
pub fn kept_as_promised(promises: &[Promise], since: NaiveDate, until: NaiveDate) -> Vec<Promise> {
    let mut kept: Vec<Promise> = promises
        .iter()
        .filter(|p| p.made_by == MadeBy::Me && p.state == crate::domain::PromiseState::Kept)
        .filter(|p| p.closed_on.is_some_and(|d| d >= since && d <= until))
        .cloned()
        .collect();
    kept.sort_by_key(|p| (p.closed_on, p.id));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::PromiseState;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, day).expect("date")
    }

    fn p(id: i64, by: MadeBy, due: Option<u32>, state: PromiseState) -> Promise {
        Promise {
            id,
            person_id: 1,
            text: format!("p{id}"),
            made_by: by,
            made_on: d(1),
            interaction_id: None,
            due_on: due.map(d),
            state,
            closed_on: (!state.is_open()).then(|| d(20)),
            moves: Vec::new(),
        }
    }

    #[test]
    fn mine_due_by_the_next_one_on_one_come_first_then_overdue_then_theirs_then_later() {
        use MadeBy::*;
        use PromiseState::*;
        let list = vec![
            p(1, Them, Some(26), Open),
            p(2, Me, Some(29), Open),
            p(3, Them, Some(20), Open),
            p(4, Me, Some(23), Renegotiated),
            p(5, Me, Some(27), Open),
            p(6, Me, None, Open),
            p(7, Me, Some(25), Kept),
            p(8, Them, None, Open),
        ];
        let rows = prep_promises(&list, Some(d(28)), d(24));
        let order: Vec<(i64, PromiseGroup)> =
            rows.iter().map(|r| (r.promise.id, r.group)).collect();
        assert_eq!(
            order,
            vec![
                (5, PromiseGroup::DueByNextOneOnOne),
                (4, PromiseGroup::Overdue),
                (3, PromiseGroup::Overdue),
                (1, PromiseGroup::Theirs),
                (8, PromiseGroup::Theirs),
                (2, PromiseGroup::Later),
                (6, PromiseGroup::Later),
            ]
        );
        assert_eq!(rows[0].when, "in 3 days");
        assert_eq!(rows[1].when, "1 day overdue");
    }

    #[test]
    fn done_as_promised_is_mine_kept_in_the_window() {
        use MadeBy::*;
        use PromiseState::*;
        let list = vec![
            p(1, Me, Some(20), Kept),
            p(2, Them, Some(20), Kept),
            p(3, Me, Some(20), Missed),
            p(4, Me, Some(20), Open),
        ];
        let kept: Vec<i64> = kept_as_promised(&list, d(17), d(24))
            .iter()
            .map(|p| p.id)
            .collect();
        assert_eq!(kept, vec![1]);
        assert!(kept_as_promised(&list, d(21), d(24)).is_empty());
    }
}
