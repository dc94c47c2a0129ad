//! The 1:1 series imported from a calendar: replaced whole on each import,
//! read back as occurrences, and the next one that happens.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::{Result, Store, StoreError, day_text, instant_text, parse_day_column, time_text};
use crate::domain::calendar::{Occurrence, Series};

/// Reads of the one-on-one calendar: `store.calendar()`.
pub struct Calendar<'a> {
    pub(super) store: &'a Store,
}

/// Changes to the one-on-one calendar, each in one transaction: `store.calendar_mut()`.
pub struct CalendarMut<'a> {
    pub(super) store: &'a mut Store,
}

impl Store {
    pub fn calendar(&self) -> Calendar<'_> {
        Calendar { store: self }
    }

    pub fn calendar_mut(&mut self) -> CalendarMut<'_> {
        CalendarMut { store: self }
    }
}

impl Calendar<'_> {
    /// The person's calendar series as imported, if any.
    pub fn series(&self, person_id: i64) -> Result<Option<Series>> {
        let head: Option<(String, String, String)> = self
            .store
            .conn
            .query_row(
                "SELECT series_uid, series_title, rule FROM calendar_occurrence
                  WHERE person_id = ?1 LIMIT 1",
                [person_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((uid, title, rule)) = head else {
            return Ok(None);
        };
        let mut stmt = self.store.conn.prepare_cached(
            "SELECT original_on, happens_on, at_time, cancelled_by FROM calendar_occurrence
              WHERE person_id = ?1 ORDER BY original_on",
        )?;
        let occurrences = stmt
            .query_map([person_id], |r| {
                let original: String = r.get(0)?;
                let happens: Option<String> = r.get(1)?;
                let at: Option<String> = r.get(2)?;
                Ok(Occurrence {
                    original_on: parse_day_column(0, &original)?,
                    happens_on: happens.map(|d| parse_day_column(1, &d)).transpose()?,
                    at: at.and_then(|t| NaiveTime::parse_from_str(&t, "%H:%M").ok()),
                    cancelled_by: r.get(3)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Some(Series {
            uid,
            title,
            rule,
            occurrences,
        }))
    }

    /// The days from `from` to `to` with at least one 1:1 (formal category)
    /// with the person, in order: one row per day from the day totals,
    /// however many entries a day holds.
    pub fn one_on_one_days_distinct(
        &self,
        person_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<NaiveDate>> {
        let mut stmt = self.store.conn.prepare_cached(
            "SELECT DISTINCT d.happened_on FROM day_total d JOIN kind k ON k.id = d.kind_id
              WHERE d.person_id = ?1 AND k.category = 'formal'
                AND d.happened_on BETWEEN ?2 AND ?3
              ORDER BY d.happened_on",
        )?;
        let days = stmt
            .query_map(params![person_id, day_text(from), day_text(to)], |r| {
                let day: String = r.get(0)?;
                parse_day_column(0, &day)
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(days)
    }

    /// The first day on or after `from` that the person's calendar has a
    /// 1:1 happening; `None` without a series or past its end.
    pub fn next_day(&self, person_id: i64, from: NaiveDate) -> Result<Option<NaiveDate>> {
        let next: Option<String> = self
            .store
            .conn
            .prepare_cached(
                "SELECT min(happens_on) FROM calendar_occurrence
                  WHERE person_id = ?1 AND happens_on >= ?2",
            )?
            .query_row(params![person_id, day_text(from)], |r| r.get(0))?;
        next.map(|d| parse_day_column(0, &d))
            .transpose()
            .map_err(Into::into)
    }
}

impl CalendarMut<'_> {
    /// Replaces the person's calendar series with `series`, in one
    /// transaction; returns how many occurrences were there before.
    pub fn replace_series(
        &mut self,
        person_id: i64,
        series: &Series,
        now: DateTime<Utc>,
    ) -> Result<usize> {
        let tx = self.store.conn.transaction()?;
        let person: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM person WHERE id = ?1)",
            [person_id],
            |r| r.get(0),
        )?;
        if !person {
            return Err(StoreError::NotFound {
                what: "person",
                id: person_id,
            });
        }
        let replaced = tx.execute(
            "DELETE FROM calendar_occurrence WHERE person_id = ?1",
            [person_id],
        )?;
        let stamp = instant_text(now);
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO calendar_occurrence (person_id, series_uid, series_title, rule,
                     original_on, happens_on, at_time, cancelled_by, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            for o in &series.occurrences {
                insert.execute(params![
                    person_id,
                    series.uid,
                    series.title,
                    series.rule,
                    day_text(o.original_on),
                    o.happens_on.map(day_text),
                    o.at.map(time_text),
                    o.cancelled_by,
                    stamp
                ])?;
            }
        }
        tx.commit()?;
        Ok(replaced)
    }
}
