//! The lossless JSON document: every table of the user's data, with ids and
//! timestamps, read in one read transaction so it is a consistent snapshot.
//! `docs/export-format.md` describes it field by field.

use std::collections::HashMap;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, Transaction, TransactionBehavior};
use serde::Serialize;

use super::{Result, Store, StoreError, secure_create_dir};

/// The value of `"format"` in every rapport export.
pub const EXPORT_FORMAT: &str = "rapport";

/// The version of the document this build writes and reads.
pub const EXPORT_VERSION: i64 = 1;

/// The whole journal as one document. Drafts are left out: they are the
/// half-typed state of a form, not data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportDocument {
    pub format: String,
    pub version: i64,
    pub people: Vec<PersonRecord>,
    pub kinds: Vec<KindRecord>,
    pub interactions: Vec<InteractionRecord>,
    pub advice_loops: Vec<AdviceLoopRecord>,
    pub topics: Vec<TopicRecord>,
    pub summaries: Vec<SummaryRecord>,
    pub checkins: Vec<CheckInRecord>,
    pub nudge_states: Vec<NudgeStateRecord>,
    pub profile_items: Vec<ProfileItemRecord>,
    pub expectations: Vec<ExpectationRecord>,
    pub promises: Vec<PromiseRecord>,
    /// The 1:1 series imported from calendars, one record per occurrence.
    pub calendar: Vec<CalendarOccurrenceRecord>,
}

impl ExportDocument {
    /// A document with nothing in it yet.
    pub fn empty() -> ExportDocument {
        ExportDocument {
            format: EXPORT_FORMAT.to_string(),
            version: EXPORT_VERSION,
            people: Vec::new(),
            kinds: Vec::new(),
            interactions: Vec::new(),
            advice_loops: Vec::new(),
            topics: Vec::new(),
            summaries: Vec::new(),
            checkins: Vec::new(),
            nudge_states: Vec::new(),
            profile_items: Vec::new(),
            expectations: Vec::new(),
            promises: Vec::new(),
            calendar: Vec::new(),
        }
    }

    /// The document as pretty JSON, ending with a newline.
    pub fn to_json(&self) -> serde_json::Result<String> {
        let mut text = serde_json::to_string_pretty(self)?;
        text.push('\n');
        Ok(text)
    }
}

