//! People and their strengths, and the kinds of interaction.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row, params};

use super::{Result, Store, StoreError, day_text, instant_text, parse_day_column};
use crate::domain::interaction::validate_kind_name;
use crate::domain::person::{cleaned_strengths, validate_cadence};
use crate::domain::{
    Category, Kind, NameMatch, Person, PersonDraft, ProfileChange, Relation, find_by_name,
};

/// Changes to a person; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonChange {
    pub name: Option<String>,
    pub role: Option<String>,
    /// Replaces the whole list of strengths.
    pub strengths: Option<Vec<String>>,
    pub cadence_days: Option<Option<u32>>,
    pub next_one_on_one: Option<Option<NaiveDate>>,
    pub make_current: bool,
    pub archived: Option<bool>,
    pub relation: Option<Relation>,
    /// The name to call them by; empty goes back to the first word of their name.
    pub call: Option<String>,
    /// Their profile: goals, pressures, blind spots, style, needs.
    pub profile: ProfileChange,
}

const PERSON_COLUMNS: &str =
    "id, name, role, is_current, cadence_days, next_one_on_one, archived, relation, call";

/// Reads of people, their strengths, and the kinds of entry: `store.people()`.
pub struct People<'a> {
    pub(super) store: &'a Store,
}

/// Changes to people and kinds, each in one transaction: `store.people_mut()`.
pub struct PeopleMut<'a> {
    pub(super) store: &'a mut Store,
}

impl Store {
    pub fn people(&self) -> People<'_> {
        People { store: self }
    }

    pub fn people_mut(&mut self) -> PeopleMut<'_> {
        PeopleMut { store: self }
    }
}

