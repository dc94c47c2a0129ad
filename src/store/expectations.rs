//! Expectations made explicit, theirs of you and yours of them: added as
//! assumed, then agreed or found unclear together; dropped ones are kept
//! until undone.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, params};

use super::profiles::{Profiles, ProfilesMut};
use super::{Result, StoreError, day_text, instant_text, parse_day_column};
use crate::domain::{DomainError, Expectation, ExpectationDraft, ExpectationState};

const COLUMNS: &str = "id, person_id, text, held_by, state, added_on, confirmed_on, dropped_on";

impl Profiles<'_> {
    pub fn expectation(&self, id: i64) -> Result<Expectation> {
        let sql = format!("SELECT {COLUMNS} FROM expectation WHERE id = ?1");
        self.store
            .conn
            .query_row(&sql, [id], expectation_from_row)
            .optional()?
            .ok_or(StoreError::NotFound {
                what: "expectation",
                id,
            })
    }

    /// A person's expectations (everyone's with `None`): theirs of you first,
    /// then yours of them, each oldest first; dropped ones only if asked.
    pub fn expectations(
        &self,
        person_id: Option<i64>,
        include_dropped: bool,
    ) -> Result<Vec<Expectation>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM expectation
              WHERE (?1 IS NULL OR person_id = ?1) AND (dropped_on IS NULL OR ?2)
              ORDER BY person_id, held_by = 'me', id"
        );
        let mut stmt = self.store.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params![person_id, include_dropped], expectation_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    fn missing_expectation(&self, id: i64) -> StoreError {
        match self.expectation(id) {
            Ok(e) if e.dropped_on.is_some() => StoreError::Conflict(format!(
                "expectation {id} was dropped; add it again to use it"
            )),
            _ => StoreError::NotFound {
                what: "expectation",
                id,
            },
        }
    }
}

impl ProfilesMut<'_> {
    pub fn add_expectation(
        &mut self,
        draft: &ExpectationDraft,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Expectation> {
        let mut draft = draft.clone();
        draft.validate()?;
        let tx = self.store.conn.transaction()?;
        let found: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM person WHERE id = ?1)",
            [draft.person_id],
            |r| r.get(0),
        )?;
        if !found {
            return Err(StoreError::NotFound {
                what: "person",
                id: draft.person_id,
            });
        }
        let stamp = instant_text(now);
        tx.execute(
            "INSERT INTO expectation (person_id, text, held_by, added_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
            params![
                draft.person_id,
                draft.text,
                draft.held_by.as_str(),
                day_text(today),
                stamp
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        self.store.profiles().expectation(id)
    }

    /// Agreed (confirmed today), unclear, or back to assumed.
    pub fn set_expectation_state(
        &mut self,
        id: i64,
        state: ExpectationState,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Expectation> {
        let tx = self.store.conn.transaction()?;
        let confirmed = (state == ExpectationState::Agreed).then(|| day_text(today));
        let changed = tx.execute(
            "UPDATE expectation SET state = ?2, confirmed_on = coalesce(?3, confirmed_on),
                    updated_at = ?4
              WHERE id = ?1 AND dropped_on IS NULL",
            params![id, state.as_str(), confirmed, instant_text(now)],
        )?;
        if changed == 0 {
            drop(tx);
            return Err(self.store.profiles().missing_expectation(id));
        }
        tx.commit()?;
        self.store.profiles().expectation(id)
    }

    /// New words for an expectation; where it stands is unchanged.
    pub fn edit_expectation(
        &mut self,
        id: i64,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<Expectation> {
        let text = text.trim();
        if text.is_empty() {
            return Err(DomainError::Empty("an expectation's text").into());
        }
        let tx = self.store.conn.transaction()?;
        let changed = tx.execute(
            "UPDATE expectation SET text = ?2, updated_at = ?3 WHERE id = ?1 AND dropped_on IS NULL",
            params![id, text, instant_text(now)],
        )?;
        if changed == 0 {
            drop(tx);
            return Err(self.store.profiles().missing_expectation(id));
        }
        tx.commit()?;
        self.store.profiles().expectation(id)
    }

    /// Drops an expectation (kept, out of lists); `restore_expectation` undoes it.
    pub fn drop_expectation(
        &mut self,
        id: i64,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Expectation> {
        let tx = self.store.conn.transaction()?;
        let changed = tx.execute(
            "UPDATE expectation SET dropped_on = ?2, updated_at = ?3
              WHERE id = ?1 AND dropped_on IS NULL",
            params![id, day_text(today), instant_text(now)],
        )?;
        if changed == 0 {
            drop(tx);
            return Err(self.store.profiles().missing_expectation(id));
        }
        tx.commit()?;
        self.store.profiles().expectation(id)
    }

    pub fn restore_expectation(&mut self, id: i64, now: DateTime<Utc>) -> Result<Expectation> {
        let tx = self.store.conn.transaction()?;
        let changed = tx.execute(
            "UPDATE expectation SET dropped_on = NULL, updated_at = ?2
              WHERE id = ?1 AND dropped_on IS NOT NULL",
            params![id, instant_text(now)],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound {
                what: "dropped expectation",
                id,
            });
        }
        tx.commit()?;
        self.store.profiles().expectation(id)
    }
}

fn expectation_from_row(row: &Row<'_>) -> rusqlite::Result<Expectation> {
    let word = |idx: usize| -> rusqlite::Result<String> { row.get(idx) };
    let bad = |idx: usize, e: DomainError| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    };
    let day = |idx: usize| -> rusqlite::Result<Option<NaiveDate>> {
        let text: Option<String> = row.get(idx)?;
        text.map(|t| parse_day_column(idx, &t)).transpose()
    };
    let added: String = row.get(5)?;
    Ok(Expectation {
        id: row.get(0)?,
        person_id: row.get(1)?,
        text: row.get(2)?,
        held_by: word(3)?.parse().map_err(|e| bad(3, e))?,
        state: word(4)?.parse().map_err(|e| bad(4, e))?,
        added_on: parse_day_column(5, &added)?,
        confirmed_on: day(6)?,
        dropped_on: day(7)?,
    })
}
