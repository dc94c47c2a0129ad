//! The entries: kinds, interactions with their tags, and the advice loops
//! of asks, as records of the export.

use rusqlite::Connection;
use serde::Serialize;

use super::{Children, Result, Sink, each_row};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KindRecord {
    pub id: i64,
    pub name: String,
    pub category: String,
    pub builtin: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InteractionRecord {
    pub id: i64,
    pub person_id: i64,
    pub kind_id: i64,
    pub happened_on: String,
    pub time: Option<String>,
    pub minutes: Option<i64>,
    pub quality: Option<i64>,
    pub initiated_by: String,
    pub title: String,
    pub notes: String,
    pub tags: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
    pub version: i64,
    /// A work entry kept out of the summary and the review.
    pub private: bool,
    /// Set for an entry deleted but not yet purged: kept so `undo` still
    /// works after a restore, and so topics and summaries that point at it
    /// keep their link.
    pub deleted_at: Option<String>,
    /// The entry's stable key: an import skips an entry whose key the
    /// journal holds. Absent in documents from before keys.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uid: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AdviceLoopRecord {
    pub id: i64,
    pub interaction_id: i64,
    pub question: String,
    pub strength: String,
    pub applied: Option<bool>,
    pub reported_on: Option<String>,
}

pub(super) fn each_kind(conn: &Connection, sink: Sink<'_, KindRecord>) -> Result<()> {
    each_row(
        conn,
        "SELECT id, name, category, builtin FROM kind ORDER BY id",
        |r| {
            Ok(KindRecord {
                id: r.get(0)?,
                name: r.get(1)?,
                category: r.get(2)?,
                builtin: r.get(3)?,
            })
        },
        &mut |kind| Ok(sink(kind)),
    )
}

/// Every entry in id order, its tags read alongside in the same order (the
/// tag table's key is entry, tag), so nothing is held but the entry at hand.
pub(super) fn each_interaction(conn: &Connection, sink: Sink<'_, InteractionRecord>) -> Result<()> {
    let mut tags = conn
        .prepare("SELECT interaction_id, tag FROM interaction_tag ORDER BY interaction_id, tag")?;
    let mut tags = Children::new(tags.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?);
    each_row(
        conn,
        "SELECT id, person_id, kind_id, happened_on, at_time, minutes, quality, initiated_by,
                title, notes, created_at, updated_at, version, deleted_at, uid, private
           FROM interaction ORDER BY id",
        |r| {
            Ok(InteractionRecord {
                id: r.get(0)?,
                person_id: r.get(1)?,
                kind_id: r.get(2)?,
                happened_on: r.get(3)?,
                time: r.get(4)?,
                minutes: r.get(5)?,
                quality: r.get(6)?,
                initiated_by: r.get(7)?,
                title: r.get(8)?,
                notes: r.get(9)?,
                tags: Vec::new(),
                created_at: r.get(10)?,
                updated_at: r.get(11)?,
                version: r.get(12)?,
                private: r.get(15)?,
                deleted_at: r.get(13)?,
                uid: r.get(14)?,
            })
        },
        &mut |mut entry: InteractionRecord| {
            entry.tags = tags.of(entry.id)?;
            Ok(sink(entry))
        },
    )
}

pub(super) fn each_advice_loop(conn: &Connection, sink: Sink<'_, AdviceLoopRecord>) -> Result<()> {
    each_row(
        conn,
        "SELECT id, interaction_id, question, strength, applied, reported_on
           FROM advice_loop ORDER BY id",
        |r| {
            Ok(AdviceLoopRecord {
                id: r.get(0)?,
                interaction_id: r.get(1)?,
                question: r.get(2)?,
                strength: r.get(3)?,
                applied: r.get(4)?,
                reported_on: r.get(5)?,
            })
        },
        &mut |ask| Ok(sink(ask)),
    )
}
