//! The rows the prep sheet and the summary generator are built from: the
//! last 1:1, the days of 1:1s, advice asks and topics as they stood on a day.

use chrono::NaiveDate;
use rusqlite::params;

use super::super::agenda::Agenda;
use super::super::nudges::OPEN_ASKS_AS_OF;
use super::super::records::{Advice, advice_from_row};
use super::super::{InteractionFilter, PageRequest, Result, day_text, parse_day_column};
use crate::domain::{ADVICE_SHOWN, AdviceLoop, AwaitingAdvice, Category, Interaction, Topic};

impl Agenda<'_> {
    /// The last 1:1 (formal category) with the person on or before `day`.
    pub fn last_one_on_one(&self, person_id: i64, day: NaiveDate) -> Result<Option<Interaction>> {
        let filter = InteractionFilter {
            category: Some(Category::Formal),
            person_id: Some(person_id),
            until: Some(day),
            ..InteractionFilter::default()
        };
        let page = PageRequest {
            limit: 1,
            after: None,
        };
        Ok(self
            .store
            .entries()
            .interactions(&filter, page)?
            .into_iter()
            .next())
    }

    /// One day per 1:1 with the person after `after` and up to `until`, in
    /// order: what topic carry-over counts are made of.
    pub fn one_on_one_days(
        &self,
        person_id: i64,
        after: NaiveDate,
        until: NaiveDate,
    ) -> Result<Vec<NaiveDate>> {
        let mut stmt = self.store.conn.prepare_cached(
            "SELECT i.happened_on FROM interaction i JOIN kind k ON k.id = i.kind_id
              WHERE i.person_id = ?1 AND k.category = 'formal' AND i.deleted_at IS NULL
                AND i.happened_on > ?2 AND i.happened_on <= ?3
              ORDER BY i.happened_on",
        )?;
        let days = stmt
            .query_map(params![person_id, day_text(after), day_text(until)], |r| {
                let day: String = r.get(0)?;
                parse_day_column(0, &day)
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(days)
    }

    /// The person's topics that were open on `day`, in agenda order (added
    /// by then, and not closed by then).
    pub fn topics_open_on(&self, person_id: i64, day: NaiveDate) -> Result<Vec<Topic>> {
        let ids: Vec<i64> = self
            .store
            .conn
            .prepare_cached(
                "SELECT id FROM topic WHERE person_id = ?1 AND added_on <= ?2
                    AND (status = 'open' OR closed_on > ?2)
                  ORDER BY position, id",
            )?
            .query_map(params![person_id, day_text(day)], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        ids.into_iter().map(|id| self.topic(id)).collect()
    }
}

impl Advice<'_> {
    /// The person's advice asks made by `day` and not reported back on by
    /// then, oldest first, with the day each was asked: the first
    /// [`ADVICE_SHOWN`] of them.
    pub fn awaiting_advice(&self, person_id: i64, day: NaiveDate) -> Result<Vec<AwaitingAdvice>> {
        Ok(self.awaiting_advice_counted(person_id, day)?.0)
    }

    /// `awaiting_advice`, and how many asks were awaiting in all: the
    /// first few and the count come from the `advice_ask` index (and the
    /// asks reported back after `day`, few unless `day` is long past), so
    /// the cost follows the page shown, not the asks left open.
    pub fn awaiting_advice_counted(
        &self,
        person_id: i64,
        day: NaiveDate,
    ) -> Result<(Vec<AwaitingAdvice>, usize)> {
        let mut stmt = self.store.conn.prepare_cached(&format!(
            "SELECT a.id, a.interaction_id, a.question, a.strength, a.applied, a.reported_on,
                    o.asked_on
               FROM ({OPEN_ASKS_AS_OF} ORDER BY 2, 1 LIMIT ?3) o
               JOIN advice_loop a ON a.interaction_id = o.interaction_id
              ORDER BY o.asked_on, o.interaction_id"
        ))?;
        let rows = stmt
            .query_map(
                params![person_id, day_text(day), ADVICE_SHOWN as i64],
                |r| {
                    let asked: String = r.get(6)?;
                    Ok(AwaitingAdvice {
                        advice: advice_from_row(r)?,
                        asked_on: parse_day_column(6, &asked)?,
                    })
                },
            )?
            .collect::<Result<Vec<_>, _>>()?;
        let total = self.store.nudges().open_asks_counted(person_id, day)?;
        Ok((rows, total))
    }

    /// The person's advice asks made from `from` to `to` and not reported
    /// back on by `to`, oldest first: the summary's new asks.
    pub fn advice_asked(
        &self,
        person_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<AwaitingAdvice>> {
        let mut stmt = self.store.conn.prepare_cached(
            // From the person's asks by the index of `advice_ask` (live
            // entries only), open or reported after `to`, each a range of
            // it: driven from `advice_loop`, every open ask of every person
            // was joined to its entry (37 ms at 1M entries).
            "SELECT a.id, a.interaction_id, a.question, a.strength, a.applied, a.reported_on,
                    k.asked_on
               FROM (SELECT interaction_id, asked_on FROM advice_ask
                      WHERE person_id = ?1 AND reported_on IS NULL
                        AND asked_on BETWEEN ?2 AND ?3
                     UNION ALL
                     SELECT interaction_id, asked_on FROM advice_ask
                      WHERE person_id = ?1 AND reported_on > ?3
                        AND asked_on BETWEEN ?2 AND ?3) k
               CROSS JOIN advice_loop a ON a.interaction_id = k.interaction_id
              ORDER BY k.asked_on, a.id
              LIMIT ?4",
        )?;
        let rows = stmt
            .query_map(
                params![person_id, day_text(from), day_text(to), ADVICE_SHOWN as i64],
                |r| {
                    let asked: String = r.get(6)?;
                    Ok(AwaitingAdvice {
                        advice: advice_from_row(r)?,
                        asked_on: parse_day_column(6, &asked)?,
                    })
                },
            )?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// The person's advice asks reported back on from `from` to `to`.
    pub fn advice_reported(
        &self,
        person_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<AdviceLoop>> {
        let mut stmt = self.store.conn.prepare_cached(
            "SELECT a.id, a.interaction_id, a.question, a.strength, a.applied, a.reported_on
               FROM advice_ask k CROSS JOIN advice_loop a ON a.interaction_id = k.interaction_id
              WHERE k.person_id = ?1 AND k.reported_on BETWEEN ?2 AND ?3
              ORDER BY a.reported_on, a.id",
        )?;
        let rows = stmt
            .query_map(
                params![person_id, day_text(from), day_text(to)],
                advice_from_row,
            )?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }
}
