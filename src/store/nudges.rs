//! The coach's side of the journal: the rows its signals are computed
//! from, and the nudge state (snoozed, dismissed, done, switched off).

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, params};

use super::records::{CHECK_IN_COLUMNS, check_in_from_row};
use super::{Result, Store, day_text, parse_day_column};
use crate::domain::{CheckIn, RuleState};

/// What the user did with a suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nudge {
    /// Quiet until this day.
    Snooze(NaiveDate),
    /// Not this occurrence; quiet at least until the day given.
    Dismiss {
        anchor: Option<NaiveDate>,
        until: NaiveDate,
    },
    /// Acted on; quiet at least until the day given.
    Done {
        anchor: Option<NaiveDate>,
        until: NaiveDate,
    },
    SwitchOff,
    SwitchOn,
}

/// The advice asks open on a day (`interaction_id`, `asked_on`) for person
/// `?1` on day `?2`, all from the `advice_ask` index: those still open, and
/// those reported back after the day (few unless the day is long past).
pub(crate) const OPEN_ASKS_AS_OF: &str = "
    SELECT interaction_id, asked_on FROM advice_ask
     WHERE person_id = ?1 AND reported_on IS NULL AND asked_on <= ?2
    UNION ALL
    SELECT interaction_id, asked_on FROM advice_ask
     WHERE person_id = ?1 AND reported_on > ?2 AND asked_on <= ?2";

/// The advice asks open on a day: the oldest few, and counts.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OpenAsks {
    /// The oldest open asks: question and day asked, oldest first.
    pub oldest: Vec<(String, NaiveDate)>,
    /// How many were open.
    pub open: usize,
    /// How many were reported back on or before the day.
    pub reported: u32,
}

/// A person's advice asks on a day: open, and reported back by then.
struct AskCounts {
    open: usize,
    reported: usize,
}

/// Reads of what the coach's signals are computed from, and of nudge state: `store.nudges()`.
pub struct Nudges<'a> {
    pub(super) store: &'a Store,
}

/// Changes to nudge state, each in one transaction: `store.nudges_mut()`.
pub struct NudgesMut<'a> {
    pub(super) store: &'a mut Store,
}

impl Store {
    pub fn nudges(&self) -> Nudges<'_> {
        Nudges { store: self }
    }

    pub fn nudges_mut(&mut self) -> NudgesMut<'_> {
        NudgesMut { store: self }
    }
}

