//! Importing rapport's own document in one transaction: each record keeps
//! its id where that id is free, references follow the ids given, and a
//! record already in the journal (same id, same creation instant) is skipped.

use std::collections::{HashMap, HashSet};

use rusqlite::{OptionalExtension, Transaction, params};

use super::export::ExportDocument;
use super::fields::ImportError;
use super::import::{ImportFailure, ImportReport, Outcome, finish};
use super::interactions::write_tags;
use super::text_index::IndexedByHand;
use super::{Store, StoreError};

/// File ids mapped to journal ids, per table.
#[derive(Default)]
struct IdMap(HashMap<i64, i64>);

impl IdMap {
    fn get(&self, what: &str, id: i64) -> Outcome<i64> {
        self.0.get(&id).copied().ok_or_else(|| {
            // The document was checked, so this is a bug, not a bad file.
            ImportFailure::Store(StoreError::Conflict(format!(
                "import lost track of {what} {id}"
            )))
        })
    }

    fn get_opt(&self, what: &str, id: Option<i64>) -> Outcome<Option<i64>> {
        id.map(|id| self.get(what, id)).transpose()
    }
}

/// `Some(id)` when `id` is free in `table`, so the record keeps it; `None`
/// lets SQLite choose a new one. `table` is always one of ours, never input.
fn keep_id(tx: &Transaction<'_>, table: &'static str, id: i64) -> rusqlite::Result<Option<i64>> {
    let taken: bool = tx
        .prepare_cached(&format!(
            "SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)"
        ))?
        .query_row([id], |r| r.get(0))?;
    Ok((!taken).then_some(id))
}

/// The rows this import inserted, per table: never taken for "already in
/// the journal", whatever id SQLite gave them.
#[derive(Default)]
struct Fresh(HashSet<(&'static str, i64)>);

impl Fresh {
    fn inserted(&mut self, table: &'static str, tx: &Transaction<'_>) -> i64 {
        let id = tx.last_insert_rowid();
        self.0.insert((table, id));
        id
    }
}

/// Whether the journal already held this very record before the import:
/// the same id, created at the same instant, and not a row this import
/// inserted (a record that lost its id to a clash gets a new one, which a
/// later record of the file may carry).
fn already_there(
    tx: &Transaction<'_>,
    fresh: &Fresh,
    table: &'static str,
    id: i64,
    created_at: &str,
) -> rusqlite::Result<bool> {
    if fresh.0.contains(&(table, id)) {
        return Ok(false);
    }
    tx.prepare_cached(&format!(
        "SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1 AND created_at = ?2)"
    ))?
    .query_row(params![id, created_at], |r| r.get(0))
}

/// The entry of the journal this record is: the one with its stable key;
/// for a document from before keys (or a journal that imported it before
/// it had keys), the one with its id, instant and title.
fn entry_there(
    tx: &Transaction<'_>,
    fresh: &Fresh,
    e: &super::export::InteractionRecord,
) -> rusqlite::Result<Option<i64>> {
    if let Some(uid) = e.uid {
        let keyed: Option<i64> = tx
            .query_row("SELECT id FROM interaction WHERE uid = ?1", [uid], |r| {
                r.get(0)
            })
            .optional()?;
        if keyed.is_some() {
            return Ok(keyed);
        }
    }
    if fresh.0.contains(&("interaction", e.id)) {
        return Ok(None);
    }
    tx.prepare_cached(
        "SELECT id FROM interaction WHERE id = ?1 AND created_at = ?2 AND title = ?3",
    )?
    .query_row(params![e.id, e.created_at, e.title], |r| r.get(0))
    .optional()
}

impl Store {
    /// Imports rapport's own document. Into an empty journal every record
    /// keeps its id, so exporting again gives the same document.
    pub fn import_document(
        &mut self,
        doc: &ExportDocument,
        dry_run: bool,
    ) -> Outcome<ImportReport> {
        let mut report = ImportReport::new(
            dry_run,
            &[
                ("person", "people"),
                ("kind", "kinds"),
                ("interaction", "interactions"),
                ("advice loop", "advice loops"),
                ("topic", "topics"),
                ("summary", "summaries"),
                ("check-in", "check-ins"),
                ("nudge state", "nudge states"),
                ("profile item", "profile items"),
                ("expectation", "expectations"),
                ("promise", "promises"),
                ("calendar occurrence", "calendar occurrences"),
            ],
        );
        let tx = self.conn.transaction()?;
        let fresh = &mut Fresh::default();
        let people = import_people(&tx, fresh, doc, &mut report)?;
        let kinds = import_kinds(&tx, doc, &mut report)?;
        let index = IndexedByHand::begin(&tx)?;
        let interactions =
            import_interactions(&tx, fresh, &index, doc, &people, &kinds, &mut report)?;
        index.restore(&tx)?;
        let topics = import_topics(&tx, fresh, doc, &people, &interactions, &mut report)?;
        import_summaries(
            &tx,
            fresh,
            doc,
            &people,
            &interactions,
            &topics,
            &mut report,
        )?;
        import_checkins_and_nudges(&tx, fresh, doc, &people, &mut report)?;
        import_profiles(&tx, fresh, doc, &people, &mut report)?;
        import_promises(&tx, fresh, doc, &people, &interactions, &mut report)?;
        import_calendar(&tx, fresh, doc, &people, &mut report)?;
        finish(tx, report)
    }
}

fn import_people(
    tx: &Transaction<'_>,
    fresh: &mut Fresh,
    doc: &ExportDocument,
    report: &mut ImportReport,
) -> Outcome<IdMap> {
    let mut map = IdMap::default();
    let mut has_current: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM person WHERE is_current = 1)")?
        .query_row([], |r| r.get(0))?;
    for p in &doc.people {
        let same_name: Option<i64> = tx
            .query_row("SELECT id FROM person WHERE name = ?1", [&p.name], |r| {
                r.get(0)
            })
            .optional()?;
        let existing = if already_there(tx, fresh, "person", p.id, &p.created_at)? {
            Some(p.id)
        } else {
            // The same name is the same person: the name is unique.
            same_name
        };
        if let Some(id) = existing {
            map.0.insert(p.id, id);
            report.count("people", false);
            continue;
        }
        let current = p.is_current && !has_current;
        if p.is_current && !current {
            report.notes.push(format!(
                "{} was imported but not made current: the journal already has a current manager",
                p.name
            ));
        }
        tx.prepare_cached(
            "INSERT INTO person (id, name, role, is_current, cadence_days, next_one_on_one,
                                 archived, created_at, updated_at, relation, call)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            keep_id(tx, "person", p.id)?,
            p.name,
            p.role,
            current,
            p.cadence_days,
            p.next_one_on_one,
            p.archived,
            p.created_at,
            p.updated_at,
            p.relation,
            p.call,
        ])?;
        let id = fresh.inserted("person", tx);
        has_current |= current;
        for s in &p.strengths {
            tx.prepare_cached(
                "INSERT INTO strength (id, person_id, text, noted_on) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![
                keep_id(tx, "strength", s.id)?,
                id,
                s.text,
                s.noted_on
            ])?;
        }
        map.0.insert(p.id, id);
        report.count("people", true);
    }
    Ok(map)
}

