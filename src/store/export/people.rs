//! People and what is known of them: each person with their strengths,
//! profile items and expectations, as records of the export.

use rusqlite::Connection;
use serde::Serialize;

use super::{Children, Result, Sink, each_row};

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

pub(super) fn each_person(conn: &Connection, sink: Sink<'_, PersonRecord>) -> Result<()> {
    let mut strengths =
        conn.prepare("SELECT person_id, id, text, noted_on FROM strength ORDER BY person_id, id")?;
    let mut strengths = Children::new(strengths.query_map([], |r| {
        Ok((
            r.get(0)?,
            StrengthRecord {
                id: r.get(1)?,
                text: r.get(2)?,
                noted_on: r.get(3)?,
            },
        ))
    })?);
    each_row(
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
        &mut |mut person: PersonRecord| {
            person.strengths = strengths.of(person.id)?;
            Ok(sink(person))
        },
    )
}

pub(super) fn each_profile_item(
    conn: &Connection,
    sink: Sink<'_, ProfileItemRecord>,
) -> Result<()> {
    each_row(
        conn,
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
        &mut |item| Ok(sink(item)),
    )
}

pub(super) fn each_expectation(conn: &Connection, sink: Sink<'_, ExpectationRecord>) -> Result<()> {
    each_row(
        conn,
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
        &mut |item| Ok(sink(item)),
    )
}
