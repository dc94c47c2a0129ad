//! Importing people with their strengths, and what is known of them:
//! profile items and expectations.

use rusqlite::{OptionalExtension, Transaction, params};

use super::super::export::ExportDocument;
use super::super::import::{ImportReport, Outcome};
use super::{Fresh, IdMap, already_there, keep_id};

pub(super) fn import_people(
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

/// Profile items and expectations. An item already there (same id, same
/// person, facet, text and day noted) is skipped.
pub(super) fn import_profiles(
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
