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

impl Store {
    /// The person's last `limit` check-ins (and those about no one in
    /// particular) on or before `until`, newest first.
    pub fn last_check_ins(
        &self,
        person_id: i64,
        until: NaiveDate,
        limit: u32,
    ) -> Result<Vec<CheckIn>> {
        let mut stmt = self.conn.prepare_cached(&format!(
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

    /// As of `day`: the advice asks still open (question and day asked,
    /// oldest first), and how many were reported back.
    pub fn advice_asks_as_of(
        &self,
        person_id: i64,
        day: NaiveDate,
    ) -> Result<(Vec<(String, NaiveDate)>, u32)> {
        let day = day_text(day);
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.question, i.happened_on FROM advice_loop a
               JOIN interaction i ON i.id = a.interaction_id
              WHERE (a.reported_on IS NULL OR a.reported_on > ?2)
                AND i.deleted_at IS NULL AND i.person_id = ?1 AND i.happened_on <= ?2
              ORDER BY i.happened_on, i.id",
        )?;
        let open = stmt
            .query_map(params![person_id, day], |r| {
                let asked: String = r.get(1)?;
                Ok((r.get(0)?, parse_day_column(1, &asked)?))
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let reported: u32 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM advice_loop a JOIN interaction i ON i.id = a.interaction_id
              WHERE a.reported_on <= ?2 AND i.deleted_at IS NULL AND i.person_id = ?1",
            )?
            .query_row(params![person_id, day], |r| r.get(0))?;
        Ok((open, reported))
    }

    /// The nudge state of every rule for this person that has one.
    pub fn nudge_states(&self, person_id: i64) -> Result<Vec<RuleState>> {
        let mut stmt = self.conn.prepare_cached(
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

    /// Records what the user did with a rule's suggestion, on `today`.
    pub fn record_nudge(
        &mut self,
        rule_id: &str,
        person_id: i64,
        nudge: Nudge,
        today: NaiveDate,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
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

    /// Whether a rule is switched off for this person.
    pub fn is_switched_off(&self, rule_id: &str, person_id: i64) -> Result<bool> {
        Ok(self
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
