//! The after-the-1:1 form's save with what came out of the meeting: new
//! topics and an advice ask are written in the same transaction as the 1:1,
//! the topics it closed and the summary picks, so the form saves all or
//! nothing.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::super::agenda::AgendaMut;
use super::super::interactions::{insert_entry, write_advice_loop};
use super::super::{Result, StoreError, day_text, instant_text};
use super::{OneOnOneRecord, RecordedOneOnOne, kind_to_log, record_in, record_on};
use crate::domain::{AdviceAsk, FollowUps};
use crate::domain::{Category, InitiatedBy, InteractionDraft};

impl AgendaMut<'_> {
    /// [`Store::record_one_on_one`], plus the topics for the next 1:1 and
    /// the advice ask that came out of it, dated the 1:1's day, all in one
    /// transaction. A topic added on the day of a 1:1 is not counted as
    /// carried over that 1:1 (see `prep::carried_over`).
    pub fn record_one_on_one_with(
        &mut self,
        record: &OneOnOneRecord,
        follow_ups: &FollowUps,
        now: DateTime<Utc>,
    ) -> Result<RecordedOneOnOne> {
        self.one_on_one_with(None, record, follow_ups, now)
    }

    /// [`Store::record_one_on_one_with`] onto the 1:1 `existing` already
    /// logged, instead of logging a second one: the topics close linked to
    /// it, the follow-ups are dated its day, and its quality, minutes and
    /// notes are filled in from `record` where it had none.
    pub fn attach_to_one_on_one(
        &mut self,
        existing: i64,
        record: &OneOnOneRecord,
        follow_ups: &FollowUps,
        now: DateTime<Utc>,
    ) -> Result<RecordedOneOnOne> {
        let logged = self.store.entries().interaction(existing)?;
        let mut record = record.clone();
        // The 1:1 keeps its own day and person.
        record.draft.happened_on = logged.happened_on;
        record.draft.person_id = logged.person_id;
        self.one_on_one_with(Some(existing), &record, follow_ups, now)
    }

    fn one_on_one_with(
        &mut self,
        existing: Option<i64>,
        record: &OneOnOneRecord,
        follow_ups: &FollowUps,
        now: DateTime<Utc>,
    ) -> Result<RecordedOneOnOne> {
        let draft = self.store.agenda().checked_one_on_one(record)?;
        let topics: Vec<&str> = follow_ups
            .new_topics
            .iter()
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
            .collect();
        let question = follow_ups
            .advice
            .as_ref()
            .filter(|a| !a.question.trim().is_empty());
        let tx = self.store.conn.transaction()?;
        let (id, summary_id) = match existing {
            Some(id) => {
                fill_in(&tx, id, &draft, now)?;
                record_on(&tx, id, &draft, record, now)?
            }
            None => record_in(&tx, &draft, record, now)?,
        };
        let stamp = instant_text(now);
        let day = day_text(draft.happened_on);
        let mut topic_ids = Vec::with_capacity(topics.len());
        for text in topics {
            tx.execute(
                "INSERT INTO topic (person_id, text, position, added_on, created_at, updated_at)
                 VALUES (?1, ?2,
                         (SELECT coalesce(max(position), 0) + 1 FROM topic WHERE person_id = ?1),
                         ?3, ?4, ?4)",
                params![draft.person_id, text, day, stamp],
            )?;
            topic_ids.push(tx.last_insert_rowid());
        }
        let advice_id = question
            .map(|ask| insert_advice_ask(&tx, draft.person_id, draft.happened_on, ask, &stamp))
            .transpose()?;
        for note in &follow_ups.promises {
            let promise = note.draft(draft.person_id, draft.happened_on, Some(id));
            super::super::promises::insert_promise(&tx, &promise, &stamp)?;
        }
        tx.commit()?;
        let mut recorded = self.store.agenda().recorded(id, record, summary_id)?;
        recorded.added_topics = topic_ids
            .into_iter()
            .map(|t| self.store.agenda().topic(t))
            .collect::<Result<_>>()?;
        recorded.advice = advice_id
            .map(|a| self.store.entries().interaction(a))
            .transpose()?;
        Ok(recorded)
    }
}