fn import_kinds(
    tx: &Transaction<'_>,
    doc: &ExportDocument,
    report: &mut ImportReport,
) -> Outcome<IdMap> {
    let mut map = IdMap::default();
    for (i, k) in doc.kinds.iter().enumerate() {
        let existing: Option<(i64, String, bool)> = tx
            .query_row(
                "SELECT id, category, builtin FROM kind WHERE name = ?1",
                [&k.name],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        if let Some((id, category, builtin)) = existing {
            if category != k.category {
                return Err(ImportError::new(
                    format!("kinds[{i}].category"),
                    format!(
                        "kind `{}` is {} in the file but {category} in this journal; rename one of them",
                        k.name, k.category
                    ),
                )
                .into());
            }
            map.0.insert(k.id, id);
            // Built-in kinds are in every journal: not worth a mention.
            if !builtin {
                report.count("kinds", false);
            }
            continue;
        }
        // Only rapport's migrations ship built-in kinds; one from a newer
        // rapport arrives here as the user's own.
        tx.prepare_cached("INSERT INTO kind (id, name, category, builtin) VALUES (?1, ?2, ?3, 0)")?
            .execute(params![keep_id(tx, "kind", k.id)?, k.name, k.category])?;
        map.0.insert(k.id, tx.last_insert_rowid());
        report.count("kinds", true);
    }
    Ok(map)
}

/// Imports the interactions, then the advice loops of those inserted now
/// (a loop belongs to its interaction, so a skipped entry keeps its own).
fn import_interactions(
    tx: &Transaction<'_>,
    fresh: &mut Fresh,
    index: &IndexedByHand,
    doc: &ExportDocument,
    people: &IdMap,
    kinds: &IdMap,
    report: &mut ImportReport,
) -> Outcome<IdMap> {
    let mut map = IdMap::default();
    let mut inserted: HashMap<i64, i64> = HashMap::new();
    for e in &doc.interactions {
        if let Some(there) = entry_there(tx, fresh, e)? {
            map.0.insert(e.id, there);
            report.count("interactions", false);
            continue;
        }
        tx.prepare_cached("INSERT INTO interaction (id, person_id, kind_id, happened_on, at_time, minutes, quality,
                                      initiated_by, title, notes, created_at, updated_at, version,
                                      deleted_at, uid, private)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)")?.execute(params![
                keep_id(tx, "interaction", e.id)?,
                people.get("person", e.person_id)?,
                kinds.get("kind", e.kind_id)?,
                e.happened_on,
                e.time,
                e.minutes,
                e.quality,
                e.initiated_by,
                e.title,
                e.notes,
                e.created_at,
                e.updated_at,
                e.version,
                e.deleted_at,
                e.uid,
                e.private,
            ],
        )?;
        let id = fresh.inserted("interaction", tx);
        write_tags(tx, id, &e.tags)?;
        index.index_entry(tx, id)?;
        map.0.insert(e.id, id);
        inserted.insert(e.id, id);
        report.count("interactions", true);
    }
    for a in &doc.advice_loops {
        let Some(interaction) = inserted.get(&a.interaction_id) else {
            report.count("advice loops", false);
            continue;
        };
        tx.prepare_cached(
            "INSERT INTO advice_loop (id, interaction_id, question, strength, applied, reported_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            keep_id(tx, "advice_loop", a.id)?,
            interaction,
            a.question,
            a.strength,
            a.applied,
            a.reported_on,
        ])?;
        report.count("advice loops", true);
    }
    Ok(map)
}

