//! Interactions: add, read, page through, edit with a stale check, delete
//! softly and undo.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, Transaction, params, params_from_iter};

use super::drafts::{ENTRY_DRAFT, discard_in};
use super::entries::{Entries, EntriesMut};
use super::text_search::match_expression;
use super::{
    Result, StoreError, day_text, instant_text, parse_day_column, parse_instant_column, time_text,
};
use crate::domain::{AdviceLoop, Category, Interaction, InteractionDraft, Kind};

/// Which interactions to list; every field narrows the set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InteractionFilter {
    pub kind_id: Option<i64>,
    pub category: Option<Category>,
    pub person_id: Option<i64>,
    pub tag: Option<String>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    /// Words to find in titles, notes and tags (prefix match, all words).
    pub text: Option<String>,
}

impl InteractionFilter {
    pub fn is_empty(&self) -> bool {
        *self == InteractionFilter::default()
    }
}

/// Where a page starts: just after this row in timeline order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    pub happened_on: NaiveDate,
    pub id: i64,
}

impl Cursor {
    pub fn after(interaction: &Interaction) -> Cursor {
        Cursor {
            happened_on: interaction.happened_on,
            id: interaction.id,
        }
    }
}

/// One page of the timeline, newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub limit: u32,
    pub after: Option<Cursor>,
}

const SELECT_INTERACTION: &str = "
    SELECT i.id, i.person_id, p.name, k.id, k.name, k.category, i.happened_on, i.at_time,
           i.minutes, i.quality, i.initiated_by, i.title, i.notes,
           (SELECT group_concat(t.tag, char(31)) FROM interaction_tag t WHERE t.interaction_id = i.id),
           a.id, a.question, a.strength, a.applied, a.reported_on,
           i.created_at, i.updated_at, i.version, i.uid, i.private
      FROM interaction i
      JOIN person p ON p.id = i.person_id
      JOIN kind k ON k.id = i.kind_id
      LEFT JOIN advice_loop a ON a.interaction_id = i.id";

/// A search reads the text index first, in its rowid order — the timeline's
/// order (see migration 0005) — and stops after a page. The entry's id is
/// the rowid's low 40 bits (migration 0014): the index keeps no columns of
/// its own, so nothing is read from it but the matching rowids.
const FROM_SEARCH: &str =
    "FROM interaction_fts f CROSS JOIN interaction i ON i.id = (f.rowid & 1099511627775)";

/// An entry's place in the timeline as the text index's rowid: the day's
/// Julian day number in the high bits, the id in the low 40 (as the
/// triggers of migration 0005 write it), from the day and id parameters.
fn timeline_key(day_param: usize, id_param: usize) -> String {
    format!("((CAST(julianday(?{day_param}) AS INTEGER) << 40) + ?{id_param})")
}