impl Nudges<'_> {
    /// The person's last `limit` check-ins (and those about no one in
    /// particular) on or before `until`, newest first.
    pub fn last_check_ins(
        &self,
        person_id: i64,
        until: NaiveDate,
        limit: u32,
    ) -> Result<Vec<CheckIn>> {
        let mut stmt = self.store.conn.prepare_cached(&format!(
            "SELECT {CHECK_IN_COLUMNS} FROM checkin
              WHERE (person_id = ?1 OR person_id IS NULL) AND checked_on <= ?3
              ORDER BY checked_on DESC, id DESC LIMIT ?2"
        ))?;
        let rows = stmt
            .query_map(
                params![person_id, limit, day_text(until)],
                check_in_from_row,
            )?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// As of `day`: the oldest `limit` advice asks still open (question and
    /// day asked, oldest first), how many were open in all, and how many
    /// were reported back. Read by index: the cost follows `limit`.
    pub fn advice_asks_as_of(
        &self,
        person_id: i64,
        day: NaiveDate,
        limit: u32,
    ) -> Result<OpenAsks> {
        let day_key = day_text(day);
        let mut stmt = self.store.conn.prepare_cached(&format!(
            "SELECT a.question, o.asked_on
               FROM ({OPEN_ASKS_AS_OF} ORDER BY 2, 1 LIMIT ?3) o
               JOIN advice_loop a ON a.interaction_id = o.interaction_id
              ORDER BY o.asked_on, o.interaction_id"
        ))?;
        let oldest = stmt
            .query_map(params![person_id, day_key, limit], |r| {
                let asked: String = r.get(1)?;
                Ok((r.get(0)?, parse_day_column(1, &asked)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let counts = self.advice_asks_counted(person_id, day)?;
        Ok(OpenAsks {
            oldest,
            open: counts.open,
            reported: u32::try_from(counts.reported).unwrap_or(u32::MAX),
        })
    }

    /// How many of the person's advice asks were open on `day`: asked by
    /// then and not reported back by then.
    pub fn open_asks_counted(&self, person_id: i64, day: NaiveDate) -> Result<usize> {
        Ok(self.advice_asks_counted(person_id, day)?.open)
    }

    /// The person's asks open on `day` and reported back by then, counted
    /// from the totals in `advice_ask_count` (kept by triggers) less the
    /// asks dated after the day, which the `advice_ask` index finds by
    /// range: a few reads for today, however many asks there are.
    fn advice_asks_counted(&self, person_id: i64, day: NaiveDate) -> Result<AskCounts> {
        let (open, reported): (i64, i64) = self
            .store
            .conn
            .prepare_cached(
                "SELECT c.asked - c.reported
                        - (SELECT count(*) FROM advice_ask
                            WHERE person_id = ?1 AND reported_on IS NULL AND asked_on > ?2)
                        + (SELECT count(*) FROM advice_ask
                            WHERE person_id = ?1 AND reported_on > ?2 AND asked_on <= ?2),
                        c.reported
                        - (SELECT count(*) FROM advice_ask WHERE person_id = ?1 AND reported_on > ?2)
                   FROM (SELECT coalesce(max(asked), 0) AS asked, coalesce(max(reported), 0) AS reported
                           FROM advice_ask_count WHERE person_id = ?1) c",
            )?
            .query_row(params![person_id, day_text(day)], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        Ok(AskCounts {
            open: usize::try_from(open).unwrap_or_default(),
            reported: usize::try_from(reported).unwrap_or_default(),
        })
    }

    /// The nudge state of every rule for this person that has one.
    pub fn nudge_states(&self, person_id: i64) -> Result<Vec<RuleState>> {
        let mut stmt = self.store.conn.prepare_cached(
            "SELECT rule_id, snoozed_until, anchor, dismissed_at, done_at, switched_off
               FROM nudge_state WHERE person_id = ?1",
        )?;
        let day = |idx: usize, text: Option<String>| -> rusqlite::Result<Option<NaiveDate>> {
            text.map(|t| parse_day_column(idx, &t)).transpose()
        };
        let rows = stmt
            .query_map([person_id], |r| {
                Ok(RuleState {
                    rule_id: r.get(0)?,
                    quiet_until: day(1, r.get(1)?)?,
                    anchor: day(2, r.get(2)?)?,
                    dismissed_on: day(3, r.get(3)?)?,
                    done_on: day(4, r.get(4)?)?,
                    switched_off: r.get(5)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Whether a rule is switched off for this person.
    pub fn is_switched_off(&self, rule_id: &str, person_id: i64) -> Result<bool> {
        Ok(self
            .store
            .conn
            .query_row(
                "SELECT switched_off FROM nudge_state WHERE rule_id = ?1 AND person_id = ?2",
                params![rule_id, person_id],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(false))
    }
}

impl NudgesMut<'_> {
    /// Records what the user did with a rule's suggestion, on `today`.
    pub fn record_nudge(
        &mut self,
        rule_id: &str,
        person_id: i64,
        nudge: Nudge,
        today: NaiveDate,
    ) -> Result<()> {
        let tx = self.store.conn.transaction()?;
        tx.execute(
            "INSERT INTO nudge_state (rule_id, person_id) VALUES (?1, ?2)
             ON CONFLICT (rule_id, person_id) DO NOTHING",
            params![rule_id, person_id],
        )?;
        let today = day_text(today);
        match nudge {
            Nudge::Snooze(until) => tx.execute(
                "UPDATE nudge_state SET snoozed_until = ?3, dismissed_at = NULL, done_at = NULL
                  WHERE rule_id = ?1 AND person_id = ?2",
                params![rule_id, person_id, day_text(until)],
            )?,
            Nudge::Dismiss { anchor, until } => tx.execute(
                "UPDATE nudge_state SET snoozed_until = ?3, anchor = ?4, dismissed_at = ?5, done_at = NULL
                  WHERE rule_id = ?1 AND person_id = ?2",
                params![rule_id, person_id, day_text(until), anchor.map(day_text), today],
            )?,
            Nudge::Done { anchor, until } => tx.execute(
                "UPDATE nudge_state SET snoozed_until = ?3, anchor = ?4, done_at = ?5, dismissed_at = NULL
                  WHERE rule_id = ?1 AND person_id = ?2",
                params![rule_id, person_id, day_text(until), anchor.map(day_text), today],
            )?,
            Nudge::SwitchOff => tx.execute(
                "UPDATE nudge_state SET switched_off = 1 WHERE rule_id = ?1 AND person_id = ?2",
                params![rule_id, person_id],
            )?,
            Nudge::SwitchOn => tx.execute(
                "UPDATE nudge_state SET switched_off = 0 WHERE rule_id = ?1 AND person_id = ?2",
                params![rule_id, person_id],
            )?,
        };
        tx.commit()?;
        Ok(())
    }
}