impl People<'_> {
    pub fn person(&self, id: i64) -> Result<Person> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM person WHERE id = ?1");
        let person = self
            .store
            .conn
            .query_row(&sql, [id], person_from_row)
            .optional()?
            .ok_or(StoreError::NotFound { what: "person", id })?;
        self.with_strengths(person)
    }

    /// The person a typed name picks out, ignoring case: the full name, a
    /// first name, or a unique beginning of the name (see
    /// [`find_by_name`]); an ambiguous one lists the matches.
    pub fn person_named(&self, name: &str) -> Result<Person> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM person WHERE name = ?1");
        if let Some(p) = self
            .store
            .conn
            .query_row(&sql, [name.trim()], person_from_row)
            .optional()?
        {
            return self.with_strengths(p);
        }
        let everyone = self.list(true)?;
        match find_by_name(&everyone, name) {
            NameMatch::One(p) => Ok(p.clone()),
            NameMatch::Several(found) => Err(StoreError::Ambiguous {
                what: "person",
                name: name.trim().to_string(),
                matches: or_list(found.iter().map(|p| p.name.as_str())),
            }),
            NameMatch::None => {
                let known = everyone.into_iter().map(|p| p.name).collect::<Vec<_>>();
                let hint = if known.is_empty() {
                    format!("; add them with `rapport person add \"{}\"`", name.trim())
                } else {
                    format!(
                        " (known: {}); add them with `rapport person add`",
                        known.join(", ")
                    )
                };
                Err(StoreError::NoSuchName {
                    what: "person",
                    name: name.trim().to_string(),
                    hint,
                })
            }
        }
    }

    /// The current manager, if one is set.
    pub fn current_person(&self) -> Result<Option<Person>> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM person WHERE is_current = 1");
        match self
            .store
            .conn
            .query_row(&sql, [], person_from_row)
            .optional()?
        {
            Some(p) => Ok(Some(self.with_strengths(p)?)),
            None => Ok(None),
        }
    }

    /// Everyone, current first, then by name; archived people only if asked.
    pub fn list(&self, include_archived: bool) -> Result<Vec<Person>> {
        let sql = format!(
            "SELECT {PERSON_COLUMNS} FROM person WHERE archived = 0 OR ?1
             ORDER BY is_current DESC, name"
        );
        let mut stmt = self.store.conn.prepare(&sql)?;
        let people = stmt
            .query_map([include_archived], person_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        people.into_iter().map(|p| self.with_strengths(p)).collect()
    }

    fn with_strengths(&self, mut person: Person) -> Result<Person> {
        let mut stmt = self
            .store
            .conn
            .prepare_cached("SELECT text FROM strength WHERE person_id = ?1 ORDER BY id")?;
        person.strengths = stmt
            .query_map([person.id], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(person)
    }

    /// All kinds, built-in first, then by name.
    pub fn kinds(&self) -> Result<Vec<Kind>> {
        let mut stmt = self.store.conn.prepare_cached(
            "SELECT id, name, category, builtin FROM kind ORDER BY builtin DESC, id",
        )?;
        let kinds = stmt
            .query_map([], kind_from_row)?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(kinds)
    }

    pub fn kind_named(&self, name: &str) -> Result<Kind> {
        let wanted = name.trim().to_ascii_lowercase();
        let aliases = [
            ("1on1", "one_on_one"),
            ("1:1", "one_on_one"),
            ("dinner", "meal"),
            ("lunch", "meal"),
        ];
        let wanted = aliases
            .iter()
            .find(|(alias, _)| *alias == wanted)
            .map(|(_, real)| real.to_string())
            .unwrap_or(wanted);
        self.kinds()?
            .into_iter()
            .find(|k| k.name == wanted)
            .ok_or_else(|| {
                let known = self
                    .kinds()
                    .map(|ks| {
                        ks.into_iter()
                            .map(|k| k.name)
                            .collect::<Vec<_>>()
                            .join(", ")
                    })
                    .unwrap_or_default();
                StoreError::NoSuchName {
                    what: "kind",
                    name: name.trim().to_string(),
                    hint: format!(
                        " (known: {known}); add one with `rapport kind add NAME --category C`"
                    ),
                }
            })
    }
}

impl PeopleMut<'_> {
    pub fn add_person(
        &mut self,
        draft: &PersonDraft,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Person> {
        let mut draft = draft.clone();
        draft.validate()?;
        let tx = self.store.conn.transaction()?;
        let exists: Option<i64> = tx
            .query_row(
                "SELECT id FROM person WHERE name = ?1",
                [&draft.name],
                |r| r.get(0),
            )
            .optional()?;
        if exists.is_some() {
            return Err(StoreError::Conflict(format!(
                "there is already a person named `{}`; use `rapport person set` to change them",
                draft.name
            )));
        }
        let has_current: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM person WHERE is_current = 1)",
            [],
            |r| r.get(0),
        )?;
        // The first person added is the current manager unless said otherwise.
        let make_current = draft.is_current || !has_current;
        if make_current {
            tx.execute("UPDATE person SET is_current = 0 WHERE is_current = 1", [])?;
        }
        let stamp = instant_text(now);
        tx.execute(
            "INSERT INTO person (name, role, is_current, cadence_days, created_at, updated_at, relation)
             VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
            params![
                draft.name,
                draft.role.trim(),
                make_current,
                draft.cadence_days,
                stamp,
                draft.relation.as_str()
            ],
        )?;
        let id = tx.last_insert_rowid();
        write_strengths(&tx, id, &draft.strengths, today)?;
        tx.commit()?;
        self.store.people().person(id)
    }

    pub fn update_person(
        &mut self,
        id: i64,
        change: &PersonChange,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Person> {
        if let Some(cadence) = change.cadence_days {
            validate_cadence(cadence)?;
        }
        change.profile.validate(true)?;
        let tx = self.store.conn.transaction()?;
        let found: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM person WHERE id = ?1)",
            [id],
            |r| r.get(0),
        )?;
        if !found {
            return Err(StoreError::NotFound { what: "person", id });
        }
        let stamp = instant_text(now);
        if let Some(name) = &change.name {
            let name = name.trim();
            if name.is_empty() {
                return Err(crate::domain::DomainError::Empty("a person's name").into());
            }
            let clash: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM person WHERE name = ?1 AND id <> ?2)",
                params![name, id],
                |r| r.get(0),
            )?;
            if clash {
                return Err(StoreError::Conflict(format!(
                    "there is already a person named `{name}`"
                )));
            }
            tx.execute(
                "UPDATE person SET name = ?1 WHERE id = ?2",
                params![name, id],
            )?;
        }
        if let Some(role) = &change.role {
            tx.execute(
                "UPDATE person SET role = ?1 WHERE id = ?2",
                params![role.trim(), id],
            )?;
        }
        if let Some(cadence) = change.cadence_days {
            tx.execute(
                "UPDATE person SET cadence_days = ?1 WHERE id = ?2",
                params![cadence, id],
            )?;
        }
        if let Some(next) = change.next_one_on_one {
            tx.execute(
                "UPDATE person SET next_one_on_one = ?1 WHERE id = ?2",
                params![next.map(day_text), id],
            )?;
        }
        if let Some(call) = &change.call {
            tx.execute(
                "UPDATE person SET call = ?1 WHERE id = ?2",
                params![call.trim(), id],
            )?;
        }
        if let Some(relation) = change.relation {
            tx.execute(
                "UPDATE person SET relation = ?1 WHERE id = ?2",
                params![relation.as_str(), id],
            )?;
        }
        if let Some(archived) = change.archived {
            tx.execute(
                "UPDATE person SET archived = ?1 WHERE id = ?2",
                params![archived, id],
            )?;
        }
        if change.make_current {
            tx.execute("UPDATE person SET is_current = 0 WHERE is_current = 1", [])?;
            tx.execute(
                "UPDATE person SET is_current = 1, archived = 0 WHERE id = ?1",
                [id],
            )?;
        }
        if let Some(strengths) = &change.strengths {
            // Strengths given again keep the day they were first noted.
            let strengths = cleaned_strengths(strengths);
            let mut stmt =
                tx.prepare_cached("SELECT id, text FROM strength WHERE person_id = ?1")?;
            let known = stmt
                .query_map([id], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
                .collect::<Result<Vec<_>, _>>()?;
            drop(stmt);
            for (strength_id, text) in &known {
                if !strengths.iter().any(|s| s.eq_ignore_ascii_case(text)) {
                    tx.execute("DELETE FROM strength WHERE id = ?1", [strength_id])?;
                }
            }
            let new: Vec<String> = strengths
                .into_iter()
                .filter(|s| !known.iter().any(|(_, k)| k.eq_ignore_ascii_case(s)))
                .collect();
            write_strengths(&tx, id, &new, today)?;
        }
        super::profiles::apply_profile_change(&tx, Some(id), &change.profile, today)?;
        tx.execute(
            "UPDATE person SET updated_at = ?1 WHERE id = ?2",
            params![stamp, id],
        )?;
        tx.commit()?;
        self.store.people().person(id)
    }

    pub fn add_kind(&mut self, name: &str, category: Category) -> Result<Kind> {
        let name = validate_kind_name(name)?;
        let tx = self.store.conn.transaction()?;
        let exists: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM kind WHERE name = ?1)",
            [&name],
            |r| r.get(0),
        )?;
        if exists {
            return Err(StoreError::Conflict(format!(
                "there is already a kind named `{name}`"
            )));
        }
        tx.execute(
            "INSERT INTO kind (name, category) VALUES (?1, ?2)",
            params![name, category.as_str()],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        Ok(Kind {
            id,
            name,
            category,
            builtin: false,
        })
    }
}