impl Entries<'_> {
    /// The entry with this id, unless it is deleted.
    pub fn interaction(&self, id: i64) -> Result<Interaction> {
        let sql = format!("{SELECT_INTERACTION} WHERE i.id = ?1 AND i.deleted_at IS NULL");
        self.store
            .conn
            .prepare_cached(&sql)?
            .query_row([id], interaction_from_row)
            .optional()?
            .ok_or(StoreError::NotFound { what: "entry", id })
    }

    /// One page of the timeline, newest first, narrowed by `filter`.
    pub fn interactions(
        &self,
        filter: &InteractionFilter,
        page: PageRequest,
    ) -> Result<Vec<Interaction>> {
        self.page(filter, page.after, false, page.limit)
    }

    /// The page just newer than `cursor`, still newest first: for scrolling
    /// back up a timeline whose newer rows were let go.
    pub fn interactions_newer_than(
        &self,
        filter: &InteractionFilter,
        cursor: Cursor,
        limit: u32,
    ) -> Result<Vec<Interaction>> {
        let mut rows = self.page(filter, Some(cursor), true, limit)?;
        rows.reverse();
        Ok(rows)
    }

    fn page(
        &self,
        filter: &InteractionFilter,
        cursor: Option<Cursor>,
        newer: bool,
        limit: u32,
    ) -> Result<Vec<Interaction>> {
        let mut clauses = vec!["i.deleted_at IS NULL".to_string()];
        let mut values: Vec<Value> = Vec::new();
        let mut bind = |clause: &str, value: Value, clauses: &mut Vec<String>| {
            values.push(value);
            clauses.push(clause.replace('?', &format!("?{}", values.len())));
        };
        if let Some(kind_id) = filter.kind_id {
            bind("i.kind_id = ?", Value::Integer(kind_id), &mut clauses);
        }
        if let Some(category) = filter.category {
            bind(
                "k.category = ?",
                Value::Text(category.as_str().to_string()),
                &mut clauses,
            );
        }
        if let Some(person_id) = filter.person_id {
            bind("i.person_id = ?", Value::Integer(person_id), &mut clauses);
        }
        if let Some(tag) = &filter.tag {
            bind(
                "EXISTS (SELECT 1 FROM interaction_tag t WHERE t.interaction_id = i.id AND t.tag = ?)",
                Value::Text(tag.trim().trim_start_matches('#').to_string()),
                &mut clauses,
            );
        }
        if let Some(since) = filter.since {
            bind(
                "i.happened_on >= ?",
                Value::Text(day_text(since)),
                &mut clauses,
            );
        }
        if let Some(until) = filter.until {
            bind(
                "i.happened_on <= ?",
                Value::Text(day_text(until)),
                &mut clauses,
            );
        }
        let search = match filter.text.as_deref() {
            Some(text) => match_expression(&self.store.conn, text)?,
            None => None,
        };
        let searching = search.is_some();
        if let Some(query) = search {
            bind("interaction_fts MATCH ?", Value::Text(query), &mut clauses);
        }
        if let Some(cursor) = cursor.filter(|_| searching) {
            let strict = if newer { ">" } else { "<" };
            values.push(Value::Text(day_text(cursor.happened_on)));
            values.push(Value::Integer(cursor.id));
            let key = timeline_key(values.len() - 1, values.len());
            clauses.push(format!("f.rowid {strict} {key}"));
        } else if let Some(cursor) = cursor {
            // Written as a range on happened_on plus a tie-break, so the
            // timeline index serves it.
            let (range, strict, tie) = if newer {
                (">=", ">", ">")
            } else {
                ("<=", "<", "<")
            };
            bind(
                &format!("i.happened_on {range} ?"),
                Value::Text(day_text(cursor.happened_on)),
                &mut clauses,
            );
            let day = values.len();
            values.push(Value::Integer(cursor.id));
            clauses.push(format!(
                "(i.happened_on {strict} ?{day} OR i.id {tie} ?{})",
                values.len()
            ));
        }
        values.push(Value::Integer(i64::from(limit)));
        let order = if newer { "ASC" } else { "DESC" };
        let (select, order_by) = if searching {
            (
                SELECT_INTERACTION.replacen("FROM interaction i", FROM_SEARCH, 1),
                format!("f.rowid {order}"),
            )
        } else {
            (
                SELECT_INTERACTION.to_string(),
                format!("i.happened_on {order}, i.id {order}"),
            )
        };
        let sql = format!(
            "{select} WHERE {} ORDER BY {order_by} LIMIT ?{}",
            clauses.join(" AND "),
            values.len()
        );
        let mut stmt = self.store.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params_from_iter(values), interaction_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    pub(crate) fn kind_by_id(&self, id: i64) -> Result<Kind> {
        self.store
            .conn
            .prepare_cached("SELECT id, name, category, builtin FROM kind WHERE id = ?1")?
            .query_row([id], super::people::kind_from_row)
            .optional()?
            .ok_or(StoreError::NotFound { what: "kind", id })
    }
}

