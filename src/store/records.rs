//! Agenda topics (methods of the `Agenda` area), check-ins (`CheckIns`) and
//! advice loops (`Advice`): asked, open, reported back.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, params};

use super::agenda::{Agenda, AgendaMut};
use super::{Result, Store, StoreError, day_text, instant_text, parse_day_column};
use crate::domain::{AdviceLoop, CheckIn, CheckInDraft, DomainError, Topic, TopicStatus};

const SELECT_TOPIC: &str = "
    SELECT t.id, t.person_id, p.name, t.text, t.position, t.status, t.added_on, t.closed_on
      FROM topic t JOIN person p ON p.id = t.person_id";

impl Agenda<'_> {
    pub fn topic(&self, id: i64) -> Result<Topic> {
        let sql = format!("{SELECT_TOPIC} WHERE t.id = ?1");
        self.store
            .conn
            .query_row(&sql, [id], topic_from_row)
            .optional()?
            .ok_or(StoreError::NotFound { what: "topic", id })
    }

    /// A person's topics in agenda order; closed ones too when `include_closed`.
    pub fn topics(&self, person_id: Option<i64>, include_closed: bool) -> Result<Vec<Topic>> {
        let sql = format!(
            "{SELECT_TOPIC} WHERE (?1 IS NULL OR t.person_id = ?1) AND (t.status = 'open' OR ?2)
             ORDER BY t.status = 'open' DESC, t.person_id, t.position, t.id"
        );
        let mut stmt = self.store.conn.prepare(&sql)?;
        let topics = stmt
            .query_map(params![person_id, include_closed], topic_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(topics)
    }
}

impl AgendaMut<'_> {
    /// Adds an open topic at the end of the person's agenda.
    pub fn add_topic(
        &mut self,
        person_id: i64,
        text: &str,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Topic> {
        let text = text.trim();
        if text.is_empty() {
            return Err(DomainError::Empty("a topic").into());
        }
        let tx = self.store.conn.transaction()?;
        let stamp = instant_text(now);
        tx.execute(
            "INSERT INTO topic (person_id, text, position, added_on, created_at, updated_at)
             VALUES (?1, ?2,
                     (SELECT coalesce(max(position), 0) + 1 FROM topic WHERE person_id = ?1),
                     ?3, ?4, ?4)",
            params![person_id, text, day_text(today), stamp],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        self.store.agenda().topic(id)
    }

    /// Closes an open topic as discussed or dropped.
    pub fn close_topic(
        &mut self,
        id: i64,
        status: TopicStatus,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Topic> {
        let topic = self.store.agenda().topic(id)?;
        if topic.status != TopicStatus::Open {
            return Err(StoreError::Conflict(format!(
                "topic {id} is already {}",
                topic.status.as_str()
            )));
        }
        let tx = self.store.conn.transaction()?;
        tx.execute(
            "UPDATE topic SET status = ?1, closed_on = ?2, updated_at = ?3 WHERE id = ?4",
            params![status.as_str(), day_text(today), instant_text(now), id],
        )?;
        tx.commit()?;
        self.store.agenda().topic(id)
    }
}

/// Reads of check-ins (trust, clarity, ease): `store.check_ins()`.
pub struct CheckIns<'a> {
    pub(super) store: &'a Store,
}

/// Changes to check-ins, each in one transaction: `store.check_ins_mut()`.
pub struct CheckInsMut<'a> {
    pub(super) store: &'a mut Store,
}

impl Store {
    pub fn check_ins(&self) -> CheckIns<'_> {
        CheckIns { store: self }
    }

    pub fn check_ins_mut(&mut self) -> CheckInsMut<'_> {
        CheckInsMut { store: self }
    }
}

impl CheckIns<'_> {
    /// Check-ins, newest first.
    pub fn latest(&self, limit: u32) -> Result<Vec<CheckIn>> {
        let mut stmt = self.store.conn.prepare_cached(&format!(
            "SELECT {CHECK_IN_COLUMNS} FROM checkin
              ORDER BY checked_on DESC, id DESC LIMIT ?1"
        ))?;
        let rows = stmt
            .query_map([limit], check_in_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}

impl CheckInsMut<'_> {
    pub fn add_check_in(&mut self, draft: &CheckInDraft, now: DateTime<Utc>) -> Result<CheckIn> {
        draft.validate()?;
        let tx = self.store.conn.transaction()?;
        tx.execute(
            "INSERT INTO checkin (person_id, checked_on, trust, clarity, ease, note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                draft.person_id,
                day_text(draft.checked_on),
                draft.trust,
                draft.clarity,
                draft.ease,
                draft.note,
                instant_text(now),
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(CheckIn {
            id,
            person_id: draft.person_id,
            checked_on: draft.checked_on,
            trust: draft.trust,
            clarity: draft.clarity,
            ease: draft.ease,
            note: draft.note.clone(),
        })
    }
}

/// Reads of advice asks and what came of them: `store.advice()`.
pub struct Advice<'a> {
    pub(super) store: &'a Store,
}

