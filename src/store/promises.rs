//! Promises in and out: made, kept, missed, moved (the old due day kept in
//! `promise_move`) and dropped. Every change of state is one transaction
//! that reads the promise, checks the move against the state machine of
//! `domain::promise`, and writes.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::{Result, Store, StoreError, day_text, instant_text, parse_day_column};
use crate::domain::promise::check_not_before;
use crate::domain::{DomainError, Promise, PromiseChange, PromiseDraft, PromiseMove, PromiseState};

const COLUMNS: &str =
    "id, person_id, text, made_by, made_on, interaction_id, due_on, state, closed_on";

/// Which promises to read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PromiseFilter {
    /// Only those about this person.
    pub person_id: Option<i64>,
    /// Kept, missed and dropped ones too.
    pub include_closed: bool,
}

/// Reads of promises: `store.promises()`.
pub struct Promises<'a> {
    pub(super) store: &'a Store,
}

/// Changes to promises, each in one transaction: `store.promises_mut()`.
pub struct PromisesMut<'a> {
    pub(super) store: &'a mut Store,
}

impl Store {
    pub fn promises(&self) -> Promises<'_> {
        Promises { store: self }
    }

    pub fn promises_mut(&mut self) -> PromisesMut<'_> {
        PromisesMut { store: self }
    }
}

impl Promises<'_> {
    /// One promise with its moves.
    pub fn promise(&self, id: i64) -> Result<Promise> {
        let sql = format!("SELECT {COLUMNS} FROM promise WHERE id = ?1");
        let mut promise = self
            .store
            .conn
            .query_row(&sql, [id], promise_from_row)
            .optional()?
            .ok_or(StoreError::NotFound {
                what: "promise",
                id,
            })?;
        promise.moves = moves_of(&self.store.conn, Some(id))?
            .remove(&id)
            .unwrap_or_default();
        Ok(promise)
    }

    /// Promises, open ones first by due day (none last), then the closed
    /// ones (when asked for) latest first.
    pub fn list(&self, filter: PromiseFilter) -> Result<Vec<Promise>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM promise
              WHERE (?1 IS NULL OR person_id = ?1)
                AND (?2 OR state IN ('open', 'renegotiated'))
              ORDER BY state NOT IN ('open', 'renegotiated'), due_on IS NULL, due_on,
                       closed_on DESC, id"
        );
        let mut stmt = self.store.conn.prepare_cached(&sql)?;
        let mut list = stmt
            .query_map(
                params![filter.person_id, filter.include_closed],
                promise_from_row,
            )?
            .collect::<Result<Vec<_>, _>>()?;
        let mut moves = moves_of(&self.store.conn, None)?;
        for promise in &mut list {
            promise.moves = moves.remove(&promise.id).unwrap_or_default();
        }
        Ok(list)
    }
}

