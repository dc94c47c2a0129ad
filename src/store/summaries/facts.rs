//! What the prep sheet and the summary generator are built from: the last
//! 1:1, the days of 1:1s, advice asks and topics as they stood on a day.

use chrono::NaiveDate;
use rusqlite::params;

use super::super::records::advice_from_row;
use super::super::{InteractionFilter, PageRequest, Result, Store, day_text, parse_day_column};
use crate::domain::{AdviceLoop, Category, Interaction, Person, Topic};
use crate::prep::status::StatusFacts;
use crate::prep::{
    ADVICE_SHOWN, AwaitingAdvice, NextOneOnOne, PrepFacts, PrepSheet, SummaryFacts, Week, agenda,
    next_one_on_one, summary_status,
};

/// At most this many entries on the prep sheet's "since the last 1:1".
pub const PREP_RECENT_LIMIT: u32 = 200;

/// At most this many entries read for one week's summary.
const WEEK_ENTRY_LIMIT: u32 = 1000;

impl Store {
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
        Ok(self.interactions(&filter, page)?.into_iter().next())
    }

    /// One day per 1:1 with the person after `after` and up to `until`, in
    /// order: what topic carry-over counts are made of.
    pub fn one_on_one_days(
        &self,
        person_id: i64,
        after: NaiveDate,
        until: NaiveDate,
    ) -> Result<Vec<NaiveDate>> {
        let mut stmt = self.conn.prepare_cached(
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

    /// The person's advice asks made by `day` and not reported back on by
    /// then, oldest first, with the day each was asked: the first
    /// [`ADVICE_SHOWN`] of them.
    pub fn awaiting_advice(&self, person_id: i64, day: NaiveDate) -> Result<Vec<AwaitingAdvice>> {
        Ok(self.awaiting_advice_counted(person_id, day)?.0)
    }

    /// `awaiting_advice`, and how many asks were awaiting in all: one walk
    /// over the open asks.
    pub fn awaiting_advice_counted(
        &self,
        person_id: i64,
        day: NaiveDate,
    ) -> Result<(Vec<AwaitingAdvice>, usize)> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.interaction_id, a.question, a.strength, a.applied, a.reported_on,
                    i.happened_on, count(*) OVER ()
               FROM advice_loop a CROSS JOIN interaction i ON i.id = a.interaction_id
              WHERE (a.reported_on IS NULL OR a.reported_on > ?2)
                AND i.person_id = ?1 AND i.deleted_at IS NULL AND i.happened_on <= ?2
              ORDER BY i.happened_on, a.id
              LIMIT ?3",
        )?;
        let mut total = 0_i64;
        let rows = stmt
            .query_map(
                params![person_id, day_text(day), ADVICE_SHOWN as i64],
                |r| {
                    let asked: String = r.get(6)?;
                    Ok((
                        AwaitingAdvice {
                            advice: advice_from_row(r)?,
                            asked_on: parse_day_column(6, &asked)?,
                        },
                        r.get::<_, i64>(7)?,
                    ))
                },
            )?
            .map(|row| {
                row.map(|(ask, count)| {
                    total = count;
                    ask
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok((rows, usize::try_from(total).unwrap_or_default()))
    }

    /// The person's advice asks reported back on from `from` to `to`.
    pub fn advice_reported(
        &self,
        person_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<AdviceLoop>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.interaction_id, a.question, a.strength, a.applied, a.reported_on
               FROM advice_loop a JOIN interaction i ON i.id = a.interaction_id
              WHERE i.person_id = ?1 AND i.deleted_at IS NULL
                AND a.reported_on BETWEEN ?2 AND ?3
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

    /// The person's topics that were open on `day`, in agenda order (added
    /// by then, and not closed by then).
    pub fn topics_open_on(&self, person_id: i64, day: NaiveDate) -> Result<Vec<Topic>> {
        let ids: Vec<i64> = self
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

    /// Everything the prep sheet is built from, for `person` on `today`.
    pub fn prep_facts(&self, person: &Person, today: NaiveDate) -> Result<PrepFacts> {
        let last = self.last_one_on_one(person.id, today)?;
        let since = PrepFacts::window_start(last.as_ref().map(|l| l.happened_on), today);
        let filter = InteractionFilter {
            person_id: Some(person.id),
            since: Some(since),
            until: Some(today),
            ..InteractionFilter::default()
        };
        // One more than shown tells whether there are more.
        let page = PageRequest {
            limit: PREP_RECENT_LIMIT + 2,
            after: None,
        };
        let mut recent = self.interactions(&filter, page)?;
        let keep = PREP_RECENT_LIMIT as usize + usize::from(last.is_some());
        let recent_truncated = recent.len() > keep;
        recent.truncate(keep);
        let open_topics = self.topics(Some(person.id), false)?;
        let oldest = open_topics
            .iter()
            .map(|t| t.added_on)
            .min()
            .unwrap_or(today);
        let week = Week::containing(today);
        let (open_advice, open_advice_total) = self.awaiting_advice_counted(person.id, today)?;
        Ok(PrepFacts {
            person: person.clone(),
            today,
            earliest: self.earliest_day(person.id)?,
            last_one_on_one: last,
            recent,
            recent_truncated,
            one_on_ones: self.one_on_one_days(person.id, oldest, today)?,
            open_topics,
            open_advice,
            open_advice_total,
            summary: self.summary(person.id, week)?,
            summary_entry: self.summary_entry_in_week(person.id, today)?,
            profile: self.profile(Some(person.id))?,
            expectations: self.expectations(Some(person.id), false)?,
        })
    }

    /// The next 1:1 with `person` as of `today`: what Prep, the summary,
    /// `status`, `remind` and the coach's cadence signals all go by.
    pub fn next_one_on_one(&self, person: &Person, today: NaiveDate) -> Result<NextOneOnOne> {
        let last = self
            .last_one_on_one(person.id, today)?
            .map(|l| l.happened_on);
        Ok(next_one_on_one(
            person,
            last,
            self.earliest_day(person.id)?,
            today,
        ))
    }

    /// What `rapport status` and `rapport remind` say, for the current
    /// manager on `today`; `None` without one.
    pub fn status_facts(&self, today: NaiveDate) -> Result<Option<StatusFacts>> {
        let Some(person) = self.current_person()? else {
            return Ok(None);
        };
        let week = Week::containing(today);
        let saved = self.summary(person.id, week)?;
        let logged = self.summary_entry_in_week(person.id, today)?;
        Ok(Some(StatusFacts {
            next: self.next_one_on_one(&person, today)?,
            summary: summary_status(saved.as_ref(), logged.as_ref(), today),
            promises_due: self.promises_due(today)?,
            person: person.name,
        }))
    }

    /// How many promises are due by `today` and not kept. Promises are not
    /// kept in this journal yet: none.
    pub fn promises_due(&self, today: NaiveDate) -> Result<usize> {
        let _ = today;
        Ok(0)
    }

    /// The latest `summary`-category entry with the person from the Monday
    /// of `today`'s week to `today`.
    fn summary_entry_in_week(
        &self,
        person_id: i64,
        today: NaiveDate,
    ) -> Result<Option<Interaction>> {
        let filter = InteractionFilter {
            category: Some(Category::Update),
            person_id: Some(person_id),
            since: Some(Week::containing(today).monday()),
            until: Some(today),
            ..InteractionFilter::default()
        };
        let page = PageRequest {
            limit: 1,
            after: None,
        };
        Ok(self.interactions(&filter, page)?.into_iter().next())
    }

    /// The prep sheet for `person` on `today`.
    pub fn prep_sheet(&self, person: &Person, today: NaiveDate) -> Result<PrepSheet> {
        Ok(PrepSheet::build(&self.prep_facts(person, today)?))
    }

    /// Everything one week's summary is made from: the week as it stood at
    /// its end, or today for the current week.
    pub fn summary_facts(
        &self,
        person: &Person,
        week: Week,
        today: NaiveDate,
    ) -> Result<SummaryFacts> {
        let as_of = week.up_to(today);
        let filter = InteractionFilter {
            person_id: Some(person.id),
            since: Some(week.monday()),
            until: Some(as_of),
            ..InteractionFilter::default()
        };
        let page = PageRequest {
            limit: WEEK_ENTRY_LIMIT,
            after: None,
        };
        let topics = self.topics_open_on(person.id, as_of)?;
        let oldest = topics.iter().map(|t| t.added_on).min().unwrap_or(as_of);
        let one_on_ones = self.one_on_one_days(person.id, oldest, as_of)?;
        let last = self
            .last_one_on_one(person.id, as_of)?
            .map(|l| l.happened_on);
        Ok(SummaryFacts {
            manager: person.clone(),
            week,
            as_of,
            entries: self.interactions(&filter, page)?,
            open_topics: agenda(&topics, &one_on_ones, as_of),
            open_advice: self.awaiting_advice(person.id, as_of)?,
            reported_advice: self.advice_reported(person.id, week.monday(), as_of)?,
            next: next_one_on_one(person, last, self.earliest_day(person.id)?, as_of),
            goals: self
                .profile(Some(person.id))?
                .texts(crate::domain::Facet::Goal),
        })
    }
}
