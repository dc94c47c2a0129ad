//! Ids seen during an import, with what each stands for, kept as runs: a
//! list in id order whose values follow their ids (every export: ids
//! 1, 2, 3 kept as 1, 2, 3, at places 0, 1, 2) takes a few words however
//! long it is. An id out of order goes to a map beside the runs.

use std::collections::HashMap;

/// A value that moves along with its id: the place of a record, the
/// journal id it was given, or nothing (a set).
pub(super) trait Follows: Copy + PartialEq {
    /// The value of the id `by` after this one, in the same run.
    fn after(self, by: i64) -> Self;
}

impl Follows for () {
    fn after(self, _: i64) {}
}

impl Follows for usize {
    fn after(self, by: i64) -> usize {
        self + by.unsigned_abs() as usize
    }
}

/// Ids that follow one another, from `start`, `len` of them.
#[derive(Debug, Clone, Copy)]
struct Run<T> {
    start: i64,
    len: i64,
    first: T,
}

/// A map from ids to values, compact for ids added in rising order.
#[derive(Debug)]
pub(super) struct IdRuns<T> {
    runs: Vec<Run<T>>,
    scattered: HashMap<i64, T>,
}

impl<T> Default for IdRuns<T> {
    fn default() -> Self {
        IdRuns {
            runs: Vec::new(),
            scattered: HashMap::new(),
        }
    }
}

impl<T: Follows> IdRuns<T> {
    /// The value of `id`, if it was added.
    pub(super) fn get(&self, id: i64) -> Option<T> {
        let after = self.runs.partition_point(|r| r.start <= id);
        if let Some(run) = after.checked_sub(1).map(|at| self.runs[at]) {
            // Wide enough for any two ids: i64::MIN to i64::MAX.
            let from_start = i128::from(id) - i128::from(run.start);
            if from_start < i128::from(run.len) {
                return Some(run.first.after(id.wrapping_sub(run.start)));
            }
        }
        self.scattered.get(&id).copied()
    }

    /// Adds `id` (not added before: the caller checks) with `value`.
    pub(super) fn add(&mut self, id: i64, value: T) {
        match self.runs.last_mut() {
            Some(last) if id == last.start.saturating_add(last.len) => {
                if last.first.after(last.len) == value {
                    last.len += 1;
                } else {
                    self.runs.push(Run {
                        start: id,
                        len: 1,
                        first: value,
                    });
                }
            }
            Some(last) if id < last.start.saturating_add(last.len) => {
                self.scattered.insert(id, value);
            }
            _ => self.runs.push(Run {
                start: id,
                len: 1,
                first: value,
            }),
        }
    }

    /// Adds `id` unless it is there; the value it already had, if so.
    pub(super) fn add_new(&mut self, id: i64, value: T) -> Option<T> {
        let there = self.get(id);
        if there.is_none() {
            self.add(id, value);
        }
        there
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_in_order_with_values_that_follow_take_one_run() {
        let mut places = IdRuns::<usize>::default();
        for (at, id) in (1..=1000).enumerate() {
            assert_eq!(places.add_new(id, at), None);
        }
        assert_eq!(places.runs.len(), 1);
        assert_eq!(places.get(1), Some(0));
        assert_eq!(places.get(1000), Some(999));
        assert_eq!(places.get(0), None);
        assert_eq!(places.get(1001), None);
        assert_eq!(places.add_new(500, 7), Some(499), "a repeat is refused");
    }

    #[test]
    fn ids_out_of_order_gaps_and_extremes_are_all_found() {
        let mut places = IdRuns::<usize>::default();
        let ids = [5, 6, 9, 3, 7, i64::MAX, i64::MIN, 8, 4, -1];
        for (at, id) in ids.iter().enumerate() {
            assert_eq!(places.add_new(*id, at), None, "{id}");
        }
        for (at, id) in ids.iter().enumerate() {
            assert_eq!(places.get(*id), Some(at), "{id}");
        }
        for absent in [0, 1, 2, 10, i64::MAX - 1, i64::MIN + 1] {
            assert_eq!(places.get(absent), None, "{absent}");
        }
    }
}