impl PromisesMut<'_> {
    /// Saves a new open promise.
    pub fn add(&mut self, draft: &PromiseDraft, now: DateTime<Utc>) -> Result<Promise> {
        let mut draft = draft.clone();
        draft.validate()?;
        let tx = self.store.conn.transaction()?;
        let person: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM person WHERE id = ?1)",
            [draft.person_id],
            |r| r.get(0),
        )?;
        if !person {
            return Err(StoreError::NotFound {
                what: "person",
                id: draft.person_id,
            });
        }
        if let Some(entry) = draft.interaction_id {
            let found: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM interaction WHERE id = ?1 AND deleted_at IS NULL)",
                [entry],
                |r| r.get(0),
            )?;
            if !found {
                return Err(StoreError::NotFound {
                    what: "entry",
                    id: entry,
                });
            }
        }
        let id = insert_promise(&tx, &draft, &instant_text(now))?;
        tx.commit()?;
        self.store.promises().promise(id)
    }

    /// Kept on `day` (on or after the day it was made, not after today).
    pub fn keep(
        &mut self,
        id: i64,
        day: NaiveDate,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Promise> {
        if day > today {
            return Err(StoreError::Conflict(format!(
                "{day} is after today: a promise is kept on the day it was done"
            )));
        }
        let tx = self.store.conn.transaction()?;
        let promise = open_for(&tx, id, PromiseChange::Keep)?;
        check_not_before(day, promise.made_on, "day kept")?;
        set_state(&tx, id, PromiseState::Kept, Some(day), now)?;
        tx.commit()?;
        self.store.promises().promise(id)
    }

    /// Its day passed without it: missed, as of `today`.
    pub fn miss(&mut self, id: i64, today: NaiveDate, now: DateTime<Utc>) -> Result<Promise> {
        let tx = self.store.conn.transaction()?;
        let promise = open_for(&tx, id, PromiseChange::Miss)?;
        let day = today.max(promise.made_on);
        set_state(&tx, id, PromiseState::Missed, Some(day), now)?;
        tx.commit()?;
        self.store.promises().promise(id)
    }

    /// Renegotiated to a new due day; the old one goes into its history.
    pub fn move_due(
        &mut self,
        id: i64,
        due_on: NaiveDate,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Promise> {
        let tx = self.store.conn.transaction()?;
        let promise = open_for(&tx, id, PromiseChange::Move)?;
        check_not_before(due_on, promise.made_on, "due day")?;
        if promise.due_on == Some(due_on) {
            return Err(StoreError::Conflict(format!(
                "promise {id} is already due on {due_on}; give another day to move it"
            )));
        }
        tx.execute(
            "INSERT INTO promise_move (promise_id, moved_on, from_due, to_due)
             VALUES (?1, ?2, ?3, ?4)",
            params![
                id,
                day_text(today.max(promise.made_on)),
                promise.due_on.map(day_text),
                day_text(due_on)
            ],
        )?;
        tx.execute(
            "UPDATE promise SET due_on = ?2, state = 'renegotiated', closed_on = NULL,
                    updated_at = ?3
              WHERE id = ?1",
            params![id, day_text(due_on), instant_text(now)],
        )?;
        tx.commit()?;
        self.store.promises().promise(id)
    }

    /// Not going to happen, by agreement: kept in the history, out of lists.
    pub fn drop(&mut self, id: i64, today: NaiveDate, now: DateTime<Utc>) -> Result<Promise> {
        let tx = self.store.conn.transaction()?;
        let promise = open_for(&tx, id, PromiseChange::Drop)?;
        let day = today.max(promise.made_on);
        set_state(&tx, id, PromiseState::Dropped, Some(day), now)?;
        tx.commit()?;
        self.store.promises().promise(id)
    }
}

/// Inserts a validated draft in `tx` (its person and entry known to be
/// there); returns the new promise's id.
pub(super) fn insert_promise(
    tx: &Transaction<'_>,
    draft: &PromiseDraft,
    stamp: &str,
) -> Result<i64> {
    let mut draft = draft.clone();
    draft.validate()?;
    tx.execute(
        "INSERT INTO promise (person_id, text, made_by, made_on, interaction_id, due_on,
                              created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![
            draft.person_id,
            draft.text,
            draft.made_by.as_str(),
            day_text(draft.made_on),
            draft.interaction_id,
            draft.due_on.map(day_text),
            stamp
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// The promise `id`, read inside the transaction, if `change` may happen to it.
fn open_for(tx: &Transaction<'_>, id: i64, change: PromiseChange) -> Result<Promise> {
    let sql = format!("SELECT {COLUMNS} FROM promise WHERE id = ?1");
    let promise = tx
        .query_row(&sql, [id], promise_from_row)
        .optional()?
        .ok_or(StoreError::NotFound {
            what: "promise",
            id,
        })?;
    if !promise.state.allows(change) {
        let when = promise
            .closed_on
            .map(|d| format!(" on {d}"))
            .unwrap_or_default();
        return Err(StoreError::Conflict(format!(
            "promise {id} was already {}{when}, so it cannot be {}",
            promise.state.as_str(),
            change.past()
        )));
    }
    Ok(promise)
}

fn set_state(
    tx: &Transaction<'_>,
    id: i64,
    state: PromiseState,
    closed_on: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        "UPDATE promise SET state = ?2, closed_on = ?3, updated_at = ?4 WHERE id = ?1",
        params![
            id,
            state.as_str(),
            closed_on.map(day_text),
            instant_text(now)
        ],
    )?;
    Ok(())
}

/// The moves of one promise (or of all), grouped by promise, oldest first.
fn moves_of(
    conn: &rusqlite::Connection,
    promise_id: Option<i64>,
) -> Result<HashMap<i64, Vec<PromiseMove>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT promise_id, moved_on, from_due, to_due FROM promise_move
          WHERE ?1 IS NULL OR promise_id = ?1 ORDER BY promise_id, id",
    )?;
    let rows = stmt.query_map([promise_id], |r| {
        let moved: String = r.get(1)?;
        let from: Option<String> = r.get(2)?;
        let to: String = r.get(3)?;
        Ok((
            r.get::<_, i64>(0)?,
            PromiseMove {
                moved_on: parse_day_column(1, &moved)?,
                from_due: from.map(|f| parse_day_column(2, &f)).transpose()?,
                to_due: parse_day_column(3, &to)?,
            },
        ))
    })?;
    let mut out: HashMap<i64, Vec<PromiseMove>> = HashMap::new();
    for row in rows {
        let (id, mv) = row?;
        out.entry(id).or_default().push(mv);
    }
    Ok(out)
}

fn promise_from_row(row: &Row<'_>) -> rusqlite::Result<Promise> {
    let bad = |idx: usize, e: DomainError| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    };
    let day = |idx: usize| -> rusqlite::Result<Option<NaiveDate>> {
        let text: Option<String> = row.get(idx)?;
        text.map(|t| parse_day_column(idx, &t)).transpose()
    };
    let made_by: String = row.get(3)?;
    let made_on: String = row.get(4)?;
    let state: String = row.get(7)?;
    Ok(Promise {
        id: row.get(0)?,
        person_id: row.get(1)?,
        text: row.get(2)?,
        made_by: made_by.parse().map_err(|e| bad(3, e))?,
        made_on: parse_day_column(4, &made_on)?,
        interaction_id: row.get(5)?,
        due_on: day(6)?,
        state: state.parse().map_err(|e| bad(7, e))?,
        closed_on: day(8)?,
        moves: Vec::new(),
    })
}