fn write_strengths(
    tx: &rusqlite::Transaction<'_>,
    person_id: i64,
    strengths: &[String],
    today: NaiveDate,
) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO strength (person_id, text, noted_on) VALUES (?1, ?2, ?3)",
    )?;
    for s in strengths {
        stmt.execute(params![person_id, s, day_text(today)])?;
    }
    Ok(())
}

fn person_from_row(row: &Row<'_>) -> rusqlite::Result<Person> {
    let next: Option<String> = row.get(5)?;
    Ok(Person {
        id: row.get(0)?,
        name: row.get(1)?,
        role: row.get(2)?,
        is_current: row.get(3)?,
        cadence_days: row.get(4)?,
        next_one_on_one: next.map(|d| parse_day_column(5, &d)).transpose()?,
        archived: row.get(6)?,
        strengths: Vec::new(),
        relation: relation_column(row, 7)?,
        call: row.get(8)?,
    })
}

/// A `relation` column; the schema's CHECK keeps it one of the known words.
pub(super) fn relation_column(row: &Row<'_>, idx: usize) -> rusqlite::Result<Relation> {
    let text: String = row.get(idx)?;
    text.parse().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
    })
}

pub(super) fn kind_from_row(row: &Row<'_>) -> rusqlite::Result<Kind> {
    let category: String = row.get(2)?;
    Ok(Kind {
        id: row.get(0)?,
        name: row.get(1)?,
        category: category.parse().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e))
        })?,
        builtin: row.get(3)?,
    })
}

/// `Sam Lee or Samir Haddad`, `A, B or C`.
fn or_list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        Some((last, _)) => (*last).to_string(),
        None => String::new(),
    }
}