impl EntriesMut<'_> {
    pub fn add_interaction(
        &mut self,
        draft: &InteractionDraft,
        now: DateTime<Utc>,
    ) -> Result<Interaction> {
        self.store.refuse_if_replaced()?;
        let kind = self.store.entries().kind_by_id(draft.kind_id)?;
        let mut draft = draft.clone();
        draft.validate(&kind)?;
        let tx = self.store.conn.transaction()?;
        let id = insert_entry(&tx, &draft, &instant_text(now))?;
        write_advice_loop(&tx, id, &kind, &draft)?;
        // The saved form's draft goes in the same transaction: a kill just
        // after the save can no longer leave it to be offered (and saved) again.
        discard_in(&tx, &self.store.draft_owner, ENTRY_DRAFT)?;
        tx.commit()?;
        self.store.entries().interaction(id)
    }

    /// A new entry and the promises made in it, in one transaction: each
    /// promise is made on the entry's day, about the entry's person.
    pub fn add_interaction_with_promises(
        &mut self,
        draft: &InteractionDraft,
        promises: &[crate::domain::PromiseNote],
        now: DateTime<Utc>,
    ) -> Result<Interaction> {
        self.store.refuse_if_replaced()?;
        let kind = self.store.entries().kind_by_id(draft.kind_id)?;
        let mut draft = draft.clone();
        draft.validate(&kind)?;
        let tx = self.store.conn.transaction()?;
        let stamp = instant_text(now);
        let id = insert_entry(&tx, &draft, &stamp)?;
        write_advice_loop(&tx, id, &kind, &draft)?;
        for note in promises {
            let promise = note.draft(draft.person_id, draft.happened_on, Some(id));
            super::promises::insert_promise(&tx, &promise, &stamp)?;
        }
        // As in `add_interaction`: the form's draft goes with the save.
        discard_in(&tx, &self.store.draft_owner, ENTRY_DRAFT)?;
        tx.commit()?;
        self.store.entries().interaction(id)
    }

    /// Saves `draft` over entry `id`, if nobody changed it since `expected_version`.
    pub fn update_interaction(
        &mut self,
        id: i64,
        expected_version: i64,
        draft: &InteractionDraft,
        now: DateTime<Utc>,
    ) -> Result<Interaction> {
        self.update_checked(id, None, expected_version, draft, now)
    }

    /// Saves `draft` over the entry a form was opened on — `id` with the
    /// stable key `uid`, at `expected_version` — and discards the form's
    /// draft in the same transaction. Stale when the entry changed since,
    /// or when `id` is another entry now (a restore hands ids out again).
    pub fn update_seen_interaction(
        &mut self,
        id: i64,
        uid: i64,
        expected_version: i64,
        draft: &InteractionDraft,
        now: DateTime<Utc>,
    ) -> Result<Interaction> {
        self.update_checked(id, Some(uid), expected_version, draft, now)
    }

    fn update_checked(
        &mut self,
        id: i64,
        uid: Option<i64>,
        expected_version: i64,
        draft: &InteractionDraft,
        now: DateTime<Utc>,
    ) -> Result<Interaction> {
        self.store.refuse_if_replaced()?;
        let kind = self.store.entries().kind_by_id(draft.kind_id)?;
        let mut draft = draft.clone();
        draft.validate(&kind)?;
        let tx = self.store.conn.transaction()?;
        let changed = tx
            .execute(
                "UPDATE interaction
                    SET person_id = ?1, kind_id = ?2, happened_on = ?3, at_time = ?4, minutes = ?5,
                        quality = ?6, initiated_by = ?7, title = ?8, notes = ?9, private = ?10,
                        updated_at = ?11, version = version + 1
                  WHERE id = ?12 AND version = ?13 AND deleted_at IS NULL
                    AND (?14 IS NULL OR uid IS ?14)",
                params_from_iter(entry_columns(&draft).into_iter().chain([
                    Value::Text(instant_text(now)),
                    Value::Integer(id),
                    Value::Integer(expected_version),
                    uid.map_or(Value::Null, Value::Integer),
                ])),
            )
            .map_err(|e| explain_foreign_key(e, draft.person_id))?;
        if changed == 0 {
            let live: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM interaction WHERE id = ?1 AND deleted_at IS NULL)",
                [id],
                |r| r.get(0),
            )?;
            return Err(if live {
                StoreError::Stale { id }
            } else {
                StoreError::NotFound { what: "entry", id }
            });
        }
        tx.execute(
            "DELETE FROM interaction_tag WHERE interaction_id = ?1",
            [id],
        )?;
        write_tags(&tx, id, &draft.tags)?;
        write_advice_loop(&tx, id, &kind, &draft)?;
        discard_in(&tx, &self.store.draft_owner, ENTRY_DRAFT)?;
        tx.commit()?;
        self.store.entries().interaction(id)
    }

    /// Marks entry `id` deleted; `undo_delete` brings it back.
    pub fn delete_interaction(&mut self, id: i64, now: DateTime<Utc>) -> Result<Interaction> {
        let entry = self.store.entries().interaction(id)?;
        let tx = self.store.conn.transaction()?;
        tx.execute(
            "UPDATE interaction SET deleted_at = ?1 WHERE id = ?2 AND deleted_at IS NULL",
            params![instant_text(now), id],
        )?;
        tx.commit()?;
        self.store.deleted_here.push(id);
        Ok(entry)
    }

    /// Restores the last entry this store deleted that is still deleted;
    /// `None` when it deleted none. The TUI's undo: another process's
    /// delete is never undone by it.
    pub fn undo_own_delete(&mut self) -> Result<Option<Interaction>> {
        while let Some(id) = self.store.deleted_here.pop() {
            let tx = self.store.conn.transaction()?;
            let restored = tx.execute(
                "UPDATE interaction SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
                [id],
            )?;
            tx.commit()?;
            if restored == 1 {
                return self.store.entries().interaction(id).map(Some);
            }
        }
        Ok(None)
    }

    /// Restores the most recently deleted entry; `None` when nothing is deleted.
    pub fn undo_delete(&mut self) -> Result<Option<Interaction>> {
        let tx = self.store.conn.transaction()?;
        let last: Option<i64> = tx
            .query_row(
                "SELECT id FROM interaction WHERE deleted_at IS NOT NULL
                  ORDER BY deleted_at DESC, id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let Some(id) = last else {
            return Ok(None);
        };
        tx.execute(
            "UPDATE interaction SET deleted_at = NULL WHERE id = ?1",
            [id],
        )?;
        tx.commit()?;
        self.store.entries().interaction(id).map(Some)
    }
}

