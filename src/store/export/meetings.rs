//! What prepares and follows the meetings, and the reflections around them:
//! topics, summaries with their picks, promises with their moves, calendar
//! occurrences, check-ins and the coach's nudge states, as records of the
//! export.

use rusqlite::Connection;
use serde::Serialize;

use super::{Children, Result, Sink, each_row};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicRecord {
    pub id: i64,
    pub person_id: i64,
    pub text: String,
    pub position: i64,
    pub status: String,
    pub added_on: String,
    pub closed_on: Option<String>,
    pub closed_by_interaction: Option<i64>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummaryRecord {
    pub id: i64,
    pub person_id: i64,
    /// The 1:1 it follows ('' when there was none): it prepares the next.
    pub after_one_on_one: String,
    /// The day the 1:1 it prepares was planned for when it was last saved.
    pub for_one_on_one: Option<String>,
    /// Read from an export written before summaries were kept per 1:1 (the
    /// Monday of its week); never written.
    #[serde(skip)]
    pub week_start: Option<String>,
    pub body: String,
    pub sent_on: Option<String>,
    pub sent_interaction: Option<i64>,
    /// The topics the manager picked from this summary, by topic id.
    pub picked_topics: Vec<i64>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckInRecord {
    pub id: i64,
    pub person_id: Option<i64>,
    pub checked_on: String,
    pub trust: i64,
    pub clarity: i64,
    pub ease: i64,
    pub note: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NudgeStateRecord {
    pub rule_id: String,
    pub person_id: i64,
    pub snoozed_until: Option<String>,
    pub dismissed_at: Option<String>,
    pub done_at: Option<String>,
    /// The day of the fact the dismissed or done suggestion was about.
    pub anchor: Option<String>,
    pub switched_off: bool,
}

/// A promise, by me or by them, with the moves of its due day oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PromiseRecord {
    pub id: i64,
    pub person_id: i64,
    pub text: String,
    pub made_by: String,
    pub made_on: String,
    pub interaction_id: Option<i64>,
    pub due_on: Option<String>,
    pub state: String,
    pub closed_on: Option<String>,
    pub moves: Vec<PromiseMoveRecord>,
    pub created_at: String,
    pub updated_at: String,
}

/// One occurrence of a person's 1:1 series from their calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalendarOccurrenceRecord {
    pub id: i64,
    pub person_id: i64,
    pub series_uid: String,
    pub series_title: String,
    pub rule: String,
    pub original_on: String,
    pub happens_on: Option<String>,
    pub at_time: Option<String>,
    pub cancelled_by: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PromiseMoveRecord {
    pub id: i64,
    pub moved_on: String,
    pub from_due: Option<String>,
    pub to_due: String,
}

pub(super) fn each_topic(conn: &Connection, sink: Sink<'_, TopicRecord>) -> Result<()> {
    each_row(
        conn,
        "SELECT id, person_id, text, position, status, added_on, closed_on,
                closed_by_interaction, created_at, updated_at
           FROM topic ORDER BY id",
        |r| {
            Ok(TopicRecord {
                id: r.get(0)?,
                person_id: r.get(1)?,
                text: r.get(2)?,
                position: r.get(3)?,
                status: r.get(4)?,
                added_on: r.get(5)?,
                closed_on: r.get(6)?,
                closed_by_interaction: r.get(7)?,
                created_at: r.get(8)?,
                updated_at: r.get(9)?,
            })
        },
        &mut |topic| Ok(sink(topic)),
    )
}

pub(super) fn each_summary(conn: &Connection, sink: Sink<'_, SummaryRecord>) -> Result<()> {
    let mut picks = conn
        .prepare("SELECT summary_id, topic_id FROM summary_pick ORDER BY summary_id, topic_id")?;
    let mut picks = Children::new(picks.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?);
    each_row(
        conn,
        "SELECT id, person_id, after_one_on_one, for_one_on_one, body, sent_on, sent_interaction,
                created_at, updated_at
           FROM summary ORDER BY id",
        |r| {
            Ok(SummaryRecord {
                id: r.get(0)?,
                person_id: r.get(1)?,
                after_one_on_one: r.get(2)?,
                for_one_on_one: r.get(3)?,
                week_start: None,
                body: r.get(4)?,
                sent_on: r.get(5)?,
                sent_interaction: r.get(6)?,
                picked_topics: Vec::new(),
                created_at: r.get(7)?,
                updated_at: r.get(8)?,
            })
        },
        &mut |mut summary: SummaryRecord| {
            summary.picked_topics = picks.of(summary.id)?;
            Ok(sink(summary))
        },
    )
}

pub(super) fn each_checkin(conn: &Connection, sink: Sink<'_, CheckInRecord>) -> Result<()> {
    each_row(
        conn,
        "SELECT id, person_id, checked_on, trust, clarity, ease, note, created_at
           FROM checkin ORDER BY id",
        |r| {
            Ok(CheckInRecord {
                id: r.get(0)?,
                person_id: r.get(1)?,
                checked_on: r.get(2)?,
                trust: r.get(3)?,
                clarity: r.get(4)?,
                ease: r.get(5)?,
                note: r.get(6)?,
                created_at: r.get(7)?,
            })
        },
        &mut |checkin| Ok(sink(checkin)),
    )
}

pub(super) fn each_nudge_state(conn: &Connection, sink: Sink<'_, NudgeStateRecord>) -> Result<()> {
    each_row(
        conn,
        "SELECT rule_id, person_id, snoozed_until, dismissed_at, done_at, anchor, switched_off
           FROM nudge_state ORDER BY rule_id, person_id",
        |r| {
            Ok(NudgeStateRecord {
                rule_id: r.get(0)?,
                person_id: r.get(1)?,
                snoozed_until: r.get(2)?,
                dismissed_at: r.get(3)?,
                done_at: r.get(4)?,
                anchor: r.get(5)?,
                switched_off: r.get(6)?,
            })
        },
        &mut |state| Ok(sink(state)),
    )
}

pub(super) fn each_promise(conn: &Connection, sink: Sink<'_, PromiseRecord>) -> Result<()> {
    let mut moves = conn.prepare(
        "SELECT promise_id, id, moved_on, from_due, to_due FROM promise_move
          ORDER BY promise_id, id",
    )?;
    let mut moves = Children::new(moves.query_map([], |r| {
        Ok((
            r.get(0)?,
            PromiseMoveRecord {
                id: r.get(1)?,
                moved_on: r.get(2)?,
                from_due: r.get(3)?,
                to_due: r.get(4)?,
            },
        ))
    })?);
    each_row(
        conn,
        "SELECT id, person_id, text, made_by, made_on, interaction_id, due_on, state, closed_on,
                created_at, updated_at
           FROM promise ORDER BY id",
        |r| {
            Ok(PromiseRecord {
                id: r.get(0)?,
                person_id: r.get(1)?,
                text: r.get(2)?,
                made_by: r.get(3)?,
                made_on: r.get(4)?,
                interaction_id: r.get(5)?,
                due_on: r.get(6)?,
                state: r.get(7)?,
                closed_on: r.get(8)?,
                moves: Vec::new(),
                created_at: r.get(9)?,
                updated_at: r.get(10)?,
            })
        },
        &mut |mut promise: PromiseRecord| {
            promise.moves = moves.of(promise.id)?;
            Ok(sink(promise))
        },
    )
}

pub(super) fn each_calendar_occurrence(
    conn: &Connection,
    sink: Sink<'_, CalendarOccurrenceRecord>,
) -> Result<()> {
    each_row(
        conn,
        "SELECT id, person_id, series_uid, series_title, rule, original_on, happens_on,
                at_time, cancelled_by, created_at
           FROM calendar_occurrence ORDER BY id",
        |r| {
            Ok(CalendarOccurrenceRecord {
                id: r.get(0)?,
                person_id: r.get(1)?,
                series_uid: r.get(2)?,
                series_title: r.get(3)?,
                rule: r.get(4)?,
                original_on: r.get(5)?,
                happens_on: r.get(6)?,
                at_time: r.get(7)?,
                cancelled_by: r.get(8)?,
                created_at: r.get(9)?,
            })
        },
        &mut |occurrence| Ok(sink(occurrence)),
    )
}