fn import_topics(
    tx: &Transaction<'_>,
    fresh: &mut Fresh,
    doc: &ExportDocument,
    people: &IdMap,
    interactions: &IdMap,
    report: &mut ImportReport,
) -> Outcome<IdMap> {
    let mut map = IdMap::default();
    for t in &doc.topics {
        if already_there(tx, fresh, "topic", t.id, &t.created_at)? {
            map.0.insert(t.id, t.id);
            report.count("topics", false);
            continue;
        }
        tx.prepare_cached(
            "INSERT INTO topic (id, person_id, text, position, status, added_on, closed_on,
                                closed_by_interaction, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            keep_id(tx, "topic", t.id)?,
            people.get("person", t.person_id)?,
            t.text,
            t.position,
            t.status,
            t.added_on,
            t.closed_on,
            interactions.get_opt("interaction", t.closed_by_interaction)?,
            t.created_at,
            t.updated_at,
        ])?;
        map.0.insert(t.id, fresh.inserted("topic", tx));
        report.count("topics", true);
    }
    Ok(map)
}

/// The 1:1 a summary follows: as exported, or for an export of weekly
/// summaries, the last 1:1 before it was sent (before its week's end, for a
/// draft), as migration 0009 files them.
fn filed_after(
    tx: &Transaction<'_>,
    person: i64,
    s: &super::SummaryRecord,
) -> rusqlite::Result<String> {
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

fn import_summaries(
    tx: &Transaction<'_>,
    fresh: &mut Fresh,
    doc: &ExportDocument,
    people: &IdMap,
    interactions: &IdMap,
    topics: &IdMap,
    report: &mut ImportReport,
) -> Outcome<()> {
    for s in &doc.summaries {
        let person = people.get("person", s.person_id)?;
        if already_there(tx, fresh, "summary", s.id, &s.created_at)? {
            report.count("summaries", false);
            continue;
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
            interactions.get_opt("interaction", s.sent_interaction)?,
            s.created_at,
            s.updated_at,
        ])?;
        let id = fresh.inserted("summary", tx);
        for topic in &s.picked_topics {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO summary_pick (summary_id, topic_id) VALUES (?1, ?2)",
            )?
            .execute(params![id, topics.get("topic", *topic)?])?;
        }
        report.count("summaries", true);
    }
    Ok(())
}

fn import_checkins_and_nudges(
    tx: &Transaction<'_>,
    fresh: &mut Fresh,
    doc: &ExportDocument,
    people: &IdMap,
    report: &mut ImportReport,
) -> Outcome<()> {
    for c in &doc.checkins {
        if already_there(tx, fresh, "checkin", c.id, &c.created_at)? {
            report.count("check-ins", false);
            continue;
        }
        tx.prepare_cached("INSERT INTO checkin (id, person_id, checked_on, trust, clarity, ease, note, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?.execute(params![
                keep_id(tx, "checkin", c.id)?,
                people.get_opt("person", c.person_id)?,
                c.checked_on,
                c.trust,
                c.clarity,
                c.ease,
                c.note,
                c.created_at,
            ],
        )?;
        fresh.inserted("checkin", tx);
        report.count("check-ins", true);
    }
    for n in &doc.nudge_states {
        let added = tx
            .prepare_cached(
                "INSERT INTO nudge_state (rule_id, person_id, snoozed_until, dismissed_at, done_at,
                                      anchor, switched_off)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (rule_id, person_id) DO NOTHING",
            )?
            .execute(params![
                n.rule_id,
                people.get("person", n.person_id)?,
                n.snoozed_until,
                n.dismissed_at,
                n.done_at,
                n.anchor,
                n.switched_off,
            ])?;
        report.count("nudge states", added == 1);
    }
    Ok(())
}