// Dates are `YYYY-MM-DD` and instants RFC 3339 UTC text, exactly as stored,
// so a round trip cannot shift them.

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonRecord {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub is_current: bool,
    pub cadence_days: Option<i64>,
    pub next_one_on_one: Option<String>,
    pub archived: bool,
    /// manager, skip_level, mentor or peer.
    pub relation: String,
    /// The name to call them by; empty: the first word of `name`.
    pub call: String,
    pub strengths: Vec<StrengthRecord>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StrengthRecord {
    pub id: i64,
    pub text: String,
    pub noted_on: String,
}

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

/// One item of a profile, live or retired; `person_id` null is you.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProfileItemRecord {
    pub id: i64,
    pub person_id: Option<i64>,
    pub facet: String,
    pub text: String,
    pub noted_on: String,
    pub confirmed_on: String,
    pub retired_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExpectationRecord {
    pub id: i64,
    pub person_id: i64,
    pub text: String,
    pub held_by: String,
    pub state: String,
    pub added_on: String,
    pub confirmed_on: Option<String>,
    pub dropped_on: Option<String>,
    pub created_at: String,
    pub updated_at: String,
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

impl Store {
    /// Every table of the user's data, each in id order.
    pub fn export_document(&self) -> Result<ExportDocument> {
        // A deferred transaction is a read snapshot: a writer in another
        // process cannot make the tables disagree with each other.
        let tx = Transaction::new_unchecked(&self.conn, TransactionBehavior::Deferred)?;
        let mut doc = ExportDocument::empty();
        doc.people = read_people(&tx)?;
        doc.kinds = collect(
            &tx,
            "SELECT id, name, category, builtin FROM kind ORDER BY id",
            |r| {
                Ok(KindRecord {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    category: r.get(2)?,
                    builtin: r.get(3)?,
                })
            },
        )?;
        doc.interactions = read_interactions(&tx)?;
        doc.advice_loops = collect(
            &tx,
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
        )?;
        doc.topics = collect(
            &tx,
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
        )?;
        doc.summaries = read_summaries(&tx)?;
        doc.checkins = collect(
            &tx,
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
        )?;
        doc.nudge_states = collect(
            &tx,
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
        )?;
        doc.profile_items = collect(
            &tx,
            "SELECT id, person_id, facet, text, noted_on, confirmed_on, retired_on
               FROM profile_item ORDER BY id",
            |r| {
                Ok(ProfileItemRecord {
                    id: r.get(0)?,
                    person_id: r.get(1)?,
                    facet: r.get(2)?,
                    text: r.get(3)?,
                    noted_on: r.get(4)?,
                    confirmed_on: r.get(5)?,
                    retired_on: r.get(6)?,
                })
            },
        )?;
        doc.expectations = collect(
            &tx,
            "SELECT id, person_id, text, held_by, state, added_on, confirmed_on, dropped_on,
                    created_at, updated_at
               FROM expectation ORDER BY id",
            |r| {
                Ok(ExpectationRecord {
                    id: r.get(0)?,
                    person_id: r.get(1)?,
                    text: r.get(2)?,
                    held_by: r.get(3)?,
                    state: r.get(4)?,
                    added_on: r.get(5)?,
                    confirmed_on: r.get(6)?,
                    dropped_on: r.get(7)?,
                    created_at: r.get(8)?,
                    updated_at: r.get(9)?,
                })
            },
        )?;
        doc.promises = read_promises(&tx)?;
        doc.calendar = collect(
            &tx,
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
        )?;
        Ok(doc)
    }
}

fn collect<T>(
    conn: &Connection,
    sql: &str,
    row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], row)?.collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Pairs `(owner id, value)` grouped by owner, in the order the query gives.
fn grouped<T>(
    conn: &Connection,
    sql: &str,
    mut row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<(i64, T)>,
) -> Result<HashMap<i64, Vec<T>>> {
    let mut out: HashMap<i64, Vec<T>> = HashMap::new();
    for (owner, value) in collect(conn, sql, &mut row)? {
        out.entry(owner).or_default().push(value);
    }
    Ok(out)
}

fn read_people(conn: &Connection) -> Result<Vec<PersonRecord>> {
    let mut strengths = grouped(
        conn,
        "SELECT person_id, id, text, noted_on FROM strength ORDER BY person_id, id",
        |r| {
            Ok((
                r.get(0)?,
                StrengthRecord {
                    id: r.get(1)?,
                    text: r.get(2)?,
                    noted_on: r.get(3)?,
                },
            ))
        },
    )?;
    let mut people = collect(
        conn,
        "SELECT id, name, role, is_current, cadence_days, next_one_on_one, archived,
                created_at, updated_at, relation, call
           FROM person ORDER BY id",
        |r| {
            Ok(PersonRecord {
                id: r.get(0)?,
                name: r.get(1)?,
                role: r.get(2)?,
                is_current: r.get(3)?,
                cadence_days: r.get(4)?,
                next_one_on_one: r.get(5)?,
                archived: r.get(6)?,
                relation: r.get(9)?,
                call: r.get(10)?,
                strengths: Vec::new(),
                created_at: r.get(7)?,
                updated_at: r.get(8)?,
            })
        },
    )?;
    for person in &mut people {
        person.strengths = strengths.remove(&person.id).unwrap_or_default();
    }
    Ok(people)
}

fn read_interactions(conn: &Connection) -> Result<Vec<InteractionRecord>> {
    let mut tags = grouped(
        conn,
        "SELECT interaction_id, tag FROM interaction_tag ORDER BY interaction_id, tag",
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut interactions = collect(
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
    )?;
    for entry in &mut interactions {
        entry.tags = tags.remove(&entry.id).unwrap_or_default();
    }
    Ok(interactions)
}

fn read_summaries(conn: &Connection) -> Result<Vec<SummaryRecord>> {
    let mut picks = grouped(
        conn,
        "SELECT summary_id, topic_id FROM summary_pick ORDER BY summary_id, topic_id",
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut summaries = collect(
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
    )?;
    for summary in &mut summaries {
        summary.picked_topics = picks.remove(&summary.id).unwrap_or_default();
    }
    Ok(summaries)
}

fn read_promises(conn: &Connection) -> Result<Vec<PromiseRecord>> {
    let mut moves = grouped(
        conn,
        "SELECT promise_id, id, moved_on, from_due, to_due FROM promise_move
          ORDER BY promise_id, id",
        |r| {
            Ok((
                r.get(0)?,
                PromiseMoveRecord {
                    id: r.get(1)?,
                    moved_on: r.get(2)?,
                    from_due: r.get(3)?,
                    to_due: r.get(4)?,
                },
            ))
        },
    )?;
    let mut promises = collect(
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
    )?;
    for promise in &mut promises {
        promise.moves = moves.remove(&promise.id).unwrap_or_default();
    }
    Ok(promises)
}

/// Writes `contents` to a new file readable by its owner only (0600, in a
/// 0700 directory when it has to be created). An existing file is an error
/// unless `replace`, and then it is swapped for the new one in one rename,
/// so a reader never sees half of it.
pub fn write_private_file(path: &Path, contents: &[u8], replace: bool) -> Result<()> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        secure_create_dir(parent)?;
    }
    let target = if replace {
        sibling_temp_path(path)
    } else {
        path.to_path_buf()
    };
    let written = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&target)
        .and_then(|mut file| {
            // The mode above is filtered by the umask; say it again plainly.
            file.set_permissions(fs::Permissions::from_mode(0o600))?;
            file.write_all(contents)?;
            file.sync_all()
        });
    if let Err(e) = written {
        if replace || e.kind() != std::io::ErrorKind::AlreadyExists {
            let _ = fs::remove_file(&target);
        }
        return Err(io(e));
    }
    if replace {
        fs::rename(&target, path).map_err(|e| {
            let _ = fs::remove_file(&target);
            io(e)
        })?;
    }
    Ok(())
}

/// A hidden name beside `path` for a file written before it is renamed into place.
pub(crate) fn sibling_temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "rapport".to_string());
    path.with_file_name(format!(".{name}.{}.tmp", std::process::id()))
}
