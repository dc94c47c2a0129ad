//! Aggregates for Insights and the coach, read from `day_total` (per
//! person, day and kind, kept in step by triggers) so they cost the same
//! whatever the size of the journal.

use chrono::NaiveDate;
use rusqlite::OptionalExtension;

use super::records::{CHECK_IN_COLUMNS, check_in_from_row};
use super::{Result, Store, day_text, parse_day_column};
use crate::domain::{Category, CheckIn, DayFact, LastSeen};

/// Reads of per-day and per-person aggregates (insights, last seen): `store.aggregates()`.
pub struct Aggregates<'a> {
    pub(super) store: &'a Store,
}

impl Store {
    pub fn aggregates(&self) -> Aggregates<'_> {
        Aggregates { store: self }
    }
}

impl Aggregates<'_> {
    /// Per day and kind: how many, their quality sum and count, how many I
    /// started — for one person, from `since` on.
    pub fn day_facts(&self, person_id: i64, since: NaiveDate) -> Result<Vec<DayFact>> {
        let kinds = self.store.people().kinds()?;
        let mut stmt = self.store.conn.prepare_cached(
            "SELECT happened_on, kind_id, count, quality_sum, quality_count, by_me
               FROM day_total
              WHERE person_id = ?1 AND happened_on >= ?2",
        )?;
        let rows = stmt.query_map(rusqlite::params![person_id, day_text(since)], |r| {
            let day: String = r.get(0)?;
            Ok((
                parse_day_column(0, &day)?,
                r.get::<_, i64>(1)?,
                r.get::<_, u32>(2)?,
                r.get::<_, u32>(3)?,
                r.get::<_, u32>(4)?,
                r.get::<_, u32>(5)?,
            ))
        })?;
        let mut facts = Vec::new();
        for row in rows {
            let (day, kind_id, count, quality_sum, quality_count, by_me) = row?;
            let category = kinds
                .iter()
                .find(|k| k.id == kind_id)
                .map_or(Category::Note, |k| k.category);
            facts.push(DayFact {
                day,
                category,
                count,
                quality_sum,
                quality_count,
                by_me,
            });
        }
        Ok(facts)
    }

    /// The day of a person's first entry.
    pub fn earliest_day(&self, person_id: i64) -> Result<Option<NaiveDate>> {
        let first: Option<String> = self
            .store
            .conn
            .prepare_cached("SELECT min(happened_on) FROM day_total WHERE person_id = ?1")?
            .query_row([person_id], |r| r.get(0))?;
        first
            .map(|d| parse_day_column(0, &d))
            .transpose()
            .map_err(Into::into)
    }

    /// The last day of each category with this person, on or before `day`.
    pub fn last_seen_as_of(&self, person_id: i64, day: NaiveDate) -> Result<LastSeen> {
        let mut last = LastSeen::default();
        let mut stmt = self.store.conn.prepare_cached(
            "SELECT max(happened_on) FROM day_total
              WHERE kind_id = ?1 AND person_id = ?2 AND happened_on <= ?3",
        )?;
        let until = day_text(day);
        for kind in self.store.people().kinds()? {
            let seen: Option<String> = stmt
                .query_row(rusqlite::params![kind.id, person_id, until], |r| r.get(0))
                .optional()?
                .flatten();
            let Some(seen) = seen.map(|d| parse_day_column(0, &d)).transpose()? else {
                continue;
            };
            let slot = match kind.category {
                Category::Formal => &mut last.one_on_one,
                Category::Informal => &mut last.informal,
                Category::Ask => &mut last.ask,
                Category::Update => &mut last.summary,
                Category::Feedback => &mut last.feedback,
                _ => continue,
            };
            *slot = Some(slot.map_or(seen, |d| d.max(seen)));
        }
        Ok(last)
    }

    /// The oldest shared `risk` entry with this person logged after `after`
    /// (every one when `None`) and on or before `until`: its day and title.
    pub fn oldest_shared_risk_after(
        &self,
        person_id: i64,
        after: Option<NaiveDate>,
        until: NaiveDate,
    ) -> Result<Option<(NaiveDate, String)>> {
        let mut stmt = self.store.conn.prepare_cached(
            "SELECT i.happened_on, i.title FROM interaction i JOIN kind k ON k.id = i.kind_id
              WHERE i.person_id = ?1 AND k.name = 'risk' AND i.deleted_at IS NULL
                AND i.private = 0 AND i.happened_on <= ?3
                AND (?2 IS NULL OR i.happened_on > ?2)
              ORDER BY i.happened_on, i.id LIMIT 1",
        )?;
        let row: Option<(String, String)> = stmt
            .query_row(
                rusqlite::params![person_id, after.map(day_text), day_text(until)],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        row.map(|(day, title)| Ok((parse_day_column(0, &day)?, title)))
            .transpose()
    }

    /// The last day of each category with this person, whenever it was.
    pub fn last_seen(&self, person_id: i64) -> Result<LastSeen> {
        let mut last = LastSeen::default();
        let mut stmt = self.store.conn.prepare_cached(
            "SELECT max(happened_on) FROM day_total WHERE kind_id = ?1 AND person_id = ?2",
        )?;
        for kind in self.store.people().kinds()? {
            let day: Option<String> = stmt
                .query_row(rusqlite::params![kind.id, person_id], |r| r.get(0))
                .optional()?
                .flatten();
            let Some(day) = day.map(|d| parse_day_column(0, &d)).transpose()? else {
                continue;
            };
            let slot = match kind.category {
                Category::Formal => &mut last.one_on_one,
                Category::Informal => &mut last.informal,
                Category::Ask => &mut last.ask,
                Category::Update => &mut last.summary,
                Category::Feedback => &mut last.feedback,
                Category::Note | Category::Work => continue,
            };
            *slot = Some(slot.map_or(day, |d| d.max(day)));
        }
        Ok(last)
    }

    /// Check-ins about this person (or about no one in particular), from `since`.
    pub fn check_ins_since(&self, person_id: i64, since: NaiveDate) -> Result<Vec<CheckIn>> {
        let mut stmt = self.store.conn.prepare_cached(&format!(
            "SELECT {CHECK_IN_COLUMNS} FROM checkin
              WHERE checked_on >= ?2 AND (person_id = ?1 OR person_id IS NULL)
              ORDER BY checked_on, id"
        ))?;
        let rows = stmt
            .query_map(
                rusqlite::params![person_id, day_text(since)],
                check_in_from_row,
            )?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}
