//! The agenda's order (a topic moved up or down) and closing the topics a
//! 1:1 discussed.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::super::agenda::AgendaMut;
use super::super::{Result, StoreError, instant_text};
use super::topic_owner;
use crate::domain::Topic;

/// Which way a topic moves in the agenda.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TopicMove {
    Up,
    Down,
}

impl AgendaMut<'_> {
    /// Moves an open topic one place up or down its person's agenda; `false`
    /// when it is already first (or last). The agenda is renumbered in the
    /// same transaction, so equal positions (from imports) cannot stall it.
    pub fn move_topic(
        &mut self,
        id: i64,
        direction: TopicMove,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let tx = self.store.conn.transaction()?;
        let (person_id, status): (i64, String) = tx
            .query_row(
                "SELECT person_id, status FROM topic WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(StoreError::NotFound { what: "topic", id })?;
        if status != "open" {
            return Err(StoreError::Conflict(format!(
                "topic {id} is already {status}: only open topics are on the agenda"
            )));
        }
        let mut order: Vec<i64> = tx
            .prepare_cached(
                "SELECT id FROM topic WHERE person_id = ?1 AND status = 'open'
                  ORDER BY position, id",
            )?
            .query_map([person_id], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let Some(at) = order.iter().position(|t| *t == id) else {
            return Ok(false);
        };
        let to = match direction {
            TopicMove::Up => at.checked_sub(1),
            TopicMove::Down => Some(at + 1).filter(|to| *to < order.len()),
        };
        let Some(to) = to else {
            return Ok(false);
        };
        order.swap(at, to);
        let mut stmt = tx.prepare_cached(
            "UPDATE topic SET position = ?1, updated_at = ?2 WHERE id = ?3 AND position IS NOT ?1",
        )?;
        let stamp = instant_text(now);
        for (position, topic_id) in (1_i64..).zip(&order) {
            stmt.execute(params![position, stamp, topic_id])?;
        }
        drop(stmt);
        tx.commit()?;
        Ok(true)
    }

    /// Closes open topics as discussed in `interaction_id` (a 1:1 with the
    /// same person), dated that interaction's day.
    pub fn close_topics_discussed(
        &mut self,
        interaction_id: i64,
        topic_ids: &[i64],
        now: DateTime<Utc>,
    ) -> Result<Vec<Topic>> {
        let tx = self.store.conn.transaction()?;
        close_discussed(&tx, interaction_id, topic_ids, now)?;
        tx.commit()?;
        topic_ids
            .iter()
            .map(|id| self.store.agenda().topic(*id))
            .collect()
    }
}

/// Closes open topics as discussed in a live interaction with their person.
pub(super) fn close_discussed(
    tx: &Transaction<'_>,
    interaction_id: i64,
    topic_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<()> {
    let (person_id, day): (i64, String) = tx
        .query_row(
            "SELECT person_id, happened_on FROM interaction WHERE id = ?1 AND deleted_at IS NULL",
            [interaction_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or(StoreError::NotFound {
            what: "entry",
            id: interaction_id,
        })?;
    let stamp = instant_text(now);
    for topic_id in topic_ids {
        if topic_owner(tx, *topic_id)? != person_id {
            return Err(StoreError::Conflict(format!(
                "topic {topic_id} is on another person's agenda than entry {interaction_id}"
            )));
        }
        let changed = tx.execute(
            "UPDATE topic SET status = 'discussed', closed_on = ?1, closed_by_interaction = ?2,
                              updated_at = ?3
              WHERE id = ?4 AND status = 'open'",
            params![day, interaction_id, stamp, topic_id],
        )?;
        if changed == 0 {
            return Err(StoreError::Conflict(format!(
                "topic {topic_id} is already closed"
            )));
        }
    }
    Ok(())
}