/// Turns what a user typed into an FTS5 query: every word must appear, as a
/// prefix, and no character of the input can act as FTS5 syntax.
fn explain_foreign_key(e: rusqlite::Error, person_id: i64) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) if e.to_string().contains("FOREIGN KEY") => {
            StoreError::NotFound {
                what: "person",
                id: person_id,
            }
        }
        _ => StoreError::from(e),
    }
}

/// Writes a new entry from `draft` (already checked) and its tags inside
/// `tx`, created and updated at `stamp`; returns its id. Every way an entry
/// is added goes through here.
pub(super) fn insert_entry(
    tx: &Transaction<'_>,
    draft: &InteractionDraft,
    stamp: &str,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO interaction (person_id, kind_id, happened_on, at_time, minutes, quality,
                                  initiated_by, title, notes, private, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
    )?
    .execute(params_from_iter(
        entry_columns(draft)
            .into_iter()
            .chain([Value::Text(stamp.to_string())]),
    ))
    .map_err(|e| explain_foreign_key(e, draft.person_id))?;
    let id = tx.last_insert_rowid();
    write_tags(tx, id, &draft.tags)?;
    Ok(id)
}

/// The entry's own columns, in the order the INSERT and UPDATE name them
/// (?1 to ?10).
fn entry_columns(draft: &InteractionDraft) -> [Value; 10] {
    let optional = |v: Option<i64>| v.map_or(Value::Null, Value::Integer);
    [
        Value::Integer(draft.person_id),
        Value::Integer(draft.kind_id),
        Value::Text(day_text(draft.happened_on)),
        draft
            .at_time
            .map_or(Value::Null, |t| Value::Text(time_text(t))),
        optional(draft.minutes.map(i64::from)),
        optional(draft.quality.map(i64::from)),
        Value::Text(draft.initiated_by.as_str().to_string()),
        Value::Text(draft.title.clone()),
        Value::Text(draft.notes.clone()),
        Value::Integer(i64::from(draft.private)),
    ]
}

