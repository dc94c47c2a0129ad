//! Weekly summaries (drafts, sending, the topics picked) and the 1:1 saved
//! with them; the agenda's order and closing topics are in `topics`, the
//! facts the prep sheet and the summary generator are built from in `facts`.

mod after;
mod facts;
mod topics;

pub use topics::TopicMove;
use topics::close_discussed;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, Transaction, params};

use super::agenda::{Agenda, AgendaMut};
use super::interactions::insert_entry;
use super::{Result, StoreError, day_text, instant_text, parse_day_column, parse_instant_column};
use crate::domain::WeeklySummary;
use crate::domain::{Category, InitiatedBy, Interaction, InteractionDraft, Kind, Topic};

/// A summary marked sent, and the `summary` entry logged with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentSummary {
    pub summary: WeeklySummary,
    pub interaction: Interaction,
}

/// What the after-the-1:1 form saves, all in one transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OneOnOneRecord {
    /// The 1:1 itself; its kind must be in the formal category.
    pub draft: InteractionDraft,
    /// Open topics discussed in it: they close, linked to it.
    pub discussed: Vec<i64>,
    /// Topics the manager picked from the summary of the 1:1's week (or the
    /// week before); replaces any picks recorded there before.
    pub picked: Vec<i64>,
}

/// What `record_one_on_one` saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedOneOnOne {
    pub interaction: Interaction,
    pub closed: Vec<Topic>,
    /// The summary the picks were recorded on.
    pub summary: Option<WeeklySummary>,
    /// Topics added for the next 1:1 (`record_one_on_one_with`).
    pub added_topics: Vec<Topic>,
    /// The advice ask logged with it (`record_one_on_one_with`).
    pub advice: Option<Interaction>,
}

const SELECT_SUMMARY: &str = "
    SELECT id, person_id, after_one_on_one, for_one_on_one, body, sent_on, sent_interaction,
           created_at, updated_at
      FROM summary";

/// Which 1:1 a summary prepares: the one after `after` (the last 1:1 when
/// it was written; `None` before any), planned for `for_day`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SummaryFor {
    pub after: Option<NaiveDate>,
    pub for_day: Option<NaiveDate>,
}