/// Reports back on advice, each in one transaction: `store.advice_mut()`.
pub struct AdviceMut<'a> {
    pub(super) store: &'a mut Store,
}

impl Store {
    pub fn advice(&self) -> Advice<'_> {
        Advice { store: self }
    }

    pub fn advice_mut(&mut self) -> AdviceMut<'_> {
        AdviceMut { store: self }
    }
}

impl Advice<'_> {
    /// Advice asks not yet reported back on, oldest first.
    pub fn open_advice_loops(&self) -> Result<Vec<AdviceLoop>> {
        let mut stmt = self.store.conn.prepare_cached(&format!(
            "{SELECT_OPEN_ADVICE} ORDER BY i.happened_on, a.id"
        ))?;
        let rows = stmt
            .query_map([], advice_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// The person's oldest advice ask awaiting a report-back, if any.
    pub fn oldest_open_advice(&self, person_id: i64) -> Result<Option<AdviceLoop>> {
        Ok(self
            .store
            .conn
            .prepare_cached(
                "SELECT a.id, a.interaction_id, a.question, a.strength, a.applied, a.reported_on
                   FROM advice_ask k CROSS JOIN advice_loop a ON a.interaction_id = k.interaction_id
                  WHERE k.person_id = ?1 AND k.reported_on IS NULL
                  ORDER BY k.asked_on, k.interaction_id LIMIT 1",
            )?
            .query_row([person_id], advice_from_row)
            .optional()?)
    }

    fn advice_loop(&self, id: i64) -> Result<AdviceLoop> {
        self.store
            .conn
            .query_row(
                "SELECT id, interaction_id, question, strength, applied, reported_on
                   FROM advice_loop WHERE id = ?1",
                [id],
                advice_from_row,
            )
            .optional()?
            .ok_or(StoreError::NotFound {
                what: "advice loop",
                id,
            })
    }
}

impl AdviceMut<'_> {
    /// Records that the user reported back on an advice ask.
    pub fn report_advice(
        &mut self,
        loop_id: i64,
        applied: Option<bool>,
        on: NaiveDate,
    ) -> Result<AdviceLoop> {
        let tx = self.store.conn.transaction()?;
        let changed = tx.execute(
            "UPDATE advice_loop SET applied = ?1, reported_on = ?2 WHERE id = ?3",
            params![applied, day_text(on), loop_id],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound {
                what: "advice loop",
                id: loop_id,
            });
        }
        tx.commit()?;
        self.store.advice().advice_loop(loop_id)
    }
}

fn topic_from_row(row: &Row<'_>) -> rusqlite::Result<Topic> {
    let status: String = row.get(5)?;
    let added_on: String = row.get(6)?;
    let closed_on: Option<String> = row.get(7)?;
    Ok(Topic {
        id: row.get(0)?,
        person_id: row.get(1)?,
        person: row.get(2)?,
        text: row.get(3)?,
        position: row.get(4)?,
        status: TopicStatus::parse(&status).unwrap_or(TopicStatus::Open),
        added_on: parse_day_column(6, &added_on)?,
        closed_on: closed_on.map(|d| parse_day_column(7, &d)).transpose()?,
    })
}

/// Open advice loops (not reported back on) of entries not deleted.
const SELECT_OPEN_ADVICE: &str =
    "SELECT a.id, a.interaction_id, a.question, a.strength, a.applied, a.reported_on
       FROM advice_loop a JOIN interaction i ON i.id = a.interaction_id
      WHERE a.reported_on IS NULL AND i.deleted_at IS NULL";

pub(super) fn advice_from_row(row: &Row<'_>) -> rusqlite::Result<AdviceLoop> {
    let reported_on: Option<String> = row.get(5)?;
    Ok(AdviceLoop {
        id: row.get(0)?,
        interaction_id: row.get(1)?,
        question: row.get(2)?,
        strength: row.get(3)?,
        applied: row.get(4)?,
        reported_on: reported_on.map(|d| parse_day_column(5, &d)).transpose()?,
    })
}

/// The columns [`check_in_from_row`] reads, in its order.
pub(super) const CHECK_IN_COLUMNS: &str = "id, person_id, checked_on, trust, clarity, ease, note";

/// One check-in from a row of [`CHECK_IN_COLUMNS`].
pub(super) fn check_in_from_row(row: &Row<'_>) -> rusqlite::Result<CheckIn> {
    let day: String = row.get(2)?;
    Ok(CheckIn {
        id: row.get(0)?,
        person_id: row.get(1)?,
        checked_on: parse_day_column(2, &day)?,
        trust: row.get(3)?,
        clarity: row.get(4)?,
        ease: row.get(5)?,
        note: row.get(6)?,
    })
}