/// Fills in the quality, minutes and notes the 1:1 `id` has none of from
/// `draft`; refuses an entry that is not a live 1:1 with the same person.
fn fill_in(
    tx: &Transaction<'_>,
    id: i64,
    draft: &InteractionDraft,
    now: DateTime<Utc>,
) -> Result<()> {
    let found: Option<(i64, String, bool)> = tx
        .query_row(
            "SELECT i.person_id, k.category, i.deleted_at IS NULL
               FROM interaction i JOIN kind k ON k.id = i.kind_id WHERE i.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match found {
        Some((person, category, true))
            if person == draft.person_id && category == Category::Formal.as_str() => {}
        _ => {
            return Err(StoreError::Conflict(format!(
                "entry {id} is not a 1:1 with this person in the journal: log the 1:1 instead"
            )));
        }
    }
    tx.execute(
        "UPDATE interaction
            SET quality = coalesce(quality, ?2),
                minutes = coalesce(minutes, ?3),
                notes = CASE WHEN notes = '' THEN ?4 ELSE notes END,
                version = version + 1,
                updated_at = ?5
          WHERE id = ?1",
        params![
            id,
            draft.quality.map(|q| q.get()),
            draft.minutes,
            draft.notes,
            instant_text(now)
        ],
    )?;
    Ok(())
}

/// Logs an ask (the `advice` kind, else the first in the ask category)
/// that opens an advice loop; returns the entry's id.
fn insert_advice_ask(
    tx: &Transaction<'_>,
    person_id: i64,
    day: NaiveDate,
    ask: &AdviceAsk,
    stamp: &str,
) -> Result<i64> {
    let kind = kind_to_log(tx, Category::Ask, "advice", "the advice ask")?;
    let draft = InteractionDraft {
        person_id,
        kind_id: kind.id,
        happened_on: day,
        at_time: None,
        minutes: None,
        quality: None,
        initiated_by: InitiatedBy::Me,
        title: ask.question.trim().to_string(),
        notes: String::new(),
        tags: Vec::new(),
        advice_strength: Some(ask.strength.trim().to_string()),
        private: false,
    };
    let id = insert_entry(tx, &draft, stamp)?;
    write_advice_loop(tx, id, &kind, &draft)?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, TimeZone, Utc};

    use super::*;
    use crate::domain::{InitiatedBy, InteractionDraft, PersonDraft, Quality, TopicStatus};
    use crate::domain::{MadeBy, PromiseNote};
    use crate::store::Store;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).expect("a real day")
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0)
            .single()
            .expect("an instant")
    }

    fn journal() -> (Store, i64) {
        let mut store = Store::open_in_memory().expect("open");
        let dana = PersonDraft {
            relation: Default::default(),
            name: "Dana".into(),
            role: String::new(),
            strengths: vec!["hiring".into()],
            cadence_days: Some(7),
            is_current: true,
        };
        let id = store
            .people_mut()
            .add_person(&dana, day(1), now())
            .expect("person")
            .id;
        (store, id)
    }

    fn one_on_one(store: &Store, person_id: i64) -> InteractionDraft {
        InteractionDraft {
            person_id,
            kind_id: store.people().kind_named("one_on_one").expect("kind").id,
            happened_on: day(24),
            at_time: None,
            minutes: Some(30),
            quality: Quality::new(4).ok(),
            initiated_by: InitiatedBy::Me,
            title: "1:1".into(),
            notes: String::new(),
            tags: Vec::new(),
            advice_strength: None,
            private: false,
        }
    }

    #[test]
    fn follow_ups_are_saved_with_the_one_on_one() {
        let (mut store, dana) = journal();
        let hiring = store
            .agenda_mut()
            .add_topic(dana, "Hiring", day(20), now())
            .expect("topic");
        store
            .agenda_mut()
            .save_summary_draft(
                dana,
                crate::store::SummaryFor {
                    after: None,
                    for_day: Some(day(24)),
                },
                "draft",
                now(),
            )
            .expect("summary");
        let record = OneOnOneRecord {
            draft: one_on_one(&store, dana),
            discussed: vec![hiring.id],
            picked: vec![hiring.id],
        };
        let follow_ups = FollowUps {
            new_topics: vec!["Budget".into(), "  ".into(), " Offsite ".into()],
            advice: Some(AdviceAsk {
                question: "How do I size the team?".into(),
                strength: "hiring".into(),
            }),
            promises: vec![
                PromiseNote {
                    made_by: MadeBy::Me,
                    text: "Send the cost model".into(),
                    due_on: Some(day(27)),
                },
                PromiseNote {
                    made_by: MadeBy::Them,
                    text: "Talk to finance".into(),
                    due_on: None,
                },
            ],
        };
        let saved = store
            .agenda_mut()
            .record_one_on_one_with(&record, &follow_ups, now())
            .expect("saved");
        assert_eq!(saved.closed[0].status, TopicStatus::Discussed);
        let added: Vec<(&str, NaiveDate)> = saved
            .added_topics
            .iter()
            .map(|t| (t.text.as_str(), t.added_on))
            .collect();
        assert_eq!(added, vec![("Budget", day(24)), ("Offsite", day(24))]);
        let advice = saved.advice.expect("an advice ask");
        assert_eq!(advice.kind, "advice");
        assert_eq!(advice.happened_on, day(24));
        let ask = advice.advice_loop.expect("a loop");
        assert_eq!(
            (ask.question.as_str(), ask.strength.as_str()),
            ("How do I size the team?", "hiring")
        );
        assert!(ask.reported_on.is_none());
        let promises = store
            .promises()
            .list(crate::store::PromiseFilter::default())
            .expect("promises");
        let made: Vec<(&str, MadeBy, Option<i64>, NaiveDate)> = promises
            .iter()
            .map(|p| (p.text.as_str(), p.made_by, p.interaction_id, p.made_on))
            .collect();
        let one_on_one = Some(saved.interaction.id);
        assert_eq!(
            made,
            vec![
                ("Send the cost model", MadeBy::Me, one_on_one, day(24)),
                ("Talk to finance", MadeBy::Them, one_on_one, day(24)),
            ]
        );
    }

    #[test]
    fn a_failing_part_saves_nothing() {
        let (mut store, dana) = journal();
        let record = OneOnOneRecord {
            draft: one_on_one(&store, dana),
            discussed: vec![404],
            picked: Vec::new(),
        };
        let follow_ups = FollowUps {
            new_topics: vec!["Budget".into()],
            advice: None,
            promises: vec![PromiseNote {
                made_by: MadeBy::Me,
                text: "Send the cost model".into(),
                due_on: None,
            }],
        };
        let refused = store
            .agenda_mut()
            .record_one_on_one_with(&record, &follow_ups, now());
        assert!(refused.is_err());
        assert!(
            store
                .agenda()
                .topics(Some(dana), true)
                .expect("topics")
                .is_empty()
        );
        assert_eq!(
            store.agenda().last_one_on_one(dana, day(24)).expect("read"),
            None
        );
        let promises = crate::store::PromiseFilter {
            include_closed: true,
            ..Default::default()
        };
        assert!(
            store
                .promises()
                .list(promises)
                .expect("promises")
                .is_empty()
        );
    }
}