impl Agenda<'_> {
    /// The person's summary for the 1:1 after `after` (the last one saved),
    /// if any.
    pub fn summary(
        &self,
        person_id: i64,
        after: Option<NaiveDate>,
    ) -> Result<Option<WeeklySummary>> {
        let sql = format!(
            "{SELECT_SUMMARY} WHERE person_id = ?1 AND after_one_on_one = ?2
              ORDER BY sent_on IS NULL, id DESC LIMIT 1"
        );
        let found = self
            .store
            .conn
            .query_row(&sql, params![person_id, after_key(after)], summary_from_row)
            .optional()?;
        found.map(|s| self.with_picks(s)).transpose()
    }

    fn summary_by_id(&self, id: i64) -> Result<WeeklySummary> {
        let sql = format!("{SELECT_SUMMARY} WHERE id = ?1");
        let found = self
            .store
            .conn
            .query_row(&sql, [id], summary_from_row)
            .optional()?;
        let summary = found.ok_or(StoreError::NotFound {
            what: "summary",
            id,
        })?;
        self.with_picks(summary)
    }

    fn with_picks(&self, mut summary: WeeklySummary) -> Result<WeeklySummary> {
        let mut stmt = self.store.conn.prepare_cached(
            "SELECT topic_id FROM summary_pick WHERE summary_id = ?1 ORDER BY topic_id",
        )?;
        summary.picked_topics = stmt
            .query_map([summary.id], |r| r.get(0))?
            .collect::<Result<Vec<i64>, _>>()?;
        Ok(summary)
    }

    /// The last `summary`-category entry with the person on or before
    /// `day`: the last summary sent, through rapport or logged by hand.
    pub fn last_summary_entry(
        &self,
        person_id: i64,
        day: NaiveDate,
    ) -> Result<Option<Interaction>> {
        let filter = super::InteractionFilter {
            category: Some(Category::Update),
            person_id: Some(person_id),
            until: Some(day),
            ..super::InteractionFilter::default()
        };
        let page = super::PageRequest {
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

    /// The 1:1's draft, validated against its kind, which must be formal.
    fn checked_one_on_one(&self, record: &OneOnOneRecord) -> Result<InteractionDraft> {
        let kind = self.store.entries().kind_by_id(record.draft.kind_id)?;
        if kind.category != Category::Formal {
            return Err(StoreError::Conflict(format!(
                "`{}` is not a 1:1 kind (its category is {}); use one_on_one",
                kind.name, kind.category
            )));
        }
        let mut draft = record.draft.clone();
        draft.validate(&kind)?;
        Ok(draft)
    }

    /// What `record_in` wrote, read back once it is committed.
    fn recorded(
        &self,
        id: i64,
        record: &OneOnOneRecord,
        summary_id: Option<i64>,
    ) -> Result<RecordedOneOnOne> {
        Ok(RecordedOneOnOne {
            interaction: self.store.entries().interaction(id)?,
            closed: record
                .discussed
                .iter()
                .map(|t| self.topic(*t))
                .collect::<Result<_>>()?,
            summary: summary_id.map(|s| self.summary_by_id(s)).transpose()?,
            added_topics: Vec::new(),
            advice: None,
        })
    }
}

impl AgendaMut<'_> {
    /// Saves `body` as the draft of the person's summary for the 1:1 `of`
    /// names, creating it or replacing the draft. A sent summary is kept as
    /// sent.
    pub fn save_summary_draft(
        &mut self,
        person_id: i64,
        of: SummaryFor,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<WeeklySummary> {
        let tx = self.store.conn.transaction()?;
        require_person(&tx, person_id)?;
        refuse_if_sent(&tx, person_id, of)?;
        let id = upsert_summary(&tx, person_id, of, body, now)?;
        tx.commit()?;
        self.store.agenda().summary_by_id(id)
    }

    /// Records the person's summary for the 1:1 `of` names as sent on
    /// `sent_on` with `body`, and logs the `summary` entry that day (its
    /// notes hold the body), both in one transaction. It must be sent after
    /// the 1:1 it follows: one sent by then was for that one.
    pub fn mark_summary_sent(
        &mut self,
        person_id: i64,
        of: SummaryFor,
        body: &str,
        sent_on: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<SentSummary> {
        if let Some(after) = of.after.filter(|a| sent_on <= *a) {
            return Err(StoreError::Conflict(format!(
                "a summary sent on {sent_on} counts for the 1:1 of {after}, not the next one: mark it sent on a day after {after}"
            )));
        }
        let tx = self.store.conn.transaction()?;
        require_person(&tx, person_id)?;
        refuse_if_sent(&tx, person_id, of)?;
        let kind_id = kind_to_log(&tx, Category::Update, "summary", "the summary")?.id;
        let title = match of.for_day {
            Some(day) => format!("Summary for the 1:1 of {}", day.format("%a %-d %b %Y")),
            None => "Summary for the next 1:1".to_string(),
        };
        let sent = InteractionDraft {
            person_id,
            kind_id,
            happened_on: sent_on,
            at_time: None,
            minutes: None,
            quality: None,
            initiated_by: InitiatedBy::Me,
            title,
            notes: body.to_string(),
            tags: Vec::new(),
            advice_strength: None,
            private: false,
        };
        let interaction_id = insert_entry(&tx, &sent, &instant_text(now))?;
        let id = upsert_summary(&tx, person_id, of, body, now)?;
        tx.execute(
            "UPDATE summary SET sent_on = ?1, sent_interaction = ?2 WHERE id = ?3",
            params![day_text(sent_on), interaction_id, id],
        )?;
        tx.commit()?;
        Ok(SentSummary {
            summary: self.store.agenda().summary_by_id(id)?,
            interaction: self.store.entries().interaction(interaction_id)?,
        })
    }

    /// Records which topics the manager picked from a summary, replacing
    /// what was recorded before.
    pub fn set_summary_picks(
        &mut self,
        summary_id: i64,
        topic_ids: &[i64],
        now: DateTime<Utc>,
    ) -> Result<WeeklySummary> {
        let tx = self.store.conn.transaction()?;
        write_picks(&tx, summary_id, topic_ids, now)?;
        tx.commit()?;
        self.store.agenda().summary_by_id(summary_id)
    }

    /// Saves the after-the-1:1 form at once: logs the 1:1, closes the topics
    /// discussed in it, and records the topics picked from the summary.
    pub fn record_one_on_one(
        &mut self,
        record: &OneOnOneRecord,
        now: DateTime<Utc>,
    ) -> Result<RecordedOneOnOne> {
        let draft = self.store.agenda().checked_one_on_one(record)?;
        let tx = self.store.conn.transaction()?;
        let (id, summary_id) = record_in(&tx, &draft, record, now)?;
        tx.commit()?;
        self.store.agenda().recorded(id, record, summary_id)
    }
}

/// Writes the 1:1 of `record` (as `draft`, already checked), closes the
/// topics discussed and records the picks, inside `tx`; returns the 1:1's
/// id and the summary the picks went on.
pub(super) fn record_in(
    tx: &Transaction<'_>,
    draft: &InteractionDraft,
    record: &OneOnOneRecord,
    now: DateTime<Utc>,
) -> Result<(i64, Option<i64>)> {
    require_person(tx, draft.person_id)?;
    let id = insert_entry(tx, draft, &instant_text(now))?;
    record_on(tx, id, draft, record, now)
}

/// Closes the topics discussed in the 1:1 `id` and records the picks,
/// inside `tx`; returns `id` and the summary the picks went on.
pub(super) fn record_on(
    tx: &Transaction<'_>,
    id: i64,
    draft: &InteractionDraft,
    record: &OneOnOneRecord,
    now: DateTime<Utc>,
) -> Result<(i64, Option<i64>)> {
    close_discussed(tx, id, &record.discussed, now)?;
    if record.picked.is_empty() {
        return Ok((id, None));
    }
    // The summary that prepared this 1:1: the last one filed after a 1:1
    // before it.
    let found: Option<i64> = tx
        .query_row(
            "SELECT id FROM summary WHERE person_id = ?1 AND after_one_on_one < ?2
              ORDER BY after_one_on_one DESC, sent_on IS NULL, id DESC LIMIT 1",
            params![draft.person_id, day_text(draft.happened_on)],
            |r| r.get(0),
        )
        .optional()?;
    let found = found.ok_or_else(|| {
        StoreError::Conflict(format!(
            "there is no summary for the 1:1 of {} to record picked topics on",
            draft.happened_on
        ))
    })?;
    write_picks(tx, found, &record.picked, now)?;
    Ok((id, Some(found)))
}

/// The kind an entry rapport writes itself is logged with: the one named
/// `preferred`, else the first built-in, else any, in `category`.
pub(super) fn kind_to_log(
    tx: &Transaction<'_>,
    category: Category,
    preferred: &str,
    what: &str,
) -> Result<Kind> {
    tx.query_row(
        "SELECT id, name, category, builtin FROM kind WHERE category = ?1
          ORDER BY name = ?2 DESC, builtin DESC, id LIMIT 1",
        params![category.as_str(), preferred],
        super::people::kind_from_row,
    )
    .optional()?
    .ok_or_else(|| {
        let category = category.as_str();
        StoreError::Conflict(format!(
            "there is no kind in the {category} category to log {what} with; add one with `rapport kind add {preferred} --category {category}`"
        ))
    })
}

pub(super) fn require_person(tx: &Transaction<'_>, id: i64) -> Result<()> {
    let found: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM person WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    if found {
        Ok(())
    } else {
        Err(StoreError::NotFound { what: "person", id })
    }
}

/// The stored key of the 1:1 a summary follows: its day, or '' for none.
fn after_key(after: Option<NaiveDate>) -> String {
    after.map(day_text).unwrap_or_default()
}

fn refuse_if_sent(tx: &Transaction<'_>, person_id: i64, of: SummaryFor) -> Result<()> {
    let sent: Option<(String, Option<i64>)> = tx
        .query_row(
            "SELECT sent_on, sent_interaction FROM summary
              WHERE person_id = ?1 AND after_one_on_one = ?2 AND sent_on IS NOT NULL
              ORDER BY id DESC LIMIT 1",
            params![person_id, after_key(of.after)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match sent {
        None => Ok(()),
        Some((on, entry)) => {
            let entry = entry.map(|e| format!(" (entry {e})")).unwrap_or_default();
            Err(StoreError::Conflict(format!(
                "the summary for this 1:1 was already sent on {on}{entry}; it is kept as sent"
            )))
        }
    }
}

/// Creates the summary row for the 1:1 `of` names, or replaces the body of
/// its draft; returns its id.
fn upsert_summary(
    tx: &Transaction<'_>,
    person_id: i64,
    of: SummaryFor,
    body: &str,
    now: DateTime<Utc>,
) -> Result<i64> {
    let stamp = instant_text(now);
    let after = after_key(of.after);
    let for_day = of.for_day.map(day_text);
    let draft: Option<i64> = tx
        .query_row(
            "SELECT id FROM summary WHERE person_id = ?1 AND after_one_on_one = ?2
                AND sent_on IS NULL ORDER BY id DESC LIMIT 1",
            params![person_id, after],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = draft {
        tx.execute(
            "UPDATE summary SET body = ?1, for_one_on_one = ?2, updated_at = ?3 WHERE id = ?4",
            params![body, for_day, stamp, id],
        )?;
        return Ok(id);
    }
    tx.execute(
        "INSERT INTO summary (person_id, after_one_on_one, for_one_on_one, body, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![person_id, after, for_day, body, stamp],
    )?;
    Ok(tx.last_insert_rowid())
}

fn write_picks(
    tx: &Transaction<'_>,
    summary_id: i64,
    topic_ids: &[i64],
    now: DateTime<Utc>,
) -> Result<()> {
    let person_id: i64 = tx
        .query_row(
            "SELECT person_id FROM summary WHERE id = ?1",
            [summary_id],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(StoreError::NotFound {
            what: "summary",
            id: summary_id,
        })?;
    for topic_id in topic_ids {
        let owner = topic_owner(tx, *topic_id)?;
        if owner != person_id {
            return Err(StoreError::Conflict(format!(
                "topic {topic_id} is on another person's agenda than summary {summary_id}"
            )));
        }
    }
    tx.execute(
        "DELETE FROM summary_pick WHERE summary_id = ?1",
        [summary_id],
    )?;
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO summary_pick (summary_id, topic_id) VALUES (?1, ?2)",
    )?;
    for topic_id in topic_ids {
        stmt.execute(params![summary_id, topic_id])?;
    }
    tx.execute(
        "UPDATE summary SET updated_at = ?1 WHERE id = ?2",
        params![instant_text(now), summary_id],
    )?;
    Ok(())
}

fn topic_owner(tx: &Transaction<'_>, topic_id: i64) -> Result<i64> {
    tx.query_row(
        "SELECT person_id FROM topic WHERE id = ?1",
        [topic_id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(StoreError::NotFound {
        what: "topic",
        id: topic_id,
    })
}

fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<WeeklySummary> {
    let after: String = row.get(2)?;
    let for_day: Option<String> = row.get(3)?;
    let sent_on: Option<String> = row.get(5)?;
    let created_at: String = row.get(7)?;
    let updated_at: String = row.get(8)?;
    Ok(WeeklySummary {
        id: row.get(0)?,
        person_id: row.get(1)?,
        after_one_on_one: (!after.is_empty())
            .then(|| parse_day_column(2, &after))
            .transpose()?,
        for_one_on_one: for_day.map(|d| parse_day_column(3, &d)).transpose()?,
        body: row.get(4)?,
        sent_on: sent_on.map(|d| parse_day_column(5, &d)).transpose()?,
        sent_interaction: row.get(6)?,
        picked_topics: Vec::new(),
        created_at: parse_instant_column(7, &created_at)?,
        updated_at: parse_instant_column(8, &updated_at)?,
    })
}