/// Profile items and expectations. An item already there (same id, same
/// person, facet, text and day noted) is skipped.
fn import_profiles(
    tx: &Transaction<'_>,
    fresh: &mut Fresh,
    doc: &ExportDocument,
    people: &IdMap,
    report: &mut ImportReport,
) -> Outcome<()> {
    for p in &doc.profile_items {
        let person = people.get_opt("person", p.person_id)?;
        let there: bool = tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM profile_item WHERE id = ?1 AND person_id IS ?2
                              AND facet = ?3 AND text = ?4 AND noted_on = ?5)",
            )?
            .query_row(params![p.id, person, p.facet, p.text, p.noted_on], |r| {
                r.get(0)
            })?;
        if there {
            report.count("profile items", false);
            continue;
        }
        tx.prepare_cached("INSERT INTO profile_item (id, person_id, facet, text, noted_on, confirmed_on, retired_on)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?.execute(params![
                keep_id(tx, "profile_item", p.id)?,
                person,
                p.facet,
                p.text,
                p.noted_on,
                p.confirmed_on,
                p.retired_on,
            ],
        )?;
        report.count("profile items", true);
    }
    for e in &doc.expectations {
        if already_there(tx, fresh, "expectation", e.id, &e.created_at)? {
            report.count("expectations", false);
            continue;
        }
        tx.prepare_cached(
            "INSERT INTO expectation (id, person_id, text, held_by, state, added_on, confirmed_on,
                                      dropped_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        )?
        .execute(params![
            keep_id(tx, "expectation", e.id)?,
            people.get("person", e.person_id)?,
            e.text,
            e.held_by,
            e.state,
            e.added_on,
            e.confirmed_on,
            e.dropped_on,
            e.created_at,
            e.updated_at,
        ])?;
        fresh.inserted("expectation", tx);
        report.count("expectations", true);
    }
    Ok(())
}

/// Promises with their moves. A promise already there (same id, same
/// creation instant) is skipped with its moves.
fn import_promises(
    tx: &Transaction<'_>,
    fresh: &mut Fresh,
    doc: &ExportDocument,
    people: &IdMap,
    interactions: &IdMap,
    report: &mut ImportReport,
) -> Outcome<()> {
    for p in &doc.promises {
        if already_there(tx, fresh, "promise", p.id, &p.created_at)? {
            report.count("promises", false);
            continue;
        }
        tx.prepare_cached(
            "INSERT INTO promise (id, person_id, text, made_by, made_on, interaction_id, due_on,
                                  state, closed_on, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            keep_id(tx, "promise", p.id)?,
            people.get("person", p.person_id)?,
            p.text,
            p.made_by,
            p.made_on,
            interactions.get_opt("interaction", p.interaction_id)?,
            p.due_on,
            p.state,
            p.closed_on,
            p.created_at,
            p.updated_at,
        ])?;
        let promise_id = fresh.inserted("promise", tx);
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
        report.count("promises", true);
    }
    Ok(())
}

/// The calendar series' occurrences. One already there (same id, same
/// import instant) is skipped; one whose person already has that day of a
/// series is skipped too (the journal's own import is newer).
fn import_calendar(
    tx: &Transaction<'_>,
    fresh: &mut Fresh,
    doc: &ExportDocument,
    people: &IdMap,
    report: &mut ImportReport,
) -> Outcome<()> {
    for c in &doc.calendar {
        let person = people.get("person", c.person_id)?;
        let clash: bool = tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM calendar_occurrence
                             WHERE person_id = ?1 AND original_on = ?2)",
            )?
            .query_row(params![person, c.original_on], |r| r.get(0))?;
        if clash || already_there(tx, fresh, "calendar_occurrence", c.id, &c.created_at)? {
            report.count("calendar occurrences", false);
            continue;
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
        fresh.inserted("calendar_occurrence", tx);
        report.count("calendar occurrences", true);
    }
    Ok(())
}
