//! Importing what prepares and follows the meetings: topics, summaries
//! with their picks, check-ins and nudge states, promises with their moves,
//! and calendar occurrences.

use rusqlite::{Transaction, params};

use super::super::export::{
    CalendarOccurrenceRecord, CheckInRecord, NudgeStateRecord, PromiseRecord, SummaryRecord,
    TopicRecord,
};
use super::super::import::Outcome;
use super::{Writer, already_there, keep_id};

impl Writer<'_, '_> {
    pub(super) fn topic(&mut self, t: &TopicRecord) -> Outcome<()> {
        let tx = self.tx;
        if already_there(tx, &self.fresh, "topic", t.id, &t.created_at)? {
            self.topics.set(t.id, t.id, false);
            self.report.count("topics", false);
            return Ok(());
        }
        tx.prepare_cached(
            "INSERT INTO topic (id, person_id, text, position, status, added_on, closed_on,
                                closed_by_interaction, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            keep_id(tx, "topic", t.id)?,
            self.people.get("person", t.person_id)?,
            t.text,
            t.position,
            t.status,
            t.added_on,
            t.closed_on,
            self.interactions
                .get_opt("interaction", t.closed_by_interaction)?,
            t.created_at,
            t.updated_at,
        ])?;
        let id = self.fresh.inserted("topic", tx);
        self.topics.set(t.id, id, true);
        self.report.count("topics", true);
        Ok(())
    }

    pub(super) fn summary(&mut self, s: &SummaryRecord) -> Outcome<()> {
        let tx = self.tx;
        let person = self.people.get("person", s.person_id)?;
        if already_there(tx, &self.fresh, "summary", s.id, &s.created_at)? {
            self.report.count("summaries", false);
            return Ok(());
        }
        tx.prepare_cached(
            "INSERT INTO summary (id, person_id, after_one_on_one, for_one_on_one, body, sent_on,
                                  sent_interaction, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            keep_id(tx, "summary", s.id)?,
            person,
            filed_after(tx, person, s)?,
            s.for_one_on_one,
            s.body,
            s.sent_on,
            self.interactions
                .get_opt("interaction", s.sent_interaction)?,
            s.created_at,
            s.updated_at,
        ])?;
        let id = self.fresh.inserted("summary", tx);
        for topic in &s.picked_topics {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO summary_pick (summary_id, topic_id) VALUES (?1, ?2)",
            )?
            .execute(params![id, self.topics.get("topic", *topic)?])?;
        }
        self.report.count("summaries", true);
        Ok(())
    }

    pub(super) fn checkin(&mut self, c: &CheckInRecord) -> Outcome<()> {
        let tx = self.tx;
        if already_there(tx, &self.fresh, "checkin", c.id, &c.created_at)? {
            self.report.count("check-ins", false);
            return Ok(());
        }
        tx.prepare_cached("INSERT INTO checkin (id, person_id, checked_on, trust, clarity, ease, note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?.execute(params![
                keep_id(tx, "checkin", c.id)?,
                self.people.get_opt("person", c.person_id)?,
                c.checked_on,
                c.trust,
                c.clarity,
                c.ease,
                c.note,
                c.created_at,
            ],
        )?;
        self.fresh.inserted("checkin", tx);
        self.report.count("check-ins", true);
        Ok(())
    }

    pub(super) fn nudge_state(&mut self, n: &NudgeStateRecord) -> Outcome<()> {
        let added = self
            .tx
            .prepare_cached(
                "INSERT INTO nudge_state (rule_id, person_id, snoozed_until, dismissed_at, done_at,
                                      anchor, switched_off)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (rule_id, person_id) DO NOTHING",
            )?
            .execute(params![
                n.rule_id,
                self.people.get("person", n.person_id)?,
                n.snoozed_until,
                n.dismissed_at,
                n.done_at,
                n.anchor,
                n.switched_off,
            ])?;
        self.report.count("nudge states", added == 1);
        Ok(())
    }

    /// A promise with its moves. One already there (same id, same creation
    /// instant) is skipped with its moves.
    pub(super) fn promise(&mut self, p: &PromiseRecord) -> Outcome<()> {
        let tx = self.tx;
        if already_there(tx, &self.fresh, "promise", p.id, &p.created_at)? {
            self.report.count("promises", false);
            return Ok(());
        }
        tx.prepare_cached(
            "INSERT INTO promise (id, person_id, text, made_by, made_on, interaction_id, due_on,
                                  state, closed_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            keep_id(tx, "promise", p.id)?,
            self.people.get("person", p.person_id)?,
            p.text,
            p.made_by,
            p.made_on,
            self.interactions.get_opt("interaction", p.interaction_id)?,
            p.due_on,
            p.state,
            p.closed_on,
            p.created_at,
            p.updated_at,
        ])?;
        let promise_id = self.fresh.inserted("promise", tx);
        for m in &p.moves {
            tx.prepare_cached(
                "INSERT INTO promise_move (id, promise_id, moved_on, from_due, to_due)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                keep_id(tx, "promise_move", m.id)?,
                promise_id,
                m.moved_on,
                m.from_due,
                m.to_due,
            ])?;
        }
        self.report.count("promises", true);
        Ok(())
    }

    /// A calendar series' occurrence. One already there (same id, same
    /// import instant) is skipped; one whose person already has that day of
    /// a series is skipped too (the journal's own import is newer).
    pub(super) fn calendar_occurrence(&mut self, c: &CalendarOccurrenceRecord) -> Outcome<()> {
        let tx = self.tx;
        let person = self.people.get("person", c.person_id)?;
        let clash: bool = tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM calendar_occurrence
                             WHERE person_id = ?1 AND original_on = ?2)",
            )?
            .query_row(params![person, c.original_on], |r| r.get(0))?;
        if clash || already_there(tx, &self.fresh, "calendar_occurrence", c.id, &c.created_at)? {
            self.report.count("calendar occurrences", false);
            return Ok(());
        }
        tx.prepare_cached(
            "INSERT INTO calendar_occurrence (id, person_id, series_uid, series_title, rule,
                 original_on, happens_on, at_time, cancelled_by, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            keep_id(tx, "calendar_occurrence", c.id)?,
            person,
            c.series_uid,
            c.series_title,
            c.rule,
            c.original_on,
            c.happens_on,
            c.at_time,
            c.cancelled_by,
            c.created_at,
        ])?;
        self.fresh.inserted("calendar_occurrence", tx);
        self.report.count("calendar occurrences", true);
        Ok(())
    }
}

/// The 1:1 a summary follows: as exported, or for an export of weekly
/// summaries, the last 1:1 before it was sent (before its week's end, for a
/// draft), as migration 0009 files them.
fn filed_after(tx: &Transaction<'_>, person: i64, s: &SummaryRecord) -> rusqlite::Result<String> {
    let Some(monday) = &s.week_start else {
        return Ok(s.after_one_on_one.clone());
    };
    tx.prepare_cached(
        "SELECT coalesce(max(i.happened_on), '') FROM interaction i JOIN kind k ON k.id = i.kind_id
          WHERE i.person_id = ?1 AND k.category = 'formal' AND i.deleted_at IS NULL
            AND i.happened_on < coalesce(?2, date(?3, '+7 days'))",
    )?
    .query_row(params![person, s.sent_on, monday], |r| r.get(0))
}