/// Tags entry `id` (a tag given twice is kept once); every writer of
/// entries, imports included, tags through here.
pub(super) fn write_tags(tx: &Transaction<'_>, id: i64, tags: &[String]) -> rusqlite::Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO interaction_tag (interaction_id, tag) VALUES (?1, ?2)",
    )?;
    for tag in tags {
        stmt.execute(params![id, tag])?;
    }
    Ok(())
}

/// An ask opens an advice loop (its question is the title); other kinds have none.
pub(super) fn write_advice_loop(
    tx: &Transaction<'_>,
    id: i64,
    kind: &Kind,
    draft: &InteractionDraft,
) -> Result<()> {
    if kind.category != Category::Ask {
        tx.prepare_cached("DELETE FROM advice_loop WHERE interaction_id = ?1")?
            .execute([id])?;
        return Ok(());
    }
    tx.prepare_cached(
        "INSERT INTO advice_loop (interaction_id, question, strength) VALUES (?1, ?2, ?3)
         ON CONFLICT (interaction_id) DO UPDATE
            SET question = excluded.question,
                strength = coalesce(?4, advice_loop.strength)",
    )?
    .execute(params![
        id,
        draft.title,
        draft.advice_strength.clone().unwrap_or_default(),
        draft.advice_strength,
    ])?;
    Ok(())
}

fn interaction_from_row(row: &Row<'_>) -> rusqlite::Result<Interaction> {
    let category: String = row.get(5)?;
    let happened_on: String = row.get(6)?;
    let at_time: Option<String> = row.get(7)?;
    let quality: Option<i64> = row.get(9)?;
    let initiated_by: String = row.get(10)?;
    let tags: Option<String> = row.get(13)?;
    let loop_id: Option<i64> = row.get(14)?;
    let reported_on: Option<String> = row.get(18)?;
    let created_at: String = row.get(19)?;
    let updated_at: String = row.get(20)?;
    let bad = |idx: usize, e: crate::domain::DomainError| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    };
    let id: i64 = row.get(0)?;
    let advice_loop = match loop_id {
        Some(loop_id) => Some(AdviceLoop {
            id: loop_id,
            interaction_id: id,
            question: row.get(15)?,
            strength: row.get(16)?,
            applied: row.get(17)?,
            reported_on: reported_on.map(|d| parse_day_column(18, &d)).transpose()?,
        }),
        None => None,
    };
    Ok(Interaction {
        id,
        person_id: row.get(1)?,
        person: row.get(2)?,
        kind_id: row.get(3)?,
        kind: row.get(4)?,
        category: category.parse().map_err(|e| bad(5, e))?,
        happened_on: parse_day_column(6, &happened_on)?,
        at_time: at_time
            .map(|t| {
                NaiveTime::parse_from_str(&t, "%H:%M").map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        7,
                        rusqlite::types::Type::Text,
                        Box::new(e),
                    )
                })
            })
            .transpose()?,
        minutes: row.get(8)?,
        quality: quality
            .map(crate::domain::Quality::new)
            .transpose()
            .map_err(|e| bad(9, e))?,
        initiated_by: initiated_by.parse().map_err(|e| bad(10, e))?,
        title: row.get(11)?,
        notes: row.get(12)?,
        tags: tags
            .map(|t| t.split('\u{1f}').map(str::to_string).collect())
            .unwrap_or_default(),
        advice_loop,
        created_at: parse_instant_column(19, &created_at)?,
        updated_at: parse_instant_column(20, &updated_at)?,
        version: row.get(21)?,
        uid: row.get::<_, Option<i64>>(22)?.unwrap_or_default(),
        private: row.get(23)?,
    })
}
